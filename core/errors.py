"""The one error hierarchy of slacheck.

Every failure a user can cause is a subclass of :class:`SlacheckError` with a stable exit
code; the CLI turns it into one line on stderr (see README, "Exit codes"). Codes are never
reused for another meaning.
"""

from __future__ import annotations


class SlacheckError(Exception):
    """A failure the user can act on. ``str(err)`` is the one-line message."""

    exit_code = 1
    code = "error"

    def __init__(self, path: str | None, message: str, hint: str = "") -> None:
        self.path = path
        self.message = message
        self.hint = hint
        super().__init__(self.line())

    def line(self) -> str:
        where = f"{self.path}: " if self.path else ""
        hint = f" ({self.hint})" if self.hint else ""
        return f"{where}{self.message}{hint}"


class FileMissing(SlacheckError):
    exit_code = 3
    code = "missing"


class EmptyFile(SlacheckError):
    exit_code = 4
    code = "empty"


class UnsupportedFormat(SlacheckError):
    exit_code = 5
    code = "not_pdf"


class CorruptPdf(SlacheckError):
    exit_code = 6
    code = "corrupt"


class EncryptedPdf(SlacheckError):
    exit_code = 7
    code = "encrypted"


class NoTextLayer(SlacheckError):
    exit_code = 8
    code = "no_text"


class TooManyPages(SlacheckError):
    exit_code = 9
    code = "too_many_pages"


class TimeBudgetExceeded(SlacheckError):
    exit_code = 10
    code = "timeout"


class TooLarge(SlacheckError):
    exit_code = 11
    code = "too_large"


class BadOption(SlacheckError):
    """An option value the user gave cannot be used (policy file, period, ...)."""

    exit_code = 12
    code = "bad_option"


ALL_ERRORS = (
    FileMissing,
    EmptyFile,
    UnsupportedFormat,
    CorruptPdf,
    EncryptedPdf,
    NoTextLayer,
    TooManyPages,
    TimeBudgetExceeded,
    TooLarge,
    BadOption,
)
