"""NLP extractors: Document -> typed findings with evidence -> Summary."""

from __future__ import annotations

from slacheck.clauses import Document

from .model import Summary


def summarize(doc: Document) -> Summary:
    """Run every registered extractor over ``doc`` and return the Summary (risks are added
    by ``slacheck.knowledge.rules``)."""
    from .context import Context
    from .nlp import tagger
    from .registry import REGISTRY
    from .units import build_units

    tag = tagger(doc.language)
    summary = Summary(source={"path": doc.path, "sha256": doc.sha256, "pages": doc.pages,
                              "language": doc.language}, warnings=list(doc.warnings))
    ctx = Context(doc=doc, language=doc.language, tagger=tag, units=build_units(doc, tag), summary=summary)
    for extractor in REGISTRY:
        result = extractor.extract(ctx)
        unknown = set(result) - set(extractor.FIELDS)
        if unknown:
            raise RuntimeError(f"{extractor.__name__} returned fields it does not declare: {unknown}")
        for name, value in result.items():
            setattr(summary, name, value)
    return summary


__all__ = ["summarize", "Summary"]
