"""Labels a sentence opens with: the plan, product or deployment a list item, a prose
schedule or a commitment is for ("（一）单线接入：…", "Dedicated plan: 10% where …",
"For Dedicated Hosts, …", "对象存储标准存储的存储空间在…")."""

from __future__ import annotations

import re

CLAUSE_NUMBER = re.compile(r"^\s*(?:\d+(?:\.\d+)*\.?|\([a-z0-9]+\)|[a-z]\))\s+", re.I)


_SUBJECT_ZH = re.compile(r"^(?P<s>[\u4e00-\u9fffA-Za-z0-9（）()·\-]{2,24}?)(?:实例|产品)?的?(?:在(?:一个|每个|任一)|(?:月度|年度|季度)?(?:服务)?可用性)")
_SUBJECT_EN = re.compile(r"^(?:for|on)\s+(?:the\s+)?(?P<s>[A-Z][\w\- ]{1,40}?)\s*,", re.I)


def subject(text: str, lang: str) -> str | None:
    """What a prose schedule is about, from the words its sentence opens with."""
    text = CLAUSE_NUMBER.sub("", text).strip()
    text = re.sub(r"^[（(][一二三四五六七八九十\d]+[)）]\s*|^[A-Z]\.\d+(?:\.\d+)*\s*", "", text)
    # "赔偿标准：日志项目的服务可用性低于…": past a run-in heading that names no plan
    lead = re.match(r"^([\u4e00-\u9fffA-Za-z ]{2,12})[：:]\s*", text)
    if lead and _NOT_A_LABEL.search(lead.group(1)):
        text = text[lead.end():]
    m = (_SUBJECT_ZH if lang == "zh" else _SUBJECT_EN).match(text)
    if not m:
        return None
    subject = m.group("s").strip(" ，,、")
    return subject if subject and not re.search(r"\d+(?:\.\d+)?\s*[%％]", subject) else None


_LEAD_ZH = re.compile(r"^(?P<s>[\u4e00-\u9fffA-Za-z0-9\-]{2,18})[：:]")
_LEAD_EN = re.compile(r"^(?P<s>[A-Z][\w\-]*(?: [\w\-]+){0,3})\s*:\s")
_OF_SCHEDULE = re.compile(r"的?(?:赔偿|补偿|减免|赔付)(?:比例|标准|方案|规则|金额)(?:如下表?|见下表)?$|"
                          r"\s+(?:service\s+)?credits?(?:\s+schedule)?$", re.I)
_MEASURE = re.compile(r"可用|服务等级|服务水平|承诺|月度|年度|季度|统计|周期|availab|uptime|\bSLA\b|service level|"
                      r"commitment|monthly|annual|quarterly|period|percentage", re.I)
_AVAILABILITY_SUFFIX = re.compile(r"(?:的)?(?:服务)?(?:可用性|可用率)$|\s+(?:availability|uptime)$", re.I)
_NOT_A_LABEL = re.compile(r"举例|例如|示例|说明|注意|备注|赔偿|补偿|减免|标准|计算|公式|定义|\bnotes?\b|example|"
                          r"illustration|credit|formula|definition|where|if\b|for\b|"
                          # discourse words that open a sentence the way a label does ("具体而言：…")
                          r"具体|其中|此外|另外|特别|总之|综上|包括|如下|以下|上述|前述|本协议|本条|即|"
                          r"\bspecifically\b|\bin particular\b|\bhowever\b|\bprovided\b|\bclarity\b|\bnamely\b|"
                          r"\bsummary\b|\bincluding\b|\bthat is\b|\bimportant\b|\bexceptions?\b", re.I)


def lead_label(text: str, lang: str) -> str | None:
    """ "（一）单线接入：某条专线的月度可用率不足99.9%…" / "Dedicated plan: 10% where …": the
    label a list item opens with names the plan its bands are for."""
    text = CLAUSE_NUMBER.sub("", text).strip()
    text = re.sub(r"^[（(][一二三四五六七八九十\d]+[)）]\s*|^\d+[.．、]\s*", "", text)
    m = (_LEAD_ZH if lang == "zh" else _LEAD_EN).match(text)
    if not m:
        return None
    # "极速型文件系统的减免比例：…" / "Premium plan credits: …": the plan whose schedule follows
    label = _OF_SCHEDULE.sub("", m.group("s")).strip()
    if not 2 <= len(label) <= (12 if lang == "zh" else 40) or _NOT_A_LABEL.search(label) or re.search(r"\d", label):
        return None
    return label


def commitment_label(text: str, lang: str) -> str | None:
    """ "通用型文件系统：月度服务可用性达到99.9%" / "Premium plan: 99.99% in each month": a list
    item's label names what its commitment is for, unless it names the measure itself
    ("月度服务可用性：99.95%", "Uptime Commitment: 99.9%")."""
    label = lead_label(text, lang)
    if label is None:
        return None
    # "网络可用性：…" / "Network Availability: …": the kind of availability is the scope
    label = _AVAILABILITY_SUFFIX.sub("", label).strip()
    return None if len(label) < 2 or _MEASURE.search(label) else label


# What a table column's header says it holds: a credit ("赔偿比例", "Service Credit", "扣减比例")
# or the commitment itself ("承诺值", "Uptime Commitment", "SLA").
CREDIT_HEADER = re.compile(r"credit|赔偿|补偿|赔付|代金券|返还|抵扣|refund|compensation|reduction|减免|扣减|违约金", re.I)
COMMITMENT_HEADER = re.compile(r"承诺|保证值|目标值|commitment|\bSLA\b|guarantee", re.I)


# "识别率达98%", "巡检完成率低于100%", "响应的比例不低于98%", "ticket resolution rate below 95%":
# the words just before a figure name a rate that is not availability
_OTHER_RATE = re.compile(r"(?<!可用)(?<!在线)率[^，。；,;]{0,4}$|比例[^，。；,;]{0,6}$|满意度[^，。；,;]{0,4}$|"
                         r"\b(?:rate|ratio|score)\b[^,;.]{0,16}$", re.I)
_AVAILABILITY_WORD = re.compile(r"可用|availab|uptime", re.I)


def other_rate(before: str) -> bool:
    """The dozen characters before a figure (``before``) say it measures something other
    than availability."""
    window = before[-20:] if re.search(r"[A-Za-z]{3}", before[-20:]) else before[-12:]
    return bool(_OTHER_RATE.search(window)) and not _AVAILABILITY_WORD.search(window)

