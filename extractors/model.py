"""Typed findings and the Summary (the JSON contract of DESIGN.md)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

SCHEMA_VERSION = "1"


@dataclass
class Evidence:
    page: int
    clause: str | None
    text: str
    pattern: str = ""  # which pattern or rule fired, for --explain

    def to_dict(self) -> dict:
        return {"page": self.page, "clause": self.clause, "text": self.text, "pattern": self.pattern}


@dataclass
class Commitment:
    uptime_percent: float
    period: str
    service: str | None
    scope: str | None
    evidence: Evidence


@dataclass
class CreditTier:
    """An uptime band [lower, upper) and what it pays: a percentage of the fee, or (for
    schedules written in days of service) ``credit_days`` with ``credit_percent`` None."""

    lower_percent: float
    upper_percent: float
    credit_percent: float | None
    service: str | None
    scope: str | None
    evidence: Evidence
    credit_days: float | None = None


@dataclass
class DurationCredit:
    """"5% of the monthly fee for each 30 minutes of Downtime" or "one day of service per hour"."""

    per_minutes: float
    credit_percent: float | None
    credit_days: float | None
    cap_percent: float | None
    evidence: Evidence


@dataclass
class Claim:
    window_days: float | None
    business_days: bool
    window_text: str | None
    requirements: list[str]
    evidence: Evidence | None
    # what the window is counted from: "incident" (the outage), "incident_end" (the end of the
    # outage), "period_end" (the end of the service period / month it happened in) or
    # "cycle_end" (the end of the billing cycle it happened in); None where the document does not say
    anchor: str | None = None
    window_months: int | None = None  # "within two months", "end of the next billing cycle" (1)
    requirement_evidence: list[Evidence] = field(default_factory=list)  # one per requirements entry


@dataclass
class Downtime:
    granularity_minutes: float | None
    minimum_minutes: float | None
    error_rate_percent: float | None
    measured_by: str | None
    evidence: Evidence | None
    measured_evidence: Evidence | None = None  # the sentence that says who measures


@dataclass
class Maintenance:
    notice_hours: float | None
    max_hours: float | None
    excluded: bool
    evidence: Evidence


@dataclass
class Exclusion:
    category: str
    text: str
    catch_all: bool
    evidence: Evidence


@dataclass
class Flag:
    """A yes/no term with its evidence (sole remedy, unilateral changes, prorated credits)."""

    name: str
    value: bool
    evidence: Evidence | None


@dataclass
class Summary:
    source: dict
    provider: str | None = None
    services: list[str] = field(default_factory=list)
    service_class: str | None = None
    commitments: list[Commitment] = field(default_factory=list)
    credit_tiers: list[CreditTier] = field(default_factory=list)
    duration_credits: list[DurationCredit] = field(default_factory=list)
    credit_cap_percent: float | None = None
    credit_cap_evidence: Evidence | None = None
    claim: Claim | None = None
    credit_form: str | None = None
    credit_form_evidence: Evidence | None = None
    credit_base: str | None = None
    minimum_credit: Evidence | None = None
    sole_remedy: bool = False
    sole_remedy_evidence: Evidence | None = None
    downtime: Downtime | None = None
    maintenance: Maintenance | None = None
    exclusions: list[Exclusion] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
    risks: list[dict] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def flag(self, name: str) -> Flag | None:
        return next((f for f in self.flags if f.name == name), None)

    def to_dict(self) -> dict[str, Any]:
        def ev(e: Evidence | None) -> dict:
            return e.to_dict() if e else {}

        def num(x):
            return None if x is None else (int(x) if float(x).is_integer() else x)

        return {
            "schema_version": SCHEMA_VERSION,
            "source": self.source,
            "provider": self.provider,
            "services": self.services,
            "service_class": self.service_class,
            "commitments": [
                {"service": c.service, "scope": c.scope, "uptime_percent": c.uptime_percent,
                 "period": c.period, "evidence": ev(c.evidence)} for c in self.commitments],
            "credit_tiers": [
                {"service": t.service, "scope": t.scope, "lower_percent": t.lower_percent,
                 "upper_percent": t.upper_percent, "credit_percent": num(t.credit_percent),
                 "credit_days": num(t.credit_days),
                 "evidence": ev(t.evidence)} for t in self.credit_tiers],
            "duration_credits": [
                {"per_minutes": num(d.per_minutes), "credit_percent": num(d.credit_percent),
                 "credit_days": num(d.credit_days), "cap_percent": num(d.cap_percent),
                 "evidence": ev(d.evidence)} for d in self.duration_credits],
            "credit_cap_percent": num(self.credit_cap_percent),
            "credit_cap_evidence": ev(self.credit_cap_evidence),
            "credit_base": self.credit_base,
            "claim": None if self.claim is None else {
                "window_days": num(self.claim.window_days), "business_days": self.claim.business_days,
                "window_text": self.claim.window_text, "requirements": self.claim.requirements,
                "evidence": ev(self.claim.evidence)},
            "credit_form": self.credit_form,
            "credit_form_evidence": ev(self.credit_form_evidence),
            "minimum_credit": ev(self.minimum_credit) or None,
            "sole_remedy": self.sole_remedy,
            "sole_remedy_evidence": ev(self.sole_remedy_evidence),
            "downtime": None if self.downtime is None else {
                "granularity_minutes": num(self.downtime.granularity_minutes),
                "minimum_minutes": num(self.downtime.minimum_minutes),
                "error_rate_percent": num(self.downtime.error_rate_percent),
                "measured_by": self.downtime.measured_by, "evidence": ev(self.downtime.evidence),
                "measured_evidence": ev(self.downtime.measured_evidence)},
            "maintenance": None if self.maintenance is None else {
                "notice_hours": num(self.maintenance.notice_hours),
                "max_hours": num(self.maintenance.max_hours),
                "excluded": self.maintenance.excluded, "evidence": ev(self.maintenance.evidence)},
            "exclusions": [
                {"category": x.category, "text": x.text, "catch_all": x.catch_all,
                 "evidence": ev(x.evidence)} for x in self.exclusions],
            "flags": {f.name: f.value for f in self.flags},
            "flag_evidence": {f.name: ev(f.evidence) for f in self.flags if f.evidence},
            "risks": self.risks,
            "warnings": self.warnings,
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2)
