"""After an outage: the evidence a claim must carry (a checklist: what the contract asks for,
then what any claim should have) and a claim letter drafted in Markdown in the contract's
language."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from .credits import _norm
from .periods import format_minutes


@dataclass
class Item:
    text: str
    required: bool  # True: the contract asks for it; False: recommended
    evidence: object | None = None  # the clause that asks for it


_CUE = re.compile(
    r"(?:must|shall|should)\s+(?:include|contain|state|specify|set out|provide|list|describe)|"
    r"include[sd]?\s*:|the following(?: information| details)?\s*:|following information|together with|"
    r"\b(?:stating|specifying|setting out|identifying|describing)\b|"
    r"(?:应当|应|须|需要|需|必须)?(?:至少)?(?:包括|包含|写明|注明|载明|列明|说明|提供以下|提供如下|提供|附上)[：:]?|"
    r"并(?:写明|注明|说明|提供|附上)", re.I)
_MARKERS = re.compile(r"^\s*(?:\(?[a-z0-9ivx]{1,4}[).]|[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、|[-•·*])\s*", re.I)
_SPLIT_EN = re.compile(r"\s*(?:;|,\s*and\s+|,\s*or\s+|,(?![^(]*\))|\(\w{1,3}\)\s)\s*")
_SPLIT_ZH = re.compile(r"[、，,；;]")


def requirement_items(text: str, language: str) -> list[str]:
    """The separate things a requirement sentence asks for: 'The claim must include the dates
    and times of each incident and the affected resource IDs' -> two items."""
    m = None
    for m in _CUE.finditer(text):
        break
    body = text[m.end():] if m else text
    body = body.strip().strip("。.;；:：").strip()
    if not body:
        return []
    if language == "zh":
        parts = _SPLIT_ZH.split(body)
        if parts and "以及" in parts[-1] and len(parts) > 1:
            parts = parts[:-1] + re.split(r"以及", parts[-1], maxsplit=1)
    else:
        parts = _SPLIT_EN.split(body)
        if len(parts) == 1 and re.search(r"\s+and\s+(?:the|your|a|any|all)\s", body):
            parts = re.split(r"\s+and\s+(?=(?:the|your|a|any|all)\s)", body)
    out = []
    for p in parts:
        p = _MARKERS.sub("", p).strip().strip("。.;；:：,，").strip()
        p = re.sub(r"^(?:and|or|以及|和|与|及)\s*", "", p, flags=re.I).strip()
        if len(p) >= 2 and p not in out:
            out.append(p)
    return out


_RECOMMENDED = {
    "en": [
        ("account", r"account|customer id|tenant", "Your account ID and the contract or order number"),
        ("resources", r"resource|instance|cluster|region|zone|service name|affected serv",
         "The affected service, resources (IDs) and region or zone"),
        ("times", r"time|date|duration|start", "Start and end time of each outage, with the time zone"),
        ("logs", r"log|monitor|screenshot|record", "Your own monitoring data, logs or screenshots showing the outage"),
        ("tickets", r"ticket|case|reference", "Support ticket or incident numbers opened during the outage"),
        ("credit", r"credit amount|calculation", "The credit you ask for and how you computed it"),
    ],
    "zh": [
        ("account", r"账号|账户|用户ID|客户ID", "账号ID及合同或订单编号"),
        ("resources", r"实例|资源|集群|地域|可用区|服务|硬盘|ID", "受影响的服务、资源ID及所在地域或可用区"),
        ("times", r"时间|时段|起止|日期", "每次故障的开始与结束时间（注明时区）"),
        ("logs", r"日志|监控|截图|记录|告警", "我方自有的监控数据、日志或截图"),
        ("tickets", r"工单号|工单编号|事件编号", "故障期间提交的工单编号"),
        ("credit", r"赔偿金额|计算", "申请的赔偿金额及计算方式"),
    ],
}


def checklist(summary, language: str) -> list[Item]:
    """What the contract asks a claim to contain (cited), then what any claim should have."""
    lang = "zh" if language == "zh" else "en"
    items: list[Item] = []
    claim = summary.claim
    doc_lang = summary.source.get("language", lang) if isinstance(summary.source, dict) else lang
    sources: list[tuple[str, object]] = []
    if claim is not None:
        evs = list(getattr(claim, "requirement_evidence", []) or [])
        for k, text in enumerate(claim.requirements):
            ev = evs[k] if k < len(evs) else (claim.evidence if claim.evidence and claim.evidence.text == text else None)
            sources.append((text, ev))
        if claim.evidence is not None and claim.evidence.text not in claim.requirements and _CUE.search(claim.evidence.text):
            sources.append((claim.evidence.text, claim.evidence))
    for text, ev in sources:
        for piece in requirement_items(_norm(text), doc_lang):
            if all(piece != i.text for i in items):
                items.append(Item(piece, True, ev))
    required_text = " ".join(i.text for i in items).lower()
    for _key, pattern, text in _RECOMMENDED[lang]:
        if required_text and re.search(pattern, required_text, re.I):
            continue  # the contract already asks for it
        items.append(Item(text, False))
    return items


# --- the letter ----------------------------------------------------------------------------

def _cite(e, lang: str) -> str:
    if e is None:
        return ""
    clause = e.clause if e.clause and e.clause != "0" and not str(e.clause).startswith("h") else None
    if lang == "zh":
        return f"第{clause}条" if clause else f"第{e.page}页"
    return f"clause {clause}" if clause else f"page {e.page}"


def _quote(e, limit: int = 200) -> str:
    if e is None:
        return ""
    t = " ".join(e.text.split())
    return t if len(t) <= limit else t[: limit - 1] + "…"


def _zh_date(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def _zh_period(label: str) -> str:
    m = re.fullmatch(r"(\d{4})-(\d{2})", label)
    if m:
        return f"{m.group(1)}年{int(m.group(2))}月"
    m = re.fullmatch(r"(\d{4})-Q(\d)", label)
    if m:
        return f"{m.group(1)}年第{m.group(2)}季度"
    return f"{label}年" if label.isdigit() else label


def _en_date(d: date) -> str:
    return d.strftime("%B %-d, %Y") if hasattr(d, "strftime") else str(d)


def _money(amount, currency: str | None, lang: str) -> str:
    if amount is None:
        return ""
    if currency:
        return f"{amount} {currency}"
    return f"{amount} 元" if lang == "zh" else f"{amount}"


def claim_letter(summary, *, incident: datetime, lang: str, downtime_minutes: float | None = None,
                 owed=None, deadline=None, items: list[Item] | None = None, today: date | None = None,
                 commitment=None) -> str:
    """A claim letter in Markdown; [bracketed] placeholders are for the customer to fill in."""
    today = today or date.today()
    items = items if items is not None else checklist(summary, lang)
    provider = summary.provider or ("[服务商]" if lang == "zh" else "[provider]")
    service = (summary.services or [None])[0]
    scope = owed.scope if owed is not None else None
    if commitment is None and owed is not None:
        commitment = owed.commitment_obj
    if commitment is None and summary.commitments:
        commitment = summary.commitments[0]
    claim = summary.claim
    tier_ev = None
    if owed is not None:
        tier_ev = (owed.tier.evidence if owed.tier is not None else
                   owed.duration_credit.evidence if owed.duration_credit is not None else None)
    has_time = bool(incident.hour or incident.minute)
    if lang == "zh":
        return _letter_zh(summary, provider, service, scope, commitment, claim, tier_ev, incident, has_time,
                          downtime_minutes, owed, deadline, items, today)
    return _letter_en(summary, provider, service, scope, commitment, claim, tier_ev, incident, has_time,
                      downtime_minutes, owed, deadline, items, today)


def _letter_en(summary, provider, service, scope, commitment, claim, tier_ev, incident, has_time,
               downtime, owed, deadline, items, today) -> str:
    what = service or "the service"
    when = _en_date(incident.date()) + (f" at {incident:%H:%M}" if has_time else "")
    out = [f"# Service credit claim: {provider}" + (f" {service}" if service else ""), "",
           f"**To:** {provider} support / billing  ",
           "**From:** [your company], account [account ID]  ",
           f"**Date:** {_en_date(today)}  ",
           f"**Subject:** Service credit claim for the outage of {when}", "",
           f"Dear {provider} team,", ""]
    if commitment is not None:
        scope_txt = f" for {commitment.scope}" if commitment.scope else ""
        out.append(f"Under {_cite(commitment.evidence, 'en')} of your Service Level Agreement "
                   f"(“{_quote(commitment.evidence)}”), {what} is committed to "
                   f"{commitment.uptime_percent:g}% {commitment.period} availability{scope_txt}.")
        out.append("")
    out.append(f"On {when}" + (f", {what}" if service else ", the service")
               + (f" was unavailable for {format_minutes(downtime, 'en')}" if downtime else " became unavailable")
               + " [describe what failed and how it affected you].")
    out.append("")
    if owed is not None and owed.credit_percent > 0 and (owed.amount is None or owed.amount > 0):
        period = owed.period_label or "the month concerned"
        req = f"We therefore request a service credit of {owed.credit_percent:g}% of the monthly fee for {period}"
        if owed.amount is not None:
            req += f" ({_money(owed.amount, owed.currency, 'en')})"
        req += f", as set out in {_cite(tier_ev, 'en')} (“{_quote(tier_ev)}”)." if tier_ev is not None else "."
        out.append(req)
        if owed.counted_minutes is not None and downtime:
            out.append(f"By our records the monthly uptime was {owed.uptime_percent:g}%.")
    else:
        out.append("We ask you to confirm the monthly uptime percentage for the period and to apply the "
                   "service credit due under the SLA [state the credit you expect].")
    out.append("")
    if deadline is not None:
        out.append(f"This claim is made within the claim window"
                   + (f" of {_cite(claim.evidence, 'en')} (“{_quote(claim.evidence)}”)" if claim and claim.evidence else "")
                   + f", which ends on {_en_date(deadline.last_day)}.")
        out.append("")
    if summary.downtime is not None and summary.downtime.measured_by == "provider":
        out.append(f"As {_cite(summary.downtime.evidence, 'en')} makes your monitoring the measure of downtime, "
                   "please send us your monitoring records for the incident and the uptime figure for the month.")
        out.append("")
    out.append("Enclosed, as the SLA requires:" if any(i.required for i in items) else "Enclosed:")
    out.extend(f"- [ ] {i.text}" for i in items)
    out += ["", "Please confirm receipt of this claim and tell us when and how the credit will be applied.", "",
            "Regards,", "", "[name]  ", "[title]  ", "[email / phone]", ""]
    return "\n".join(out)


def _letter_zh(summary, provider, service, scope, commitment, claim, tier_ev, incident, has_time,
               downtime, owed, deadline, items, today) -> str:
    what = service or "相关服务"
    when = _zh_date(incident.date()) + (f" {incident:%H:%M}" if has_time else "")
    out = [f"# 服务赔偿申请：{provider}" + (f" {service}" if service else ""), "",
           f"**致：** {provider} 客户服务 / 账务部门  ",
           "**申请方：** [公司名称]（账号ID：[账号ID]）  ",
           f"**日期：** {_zh_date(today)}  ",
           f"**事由：** 关于{when}服务不可用的赔偿申请", "",
           f"{provider}：", ""]
    if commitment is not None:
        scope_txt = {"single instance": "单实例", "multi-zone": "多可用区", "zonal": "单可用区",
                     "regional": "地域级", "multi-region": "多地域"}.get(commitment.scope or "", commitment.scope or "")
        period = {"monthly": "月度", "quarterly": "季度", "annual": "年度"}.get(commitment.period, "")
        out.append(f"根据贵方服务等级协议{_cite(commitment.evidence, 'zh')}（“{_quote(commitment.evidence)}”），"
                   f"{what}{scope_txt}的{period}服务可用性不低于{commitment.uptime_percent:g}%。")
        out.append("")
    out.append(f"{when}起，我方使用的{what}发生服务不可用"
               + (f"，持续{format_minutes(downtime, 'zh')}" if downtime else "")
               + "（[请说明故障现象及对业务的影响]）。")
    out.append("")
    if owed is not None and owed.credit_percent > 0 and (owed.amount is None or owed.amount > 0):
        period = _zh_period(owed.period_label) if owed.period_label else "当月"
        req = f"依据协议{_cite(tier_ev, 'zh')}（“{_quote(tier_ev)}”），" if tier_ev is not None else "依据协议约定，"
        req += f"我方申请赔偿{period}的月度服务费的{owed.credit_percent:g}%"
        if owed.amount is not None:
            req += f"（即{_money(owed.amount, owed.currency, 'zh')}）"
        out.append(req + "。")
        if downtime:
            out.append(f"按我方记录，当月服务可用性为{owed.uptime_percent:g}%。")
    else:
        out.append("请贵方核实当月的服务可用性，并按服务等级协议的约定给予赔偿（[请写明期望的赔偿]）。")
    out.append("")
    if deadline is not None:
        out.append("本申请在协议约定的申请期限内提交"
                   + (f"（{_cite(claim.evidence, 'zh')}：“{_quote(claim.evidence)}”）" if claim and claim.evidence else "")
                   + f"，截止日为{_zh_date(deadline.last_day)}。")
        out.append("")
    if summary.downtime is not None and summary.downtime.measured_by == "provider":
        out.append(f"由于协议约定以贵方监控数据为准{_cite(summary.downtime.evidence, 'zh')}，"
                   "请一并提供该时段的监控记录及当月的服务可用性数据。")
        out.append("")
    out.append("按协议要求随附以下材料：" if any(i.required for i in items) else "随附材料：")
    out.extend(f"- [ ] {i.text}" for i in items)
    out += ["", "请确认收到本申请，并告知赔偿的发放方式和时间。", "", "此致", "", "敬礼", "",
            "[申请方名称]  ", "[联系人及联系方式]  ", f"{_zh_date(today)}", ""]
    return "\n".join(out)
