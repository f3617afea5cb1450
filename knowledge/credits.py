"""What a contract owes for a given month: the tier that applies, duration-based credits,
the cap, proration and the minimum-amount rule, with the clauses that say so. Shared by
`credit`, `compare` and `claim`.

Tier bands are [lower, upper): the lower end inclusive, the upper end exclusive (DESIGN.md).
A contract with several commitments (scopes, plans, services) may print one schedule per
commitment; `schedules()` separates them and `schedule_for()` pairs a commitment with its own.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from .periods import KIND_OF, MINUTES_PER_DAY, Period, parse_period, period_containing, period_minutes

__all__ = ["Owed", "Reason", "owed", "month_minutes", "schedules", "schedule_for", "select_commitments",
           "scope_names", "parse_money", "money", "MINUTES_PER_DAY"]


@dataclass
class Reason:
    """Why nothing (or less) is owed, or a fact that shaped the amount; ``code`` keys the
    renderers' text in either language, ``params`` fills it."""

    code: str
    params: dict = field(default_factory=dict)
    blocking: bool = False  # True where this is why nothing is owed


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
    reasons: list[str] = field(default_factory=list)  # why nothing (or less) is owed, in English
    excluded_by: str | None = None
    # added for `credit` and `claim`
    scope: str | None = None
    service: str | None = None
    commitment_obj: object | None = None
    period_label: str | None = None
    counted_minutes: float | None = None  # downtime the contract counts (whole intervals)
    interval_minutes: float | None = None
    duration_units: int = 0
    schedule: list = field(default_factory=list)  # the tiers considered
    prorated_share: float | None = None  # percent of the fee the credit is computed on (--affected)
    fee: Decimal | None = None
    currency: str | None = None
    amount: Decimal | None = None  # after cap, proration and the minimum rule
    minimum_amount: Decimal | None = None
    minimum_currency: str | None = None
    notes: list[Reason] = field(default_factory=list)
    citations: list[tuple[str, object]] = field(default_factory=list)  # (role, Evidence)

    @property
    def owed_anything(self) -> bool:
        return self.credit_percent > 0 and (self.amount is None or self.amount > 0)

    def why(self, code: str, en: str, blocking: bool = True, **params) -> None:
        self.notes.append(Reason(code, params, blocking))
        if blocking or code in ("capped", "duration_capped", "below_minimum"):
            self.reasons.append(en)

    def cite(self, role: str, evidence) -> None:
        if evidence is not None and all(e is not evidence for _, e in self.citations):
            self.citations.append((role, evidence))


def month_minutes(period: str | Period | None) -> float:
    """Minutes in a month 'YYYY-MM' (28 to 31 days); 30 days when no period is given.
    (A quarter 'YYYY-Qn' or a year 'YYYY' gives that period's minutes.)"""
    return period_minutes(period, "monthly")


# --- scopes and schedules -----------------------------------------------------------------

def _overlap(a, b) -> bool:
    return max(a.lower_percent, b.lower_percent) < min(a.upper_percent, b.upper_percent)


def schedules(summary) -> list[list]:
    """The credit tiers split into schedules: tiers labelled with a scope or service group by
    that label; unlabelled tiers start a new schedule when a band overlaps one already seen."""
    out: list[list] = []
    labelled: dict[tuple, list] = {}
    current: list | None = None
    for t in summary.credit_tiers:
        if t.scope or t.service:
            key = (t.service, t.scope)
            if key not in labelled:
                labelled[key] = []
                out.append(labelled[key])
            labelled[key].append(t)
            continue
        if current is None or any(_overlap(t, seen) for seen in current):
            current = []
            out.append(current)
        current.append(t)
    return out


def _label_matches(label: str | None, c) -> bool:
    return bool(label) and label.lower() in {(c.scope or "").lower(), (c.service or "").lower()}


def _claimed(g, summary) -> bool:
    """A schedule whose label names one of the commitments."""
    return any(_label_matches(t.scope, c) or _label_matches(t.service, c) for t in g for c in summary.commitments)


def schedule_for(summary, commitment) -> list:
    """The schedule that pays out when ``commitment`` is missed (see module doc): the one
    labelled with its scope; else, among the schedules no commitment's label claims, the one
    whose top band ends at its level; else the only (or the n-th) unlabelled schedule."""
    groups = schedules(summary)
    if not groups:
        return []
    if commitment is None:
        return groups[0]
    for g in groups:
        if any(_label_matches(t.scope, commitment) or _label_matches(t.service, commitment) for t in g):
            return g
    orphans = [g for g in groups if not _claimed(g, summary)]
    same_top = [g for g in orphans if math.isclose(max(t.upper_percent for t in g), commitment.uptime_percent)]
    if same_top:
        peers = [c for c in summary.commitments if math.isclose(c.uptime_percent, commitment.uptime_percent)]
        k = next((i for i, c in enumerate(peers) if c is commitment), 0)
        return same_top[min(k, len(same_top) - 1)]
    unlabelled = [g for g in groups if not any(t.scope or t.service for t in g)]
    if not unlabelled:
        return orphans[0] if orphans else groups[0]
    if len(unlabelled) == 1:
        return unlabelled[0]
    if len(unlabelled) == len(summary.commitments):
        k = next((i for i, c in enumerate(summary.commitments) if c is commitment), 0)
        return unlabelled[k]
    return unlabelled[0]


def scope_names(summary) -> list[str]:
    """The scopes, plans and services a user can name with --scope."""
    names: list[str] = []
    for x in list(summary.commitments) + list(summary.credit_tiers):
        for n in (x.scope, x.service):
            if n and n not in names:
                names.append(n)
    return names


def _canonical_scope(text: str) -> str:
    from . import lexicon

    key = text.strip().lower()
    for lang in lexicon.LANGUAGES:
        try:
            table = lexicon.load(lang).scopes
        except lexicon.LexiconError:  # a data edit in progress must not break a computation
            continue
        for phrase, canonical in table.items():
            if phrase.lower() == key:
                return canonical.lower()
    return key


def select_commitments(summary, scope: str | None) -> list:
    """The commitments ``scope`` names (case-insensitive; Chinese or English scope words both
    work, e.g. 多可用区 = multi-zone). Raises ValueError naming the scopes there are."""
    if not scope:
        return list(summary.commitments)
    want = _canonical_scope(scope)
    raw = scope.strip().lower()

    def hit(c, exact: bool) -> bool:
        names = [(c.scope or "").lower(), (c.service or "").lower()]
        if exact:
            return any(n and n in (want, raw) for n in names)
        return any(n and (want in n or raw in n or n in raw) for n in names)

    found = [c for c in summary.commitments if hit(c, True)] or [c for c in summary.commitments if hit(c, False)]
    if found:
        return found
    number = re.fullmatch(r"\s*(\d{1,3}(?:\.\d+)?)\s*%?\s*", scope)
    if number:  # commitments without a scope name are picked by their percentage: --scope 99.9
        found = [c for c in summary.commitments if math.isclose(c.uptime_percent, float(number.group(1)))]
        if found:
            return found
    # a scope named only by the credit schedule: a commitment-less computation on its tiers
    if any(t.scope and want in t.scope.lower() or t.service and want in t.service.lower()
           for t in summary.credit_tiers):
        return []
    names = scope_names(summary) + [f"{c.uptime_percent:g}%" for c in summary.commitments
                                    if not (c.scope or c.service)]
    if names:
        raise ValueError(f"the contract has no scope {scope!r}; its scopes are: {', '.join(names)}")
    raise ValueError(f"the contract has no scope {scope!r}: its commitments name no scopes")


def tiers_for(summary, scope: str | None):
    """The schedule for ``scope`` (the first schedule when no scope is given)."""
    if scope:
        scoped = [t for t in summary.credit_tiers if t.scope and scope.lower() in t.scope.lower()]
        if scoped:
            return scoped
        cs = [c for c in summary.commitments if c.scope and scope.lower() in c.scope.lower()]
        if cs:
            return schedule_for(summary, cs[0])
        return [t for t in summary.credit_tiers if t.scope is None]
    groups = schedules(summary)
    return groups[0] if groups else []


# --- money ---------------------------------------------------------------------------------

_CURRENCY_WORDS = {
    "us$": "USD", "$": "USD", "usd": "USD", "dollar": "USD", "dollars": "USD", "美元": "USD",
    "¥": "CNY", "￥": "CNY", "rmb": "CNY", "cny": "CNY", "人民币": "CNY", "元": "CNY", "块": "CNY",
    "€": "EUR", "eur": "EUR", "euro": "EUR", "euros": "EUR", "欧元": "EUR",
    "£": "GBP", "gbp": "GBP", "英镑": "GBP",
}
_CUR_ALT = "|".join(sorted((re.escape(k) for k in _CURRENCY_WORDS), key=len, reverse=True))
_MONEY = re.compile(rf"(?:(?P<pre>{_CUR_ALT})\s*)?(?P<num>\d[\d,]*(?:\.\d+)?)\s*(?P<post>{_CUR_ALT})?(?![\d%])", re.I)
_LESS = re.compile(r"less than|under|below|smaller than|不足|低于|少于|小于|未达到?", re.I)


def currency_code(text: str | None) -> str | None:
    """'usd' / '$' / '元' / 'RMB' -> an ISO code; a three-letter code is upper-cased as it is."""
    if not text:
        return None
    t = text.strip()
    if t.lower() in _CURRENCY_WORDS:
        return _CURRENCY_WORDS[t.lower()]
    if re.fullmatch(r"[A-Za-z]{3}", t):
        return t.upper()
    raise ValueError(f"{text!r} is not a currency (use a three-letter code such as USD, CNY, EUR)")


def parse_money(text: str) -> tuple[Decimal, str | None] | None:
    """The first sum of money in ``text`` that carries a currency, or that follows a
    'less than' word: 'credits under $10 will not be issued' -> (10, 'USD');
    '赔偿金额不足10元的不予发放' -> (10, 'CNY')."""
    less = _LESS.search(text)
    for m in _MONEY.finditer(text):
        cur = m.group("pre") or m.group("post")
        after_less = less is not None and 0 <= m.start() - less.end() <= 6
        if not cur and not after_less:
            continue
        try:
            value = Decimal(m.group("num").replace(",", ""))
        except ArithmeticError:
            continue
        return value, (_CURRENCY_WORDS.get(cur.lower()) if cur else None)
    return None


def parse_amount(text: str) -> Decimal:
    """A fee the user typed: '1200', '1,200.50', '$1200', '1200 USD'."""
    raw = (text or "").strip()
    m = _MONEY.fullmatch(raw.replace(" ", "")) if raw else None
    if m is None:
        raise ValueError(f"cannot read {raw!r} as an amount of money")
    return Decimal(m.group("num").replace(",", ""))


def money(value: Decimal | float) -> Decimal:
    return Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


# --- the computation ---------------------------------------------------------------------

_PART_THEREOF = re.compile(r"or (?:any )?(?:part|portion|fraction)|partial (?:interval|period|hour)s? (?:count|are counted)|"
                           r"不足\s*\d*\s*(?:分钟|小时|个小时)?\s*的?(?:部分)?(?:按|以|计)|按\s*\d+\s*(?:分钟|小时)计", re.I)


_DAYS = re.compile(r"(\d+(?:\.\d+)?)\s*(?:additional\s+|extra\s+|free\s+)?(?:calendar\s+)?days?\b|(\d+(?:\.\d+)?)\s*(?:个)?(?:自然)?(?:天|日)", re.I)


def tier_days(tier) -> float | None:
    """Days of service a tier credits ("| 3 days", "延长服务期7天"), read from its evidence, for
    schedules that pay in days rather than a percentage."""
    if getattr(tier, "credit_days", None) is not None:
        return float(tier.credit_days)
    text = _norm(tier.evidence.text if tier.evidence else "")
    found = list(_DAYS.finditer(text))
    if not found:
        return None
    m = found[-1]
    return float(m.group(1) or m.group(2))


def effective_period(period: Period | None, commitment_period: str | None) -> Period | None:
    """The period the commitment is measured over that contains ``period``: a month given for a
    quarterly commitment becomes its quarter."""
    if period is None:
        return None
    kind = KIND_OF.get(commitment_period or "monthly", "month")
    if period.kind == kind:
        return period
    return period_containing(period.start, kind)


def _norm(text: str | None) -> str:
    """NFKC plus the CJK radical look-alikes PDFs carry (⾜ -> 足), as the extractors match."""
    from . import radical_map

    return unicodedata.normalize("NFKC", (text or "").translate(radical_map()))


def _duration_units(d, minutes: float) -> int:
    text = _norm(d.evidence.text if d.evidence else "")
    ratio = minutes / d.per_minutes
    if _PART_THEREOF.search(text):
        return int(math.ceil(round(ratio, 9)))
    return int(math.floor(round(ratio, 9)))


def owed(summary, *, uptime: float | None = None, downtime_minutes: float | None = None,
         period: str | Period | None = None, scope: str | None = None, cause: str | None = None,
         commitment=None, monthly_fee: Decimal | float | None = None, currency: str | None = None,
         affected_percent: float | None = None) -> Owed:
    """The credit owed for one period. Give ``uptime`` (percent) or ``downtime_minutes``.

    ``period`` is a Period or 'YYYY-MM' / 'YYYY-Qn' / 'YYYY' (default: the contract's nominal
    period, a 30-day month); ``scope`` or ``commitment`` picks the commitment and its schedule;
    ``cause`` an exclusion category; ``monthly_fee`` turns percentages into an amount, to which
    ``affected_percent`` (the share of the fee for the affected resources) and the contract's
    minimum-amount rule apply."""
    if isinstance(period, str):
        period = parse_period(period)
    if commitment is None:
        cs = select_commitments(summary, scope) if scope else list(summary.commitments)
        if scope and cs:
            commitment = cs[0]
    else:
        cs = [commitment]
    kind = commitment.period if commitment is not None else (cs[0].period if cs else "monthly")
    given = period
    period = effective_period(period, kind)
    total = period_minutes(period, kind)
    measured = downtime_minutes is not None and uptime is None
    if uptime is None:
        downtime_minutes = float(downtime_minutes or 0)
    elif downtime_minutes is None:
        downtime_minutes = total * (100.0 - uptime) / 100.0
    if commitment is not None:
        level = commitment.uptime_percent
    else:
        level = max((c.uptime_percent for c in cs), default=None)
    result = Owed(uptime_percent=0.0, downtime_minutes=round(downtime_minutes, 2),
                  period_minutes=total, commitment=level, credit_percent=0.0, uncapped_percent=0.0,
                  cap_percent=summary.credit_cap_percent,
                  scope=commitment.scope if commitment is not None else scope,
                  service=commitment.service if commitment is not None else None,
                  commitment_obj=commitment, period_label=period.label() if period else None,
                  currency=currency)
    if commitment is not None:
        result.cite("commitment", commitment.evidence)
    if given is not None and period is not given:
        result.why("period_kind", "", blocking=False, period=period.label(), given_period=given.label(),
                   commitment_period=kind)
    if monthly_fee is not None:
        result.fee = money(monthly_fee)

    # the downtime the contract counts: whole intervals, and nothing under the minimum
    gran = summary.downtime.granularity_minutes if summary.downtime else None
    minimum = summary.downtime.minimum_minutes if summary.downtime else None
    result.interval_minutes = gran
    floor = max(x for x in (gran, minimum, 0) if x is not None)
    counted = downtime_minutes
    if measured and gran and gran > 0 and downtime_minutes >= gran:
        counted = math.floor(round(downtime_minutes / gran, 9)) * gran
        if not math.isclose(counted, downtime_minutes):
            result.why("whole_intervals", "", blocking=False, given=downtime_minutes, counted=counted, interval=gran)
    result.counted_minutes = round(counted, 2)
    if measured:
        uptime = max(0.0, 100.0 * (total - counted) / total)
    uptime = round(uptime, 6)  # 99.95 computed from 21.6 minutes must not be 99.94999...
    result.uptime_percent = round(uptime, 4)
    if summary.downtime is not None and (gran or minimum):
        result.cite("downtime", summary.downtime.evidence)

    if cause:
        hit = next((x for x in summary.exclusions if x.category == cause), None)
        if hit is not None:
            result.excluded_by = cause
            result.cite("exclusion", hit.evidence)
            result.why("excluded", f"the contract excludes {cause.replace('_', ' ')}: “{hit.text[:120]}”",
                       cause=cause, text=hit.text)
            return result
        catch = next((x for x in summary.exclusions if x.catch_all), None)
        if catch is not None:
            result.cite("exclusion", catch.evidence)
            result.why("catch_all", "", blocking=False, cause=cause, text=catch.text)
        else:
            result.why("not_excluded", "", blocking=False, cause=cause)

    if floor and 0 < downtime_minutes < floor:
        result.why("below_interval", f"an outage shorter than {floor:g} minutes is not counted as downtime",
                   floor=floor)
        return result

    pct = 0.0
    # credits paid in days of service are a share of the month the monthly fee pays for
    month_days = given.days if given is not None and given.kind == "month" else 30
    result.schedule = schedule_for(summary, commitment) if (commitment is not None or scope) else \
        (schedules(summary)[0] if summary.credit_tiers else [])
    if scope and commitment is None:
        result.schedule = tiers_for(summary, scope)
    for t in result.schedule:
        if t.lower_percent <= uptime < t.upper_percent:
            result.tier = t
            result.cite("tier", t.evidence)
            if t.credit_percent is not None:
                pct = t.credit_percent
                break
            days = tier_days(t)
            if days is None:
                result.why("tier_credit_unknown", "the credit of this tier could not be read", blocking=True)
                return result
            # "3 days of service": a share of the month the fee pays for
            pct = 100.0 * days / month_days
            result.why("prorated_days", "", blocking=False, days=days, period_days=month_days)
            break
    missed = level is None or uptime < level
    if result.tier is None and summary.duration_credits and missed:
        # "if availability falls below the commitment, 5% for each 30 minutes of downtime"
        d = summary.duration_credits[0]
        units = _duration_units(d, counted)
        if d.credit_percent is not None:
            pct = units * d.credit_percent
        elif d.credit_days is not None:
            pct = 100.0 * units * d.credit_days / month_days
            if units:
                result.why("prorated_days", "", blocking=False, days=units * d.credit_days, period_days=month_days)
        if d.cap_percent is not None and pct > d.cap_percent:
            result.why("duration_capped", f"capped at {d.cap_percent:g}% by the duration credit rule",
                       blocking=False, cap=d.cap_percent, uncapped=pct)
            pct = d.cap_percent
        result.duration_units = units
        if units:
            result.duration_credit = d
            result.cite("duration_credit", d.evidence)
    if result.tier is None and result.duration_credit is None:
        if level is not None and uptime >= level:
            result.why("meets_commitment", f"uptime {uptime:g}% meets the commitment of {level:g}%",
                       uptime=uptime, commitment=level)
        elif not summary.credit_tiers and not summary.duration_credits:
            result.why("no_schedule", "the contract states no credit schedule")
        elif summary.duration_credits and not summary.credit_tiers and missed:
            d = summary.duration_credits[0]
            result.why("below_duration_unit", f"downtime is shorter than one credit unit of {d.per_minutes:g} minutes",
                       per=d.per_minutes)
        else:
            result.why("no_tier", f"no credit tier covers {uptime:g}% uptime", uptime=uptime)
    elif result.tier is not None and level is not None and uptime >= level:
        result.why("schedule_above_commitment", "", blocking=False, commitment=level,
                   top=max(t.upper_percent for t in result.schedule))
    result.uncapped_percent = pct
    if summary.credit_cap_percent is not None and pct > summary.credit_cap_percent:
        result.why("capped", f"capped at {summary.credit_cap_percent:g}% of the monthly fee", blocking=False,
                   cap=summary.credit_cap_percent, uncapped=pct)
        pct = summary.credit_cap_percent
    if pct > 0 and summary.credit_cap_percent is not None:
        result.cite("cap", summary.credit_cap_evidence)
    result.credit_percent = min(pct, 100.0)

    # proration to the affected share, and the amount
    prorated = summary.flag("prorated_credits") if hasattr(summary, "flag") else None
    if affected_percent is not None and affected_percent < 100:
        result.prorated_share = affected_percent
        result.why("prorated_affected", "", blocking=False, share=affected_percent)
        if prorated is not None and prorated.value:
            result.cite("proration", prorated.evidence)
    elif prorated is not None and prorated.value and result.credit_percent > 0:
        result.cite("proration", prorated.evidence)
        result.why("prorated_flag", "", blocking=False)
    if result.fee is not None:
        share = Decimal(str(result.prorated_share if result.prorated_share is not None else 100))
        result.amount = money(result.fee * Decimal(str(result.credit_percent)) / 100 * share / 100)

    # the minimum-amount rule
    rule = summary.minimum_credit
    if rule is not None:
        result.cite("minimum", rule)
        parsed = parse_money(_norm(rule.text))
        if parsed is not None:
            result.minimum_amount, result.minimum_currency = parsed
        if result.amount is not None and result.amount > 0 and result.minimum_amount is not None:
            if result.minimum_currency and currency and result.minimum_currency != currency:
                result.why("minimum_other_currency", "", blocking=False, minimum=result.minimum_amount,
                           currency=result.minimum_currency)
            elif result.amount < result.minimum_amount:
                result.why("below_minimum", f"credits under {result.minimum_amount} are not issued",
                           blocking=True, minimum=result.minimum_amount, currency=result.minimum_currency, amount=result.amount)
                result.amount = Decimal("0.00")
        elif result.credit_percent > 0:
            result.why("minimum_rule", "", blocking=False, minimum=result.minimum_amount,
                       currency=result.minimum_currency)
    return result
