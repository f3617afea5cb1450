"""The provider's name and its benchmark class (the services come with the commitments).

A provider names itself far more often than anything else with a capital letter (or, in
Chinese, a brand ending in 云 / 科技 / 计算 ...): the most repeated such name, preferring
one that stands in the title lines, is the provider."""

from __future__ import annotations

import re
from collections import Counter

from .context import Context

FIELDS = ("provider", "service_class")

_GENERIC_EN = {
    "the", "this", "these", "that", "our", "we", "you", "your", "customer", "customers", "service",
    "services", "level", "levels", "agreement", "sla", "section", "article", "schedule", "exhibit",
    "annex", "appendix", "monthly", "uptime", "percentage", "downtime", "credit", "credits",
    "availability", "available", "if", "in", "for", "any", "each", "all", "no", "a", "an", "table",
    "page", "terms", "fees", "fee", "provider", "party", "parties", "days", "month", "year", "utc",
    "usd", "to", "of", "and", "or", "on", "by", "with", "as", "it", "is", "not", "under", "where",
    "when", "what", "how", "claims", "claim", "exclusions", "definitions", "commitment",
    "maintenance", "scheduled", "sole", "remedy", "support", "data", "business", "standard",
    "premium", "basic", "enterprise", "region", "zone", "zones", "instance", "instances", "plan",
    "plans", "order", "form", "master", "subscription", "effective", "date", "version", "last",
    "updated", "changes", "general", "other", "such", "there", "than", "then", "may", "will",
    "shall", "must", "can", "note", "example", "worked", "total", "minutes", "time", "period",
    "periods", "request", "requests", "error", "errors", "rate", "cloud", "platform", "limited",
    "ltd", "inc", "gmbh", "llc", "account", "console", "portal", "documentation", "unavailable",
    "unavailability", "eligible", "eligibility", "percent", "measurement", "monitoring", "edge",
    "delivery", "network", "content",
}
_CAP_WORD = re.compile(r"\b[A-Z][a-z]{2,}[A-Za-z]*\b")
_ZH_BRAND = re.compile(r"[\u4e00-\u9fff]{2}(?:云|科技|计算|软件|数智|网络)")
_ZH_GENERIC = re.compile(r"服务|用户|本|该|对象|使用|公有|私有|混合|计费|存储|赔偿|数据|平台|上述|其|任何|所有|相关|各|此|每|云计|产品|实例|网络|以下|简称|第三")


def extract(ctx: Context) -> dict:
    head = " ".join(ln.norm for ln in ctx.doc.lines[:6])
    body = " ".join(u.norm for u in ctx.units[:600])
    provider = _zh_provider(head, body) if ctx.language == "zh" else _en_provider(head, body)
    return {"provider": provider, "service_class": _service_class(ctx)}


# 'Kittiwake Networks plc ("Kittiwake")': the party the document names and then calls by a short name
_DEFINED_EN = re.compile(r"\b(?P<long>[A-Z][\w&-]*(?: [A-Z][\w&-]*){0,4}?)(?:,? (?:plc|PLC|Ltd\.?|Limited|Inc\.?|LLC|"
                         r"GmbH|AG|AB|SE|SAS|SARL|S\.A\.|B\.V\.|Corp\.?|Corporation|Pty Ltd|Pte Ltd|LLP))?,? \((?:hereinafter |the )?[\"“”']"
                         r"(?P<short>[A-Z][\w-]+)[\"“”']\)")


_DEFINED_TERM = re.compile(r"[\"“]([A-Z][\w-]+)[\"”]\s+(?:means|refers to|is defined|has the meaning|shall mean)")


def _en_provider(head: str, body: str) -> str | None:
    # a defined term ('"Server" means …', '"Gateway" refers to …') is a thing, not the provider
    defined = set(_DEFINED_TERM.findall(body))
    counts = Counter(w for w in _CAP_WORD.findall(body) if w.lower() not in _GENERIC_EN and w not in defined)
    if not counts:
        return None
    for m in _DEFINED_EN.finditer(head + " " + body[:4000]):
        short, long = m.group("short"), m.group("long")
        if short.lower() not in _GENERIC_EN and counts[short] >= 3 and long.split()[0] == short:
            return long
    in_head = [w for w, _ in counts.most_common() if re.search(rf"\b{re.escape(w)}\b", head)]
    name = in_head[0] if in_head and counts[in_head[0]] >= 2 else counts.most_common(1)[0][0]
    # "Brightmoor Cloud", "Tern Networks": the next word joins when the pair recurs
    m = Counter(re.findall(rf"\b{re.escape(name)} ([A-Z][a-z]+)\b", body + " " + head))
    if m:
        word, n = m.most_common(1)[0]
        if n >= 2 and word.lower() in ("cloud", "networks", "systems", "data", "labs", "software",
                                       "technologies", "hosting", "computing", "digital", "edge", "web"):
            return f"{name} {word}"
    return name


# "听雨网络科技（上海）有限公司（以下简称“听雨”）": the company the document then calls by a short name;
# "乙方（服务商）：鸣沙软件（北京）有限公司": the party that provides the service
_DEFINED_ZH = re.compile(r"(?:有限公司|公司|集团)\s*[（(]\s*以下(?:简称|称)\s*[：:]?\s*[“\"「『]?(?P<short>[^”\"」』）)，,]{2,8}?)[”\"」』]?(?:\s*或[^）)]{1,10})?\s*[）)]")
_PROVIDER_PARTY_ZH = re.compile(r"(?:乙方|服务商|服务提供方|服务提供者|提供方)(?:\s*[（(][^）)]{1,8}[）)])?\s*[：:]\s*"
                                r"(?P<name>[\u4e00-\u9fff]{2,12}?)(?:\s*[（(][\u4e00-\u9fff]{2,4}[）)])?\s*(?:股份)?有限(?:责任)?公司")
_ROLE_ZH = re.compile(r"^(?:甲方|乙方|丙方|客户|用户|本公司|公司|我们|我方|贵方|服务商|服务方|提供方|平台|本协议|协议|合同|"
                      r"本合同|主合同|附件|本附件|双方|对方|采购人|供应商|买方|卖方|运营方|发布方|我公司)$")


def _zh_provider(head: str, body: str) -> str | None:
    text = head + " " + body
    for m in _DEFINED_ZH.finditer(text[:6000]):
        short = m.group("short").strip()
        # (named often, or named as the party providing: "乙方坤舆数字科技股份有限公司（以下简称“坤舆数科”）")
        providing = re.search(r"(?:乙方|服务商|发布方|提供方|运营方)[：:]?[^，。；]{0,30}$", text[max(0, m.start() - 40):m.start()])
        if not _ROLE_ZH.match(short) and (text.count(short) >= 3 or providing):
            return short
    m = _PROVIDER_PARTY_ZH.search(text)
    if m and not _ROLE_ZH.match(m.group("name")):
        return m.group("name")
    counts = Counter(b for b in _ZH_BRAND.findall(head + body) if not _ZH_GENERIC.search(b))
    if not counts:
        return None
    in_head = [b for b, _ in counts.most_common() if b in head]
    return in_head[0] if in_head and counts[in_head[0]] >= 2 else counts.most_common(1)[0][0]


def _service_class(ctx: Context) -> str | None:
    """The benchmark class: named in the title lines first, else the most mentioned."""
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
