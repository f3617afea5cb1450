"""The claim: how many days the customer has to ask for a credit, counted how, and what
the request must contain."""

from __future__ import annotations

import re

from .context import Context
from .model import Claim
from .quantities import durations

FIELDS = ("claim",)
_CYCLES = re.compile(
    r"end of the (first|second|third|next|following)\s+(?:full\s+)?(?:billing cycle|billing period|month|calendar month)|"
    r"within (one|two|three|1|2|3) (?:full\s+)?(?:calendar\s+)?months?|"
    r"(?:次月|下个月|下月)(?:底|末)|"
    r"(?:后|内)的?(一|两|二|三|1|2|3)个(?:自然)?月内?", re.I)
_ORDINAL = {"first": 1, "next": 1, "following": 1, "second": 2, "third": 3, "one": 1, "two": 2,
            "three": 3, "1": 1, "2": 2, "3": 3, "一": 1, "两": 2, "二": 2, "三": 3}
_REQUIRE = re.compile(r"must include|must contain|shall include|include[sd]?:|following information|"
                      r"包括|包含|提供以下|应当提供|需提供|须提供|需要提供", re.I)
_CLAIM_WORDS = ("claim", "request", "submit", "ticket", "apply", "申请", "提出", "提交", "索赔", "工单")


def _is_claim(unit, ctx) -> bool:
    words = unit.norm.lower()
    return any(w in words for w in _CLAIM_WORDS) and (unit.has("credit") or "credit" in unit.heading_cues
                                                       or "claim" in unit.heading_cues)


def extract(ctx: Context) -> dict:
    best = None
    requirements: list[str] = []
    for unit in ctx.units:
        if unit.cells is not None or unit.has("example") or not _is_claim(unit, ctx):
            continue
        if _REQUIRE.search(unit.norm):
            requirements.append(unit.text)
        days = None
        business = False
        window = None
        m = _CYCLES.search(unit.norm)
        if m:
            n = next(g for g in m.groups() if g) if any(m.groups()) else "1"
            days = 30.0 * _ORDINAL.get(n.lower(), 1)
            window = m.group(0)
        else:
            ds = [d for d in durations(unit.norm, ctx.language) if d.minutes >= 1440 and d.count <= 366]
            lead = re.search(r"within|no later than|not later than|内|之内|以内|前", unit.norm, re.I)
            if ds and lead:
                d = ds[0]
                days = d.minutes / 1440
                business = d.business
                window = unit.norm[d.start:d.end]
        if days is None:
            continue
        if best is None:
            best = Claim(window_days=days, business_days=business, window_text=window,
                         requirements=[], evidence=unit.evidence("claim: request word + time limit"))
    if best is None:
        return {"claim": Claim(None, False, None, requirements, None) if requirements else None}
    best.requirements = requirements
    return {"claim": best}
