"""Exclusions by category: sentences that say what the SLA does not cover, classified by
the taxonomy lexicons in knowledge/exclusions. A catch-all is flagged as such."""

from __future__ import annotations

from .context import Context
from .model import Exclusion

FIELDS = ("exclusions",)
_LIST_GOES_ON = (";", "；", ":", "：", ",", "，", "、", "or", "and")


def extract(ctx: Context) -> dict:
    out: list[Exclusion] = []
    seen: set[tuple[str, str]] = set()
    lead_ins = _lead_ins(ctx)
    parent = {c.id: c.parent for c in ctx.doc.clauses}
    carry = None  # a clause whose exclusion list runs on over several sentences
    seen_clause: set[str] = set()
    for unit in ctx.sla_units:
        first_in_clause = unit.clause not in seen_clause
        seen_clause.add(unit.clause)
        # "DDoS against our name servers is not excluded": context words turned around
        spans = unit.spans("exclusion_context")
        affirmed = [] if any(unit.negated(c, window=15) for c in spans) else spans
        in_context = (bool(affirmed) or "exclusion_context" in unit.heading_cues
                      or (first_in_clause and parent.get(unit.clause) in lead_ins) or carry == unit.clause)
        carry = unit.clause if in_context and unit.norm.rstrip(" •·▪◦-–").endswith(_LIST_GOES_ON) else None
        if not in_context or (unit.spans("exclusion_context") and not affirmed):
            # ("such as" / 例如 lists examples of the category: still an exclusion)
            continue
        for label in sorted(unit.labels("excl:")):
            category = label[5:]
            if (category, unit.text) in seen:
                continue
            seen.add((category, unit.text))
            out.append(Exclusion(category=category, text=unit.text, catch_all=category == "other",
                                 evidence=unit.evidence(f"exclusion context + {category} cue")))
    return {"exclusions": out}


def _lead_ins(ctx: Context) -> set[str]:
    """Clauses whose last sentence introduces a list of exclusions ("... caused by:"), so
    that their lettered sub-clauses are read as exclusions too."""
    last: dict[str, object] = {}
    for unit in ctx.units:
        if unit.cells is None:
            last[unit.clause] = unit
    return {cid for cid, u in last.items() if u.has("exclusion_context")}
