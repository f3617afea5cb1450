"""Sole and exclusive remedy: true only where the document says so (or 唯一/全部 wording),
about the SLA's credits or availability, not about some other promise in a longer agreement
("sole and exclusive remedy for breach of the warranty in clause 12.1")."""

from __future__ import annotations

import re

from .context import Context

FIELDS = ("sole_remedy", "sole_remedy_evidence")
_SLA_WORDS = re.compile(r"credit|service level|availab|downtime|uptime|\bSLA\b|fee reduction|"
                        r"赔偿|补偿|可用性|服务等级|服务水平|不可用", re.I)
_OTHER_PROMISE = re.compile(r"^\W{0,3}(?:\w+\s+){0,3}?(?:for|of)\s+(?:any\s+|the\s+|a\s+)?(?:breach\s+of\s+(?:the\s+|any\s+)?)?"
                            r"(?:warrant|indemn|infring|non-?conformit|defect)", re.I)


_OBJECT = re.compile(r"\s*(?:for|if|where|when|with respect to|in respect of|regarding|concerning|as to|in relation to)\s+"
                     r"([^.;:。；]{1,120})", re.I)
_FAILURE = re.compile(r"failure to (?:meet|achieve|provide|make)|outage|interruption|unavailab|not available|"
                      r"any failure|service failure|故障|中断", re.I)


def extract(ctx: Context) -> dict:
    inside = {id(u) for u in ctx.sla_units}
    for unit in ctx.units:
        for cue in unit.spans("sole_remedy"):
            if unit.negated(cue, window=12) or _OTHER_PROMISE.search(unit.norm[cue.end:cue.end + 80]):
                continue
            # "… exclusive remedy with respect to a Migration Success Rate below the threshold":
            # the remedy is named for something that is not the SLA's
            m = _OBJECT.match(unit.norm, cue.end)
            if m and not (_SLA_WORDS.search(m.group(1)) or _FAILURE.search(m.group(1))):
                continue
            if id(unit) not in inside and not _SLA_WORDS.search(unit.norm):
                continue
            return {"sole_remedy": True, "sole_remedy_evidence": unit.evidence("sole remedy wording")}
    return {"sole_remedy": False, "sole_remedy_evidence": None}
