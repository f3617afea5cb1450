"""The pre-signing checklist: every rule as an item that passes, fails or whose term was
not found, with evidence and the question to ask; blocking items decide the exit code."""

from __future__ import annotations

from dataclasses import dataclass

from . import rules as R


@dataclass
class Item:
    id: str
    severity: str
    title: str
    status: str  # pass | fail | not_found
    blocking: bool
    question: str
    evidence: dict


def _first_path(cond: dict) -> str | None:
    if "path" in cond:
        return cond["path"]
    for key in ("all", "any"):
        for c in cond.get(key, []):
            p = _first_path(c)
            if p:
                return p
    if "not" in cond:
        return _first_path(cond["not"])
    return None


def build(summary_dict: dict, policy: dict | None = None, lang: str | None = None) -> list[Item]:
    policy = policy or R.default_policy()
    lang = lang or summary_dict.get("source", {}).get("language") or "en"
    fired = {r["id"]: r for r in R.evaluate_dict(summary_dict, policy, lang)}
    items = []
    for rule in R.load_rules():
        if rule.retired or rule.id in policy.get("ignore_rules", []):
            continue
        text = rule.text.get(lang) or rule.text["en"]
        if rule.id in fired:
            status = "fail"
        else:
            path = _first_path(rule.condition) or ""
            values = R._collect(summary_dict, path) if path else []
            present = [v for v in values if v not in (None, [], {})]
            status = "pass" if present else rule.absent
        blocking = status == "fail" and (
            (policy.get("block_on_high", True) and rule.severity == "high")
            or rule.id in policy.get("blocking_rules", []))
        title = text["check"] if status == "pass" else text["title"]
        items.append(Item(id=rule.id, severity=rule.severity, title=title, status=status,
                          blocking=blocking, question=text["question"],
                          evidence=fired.get(rule.id, {}).get("evidence") or {}))
    order = {"fail": 0, "not_found": 1, "pass": 2}
    items.sort(key=lambda i: (order[i.status], not i.blocking, ["high", "medium", "low", "info"].index(i.severity), i.id))
    return items
