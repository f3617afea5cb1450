"""Exclusions by category: sentences that say what the SLA does not cover, classified by
the taxonomy lexicons in knowledge/exclusions. A catch-all is flagged as such."""

from __future__ import annotations

import re

from .context import Context
from .model import Exclusion

FIELDS = ("exclusions",)
_BY_US = re.compile(r"\s*(?:(?:us|we|our|the provider)\b|本公司|我们|我方|服务商)", re.I)
# "其他非枫桥云原因" (any cause that is not the provider's), with the provider's name inside
_CATCH_ALL = re.compile(r"其他(?:任何)?非(?:因)?.{0,12}?(?:原因|过错|责任)")
_CONTROL = re.compile(r"reasonable control|beyond (?:our|its|the) control|can't control|cannot control|"
                      r"无法控制|不能控制|控制范围", re.I)
_LIST_GOES_ON = (";", "；", ":", "：", ",", "，", "、", "or", "and")


def extract(ctx: Context) -> dict:
    out: list[Exclusion] = []
    seen: set[tuple[str, str]] = set()
    lead_ins = _lead_ins(ctx)
    parent = {c.id: c.parent for c in ctx.doc.clauses}
    carry = None  # a clause whose exclusion list runs on over several sentences
    seen_clause: set[str] = set()
    defined = _defined_terms(ctx)
    for unit in ctx.sla_units:
        first_in_clause = unit.clause not in seen_clause
        seen_clause.add(unit.clause)
        # "DDoS against our name servers is not excluded": context words turned around
        # ("... that are not caused by us" qualifies an exclusion, it does not turn it around)
        spans = [c for c in unit.spans("exclusion_context") if not _BY_US.match(unit.norm, c.end)]
        catch_all = _CATCH_ALL.search(unit.norm)  # (its 非 negates nothing)
        affirmed = [] if not catch_all and any(unit.negated(c, window=15) for c in spans) else spans
        in_context = (bool(affirmed) or "exclusion_context" in unit.heading_cues
                      or (first_in_clause and parent.get(unit.clause) in lead_ins) or carry == unit.clause)
        carry = unit.clause if in_context and unit.norm.rstrip(" •·▪◦-–").endswith(_LIST_GOES_ON) else None
        if not in_context or (spans and not affirmed):
            # ("such as" / 例如 lists examples of the category: still an exclusion)
            continue
        labels = unit.labels("excl:") | _defined_labels(unit, defined)
        if catch_all:
            labels.add("excl:other")
        broad = "excl:other" in labels
        if broad and "excl:force_majeure" in labels and _CONTROL.search(unit.norm):
            # "any other event beyond our reasonable control" is the force-majeure clause
            # itself, drafted as a catch-all: one exclusion, flagged as catch-all
            labels.discard("excl:other")
        for label in sorted(labels):
            category = label[5:]
            if (category, unit.text) in seen:
                continue
            seen.add((category, unit.text))
            out.append(Exclusion(category=category, text=unit.text,
                                 catch_all=category == "other" or (broad and category == "force_majeure"),
                                 evidence=unit.evidence(f"exclusion context + {category} cue")))
    return {"exclusions": out}


# Categories whose members SLAs name with a defined term ("Pre-GA Offerings", "Emergency
# Maintenance", "Force Majeure Event"); weaker cues (a "Service" defined "as described in
# the Documentation") would spread to every sentence that names the term.
_DEFINED_CATEGORIES = {"excl:beta_preview", "excl:scheduled_maintenance", "excl:force_majeure"}


def _defined_terms(ctx: Context) -> list[tuple[re.Pattern, set[str]]]:
    """Defined terms whose definition names exclusion categories: '"Pre-GA Offering" means
    any feature labelled Preview or Beta' lets "(a) Pre-GA Offerings" be read as beta_preview.
    A definition that itself excludes things ("Downtime does not include ...") is not one:
    every sentence that mentions Downtime would inherit its exclusions."""
    out = []
    for d in ctx.doc.glossary:
        cues = ctx.tagger.cues(d.text)
        labels = {c.label for c in cues if c.label in _DEFINED_CATEGORIES}
        if not labels or any(c.label == "exclusion_context" for c in cues) or len(d.term) < 3:
            continue
        term = re.escape(d.term.strip())
        flags = re.I if ctx.language == "en" else 0
        out.append((re.compile(rf"(?<!\w){term}(?:s|es)?(?!\w)" if ctx.language == "en" else term, flags), labels))
    return out


def _defined_labels(unit, defined) -> set[str]:
    """Categories a sentence takes from the defined terms it mentions."""
    return {label for pattern, labels in defined if pattern.search(unit.norm) for label in labels}


def _lead_ins(ctx: Context) -> set[str]:
    """Clauses whose last sentence introduces a list of exclusions ("... caused by:"), so
    that their lettered sub-clauses are read as exclusions too."""
    last: dict[str, object] = {}
    for unit in ctx.units:
        if unit.cells is None:
            last[unit.clause] = unit
    return {cid for cid, u in last.items() if u.has("exclusion_context")}
