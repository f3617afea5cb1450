"""Renderers for `slacheck review`: render(summary) -> str behind one interface, as a rich
terminal report, plain text, Markdown or the JSON contract."""

from __future__ import annotations

import io
import os

from slacheck.extractors.model import Evidence, Summary

from .i18n import CATEGORIES, FORMS, SEVERITY_GLYPH, SEVERITY_ORDER, SEVERITY_WORD, strings


def _num(x) -> str:
    if x is None:
        return "-"
    x = float(x)
    return f"{int(x)}" if x.is_integer() else f"{x:g}"


def _cite(e: Evidence | dict | None, s: dict) -> str:
    if not e:
        return ""
    page = e.page if isinstance(e, Evidence) else e.get("page")
    clause = e.clause if isinstance(e, Evidence) else e.get("clause")
    where = f"p. {page}" if s["page"] == "p." else f"第{page}页"
    if clause and clause != "0" and not clause.startswith("h"):
        where += f", §{clause}"
    return f"[{where}]"


def _quote(e: Evidence | None, limit: int = 160) -> str:
    if e is None:
        return ""
    text = " ".join(e.text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _band(t, s) -> str:
    if t.lower_percent <= 0:
        return f"< {_num(t.upper_percent)}%"
    return f"{_num(t.lower_percent)}% – < {_num(t.upper_percent)}%"


def sections(summary: Summary, lang: str, explain: bool = False) -> list[tuple[str, list[str]]]:
    """The report as (title, lines) pairs, shared by the text and Markdown renderers."""
    s = strings(lang)
    out: list[tuple[str, list[str]]] = []
    src = summary.source
    out.append((f"slacheck — {src.get('path')}", [
        f"{s['provider']}: {summary.provider or s['unknown']}",
        f"{s['language']}: {src.get('language')}   {s['pages']}: {src.get('pages')}",
    ]))

    def ex(e: Evidence | None) -> list[str]:
        if not explain or e is None:
            return []
        return [f"    {s['pattern']}: {e.pattern} — “{_quote(e, 120)}”"]

    rows = []
    for c in summary.commitments:
        scope = f" ({c.scope})" if c.scope else ""
        rows.append(f"{_num(c.uptime_percent)}% {s.get('period_' + c.period, c.period)}{scope} {_cite(c.evidence, s)}")
        rows.extend(ex(c.evidence))
    out.append((s["commitments"], rows or [s["none_found"]]))

    rows = []
    for t in summary.credit_tiers:
        scope = f" ({t.scope})" if t.scope else ""
        rows.append(f"{_band(t, s):<22} → {_num(t.credit_percent)}%{scope} {_cite(t.evidence, s)}")
        rows.extend(ex(t.evidence))
    for d in summary.duration_credits:
        what = f"{_num(d.credit_percent)}%" if d.credit_percent is not None else f"{_num(d.credit_days)} day(s)"
        cap = f", cap {_num(d.cap_percent)}%" if d.cap_percent is not None else ""
        rows.append(f"{what} {s['per']} {_num(d.per_minutes)} {s['minutes']}{cap} {_cite(d.evidence, s)}")
        rows.extend(ex(d.evidence))
    out.append((s["tiers"], rows or [s["none_found"]]))

    terms = []
    cap = f"{_num(summary.credit_cap_percent)}% {_cite(summary.credit_cap_evidence, s)}" \
        if summary.credit_cap_percent is not None else s["no_cap"]
    terms.append(f"{s['cap']}: {cap}")
    terms.extend(ex(summary.credit_cap_evidence))
    claim = summary.claim
    if claim and claim.window_days is not None:
        unit = s["business"] if claim.business_days else s["calendar"]
        terms.append(f"{s['claim']}: {_num(claim.window_days)} {unit} ({claim.window_text}) {_cite(claim.evidence, s)}")
        terms.extend(ex(claim.evidence))
    else:
        terms.append(f"{s['claim']}: {s['no_claim']}")
    if claim and claim.requirements:
        terms.append(f"{s['requirements']}: " + " / ".join(_quote(Evidence(0, None, r), 90) for r in claim.requirements[:3]))
    terms.append(f"{s['form']}: {FORMS[lang if lang in FORMS else 'en'][summary.credit_form]} "
                 f"{_cite(summary.credit_form_evidence, s)}".rstrip())
    terms.append(f"{s['sole']}: {s['yes'] if summary.sole_remedy else s['no']} {_cite(summary.sole_remedy_evidence, s)}".rstrip())
    d = summary.downtime
    if d:
        parts = []
        if d.granularity_minutes is not None:
            parts.append(f"{s['interval']} {_num(d.granularity_minutes)} {s['minutes']}")
        if d.minimum_minutes is not None:
            parts.append(f"{s['minimum']} {_num(d.minimum_minutes)} {s['minutes']}")
        if d.measured_by:
            parts.append(f"{s['measured']} {d.measured_by}")
        terms.append(f"{s['downtime']}: " + ("; ".join(parts) or s["unknown"]) + f" {_cite(d.evidence, s)}".rstrip())
    m = summary.maintenance
    if m:
        parts = []
        if m.notice_hours is not None:
            parts.append(f"{s['notice']} {_num(m.notice_hours)} {s['hours']}")
        if m.max_hours is not None:
            parts.append(f"{s['max']} {_num(m.max_hours)} {s['hours']}")
        terms.append(f"{s['maintenance']}: " + ("; ".join(parts) or "-") + f" {_cite(m.evidence, s)}")
    out.append((s["terms"], terms))

    cats = CATEGORIES.get(lang, CATEGORIES["en"])
    rows = []
    grouped: dict[str, list] = {}
    for x in summary.exclusions:
        grouped.setdefault(x.category, []).append(x)
    for cat, xs in grouped.items():
        flag = f" ({s['catch_all']})" if cat == "other" else ""
        rows.append(f"{cats.get(cat, cat)}{flag} {_cite(xs[0].evidence, s)}")
        rows.append(f"    “{_quote(xs[0].evidence, 140)}”")
    out.append((s["exclusions"], rows or [s["none_found"]]))

    rows = []
    sev_words = SEVERITY_WORD.get(lang, SEVERITY_WORD["en"])
    for r in sorted(summary.risks, key=lambda r: (SEVERITY_ORDER.get(r["severity"], 9), r["id"])):
        rows.append(f"{SEVERITY_GLYPH.get(r['severity'], '?')} {sev_words.get(r['severity'], r['severity'])} "
                    f"{r['id']} {r['title']} {_cite(r.get('evidence'), s)}".rstrip())
        rows.append(f"    {s['why']}: {r['why']}")
        rows.append(f"    {s['advice']}: {r['advice']}")
    out.append((s["risks"], rows or [s["no_risks"]]))
    if summary.warnings:
        out.append((s["warnings"], list(summary.warnings)))
    return out


def to_text(summary: Summary, lang: str, explain: bool = False) -> str:
    out = []
    for title, rows in sections(summary, lang, explain):
        out.append(title)
        out.append("-" * min(len(title) * (2 if lang == "zh" else 1), 78))
        out.extend(f"  {r}" for r in rows)
        out.append("")
    return "\n".join(out).rstrip()


def to_markdown(summary: Summary, lang: str, explain: bool = False) -> str:
    out = []
    for n, (title, rows) in enumerate(sections(summary, lang, explain)):
        out.append(("# " if n == 0 else "## ") + title)
        out.append("")
        for r in rows:
            out.append(f"    {r.strip()}" if r.startswith("    ") else f"- {r}")
        out.append("")
    return "\n".join(out).rstrip()


def to_terminal(summary: Summary, lang: str, explain: bool = False) -> str:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    import shutil
    import sys

    width = shutil.get_terminal_size((100, 24)).columns
    colour = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    buf = io.StringIO()
    console = Console(file=buf, width=width, force_terminal=colour, no_color=not colour,
                      highlight=False, soft_wrap=False)
    styles = {"high": "bold red", "medium": "yellow", "low": "cyan", "info": "dim"}
    secs = sections(summary, lang, explain)
    for n, (title, rows) in enumerate(secs):
        console.print(Text(title, style="bold underline" if n == 0 else "bold"))
        if title == strings(lang)["tiers"] and summary.credit_tiers:
            s = strings(lang)
            table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
            table.add_column(s["uptime"])
            table.add_column(s["credit"], justify="right")
            table.add_column(s["scope"])
            table.add_column("")
            for t in summary.credit_tiers:
                table.add_row(_band(t, s), f"{_num(t.credit_percent)}%", t.scope or "", _cite(t.evidence, s))
            console.print(table)
            rows = [r for r in rows if "→" not in r]
        for r in rows:
            style = ""
            for sev, glyph in SEVERITY_GLYPH.items():
                if r.startswith(glyph + " "):
                    style = styles[sev]
            console.print(Text("  " + r, style=style))
        console.print()
    return buf.getvalue().rstrip()


def render(summary: Summary, fmt: str, explain: bool = False, lang: str | None = None) -> str:
    lang = lang or summary.source.get("language") or "en"
    if fmt == "json":
        return summary.to_json()
    if fmt == "markdown":
        return to_markdown(summary, lang, explain)
    if fmt == "text":
        return to_text(summary, lang, explain)
    return to_terminal(summary, lang, explain)
