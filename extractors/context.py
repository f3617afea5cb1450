"""What every extractor receives: the document, its units and the summary so far."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from slacheck.clauses import Document

from .model import Summary
from .nlp import Tagger
from .units import Unit

# A heading that opens the service-level part of a longer agreement.
_SLA_HEADING = re.compile(r"service levels?|\bSLA\b|服务等级|服务水平|服务质量", re.I)
SLA_SHARE = 0.7  # an SLA part covering more of the document than this is the whole document


@dataclass
class Context:
    doc: Document
    language: str
    tagger: Tagger
    units: list[Unit]
    summary: Summary
    services: dict[str, str] = field(default_factory=dict)  # clause id -> service (services.py)

    def credit_units(self) -> list[Unit]:
        """Units that speak of credits or claims, in their own words or their heading's."""
        return [u for u in self.sla_units if u.has("credit") or "credit" in u.heading_cues
                or "claim" in u.heading_cues]

    @cached_property
    def sla_clauses(self) -> set[str] | None:
        """In a master agreement with an SLA schedule or chapter inside, the clauses of that
        part; None for a document that is an SLA throughout. Caps, claims and exclusions
        are read there only, so the agreement's liability cap or invoice-dispute window is
        not taken for the SLA's."""
        clauses = self.doc.clauses
        children: dict[str, list[str]] = {}
        for c in clauses:
            if c.parent is not None:
                children.setdefault(c.parent, []).append(c.id)
        named = [c for c in clauses[1:] if c.level <= 2 and c.heading and _SLA_HEADING.search(c.heading)]
        if not named or named[0] is clauses[min(1, len(clauses) - 1)]:
            return None  # no SLA part named, or the document's own title names it an SLA
        roots = [c for c in named if children.get(c.id)]
        if not roots:
            return None
        inside: set[str] = set()
        for root in roots:
            todo = [root.id]
            while todo:
                cid = todo.pop()
                if cid not in inside:
                    inside.add(cid)
                    todo.extend(children.get(cid, []))
        share = sum(1 for u in self.units if u.clause in inside) / max(1, len(self.units))
        return inside if share < SLA_SHARE else None

    @cached_property
    def sla_units(self) -> list[Unit]:
        part = self.sla_clauses
        return self.units if part is None else [u for u in self.units if u.clause in part]
