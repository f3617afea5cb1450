"""slacheck: read a Service Level Agreement and see what it really promises.

The command line lives in ``slacheck.cli``; the stages it runs are
``slacheck.clauses`` (file -> Document), ``slacheck.extractors`` (Document -> Summary)
and ``slacheck.knowledge`` (data and risk rules). Heavy libraries (spaCy, pdfplumber)
are imported only by the stages that need them.
"""

__version__ = "0.1.0"
