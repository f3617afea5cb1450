"""The last day to claim a credit, by the contract's own rule: calendar days or business days
after the incident, after the end of the service period (month) it happened in, or the end of
the next billing cycle. Business days follow the public holidays of the provider's country
with the `holidays` library, China's adjusted working days (调休, weekend days that are working
days) included.

Billing cycles are taken to be calendar months, the usual case for cloud and SaaS billing."""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache

from .periods import KIND_OF, Period, period_containing

ANCHORS = ("incident", "incident_end", "period_end", "cycle_end")


def provider_country(language: str | None, override: str | None = None) -> str:
    """The country whose public holidays count: --country, else CN for a Chinese document, else US."""
    if override:
        return override.strip().upper()
    return "CN" if language == "zh" else "US"


@lru_cache(maxsize=8)
def _calendar(country: str, language: str | None = None):
    import holidays

    try:
        if language:
            try:
                return holidays.country_holidays(country, language=language)
            except Exception:  # noqa: BLE001 - a calendar without that language: use its default names
                pass
        return holidays.country_holidays(country)
    except NotImplementedError:
        raise ValueError(f"no public-holiday calendar for country {country!r} "
                         "(use a two-letter code such as US, CN, DE, GB, JP)") from None


def check_country(country: str) -> str:
    """The country code upper-cased, or ValueError when `holidays` has no calendar for it."""
    code = (country or "").strip().upper()
    if not code.isalpha() or len(code) not in (2, 3):
        raise ValueError(f"{country!r} is not a country code (use a two-letter code such as US or CN)")
    _calendar(code)
    return code


def is_working_day(day: date, country: str) -> bool:
    """A working day in ``country``: not a weekend day (unless the government made it a working
    day, as China does around its holidays) and not a public holiday."""
    cal = _calendar(country)
    fn = getattr(cal, "is_working_day", None)
    if fn is not None:
        return bool(fn(day))
    return day.weekday() < 5 and day not in cal  # holidays releases before is_working_day


def holiday_name(day: date, country: str, lang: str = "en") -> str | None:
    cal = _calendar(country, {"zh": "zh_CN", "en": "en_US"}.get(lang))
    name = cal.get(day)
    if name is None and day in _calendar(country):
        name = _calendar(country).get(day)
    return name


def add_business_days(start: date, n: int, country: str) -> date:
    """The ``n``-th working day after ``start`` (``start`` itself is not counted)."""
    if n < 0:
        raise ValueError("a negative number of business days")
    day = start
    counted = 0
    while counted < n:
        day += timedelta(days=1)
        if is_working_day(day, country):
            counted += 1
    return day


def business_days_between(start: date, end: date, country: str) -> int:
    """Working days after ``start`` up to and including ``end``."""
    n, day = 0, start
    while day < end:
        day += timedelta(days=1)
        n += is_working_day(day, country)
    return n


def add_months(day: date, n: int) -> date:
    """``day`` plus ``n`` calendar months; the last day of a month stays the last day
    (Sep 30 + 1 month = Oct 31), other days are clamped (Jan 31 + 1 month = Feb 28/29)."""
    y, m = divmod(day.month - 1 + n, 12)
    year, month = day.year + y, m + 1
    last = calendar.monthrange(year, month)[1]
    if day.day == calendar.monthrange(day.year, day.month)[1]:
        return date(year, month, last)
    return date(year, month, min(day.day, last))


@dataclass
class Deadline:
    last_day: date
    anchor: str  # incident | period_end | cycle_end
    anchor_date: date  # the day the window counts from
    service_period: Period  # the period the incident falls in
    days: float | None
    months: int | None
    business: bool
    country: str
    assumed_anchor: bool = False  # the contract does not say; counted from the incident
    skipped: list[tuple[date, str]] = field(default_factory=list)  # weekdays off (public holidays)
    extra_workdays: list[date] = field(default_factory=list)  # weekend days that were working days

    def days_left(self, today: date) -> int:
        return (self.last_day - today).days

    def to_dict(self, today: date | None = None) -> dict:
        out = {"last_day": self.last_day.isoformat(), "anchor": self.anchor,
               "anchor_date": self.anchor_date.isoformat(), "service_period": self.service_period.label(),
               "days": self.days, "months": self.months, "business_days": self.business,
               "country": self.country, "assumed_anchor": self.assumed_anchor,
               "holidays_skipped": [{"date": d.isoformat(), "name": n} for d, n in self.skipped],
               "weekend_workdays": [d.isoformat() for d in self.extra_workdays]}
        if today is not None:
            out["days_left"] = self.days_left(today)
            out["expired"] = self.days_left(today) < 0
        return out


def claim_deadline(claim, incident: datetime | date, *, country: str = "US", commitment_period: str = "monthly",
                   lang: str = "en", downtime_minutes: float | None = None) -> Deadline | None:
    """The last day to claim for an incident, or None where the contract states no window.
    A window counted from the end of the outage uses ``downtime_minutes`` to find that end
    (without it, the start: the earlier, safer day)."""
    if claim is None or (claim.window_days is None and claim.window_months is None):
        return None
    day = incident.date() if isinstance(incident, datetime) else incident
    outage_end = day
    if claim.anchor == "incident_end" and downtime_minutes and isinstance(incident, datetime):
        outage_end = (incident + timedelta(minutes=downtime_minutes)).date()
    kind = KIND_OF.get(commitment_period or "monthly", "month")
    period = period_containing(day, kind)
    anchor = claim.anchor if claim.anchor in ANCHORS else "incident"
    assumed = claim.anchor not in ANCHORS
    months = claim.window_months
    days = None if months else claim.window_days
    business = bool(claim.business_days)
    if anchor == "cycle_end":
        # the end of the billing cycle (calendar month) ``months`` cycles after the incident's
        cycle = period_containing(day, "month")
        for _ in range(months or 1):
            cycle = cycle.next()
        return Deadline(cycle.end, anchor, period_containing(day, "month").end, period, days, months or 1,
                        False, country, assumed)
    start = {"incident": day, "incident_end": outage_end}.get(anchor, period.end)
    if months:
        return Deadline(add_months(start, months), anchor, start, period, None, months, False, country, assumed)
    n = int(-(-float(days) // 1))  # half a day still gives the whole day
    if not business:
        return Deadline(start + timedelta(days=n), anchor, start, period, days, None, False, country, assumed)
    last = add_business_days(start, n, country)
    out = Deadline(last, anchor, start, period, days, None, True, country, assumed)
    d = start
    while d < last:
        d += timedelta(days=1)
        working = is_working_day(d, country)
        if not working and d.weekday() < 5:
            out.skipped.append((d, holiday_name(d, country, lang) or ""))
        elif working and d.weekday() >= 5:
            out.extra_workdays.append(d)
    return out
