"""Normalisation for matching: NFKC (fullwidth digits and ％ become ASCII) plus the CJK
radical look-alikes that NFKC leaves alone. The original text is kept for quotes."""

from __future__ import annotations

import re
import unicodedata

from slacheck.knowledge import radical_map

_SPACES = re.compile(r"[ \t\u00a0\u3000]+")


def normalize(text: str) -> str:
    text = unicodedata.normalize("NFKC", text.translate(radical_map()))
    return _SPACES.sub(" ", text).strip()


def cjk_share(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    cjk = sum(1 for c in letters if "\u4e00" <= c <= "\u9fff" or "\u3400" <= c <= "\u4dbf")
    return cjk / len(letters)


def detect_language(text: str) -> str:
    """Per document, by the share of CJK characters among letters."""
    return "zh" if cjk_share(text) >= 0.2 else "en"
