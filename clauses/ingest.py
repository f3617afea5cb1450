"""File -> Document: the one place that reads the user's file (read-only)."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from slacheck.errors import EmptyFile, FileMissing, NoTextLayer, TooLarge, UnsupportedFormat

from .guard import Deadline
from .model import Document, Line, Table
from .normalize import detect_language

DEFAULT_MAX_PAGES = 500
DEFAULT_TIMEOUT = 60.0
MAX_FILE_BYTES = 200 * 1024 * 1024
TEXT_SUFFIXES = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown",
                 ".html": "html", ".htm": "html"}

_SIGNATURES = [
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP or Office (docx/xlsx) file"),
    (b"\xd0\xcf\x11\xe0", "an old Office (doc/xls) file"),
    (b"{\\rtf", "an RTF file"),
]


def load(path: str | os.PathLike, *, max_pages: int = DEFAULT_MAX_PAGES,
         timeout: float | None = DEFAULT_TIMEOUT) -> Document:
    """Read a PDF, text, Markdown or HTML file into a Document of lines and tables.

    Raises a :class:`slacheck.errors.SlacheckError` subclass for anything the user can fix.
    """
    name = str(path)
    p = Path(path)
    if not p.exists():
        raise FileMissing(name, "no such file", "check the path")
    if p.is_dir():
        raise FileMissing(name, "is a directory, not a file", "name one SLA file, or use `slacheck batch`")
    try:
        size = p.stat().st_size
        with p.open("rb") as fh:
            head = fh.read(2048)
    except OSError as exc:
        raise FileMissing(name, f"cannot be read ({exc.strerror})", "check its permissions") from None
    if size == 0:
        raise EmptyFile(name, "the file is empty", "export the SLA again")
    if size > MAX_FILE_BYTES:
        raise TooLarge(name, f"the file is {size >> 20} MiB, over the {MAX_FILE_BYTES >> 20} MiB limit",
                       "split it or pass the SLA schedule alone")
    sha = _sha256(p)
    deadline = Deadline(timeout)
    suffix = p.suffix.lower()
    warnings: list[str] = []
    producer = None
    if b"%PDF-" in head[:1024]:
        from .pdf import read_pdf

        content = read_pdf(name, max_pages=max_pages, deadline=deadline)
        pages, tables, count, producer = content.pages, content.tables, content.page_count, content.producer
        if content.empty_pages and len(content.empty_pages) == count:
            raise NoTextLayer(name, f"no text layer on any page (pages {_ranges(content.empty_pages)}); "
                              "it looks scanned", "run OCR first (e.g. ocrmypdf) and review the result")
        if content.empty_pages:
            warnings.append(f"no text on pages {_ranges(content.empty_pages)} (scanned or blank); "
                            "terms on those pages are not read")
        if content.garbled_pages:
            warnings.append(f"text on pages {_ranges(content.garbled_pages)} is partly unreadable "
                            "(cid codes or replacement characters); findings there may be missing")
    elif suffix in TEXT_SUFFIXES:
        pages, tables = _read_text_file(name, p.read_bytes(), TEXT_SUFFIXES[suffix])
        count = len(pages)
    else:
        raise UnsupportedFormat(name, f"is not a PDF ({_sniff(head)})",
                                "slacheck reads .pdf, .txt, .md and .html files")
    lines: list[Line] = [ln for page in pages for ln in page]
    if not any(ln.norm for ln in lines):
        if count and suffix not in TEXT_SUFFIXES:
            raise NoTextLayer(name, "no text found on any page", "run OCR first and review the result")
        raise EmptyFile(name, "the file has no text", "export the SLA again")
    language = detect_language(" ".join(ln.norm for ln in lines[:4000]))
    return Document(path=name, sha256=sha, pages=count, language=language, lines=lines,
                    tables=tables, warnings=warnings, producer=producer)


def _read_text_file(name: str, data: bytes, kind: str) -> tuple[list[list[Line]], list[Table]]:
    from .text import read_html, read_text

    if b"\x00" in data[:4096]:
        raise UnsupportedFormat(name, f"is not a text file ({_sniff(data[:2048])})",
                                "slacheck reads .pdf, .txt, .md and .html files")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        text = data.decode("latin-1")
    if kind == "html":
        return read_html(text)
    return read_text(text, markdown=kind == "markdown")


def _sniff(head: bytes) -> str:
    for magic, what in _SIGNATURES:
        if head.startswith(magic):
            return f"it looks like {what}"
    lowered = head[:512].lstrip().lower()
    if lowered.startswith((b"<!doctype html", b"<html")) or b"<html" in lowered:
        return "it looks like an HTML page; save it as .html or print it to PDF"
    if not head.strip():
        return "it holds only blank bytes"
    return "no PDF header found"


def _sha256(p: Path) -> str:
    digest = hashlib.sha256()
    with p.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _ranges(numbers: list[int]) -> str:
    out, start, prev = [], None, None
    for n in numbers + [None]:
        if start is None:
            start = prev = n
        elif n is not None and n == prev + 1:
            prev = n
        else:
            out.append(f"{start}" if start == prev else f"{start}-{prev}")
            start = prev = n
    return ", ".join(out)
