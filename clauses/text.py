"""Plain text, Markdown and HTML -> lines and tables (users paste SLAs from web pages).

A form feed starts a new page; HTML and Markdown tables become ruled tables."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from .model import Line, Table
from .normalize import normalize

_MD_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")


def _line(page: int, text: str, top: float, bold: bool = False, table: int | None = None) -> Line:
    # Plain text has no geometry: a character is 5 points wide, a line 12 points high, so
    # "a short line ends its paragraph" works as it does on a PDF page.
    return Line(page=page, text=text, norm=normalize(text), top=top, bottom=top + 10, size=10,
                x0=0.0, x1=5.0 * len(text),
                bold=bold, segments=[(0.0, text)], table=table)


def read_text(text: str, markdown: bool = False) -> tuple[list[list[Line]], list[Table]]:
    pages: list[list[Line]] = []
    tables: list[Table] = []
    for page_no, chunk in enumerate(text.split("\f"), start=1):
        lines: list[Line] = []
        rows: list[list[str]] = []
        for top, raw in enumerate(chunk.splitlines()):
            stripped = raw.strip()
            is_row = markdown and stripped.startswith("|") and stripped.count("|") >= 2
            if is_row and not _MD_RULE.match(stripped):
                rows.append([c.strip() for c in stripped.strip("|").split("|")])
            if (not is_row or not stripped) and rows:
                tables.append(Table(page=page_no, rows=rows, bbox=(0, 0, 0, 0), ruled=True))
                rows = []
            if not stripped or _MD_RULE.match(stripped) and is_row:
                continue
            bold = False
            if markdown:
                heading = re.match(r"^#{1,6}\s+(.*)$", stripped)
                if heading:
                    stripped, bold = heading.group(1), True
                stripped = re.sub(r"\*\*(.+?)\*\*", r"\1", stripped)
            if is_row:
                stripped = "   ".join(c.strip() for c in stripped.strip("|").split("|"))
            lines.append(_line(page_no, stripped, float(top) * 12, bold,
                               len(tables) if is_row else None))
        if rows:
            tables.append(Table(page=page_no, rows=rows, bbox=(0, 0, 0, 0), ruled=True))
        pages.append(lines)
    return pages, tables


_BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "br", "table",
           "section", "article", "header", "footer", "title", "dt", "dd", "blockquote"}
_SKIP = {"script", "style", "head", "noscript", "template"}


class _HtmlLines(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[Line] = []
        self.tables: list[Table] = []
        self._buf: list[str] = []
        self._skip = 0
        self._bold = 0
        self._heading = False
        self._rows: list[list[str]] | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag in _SKIP:
            self._skip += 1
        elif tag in ("b", "strong"):
            self._bold += 1
        elif tag == "table":
            self._flush()
            self._rows = []
        elif tag == "tr" and self._rows is not None:
            self._rows.append([])
        elif tag in ("td", "th") and self._rows is not None:
            self._cell = []
        elif tag in _BLOCKS:
            self._flush()
            self._heading = tag.startswith("h") and tag[1:].isdigit()

    def handle_endtag(self, tag):
        if tag in _SKIP:
            self._skip = max(0, self._skip - 1)
        elif tag in ("b", "strong"):
            self._bold = max(0, self._bold - 1)
        elif tag in ("td", "th") and self._cell is not None and self._rows is not None:
            if not self._rows:
                self._rows.append([])
            self._rows[-1].append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr" and self._rows:
            row = self._rows[-1]
            if any(row):
                self._emit("   ".join(row), table=len(self.tables))
        elif tag == "table" and self._rows is not None:
            rows = [r for r in self._rows if any(r)]
            if rows:
                self.tables.append(Table(page=1, rows=rows, bbox=(0, 0, 0, 0), ruled=True))
            self._rows = None
        elif tag in _BLOCKS:
            self._flush()
            self._heading = False

    def handle_data(self, data):
        if self._skip:
            return
        if self._cell is not None:
            self._cell.append(data)
        elif self._rows is None:
            self._buf.append(data)

    def _flush(self):
        text = " ".join("".join(self._buf).split())
        self._buf = []
        if text:
            self._emit(text, bold=self._heading or self._bold > 0)

    def _emit(self, text, bold=False, table=None):
        self.lines.append(_line(1, text, float(len(self.lines)) * 12, bold, table))

    def close(self):
        super().close()
        self._flush()


def read_html(text: str) -> tuple[list[list[Line]], list[Table]]:
    parser = _HtmlLines()
    parser.feed(text)
    parser.close()
    return [parser.lines], parser.tables
