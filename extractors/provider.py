"""The provider's name and the services the document covers, from its title lines and
party definitions."""

from __future__ import annotations

import re

from .context import Context

FIELDS = ("provider", "services", "service_class")
_EN_TITLE = re.compile(r"^(?P<name>[A-Z][\w&.,' -]{1,60}?)\s+(?:(?P<svc>[\w&/ -]{0,50}?)\s+)?"
                       r"(?:Service Level Agreement|SLA\b|Service Levels?\b)", re.I)
_EN_PARTY = re.compile(r"(?P<name>[A-Z][\w&.' -]{2,60}?)\s*\((?:the\s+)?[\"“](?:Provider|we|us|Company|Supplier|Vendor)[\"”]", re.I)
_ZH_TITLE = re.compile(r"^(?:《)?(?P<name>[\u4e00-\u9fffA-Za-z]{2,12}?(?:科技|云计算|计算|数智|网络|信息|云|公司|集团))"
                       r"(?P<svc>[\u4e00-\u9fffA-Za-z]{0,20}?)(?:服务等级协议|服务水平协议|SLA)")
_ZH_PARTY = re.compile(r"(?P<name>[\u4e00-\u9fffA-Za-z（）()]{2,30}?(?:有限公司|集团))")


def extract(ctx: Context) -> dict:
    lines = [ln.norm for ln in ctx.doc.lines[:40]]
    provider = None
    services: list[str] = []
    body = " ".join(u.norm for u in ctx.units[:400])
    for text in lines:
        m = (_ZH_TITLE.search(text) if ctx.language == "zh" else _EN_TITLE.match(text))
        if m:
            title = (m.group("name") + " " + (m.group("svc") or "")).strip(" -–—:")
            provider = _longest_repeated_prefix(title, body, ctx.language) or m.group("name").strip(" -–—:")
            svc = title[len(provider):].strip(" -–—:")
            if svc:
                services.append(svc)
            break
    if provider is None:
        pattern = _ZH_PARTY if ctx.language == "zh" else _EN_PARTY
        for text in lines:
            m = pattern.search(text)
            if m:
                provider = m.group("name").strip()
                break
    return {"provider": provider, "services": services, "service_class": _service_class(ctx)}


def _service_class(ctx: Context) -> str | None:
    """The benchmark class: named in the title lines first, else the most mentioned."""
    from collections import Counter

    table = ctx.tagger.lex.service_classes
    head = " ".join(ln.norm.lower() for ln in ctx.doc.lines[:8])
    for phrase, cls in sorted(table.items(), key=lambda kv: -len(kv[0])):
        if phrase.lower() in head:
            return cls
    counts: Counter = Counter()
    body = " ".join(u.norm.lower() for u in ctx.units)
    for phrase, cls in table.items():
        counts[cls] += body.count(phrase.lower())
    best = counts.most_common(1)
    return best[0][0] if best and best[0][1] >= 2 else None


def _longest_repeated_prefix(title: str, body: str, language: str) -> str | None:
    """The longest start of the title that the document repeats on its own: "Nimbusfield
    Cloud" out of "Nimbusfield Cloud Compute", since the body says "Nimbusfield Cloud will"."""
    if language == "zh":
        parts = list(title)
        joiner = ""
        shortest = 2
    else:
        parts = title.split()
        joiner = " "
        shortest = 1
    best = None
    for n in range(shortest, len(parts)):
        prefix = joiner.join(parts[:n])
        if body.count(prefix) >= 2:
            best = prefix
    return best
