"""Every failure a user can cause ends in one stderr line and its documented exit code."""

import hashlib
import zlib

import pytest
from typer.testing import CliRunner

from slacheck.cli.app import app

runner = CliRunner()

SLA_LINES = ["Example Cloud Service Level Agreement", "1. Commitment",
             "We will keep the service available at least 99.9% of each month."]


def run(*args):
    result = runner.invoke(app, [str(a) for a in args])
    return result


def assert_one_line_error(result, code, *needles):
    assert result.exit_code == code, (result.exit_code, result.output)
    err = result.stderr.strip().splitlines()
    assert len(err) == 1, result.stderr
    assert err[0].startswith("slacheck: error: ")
    assert "Traceback" not in result.output
    for n in needles:
        assert n in err[0], err[0]


def test_missing_file(tmp_path):
    assert_one_line_error(run("outline", tmp_path / "nope.pdf"), 3, "nope.pdf", "no such file")


def test_directory(tmp_path):
    assert_one_line_error(run("review", tmp_path), 3, "directory")


def test_empty_file(tmp_path):
    f = tmp_path / "empty.pdf"
    f.write_bytes(b"")
    assert_one_line_error(run("outline", f), 4, "empty")


@pytest.mark.parametrize("content,needle", [
    (b"<!DOCTYPE html><html><body>SLA</body></html>", "HTML"),
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "PNG"),
    (b"PK\x03\x04" + b"\x00" * 64, "ZIP"),
])
def test_not_a_pdf(tmp_path, content, needle):
    f = tmp_path / "contract.pdf"
    f.write_bytes(content)
    assert_one_line_error(run("outline", f), 5, "not a PDF", needle)


def test_truncated_pdf(tmp_path, pdf_factory):
    good = pdf_factory("good.pdf", [SLA_LINES])
    data = good.read_bytes()
    bad = tmp_path / "truncated.pdf"
    bad.write_bytes(data[: len(data) // 3])
    result = run("outline", bad)
    assert result.exit_code in (6,), result.output
    assert_one_line_error(result, 6, "truncated or corrupt")


def test_garbage_after_header(tmp_path):
    bad = tmp_path / "garbage.pdf"
    bad.write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 20)
    assert_one_line_error(run("review", bad), 6, "corrupt")


def test_encrypted_pdf(pdf_factory):
    f = pdf_factory("locked.pdf", [SLA_LINES], encrypt="secret")
    assert_one_line_error(run("outline", f), 7, "encrypted")


def test_no_text_layer(tmp_path):
    from reportlab.pdfgen import canvas

    f = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(f))
    for _ in range(2):
        c.rect(50, 50, 400, 600, fill=1)
        c.showPage()
    c.save()
    assert_one_line_error(run("outline", f), 8, "no text layer", "pages 1-2")


def test_page_limit_and_flag(pdf_factory):
    f = pdf_factory("long.pdf", [SLA_LINES, SLA_LINES, SLA_LINES])
    assert_one_line_error(run("outline", f, "--max-pages", "2"), 9, "3 pages", "--max-pages")
    assert run("outline", f, "--max-pages", "3").exit_code == 0


def test_time_budget(pdf_factory):
    f = pdf_factory("slow.pdf", [SLA_LINES] * 40)
    assert_one_line_error(run("outline", f, "--timeout", "0.001"), 10, "--timeout")


def test_decompression_bomb(tmp_path, monkeypatch):
    from slacheck.clauses import guard

    monkeypatch.setattr(guard._BoundedZlib, "limit", 4 * 1024 * 1024)
    stream = zlib.compress(b"0" * (16 * 1024 * 1024), 9)
    f = tmp_path / "bomb.pdf"
    f.write_bytes(_pdf_with_stream(stream))
    assert_one_line_error(run("outline", f), 11, "inflates beyond")


def test_input_file_is_never_modified(pdf_factory):
    f = pdf_factory("sla.pdf", [SLA_LINES])
    before = hashlib.sha256(f.read_bytes()).hexdigest()
    mtime = f.stat().st_mtime_ns
    assert run("review", f, "--format", "json").exit_code == 0
    assert hashlib.sha256(f.read_bytes()).hexdigest() == before
    assert f.stat().st_mtime_ns == mtime


def test_unsupported_suffix(tmp_path):
    f = tmp_path / "contract.docx"
    f.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    assert_one_line_error(run("outline", f), 5, "docx")


def _pdf_with_stream(stream: bytes) -> bytes:
    """A one-page PDF whose content stream is ``stream`` (Flate)."""
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objs, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)
