"""Renderers for `slacheck checklist`."""

from __future__ import annotations

import json

from slacheck.knowledge.checklist import Item

MARK = {"pass": "✔ PASS", "fail": "✖ FAIL", "not_found": "? NOT FOUND"}
MARK_ZH = {"pass": "✔ 通过", "fail": "✖ 未通过", "not_found": "? 未找到"}


def _cite(ev: dict, lang: str) -> str:
    if not ev or not ev.get("page"):
        return ""
    return f" [p. {ev['page']}]" if lang != "zh" else f" [第{ev['page']}页]"


def to_text(path: str, items: list[Item], lang: str) -> str:
    marks = MARK_ZH if lang == "zh" else MARK
    blocking = sum(1 for i in items if i.blocking)
    head = (f"Pre-signing checklist — {path}" if lang != "zh" else f"签约前检查清单 — {path}")
    out = [head, ""]
    for i in items:
        block = (" [BLOCKING]" if lang != "zh" else " [阻断]") if i.blocking else ""
        out.append(f"{marks[i.status]:<12} {i.id} {i.title}{block}{_cite(i.evidence, lang)}")
        if i.status != "pass":
            out.append(f"{'':12} {'Ask' if lang != 'zh' else '询问'}: {i.question}")
    out.append("")
    counts = {s: sum(1 for i in items if i.status == s) for s in ("pass", "fail", "not_found")}
    if lang == "zh":
        out.append(f"通过 {counts['pass']}，未通过 {counts['fail']}，未找到 {counts['not_found']}；阻断项 {blocking}")
    else:
        out.append(f"{counts['pass']} pass, {counts['fail']} fail, {counts['not_found']} not found; "
                   f"{blocking} blocking")
    return "\n".join(out)


def to_markdown(path: str, items: list[Item], lang: str) -> str:
    title = "Pre-signing checklist" if lang != "zh" else "签约前检查清单"
    out = [f"## {title}: `{path}`", ""]
    for i in items:
        box = "x" if i.status == "pass" else " "
        status = {"pass": "pass", "fail": "**fail**", "not_found": "not found"}[i.status]
        block = " — **blocking**" if i.blocking else ""
        out.append(f"- [{box}] {i.id} {i.title} ({status}{block}){_cite(i.evidence, lang)}")
        if i.status != "pass":
            out.append(f"  - {'Ask the provider' if lang != 'zh' else '询问服务商'}: {i.question}")
            if i.evidence.get("text"):
                quote = " ".join(i.evidence["text"].split())[:200]
                out.append(f"  - > {quote}")
    return "\n".join(out)


def to_json(path: str, items: list[Item]) -> str:
    return json.dumps({"source": path, "blocking_failures": sum(1 for i in items if i.blocking),
                       "items": [i.__dict__ for i in items]}, ensure_ascii=False, indent=2)
