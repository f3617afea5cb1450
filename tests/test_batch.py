"""`slacheck batch`: a folder of good and bad files, one result per file, cache, time budget."""

import json
import os
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from slacheck.cli import batch as batch_module
from slacheck.cli.app import app

runner = CliRunner()

SLA_EN = ["Example Cloud Service Level Agreement", "1. Service Commitment",
          "Example Cloud will use commercially reasonable efforts to make the Service available",
          "with a Monthly Uptime Percentage of at least 99.9% during each calendar month.",
          "2. Service Credits",
          "Less than 99.9% but equal to or greater than 99.0%: 10% of the monthly fee.",
          "Less than 99.0%: 25% of the monthly fee.",
          "3. Claims", "You must submit a claim within 30 days of the end of the month."]
SLA_MD = """# Beispiel SaaS Service Level Agreement

## 1. Availability
The Service will be available 99.5% of each calendar month.

## 2. Credits
| Monthly availability | Credit |
| --- | --- |
| below 99.5% | 10% |
| below 95% | 30% |
"""

EXPECTED = {  # file -> error code (None: reviewed)
    "a-good.pdf": None,
    "b-notes.md": None,
    "c-empty.pdf": "empty",
    "d-webpage.pdf": "not_pdf",
    "e-truncated.pdf": "corrupt",
    "f-locked.pdf": "encrypted",
    "sub/g-good-copy.pdf": None,
}
EXIT = {"empty": 4, "not_pdf": 5, "corrupt": 6, "encrypted": 7}


@pytest.fixture(autouse=True)
def _cache_in_tmp(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    return tmp_path / "xdg-cache"


@pytest.fixture
def folder(tmp_path, pdf_factory):
    root = tmp_path / "slas"
    (root / "sub").mkdir(parents=True)
    good = pdf_factory("good.pdf", [SLA_EN])
    (root / "a-good.pdf").write_bytes(good.read_bytes())
    (root / "b-notes.md").write_text(SLA_MD, encoding="utf-8")
    (root / "c-empty.pdf").write_bytes(b"")
    (root / "d-webpage.pdf").write_text("<!DOCTYPE html><html><body>SLA</body></html>")
    data = good.read_bytes()
    (root / "e-truncated.pdf").write_bytes(data[: len(data) // 3])
    (root / "f-locked.pdf").write_bytes(pdf_factory("locked.pdf", [SLA_EN], encrypt="secret").read_bytes())
    (root / "sub" / "g-good-copy.pdf").write_bytes(data)
    (root / "contract.docx").write_bytes(b"PK\x03\x04" + b"\x00" * 64)  # not a supported suffix: skipped
    (root / ".hidden.pdf").write_bytes(b"")  # hidden files are skipped
    return root


def jsonl(result):
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def check_lines(root, lines):
    assert [ln.get("source") if "error" in ln else ln["source"]["path"] for ln in lines] == \
        [str(root / name) for name in EXPECTED]
    for line, (name, code) in zip(lines, EXPECTED.items()):
        if code is None:
            assert "error" not in line, line
            assert line["schema_version"] == "1"
            assert line["source"]["pages"] >= 1
            assert line["commitments"], (name, line["commitments"])
        else:
            assert set(line) == {"source", "error"}
            err = line["error"]
            assert err["code"] == code and err["exit_code"] == EXIT[code], (name, err)
            assert err["message"].startswith(str(root / name) + ": ")


def test_mixed_folder_jsonl_then_cache_hit(folder, monkeypatch, _cache_in_tmp):
    first = runner.invoke(app, ["batch", str(folder), "--format", "jsonl", "--workers", "2"])
    assert first.exit_code == 1, first.output
    check_lines(folder, jsonl(first))
    errors = [ln for ln in first.stderr.splitlines() if ln.startswith("slacheck: error: ")]
    assert len(errors) == 4 and "Traceback" not in first.output
    assert list(_cache_in_tmp.glob("slacheck/batch/*/*.json"))

    # Second run over the unchanged folder: every result comes from the cache, no worker.
    def no_workers(jobs, *a, **kw):
        raise AssertionError(f"cache missed: {jobs}")

    monkeypatch.setattr(batch_module, "run_pool", no_workers)
    second = runner.invoke(app, ["batch", str(folder), "--format", "jsonl"])
    assert second.exit_code == 1, second.output
    assert second.stdout == first.stdout

    # A changed file is reviewed again; the others still come from the cache.
    seen = []
    monkeypatch.setattr(batch_module, "run_pool", lambda jobs, on_result, **kw: [
        seen.append(path) or on_result(key, path, batch_module.review_file(path, 500, 60)) for key, path in jobs])
    (folder / "b-notes.md").write_text(SLA_MD.replace("99.5% of each", "99.95% of each"), encoding="utf-8")
    third = runner.invoke(app, ["batch", str(folder), "--format", "jsonl"])
    assert seen == [str(folder / "b-notes.md")]
    assert jsonl(third)[1]["commitments"][0]["uptime_percent"] == 99.95


def test_no_cache_reviews_everything_and_writes_nothing(folder, _cache_in_tmp):
    result = runner.invoke(app, ["batch", str(folder), "--format", "jsonl", "--no-cache", "--workers", "1"])
    assert result.exit_code == 1
    check_lines(folder, jsonl(result))
    assert not _cache_in_tmp.exists()


def test_summary_table(folder):
    result = runner.invoke(app, ["batch", str(folder), "--glob", "*.pdf", "--workers", "2"])
    assert result.exit_code == 1, result.output
    out = result.stdout
    for header in ("provider", "commitment", "worst credit", "cap", "claim window", "high risks"):
        assert header in out.replace("\n", " ") or header.split()[0] in out
    assert "b-notes.md" not in out and "g-good-copy" not in out  # --glob narrows, not recursive here
    assert "99.9%" in out and "25%" in out and "30 days" in out
    assert "error: encrypted" in out
    assert out.rstrip().endswith("5 file(s), 1 reviewed, 4 failed")


def test_all_good_exits_zero(tmp_path, pdf_factory):
    root = tmp_path / "ok"
    root.mkdir()
    pdf_factory("x.pdf", [SLA_EN]).rename(root / "x.pdf")
    (root / "y.md").write_text(SLA_MD, encoding="utf-8")
    result = runner.invoke(app, ["batch", str(root), "-f", "jsonl"])
    assert result.exit_code == 0, result.output
    assert len(jsonl(result)) == 2 and result.stderr == ""


def test_slow_file_is_ended_and_the_batch_goes_on(tmp_path):
    root = tmp_path / "slow"
    root.mkdir()
    # Several MB of SLA prose: far more than a second of work, no PDF reader alarm involved,
    # so only the pool's own budget can stop it.
    (root / "huge.txt").write_text(("\n".join(SLA_EN) + "\n") * 12000, encoding="utf-8")
    (root / "small.md").write_text(SLA_MD, encoding="utf-8")
    result = runner.invoke(app, ["batch", str(root), "-f", "jsonl", "--timeout", "3", "--workers", "1"])
    assert result.exit_code == 1, result.output
    huge, small = jsonl(result)
    assert huge["error"]["code"] == "timeout" and huge["error"]["exit_code"] == 10
    assert "worker was ended" in huge["error"]["message"] and "--timeout" in huge["error"]["message"]
    assert "error" not in small and small["commitments"]


def crash_on_b(path, **options):
    if path.endswith("b"):
        os._exit(3)
    return {"review": {"path": path, **options}}


def test_pool_replaces_a_dead_worker():
    got = {}
    stats = batch_module.PoolStats()
    batch_module.run_pool([(1, "a"), (2, "b"), (3, "c")], lambda k, p, r: got.__setitem__(k, r),
                          workers=1, timeout=30, work=crash_on_b, options={"x": 1}, stats=stats)
    assert got[1] == {"review": {"path": "a", "x": 1}}
    assert got[2]["error"]["code"] == "worker_died" and got[2]["error"]["exit_code"] == 1
    assert got[3] == {"review": {"path": "c", "x": 1}}
    assert stats.spawned == 2


@pytest.mark.parametrize("make,needle", [
    (lambda p: p.write_text("x"), "is not a folder"),
    (lambda p: p.mkdir(), "holds no .pdf"),
])
def test_bad_folder(tmp_path, make, needle):
    target = tmp_path / "target"
    make(target)
    result = runner.invoke(app, ["batch", str(target)])
    assert result.exit_code == 3
    assert result.stderr.startswith("slacheck: error: ") and needle in result.stderr


def test_help_imports_no_heavy_library():
    code = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from slacheck.cli.app import app\n"
        "for args in (['--help'], ['batch', '--help'], ['review', '--help']):\n"
        "    r = CliRunner().invoke(app, args)\n"
        "    assert r.exit_code == 0, r.output\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in\n"
        "               ('spacy', 'pdfplumber', 'pdfminer', 'jieba', 'thinc', 'rich', 'multiprocessing'))\n"
        "print(heavy)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]", out
