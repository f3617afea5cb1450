"""slacheck: read a Service Level Agreement and see what it really promises.

The command line lives in ``slacheck.cli``; the stages it runs are
``slacheck.clauses`` (file -> Document), ``slacheck.extractors`` (Document -> Summary)
and ``slacheck.knowledge`` (data and risk rules). Heavy libraries (spaCy, pdfplumber)
are imported only when a document is read.

    >>> import slacheck
    >>> summary = slacheck.analyze("sla.pdf")
    >>> summary.to_dict()["commitments"]
"""

__version__ = "0.1.0"


def analyze(path, **kwargs):
    from slacheck.api import analyze as _analyze

    return _analyze(path, **kwargs)


def analyze_text(text, language=None, **kwargs):
    from slacheck.api import analyze_text as _analyze_text

    return _analyze_text(text, language, **kwargs)


__all__ = ["analyze", "analyze_text", "__version__"]
