"""Sole and exclusive remedy: true only where the document says so (or 唯一/全部 wording)."""

from __future__ import annotations

from .context import Context

FIELDS = ("sole_remedy", "sole_remedy_evidence")


def extract(ctx: Context) -> dict:
    for unit in ctx.units:
        for cue in unit.spans("sole_remedy"):
            if not unit.negated(cue, window=12):
                return {"sole_remedy": True, "sole_remedy_evidence": unit.evidence("sole remedy wording")}
    return {"sole_remedy": False, "sole_remedy_evidence": None}
