"""The claim: how many days the customer has to ask for a credit, counted how, and what
the request must contain."""

from __future__ import annotations

import re

from .context import Context
from .model import Claim
from .quantities import durations

FIELDS = ("claim",)
_NTH_DAY = re.compile(r"end of the \w+(?:[\s-]\w+)?\s*\((\d+)(?:st|nd|rd|th)\)\s*day|by the (\d+)(?:st|nd|rd|th) day", re.I)
_CYCLES = re.compile(
    r"end of the (first|second|third|next|following)\s+(?:full\s+)?(?:billing cycle|billing period|month|calendar month)|"
    r"(?:last|final) day of the (?:calendar )?(?:month|billing (?:cycle|period))\s+(?:following|after)|"
    r"within (one|two|three|1|2|3) (?:full\s+)?(?:calendar\s+)?months?|"
    r"(?:次月|下个月|下月)月?(?:底|末)|"
    r"(?:后|内)的?(一|两|二|三|1|2|3)个(?:自然)?月内?", re.I)
_ORDINAL = {"first": 1, "next": 1, "following": 1, "second": 2, "third": 3, "one": 1, "two": 2,
            "three": 3, "1": 1, "2": 2, "3": 3, "一": 1, "两": 2, "二": 2, "三": 3}
_DAY_OF_NEXT = re.compile(
    r"(?:by|before|on or before|no later than|not later than)\s+the\s+(?:[a-z-]+\s+)?\(?(\d{1,2})(?:st|nd|rd|th)?\)?\s+(?:calendar\s+)?(?:day\s+)?"
    r"of\s+the\s+(?:(?:following|next|subsequent|succeeding)\s+(?:calendar\s+)?(?:month|billing (?:cycle|period|month))|"
    r"(?:calendar\s+)?month\s+(?:following|after))|"
    r"(?:次月|下个?月|下一(?:个)?(?:自然)?月)(\d{1,2})\s*(?:日|号)", re.I)
# what the window counts from (Claim.anchor)
_PERIOD_END = re.compile(
    r"(?:end|close|conclusion|expiry|expiration|last day)\s+of\s+(?:the|each|that|such|a|any)?\s*(?:calendar\s+|applicable\s+|affected\s+)?"
    r"(?:month|billing (?:cycle|period|month)|service (?:period|month|year|quarter)|measurement (?:period|month)|"
    r"contract (?:year|quarter)|quarter|year|period)|"
    r"(?:after|following)\s+the\s+(?:calendar\s+)?(?:month|billing (?:cycle|period|month)|service period|quarter)\s+in\s+which|"
    r"(?:服务周期|服务月|计费周期|账单周期|计费月|结算周期|统计周期|考核周期|自然月|当月|该月|月度|服务期|服务年度|"
    r"合同年度|年度|季度|自然季度)"
    r"(?:结束|届满|终止|期满|结算)|(?:月份|当月|该月)的?(?:次月|下个?月)|(?:次月|下个?月)(?=\s*\d|月?底|月?末|内|之内|前)", re.I)
_INCIDENT = re.compile(
    r"(?:of|after|from|following|since)\s+(?:the\s+)?(?:date\s+(?:of\s+)?|end\s+of\s+|start\s+of\s+)?(?:the\s+|such\s+|an?\s+)?"
    r"(?:incident|outage|downtime|unavailability|event|occurrence|failure|interruption|service disruption)|"
    r"(?:故障|事件|中断|不可用|服务不可用)(?:发生|结束|恢复|出现)?(?:之日|当日|时)?(?:后|起|之后|以后)", re.I)
_REQUIRE = re.compile(r"must include|must contain|shall include|include[sd]?:|following information|"
                      r"包括|包含|提供以下|应当提供|需提供|须提供|需要提供", re.I)
_CLAIM_WORDS = ("claim", "request", "submit", "ticket", "apply", "notif", "申请", "提出", "提交", "索赔", "工单", "报告", "异议")


def _claim_words(unit) -> bool:
    words = unit.norm.lower()
    return any(w in words for w in _CLAIM_WORDS) or unit.has("claim") or "claim" in unit.heading_cues


def _about_credit(unit) -> bool:
    """The sentence, or its headings, speak of credits, downtime or claims."""
    return unit.has("credit") or unit.has("downtime") or bool(unit.labels("form_")) \
        or "credit" in unit.heading_cues or "claim" in unit.heading_cues


def _section(clause_id: str) -> str:
    return re.split(r"[/(（#]", clause_id, maxsplit=1)[0]


# the credit claim itself, not a fault ticket ("故障工单不等同于赔偿申请") or advice ("建议…72小时内")
_CREDIT_CLAIM = re.compile(r"赔偿申请|申请赔偿|索赔|补偿申请|申请补偿|credit request|claim (?:for|a) (?:service )?credit|"
                           r"request (?:a |for )?(?:service )?credit", re.I)
_ADVICE = re.compile(r"建议|\brecommend|\bwe suggest|\bideally\b|不等同于", re.I)
_SUBMIT = re.compile(r"submit|file|send|open|e-?mail|raise|notify|lodge|request|\bask|提交|提出|申请|发起|报告|工单", re.I)
_AFTER_CLAIM = re.compile(r"approv|paid|\bpay|\bpublish|\bpost(?:s|ed)?\b|发布|公布|issue[ds]?\b|(?:are|is|be|will be) applied|respond|reply|review|confirm|refunded|发放|答复|审核|回复|处理|核实|退还|转账", re.I)


# who must act by the deadline, from the words the sentence opens with: "乙方应在…5个工作日内提交
# 《月度服务报告》" is the provider's deadline, "甲方应自收到报告之日起10个工作日内…提出异议" the customer's
_OPENING = re.compile(r"^\s*(?:第[一二三四五六七八九十百零\d]+条|[\d.]+[.、．]?|[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、)\s*")
_PROVIDER_ACTS = re.compile(r"^(?:乙方|服务商|服务提供方|服务方|本公司|我们|我方|(?:the\s+)?(?:provider|supplier|vendor)\b|we\b)", re.I)
_CUSTOMER_ACTS = re.compile(r"^(?:甲方|用户|客户|您|贵方|(?:the\s+)?customer\b|you\b|licensee\b|subscriber\b)", re.I)


_CONDITION = re.compile(r"\s*(?:if|where|when|in the event|should|如|若|如果|假如|倘若)", re.I)


def _actor(text: str, provider: str | None, pos: int) -> str | None:
    """Who the deadline at ``pos`` binds: the party its clause opens with ("客户…不再续约的，听雨
    在…30日内退还": 听雨), else the one the sentence opens with."""
    cut = max(text.rfind(c, 0, pos) for c in "，,；;")
    first = re.split(r"[，,；;]", text, maxsplit=1)[0]
    # ("客户不再续约的，在…30日内退还": a condition names the customer, not who acts)
    sentence = None if cut >= 0 and (first.rstrip().endswith("的") or _CONDITION.match(_OPENING.sub("", first))) else text
    for opening in (text[cut + 1:], sentence):
        if opening is None:
            continue
        opening = _OPENING.sub("", opening.lstrip(), count=1)
        if _PROVIDER_ACTS.match(opening) or (provider and opening.startswith(provider)):
            return "provider"
        if _CUSTOMER_ACTS.match(opening):
            return "customer"
    return None


def _requirement_items(ctx: Context, unit) -> list:
    """A request "must include:" followed by a list: the items that follow, in the same
    clause or its sub-clauses."""
    if not unit.norm.rstrip().endswith((":", "：")):
        return []
    parent = {c.id: c.parent for c in ctx.doc.clauses}
    units = ctx.sla_units
    start = next(k for k, u in enumerate(units) if u is unit)
    items = []
    for u in units[start + 1:start + 12]:
        if u.clause != unit.clause and parent.get(u.clause) != unit.clause:
            break
        items.append(u)
    return items


def extract(ctx: Context) -> dict:
    candidates = []
    requirements: list[str] = []
    req_evidence = []
    credit_sections = frozenset(_section(u.clause) for u in ctx.sla_units if u.has("credit") and u.clause != "0")
    for order, unit in enumerate(ctx.sla_units):
        if unit.cells is not None or unit.has("example") or not _claim_words(unit):
            continue
        own = _about_credit(unit)
        # "（二）甲方应自收到《月度服务报告》之日起10个工作日内…提出异议": a section about the
        # deduction makes a deadline in it a claim window, though the sentence names no credit
        if not own and _section(unit.clause) not in credit_sections:
            continue
        if _REQUIRE.search(unit.norm) and own:  # (what a request must contain: its own words say it is a claim)
            items = _requirement_items(ctx, unit)
            for u in items or [unit]:
                if u.text not in requirements:
                    requirements.append(u.text)
                    req_evidence.append(u.evidence("claim: what a request must contain"))
        days = None
        business = False
        window = None
        months = None
        anchor = None
        m = _CYCLES.search(unit.norm)
        nth = _DAY_OF_NEXT.search(unit.norm)
        nth_day = _NTH_DAY.search(unit.norm)
        ds = [d for d in durations(unit.norm, ctx.language) if d.minutes >= 1440 and d.count <= 366]
        if nth and ds and ds[0].start < nth.start():
            nth = None
        if nth_day:
            # "by the end of the thirtieth (30th) day after the end of the Billing Month"
            days = float(next(g for g in nth_day.groups() if g))
            window, pos = nth_day.group(0), nth_day.start()
        elif m:
            n = next(g for g in m.groups() if g) if any(m.groups()) else "1"
            months = _ORDINAL.get(n.lower(), 1)
            days = 30.0 * months
            window, pos = m.group(0), m.start()
            if m.group(1) or re.search(r"底|末|last day|final day", window, re.I):
                anchor = "cycle_end"  # "the end of the next billing cycle", 次月底
        elif nth:
            # "by the 10th of the following month" = ten days after the end of the month
            days = float(nth.group(1) or nth.group(2))
            window = unit.norm[ds[0].start:ds[0].end] if ds else nth.group(0)
            pos = ds[0].start if ds else nth.start()
            anchor = "period_end"
        else:
            lead = re.search(r"within|no later than|not later than|内|之内|以内|前", unit.norm, re.I)
            # "第五个工作日起 … 须在…60个自然日内": a start date is no deadline
            ds = [d for d in ds if not re.match(r"\s*(?:之后|以后|后)?起", unit.norm[d.end:d.end + 4])]
            deadlines = [d for d in ds if re.match(r"\s*(?:之内|以内|内)", unit.norm[d.end:d.end + 3])
                         or re.search(r"within\s*$|no later than\s*$", unit.norm[max(0, d.start - 16):d.start], re.I)]
            if ds and lead:
                d = (deadlines or ds)[0]
                days = d.minutes / 1440
                business = d.business
                window, pos = unit.norm[d.start:d.end], d.start
        if days is None:
            continue
        # The customer's deadline, not the provider's: "open a ticket within 15 days" beats
        # "credits are paid within 30 days after we approve the claim".
        # ... and one the customer acts by: reviewing its own report is not the provider reviewing a claim
        actor = _actor(unit.norm, ctx.summary.provider, pos)
        score = (2 if _SUBMIT.search(unit.norm) else 0) \
            - (3 if _AFTER_CLAIM.search(unit.norm) and actor != "customer" else 0) \
            + (1 if _CREDIT_CLAIM.search(unit.norm) else 0) - (2 if _ADVICE.search(unit.norm) else 0) \
            - (3 if actor == "provider" else 0) + (1 if actor == "customer" else 0)
        candidates.append((-score, order, days, business, window, months, anchor, unit))
    if not candidates:
        return {"claim": Claim(None, False, None, requirements, None, requirement_evidence=req_evidence)
                if requirements else None}
    _, _, days, business, window, months, anchor, unit = min(candidates, key=lambda c: (c[0], c[1]))
    if anchor is None:
        anchor = _anchor(unit.norm)
    best = Claim(window_days=days, business_days=business, window_text=window,
                 requirements=requirements, evidence=unit.evidence("claim: request word + time limit"),
                 anchor=anchor, window_months=months, requirement_evidence=req_evidence)
    return {"claim": best}


_INCIDENT_END = re.compile(r"end\s+of\s+(?:the\s+|such\s+|an?\s+)?(?:incident|outage|downtime|unavailability|event|"
                           r"interruption)|(?:故障|事件|中断|不可用)(?:结束|恢复)", re.I)


def _anchor(text: str) -> str | None:
    """What the claim window counts from, by the first cue in the sentence: "incident",
    "incident_end" (the end of the outage), or "period_end"."""
    p, i = _PERIOD_END.search(text), _INCIDENT.search(text)
    if p and (not i or p.start() <= i.start() or re.search(r"in which|发生(?:的)?月份|所在(?:的)?(?:月|周期)", text[i.start():p.end()])):
        return "period_end"
    if i:
        return "incident_end" if _INCIDENT_END.search(text[max(0, i.start() - 20):i.end() + 4]) else "incident"
    return "period_end" if p else None
