"""Reading contracts: file -> Document of pages, lines, tables, clauses and definitions."""

from __future__ import annotations

from .ingest import DEFAULT_MAX_PAGES, DEFAULT_TIMEOUT, load
from .model import Clause, Definition, Document, Line, Table
from .segment import segment


def read(path, *, max_pages: int = DEFAULT_MAX_PAGES, timeout: float | None = DEFAULT_TIMEOUT) -> Document:
    """Load and segment a document in one call."""
    return segment(load(path, max_pages=max_pages, timeout=timeout))


__all__ = ["read", "load", "segment", "Document", "Clause", "Definition", "Line", "Table",
           "DEFAULT_MAX_PAGES", "DEFAULT_TIMEOUT"]
