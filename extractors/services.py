"""Which service a clause belongs to, in a document that covers several services each in a
section of its own ("1 App Hosting", "2 Virtual Machines", ... each with its commitment and
credit table), so that commitments and credit schedules are kept apart per service."""

from __future__ import annotations

import re

_NUMBER = re.compile(r"^\s*(?:(?:section|part|schedule|annex|appendix)\s+)?[\dA-Z]{1,3}(?:\.\d+)*[.)]?\s+|"
                     r"^\s*第?[一二三四五六七八九十\d]+[、.．章节部分]\s*|^\s*[（(][一二三四五六七八九十\d]+[)）]\s*", re.I)
# Headings that name a part of an SLA rather than a service.
_GENERIC = ("availability", "commitment", "credit", "scope", "period_", "claim", "exclusion_context",
            "downtime", "sole_remedy", "cap")


# Headings that name a part of the document, not a service ("定义", "服务指标一览", "Overview").
_DOCUMENT_PART = re.compile(r"定义|术语|释义|一览|概述|概览|总则|附则|说明|附件|附录|指标|价格|收费|计费|保障|常见问题|\bSLA\b|"
                            r"\b(?:definitions?|interpretation|overview|summary|general|introduction|scope|"
                            r"appendix|annex|schedule|exhibit|metrics|glossary|pricing|prices|faq|questions)\b", re.I)


def service_sections(ctx, commitment_clauses: list[str]) -> dict[str, str]:
    """clause id -> service name, for every clause under a service section. A service section
    is one of two or more sibling clauses that each hold a commitment of their own and whose
    headings name no SLA term (no "Availability", "Service Credits", plan or scope words)."""
    clauses = {c.id: c for c in ctx.doc.clauses}

    def chain(cid):
        out = []
        while cid is not None and cid in clauses:
            out.append(cid)
            cid = clauses[cid].parent
        return out[::-1]

    chains = [chain(cid) for cid in set(commitment_clauses) if cid in clauses]
    if len(chains) < 2:
        return {}
    for depth in range(1, max(len(c) for c in chains)):
        at = {c[depth] for c in chains if len(c) > depth}
        parents = {clauses[cid].parent for cid in at}
        if len(at) < 2 or len(parents) != 1:
            continue
        names = {}
        for cid in at:
            name = _name(ctx, clauses[cid].heading)
            if not name:
                break
            names[cid] = name
        else:
            if len(set(names.values())) < 2:
                return {}
            return _spread(names, clauses)
        return {}
    return {}


def _name(ctx, heading: str | None) -> str | None:
    if not heading:
        return None
    name = _NUMBER.sub("", heading).strip(" :：-–")
    if not name or len(name) > 60:
        return None
    labels = {c.label for c in ctx.tagger.cues(name)}
    if any(label.startswith(g) for label in labels for g in _GENERIC) or _DOCUMENT_PART.search(name):
        return None
    return name


def _spread(names: dict[str, str], clauses) -> dict[str, str]:
    out = dict(names)
    todo = list(names)
    while todo:
        cid = todo.pop()
        for child in clauses[cid].children:
            if child not in out:
                out[child] = out[cid]
                todo.append(child)
    return out
