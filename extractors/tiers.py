"""Credit schedules: uptime bands -> credit percentage, from ruled and unruled tables and
from prose; duration-based credits ("5% per 30 minutes") as their own shape.

Bands are read with the bounds grammar of quantities.py; a band that states only its upper
end ("below 99%") starts where the next lower band ends, the lowest at 0."""

from __future__ import annotations

from dataclasses import replace

import re

from .commitments import FLOOR, scope_of
from .context import Context
from .labels import (COMMITMENT_HEADER, CREDIT_HEADER, CLAUSE_NUMBER as _CLAUSE_NUMBER, lead_label as _lead_label, other_rate,
                     subject as _subject)
from .model import CreditTier, DurationCredit
from .quantities import Bound, bounds, count_of, durations, interval, percents
from .units import Unit

FIELDS = ("credit_tiers", "duration_credits")
_BARE_NUMBER = re.compile(r"(?<![\d.%])(\d{1,3}(?:\.\d+)?)(?![\d.]*\s*%)")


def _with_percent_signs(cell: str) -> str:
    """A column whose header carries the % sign: put it on each number."""
    return _BARE_NUMBER.sub(r"\1%", cell)


def _header_has_percent(unit: Unit, k: int) -> bool:
    return bool(unit.header) and k < len(unit.header) and ("%" in unit.header[k] or "percent" in unit.header[k].lower())


_RANGE_WORDS = re.compile(r"区间|低于|不足|未达|范围|档|below|less|under|range|band|tier", re.I)


def _commitment_column(unit: Unit, k: int) -> bool:
    """ "承诺值 | 月度服务可用性区间 | 代金券金额": a column that states the commitment beside the bands."""
    head = unit.header[k] if unit.header and k < len(unit.header) else ""
    return bool(COMMITMENT_HEADER.search(head)) and not CREDIT_HEADER.search(head) \
        and not _RANGE_WORDS.search(head)


def _row_tier(unit: Unit, lang: str) -> tuple[float | None, float | None, float | None, float | None] | None:
    cells = [("" if _commitment_column(unit, k) else _with_percent_signs(c) if _header_has_percent(unit, k) else c)
             for k, c in enumerate(unit.cells)]
    credit_col = days_col = None
    if unit.header:
        for k, h in enumerate(unit.header):
            if CREDIT_HEADER.search(h) and k < len(cells):
                if percents(cells[k]):
                    credit_col = k
                elif _days_in(cells[k], lang) is not None:
                    days_col = k
        if credit_col is None and days_col is not None:
            for k, c in enumerate(cells):
                if k != days_col and any(b.value >= FLOOR - 40 for b in bounds(c, lang)):
                    lo, hi = interval(bounds(c, lang))
                    return lo, hi, None, _days_in(cells[days_col], lang)
    cond_col = None
    for k, c in enumerate(cells):
        if k == credit_col:
            continue
        bs = bounds(c, lang)
        if any(b.value >= FLOOR - 40 for b in bs) and (any(b.kind for b in bs) or len(bs) >= 2 or credit_col is not None):
            cond_col = k
            break
    if cond_col is None:
        return None
    if credit_col is None:
        later = [k for k in range(len(cells)) if k != cond_col and percents(cells[k])]
        if not later:
            days = [k for k in range(len(cells)) if k != cond_col and _days_in(cells[k], lang)]
            if not days:
                return None
            lo, hi = interval(bounds(cells[cond_col], lang))
            return lo, hi, None, _days_in(cells[days[-1]], lang)
        credit_col = later[-1]
    credit = percents(cells[credit_col])
    if not credit:
        return None
    lo, hi = interval(bounds(cells[cond_col], lang))
    if lo is None and hi is None:
        bare = bounds(cells[cond_col], lang)
        if len(bare) == 1:
            lo, hi = _split_bounds(unit, cells, cond_col, credit_col, lang)
            if lo is None and hi is None:
                return None
    return lo, hi, credit[0].value, None


_LOWER_HEADER = re.compile(r"下限|lower|from|minimum|\bmin\b|不低于|以上|≥", re.I)
_UPPER_HEADER = re.compile(r"上限|upper|\bto\b|maximum|\bmax\b|低于|以下|<|＜", re.I)


def _split_bounds(unit: Unit, cells: list[str], cond_col: int, credit_col: int, lang: str):
    """Lower and upper bound in columns of their own ("可用率下限（含） | 可用率上限（不含） |
    返还比例"); a dash or empty cell leaves that end open."""
    if not unit.header:
        return None, None
    lo = hi = None
    for k, c in enumerate(cells):
        if k == credit_col or k >= len(unit.header):
            continue
        bs = [b for b in bounds(c, lang) if b.value >= FLOOR - 40]
        if len(bs) != 1:
            continue
        if _LOWER_HEADER.search(unit.header[k]) and not _UPPER_HEADER.search(unit.header[k]):
            lo = bs[0].value
        elif _UPPER_HEADER.search(unit.header[k]):
            hi = bs[0].value
    if lo is not None and hi is not None and lo >= hi:
        return None, None
    return lo, hi


_NOT_APPLICABLE = re.compile(r"^\s*(?:n/?a|—|–|-|不适用|无|/)?\s*$", re.I)
_UPTIME_HEADER = re.compile(r"availab|uptime|可用性|可用率", re.I)


def _column_tiers(unit: Unit, lang: str) -> list[tuple]:
    """A table with the bands as rows and one credit column per plan or deployment
    ("Monthly Uptime | Enterprise plan | Business plan"; "服务可用性 | 单实例 | 跨可用区"):
    a tier per column, its scope the column's header. Empty, "n/a" and "—" cells skip."""
    header = unit.header
    if not header or len(unit.cells) < 3 or len(header) != len(unit.cells):
        return []
    cells = [("" if _commitment_column(unit, k) else _with_percent_signs(c) if _header_has_percent(unit, k) else c)
             for k, c in enumerate(unit.cells)]
    cond = [k for k, c in enumerate(cells)
            if (_UPTIME_HEADER.search(header[k]) or any(b.kind for b in bounds(c, lang)))
            and any(b.value >= FLOOR - 40 for b in bounds(c, lang))]
    if not cond:
        return []
    per_band = _band_columns(header, cells, cond, lang)
    if per_band:
        return per_band
    # (an empty cell before the bands is a row label left blank, not a plan paying nothing)
    credit_cols = [k for k in range(len(cells)) if k not in cond and header[k].strip()
                   and (percents(cells[k]) or k > min(cond) and _NOT_APPLICABLE.match(cells[k]))]
    if len(credit_cols) < 2 or not any(percents(cells[k]) for k in credit_cols):
        return []
    if len({header[k].strip() for k in credit_cols}) < len(credit_cols):
        return []
    # a header that only says "credit" twice is no plan; plan columns name something else
    if all(not _plan_name(header[k]) for k in credit_cols):
        return []
    names = _names_apart(lambda k, brackets: _plan_name(header[k], brackets) or header[k].strip(), credit_cols)
    lo, hi = interval([b for k in cond for b in bounds(cells[k], lang)])
    if lo is None and hi is None and len(cond) == 1:
        lo, hi = _split_bounds(unit, cells, cond[0], -1, lang)  # "— | 95.00%" under 下限 | 上限
    if lo is None and hi is None:
        return []
    out = []
    for k in credit_cols:
        ps = percents(cells[k])
        if ps:
            out.append((lo, hi, ps[0].value, None, names[k]))
    return out


_BAND_NOISE = re.compile(r"\b(?:monthly|annual|quarterly)\b|\buptime\b|\bavailability\b|\bpercentage\b|"
                         r"\bservice level\b|\bfor\b|\bof\b|\bthe\b|(?:月度)?(?:服务)?(?:可用性|可用率)|\(.*?\)|（.*?）|[:：%]",
                         re.I)


def _band_columns(header: list[str], cells: list[str], cond: list[int], lang: str) -> list[tuple]:
    """The bands of each plan in a column of their own and one credit column shared by all
    ("Monthly Uptime – Standard | Monthly Uptime – Infrequent Access | Service Credit"): a
    tier per band column, its scope what the column's header adds to the uptime words."""
    if len(cond) < 2 or any(_LOWER_HEADER.search(header[k]) or _UPPER_HEADER.search(header[k]) for k in cond):
        return []  # (a lower and an upper bound column are one band)
    # (a header wrapped after "Standard-" joins up again)
    names = _names_apart(lambda k, brackets: re.sub(r"(?<=\w)- (?=\w)", "-",
                                                    _plan_name(header[k], brackets, _BAND_NOISE) or ""), cond)
    if not all(names.values()) or len(set(names.values())) < len(cond):
        return []
    credit_cols = [k for k in range(len(cells)) if k not in cond and percents(cells[k])]
    if len(credit_cols) != 1:
        return []
    credit = percents(cells[credit_cols[0]])[0].value
    out = []
    for k in cond:
        lo, hi = interval(bounds(cells[k], lang))
        if lo is not None or hi is not None:
            out.append((lo, hi, credit, None, names[k]))
    return out


_PLAN_NOISE = re.compile(r"\b(?:service\s+)?credits?\b|\bplan\b|\(.*?\)|（.*?）|赔偿(?:比例|标准|金额)?|代金券|[:：%]", re.I)


def _names_apart(name_of, columns: list[int]) -> dict[int, str]:
    """Each column's plan name; where two read the same, with what their brackets add
    ("标准版（单副本）| 标准版（双副本）", "标准存储（本地冗余）| 标准存储（同城冗余）")."""
    names = {k: name_of(k, False) for k in columns}
    if len(set(names.values())) < len(columns):
        names = {k: name_of(k, True) for k in columns}
    return names


def _plan_name(header: str, brackets: bool = False, noise: re.Pattern = _PLAN_NOISE) -> str | None:
    """What a column header names once the ``noise`` words are gone ("Enterprise plan
    credit" -> "Enterprise"); ``brackets`` keeps what stands in brackets."""
    if brackets:
        header = re.sub(r"[(（]([^)）%]*)[)）]", r" \1 ", header)
    name = " ".join(noise.sub(" ", header).split()).strip(" -–—/")
    return name or None


def _days_in(cell: str, lang: str) -> float | None:
    """"3 days of service", "7 days", "延长3天" — a credit written in days."""
    ds = [d for d in durations(cell, lang) if d.minutes == d.count * 1440]
    return ds[0].count if len(ds) == 1 and not percents(cell) else None


_TERMINATION = re.compile(r"\bterminat|解除(?:本|该)?(?:协议|合同)|终止(?:本|该)?(?:协议|合同)", re.I)
_FORMULA = re.compile(r"[×÷][^。;；]{0,40}[=≈＝]\s*\d")
_CREDIT_WORD = re.compile(r"credit|reduc|赔偿|补偿|赔付|代金券|减免", re.I)


def _prose_tiers(unit: Unit, lang: str, in_days: bool = False) -> list[tuple[float | None, float | None, float | None, float | None]]:
    """(lower, upper, credit %, credit days) for each condition-and-credit in a sentence:
    "less than 99.9% but at least 99.0%, 10%"; "10% where availability is from 99.0% up to
    but excluding 99.9%"; "大于等于99%且小于99.9%的，延长服务时长3天"."""
    # a worked example after the schedule ("For example, if uptime were 98.2% ...") is cut off
    examples = [c.start for c in unit.spans("example")]
    text = unit.norm[:min(examples)] if examples else unit.norm
    # (a condition on another rate is no band: "巡检完成率低于100%的，扣减…1%")
    bs = [b for b in bounds(text, lang) if not (b.kind and other_rate(text[max(0, b.start - 20):b.start]))]
    if not any(b.kind in ("lt", "le", "ge", "gt") and b.value >= FLOOR - 40 for b in bs) and not any(
            a.value >= FLOOR and b.value >= FLOOR and _range_between(text, a, b) for a, b in zip(bs, bs[1:])):
        return []
    out = []
    pending: list[Bound] = []

    def days_after(pos: int, end: int) -> float | None:
        # (once a schedule pays in days, "and if it's lower than 97%, 10 days" needs no more words)
        return _days_in(text[pos:end], lang) if in_days or re.search(r"服务时长|延长|days? of service|service days?|"
                                                           r"additional days?|extra days?", text[pos:end], re.I) else None

    def is_condition(b: Bound, before: list[Bound]) -> bool:
        # (a bare 100% is a credit, "赔偿月度服务费的100%", unless it ends a range)
        return b.kind != "" or (b.value >= FLOOR and bool(before) and _range_between(text, before[-1], b)) or (
            FLOOR <= b.value < 100 and not before)

    for lo_pos, hi_pos in _clauses_of(text):
        seg = [b for b in bs if lo_pos <= b.start < hi_pos]
        if seg and not pending and not is_condition(seg[0], []) and not FLOOR <= seg[0].value < 100:
            # credit first: "25% where it is from 95.0% up to but excluding 99.0%"
            credit, conds = None, []
            for b in seg + [None]:
                if b is not None and is_condition(b, conds):
                    conds.append(b)
                    continue
                if credit is not None and conds:
                    lo, hi = interval(conds)
                    if lo is not None or hi is not None:
                        out.append((lo, hi, credit.value, None))
                credit, conds = b, []
            continue
        for b in seg:
            if is_condition(b, pending):
                if pending and b.start > pending[-1].end:
                    days = days_after(pending[-1].end, b.start)
                    if days is not None:  # "..., 3 days of service; below 99%, ..."
                        lo, hi = interval(pending)
                        out.append((lo, hi, None, days))
                        pending = []
                pending.append(b)
                continue
            if pending:
                lo, hi = interval(pending)
                if (lo is not None or hi is not None) and not FLOOR <= b.value < 100:  # an uptime, not a credit
                    out.append((lo, hi, b.value, None))
                pending = []
    if pending:
        days = days_after(pending[-1].end, len(text))
        lo, hi = interval(pending)
        if days is not None and (lo is not None or hi is not None):
            out.append((lo, hi, None, days))
    return out


_CLAUSE_BREAK = re.compile(r"[;；]|\.\s+(?=[A-Z])|。")


def _clauses_of(text: str) -> list[tuple[int, int]]:
    """The stretches of a sentence between semicolons (each usually one band)."""
    out, pos = [], 0
    for m in _CLAUSE_BREAK.finditer(text):
        out.append((pos, m.end()))
        pos = m.end()
    out.append((pos, len(text)))
    return out


def _range_between(text: str, a: Bound, b: Bound) -> bool:
    between = text[a.end:b.start].strip().lower()
    return a.kind == "" and between in ("-", "–", "—", "to", "~", "～", "至", "到", "and", "through", "与", "和", "及")


_UNIT_QUALIFIER = r"(?:full\s+|additional\s+|started\s+|commenced\s+|partial\s+|complete\s+|whole\s+|累计)?"
_EACH = r"(?:for each|for every|per|each|every)"
_BLOCK = re.compile(_EACH + r"\s+" + _UNIT_QUALIFIER +
                    r"(?:(?:block|period|increment|unit)s?\s+of\s+)?(?P<n>\w+)\s*(?:\(\d+\)\s*)?"
                    r"(?:[A-Za-z]+\s+){0,2}?(?P<u>minutes?|hours?)\b", re.I)
_PER = re.compile(r"(?:" + _EACH + r"|每)\s*" + _UNIT_QUALIFIER, re.I)


def _duration_credit(unit: Unit, lang: str) -> DurationCredit | None:
    if not unit.has("credit") or unit.has("example"):
        return None
    text = unit.norm
    m = _PER.search(text)
    if not m:
        return None
    ds = [d for d in durations(text, lang) if d.start >= m.start() - 2 and d.minutes <= 24 * 60]
    block = _BLOCK.search(text)  # "for every started block of fifteen (15) Unavailable Minutes"
    if not ds and block and count_of(block.group("n")):
        per = count_of(block.group("n")) * (60.0 if block.group("u").lower().startswith("hour") else 1.0)
    elif not ds and re.search(r"(?:each|every|per|每)\s*" + _UNIT_QUALIFIER + r"(hour|小时)", text, re.I):
        per = 60.0
    elif not ds and re.search(r"(?:each|every|per|每)\s*" + _UNIT_QUALIFIER + r"(minute|分钟)", text, re.I):
        per = 1.0
    elif ds:
        per = ds[0].minutes
    else:
        return None
    pcts = [p for p in percents(text) if p.value < FLOOR]
    days = re.search(r"(\d+|one|two|three|seven|一|两|三|七)\s*(?:\(\d+\)\s*)?(?:days?|天)(?:'s)?\s*(?:of\s+)?(?:service|credit|服务)", text, re.I)
    credit = pcts[0].value if pcts else None
    cap = None
    if len(pcts) > 1 and (unit.has("cap")):
        cap = pcts[-1].value
    credit_days = count_of(days.group(1)) if days else None
    if credit is None and credit_days is None:
        return None
    return DurationCredit(per_minutes=per, credit_percent=credit, credit_days=credit_days, cap_percent=cap,
                          evidence=unit.evidence("duration credit: credit per unit of downtime"))


def extract(ctx: Context) -> dict:
    lang = ctx.language
    raw: list[tuple[Unit, float | None, float | None, float | None, float | None, str, str | None]] = []
    durations_found: list[DurationCredit] = []
    tier_clause = None  # "...credit of 10%; below 99%, 25%": the schedule runs on
    days_clause = False  # ... and pays in days of service
    for unit in ctx.units:
        if unit.has("example") and (unit.cells is not None or not unit.norm.split()
                                     or min(c.start for c in unit.spans("example")) < 20):
            continue
        if unit.cells is not None:
            per_column = _column_tiers(unit, lang)
            if per_column:
                raw.extend((unit, *t[:4], "table row: uptime band | credit per plan column", t[4]) for t in per_column)
                continue
            t = _row_tier(unit, lang)
            if t:
                raw.append((unit, *t, "table row: uptime band | credit", None))
            continue
        # (a fee reduction or voucher says credit as well: "减免当月端口费的5%")
        if not (unit.has("credit") or unit.labels("form_") or "credit" in unit.heading_cues
                or unit.clause == tier_clause):
            tier_clause = None
            continue
        if _FORMULA.search(unit.norm):
            continue  # "（26,208 － 120）÷ 26,208 × 100% ≈ 99.54%，达到99.5%…": a calculation, not a band
        if _TERMINATION.search(unit.norm) and not _CREDIT_WORD.search(unit.norm):
            continue  # "below 97.0% in two consecutive months, Customer may terminate"
        d = _duration_credit(unit, lang)
        if d:
            durations_found.append(d)
            continue
        found = _prose_tiers(unit, lang, in_days=unit.clause == tier_clause and days_clause)
        for t in found:
            raw.append((unit, *t, "prose: uptime condition then credit", None))
        days_clause = any(t[3] is not None for t in found) or (days_clause and unit.clause == tier_clause)
        # (a lead-in about credits that ends in a colon opens the list of bands after it)
        tier_clause = unit.clause if found or unit.norm.rstrip().endswith((":", "：")) else None
    commitments = ctx.summary.commitments
    groups: dict[tuple, list] = {}
    clauses = {c.id: c for c in ctx.doc.clauses}
    named: dict[str | None, set[str]] = {}
    for u in ctx.units:
        # (a lead-in about credits or one that opens a list, not any sentence naming a plan)
        if u.cells is None and (u.has("credit") or u.norm.rstrip().endswith((":", "："))):
            scopes = named.setdefault(u.clause, set())
            scopes.update(c.label[6:] for c in u.cues if c.label.startswith("scope:"))
            label = None if scopes else _lead_label(u.norm, lang)
            if label:
                scopes.add(label)

    def _clause_scope(clause_id):
        """A table under "高可用版实例的赔偿标准如下：" belongs to the one plan its clause names."""
        scopes = named.get(clause_id, set())
        return next(iter(scopes)) if len(scopes) == 1 else None

    # "云主机实例的月度可用性低于…": a band whose sentence opens with what a commitment is for
    committed = {c.scope for c in commitments if c.scope}
    committed_names = committed | {c.service for c in commitments if c.service}
    prose_scope: dict[str | None, str | None] = {}  # a plan named once holds for the clause
    row_scope: dict[tuple, list[str]] = {}  # a table's row labels so far, by its header
    run_in = _run_in_headings(ctx)
    for unit, lo, hi, credit, days, pattern, column_scope in raw:
        if (credit if credit is not None else days or 0) <= 0:
            continue
        if column_scope is not None:
            scope = _canonical(column_scope, ctx.tagger)
        elif unit.cells is None:
            parent = clauses[unit.clause].parent if unit.clause in clauses else None
            # list items under "集群版实例的补偿标准如下：" take the plan their lead-in names
            subject = _subject(unit.norm, lang)
            scope = (scope_of(unit) or _lead_label(unit.norm, lang)
                     or (subject if subject in committed else None) or prose_scope.get(unit.clause)
                     or run_in.get(unit.clause)
                     or (_clause_scope(parent) if parent else None))
            prose_scope[unit.clause] = scope
        else:
            # the group's name stands in its first row only ("负载均衡 | 单可用区实例 | …", then
            # " | | …", then " | 多可用区实例 | …"), on the next page too
            labels = _leading_labels(unit, lang)
            prev = row_scope.get(tuple(unit.header or ()), [])
            labels = [c or (prev[k] if k < len(prev) else "") for k, c in enumerate(labels)]
            row_scope[tuple(unit.header or ())] = labels
            scope = _row_scope(unit)
            if len(labels) > 1 or (labels and not unit.cells[0].strip()):
                scope = _label_scope(labels, ctx.tagger) or scope
            header_name = _uptime_header_name(unit)
            scope = scope or _table_scope(unit) or _clause_scope(unit.clause) or (
                header_name if header_name in committed_names else None)
        service = ctx.services.get(unit.clause)
        key = (unit.table if unit.table is not None else ("prose", _section(unit.clause, clauses)), scope, service)
        groups.setdefault(key, []).append((unit, lo, hi, credit, days, pattern, scope))
    schedules = []
    own = {(service, scope) for (_, scope, service) in groups}
    for (_, scope, service), rows in groups.items():
        shared = _shared(rows, commitments, own, lang) if service is None and scope is None else []
        if shared:
            schedules.extend(shared)
            continue
        schedule = _close_bands(rows, [c for c in commitments if c.service == service] or commitments, service, lang)
        # prose bands gathered over a section's sub-clauses, but overlapping: each sub-clause
        # holds a schedule of its own ("（一）云服务器…；（二）对象存储…")
        if any(a.lower_percent < b.upper_percent and b.lower_percent < a.upper_percent
               for i, a in enumerate(schedule) for b in schedule[i + 1:]):
            by_clause: dict = {}
            for row in rows:
                by_clause.setdefault(row[0].clause, []).append(row)
            # each closed on its own: "低于99%的，100%" ends the first one at 0, not at the
            # next sub-clause's 95%
            schedules.extend(_close_bands(part, [c for c in commitments if c.service == service] or commitments,
                                          service, lang) for part in by_clause.values())
        else:
            schedules.append(schedule)
    out: list[CreditTier] = []
    left_out: set[int] = set()
    unnamed: set[int] = set()

    def collides(t: CreditTier) -> bool:
        return any((o.service, o.scope) == (t.service, t.scope) and t.lower_percent < o.upper_percent
                   and o.lower_percent < t.upper_percent for o in out)

    def repeated(t: CreditTier) -> bool:
        return any((o.service, o.scope, o.lower_percent, o.upper_percent, o.credit_percent) ==
                   (t.service, t.scope, t.lower_percent, t.upper_percent, t.credit_percent) for o in out)

    for schedule in schedules:
        if all(repeated(t) for t in schedule):
            continue  # the same schedule stated again (a summary table, a restatement)
        if any(collides(t) and not repeated(t) for t in schedule):
            # Bands of one service and scope never overlap (the JSON contract). A second
            # schedule that would is for something the lexicon does not name: it takes the
            # label or subject its sentence opens with ("（2）高可用版同可用区部署实例：…",
            # "对象存储标准存储的存储空间在…", "For Dedicated Hosts, ..."); failing that it yields
            # to the first one found.
            first = schedule[0].evidence.text if schedule else ""
            subject = _lead_label(first, lang) or _subject(first, lang) or (
                _heading_name(clauses.get(schedule[0].evidence.clause), ctx.tagger) if schedule else None)
            if not subject and len(schedule) >= 2 and all(t.evidence.pattern.startswith("table") for t in schedule):
                # a whole table of bands of its own, for something the document does not name
                # near it: kept, named by where it stands, rather than lost
                subject = f"table on p. {schedule[0].evidence.page}"
                unnamed.add(schedule[0].evidence.page)
            if subject:
                schedule = [replace(t, scope=subject) for t in schedule]
        for t in schedule:
            if repeated(t):
                continue
            if collides(t):
                left_out.add(t.evidence.page)
                continue
            out.append(t)
    if unnamed:
        ctx.summary.warnings.append(
            f"a credit table on page(s) {', '.join(map(str, sorted(unnamed)))} is a second schedule for a service "
            "or plan the document does not name beside it; it is listed as 'table on p. N': check which it is")
    if left_out:
        ctx.summary.warnings.append(
            f"a credit schedule on page(s) {', '.join(map(str, sorted(left_out)))} overlaps an earlier one "
            "for the same service and scope (not told apart) and was left out; read it there")
    return {"credit_tiers": out, "duration_credits": durations_found}


def _run_in_headings(ctx: Context) -> dict[str | None, str]:
    """ "4.2 DIA – diverse. Where availability is ..., the credit is 10%": a clause that opens
    with a few words and a full stop names the plan or product its prose schedule is for."""
    out: dict[str | None, str] = {}
    seen: set[str | None] = set()
    for unit in ctx.units:
        if unit.cells is not None or unit.clause in seen:
            continue
        seen.add(unit.clause)
        text = _CLAUSE_NUMBER.sub("", unit.norm).strip()
        if text.endswith((".", ":")) and 1 <= len(text.split()) <= 6 and not re.search(r"\d|%", text) \
                and not unit.cues:
            out[unit.clause] = text.rstrip(".:").strip()
    return out


def _canonical(name: str, tagger) -> str:
    """ "专业版" -> "Professional": a plan column named by one lexicon scope takes the scope's
    name, as its commitment does, so that the two meet."""
    scopes = [c for c in tagger.cues(name) if c.label.startswith("scope:")]
    if len(scopes) == 1 and scopes[0].end - scopes[0].start >= len(name.strip()) / 2:
        return scopes[0].label[6:]
    return name


def _heading_name(clause, tagger) -> str | None:
    """ "Cloud Recording" heading a clause of bands: a short name, no figure, no SLA term."""
    head = (clause.heading or "").strip() if clause is not None else ""
    if not head or len(head) > 40 or re.search(r"\d", head) or tagger.cues(head):
        return None
    return head


def _section(clause_id, clauses) -> str | None:
    """Bands written as list items "(a) ... (b) ..." belong to one schedule: the nearest
    clause with a heading holds them together."""
    c = clauses.get(clause_id)
    while c is not None and c.heading is None and c.parent is not None:
        c = clauses.get(c.parent)
    return c.id if c is not None else clause_id


def _leading_labels(unit: Unit, lang: str) -> list[str]:
    """The label cells a row opens with, before its first figure ("—" counts as empty)."""
    out = []
    for cell in unit.cells or []:
        if percents(cell) or bounds(cell, lang) or re.search(r"\d", cell):
            break
        out.append("" if _NOT_APPLICABLE.match(cell) else cell.strip())
    return out if len(out) < len(unit.cells or []) else []


def _label_scope(labels: list[str], tagger) -> str | None:
    text = " ".join(x for x in labels if x and not _BAND_NAME.match(x))
    if not text or len(text) > 50:
        return None
    scopes = [c.label[6:] for c in tagger.cues(text) if c.label.startswith("scope:")]
    # a known deployment or plan in the labels names it; otherwise the labels themselves
    return scopes[-1] if scopes and len(labels) == 1 else text


# "第一档", "Tier 2", "Band A": the band's own name, not a plan's
_BAND_NAME = re.compile(r"^\s*(?:第?[一二三四五六七八九十\d]+\s*档|档位?\s*[一二三四五六七八九十\d]+|"
                        r"(?:tier|band|level|step|grade|bracket)\s*[\w]{1,3})\s*$", re.I)


def _row_scope(unit: Unit) -> str | None:
    """A plan or deployment named in the row's first cell ("Standard | At least 99% ...")."""
    first = len(unit.cells[0]) if unit.cells else 0
    named = [c for c in unit.cues if c.label.startswith("scope:") and c.end <= first + 1]
    if named:
        return named[0].label[6:]
    label = unit.cells[0].strip() if unit.cells and len(unit.cells) >= 3 else ""
    # a first column that names what the row is for (a storage class, a product): its text
    return label if label and not any(ch.isdigit() for ch in label) and len(label) <= 40 \
        and not _BAND_NAME.match(label) else None


def _uptime_header_name(unit: Unit) -> str | None:
    """ "运维堡垒机月度可用性 | 赔偿天数": what the uptime column's header names besides uptime."""
    for head in unit.header or []:
        if _UPTIME_HEADER.search(head):
            name = _plan_name(head, noise=_BAND_NOISE)
            return name if name and len(name) >= 2 and not re.search(r"\d", name) else None
    return None


def _table_scope(unit: Unit) -> str | None:
    heads = sorted(c[6:] for c in unit.heading_cues if c.startswith("scope:"))
    if heads:
        return heads[0] if len(heads) == 1 else None
    if unit.caption:
        return unit.caption
    # "Service Credits – Cool access tier": what the heading adds after the dash names the
    # plan or tier the table is for, even where the lexicon knows no such scope
    last = unit.headings.rsplit(" / ", 1)[-1] if unit.headings else ""
    m = _HEADING_QUALIFIER.search(last)
    return (m.group(1) or m.group(2)).strip() if m else None


_HEADING_QUALIFIER = re.compile(r"\S\s+[-–—]{1,2}\s+([^-–—]{2,40})$|\S\s*[–—]{1,2}\s*([^-–—]{2,40})$")


def _exclusive(unit: Unit, hi: float | None, lang: str) -> bool:
    """ "低于99.99%" / "less than 99.99%" ends there: only a closed range is snapped."""
    return hi is not None and any(b.kind == "lt" and b.value == hi for b in bounds(unit.norm, lang))


def _snap(hi: float | None, edges: set[float]) -> float | None:
    """99.89 -> 99.9 when a band or the commitment starts at 99.9: one unit of the last
    decimal written below it (98.99 -> 99.0; but 99.99 is not 99.999)."""
    if hi is None:
        return hi
    text = f"{hi:.6f}".rstrip("0")
    decimals = len(text.split(".")[1])
    if not decimals or not text.endswith("9"):
        return hi  # "below 98%" is not "up to 98.99%"
    return next((e for e in edges if abs(e - hi - 10 ** -decimals) < 1e-7), hi)


def _close_bands(rows, commitments, service=None, lang="en") -> list[CreditTier]:
    """Fill the unstated end of each band from its neighbours and the commitment."""
    uppers = sorted({row[2] for row in rows if row[2] is not None}, reverse=True)
    # "99.0% – 99.89%", "95.0% – 98.99%": a closed range written to two decimals ends where
    # the next band (or the commitment) begins
    edges = {row[1] for row in rows if row[1] is not None} | {c.uptime_percent for c in commitments}
    rows = [(unit, lo, hi if _exclusive(unit, hi, lang) else _snap(hi, edges), credit, days, pattern, scope)
            for unit, lo, hi, credit, days, pattern, scope in rows]
    out = []
    for unit, lo, hi, credit, days, pattern, scope in rows:
        if hi is None:
            hi = _commitment_for(scope, commitments)
            if hi is None or lo is not None and hi <= lo:
                continue
        if lo is None:
            lower = [u for u in uppers if u < hi]
            lo = lower[0] if lower else 0.0
        if not (0 <= lo < hi <= 100):
            continue
        out.append(CreditTier(lower_percent=lo, upper_percent=hi, credit_percent=credit,
                              service=service, scope=scope, evidence=unit.evidence(pattern), credit_days=days))
    return out


def _shared(rows, commitments, own, lang) -> list[list[CreditTier]]:
    """One schedule under general terms, several services or plans each with a commitment
    and no schedule of its own ("该服务月度的服务可用性 低于承诺值，但不低于99% | 10%"): the
    schedule is each one's, its top band ending at that one's commitment. A schedule whose
    top band names a figure belongs only to the commitments it ends at."""
    named = {x for pair in own for x in pair if x}  # ("运维堡垒机月度可用性 | 赔偿天数": a table of its own)
    targets = [c for c in commitments if (c.service, c.scope) != (None, None) and (c.service, c.scope) not in own
               and c.service not in named and c.scope not in named]
    if len({(c.service, c.scope) for c in targets}) < 2 or len({c.uptime_percent for c in targets}) < 2:
        return []  # (plans with one and the same commitment share one and the same schedule)
    out = []
    for c in targets:
        schedule = [replace(t, scope=c.scope) for t in _close_bands(
            [row[:6] + (c.scope,) for row in rows], [c], c.service, lang)]
        if schedule and max(t.upper_percent for t in schedule) == c.uptime_percent:
            out.append(schedule)
    return out


def _commitment_for(scope, commitments) -> float | None:
    same = [c.uptime_percent for c in commitments if c.scope == scope]
    if same:
        return max(same)
    if commitments:
        return max(c.uptime_percent for c in commitments)
    return None
