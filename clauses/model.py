"""The page-anchored object model: every element knows its page and its box."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Line:
    """One line of text in reading order.

    ``text`` is what the document shows (kept for quotes); ``norm`` is the NFKC-normalised
    form with CJK radical look-alikes folded, used for matching. ``cells`` are the pieces
    of the line separated by wide gaps (cells of a table without ruling lines), as
    ``(x, text)``; ``segments`` holds them, or None for the usual line of one piece that
    starts at ``x0`` (a long document has tens of thousands of lines: slots and no list of
    one piece per line keep each line small).
    """

    page: int
    text: str
    norm: str
    x0: float = 0.0
    top: float = 0.0
    x1: float = 0.0
    bottom: float = 0.0
    size: float = 0.0
    bold: bool = False
    segments: list[tuple[float, str]] | None = None
    table: int | None = None  # index into Document.tables when the line is part of one

    @property
    def cells(self) -> list[tuple[float, str]]:
        return [(self.x0, self.text)] if self.segments is None else self.segments

    def to_dict(self) -> dict:
        return {"page": self.page, "text": self.text, "top": round(self.top, 1)}


@dataclass
class Table:
    page: int
    rows: list[list[str]]
    bbox: tuple[float, float, float, float]
    ruled: bool
    clause: str | None = None

    def to_dict(self) -> dict:
        return {"page": self.page, "ruled": self.ruled, "clause": self.clause, "rows": self.rows}


@dataclass
class Clause:
    id: str
    number: str | None
    heading: str | None
    level: int
    style: str
    page_start: int
    page_end: int
    lines: list[Line] = field(default_factory=list)
    parent: str | None = None
    children: list[str] = field(default_factory=list)
    tables: list[int] = field(default_factory=list)

    @property
    def text(self) -> str:
        return join_lines([ln.text for ln in self.lines])

    @property
    def norm(self) -> str:
        return join_lines([ln.norm for ln in self.lines])

    def to_dict(self, tables: list[Table] | None = None) -> dict:
        out = {
            "id": self.id,
            "number": self.number,
            "heading": self.heading,
            "level": self.level,
            "pages": [self.page_start, self.page_end],
            "parent": self.parent,
            "children": self.children,
        }
        if tables is not None:
            out["tables"] = [tables[i].rows for i in self.tables]
        return out


@dataclass
class Definition:
    term: str
    text: str
    page: int
    clause: str | None


@dataclass
class Document:
    path: str
    sha256: str
    pages: int
    language: str
    lines: list[Line]
    tables: list[Table] = field(default_factory=list)
    clauses: list[Clause] = field(default_factory=list)
    glossary: list[Definition] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    producer: str | None = None

    def clause(self, clause_id: str) -> Clause:
        for c in self.clauses:
            if c.id == clause_id:
                return c
        raise KeyError(clause_id)


def _is_cjk(ch: str) -> bool:
    return "\u3000" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef" or "\uf900" <= ch <= "\ufaff"


def join_lines(parts: list[str]) -> str:
    """Join wrapped lines: no space between CJK text (a number wrapped as ``5`` / ``0%``
    comes back as ``50%``), hyphenated English words rejoined, one space otherwise."""
    out = ""
    for part in parts:
        part = part.strip()
        if not part:
            continue
        if not out:
            out = part
            continue
        a, b = out[-1], part[0]
        if a == "-" and len(out) > 1 and out[-2].isalpha() and b.islower():
            out = out[:-1] + part
        elif _is_cjk(a) or _is_cjk(b) and not a.isalpha():
            out += part
        elif (a.isdigit() or a == ".") and (b.isdigit() or b in ".%％") and _cjk_context(out):
            out += part
        else:
            out += " " + part
    return out


def _cjk_context(text: str) -> bool:
    tail = text[-12:]
    return any(_is_cjk(c) for c in tail)
