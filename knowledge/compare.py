"""Two contracts on the same terms: which is better on each row, and an overall verdict."""

from __future__ import annotations

from dataclasses import dataclass, field

from . import credits

UPTIME_POINTS = (99.9, 99.5, 99.0, 95.0)
FORM_RANK = {"refund": 3, "service_credit": 2, "fee_reduction": 2, "voucher": 1, None: 0}


@dataclass
class Row:
    name: str
    a: str
    b: str
    better: str | None  # "A", "B" or None for a tie / not comparable


@dataclass
class Comparison:
    a_name: str
    b_name: str
    rows: list[Row] = field(default_factory=list)
    curve: list[tuple[float, float, float]] = field(default_factory=list)
    verdict: str | None = None
    reasons: list[str] = field(default_factory=list)


def _fmt(x) -> str:
    if x is None:
        return "—"
    return f"{x:g}"


def _cmp(a, b, higher_is_better=True) -> str | None:
    if a is None and b is None or a == b:
        return None
    if a is None:
        return "B"
    if b is None:
        return "A"
    return ("A" if a > b else "B") if higher_is_better else ("A" if a < b else "B")


def compare(a, b, a_name: str = "A", b_name: str = "B") -> Comparison:
    out = Comparison(a_name=a_name, b_name=b_name)
    scopes = sorted({c.scope or "" for c in a.commitments} | {c.scope or "" for c in b.commitments})
    for scope in scopes or [""]:
        ca = max((c.uptime_percent for c in a.commitments if (c.scope or "") == scope), default=None)
        cb = max((c.uptime_percent for c in b.commitments if (c.scope or "") == scope), default=None)
        if ca is None and cb is None:
            continue
        label = f"commitment ({scope})" if scope else "commitment"
        out.rows.append(Row(label, _fmt(ca) + ("%" if ca else ""), _fmt(cb) + ("%" if cb else ""), _cmp(ca, cb)))
    for u in UPTIME_POINTS:
        pa = credits.owed(a, uptime=u).credit_percent
        pb = credits.owed(b, uptime=u).credit_percent
        out.rows.append(Row(f"credit at {u:g}% uptime", f"{pa:g}%", f"{pb:g}%", _cmp(pa, pb)))
    ca, cb = a.credit_cap_percent, b.credit_cap_percent
    out.rows.append(Row("credit cap", "no cap stated" if ca is None else f"{ca:g}%",
                        "no cap stated" if cb is None else f"{cb:g}%",
                        _cmp(101 if ca is None else ca, 101 if cb is None else cb)))
    wa = a.claim.window_days if a.claim else None
    wb = b.claim.window_days if b.claim else None
    da = None if wa is None else wa * (1.4 if a.claim.business_days else 1)
    db = None if wb is None else wb * (1.4 if b.claim.business_days else 1)
    out.rows.append(Row("claim window",
                        "not stated" if wa is None else f"{wa:g} {'business ' if a.claim.business_days else ''}days",
                        "not stated" if wb is None else f"{wb:g} {'business ' if b.claim.business_days else ''}days",
                        _cmp(da, db)))
    out.rows.append(Row("credit form", a.credit_form or "not stated", b.credit_form or "not stated",
                        _cmp(FORM_RANK[a.credit_form], FORM_RANK[b.credit_form])))
    out.rows.append(Row("sole remedy", "yes" if a.sole_remedy else "no", "yes" if b.sole_remedy else "no",
                        _cmp(int(a.sole_remedy), int(b.sole_remedy), higher_is_better=False)))
    xa = sorted({x.category for x in a.exclusions})
    xb = sorted({x.category for x in b.exclusions})
    out.rows.append(Row("exclusion categories", str(len(xa)), str(len(xb)),
                        _cmp(len(xa), len(xb), higher_is_better=False)))
    only_a, only_b = sorted(set(xa) - set(xb)), sorted(set(xb) - set(xa))
    if only_a or only_b:
        out.rows.append(Row("excluded by one only", ", ".join(only_a) or "—", ", ".join(only_b) or "—",
                            _cmp(len(only_a), len(only_b), higher_is_better=False)))
    for sev in ("high", "medium"):
        na = sum(1 for r in a.risks if r["severity"] == sev)
        nb = sum(1 for r in b.risks if r["severity"] == sev)
        out.rows.append(Row(f"{sev} risks", str(na), str(nb), _cmp(na, nb, higher_is_better=False)))
    for u in (100, 99.99, 99.95, 99.9, 99.8, 99.5, 99.0, 98.0, 97.0, 95.0, 90.0):
        out.curve.append((u, credits.owed(a, uptime=u).credit_percent, credits.owed(b, uptime=u).credit_percent))
    wins_a = [r.name for r in out.rows if r.better == "A"]
    wins_b = [r.name for r in out.rows if r.better == "B"]
    if len(wins_a) > len(wins_b):
        out.verdict = "A"
    elif len(wins_b) > len(wins_a):
        out.verdict = "B"
    out.reasons = [f"{a_name} is better on: {', '.join(wins_a) or 'nothing'}",
                   f"{b_name} is better on: {', '.join(wins_b) or 'nothing'}"]
    return out
