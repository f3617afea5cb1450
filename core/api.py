"""The Python API: the same data the CLI prints, for programs."""

from __future__ import annotations

import os

from slacheck.clauses import DEFAULT_MAX_PAGES, DEFAULT_TIMEOUT


def analyze(path: str | os.PathLike, *, max_pages: int = DEFAULT_MAX_PAGES,
            timeout: float | None = DEFAULT_TIMEOUT, policy=None):
    """Read an SLA file and return its :class:`~slacheck.extractors.model.Summary`
    (``to_dict()`` / ``to_json()`` give the JSON contract). Raises a
    :class:`slacheck.errors.SlacheckError` subclass for bad input."""
    from slacheck.clauses import read

    return summarize_document(read(path, max_pages=max_pages, timeout=timeout), policy=policy)


def analyze_text(text: str, language: str | None = None, *, policy=None):
    """Like :func:`analyze` for text already in hand (Markdown tables are read as tables)."""
    from slacheck.clauses.model import Document
    from slacheck.clauses.normalize import detect_language
    from slacheck.clauses.segment import segment
    from slacheck.clauses.text import read_text
    import hashlib

    pages, tables = read_text(text, markdown=True)
    lines = [ln for page in pages for ln in page]
    lang = language or detect_language(" ".join(ln.norm for ln in lines[:4000]))
    doc = Document(path="<text>", sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
                   pages=len(pages), language=lang, lines=lines, tables=tables)
    return summarize_document(segment(doc), policy=policy)


def summarize_document(doc, policy=None):
    from slacheck.extractors import summarize

    from slacheck.knowledge import rules

    summary = summarize(doc)
    summary.risks = rules.evaluate(summary, policy=policy)
    return summary
