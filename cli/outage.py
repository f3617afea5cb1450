"""After an outage: `slacheck credit` (what is owed), `slacheck claim` (the last day to claim,
the evidence, a claim letter) and `slacheck monitor` (the downtime each commitment allows,
OpenSLO documents). The computations live in slacheck.knowledge (credits, periods, deadlines,
letters, openslo); this module parses options and renders. Only typer and the standard
library are imported at the top: `slacheck --help` must not load spaCy or pdfplumber."""

from __future__ import annotations

import json
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from slacheck.errors import BadOption

FILE = typer.Argument(..., help="The SLA: .pdf, .txt, .md or .html.")
MAX_PAGES = typer.Option(500, "--max-pages", min=1, help="Refuse documents with more pages than this.")
TIMEOUT = typer.Option(60.0, "--timeout", min=0.001, help="Seconds one document may take to read.")
LANG = typer.Option(None, "--lang", help="Output language: en or zh (default: the document's).")
TODAY = typer.Option(None, "--today", hidden=True, help="Pretend today is this date (YYYY-MM-DD).")


class OutFormat(str, Enum):
    text = "text"
    json = "json"
    markdown = "markdown"


class MonitorFormat(str, Enum):
    text = "text"
    json = "json"
    markdown = "markdown"
    openslo = "openslo"


# --- shared helpers ------------------------------------------------------------------------

def _bad(option: str, message: str, hint: str = "") -> None:
    from slacheck.cli.app import fail

    fail(BadOption(option, message, hint))


def _parse(option: str, fn, value, hint: str = ""):
    try:
        return fn(value)
    except (ValueError, ArithmeticError) as exc:
        _bad(option, str(exc), hint)


def _load(file: Path, max_pages: int, timeout: float):
    from slacheck.api import summarize_document
    from slacheck.cli.app import read_document

    return summarize_document(read_document(file, max_pages, timeout))


def _lang(lang: Optional[str], summary) -> str:
    if lang is None:
        return "zh" if summary.source.get("language") == "zh" else "en"
    if lang.lower() not in ("en", "zh"):
        _bad("--lang", f"unknown language {lang!r}", "use en or zh")
    return lang.lower()


def _check_lang(lang: Optional[str]) -> None:
    if lang is not None and lang.lower() not in ("en", "zh"):
        _bad("--lang", f"unknown language {lang!r}", "use en or zh")


def _percent(text: str) -> float:
    s = text.strip().rstrip("%％").strip()
    try:
        value = float(s)
    except ValueError:
        raise ValueError(f"cannot read {text!r} as a percentage") from None
    if not 0 <= value <= 100:
        raise ValueError(f"{text!r} is not between 0 and 100")
    return value


def _today(text: Optional[str]) -> date:
    if not text:
        return date.today()
    try:
        return date.fromisoformat(text)
    except ValueError:
        _bad("--today", f"cannot read {text!r} as a date", "write it as YYYY-MM-DD")


def _num(x) -> str:
    if x is None:
        return "-"
    x = float(x)
    return f"{int(x)}" if x.is_integer() else f"{round(x, 4):g}"


def _where(e, lang: str) -> str:
    if e is None:
        return ""
    clause = e.clause if e.clause and e.clause != "0" and not str(e.clause).startswith("h") else None
    if lang == "zh":
        return f"[第{e.page}页" + (f"，§{clause}]" if clause else "]")
    return f"[p. {e.page}" + (f", §{clause}]" if clause else "]")


def _colon(lang: str) -> str:
    return "：" if lang == "zh" else ": "


def _parens(lang: str) -> tuple[str, str]:
    return ("（", "）") if lang == "zh" else (" (", ")")


def _scope_label(scope: str | None, lang: str) -> str:
    """A canonical scope (multi-zone) in the output language (多可用区)."""
    if not scope or lang != "zh":
        return scope or ""
    from slacheck.knowledge import lexicon

    try:
        table = lexicon.load("zh").scopes
    except lexicon.LexiconError:
        return scope
    return next((phrase for phrase, canonical in table.items() if canonical == scope), scope)


def _quote(e, limit: int = 140) -> str:
    if e is None:
        return ""
    t = " ".join(e.text.split())
    return t if len(t) <= limit else t[: limit - 1] + "…"


def _ev(e) -> dict | None:
    return None if e is None else {"page": e.page, "clause": e.clause, "text": e.text}


def _dur(minutes, lang: str, precise: bool = False) -> str:
    from slacheck.knowledge.periods import format_minutes

    return format_minutes(float(minutes), lang, precise)


def _scoped(summary, scope: Optional[str]) -> list:
    """The commitments to report on; a bad --scope ends here with exit 12."""
    from slacheck.knowledge import credits

    try:
        return credits.select_commitments(summary, scope)
    except ValueError as exc:
        _bad("--scope", str(exc), "name one of them with --scope")


# --- text -----------------------------------------------------------------------------------

S = {
    "en": {
        "credit_title": "Credit owed", "claim_title": "Claim", "monitor_title": "Allowed downtime",
        "provider": "Provider", "period": "Period", "nominal": "a 30-day month (give --period YYYY-MM for the real length)",
        "days": "days", "downtime": "Downtime", "counted": "counted", "uptime": "uptime",
        "scope": "Scope", "all": "whole document", "commitment": "commitment", "no_commitment": "no commitment found",
        "tier": "Tier", "duration": "Per downtime", "cap": "Cap", "no_cap": "no cap stated",
        "days_service": "days of service", "not_reached": "not reached", "applied": "applied", "reached": "reached", "see_clause": "see the clause", "credit": "Credit", "of_fee": "of the monthly fee",
        "amount": "Amount", "minimum": "Minimum amount", "none": "none stated", "form": "Paid as",
        "cited": "Clauses cited", "nothing": "Nothing is owed.", "owed": "owed",
        "several": "The contract has several commitments; each is shown. Pick yours with --scope (a scope name or the percentage).",
        "roles": {"commitment": "commitment", "tier": "credit tier", "duration_credit": "duration credit",
                  "cap": "cap", "downtime": "downtime definition", "exclusion": "exclusion",
                  "minimum": "minimum amount", "proration": "proration", "claim": "claim window",
                  "requirements": "claim contents"},
        "per": "per", "units": "unit(s) of",
        "first_scope": "The contract has several commitments; the first is used. Pick yours with --scope.",
    },
    "zh": {
        "credit_title": "应得赔偿", "claim_title": "赔偿申请", "monitor_title": "允许的不可用时间",
        "provider": "服务商", "period": "服务周期", "nominal": "按30天计（用 --period YYYY-MM 指定实际月份）",
        "days": "天", "downtime": "不可用时长", "counted": "计入", "uptime": "可用性",
        "scope": "范围", "all": "全文", "commitment": "承诺", "no_commitment": "未找到可用性承诺",
        "tier": "赔偿档位", "duration": "按时长", "cap": "赔偿上限", "no_cap": "未规定上限",
        "days_service": "天服务时长", "not_reached": "未触及", "applied": "已封顶", "reached": "恰好达到", "see_clause": "见条款", "credit": "赔偿", "of_fee": "月度服务费",
        "amount": "金额", "minimum": "最低金额", "none": "未规定", "form": "赔偿形式",
        "cited": "引用条款", "nothing": "不应获得赔偿。", "owed": "应赔",
        "several": "本协议有多项可用性承诺，以下逐项列出；用 --scope（范围名称或承诺的百分比）选择贵方适用的一项。",
        "roles": {"commitment": "可用性承诺", "tier": "赔偿档位", "duration_credit": "按时长赔偿",
                  "cap": "赔偿上限", "downtime": "不可用的定义", "exclusion": "免责条款",
                  "minimum": "最低赔偿金额", "proration": "按比例折算", "claim": "申请期限",
                  "requirements": "申请材料"},
        "per": "每", "units": "个计费单位，每单位",
        "first_scope": "本协议有多项可用性承诺，以上按第一项计算；用 --scope 选择贵方适用的一项。",
    },
}

REASONS = {
    "en": {
        "excluded": "Nothing is owed: the contract excludes {cause} {where}: “{text}”.",
        "catch_all": "The contract does not list {cause}, but its catch-all exclusion (“{text}”) may be used to refuse the claim.",
        "not_excluded": "{cause} is not among the contract's exclusions.",
        "below_interval": "Nothing is owed: an outage shorter than {floor} is not counted as downtime.",
        "whole_intervals": "Downtime is counted in whole {interval} intervals: {given} counts as {counted}.",
        "meets_commitment": "Nothing is owed: uptime {uptime}% meets the commitment of {commitment}%.",
        "no_schedule": "Nothing is owed: the contract states no credit schedule.",
        "below_duration_unit": "Nothing is owed: the downtime is shorter than one credit unit ({per}).",
        "no_tier": "Nothing is owed: no credit tier covers {uptime}% uptime.",
        "schedule_above_commitment": "Uptime meets this commitment of {commitment}%, but the credit schedule starts below {top}%; the credit follows the schedule.",
        "capped": "Capped: {uncapped}% is more than the cap of {cap}% of the monthly fee.",
        "duration_capped": "Capped at {cap}% by the duration-credit clause ({uncapped}% before the cap).",
        "prorated_days": "Prorated: {days} day(s) of service = {days}/{period_days} of a month's fee.",
        "prorated_affected": "Prorated to the affected share of the fee: {share}%.",
        "prorated_flag": "The contract prorates credits (to the affected resources or days); give --affected PERCENT to apply it.",
        "below_minimum": "Nothing is paid: credits under {minimum} are not issued (this one is {amount}).",
        "minimum_other_currency": "The minimum-credit rule is stated in {currency} ({minimum}); compare it with your amount yourself.",
        "minimum_rule": "The contract does not issue credits under a minimum amount{minimum}; give --monthly-fee to check.",
        "period_kind": "The commitment is measured {commitment_period}: the figures are for {period}, the period that contains {given_period}.",
        "tier_credit_unknown": "The credit of this tier could not be read; see the clause cited.",
    },
    "zh": {
        "excluded": "不应获得赔偿：协议将{cause}列为免责情形{where}：“{text}”。",
        "catch_all": "协议未列明{cause}，但其兜底免责条款（“{text}”）可能被用来拒绝赔偿。",
        "not_excluded": "{cause}不在协议的免责范围内。",
        "below_interval": "不应获得赔偿：短于{floor}的中断不计入不可用时间。",
        "whole_intervals": "不可用时间按完整的{interval}统计：{given}计为{counted}。",
        "meets_commitment": "不应获得赔偿：可用性{uptime}%达到了{commitment}%的承诺。",
        "no_schedule": "不应获得赔偿：协议没有规定赔偿标准。",
        "below_duration_unit": "不应获得赔偿：不可用时长不足一个赔偿单位（{per}）。",
        "no_tier": "不应获得赔偿：没有赔偿档位覆盖{uptime}%的可用性。",
        "schedule_above_commitment": "可用性达到了该项{commitment}%的承诺，但赔偿标准从低于{top}%开始；赔偿按赔偿标准计算。",
        "capped": "已封顶：{uncapped}%超过月度服务费{cap}%的上限。",
        "duration_capped": "按时长赔偿条款封顶为{cap}%（封顶前为{uncapped}%）。",
        "prorated_days": "按天折算：赔偿{days}天的服务，即一个月（{period_days}天）服务费的{days}/{period_days}。",
        "prorated_affected": "按受影响部分的费用比例折算：{share}%。",
        "prorated_flag": "协议规定按比例（受影响的资源或天数）折算赔偿；用 --affected 百分比 来计算。",
        "below_minimum": "不予发放：低于{minimum}的赔偿不予发放（本次为{amount}）。",
        "minimum_other_currency": "最低赔偿金额以{currency}计（{minimum}），请自行比较。",
        "minimum_rule": "协议规定低于最低金额{minimum}的赔偿不予发放；用 --monthly-fee 核对。",
        "period_kind": "该承诺{commitment_period}考核一次：以下按包含{given_period}的周期{period}计算。",
        "tier_credit_unknown": "未能读出该档位的赔偿；请查看所引条款。",
    },
}
PERIOD_WORD = {"en": {"monthly": "monthly", "quarterly": "quarterly", "annual": "per year"},
               "zh": {"monthly": "每月", "quarterly": "每季度", "annual": "每年"}}


def _cause_label(cause: str, lang: str) -> str:
    from slacheck.cli.i18n import CATEGORIES

    return CATEGORIES.get(lang, CATEGORIES["en"]).get(cause, cause.replace("_", " "))


def reason_text(r, lang: str, summary=None) -> str:
    p = dict(r.params)
    fmt = {}
    for k, v in p.items():
        if k in ("floor", "interval", "given", "counted", "per"):
            fmt[k] = _dur(v, lang)
        elif k in ("uptime", "commitment", "top", "cap", "uncapped", "share", "days", "period_days"):
            fmt[k] = _num(v)
        elif k == "cause":
            fmt[k] = _cause_label(v, lang)
        elif k == "text":
            fmt[k] = " ".join(str(v).split())[:140]
        elif k == "commitment_period":
            fmt[k] = PERIOD_WORD[lang].get(v, v)
        elif k in ("minimum", "amount"):
            fmt[k] = "" if v is None else str(v)
        else:
            fmt[k] = "" if v is None else str(v)
    if r.code in ("below_minimum", "minimum_other_currency", "minimum_rule"):
        cur = p.get("currency") or ""
        if p.get("minimum") is not None:
            fmt["minimum"] = (" " if r.code == "minimum_rule" and lang == "en" else "") + f"{p['minimum']}" + (f" {cur}" if cur else "")
        fmt["currency"] = cur
    fmt.setdefault("where", "")
    if r.code == "excluded" and summary is not None:
        hit = next((x for x in summary.exclusions if x.category == p.get("cause")), None)
        fmt["where"] = _where(hit.evidence, lang) if hit else ""
    template = REASONS[lang].get(r.code)
    if template is None:
        return r.code
    try:
        return template.format(**fmt)
    except (KeyError, IndexError):
        return template


# --- credit ---------------------------------------------------------------------------------

def credit(
    file: Path = FILE,
    uptime: Optional[str] = typer.Option(None, "--uptime", help="Measured availability for the period, in percent (99.2)."),
    downtime: Optional[str] = typer.Option(None, "--downtime", help="Total downtime in the period: 3h20m, 50m, 2d, 1:30."),
    period: Optional[str] = typer.Option(None, "--period", help="The service period: YYYY-MM (or YYYY-Qn, YYYY); sets its length."),
    monthly_fee: Optional[str] = typer.Option(None, "--monthly-fee", help="The fee the credit is computed on (1200)."),
    currency: Optional[str] = typer.Option(None, "--currency", help="Currency of the fee: USD, CNY, EUR ..."),
    scope: Optional[str] = typer.Option(None, "--scope", help="The commitment that applies (multi-zone, single instance, a plan ...)."),
    cause: Optional[str] = typer.Option(None, "--cause", help="The outage's cause, as an exclusion category (force_majeure, third_party ...)."),
    affected: Optional[str] = typer.Option(None, "--affected", help="Share of the fee for the affected resources, in percent (prorated credits)."),
    lang: Optional[str] = LANG,
    format: OutFormat = typer.Option(OutFormat.text, "--format", "-f", help="text, json or markdown."),
    max_pages: int = MAX_PAGES,
    timeout: float = TIMEOUT,
) -> None:
    """The credit owed after an outage: tier, percentage, amount, cap, proration, minimum rule, clauses."""
    from slacheck.knowledge import credits, periods
    from slacheck.knowledge.lexicon import EXCLUSION_CATEGORIES

    _check_lang(lang)
    if (uptime is None) == (downtime is None):
        _bad("--uptime/--downtime", "give either --uptime PERCENT or --downtime DURATION" if uptime is None
             else "give --uptime or --downtime, not both")
    up = _parse("--uptime", _percent, uptime) if uptime is not None else None
    down = _parse("--downtime", periods.parse_duration, downtime, periods.DURATION_HINT) if downtime is not None else None
    per = _parse("--period", periods.parse_period, period, periods.PERIOD_HINT) if period else None
    fee = _parse("--monthly-fee", credits.parse_amount, monthly_fee, "write it like 1200 or 1200.50") \
        if monthly_fee is not None else None
    cur = _parse("--currency", credits.currency_code, currency) if currency else None
    if fee is not None and cur is None:
        found = credits.parse_money(monthly_fee)
        cur = found[1] if found else None
    share = _parse("--affected", _percent, affected) if affected is not None else None
    if share is not None and share <= 0:
        _bad("--affected", f"{affected!r} must be more than 0")
    if cause is not None:
        key = cause.strip().lower().replace("-", "_").replace(" ", "_")
        if key not in EXCLUSION_CATEGORIES:
            _bad("--cause", f"unknown cause {cause!r}", "use one of: " + ", ".join(EXCLUSION_CATEGORIES))
        cause = key
    summary = _load(file, max_pages, timeout)
    language = _lang(lang, summary)
    chosen = _scoped(summary, scope)
    targets = chosen if (scope or len(chosen) > 1) else (chosen[:1] or [None])
    if scope and not chosen:
        targets = [None]
    results = []
    for c in targets:
        kind = c.period if c is not None else "monthly"
        total = periods.period_minutes(credits.effective_period(per, kind), kind)
        if down is not None and down > total:
            _bad("--downtime", f"{downtime} is longer than the period ({_num(total / 1440)} days)",
                 "give the downtime within one period")
        results.append(credits.owed(summary, uptime=up, downtime_minutes=down, period=per, scope=scope if c is None else None,
                                    cause=cause, commitment=c, monthly_fee=fee, currency=cur,
                                    affected_percent=share))
    data = _credit_data(file, summary, results, per, up, down, cause, fee, cur, share, language)
    if format is OutFormat.json:
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        typer.echo(_credit_render(summary, results, per, down, language, format is OutFormat.markdown,
                                  several=len(targets) > 1 and not scope))


def _owed_data(o, language: str, summary) -> dict:
    c = o.commitment_obj
    return {
        "scope": o.scope, "service": o.service,
        "commitment": None if c is None else {"uptime_percent": c.uptime_percent, "period": c.period,
                                              "evidence": _ev(c.evidence)},
        "period_minutes": o.period_minutes,
        "uptime_percent": o.uptime_percent, "downtime_minutes": o.downtime_minutes,
        "counted_minutes": o.counted_minutes, "interval_minutes": o.interval_minutes,
        "tier": None if o.tier is None else {"lower_percent": o.tier.lower_percent, "upper_percent": o.tier.upper_percent,
                                             "credit_percent": o.tier.credit_percent, "evidence": _ev(o.tier.evidence)},
        "duration_credit": None if o.duration_credit is None else {
            "per_minutes": o.duration_credit.per_minutes, "credit_percent": o.duration_credit.credit_percent,
            "credit_days": o.duration_credit.credit_days, "units": o.duration_units,
            "evidence": _ev(o.duration_credit.evidence)},
        "uncapped_percent": o.uncapped_percent, "cap_percent": o.cap_percent,
        "credit_percent": o.credit_percent, "prorated_share_percent": o.prorated_share,
        "amount": None if o.amount is None else str(o.amount), "currency": o.currency,
        "minimum_amount": None if o.minimum_amount is None else str(o.minimum_amount),
        "minimum_currency": o.minimum_currency,
        "excluded_by": o.excluded_by, "owed": o.owed_anything,
        "reasons": [{"code": r.code, "blocking": r.blocking, "message": reason_text(r, language, summary),
                     "params": {k: (str(v) if not isinstance(v, (int, float, str, type(None))) else v)
                                for k, v in r.params.items()}} for r in o.notes],
        "citations": [{"role": role, **_ev(e)} for role, e in o.citations],
    }


def _credit_data(file, summary, results, per, up, down, cause, fee, cur, share, language) -> dict:
    return {"source": str(file), "language": summary.source.get("language"), "provider": summary.provider,
            "period": per.label() if per else None,
            "input": {"uptime_percent": up, "downtime_minutes": down, "cause": cause,
                      "monthly_fee": None if fee is None else str(fee), "currency": cur, "affected_percent": share},
            "credit_form": summary.credit_form,
            "results": [_owed_data(o, language, summary) for o in results]}


def _credit_render(summary, results, per, down, lang: str, markdown: bool, several: bool) -> str:
    from slacheck.cli.i18n import FORMS
    from slacheck.knowledge import credits

    s = S[lang]
    C, (L, R) = _colon(lang), _parens(lang)
    out: list[str] = []
    h1, h2, li = ("## ", "### ", "- ") if markdown else ("", "", "  ")
    top = li if markdown else ""
    out.append(f"{h1}slacheck credit — {summary.source.get('path')}")
    out.append("")
    period_line = (f"{per.label()}{L}{per.days}{'' if lang == 'zh' else ' '}{s['days']}{R}" if per else s["nominal"])
    out.append(f"{top}{s['provider']}{C}{summary.provider or '-'}")
    out.append(f"{top}{s['period']}{C}{period_line}")
    if summary.credit_form:
        out.append(f"{top}{s['form']}{C}{FORMS[lang].get(summary.credit_form, summary.credit_form)} "
                   f"{_where(summary.credit_form_evidence, lang)}")
    if several:
        out += ["", s["several"]]
    for o in results:
        out.append("")
        c = o.commitment_obj
        if c is not None:
            label = " / ".join(_scope_label(x, lang) for x in (c.service, c.scope) if x)
            promise = f"{_num(c.uptime_percent)}% {PERIOD_WORD[lang].get(c.period, c.period)} {_where(c.evidence, lang)}"
            out.append(f"{h2}{s['scope']}{C}{label} — {s['commitment']} {promise}" if label else
                       f"{h2}{s['commitment'].capitalize()}{C}{promise}")
        else:
            out.append(f"{h2}{s['scope']}{C}{_scope_label(o.scope, lang) if o.scope else s['all']} — {s['no_commitment']}")
        if markdown:
            out.append("")
        dt = f"{s['downtime']}{C}{_dur(o.downtime_minutes, lang)}"
        if o.counted_minutes is not None and abs(o.counted_minutes - o.downtime_minutes) > 1e-6:
            dt += f"{L}{s['counted']} {_dur(o.counted_minutes, lang)}{R}"
        out.append(f"{li}{dt} → {s['uptime']} {_num(o.uptime_percent)}%")
        if o.tier is not None:
            t = o.tier
            band = f"< {_num(t.upper_percent)}%" if t.lower_percent <= 0 else f"{_num(t.lower_percent)}% – < {_num(t.upper_percent)}%"
            if t.credit_percent is not None:
                pays = f"{_num(t.credit_percent)}% {s['of_fee']}"
            else:
                days = credits.tier_days(t)
                pays = f"{_num(days)} {s['days_service']}" if days is not None else "?"
            out.append(f"{li}{s['tier']}{C}{band} → {pays} {_where(t.evidence, lang)}")
        if o.duration_credit is not None:
            d = o.duration_credit
            each = f"{_num(d.credit_percent)}%" if d.credit_percent is not None else (
                f"{_num(d.credit_days)} {s['days']}")
            out.append(f"{li}{s['duration']}{C}{o.duration_units} × ({each} {s['per']} {_dur(d.per_minutes, lang)}) "
                       f"{_where(d.evidence, lang)}")
        if o.cap_percent is not None:
            state = (s["applied"] if o.uncapped_percent > o.cap_percent else
                     s["reached"] if o.uncapped_percent == o.cap_percent else s["not_reached"])
            out.append(f"{li}{s['cap']}{C}{_num(o.cap_percent)}% {s['of_fee']}{L}{state}{R} "
                       f"{_where(summary.credit_cap_evidence, lang)}")
        else:
            out.append(f"{li}{s['cap']}{C}{s['no_cap']}")
        line = f"{s['credit']}{C}{_num(o.credit_percent)}% {s['of_fee']}"
        if o.amount is not None:
            line += f" = {o.amount}" + (f" {o.currency}" if o.currency else "")
        out.append(f"{li}**{line}**" if markdown else f"{li}{line}")
        if o.minimum_amount is not None or summary.minimum_credit is not None:
            m = f"{o.minimum_amount} {o.minimum_currency or ''}".strip() if o.minimum_amount is not None else s["see_clause"]
            out.append(f"{li}{s['minimum']}{C}{m} {_where(summary.minimum_credit, lang)}")
        else:
            out.append(f"{li}{s['minimum']}{C}{s['none']}")
        for r in o.notes:
            out.append(f"{li}{'→ ' if r.blocking else '· '}{reason_text(r, lang, summary)}")
        if not o.owed_anything and not any(r.blocking for r in o.notes):
            out.append(f"{li}→ {s['nothing']}")
        if o.citations:
            out.append(f"{li}{s['cited']}{C.strip()}")
            for role, e in o.citations:
                out.append(f"{'  ' if markdown else '    '}{'- ' if markdown else ''}{s['roles'].get(role, role)} "
                           f"{_where(e, lang)} “{_quote(e)}”")
    return "\n".join(out).rstrip() + "\n"


# --- claim ----------------------------------------------------------------------------------

def claim(
    file: Path = FILE,
    incident: str = typer.Option(..., "--incident", help="When the outage started: \"2026-10-03 14:05\"."),
    downtime: Optional[str] = typer.Option(None, "--downtime", help="How long it lasted: 50m, 3h20m (adds the credit to the letter)."),
    scope: Optional[str] = typer.Option(None, "--scope", help="The commitment that applies, when the contract has several."),
    monthly_fee: Optional[str] = typer.Option(None, "--monthly-fee", help="The fee the credit is computed on."),
    currency: Optional[str] = typer.Option(None, "--currency", help="Currency of the fee: USD, CNY ..."),
    country: Optional[str] = typer.Option(None, "--country", help="Whose public holidays count for business days "
                                          "(default: CN for a Chinese document, else US)."),
    lang: Optional[str] = LANG,
    format: OutFormat = typer.Option(OutFormat.text, "--format", "-f", help="text, json or markdown."),
    today: Optional[str] = TODAY,
    max_pages: int = MAX_PAGES,
    timeout: float = TIMEOUT,
) -> None:
    """After an outage: the last day to claim, the evidence to enclose, and a claim letter draft."""
    from slacheck.knowledge import credits, deadlines, letters, periods

    _check_lang(lang)
    when = _parse("--incident", periods.parse_incident, incident, periods.INCIDENT_HINT)
    down = _parse("--downtime", periods.parse_duration, downtime, periods.DURATION_HINT) if downtime else None
    fee = _parse("--monthly-fee", credits.parse_amount, monthly_fee, "write it like 1200") if monthly_fee else None
    cur = _parse("--currency", credits.currency_code, currency) if currency else None
    if country:
        country = _parse("--country", deadlines.check_country, country)
    now = _today(today)
    summary = _load(file, max_pages, timeout)
    language = _lang(lang, summary)
    chosen = _scoped(summary, scope)
    commitment = chosen[0] if chosen else None
    ctry = deadlines.provider_country(summary.source.get("language"), country)
    kind = commitment.period if commitment is not None else "monthly"
    try:
        deadline = deadlines.claim_deadline(summary.claim, when, country=ctry, commitment_period=kind, lang=language,
                                            downtime_minutes=down)
    except ValueError as exc:
        _bad("--country", str(exc))
    owed = None
    if down is not None:
        per = periods.period_containing(when.date(), periods.KIND_OF.get(kind, "month"))
        if down > per.minutes:
            _bad("--downtime", f"{downtime} is longer than the service period {per.label()}")
        owed = credits.owed(summary, downtime_minutes=down, period=per, commitment=commitment,
                            scope=scope if commitment is None else None, monthly_fee=fee, currency=cur)
    items = letters.checklist(summary, language)
    letter = letters.claim_letter(summary, incident=when, lang=language, downtime_minutes=down, owed=owed,
                                  deadline=deadline, items=items, today=now, commitment=commitment)
    if format is OutFormat.json:
        typer.echo(json.dumps({
            "source": str(file), "language": summary.source.get("language"), "provider": summary.provider,
            "incident": when.isoformat(timespec="minutes"), "country": ctry,
            "claim_window": None if summary.claim is None else {
                "window_days": summary.claim.window_days, "window_months": summary.claim.window_months,
                "business_days": summary.claim.business_days, "anchor": summary.claim.anchor,
                "window_text": summary.claim.window_text, "evidence": _ev(summary.claim.evidence)},
            "deadline": None if deadline is None else deadline.to_dict(now),
            "message": None if deadline is not None else _no_window(language),
            "checklist": [{"text": i.text, "required": i.required, "evidence": _ev(i.evidence)} for i in items],
            "credit": None if owed is None else _owed_data(owed, language, summary),
            "letter": letter}, ensure_ascii=False, indent=2))
        return
    typer.echo(_claim_render(summary, when, deadline, items, owed, letter, language, now,
                             format is OutFormat.markdown, several=len(chosen) > 1 and not scope,
                             commitment=commitment))


def _no_window(lang: str) -> str:
    if lang == "zh":
        return "协议没有规定申请赔偿的期限：请尽快提交申请，并保留提交时间的证明。"
    return "The contract states no deadline for claims: claim as soon as you can and keep proof of when you sent it."


ANCHOR_TEXT = {
    "en": {"incident": "after the incident ({date})", "incident_end": "after the end of the outage ({date})", "period_end": "after the end of the service period {period} ({date})",
           "cycle_end": "the end of billing cycle {n} after the one of the incident ({period})"},
    "zh": {"incident": "自故障发生（{date}）起", "incident_end": "自故障结束（{date}）起", "period_end": "自服务周期{period}结束（{date}）起",
           "cycle_end": "故障所在计费周期（{period}）之后第{n}个计费周期结束"},
}
WEEKDAYS = {"en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"), "zh": ("周一", "周二", "周三", "周四", "周五", "周六", "周日")}


def _deadline_lines(summary, deadline, lang: str, now: date, li: str) -> list[str]:
    out = []
    d = deadline
    wd = WEEKDAYS[lang][d.last_day.weekday()]
    c = summary.claim
    if lang == "zh":
        rule = (f"{_num(d.months)}个月" if d.months and d.anchor != "cycle_end" else
                f"{_num(d.days)}个{'工作日' if d.business else '自然日'}" if d.days is not None else "")
        anchor = ANCHOR_TEXT["zh"][d.anchor].format(date=d.anchor_date.isoformat(), period=d.service_period.label(), n=d.months or 1)
        out.append(f"{li}申请截止日：**{d.last_day.isoformat()}（{wd}）**" if li.startswith("-") else
                   f"{li}申请截止日：{d.last_day.isoformat()}（{wd}）")
        out.append(f"{li}计算规则：{anchor}{rule} {_where(c.evidence, lang)} “{_quote(c.evidence)}”")
        if d.assumed_anchor:
            out.append(f"{li}协议未说明期限的起算点，按最早的故障发生日计算。")
        if d.anchor == "period_end" and d.service_period.kind != "month":
            out.append(f"{li}服务{'年度' if d.service_period.kind == 'year' else '季度'}按自然"
                       f"{'年' if d.service_period.kind == 'year' else '季度'}计算；如合同另有起算日，请相应调整。")
        if d.business:
            out.append(f"{li}工作日按{d.country}的法定节假日计算" + ("（含调休上班日）" if d.country == "CN" else "") + "。")
            for day, name in d.skipped:
                out.append(f"{li}  跳过 {day.isoformat()} {name}")
            for day in d.extra_workdays:
                out.append(f"{li}  调休上班日 {day.isoformat()}（{WEEKDAYS['zh'][day.weekday()]}）计为工作日")
        left = d.days_left(now)
        out.append(f"{li}" + (f"距截止日还有{left}天。" if left >= 0 else f"截止日已过{-left}天。"))
    else:
        rule = (f"{_num(d.months)} month(s) " if d.months and d.anchor != "cycle_end" else
                f"{_num(d.days)} {'business' if d.business else 'calendar'} days " if d.days is not None else "")
        anchor = ANCHOR_TEXT["en"][d.anchor].format(date=d.anchor_date.isoformat(), period=d.service_period.label(), n=d.months or 1)
        out.append(f"{li}Last day to claim: **{d.last_day.isoformat()} ({wd})**" if li.startswith("-") else
                   f"{li}Last day to claim: {d.last_day.isoformat()} ({wd})")
        out.append(f"{li}Rule: {rule}{anchor} {_where(c.evidence, lang)} “{_quote(c.evidence)}”")
        if d.assumed_anchor:
            out.append(f"{li}The contract does not say what the window counts from; counted from the incident, the earliest reading.")
        if d.anchor == "period_end" and d.service_period.kind != "month":
            out.append(f"{li}The service {d.service_period.kind} is taken as the calendar {d.service_period.kind}; "
                       "adjust if your contract year starts on another day.")
        if d.business:
            out.append(f"{li}Business days follow the public holidays of {d.country}"
                       + (" (adjusted working days included)" if d.country == "CN" else "") + ".")
            for day, name in d.skipped:
                out.append(f"{li}  skipped {day.isoformat()} {name}")
            for day in d.extra_workdays:
                out.append(f"{li}  {day.isoformat()} ({WEEKDAYS['en'][day.weekday()]}) is a working day")
        left = d.days_left(now)
        out.append(f"{li}" + (f"{left} day(s) left." if left >= 0 else f"The deadline passed {-left} day(s) ago."))
    return out


def _claim_render(summary, when, deadline, items, owed, letter, lang: str, now: date, markdown: bool,
                  several: bool = False, commitment=None) -> str:
    s = S[lang]
    h1, h2, li = ("## ", "### ", "- ") if markdown else ("", "", "  ")
    zh = lang == "zh"
    C, (L, R) = _colon(lang), _parens(lang)
    top = li if markdown else ""
    out = [f"{h1}slacheck claim — {summary.source.get('path')}", ""]
    out.append(f"{top}{s['provider']}{C}{summary.provider or '-'}")
    shown = when.isoformat(sep=" ", timespec="minutes") if (when.hour or when.minute) else when.date().isoformat()
    out.append(f"{top}{'故障开始' if zh else 'Incident'}{C}{shown}")
    if commitment is not None:
        c = commitment
        label = " / ".join(_scope_label(x, lang) for x in (c.service, c.scope) if x)
        promise = f"{_num(c.uptime_percent)}% {PERIOD_WORD[lang].get(c.period, c.period)} {_where(c.evidence, lang)}"
        out.append(f"{top}{s['scope']}{C}{label} — {s['commitment']} {promise}" if label else
                   f"{top}{s['commitment'].capitalize()}{C}{promise}")
    if several:
        out.append(f"{top}{s['first_scope']}")
    out += ["", f"{h2}{'申请期限' if zh else 'Deadline'}"]
    if markdown:
        out.append("")
    if deadline is None:
        out.append(f"{li}{_no_window(lang)}")
        if summary.claim is not None and summary.claim.evidence is not None:
            out.append(f"{li}{_where(summary.claim.evidence, lang)} “{_quote(summary.claim.evidence)}”")
    else:
        out += _deadline_lines(summary, deadline, lang, now, li)
    if owed is not None:
        out += ["", f"{h2}{s['credit']}"]
        if markdown:
            out.append("")
        line = f"{li}{s['uptime'].capitalize()} {_num(owed.uptime_percent)}% → {_num(owed.credit_percent)}% {s['of_fee']}"
        if owed.amount is not None:
            line += f" = {owed.amount}" + (f" {owed.currency}" if owed.currency else "")
        out.append(line)
        for r in owed.notes:
            out.append(f"{li}{'→ ' if r.blocking else '· '}{reason_text(r, lang, summary)}")
    out += ["", f"{h2}{'证据清单' if zh else 'Evidence checklist'}"]
    if markdown:
        out.append("")
    for i in items:
        tag = ("协议要求" if zh else "required by the contract") if i.required else ("建议" if zh else "recommended")
        cite = f" {_where(i.evidence, lang)}" if i.required and i.evidence is not None else ""
        out.append(f"{'- ' if markdown else '  '}[ ] {i.text}{L}{tag}{R}{cite}")
    out += ["", f"{h2}{'赔偿申请函草稿（Markdown）' if zh else 'Claim letter draft (Markdown)'}", ""]
    if markdown:
        out += ["````markdown", letter.rstrip(), "````"]
    else:
        out += ["-" * 72, letter.rstrip(), "-" * 72]
    return "\n".join(out).rstrip() + "\n"


# --- monitor --------------------------------------------------------------------------------

def monitor(
    file: Path = FILE,
    period: Optional[str] = typer.Option(None, "--period", help="A month YYYY-MM (or YYYY-Qn, YYYY): real month and year lengths, "
                                         "and the start of the OpenSLO time window."),
    format: MonitorFormat = typer.Option(MonitorFormat.text, "--format", "-f", help="text, json, markdown or openslo (YAML)."),
    scope: Optional[str] = typer.Option(None, "--scope", help="Only this commitment."),
    service: Optional[str] = typer.Option(None, "--service", help="Service name for the SLOs and the probe_success query."),
    timezone: Optional[str] = typer.Option(None, "--timezone", help="Time zone of the calendar window "
                                           "(default: Asia/Shanghai for a Chinese document, else UTC)."),
    lang: Optional[str] = LANG,
    today: Optional[str] = TODAY,
    max_pages: int = MAX_PAGES,
    timeout: float = TIMEOUT,
) -> None:
    """The downtime each commitment allows, and OpenSLO v1 SLOs that check the promise."""
    from slacheck.knowledge import credits, openslo, periods

    _check_lang(lang)
    per = _parse("--period", periods.parse_period, period, periods.PERIOD_HINT) if period else None
    if timezone:
        _check_timezone(timezone)
    now = _today(today)
    summary = _load(file, max_pages, timeout)
    language = _lang(lang, summary)
    chosen = _scoped(summary, scope)
    if scope:
        import copy

        summary = copy.copy(summary)
        summary.commitments = chosen
    tz = timezone or ("Asia/Shanghai" if summary.source.get("language") == "zh" else "UTC")
    if not summary.commitments:
        msg = ("协议中没有找到可用性承诺，无法计算允许的不可用时间。" if language == "zh" else
               "The contract states no availability commitment: there is no downtime budget to monitor.")
        if format is MonitorFormat.openslo:
            from slacheck.cli.app import warn

            warn(f"{file}: {msg}")
            return
        if format is MonitorFormat.json:
            typer.echo(json.dumps({"source": str(file), "budgets": [], "message": msg}, ensure_ascii=False, indent=2))
        else:
            typer.echo(msg)
        return
    if format is MonitorFormat.openslo:
        docs = openslo.slo_documents(summary, service=service, period=per, timezone=tz, today=now,
                                     source=Path(str(file)).stem)
        typer.echo(openslo.to_yaml(docs), nl=False)
        return
    bs = openslo.budgets(summary, per, schedule_for=credits.schedule_for)
    if format is MonitorFormat.json:
        typer.echo(json.dumps({
            "source": str(file), "period": per.label() if per else None,
            "interval_minutes": summary.downtime.granularity_minutes if summary.downtime else None,
            "budgets": [{
                "scope": b.commitment.scope, "service": b.commitment.service, "uptime_percent": b.uptime_percent,
                "period": b.period, "evidence": _ev(b.commitment.evidence),
                "allowed_minutes": {"per_30_day_month": b.per_30_days, "per_month": b.per_month,
                                    "month": b.month_label, "per_year": b.per_year, "year_days": b.year_days,
                                    "per_commitment_period": b.per_period, "commitment_period": b.period_label},
                "whole_intervals": b.intervals,
                "credit_thresholds": [{"uptime_below": u, "downtime_over_minutes": m, "credit_percent": p}
                                      for u, m, p in b.thresholds]} for b in bs]}, ensure_ascii=False, indent=2))
        return
    typer.echo(_monitor_render(summary, bs, per, language, format is MonitorFormat.markdown))


def _check_timezone(name: str) -> None:
    try:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError
    except ImportError:  # pragma: no cover - Python without zoneinfo
        return
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        _bad("--timezone", f"unknown time zone {name!r}", "use an IANA name such as UTC or Asia/Shanghai")


def _monitor_render(summary, bs, per, lang: str, markdown: bool) -> str:
    zh = lang == "zh"
    L, R = _parens(lang)
    gran = summary.downtime.granularity_minutes if summary.downtime else None
    out = [f"{'## ' if markdown else ''}slacheck monitor — {summary.source.get('path')}", ""]
    if gran:
        out.append((f"不可用时间按{_dur(gran, lang)}为单位统计 " if zh else f"Downtime is counted in {_dur(gran, lang)} intervals ")
                   + _where(summary.downtime.evidence, lang))
        out.append("")
    month_head = (f"{per.label()}（{per.days}天）" if zh else f"{per.label()} ({per.days} d)") if per is not None and per.kind == "month" else None
    year_days = bs[0].year_days
    heads = ["承诺" if zh else "commitment", "每30天" if zh else "per 30-day month"]
    if month_head:
        heads.append(month_head)
    heads.append(f"每年（{year_days}天）" if zh else f"per year ({year_days} d)")
    rows = []
    for b in bs:
        c = b.commitment
        label = f"{_num(c.uptime_percent)}% {PERIOD_WORD[lang].get(c.period, c.period)}"
        extra = " / ".join(_scope_label(x, lang) for x in (c.service, c.scope) if x)
        if extra:
            label += f"{L}{extra}{R}"
        row = [label, _dur(b.per_30_days, lang, True)]
        if month_head:
            row.append(_dur(b.per_month, lang, True))
        row.append(_dur(b.per_year, lang, True))
        rows.append(row)
    if markdown:
        out.append("| " + " | ".join(heads) + " |")
        out.append("|" + " --- |" * len(heads))
        out += ["| " + " | ".join(r) + " |" for r in rows]
    else:
        widths = [max(_width(x) for x in col) for col in zip(heads, *rows)]
        out.append("  ".join(_pad(h, w) for h, w in zip(heads, widths)).rstrip())
        out += ["  ".join(_pad(x, w) for x, w in zip(r, widths)).rstrip() for r in rows]
    out.append("")
    li = "- " if markdown else "  "
    for b in bs:
        c = b.commitment
        head = f"{_num(c.uptime_percent)}% {PERIOD_WORD[lang].get(c.period, c.period)}" + (
            f"{L}{_scope_label(c.scope, lang)}{R}" if c.scope else "")
        out.append(f"### {head} {_where(c.evidence, lang)}" if markdown else f"{head} {_where(c.evidence, lang)}")
        if markdown:
            out.append("")
        if b.period != "monthly":
            out.append(f"{li}" + (f"每个考核周期（{b.period_label}）允许 {_dur(b.per_period, lang, True)}" if zh else
                                  f"allowed per {b.period} period ({b.period_label}): {_dur(b.per_period, lang, True)}"))
        if b.intervals is not None:
            out.append(f"{li}" + (f"即最多 {b.intervals} 个{_dur(b.interval_minutes, lang)}的不可用单位" if zh else
                                  f"= at most {b.intervals} whole {_dur(b.interval_minutes, lang)} intervals of downtime"))
        for u, m, p in b.thresholds:
            out.append(f"{li}" + (f"不可用超过 {_dur(m, lang, True)}（可用性低于 {_num(u)}%）：赔偿 {_num(p)}%" if zh else
                                  f"over {_dur(m, lang, True)} down (uptime below {_num(u)}%): credit {_num(p)}%"))
        if markdown:
            out.append("")
    out.append("")
    out.append("用 --format openslo 生成 OpenSLO v1 的 SLO 定义。" if zh else
               "Use --format openslo for OpenSLO v1 SLO documents.")
    return "\n".join(out).rstrip() + "\n"


def _width(text: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))
