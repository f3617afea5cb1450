"""Times a user types after an outage: durations ("3h20m", "50m", "2d", "1:30", "3小时20分"),
service periods ("2026-10", "2026-Q4", "2026") and incident times ("2026-10-03 14:05"), and the
length in minutes of a month, quarter or year (28 to 31 days a month, leap years included).

Every parser raises ValueError with a message that can be shown to the user as it is."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

MINUTES_PER_DAY = 24 * 60

_UNIT_MINUTES = {
    "w": 7 * MINUTES_PER_DAY, "wk": 7 * MINUTES_PER_DAY, "week": 7 * MINUTES_PER_DAY,
    "weeks": 7 * MINUTES_PER_DAY, "周": 7 * MINUTES_PER_DAY,
    "d": MINUTES_PER_DAY, "day": MINUTES_PER_DAY, "days": MINUTES_PER_DAY, "天": MINUTES_PER_DAY,
    "日": MINUTES_PER_DAY,
    "h": 60, "hr": 60, "hrs": 60, "hour": 60, "hours": 60, "小时": 60, "时": 60, "个小时": 60,
    "m": 1, "min": 1, "mins": 1, "minute": 1, "minutes": 1, "分钟": 1, "分": 1,
    "s": 1 / 60, "sec": 1 / 60, "secs": 1 / 60, "second": 1 / 60, "seconds": 1 / 60, "秒": 1 / 60,
}
_PART = re.compile(r"(\d+(?:\.\d+)?)\s*(" + "|".join(sorted(map(re.escape, _UNIT_MINUTES), key=len, reverse=True))
                   + r")(?![a-z])", re.I)
_CLOCK = re.compile(r"^(\d{1,4}):([0-5]\d)(?::([0-5]\d))?$")
DURATION_HINT = "write it like 3h20m, 50m, 1h30m, 2d or 1:30"


def parse_duration(text: str) -> float:
    """Minutes in a duration: '3h20m' -> 200, '50m' -> 50, '2d' -> 2880, '1:30' -> 90,
    '90s' -> 1.5, '1.5h' -> 90, '3小时20分钟' -> 200. A bare number has no unit and is refused."""
    raw = (text or "").strip()
    s = raw.lower().replace(" ", "").replace(",", "")
    if not s:
        raise ValueError("an empty duration")
    m = _CLOCK.match(s)
    if m:
        return int(m.group(1)) * 60 + int(m.group(2)) + int(m.group(3) or 0) / 60
    pos, total, seen = 0, 0.0, False
    for part in _PART.finditer(s):
        if part.start() != pos:
            break
        total += float(part.group(1)) * _UNIT_MINUTES[part.group(2).lower()]
        pos, seen = part.end(), True
    if not seen or pos != len(s):
        if re.fullmatch(r"\d+(?:\.\d+)?", s):
            raise ValueError(f"{raw!r} has no unit")
        raise ValueError(f"cannot read {raw!r} as a duration")
    return total


def format_minutes(minutes: float, lang: str = "en", precise: bool = False) -> str:
    """200 -> '3h 20m' ('3小时20分钟'); under ten minutes keeps seconds: 4.32 -> '4m 19s';
    ``precise`` keeps the seconds at any length (21.6 -> '21m 36s')."""
    seconds = int(round(minutes * 60))
    d, rest = divmod(seconds, 86400)
    h, rest = divmod(rest, 3600)
    m, s = divmod(rest, 60)
    if seconds >= 600 and not precise:  # ten minutes and more: whole minutes are enough
        m += 1 if s >= 30 else 0
        s = 0
        if m == 60:
            h, m = h + 1, 0
        if h == 24:
            d, h = d + 1, 0
    units = (("天", "小时", "分钟", "秒") if lang == "zh" else ("d", "h", "m", "s"))
    parts = [f"{v}{u}" for v, u in zip((d, h, m, s), units) if v]
    if not parts:
        return "0秒" if lang == "zh" else "0s"
    return "".join(parts) if lang == "zh" else " ".join(parts)


@dataclass(frozen=True)
class Period:
    """A service period: a calendar month, quarter or year."""

    kind: str  # month | quarter | year
    year: int
    index: int  # month 1-12, quarter 1-4, or 1 for a year

    @property
    def start(self) -> date:
        if self.kind == "month":
            return date(self.year, self.index, 1)
        if self.kind == "quarter":
            return date(self.year, 3 * self.index - 2, 1)
        return date(self.year, 1, 1)

    @property
    def end(self) -> date:
        """The last day of the period (inclusive)."""
        if self.kind == "month":
            return date(self.year, self.index, calendar.monthrange(self.year, self.index)[1])
        if self.kind == "quarter":
            last = 3 * self.index
            return date(self.year, last, calendar.monthrange(self.year, last)[1])
        return date(self.year, 12, 31)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def minutes(self) -> float:
        return float(self.days * MINUTES_PER_DAY)

    def label(self) -> str:
        if self.kind == "month":
            return f"{self.year}-{self.index:02d}"
        if self.kind == "quarter":
            return f"{self.year}-Q{self.index}"
        return str(self.year)

    def next(self) -> "Period":
        return period_containing(self.end + timedelta(days=1), self.kind)


PERIOD_HINT = "write a month as YYYY-MM, e.g. 2026-10, a quarter as YYYY-Qn or a year as YYYY"


def parse_period(text: str) -> Period:
    """'2026-10' / '2026/10' / '2026年10月' -> that month; '2026-Q4' -> a quarter; '2026' -> a year."""
    raw = (text or "").strip()
    s = raw.upper().replace(" ", "")
    m = re.fullmatch(r"(\d{4})[-/.年](\d{1,2})月?", s)
    if m:
        year, month = int(m.group(1)), int(m.group(2))
        if not 1 <= month <= 12:
            raise ValueError(f"{raw!r} has no month {month}")
        return Period("month", _year(year, raw), month)
    m = re.fullmatch(r"(\d{4})[-/]?Q([1-4])", s)
    if m:
        return Period("quarter", _year(int(m.group(1)), raw), int(m.group(2)))
    m = re.fullmatch(r"(\d{4})年?", s)
    if m:
        return Period("year", _year(int(m.group(1)), raw), 1)
    raise ValueError(f"cannot read {raw!r} as a period")


def _year(year: int, raw: str) -> int:
    if not 1970 <= year <= 2200:
        raise ValueError(f"{raw!r}: year {year} is out of range")
    return year


def period_containing(day: date, kind: str = "month") -> Period:
    if kind == "quarter":
        return Period("quarter", day.year, (day.month - 1) // 3 + 1)
    if kind == "year":
        return Period("year", day.year, 1)
    return Period("month", day.year, day.month)


KIND_OF = {"monthly": "month", "quarterly": "quarter", "annual": "year"}
NOMINAL_DAYS = {"month": 30, "quarter": 90, "year": 365}


def period_minutes(period: Period | str | None, commitment_period: str | None = "monthly") -> float:
    """Minutes in the period given, else in the contract's nominal period (30 days a month,
    90 a quarter, 365 a year)."""
    if isinstance(period, str):
        period = parse_period(period)
    if period is not None:
        return period.minutes
    return float(NOMINAL_DAYS[KIND_OF.get(commitment_period or "monthly", "month")] * MINUTES_PER_DAY)


INCIDENT_HINT = "write it like \"2026-10-03 14:05\" or 2026-10-03, 24-hour time"
_INCIDENT_FORMATS = ("%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S",
                     "%Y-%m-%d", "%Y/%m/%d %H:%M", "%Y/%m/%d %H:%M:%S", "%Y/%m/%d", "%Y.%m.%d %H:%M",
                     "%Y.%m.%d", "%Y年%m月%d日 %H:%M", "%Y年%m月%d日%H:%M", "%Y年%m月%d日", "%Y%m%d")


def parse_incident(text: str) -> datetime:
    """The start of an incident: '2026-10-03 14:05', '2026-10-03T14:05:00', '2026/10/03', '2026年10月3日 14:05'.
    A trailing 'Z' or UTC offset is accepted and dropped (times are taken as the contract's local time)."""
    raw = (text or "").strip()
    s = re.sub(r"\s+", " ", raw)
    s = re.sub(r"(?<=\d)(?:Z|[+-]\d{2}:?\d{2}|\s?UTC)$", "", s, flags=re.I)
    for fmt in _INCIDENT_FORMATS:
        try:
            value = datetime.strptime(s, fmt)
        except ValueError:
            continue
        _year(value.year, raw)
        return value
    raise ValueError(f"cannot read {raw!r} as a date and time")
