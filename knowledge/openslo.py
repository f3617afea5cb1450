"""Monitoring that checks the promise: the downtime each commitment allows (per 30-day month,
per actual month, per year, per the contract's own period) and OpenSLO v1 SLO documents, one
per commitment, written as YAML by a small emitter of our own (no YAML dependency).

The SLI is a ratio over blackbox-exporter probes (`probe_success`, 1 when a probe succeeded,
0 when it failed), selected by a `service` label named after the service and, when the
commitment has one, a `scope` label. With the contract's downtime interval known, budgeting is
Timeslices with that interval as timeSliceWindow (a slice counts as good unless the contract's
definition of downtime is met in it); otherwise it is Occurrences (each probe counts)."""

from __future__ import annotations

import json
import math
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date

from .periods import KIND_OF, MINUTES_PER_DAY, NOMINAL_DAYS, Period, period_containing

WINDOW = {"monthly": "1M", "quarterly": "1Q", "annual": "1Y"}
# a slice counts as down only when (almost) no probe in it succeeded: contracts count an
# interval as downtime when the service was unavailable for the whole of it
ALL_FAILED_TARGET = 0.001


# --- allowed downtime ----------------------------------------------------------------------

@dataclass
class Budget:
    commitment: object
    uptime_percent: float
    period: str  # monthly | quarterly | annual
    per_30_days: float  # minutes
    per_month: float | None  # the actual month given with --period
    month_label: str | None
    per_year: float
    year_days: int
    per_period: float  # the commitment's own period (actual when --period is given)
    period_label: str
    interval_minutes: float | None
    intervals: int | None  # whole downtime intervals the budget allows
    thresholds: list[tuple[float, float, float]] = field(default_factory=list)  # (uptime, minutes, credit %)


def allowed_minutes(uptime_percent: float, minutes: float) -> float:
    return round(minutes * (100.0 - uptime_percent) / 100.0, 6)


def budgets(summary, period: Period | None = None, schedule_for=None) -> list[Budget]:
    """The downtime each commitment allows. ``period`` (a month, quarter or year) makes the
    month and year figures those of the actual calendar (28-31 day months, leap years)."""
    out = []
    gran = summary.downtime.granularity_minutes if summary.downtime else None
    year = period.start.year if period else None
    year_days = (366 if year and _leap(year) else 365)
    month = None
    if period is not None and period.kind == "month":
        month = period
    for c in summary.commitments:
        kind = KIND_OF.get(c.period, "month")
        if period is not None:
            own = period if period.kind == kind else period_containing(period.start, kind)
            own_minutes, own_label = own.minutes, own.label()
        else:
            own_minutes, own_label = float(NOMINAL_DAYS[kind] * MINUTES_PER_DAY), f"{NOMINAL_DAYS[kind]}d"
        per_period = allowed_minutes(c.uptime_percent, own_minutes)
        b = Budget(
            commitment=c, uptime_percent=c.uptime_percent, period=c.period,
            per_30_days=allowed_minutes(c.uptime_percent, 30 * MINUTES_PER_DAY),
            per_month=allowed_minutes(c.uptime_percent, month.minutes) if month else None,
            month_label=month.label() if month else None,
            per_year=allowed_minutes(c.uptime_percent, year_days * MINUTES_PER_DAY), year_days=year_days,
            per_period=per_period, period_label=own_label, interval_minutes=gran,
            intervals=int(math.floor(round(per_period / gran, 9))) if gran else None)
        if schedule_for is not None:
            for t in sorted(schedule_for(summary, c), key=lambda t: -t.upper_percent):
                if t.upper_percent <= 100:
                    b.thresholds.append((t.upper_percent, allowed_minutes(t.upper_percent, own_minutes),
                                         t.credit_percent))
        out.append(b)
    return out


def _leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


# --- OpenSLO ---------------------------------------------------------------------------------

def slug(text: str | None, limit: int = 40) -> str:
    """An RFC 1123 label part: ASCII lower case, digits and '-'; '' for text with no Latin letters."""
    if not text:
        return ""
    ascii_ = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    s = re.sub(r"[^a-z0-9]+", "-", ascii_.lower()).strip("-")
    return s[:limit].strip("-")


def service_name(summary, override: str | None = None, fallback: str | None = None) -> str:
    """The service the SLOs are named after: --service, else the document's service (or
    provider) when it has Latin letters, else the file name."""
    if override:
        return slug(override, 50) or "service"
    for cand in ([summary.services[0]] if summary.services else []) + [summary.provider]:
        s = slug(cand)
        if s:
            prov = slug(summary.provider)
            if prov and cand != summary.provider and not s.startswith(prov):
                s = f"{prov}-{s}"
            return s[:50].strip("-")
    return slug(fallback, 50) or "service"


def _duration(minutes: float) -> str:
    """OpenSLO duration shorthand: 1m, 5m, 1h, 1d."""
    if minutes >= MINUTES_PER_DAY and minutes % MINUTES_PER_DAY == 0:
        return f"{int(minutes // MINUTES_PER_DAY)}d"
    if minutes >= 60 and minutes % 60 == 0:
        return f"{int(minutes // 60)}h"
    if minutes >= 1 and float(minutes).is_integer():
        return f"{int(minutes)}m"
    return f"{max(1, int(round(minutes * 60)))}s"


def _selector(service: str, scope: str | None) -> str:
    labels = [f'job="blackbox"', f'service="{service}"']
    if scope:
        labels.append(f'scope="{slug(scope) or scope}"')
    return "probe_success{" + ", ".join(labels) + "}"


def _cite(e) -> str:
    if e is None:
        return ""
    where = f"p. {e.page}"
    if e.clause and e.clause != "0" and not str(e.clause).startswith("h"):
        where += f", §{e.clause}"
    return where


def slo_documents(summary, *, service: str | None = None, period: Period | None = None,
                  timezone: str = "UTC", today: date | None = None, source: str | None = None) -> list[dict]:
    """One OpenSLO v1 SLO document per commitment."""
    svc = service_name(summary, service, source)
    gran = summary.downtime.granularity_minutes if summary.downtime else None
    err = summary.downtime.error_rate_percent if summary.downtime else None
    docs: list[dict] = []
    names: set[str] = set()
    for c in summary.commitments:
        kind = KIND_OF.get(c.period, "month")
        start = period_containing(period.start if period else (today or date.today()), kind).start
        parts = [svc] + [slug(x) for x in (c.service, c.scope) if slug(x)]
        base = "-".join(parts)[:52].strip("-")
        name = f"{base}-availability"
        k = 2
        while name in names:
            name = f"{base}-{k}-availability"
            k += 1
        names.add(name)
        target = round(c.uptime_percent / 100.0, 10)
        what = " ".join(x for x in (summary.provider, (summary.services or [None])[0], c.service, c.scope) if x)
        sel = _selector(svc, c.scope)
        window = _duration(gran) if gran else None
        if window:
            good = f"sum(sum_over_time({sel}[{window}]))"
            total = f"sum(count_over_time({sel}[{window}]))"
        else:
            good, total = f"sum({sel})", f"count({sel})"
        objective: dict = {"displayName": f"{c.uptime_percent:g}% {c.period}", "target": target}
        if window:
            objective["timeSliceTarget"] = round(1 - err / 100.0, 6) if err else ALL_FAILED_TARGET
            objective["timeSliceWindow"] = window
        annotations = {"slacheck/commitment": f"{c.uptime_percent:g}% {c.period}"}
        if source:
            annotations["slacheck/source"] = source
        if c.evidence is not None:
            annotations["slacheck/clause"] = _cite(c.evidence)
            annotations["slacheck/evidence"] = " ".join(c.evidence.text.split())[:300]
        if gran:
            annotations["slacheck/downtime-interval"] = window
        docs.append({
            "apiVersion": "openslo/v1",
            "kind": "SLO",
            "metadata": {"name": name, "displayName": f"{what} availability {c.uptime_percent:g}%".strip(),
                         "annotations": annotations},
            "spec": {
                "description": (f"Availability promised by the SLA ({c.uptime_percent:g}% {c.period}"
                                + (f", downtime counted in {window} intervals" if window else "")
                                + f"); measured by blackbox-exporter probes labelled service=\"{svc}\""
                                + (f" and scope=\"{slug(c.scope) or c.scope}\"" if c.scope else "") + "."),
                "service": svc,
                "indicator": {
                    "metadata": {"name": f"{name[:-len('-availability')]}-probe-success"[:63],
                                 "displayName": f"{svc} probe success ratio"},
                    "spec": {"ratioMetric": {
                        "counter": False,
                        "good": {"metricSource": {"type": "Prometheus", "spec": {"query": good}}},
                        "total": {"metricSource": {"type": "Prometheus", "spec": {"query": total}}},
                    }},
                },
                "timeWindow": [{"duration": WINDOW.get(c.period, "1M"), "isRolling": False,
                                "calendar": {"startTime": f"{start.isoformat()} 00:00:00", "timeZone": timezone}}],
                "budgetingMethod": "Timeslices" if window else "Occurrences",
                "objectives": [objective],
            },
        })
    return docs


# --- a small YAML emitter ------------------------------------------------------------------

_PLAIN = re.compile(r"[A-Za-z_][A-Za-z0-9_./-]*")
_RESERVED = {"y", "n", "yes", "no", "true", "false", "on", "off", "null", "~"}
_UNSAFE_CHARS = re.compile("[\u0080-\u009f\u2028\u2029\ufeff]")


def _scalar(v) -> str:
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        if not math.isfinite(v):
            raise ValueError("YAML emitter: a non-finite number")
        return repr(v)
    s = str(v)
    if _PLAIN.fullmatch(s) and s.lower() not in _RESERVED:
        return s
    quoted = json.dumps(s, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar
    return _UNSAFE_CHARS.sub(lambda m: f"\\u{ord(m.group(0)):04x}", quoted)


def _emit(value, indent: int) -> list[str]:
    pad = " " * indent
    lines: list[str] = []
    if isinstance(value, dict):
        for k, v in value.items():
            key = _scalar(str(k))
            if isinstance(v, (dict, list)) and v:
                lines.append(f"{pad}{key}:")
                lines.extend(_emit(v, indent + 2) if isinstance(v, dict) else _emit(v, indent))
            else:
                lines.append(f"{pad}{key}: {_empty(v) if isinstance(v, (dict, list)) else _scalar(v)}")
        return lines
    if isinstance(value, list):
        for item in value:
            if isinstance(item, (dict, list)) and item:
                inner = _emit(item, indent + 2)
                inner[0] = f"{pad}- {inner[0][indent + 2:]}"
                lines.extend(inner)
            else:
                lines.append(f"{pad}- {_empty(item) if isinstance(item, (dict, list)) else _scalar(item)}")
        return lines
    return [f"{pad}{_scalar(value)}"]


def _empty(v) -> str:
    return "{}" if isinstance(v, dict) else "[]"


def to_yaml(documents: list[dict]) -> str:
    """Documents as multi-document YAML, each starting with '---'."""
    out: list[str] = []
    for doc in documents:
        out.append("---")
        out.extend(_emit(doc, 0))
    return "\n".join(out) + "\n"
