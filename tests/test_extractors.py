"""Extractor cases in both languages, from tests/cases/extractors.toml: each trap of the
field guide with an example that must match and one that must not."""

import sys
from pathlib import Path

import pytest

import slacheck

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

CASES = tomllib.loads((Path(__file__).parent / "cases" / "extractors.toml").read_text(encoding="utf-8"))["case"]


def observe(summary, field):
    if field == "commitments":
        return sorted(c.uptime_percent for c in summary.commitments)
    if field == "scoped_commitments":
        return sorted([c.scope or "", c.uptime_percent] for c in summary.commitments)
    if field == "scoped_tiers":
        return sorted([t.scope or "", t.lower_percent, t.upper_percent,
                       t.credit_percent if t.credit_percent is not None else f"{t.credit_days:g}d"]
                      for t in summary.credit_tiers)
    if field == "commitment_periods":
        return [c.period for c in summary.commitments]
    if field == "tiers":
        return sorted(([t.lower_percent, t.upper_percent,
                        t.credit_percent if t.credit_percent is not None else f"{t.credit_days:g}d"]
                       for t in summary.credit_tiers), reverse=True, key=lambda t: t[1])
    if field == "duration":
        d = summary.duration_credits[0] if summary.duration_credits else None
        if d is None:
            return None
        return [d.per_minutes, d.credit_percent if d.credit_percent is not None else f"{d.credit_days:g}d"]
    if field == "provider":
        return summary.provider
    if field == "cap":
        return summary.credit_cap_percent
    if field == "claim_days":
        return summary.claim.window_days if summary.claim else None
    if field == "claim_business":
        return summary.claim.business_days if summary.claim else None
    if field == "form":
        return summary.credit_form
    if field == "sole_remedy":
        return summary.sole_remedy
    if field == "granularity":
        return summary.downtime.granularity_minutes if summary.downtime else None
    if field == "measured_by":
        return summary.downtime.measured_by if summary.downtime else None
    if field == "exclusions":
        return sorted({x.category for x in summary.exclusions})
    raise KeyError(field)


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_case(case):
    summary = slacheck.analyze_text(case["text"])
    got = observe(summary, case["field"])
    want = case["expect"]
    if want == "null":
        want = None
    if case["field"] == "exclusions":
        want = sorted(want)
    if case["field"] in ("scoped_commitments", "scoped_tiers"):
        want = sorted(want)
    if case["field"] == "tiers":
        want = sorted(want, reverse=True, key=lambda t: t[1])
    assert got == want, f"{case['id']}: got {got!r}"


def test_both_languages_are_covered_for_every_field():
    fields = {}
    for c in CASES:
        fields.setdefault(c["field"], set()).add(c["id"].split("-")[0])
    for field, langs in fields.items():
        if field in ("commitment_periods",):
            continue
        assert langs == {"en", "zh"}, field
