"""Exclusions by category: sentences that say what the SLA does not cover, classified by
the taxonomy lexicons in knowledge/exclusions. A catch-all is flagged as such."""

from __future__ import annotations

from .context import Context
from .model import Exclusion

FIELDS = ("exclusions",)


def extract(ctx: Context) -> dict:
    out: list[Exclusion] = []
    seen: set[tuple[str, str]] = set()
    for unit in ctx.units:
        in_context = unit.has("exclusion_context") or "exclusion_context" in unit.heading_cues
        if not in_context or unit.has("example"):
            continue
        for label in sorted(unit.labels("excl:")):
            category = label[5:]
            if (category, unit.text) in seen:
                continue
            seen.add((category, unit.text))
            out.append(Exclusion(category=category, text=unit.text, catch_all=category == "other",
                                 evidence=unit.evidence(f"exclusion context + {category} cue")))
    return {"exclusions": out}
