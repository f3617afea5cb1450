"""How downtime is counted: interval length, minimum counted outage, error-rate threshold,
and who measures it."""

from __future__ import annotations

import re

from .context import Context
from .model import Downtime
from .quantities import percents

FIELDS = ("downtime",)
_INTERVAL = re.compile(
    r"(\d+|one|two|five|ten|fifteen|thirty|sixty)[\s-]*(?:\(\d+\)[\s-]*)?minutes?[\s-]+(?:interval|period|window|increment|time slot|measurement)|"
    r"(?:each|every|per|any)\s+(?:(\d+|one|two|three|five|ten|fifteen|thirty)[\s-]*(?:\(\d+\)[\s-]*)?)?minute(?!s? of)|minute-by-minute|"
    r"连续的?\s*(\d+)\s*分钟|(?:以|按)\s*(?:连续的?)?\s*(\d+)\s*分钟(?:为单位)?\s*(?:作为|划分|切分)|每\s*(\d+)\s*分钟|以\s*(\d+)\s*分钟为(?:一个)?(?:统计|考核)?(?:周期|粒度|间隔|单位|时段|单元)?|(\d+)\s*分钟(?:为)?(?:一个)?(?:统计|考核)?(?:周期|粒度|间隔|单位|时段)|每分钟|"
    r"(?:one|1|a single) minute at a time|per-minute|\b(?:a|each|any|every) minute (?:is|counts|in which|during which)|\bminutes (?:in|during) which\b|\bminutes in the (?:month|period) in which\b|in whole minutes|(?:next|nearest) (?:whole |full )?minute|"
    r"(?:intervals?|blocks?|increments?|units?) of\s+(\w+)\s*(?:\(\d+\)\s*)?minutes?|(?P<hours>one|1)[\s-]*hour[\s-]+(?:interval|period|window|block)s?|每小时|以小时为|(?P<minute>以分钟为(?:最小)?(?:统计|计量|计算)?(?:单位|粒度)|按分钟|某一分钟|每一分钟|某\s*1\s*分钟内|(?<![\d几数])一分钟内的|该分钟(?:为|计为|视为|记为))|按\s*(\d+)\s*分钟(?:为单位)?划分(?:为(?:若干)?(?:个)?(?:统计|考核)(?:单元|周期|时段))?|"
    r"(?:统计|考核|监测|监控|计量)(?:周期|粒度|间隔|单位|时段|单元)\s*[:：为是]\s*(\d+)\s*分钟|"
    r"(?<!for )\b(?:each|every|a|one)\s+(?:period|block|slot)\s+of\s+(\w+)\s*(?:\(\d+\)\s*)?(?:consecutive\s+)?minutes\b|"
    r"(?:interval|period)\W{0,3}\s+(?:means|is)\s+(?:a|each|one)?\s*(?:period|block|window|span)\s+of\s+"
    r"(\w+)\s*(?:\(\d+\)\s*)?(?:consecutive\s+)?minutes", re.I)
_MINIMUM = re.compile(
    r"(?:less than|shorter than|under|fewer than|不足|少于|低于)\s*(\d+|one|five|ten)\s*(?:consecutive\s+)?(minutes?|分钟)",
    re.I)
_WORDS = {"one": 1, "two": 2, "three": 3, "five": 5, "ten": 10, "fifteen": 15, "thirty": 30, "sixty": 60}
_ERROR = re.compile(r"error rate|错误率|失败率|error responses|failed requests", re.I)
_DOWN_WORDS = ("downtime", "unavailab", "down", "不可用", "故障", "中断", "availability", "可用性", "error")


# Who measures, when a document says several things: an independent monitor outranks all;
# provider records declared conclusive outrank customer evidence; customer evidence that is
# accepted outranks a plain "our monitoring".
_MEASURED_RANK = ("third_party", "customer_conclusive", "provider_conclusive", "customer_evidence", "provider")


_FOR_REFERENCE = re.compile(r"仅供参考|供[^，。；]{0,14}参考|仅作参考|不改变[^，。；]{0,12}(?:认定|依据)|不作为|不能作为|不得作为|for (?:information|reference) only|will not be used|"
                            r"shall not be used|are not used|is not used", re.I)
_ONLY_HELPS = re.compile(r"\bhelp (?:us |the provider |[A-Z]\w+ )?(?:to )?(?:locate|investigate|diagnose|find)|"
                         r"\blook at them\b|\bwhen we investigate\b|辅助说明|辅助定位|协助定位|帮助.{0,8}定位", re.I)
_SET_ASIDE = re.compile(r"\bnot\b|不能|不可|不得|无法", re.I)
_EVIDENCE = re.compile(r"证据|日志|记录|截图|数据|材料|evidence|logs?\b|records?\b|screenshots?|reports?\b", re.I)


# "以第4.1条至第4.4条的判定结果为准", "以《…服务等级协议》为准", "具体以产品详情页为准", "as set
# out in Section 4": what decides is another text, not anyone's records
_ELSEWHERE = re.compile(r"(?:以|按)\s*(?:第[\d.一二三四五六七八九十]+条|《[^》]{1,40}》|[^，。；,;]{0,14}"
                        r"(?:页面|详情页|官网|公告|文档|协议|合同|条款|说明|附件))[^，。；,;]{0,14}$|"
                        r"\b(?:set out|described|defined) in (?:section|clause|schedule|annex)\b", re.I)


def _who_measures(unit, customer_side: set[str]) -> list[str]:
    found = []
    # "用户或第三方监测机构提供的拨测数据仅供参考": named only to be set aside
    outside = not _FOR_REFERENCE.search(unit.norm)
    # ("向用户提供的服务" is what the provider gives the customer, not the customer's evidence)
    customer = [c for c in unit.spans("measured_customer") if unit.norm[max(0, c.start - 1):c.start] not in ("向", "为")]
    # (a third-party monitor the customer hires is one more kind of customer evidence)
    if outside and not customer and any(not unit.negated(c) for c in unit.spans("measured_third_party")):
        found.append("third_party")
    provider = unit.spans("measured_provider")
    # ("以我们的监控记录为基础认定": the basis, which the customer's evidence may still correct)
    conclusive = [c for c in unit.spans("measured_conclusive") if not unit.negated(c, window=8)
                  and not _ELSEWHERE.search(unit.norm[max(0, c.start - 40):c.start])
                  and not re.search(r"为基础|主要依据|\bstarting point\b", unit.norm[c.start:c.end], re.I)
                  # ("以双方核实一致的时段为准", "as agreed by both parties": no one side's records decide)
                  and not re.search(r"双方[^，。；]{0,10}(?:一致|确认|共同)|\bboth parties\b|\bmutually agreed\b",
                                    unit.norm[max(0, c.start - 20):c.end], re.I)]
    # "…可以作为辅助说明，但不能替代…监控系统的记录", "… but they are not used to calculate
    # Unavailable Minutes": the customer's or a third party's data is set aside, the
    # provider's records decide
    if any(_SET_ASIDE.search(unit.norm[c.start:c.end]) for c in conclusive):
        return ["provider_conclusive"]
    if conclusive and customer and _EVIDENCE.search(unit.norm):
        # "以用户提供的可信证据为准": the customer's evidence is what decides
        c = conclusive[0]
        if re.search(r"(?:from|by|on|of)$", unit.norm[c.start:c.end], re.I):
            # "Downtime is established from the evidence the Customer provides": what decides follows
            nearest = min((x for x in provider + customer if x.start >= c.end), key=lambda x: x.start, default=None)
        elif any(c.start <= x.start and x.end <= c.end for x in customer):
            nearest = next(x for x in customer if c.start <= x.start and x.end <= c.end)  # "以客户提供的证据认定"
        else:
            nearest = max((x for x in provider + customer if x.end <= c.start), key=lambda x: x.end, default=None)
        if nearest is not None and nearest.label == "measured_customer":
            conclusive = []
            found.append("customer_conclusive")
    if conclusive and (provider or re.search(r"record|log|monitor|data|measure|记录|数据|监控|监测|统计|日志", unit.norm, re.I)):
        found.append("provider_conclusive")
    # ("we will look at them when we investigate": the customer's reports help, they do not count)
    if outside and _EVIDENCE.search(unit.norm) and any(not unit.negated(c) for c in customer) \
            and not _ONLY_HELPS.search(unit.norm):
        found.append("customer_evidence")
    if provider or _own_records(unit, customer_side):
        found.append("provider")
    return found


_RECORD_WORDS = r"(?:logs?|records?|monitoring|measurements?|systems?|probes?|data|telemetry|tools?)"
_MEASURING = re.compile(r"\b(?:calculat\w*|determin\w*|decid\w*|measur\w*|used to|authoritative|conclusive|"
                        r"the basis)\b", re.I)


def _own_records(unit, customer_side: set[str]) -> bool:
    """ "Ridgeline calculates the Error Rate from its own front-end request logs", "The Fault
    Ticket records held in Kittiwake's fault management system are used to calculate …": the
    provider's own records (its own / our / <provider>'s) said to measure. ``customer_side``
    holds the owner words of the exclusions lexicon (owned.tsv): "Customer's logs" are the
    customer's evidence."""
    m = _MEASURING.search(unit.norm)
    if not m or not any(re.sub(r"[’']s$", "", o.group("owner")).lower() not in customer_side
                        for o in _OWN.finditer(unit.norm)):
        return False
    # "… does not by itself determine …" is no claim to measure
    return not _NOT.search(unit.norm[max(0, m.start() - 30):m.start()])


_NOT = re.compile(r"\b(?:not|never|no longer)\b|n't\b", re.I)
_OWN = re.compile(r"(?P<owner>\b(?:its own|our own|our)|\b[A-Z][\w-]+[’']s)\s+(?:[\w-]+\s+){0,3}?" + _RECORD_WORDS + r"\b")


def _num(raw: str | None) -> float | None:
    if raw is None:
        return None
    return float(_WORDS.get(raw.lower(), raw)) if not raw.isdigit() else float(raw)


def extract(ctx: Context) -> dict:
    gran = minimum = err = None
    evidence = None
    measured = None
    measured_evidence = None
    customer_side = set(ctx.tagger.lex.owners)
    findings: list[tuple[str, object]] = []  # (who, unit), in document order
    best_rank = None  # how surely the interval found so far is the measuring interval
    prev = None
    for unit in ctx.units:
        low = unit.norm.lower()
        about_downtime = unit.has("downtime") or any(w in low for w in _DOWN_WORDS) \
            or "availability" in unit.heading_cues or "downtime" in unit.heading_cues
        if any(c.start < 20 for c in unit.spans("example")):
            continue  # (not for "(for example, a test meeting your IT team runs)" at its end)
        if minimum is None:
            m = _MINIMUM.search(unit.norm)
            if m and re.search(r"not (?:be )?count|excluded|不计|不视为|不算", unit.norm, re.I):
                minimum = _num(m.group(1))
        whos = _who_measures(unit, customer_side)
        own_cue = unit.has("measured_customer") or unit.has("measured_third_party") or unit.has("measured_provider")
        if not own_cue and whos in ([], ["provider_conclusive"]) and prev is not None and prev.clause == unit.clause \
                and _FOR_REFERENCE.search(unit.norm):
            # "We also subscribe to an independent external monitor …; its results are for
            # transparency only and are not used to calculate Availability"
            findings = [f for f in findings if f[1] is not prev or f[0] not in ("third_party", "customer_evidence")]
        findings.extend((who, unit) for who in whos)
        prev = unit
        # (a definition of the measuring interval speaks of downtime by itself, and outranks a
        # sentence that only mentions monitoring: "每小时一次的存档快照 … 在线人数监控"; in
        # "每分钟…发起探测，以10分钟为一个统计周期" the period defined outranks the probing rate)
        defines_interval = bool(re.search(r"(?:统计|考核)(?:周期|粒度|时段|单元|区间)|measurement interval",
                                          unit.norm, re.I))
        for m in _INTERVAL.finditer(unit.norm):
            rank = (4 if re.search(r"统计|考核|interval|measurement|(?:period|block|slot) of", m.group(0), re.I)
                    else 3 if defines_interval
                    else 2 if about_downtime
                    else 1 if re.search(r"monitor|measur|check|probe|监控|监测|探测|检测|拨测",
                                        unit.norm[max(0, m.start() - 50):m.end() + 20], re.I) else 0)
            if re.match(r"[^。;；,，]{0,6}?(?:存档|快照|备份|snapshot|backup)", unit.norm[m.end():], re.I):
                rank = 0  # "每小时一次的存档快照": how often a backup runs
            if rank and (best_rank is None or rank > best_rank):
                raw = next((g for g in m.groups() if g), None)
                hourly = m.group("hours") is not None or m.group(0) in ("每小时", "以小时为")
                gran = 60.0 if hourly else (_num(raw) if raw and not m.group("minute") else 1.0)
                evidence = unit.evidence("downtime interval")
                best_rank = rank
        if not about_downtime:
            continue
        if err is None and _ERROR.search(unit.norm):
            pct = [p.value for p in percents(unit.norm) if p.value < 50]
            if pct:
                err = pct[0]
    for who, unit in findings:
        if measured is None or _MEASURED_RANK.index(who) < _MEASURED_RANK.index(measured):
            measured = who
            measured_evidence = unit.evidence(f"who measures: {who.replace('_', ' ')} wording")
    measured = {"provider_conclusive": "provider", "customer_conclusive": "customer_evidence"}.get(measured, measured)
    if gran is None and minimum is None and err is None and measured is None:
        return {"downtime": None}
    return {"downtime": Downtime(granularity_minutes=gran, minimum_minutes=minimum, error_rate_percent=err,
                                 measured_by=measured, evidence=evidence, measured_evidence=measured_evidence)}
