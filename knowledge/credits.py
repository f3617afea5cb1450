"""What a contract owes for a given month: the tier that applies, duration-based credits,
the cap and proration. Shared by `credit`, `compare` and `claim`."""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field

MINUTES_PER_DAY = 24 * 60


@dataclass
class Owed:
    uptime_percent: float
    downtime_minutes: float
    period_minutes: float
    commitment: float | None
    credit_percent: float  # of the monthly fee, after the cap
    uncapped_percent: float
    cap_percent: float | None
    tier: object | None = None  # the CreditTier that applied
    duration_credit: object | None = None
    reasons: list[str] = field(default_factory=list)  # why nothing (or less) is owed
    excluded_by: str | None = None


def month_minutes(period: str | None) -> float:
    """Minutes in a month 'YYYY-MM' (28 to 31 days); 30 days when no period is given."""
    if not period:
        return 30 * MINUTES_PER_DAY
    year, month = (int(x) for x in period.split("-"))
    return calendar.monthrange(year, month)[1] * MINUTES_PER_DAY


def commitments_for(summary, scope: str | None):
    cs = summary.commitments
    if scope:
        scoped = [c for c in cs if c.scope and scope.lower() in c.scope.lower()]
        return scoped
    return cs


def tiers_for(summary, scope: str | None):
    ts = summary.credit_tiers
    scopes = {t.scope for t in ts}
    if scope:
        scoped = [t for t in ts if t.scope and scope.lower() in t.scope.lower()]
        if scoped:
            return scoped
        return [t for t in ts if t.scope is None]
    if len(scopes) > 1:
        # no scope chosen: the schedule of the first scope listed stands for the document
        first = ts[0].scope
        return [t for t in ts if t.scope == first]
    return ts


def owed(summary, *, uptime: float | None = None, downtime_minutes: float | None = None,
         period: str | None = None, scope: str | None = None, cause: str | None = None) -> Owed:
    total = month_minutes(period)
    if uptime is None:
        downtime_minutes = float(downtime_minutes or 0)
        uptime = max(0.0, 100.0 * (total - downtime_minutes) / total)
    elif downtime_minutes is None:
        downtime_minutes = total * (100.0 - uptime) / 100.0
    cs = commitments_for(summary, scope)
    commitment = max((c.uptime_percent for c in cs), default=None)
    result = Owed(uptime_percent=round(uptime, 4), downtime_minutes=round(downtime_minutes, 2),
                  period_minutes=total, commitment=commitment, credit_percent=0.0, uncapped_percent=0.0,
                  cap_percent=summary.credit_cap_percent)
    if cause:
        hit = next((x for x in summary.exclusions if x.category == cause), None)
        if hit is not None:
            result.excluded_by = cause
            result.reasons.append(f"the contract excludes {cause.replace('_', ' ')}: “{hit.text[:120]}”")
            return result
    gran = summary.downtime.granularity_minutes if summary.downtime else None
    minimum = summary.downtime.minimum_minutes if summary.downtime else None
    floor = max(x for x in (gran, minimum, 0) if x is not None)
    if floor and 0 < downtime_minutes < floor:
        result.reasons.append(f"an outage shorter than {floor:g} minutes is not counted as downtime")
        return result
    pct = 0.0
    for t in tiers_for(summary, scope):
        if t.lower_percent <= uptime < t.upper_percent:
            result.tier = t
            pct = t.credit_percent
            break
    if result.tier is None and summary.duration_credits:
        d = summary.duration_credits[0]
        units = int(downtime_minutes // d.per_minutes)
        if d.credit_percent is not None:
            pct = units * d.credit_percent
        elif d.credit_days is not None:
            pct = 100.0 * units * d.credit_days * MINUTES_PER_DAY / total
        if d.cap_percent is not None:
            pct = min(pct, d.cap_percent)
        if units:
            result.duration_credit = d
    if result.tier is None and result.duration_credit is None:
        if commitment is not None and uptime >= commitment:
            result.reasons.append(f"uptime {uptime:g}% meets the commitment of {commitment:g}%")
        elif not summary.credit_tiers and not summary.duration_credits:
            result.reasons.append("the contract states no credit schedule")
        else:
            result.reasons.append(f"no credit tier covers {uptime:g}% uptime")
    result.uncapped_percent = pct
    if summary.credit_cap_percent is not None and pct > summary.credit_cap_percent:
        pct = summary.credit_cap_percent
        result.reasons.append(f"capped at {summary.credit_cap_percent:g}% of the monthly fee")
    result.credit_percent = min(pct, 100.0)
    return result
