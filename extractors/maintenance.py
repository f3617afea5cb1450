"""Scheduled maintenance: notice period, maximum hours, and whether it is excluded."""

from __future__ import annotations

import re

from .context import Context
from .model import Maintenance
from .quantities import durations

FIELDS = ("maintenance",)
_NOTICE = re.compile(r"notice|notify|notif|announce|通知|公告|告知", re.I)
_LIMIT = re.compile(r"not exceed|no more than|up to|at most|maximum|limited to|不超过|最多|累计不超过", re.I)


def extract(ctx: Context) -> dict:
    notice = max_hours = None
    evidence = None
    excluded = False
    for unit in ctx.units:
        if not unit.has("excl:scheduled_maintenance") or unit.has("example"):
            continue
        evidence = evidence or unit.evidence("maintenance wording")
        if unit.has("exclusion_context") or "exclusion_context" in unit.heading_cues:
            excluded = True
        ds = [d for d in durations(unit.norm, ctx.language) if d.minutes >= 60]
        for d in ds:
            window = unit.norm[max(0, d.start - 40):d.end + 25]
            if notice is None and _NOTICE.search(window) and not _LIMIT.search(unit.norm[max(0, d.start - 25):d.start]):
                notice = d.minutes / 60
                evidence = unit.evidence("maintenance: notice period")
            elif max_hours is None and _LIMIT.search(unit.norm[max(0, d.start - 30):d.start]):
                max_hours = d.minutes / 60
    if evidence is None:
        return {"maintenance": None}
    return {"maintenance": Maintenance(notice_hours=notice, max_hours=max_hours, excluded=excluded,
                                      evidence=evidence)}
