"""What every extractor receives: the document, its units and the summary so far."""

from __future__ import annotations

from dataclasses import dataclass

from slacheck.clauses import Document

from .model import Summary
from .nlp import Tagger
from .units import Unit


@dataclass
class Context:
    doc: Document
    language: str
    tagger: Tagger
    units: list[Unit]
    summary: Summary

    def credit_units(self) -> list[Unit]:
        """Units that speak of credits or claims, in their own words or their heading's."""
        return [u for u in self.units if u.has("credit") or "credit" in u.heading_cues
                or "claim" in u.heading_cues]
