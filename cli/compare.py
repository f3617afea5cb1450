"""Renderers for `slacheck compare`: a side-by-side table, a credit curve, a verdict."""

from __future__ import annotations

import json

from slacheck.knowledge.compare import Comparison

BAR = 20


def _bar(pct: float) -> str:
    n = round(BAR * min(pct, 100) / 100)
    return "█" * n + "·" * (BAR - n)


def to_text(c: Comparison) -> str:
    w = max([len(r.name) for r in c.rows] + [12])
    wa = max([len(r.a) for r in c.rows] + [len("A: " + c.a_name[:40])])
    out = [f"A: {c.a_name}", f"B: {c.b_name}", ""]
    out.append(f"{'':{w}}  {'A':<{wa}}  {'B':<30} better")
    for r in c.rows:
        out.append(f"{r.name:<{w}}  {r.a:<{wa}}  {r.b:<30} {r.better or '='}")
    out += ["", "Credit owed (% of monthly fee) by monthly uptime:",
            f"{'uptime':>7}  {'A':<{BAR + 6}} {'B':<{BAR + 6}}"]
    for u, pa, pb in c.curve:
        out.append(f"{u:>6g}%  {_bar(pa)} {pa:>4g}% {_bar(pb)} {pb:>4g}%")
    out.append("")
    if c.verdict:
        name = c.a_name if c.verdict == "A" else c.b_name
        out.append(f"Verdict: {c.verdict} ({name}) gives the customer more on more rows.")
    else:
        out.append("Verdict: neither contract is better on balance.")
    out.extend(f"  {r}" for r in c.reasons)
    return "\n".join(out)


def to_markdown(c: Comparison) -> str:
    out = [f"## SLA comparison", "", f"- **A**: `{c.a_name}`", f"- **B**: `{c.b_name}`", "",
           "| term | A | B | better |", "| --- | --- | --- | --- |"]
    for r in c.rows:
        out.append(f"| {r.name} | {r.a} | {r.b} | {r.better or '='} |")
    out += ["", "| uptime | credit A | credit B |", "| --- | --- | --- |"]
    out += [f"| {u:g}% | {pa:g}% | {pb:g}% |" for u, pa, pb in c.curve]
    out += ["", f"**Verdict:** {c.verdict or 'no clear winner'}", ""] + [f"- {r}" for r in c.reasons]
    return "\n".join(out)


def to_json(c: Comparison) -> str:
    return json.dumps({"a": c.a_name, "b": c.b_name,
                       "rows": [r.__dict__ for r in c.rows],
                       "credit_curve": [{"uptime": u, "a": pa, "b": pb} for u, pa, pb in c.curve],
                       "verdict": c.verdict, "reasons": c.reasons}, ensure_ascii=False, indent=2)
