"""Golden files for every corpus document: its outline, its summary (the JSON contract)
and its review rendered at a fixed width without colour.

Rewrite them on purpose with SLACHECK_UPDATE_GOLDEN=1 and read the diff before committing."""

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from slacheck.cli.app import app

from conftest import ROOT, corpus_pdfs

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("SLACHECK_UPDATE_GOLDEN") == "1"
PDFS = corpus_pdfs()
runner = CliRunner()


def _rel(pdf: Path) -> str:
    return pdf.relative_to(ROOT).as_posix()


def check_golden(kind: str, name: str, actual: str) -> None:
    path = GOLDEN / kind / name
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        return
    assert path.exists(), f"no golden file {path}; run with SLACHECK_UPDATE_GOLDEN=1"
    assert actual == path.read_text(encoding="utf-8"), f"{kind}/{name} differs from its golden file"


def _invoke(*args) -> str:
    cwd = os.getcwd()
    os.chdir(ROOT)  # paths in the output are relative to the repository
    try:
        result = runner.invoke(app, list(args))
    finally:
        os.chdir(cwd)
    assert result.exit_code in (0, 1), result.output
    return result.stdout


def test_corpus_is_there():
    langs = {p.parent.parent.name for p in PDFS}
    splits = {p.parent.name for p in PDFS}
    assert len([p for p in PDFS if "/en/" in _rel(p)]) >= 8
    assert len([p for p in PDFS if "/zh/" in _rel(p)]) >= 8
    assert langs == {"en", "zh"} and splits == {"dev", "test"}
    for pdf in PDFS:
        assert pdf.with_suffix(".json").exists(), f"{pdf} has no label"
        assert pdf.with_suffix(".html").exists(), f"{pdf} has no source"


@pytest.mark.parametrize("pdf", PDFS, ids=lambda p: p.stem)
def test_outline(pdf):
    check_golden("outline", pdf.stem + ".txt", _invoke("outline", _rel(pdf)))


@pytest.mark.parametrize("pdf", PDFS, ids=lambda p: p.stem)
def test_summary(pdf):
    data = json.loads(_invoke("review", _rel(pdf), "--format", "json"))
    assert data["schema_version"] == "1"
    assert data["source"]["language"] == json.loads(pdf.with_suffix(".json").read_text(encoding="utf-8"))["language"]
    for c in data["commitments"]:
        assert c["evidence"]["page"] >= 1 and c["evidence"]["text"]
    check_golden("summary", pdf.stem + ".json", json.dumps(data, ensure_ascii=False, indent=2) + "\n")


@pytest.mark.parametrize("pdf", PDFS, ids=lambda p: p.stem)
def test_review_rendering(pdf):
    check_golden("review", pdf.stem + ".txt", _invoke("review", _rel(pdf), "--format", "text"))
