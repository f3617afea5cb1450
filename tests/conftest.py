import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT / "corpora"


def corpus_pdfs():
    return sorted(CORPORA.glob("*/*/*.pdf"))


def make_pdf(path: Path, pages: list[list[str]], *, encrypt: str | None = None, font: str = "Helvetica") -> Path:
    """A small PDF with one text line per entry, built with reportlab."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4, encrypt=encrypt, invariant=1)
    for lines in pages:
        y = 780
        for line in lines:
            c.setFont(font, 10)
            c.drawString(60, y, line)
            y -= 14
        c.showPage()
    c.save()
    return path


@pytest.fixture
def pdf_factory(tmp_path):
    def build(name: str, pages: list[list[str]], **kw) -> Path:
        return make_pdf(tmp_path / name, pages, **kw)

    return build


@pytest.fixture(autouse=True)
def _plain_terminal(monkeypatch):
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("NO_COLOR", "1")
    yield
