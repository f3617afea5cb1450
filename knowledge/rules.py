"""Risk rules as data: one TOML file per rule in knowledge/rules/, evaluated against the
summary's JSON form.

A rule has a stable id (SLA001 ...; retired ids are never reused), a severity, English and
Chinese text (title, why, advice, question), a declarative condition, the summary field
whose evidence it cites, and a risky and an acceptable example that the meta-test runs.

Condition language (all keys optional except the ones an operator needs):
  {all = [...]} / {any = [...]} / {not = {...}}           combinators
  {path = "credit_cap_percent", op = "is_null"}          predicates on a path
  path segments are keys; "commitments[*].uptime_percent" collects from each element
  ops: is_null, not_null, empty, not_empty, true, false, eq, ne, lt, le, gt, ge, in,
       not_in, contains, count_lt, count_ge
  value may be a literal or "$policy.NAME" / "$benchmark.NAME" (looked up at run time)
  quantifier = "any" (default) | "all" for paths that collect several values
"""

from __future__ import annotations

import copy
import sys
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from . import data_path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

SEVERITIES = ("high", "medium", "low", "info")
OPS = {"is_null", "not_null", "empty", "not_empty", "true", "false", "eq", "ne", "lt", "le", "gt",
       "ge", "in", "not_in", "contains", "count_lt", "count_ge"}
TEXT_KEYS = ("title", "check", "why", "advice", "question")


class RuleError(ValueError):
    pass


@dataclass(frozen=True)
class Rule:
    id: str
    severity: str
    text: dict  # lang -> {title, why, advice, question}
    condition: dict
    evidence: str | None
    examples: dict  # {"risky": {...}, "acceptable": {...}}
    retired: bool = False
    absent: str = "not_found"  # checklist status when the term is missing: not_found | pass


@lru_cache(maxsize=1)
def load_rules() -> tuple[Rule, ...]:
    problems: list[str] = []
    rules: list[Rule] = []
    for path in sorted(data_path("rules").glob("*.toml")):
        try:
            raw = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            problems.append(f"{path.name}: {exc}")
            continue
        rid = raw.get("id")
        if rid != path.stem:
            problems.append(f"{path.name}: id {rid!r} does not match the file name")
        if raw.get("severity") not in SEVERITIES:
            problems.append(f"{path.name}: severity must be one of {SEVERITIES}")
        for lang in ("en", "zh"):
            for key in TEXT_KEYS:
                if not str(raw.get(lang, {}).get(key, "")).strip():
                    problems.append(f"{path.name}: [{lang}] {key} is missing")
        cond = raw.get("condition")
        if not isinstance(cond, dict):
            problems.append(f"{path.name}: [condition] is missing")
        else:
            problems.extend(f"{path.name}: {p}" for p in _check_condition(cond))
        ex = raw.get("examples", {})
        for kind in ("risky", "acceptable"):
            if not isinstance(ex.get(kind), dict):
                problems.append(f"{path.name}: [examples.{kind}] is missing")
        rules.append(Rule(id=str(rid), severity=str(raw.get("severity")),
                          text={"en": raw.get("en", {}), "zh": raw.get("zh", {})},
                          condition=cond or {}, evidence=raw.get("evidence"),
                          examples=ex, retired=bool(raw.get("retired", False)),
                          absent=str(raw.get("absent", "not_found"))))
        if raw.get("absent", "not_found") not in ("not_found", "pass"):
            problems.append(f"{path.name}: absent must be not_found or pass")
    ids = [r.id for r in rules]
    for rid in {i for i in ids if ids.count(i) > 1}:
        problems.append(f"rule id {rid} is used twice")
    if problems:
        raise RuleError("; ".join(problems))
    return tuple(rules)


def _check_condition(cond: dict) -> list[str]:
    if "all" in cond or "any" in cond:
        items = cond.get("all", cond.get("any"))
        if not isinstance(items, list) or not items:
            return ["all/any wants a non-empty list"]
        return [p for c in items for p in _check_condition(c)]
    if "not" in cond:
        return _check_condition(cond["not"])
    if "path" not in cond or cond.get("op") not in OPS:
        return [f"predicate {cond!r} needs a path and an op from {sorted(OPS)}"]
    return []


@lru_cache(maxsize=1)
def default_policy() -> dict:
    return tomllib.loads(data_path("policy", "default.toml").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def benchmarks() -> dict:
    return tomllib.loads(data_path("benchmarks.toml").read_text(encoding="utf-8"))


def load_policy(path) -> dict:
    """A user's policy file, laid over the defaults (unknown keys are an error)."""
    from slacheck.errors import BadOption

    try:
        raw = tomllib.loads(open(path, encoding="utf-8").read())
    except OSError as exc:
        raise BadOption(str(path), f"cannot read the policy ({exc.strerror})", "check the path") from None
    except tomllib.TOMLDecodeError as exc:
        raise BadOption(str(path), f"the policy is not valid TOML ({exc})", "compare with knowledge/policy/default.toml") from None
    base = copy.deepcopy(default_policy())
    unknown = set(raw) - set(base)
    if unknown:
        raise BadOption(str(path), f"unknown policy keys: {', '.join(sorted(unknown))}",
                        "see `slacheck checklist --help` for the keys")
    base.update(raw)
    return base


def _collect(data: Any, path: str) -> list:
    values = [data]
    for seg in path.split("."):
        many = seg.endswith("[*]")
        key = seg[:-3] if many else seg
        nxt = []
        for v in values:
            v = v.get(key) if isinstance(v, dict) else None
            if many:
                nxt.extend(v or [])
            else:
                nxt.append(v)
        values = nxt
    return values


def _resolve(value: Any, policy: dict, bench: dict, data: dict) -> Any:
    if isinstance(value, str) and value.startswith("$policy."):
        return policy.get(value[8:])
    if isinstance(value, str) and value.startswith("$benchmark."):
        cls = data.get("service_class") or "default"
        table = bench.get(cls, bench.get("default", {}))
        return table.get(value[11:], bench.get("default", {}).get(value[11:]))
    return value


def _test(op: str, v: Any, value: Any) -> bool:
    if op == "is_null":
        return v is None
    if op == "not_null":
        return v is not None
    if op == "empty":
        return not v
    if op == "not_empty":
        return bool(v)
    if op == "true":
        return v is True
    if op == "false":
        return v is False or v is None
    if op in ("count_lt", "count_ge"):
        n = len(v or [])
        return n < value if op == "count_lt" else n >= value
    if v is None or value is None:
        return False
    if op == "eq":
        return v == value
    if op == "ne":
        return v != value
    if op == "in":
        return v in value
    if op == "not_in":
        return v not in value
    if op == "contains":
        return value in v if isinstance(v, (list, str)) else False
    try:
        return {"lt": v < value, "le": v <= value, "gt": v > value, "ge": v >= value}[op]
    except TypeError:
        return False


def holds(cond: dict, data: dict, policy: dict, bench: dict) -> bool:
    if "all" in cond:
        return all(holds(c, data, policy, bench) for c in cond["all"])
    if "any" in cond:
        return any(holds(c, data, policy, bench) for c in cond["any"])
    if "not" in cond:
        return not holds(cond["not"], data, policy, bench)
    op = cond["op"]
    value = _resolve(cond.get("value"), policy, bench, data)
    values = _collect(data, cond["path"])
    if "[*]" in cond["path"] and op not in ("empty", "not_empty", "count_lt", "count_ge"):
        if not values:
            return False
        test = all if cond.get("quantifier") == "all" else any
        return test(_test(op, v, value) for v in values)
    if "[*]" in cond["path"]:
        return _test(op, values, value)
    return _test(op, values[0] if values else None, value)


def _evidence(rule: Rule, data: dict, policy: dict, bench: dict) -> dict:
    """The evidence of the element that made the rule fire: for "exclusions[*].evidence"
    the first exclusion that fires the rule on its own, not merely the first one listed."""
    if not rule.evidence:
        return {}
    head, sep, tail = rule.evidence.partition("[*].")
    if sep and "." not in head and isinstance(data.get(head), list):
        for element in data[head]:
            alone = dict(data, **{head: [element]})
            if holds(rule.condition, alone, policy, bench):
                found = _collect(element, tail)
                if found and isinstance(found[0], dict) and found[0].get("page"):
                    return found[0]
    for v in _collect(data, rule.evidence):
        if isinstance(v, dict) and v.get("page"):
            return v
    return {}


def evaluate_dict(data: dict, policy: dict | None = None, lang: str | None = None) -> list[dict]:
    policy = policy or default_policy()
    bench = benchmarks()
    lang = lang or (data.get("source") or {}).get("language") or "en"
    out = []
    for rule in load_rules():
        if rule.retired or not holds(rule.condition, data, policy, bench):
            continue
        text = rule.text.get(lang) or rule.text["en"]
        out.append({"id": rule.id, "severity": rule.severity, "title": text["title"], "why": text["why"],
                    "advice": text["advice"], "question": text["question"],
                    "evidence": _evidence(rule, data, policy, bench)})
    return out


def evaluate(summary, policy: dict | None = None) -> list[dict]:
    data = summary.to_dict()
    return evaluate_dict(data, policy)
