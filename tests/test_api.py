"""The Python API: the README example runs as written; errors are typed and match the CLI."""

import contextlib
import io
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

import slacheck
from slacheck.cli.app import app
from slacheck.errors import ALL_ERRORS, EmptyFile, FileMissing, NoTextLayer, SlacheckError, UnsupportedFormat
from slacheck.extractors.model import Summary

ROOT = Path(__file__).resolve().parent.parent
SLA = ["Beichen Cloud Service Level Agreement", "1. Service Commitment",
       "Beichen Cloud will make the Service available with a Monthly Uptime Percentage",
       "of at least 99.95% during each calendar month.",
       "2. Service Credits",
       "Less than 99.95% but at least 99.0%: 10% of the monthly fee.",
       "Less than 99.0%: 30% of the monthly fee.",
       "Service Credits will not exceed 50% of the monthly fee for the affected Service."]


def readme_blocks() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Python API", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```python\n(.*?)```", section, re.S)


def run_block(code: str, cwd: Path, monkeypatch) -> str:
    monkeypatch.chdir(cwd)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, "README.md", "exec"), {"__name__": "__readme__"})
    return out.getvalue()


def test_readme_example_runs_as_written(tmp_path, pdf_factory, monkeypatch):
    example = readme_blocks()[0]
    assert len(example.strip().splitlines()) == 5, example
    pdf_factory("sla.pdf", [SLA])
    out = run_block(example, tmp_path, monkeypatch).splitlines()
    assert out[0].startswith("Beichen") and "99.95" in out[0], out
    assert out[1] == "50", out
    assert out[2] == "99.95", out


def test_readme_error_example_runs_as_written(tmp_path, monkeypatch):
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(tmp_path / "scan.pdf"))
    c.rect(50, 50, 400, 600, fill=1)
    c.showPage()
    c.save()
    code = "import slacheck\n" + readme_blocks()[1]
    out = run_block(code, tmp_path, monkeypatch)
    assert out.startswith("no_text 8 scan.pdf: no text layer"), out


def test_analyze_returns_a_typed_summary(pdf_factory):
    summary = slacheck.analyze(pdf_factory("sla.pdf", [SLA]))
    assert isinstance(summary, Summary)
    data = summary.to_dict()
    assert data["schema_version"] == "1" and data["source"]["pages"] == 1
    assert [c.uptime_percent for c in summary.commitments] == [99.95]
    assert '"schema_version": "1"' in summary.to_json()
    assert summary.risks and all("id" in r and "severity" in r for r in summary.risks)


@pytest.mark.parametrize("text,language", [
    ("\n".join(SLA), "en"),
    ("本服务的月度服务可用性不低于99.95%。\n月度服务可用性低于99.95%但不低于99%的，赔偿月度服务费的10%。", "zh"),
])
def test_analyze_text_detects_or_takes_the_language(text, language):
    detected = slacheck.analyze_text(text)
    assert detected.source["language"] == language
    assert [c.uptime_percent for c in detected.commitments] == [99.95]
    forced = slacheck.analyze_text(text, language=language)
    assert forced.to_dict() == detected.to_dict()


def test_errors_are_typed_with_the_cli_exit_codes(tmp_path):
    (tmp_path / "empty.pdf").write_bytes(b"")
    (tmp_path / "page.pdf").write_text("<html><body>SLA</body></html>")
    cases = [(tmp_path / "nope.pdf", FileMissing), (tmp_path / "empty.pdf", EmptyFile),
             (tmp_path / "page.pdf", UnsupportedFormat), (tmp_path, FileMissing)]
    for path, cls in cases:
        with pytest.raises(cls) as info:
            slacheck.analyze(path)
        err = info.value
        assert isinstance(err, SlacheckError) and str(path) in str(err)
        cli = CliRunner().invoke(app, ["review", str(path)])
        assert cli.exit_code == err.exit_code
        assert cli.stderr.strip() == f"slacheck: error: {err.line()}"


def test_one_class_per_exit_code():
    codes = [cls.exit_code for cls in ALL_ERRORS]
    assert len(codes) == len(set(codes))
    assert all(issubclass(cls, SlacheckError) and cls.code for cls in ALL_ERRORS)
    assert NoTextLayer.exit_code == 8
