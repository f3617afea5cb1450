"""Availability commitments: the uptime percentage promised, per service and scope.

Candidates are percentages between the knowledge-defined floor and 100 in units that speak
of availability; each is then kept or rejected by named checks (durability, latency, worked
examples, tier conditions, credit cells)."""

from __future__ import annotations

import re

from .context import Context
from .labels import COMMITMENT_HEADER, CREDIT_HEADER, commitment_label, other_rate
from .model import Commitment
from .quantities import bounds
from .services import service_sections
from .units import Unit, bare

FLOOR = 90.0  # an availability commitment below this is not one any provider makes
FIELDS = ("commitments", "services")


def period_of(unit: Unit, fallback: str = "monthly") -> str:
    # the sentence's own words first, then its headings'
    for labels in (unit.labels("period_"), unit.heading_cues):
        for period in ("annual", "quarterly", "monthly"):
            if f"period_{period}" in labels:
                return period
    return fallback


def scope_of(unit: Unit, position: int | None = None) -> str | None:
    scopes = [c for c in unit.cues if c.label.startswith("scope:")]
    if unit.cells:
        first = [c for c in scopes if c.end <= len(unit.cells[0]) + 1]
        if first:
            return first[0].label[6:]
    if scopes:
        if position is None:
            return scopes[0].label[6:]
        lo, hi = _segment(unit.norm, position)
        inside = [c for c in scopes if lo <= c.start and c.end <= hi]
        pool = inside or [c for c in scopes if c.end <= lo] or scopes
        nearest = min(pool, key=lambda c: min(abs(c.start - position), abs(c.end - position)))
        return nearest.label[6:]
    heads = sorted(c[6:] for c in unit.heading_cues if c.startswith("scope:"))
    return heads[0] if len(heads) == 1 else None


_SEGMENT_BREAK = re.compile(r"[,;，；、]|\band\b|\bwhile\b|\bwhereas\b")


def _segment(text: str, position: int) -> tuple[int, int]:
    """The stretch of ``text`` around ``position`` between commas, semicolons and "and"."""
    lo, hi = 0, len(text)
    for m in _SEGMENT_BREAK.finditer(text):
        if m.end() <= position:
            lo = m.end()
        elif m.start() >= position:
            hi = m.start()
            break
    return lo, hi


# "某分布式任务调度实例…": a certain instance, customer or account is a worked example's
_SOME_ZH = re.compile(r"某[\u4e00-\u9fffA-Za-z]{0,12}?(?:实例|用户|客户|账号|集群|项目|服务器|专线|存储桶|企业|租户)")
_BAND_END = re.compile(r"(?:下限|上限|lower (?:bound|limit|end)|upper (?:bound|limit|end))\s*(?:均|都)?\s*(?:为|是|of|is)?\s*$", re.I)
_MULTIPLIER = re.compile(r"[×*xX]\s*$")
_RESULT = re.compile(r"[=≈≒]\s*$")
# "当月月度服务费的100%" / "10% of the monthly fee": a share of money, not of time
_OF_FEE_ZH = re.compile(r"(?:费|费用|账单|金额|价款|款项)(?:总额)?的\s*$")
_OF_FEE = re.compile(r"^\s*(?:of\s+(?:the\s+|your\s+)?(?:[\w-]+\s+){0,3}(?:fees?|charges?|bills?|invoices?|amounts?)\b)", re.I)
_OLD_VERSION = re.compile(r"(?:19|20)\d\d\s*年?(?:版|版本)(?:中|里|内|时)|旧版|原版本|上一版|此前(?:的)?版本|"
                          r"\b(?:previous|earlier|prior|former|old) (?:version|edition)\b|\bin the (?:19|20)\d\d (?:version|edition)\b", re.I)
_FROM = re.compile(r"(?:从|由)\s*$|\bfrom\s*$", re.I)
_TO = re.compile(r"^[^，。；,;]{0,10}?(?:%|percent)\s*(?:\)\s*)?(?:提高|提升|调整|上调|下调|降低|降|升|改|变更|增加|减少)?\s*(?:至|到|为)|"
                 r"^[^,;]{0,10}?(?:%|percent)\s*to\b", re.I)
# "…该实例…不再适用99.95%的承诺" / "no longer entitled to the 99.95% commitment": a figure denied
_DENIED = re.compile(r"(?:不再|不)(?:适用|享有|享受)[^，。；,;]{0,6}$|"
                     r"\b(?:no longer|not)\s+(?:entitled to|eligible for|covered by|benefit from|apply)\b[^,.;]{0,20}$", re.I)


# "99% of read requests complete within 400 ms", "95%的工单在4小时内响应": a share of
# events meeting a target (latency, support), not the share of time the service is up.
_SHARE_OF_EVENTS = re.compile(
    r"^\s*(?:%|percent)?\s*\)?\s*(?:of\s+(?:all\s+|the\s+)?(?:[\w-]+\s+){0,2}(?:requests?|calls?|queries|operations|"
    r"transactions|messages|tickets|cases|incidents|snapshots|backups|restores|objects|reads|writes|jobs|"
    r"spam|e-?mails?|mails?|packets|deliveries|attempts|replacements|repairs|sessions|meetings|joins|pushes|"
    r"notifications|sign-?ins|logins|IOPS|throughput|bandwidth|capacity|recordings|malware|signatures|threats|"
    r"viruses|items|files|events|alerts|records|sites|devices|orders|test cases|spam)\b|"
    r"的\s*(?:请求|调用|工单|查询|操作|消息|事务|快照|备份))", re.I)
_WITHIN_TIME = re.compile(r"within\s+\d+(?:\.\d+)?\s*(?:ms|milliseconds?|seconds?|s\b)|\d+\s*(?:ms|毫秒)|"
                          r"[内以]\s*(?:完成|响应|返回)", re.I)


# "In 2024 we delivered 99.997%": a figure from the past, not a promise.
_PAST = re.compile(r"\b(?:achieved|delivered|recorded|reached|averaged|was|were|has been|have been)\b", re.I)
_PROMISE = re.compile(r"\b(?:will|shall|commits?|guarantees?|must)\b", re.I)


# "2024年度…平均月度可用性为99.991%", "2024年下半年…实测平均服务可用性为99.982%"
_PAST_ZH = re.compile(r"(?:19|20)\d\d\s*年|上(?:一)?(?:年|季度|月)|过去|历史")
_MEASURED_ZH = re.compile(r"平均|实测|实际|达到了|统计显示|记录")
_PROMISE_ZH = re.compile(r"承诺|保证|应当|应|不低于|确保")


def _rejected(unit: Unit, start: int) -> str | None:
    before = unit.norm[max(0, start - 80):start]
    if _PAST.search(before) and not _PROMISE.search(before) and re.search(r"\b(?:19|20)\d\d\b|last|previous|past", before, re.I):
        return "a historical figure"
    year = [m.end() for m in _PAST_ZH.finditer(before)]
    if year and _MEASURED_ZH.search(before[year[-1]:]) and not _PROMISE_ZH.search(before[year[-1]:]):
        return "a historical figure"
    if other_rate(unit.norm[max(0, start - 20):start]):
        return "a rate other than availability"
    if _MULTIPLIER.search(unit.norm[max(0, start - 3):start]):
        return "a formula's × 100%"
    if _RESULT.search(unit.norm[max(0, start - 4):start]) and re.search(r"[×÷*/]", unit.norm[:start]):
        return "the result of a calculation"  # "(8,640 − 6) ÷ 8,640 × 100% ≈ 99.93%"
    if _OF_FEE_ZH.search(before[-8:]) or _DENIED.search(before[-30:]):
        return "a share of the fee, or a figure denied"
    if _OLD_VERSION.search(before):
        return "an earlier version's figure"  # "本SLA的2024版中，…的指标值为99.5%"
    if _FROM.search(before[-6:]) and _TO.match(unit.norm[start:start + 24]):
        return "the figure a change starts from"  # "承诺从99.0%提高至99.9%", "from 99.0% to 99.9%"
    after = unit.norm[start:start + 80]
    # past the figure and its echo: "ninety-five percent (95%) of suspected security incidents"
    m = re.match(r"^.{0,30}?(?:%|percent\b|per cent\b)\s*(?:\(\s*[\d.]+\s*%\s*\))?", after, re.I)
    end = m.end() if m else 0
    if m and _OF_FEE.match(after[end:]):
        return "a share of the fee, or a figure denied"
    if any(0 <= start - c.start <= 80 or c.start < 12 for c in unit.spans("example")) or _SOME_ZH.search(before):
        return "example or historical figure"  # (… "某分布式任务调度实例某月的月度可用性为99.6%")
    if _BAND_END.search(before[-12:]):
        return "the end of a credit band"  # "第一档的上限为…承诺值，下限均为99%"
    if _availability_column(unit, start):
        return None  # "Messaging API | 99.95% | … | not delivery to handsets": the column says what it is
    if _SHARE_OF_EVENTS.match(after[end:]) or _WITHIN_TIME.search(after[end:end + 60]):
        return "a share of requests or tickets meeting a target"
    near = [c for c in unit.spans("not_availability") if abs(c.start - start) <= 60]
    avail = [c for c in unit.spans("availability") if abs(c.start - start) <= 60]
    if near and (not avail or min(abs(c.start - start) for c in near) < min(abs(c.start - start) for c in avail)):
        return "durability, latency or money figure"
    return None


_DISCLAIMED = re.compile(
    r"\bnot (?:a |an )?(?:binding )?(?:commitment|guarantee|service levels?|SLO)\b|\b(?:objective|target|aim|goal)s? only\b|"
    r"不构成.{0,12}承诺|不属于.{0,12}承诺|并非.{0,8}承诺|非承诺|仅为目标|仅作参考|仅供参考|"
    r"运营目标|内部(?:管理|考核|运营)?(?:目标|指标)|考核目标|设计(?:可用性|值|目标|指标)|"
    r"\bdesign(?:s|ed)?\b[^.;]{0,60}\b(?:to (?:achieve|deliver|provide|offer)|for)\b|按.{0,10}设计|"
    r"\baims? (?:for|to|at)\b|\bstrives? (?:for|to)\b|\baspires? to\b|\bfor information only\b|\bnot agreed\b|"
    r"\bexcluded from (?:this|the) (?:schedule|SLA|agreement|annex|exhibit)\b|\binternal (?:[\w-]+ )?(?:target|objective|goal)s?\b|"
    r"\bdesign (?:target|objective|goal)s?\b|\bdesign(?:s|ed)?\s+(?:to|for)\b|\bdesign figures?\b|"
    r"\bnot (?:part of )?(?:the |any |a )?(?:[\w-]+ )?(?:commitments?|service levels?)\b|"
    r"不是.{0,12}承诺|不作为.{0,8}(?:承诺|赔偿依据)", re.I)
# "Serverless版不适用本SLA" / "Edge Functions are not covered by this SLA": said of a figure only
# by a sentence without one (of the sentence before), or by one that points back at its figure
# ("…运维目标为99.9%，但该目标不适用本协议"); "因不可抗力导致的不可用不适用本协议的赔偿" in a
# commitment sentence is about something else
_NOT_COVERED = re.compile(
    r"不(?:适用|受)(?:于)?本(?:SLA|协议|服务等级协议|服务水平协议|附件|条款)|不在本(?:SLA|协议|附件)(?:的)?(?:承诺|保障)?范围|"
    r"\b(?:is|are) not covered by (?:this|the) (?:SLA|agreement|schedule)\b|"
    r"\b(?:this|the) (?:SLA|schedule) does not (?:apply|cover)\b", re.I)
_THAT_FIGURE_ZH = r"(?:该|此|上述|前述|这一?|这些)(?:目标|指标|数值|数据|参考值|比例|值)"  # "该目标值", "上述指标"
_POINTS_BACK = re.compile(_THAT_FIGURE_ZH + r"|\b(?:this|that|such|these|those) "
                          r"(?:target|objective|figure|value|level)s?\b|\bit\b", re.I)


def _not_covered(text: str, figures: bool) -> bool:
    m = _NOT_COVERED.search(text)
    return bool(m) and (not figures or bool(_POINTS_BACK.search(text[max(0, m.start() - 14):m.start()])))
_FIGURES = re.compile(r"\b(?:them|these|those|figures?|following|below|listed|objectives|targets|metrics)\b|"
                      r"以下|下列|如下|下述|指标|目标", re.I)
# "These figures are objectives, not commitments." / "上述指标不属于…承诺": it speaks of the figures before it
_BACK_REFERENCE = re.compile(r"^\s*(?:these|this|those|such|the (?:above|foregoing))\b|^\s*(?:上述|以上|前述|这些)|"
                             r"^\s*" + _THAT_FIGURE_ZH, re.I)
# "below the commitment, but at least 99.0% | 10%": a band measured from the commitment
_BELOW_COMMITMENT = re.compile(r"(?:低于|不足|未达到|未达|below|less than|under|short of)\s*(?:the\s+)?(?:该服务的?)?"
                               r"(?:承诺|commitment|service level|SLA|target)", re.I)


_SUBJECT = re.compile(r"^\s*(?:the\s+)?(?P<s>[^,，。；;:：]{2,30}?)\s*(?:目前|当前|暂)?\s*(?:不(?:适用|受|在)|(?:is|are) not\b)", re.I)


def _same_subject(disclaimer: str, previous: str) -> bool:
    """ "DMQ Serverless版…目标可用性为99.5%。" then "Serverless版不适用本SLA": the disclaimer's
    subject is named in the sentence before it."""
    m = _SUBJECT.match(bare(disclaimer))
    return bool(m) and m.group("s").strip().lower() in previous.lower()


def _is_availability(unit: Unit) -> bool:
    if unit.has("availability"):
        return True
    if unit.header and any(w in c.lower() for c in unit.header
                           for w in ("availability", "uptime", "可用性", "可用率")):
        return True
    return "availability" in unit.heading_cues and unit.has("commitment")


def extract(ctx: Context) -> dict:
    found: list[Commitment] = []
    listing = None  # "…应当达到以下水平：同地域互通 99.99%；跨地域互通 99.95%。": the list runs on
    disclaimed = None  # "…不是本条的承诺：…；…；…": and so does a list of figures disclaimed
    lead_in = None  # "3.1 … Service Availability in each Quarter is at least:" then "(a) 99.95% for …"
    parent = {c.id: c.parent for c in ctx.doc.clauses}
    other_heads: dict[str, bool] = {}
    last: tuple = (None, 0, "")  # the last unit that could hold a commitment: clause, where its finds start, text
    for unit in ctx.units:
        runs_on, listing = listing == unit.clause and unit.cells is None, None
        if lead_in is not None and unit.cells is None and parent.get(unit.clause) == lead_in:
            runs_on = True
        elif unit.clause != lead_in:
            lead_in = None
        if disclaimed is not None and unit.clause == disclaimed and unit.cells is None \
                and not _PROMISE.search(unit.norm):
            continue
        disclaimed = None
        if unit.cells is None and (_DISCLAIMED.search(unit.norm) or _not_covered(unit.norm, False)) \
                and not bounds(unit.norm, ctx.language):
            # a disclaimer with no figure of its own speaks of figures near it: "These design
            # figures ... are not service levels" of the sentence before; "We do not guarantee
            # them" of the list after it
            if last[0] == unit.clause and (_BACK_REFERENCE.search(bare(unit.norm))
                                           or _same_subject(unit.norm, last[2])):
                del found[last[1]:]
            elif _FIGURES.search(unit.norm):
                disclaimed = unit.clause
            continue
        if not (_is_availability(unit) or runs_on):
            continue
        if _DISCLAIMED.search(unit.norm) or _not_covered(unit.norm, True):
            if unit.cells is None and unit.norm.rstrip().endswith((":", "：", ";", "；")):
                disclaimed = unit.clause
            if unit.cells is None and last[0] == unit.clause:
                # "…将其可用性承诺调整为99.99%，预计自…起施行；" then "…前，99.99%的数值不构成承诺"
                said = {b.value for b in bounds(unit.norm, ctx.language)}
                found[last[1]:] = [c for c in found[last[1]:] if c.uptime_percent not in said]
            continue  # "an objective only, not a commitment under this SLA"
        if _BELOW_COMMITMENT.search(unit.norm):
            continue
        if unit.cells is not None and _not_covered_row(unit):
            continue  # "O-2 | Admin Console | … | 99.5% | No" under a header "SLA"
        if unit.headings and _DISCLAIMED.search(unit.headings.rsplit(" / ", 1)[-1]):
            continue  # a clause headed "Further services (for information only)"
        bs = bounds(unit.norm, ctx.language)
        if unit.cells is not None and unit.header:
            # "… | 月度服务可用性承诺 | 数据持久性（设计值）": a column of design, durability or
            # latency figures holds none of the commitments, whatever the other columns say
            kept = [b for b in bs if not _other_column(unit, b.start, ctx.tagger, other_heads)]
            if bs and not kept:
                continue
            bs = kept
        if any(b.kind in ("lt", "le") for b in bs):
            continue  # a tier condition ("falls below 99.9%"), not a promise
        if unit.has("credit") and len([b for b in bs]) > 1:
            continue
        if unit.cells is not None and _credit_row(unit) and not _availability_cell(unit, bs):
            # "云数据库MySQL | 基础版 | 99.90% | 99.90% > A ≥ 99.00% | 10%": the credit table's
            # 承诺值 column states each plan's commitment
            found.extend(_commitment_cells(unit, ctx))
            continue
        if unit.cells is not None and _band_row(unit, bs):
            continue  # "99.5%（含）至99.9% | 20% | 10%": a band of a credit table, headed by plans
        promised = unit.has("commitment") or unit.cells is not None or "commitment" in unit.heading_cues \
            or any(b.kind in ("ge", "gt") for b in bs) or runs_on
        if not promised:
            continue
        before = len(found)
        last = (unit.clause, before, unit.norm)
        if not bs and unit.cells is None and unit.norm.rstrip().endswith((":", "：")) and unit.has("availability"):
            lead_in = unit.clause
        product, qualifier = _row_product(unit)
        row_scope = commitment_label(unit.norm, ctx.language) if unit.cells is None \
            else qualifier or (None if product else _row_label(unit))
        for b in bs:
            if not (FLOOR <= b.value <= 100) or _rejected(unit, b.start):
                continue
            found.append(Commitment(uptime_percent=b.value, period=period_of(unit),
                                    service=product, scope=scope_of(unit, b.start) or row_scope,
                                    evidence=unit.evidence("commitment: availability cue + percentage")))
        if len(found) > before and unit.norm.rstrip().endswith((";", "；")):
            listing = unit.clause
    found = _drop_disclaimed_items(ctx, found)
    ctx.services = service_sections(ctx, [c.evidence.clause for c in found])
    for c in found:
        c.service = ctx.services.get(c.evidence.clause) or c.service
    found = _dedupe(found)
    return {"commitments": found, "services": list(dict.fromkeys(c.service for c in found if c.service))}


_PRODUCT_HEADER = re.compile(r"产品|服务名称|云服务|^\s*服务\s*$|\bservices?\b|\bproducts?\b|\bofferings?\b", re.I)
_NOT_PRODUCT_HEADER = re.compile(r"availab|uptime|可用性|可用率|level|等级", re.I)
_QUALIFIED = re.compile(r"^(?P<name>[^（(]{2,30}?)\s*[（(](?P<q>[^）)]{1,20})[）)]\s*$")


def _row_product(unit: Unit) -> tuple[str | None, str | None]:
    """A commitments table whose first column is headed "产品" / "Service": the row names the
    service ("对象存储（标准型）": the service, and in brackets the class it is for)."""
    if not unit.cells or not unit.header or len(unit.cells) < 2:
        return None, None
    head, label = unit.header[0], unit.cells[0].strip()
    if not _PRODUCT_HEADER.search(head) or _NOT_PRODUCT_HEADER.search(head):
        return None, None
    if not label or len(label) > 40 or re.search(r"\d", label):
        return None, None
    m = _QUALIFIED.match(label)
    if m:
        return m.group("name").strip(), m.group("q").strip()
    # "对象存储 | 标准存储 | 不低于99.95%": a second label column says which class of it
    second = unit.cells[1].strip() if len(unit.cells) > 2 and len(unit.header) > 1 else ""
    if second and len(second) <= 20 and re.search(r"[^\W\d_]", second) and not re.search(r"\d", second) \
            and not _ALL.match(second) and _CLASS_HEADER.search(unit.header[1]) \
            and not _NOT_PRODUCT_HEADER.search(unit.header[1]):
        return label, second
    return label, None


_CLASS_HEADER = re.compile(r"类型|规格|版本|部署|形态|冗余|接入|区域|地域|套餐|型号|架构|系列|方式|档位|"
                           r"configuration|deployment|topology|zones?|regions?|class|type|tier|edition|option|resilience", re.I)
_ALL = re.compile(r"^\s*(?:全部|所有|各|任意|all|any|every)", re.I)


_ITEM_REF = re.compile(r"第\s*(\d{1,2})\s*项(?:\s*(?:至|到|-|～|~)\s*第?\s*(\d{1,2})\s*项)?|"
                       r"\b(?:items?|rows?|lines?)\s+(\d{1,2})(?:\s*(?:to|-|–|through|and)\s*(\d{1,2}))?", re.I)
_SERIAL = re.compile(r"^\s*\d{1,2}[.、]?\s*$")


def _drop_disclaimed_items(ctx: Context, found: list[Commitment]) -> list[Commitment]:
    """ "第3项为云管理平台的运行目标，第4项至第7项…均不属于本附件所称的服务可用性承诺" /
    "Items 3 to 7 are objectives, not commitments": the numbered rows named are no commitments."""
    rows = {id(c): c.evidence.text.split(" | ", 1)[0].strip().rstrip(".、") for c in found
            if c.evidence.pattern.startswith("commitment") and " | " in c.evidence.text}
    if not rows:
        return found
    dropped: set[str] = set()
    for unit in ctx.units:
        if unit.cells is not None:
            continue
        for part in re.split(r"[；;。]", unit.norm):
            if not _DISCLAIMED.search(part):
                continue
            for m in _ITEM_REF.finditer(part):
                a = m.group(1) or m.group(3)
                b = m.group(2) or m.group(4) or a
                dropped.update(str(n) for n in range(int(a), int(b) + 1))
    if not dropped:
        return found
    return [c for c in found if rows.get(id(c)) not in dropped]


def _row_label(unit: Unit) -> str | None:
    """ "Class A – Diverse | Two access circuits ... | 99.99%": what a commitments row is for,
    where its first cell names it (no figures, short) and another column holds the figure."""
    if not unit.cells or len(unit.cells) < 2 or not unit.header:
        return None
    label = unit.cells[0].strip()
    if _SERIAL.match(label) and len(unit.cells) > 2:
        label = unit.cells[1].strip()  # "1 | 计算服务年度服务可用性 | ≥ 99.95%": a serial number first
    if not label or len(label) > 40 or re.search(r"\d\s*%|\d+\.\d", label) or bounds(label, "en") \
            or _NOT_PRODUCT_HEADER.search(label) or _NOT_PRODUCT_HEADER.search(unit.header[0]):
        return None
    return label


def _column_of(unit: Unit, start: int) -> int:
    """The column of the cell that holds offset ``start`` of the row's text."""
    k, pos = 0, 0
    for col, cell in enumerate(unit.cells or []):
        if cell:
            if pos > start:
                break
            k = col
            pos += len(cell) + 3  # " | "
    return k


def _availability_column(unit: Unit, start: int) -> bool:
    if not unit.cells or not unit.header:
        return False
    k = _column_of(unit, start)
    head = unit.header[k].lower() if k < len(unit.header) else ""
    return any(w in head for w in ("availab", "uptime", "可用性", "可用率")) and not CREDIT_HEADER.search(head)


def _other_column(unit: Unit, start: int, tagger, seen: dict[str, bool]) -> bool:
    """The figure at ``start`` sits in a column headed as not availability: disclaimed
    ("目标值（仅供参考）", "design value") or durability, latency and the like."""
    k = _column_of(unit, start)
    head = unit.header[k] if k < len(unit.header) else ""
    if head not in seen:
        labels = {c.label for c in tagger.cues(head)} if head else set()
        seen[head] = bool(_DISCLAIMED.search(head)) or ("not_availability" in labels and "availability" not in labels)
    return seen[head]


def _availability_cell(unit: Unit, bs) -> bool:
    """Every figure of the row sits in a column headed by availability, not by credit
    ("版本 | 季度服务可用性 | 未达标时的补偿": the plan's commitment, beside the kind of credit)."""
    if not unit.header or not bs:
        return False
    return all(_availability_column(unit, b.start) for b in bs)


_RANGE_SEP = re.compile(r"^\s*(?:[（(]?含[)）]|\(inclusive\)|inclusive)?\s*(?:至|到|-|–|—|~|～|to|through)\s*$", re.I)


_COVERED_HEADER = re.compile(r"^\s*(?:SLA|covered|in scope|financially backed|credits? (?:apply|available)|"
                             r"eligible|SLA applies|service credits?|是否.{0,8}|适用SLA|SLA适用|赔偿)\s*[?？]?\s*$", re.I)
_NO = re.compile(r"^\s*(?:no\b|none\b|n/?a\b|not (?:covered|applicable|included)|[—–-]\s*$|否|无|不适用|不提供|不包括)", re.I)


def _commitment_cells(unit: Unit, ctx: Context) -> list[Commitment]:
    out = []
    for k, head in enumerate(unit.header or []):
        if k >= len(unit.cells) or not COMMITMENT_HEADER.search(head) or CREDIT_HEADER.search(head):
            continue
        figures = [b for b in bounds(unit.cells[k], ctx.language) if FLOOR <= b.value <= 100 and not b.kind]
        if len(figures) != 1:
            continue
        labels = [c.strip() for c in unit.cells[:k] if c.strip() and not re.search(r"\d", c)]
        out.append(Commitment(uptime_percent=figures[0].value, period=period_of(unit),
                              service=None, scope=" ".join(labels) or None,
                              evidence=unit.evidence("commitment: a credit table's commitment column")))
    return out


_REMARK_HEADER = re.compile(r"备注|说明|适用|状态|性质|赔偿|补偿|remarks?|notes?|status|coverage|applies|comment|credits?", re.I)
# "服务目标，不适用第五节" / "尽力而为" / "公测" / "免费" / "best effort" / "Preview – no credits"
_NOT_COVERED_CELL = re.compile(r"不适用|尽力而为|公测|邀测|内测|免费|仅供参考|不作承诺|不承诺|非承诺|服务目标|运营目标|"
                               r"\bbest[- ]effort\b|\bpreview\b|\bbeta\b|\bnot covered\b|\bno (?:service )?credits?\b|"
                               r"\bobjective only\b|\btarget only\b|\bfree\b", re.I)


def _not_covered_row(unit: Unit) -> bool:
    """A row that a "SLA" / "Covered" / "是否适用SLA" column marks No, or whose remarks column
    says it is a target, best effort, a preview or free: an objective listed beside the
    commitments, not one."""
    return bool(unit.header) and any(
        k < len(unit.cells) and ((_COVERED_HEADER.match(head) and _NO.match(unit.cells[k]))
                                 or (_REMARK_HEADER.search(head) and _NOT_COVERED_CELL.search(unit.cells[k])))
        for k, head in enumerate(unit.header))


def _band_row(unit: Unit, bs) -> bool:
    """A row that opens with a range of uptime ("99.5%（含）至99.9%", "99.0% – 99.9%") is a band."""
    return any(a.value >= FLOOR and b.value >= FLOOR and _RANGE_SEP.match(unit.norm[a.end:b.start])
               for a, b in zip(bs, bs[1:]))


def _credit_row(unit: Unit) -> bool:
    header = " ".join(unit.header or [])
    return bool(CREDIT_HEADER.search(header) or re.search(r"下限|上限|lower|upper", header, re.I))


def _dedupe(found: list[Commitment]) -> list[Commitment]:
    out: list[Commitment] = []
    for c in found:
        # ("Platinum | … | 99.99% per Year", then "3.1.1 Platinum Sites: … (99.99%)": one commitment)
        if any(o.uptime_percent == c.uptime_percent and o.service == c.service and o.period == c.period
               and (o.scope == c.scope or (o.scope and c.scope and c.scope.startswith(o.scope))) for o in out):
            continue
        out.append(c)
    scoped = {(c.service, c.uptime_percent) for c in out if c.scope}
    return [c for c in out if c.scope or (c.service, c.uptime_percent) not in scoped]
