"""Score the extractors against labelled documents (the DESIGN.md label format).

Commitments are compared as sets of uptime values, tiers as multisets of (lower, upper,
credit) triples, exclusions as sets of categories, and the scalar fields by exact match.
Any folder of PDFs (or .txt/.md/.html) with ``<id>.json`` labels beside them works."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .model import Summary

SCALARS = ("credit_cap_percent", "claim_window_days", "credit_form", "sole_remedy",
           "downtime_granularity_minutes", "measured_by")
SETS = ("commitments", "credit_tiers", "exclusions")
FIELDS = SETS + SCALARS
SUFFIXES = (".pdf", ".txt", ".md", ".html", ".htm")


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    correct: int = 0  # scalar fields: exact agreement, nulls included
    total: int = 0

    def add(self, other: "Counts") -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.correct += other.correct
        self.total += other.total

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 0.0 if p + r == 0 else 2 * p * r / (p + r)

    @property
    def accuracy(self) -> float | None:
        return self.correct / self.total if self.total else None


@dataclass
class DocResult:
    id: str
    path: str
    language: str
    fields: dict[str, Counts] = field(default_factory=dict)
    mismatches: list[str] = field(default_factory=list)
    error: str | None = None


def _r(x) -> float | None:
    return None if x is None else round(float(x), 3)


def predicted_values(s: Summary) -> dict:
    return {
        "commitments": Counter({_r(c.uptime_percent) for c in s.commitments}),
        "credit_tiers": Counter((_r(t.lower_percent), _r(t.upper_percent), _r(t.credit_percent))
                                for t in s.credit_tiers),
        "exclusions": Counter({x.category for x in s.exclusions}),
        "credit_cap_percent": _r(s.credit_cap_percent),
        "claim_window_days": _r(s.claim.window_days) if s.claim else None,
        "credit_form": s.credit_form,
        "sole_remedy": s.sole_remedy,
        "downtime_granularity_minutes": _r(s.downtime.granularity_minutes) if s.downtime else None,
        "measured_by": s.downtime.measured_by if s.downtime else None,
    }


def gold_values(label: dict) -> dict:
    return {
        "commitments": Counter({_r(c["uptime_percent"]) for c in label.get("commitments") or []}),
        "credit_tiers": Counter((_r(t["lower_percent"]), _r(t["upper_percent"]), _r(t["credit_percent"]))
                                for t in label.get("credit_tiers") or []),
        "exclusions": Counter(set(label.get("exclusions") or [])),
        "credit_cap_percent": _r(label.get("credit_cap_percent")),
        "claim_window_days": _r(label.get("claim_window_days")),
        "credit_form": label.get("credit_form"),
        "sole_remedy": bool(label.get("sole_remedy")),
        "downtime_granularity_minutes": _r(label.get("downtime_granularity_minutes")),
        "measured_by": label.get("measured_by"),
    }


def score(pred: dict, gold: dict) -> tuple[dict[str, Counts], list[str]]:
    out: dict[str, Counts] = {}
    notes: list[str] = []
    for name in SETS:
        p, g = pred[name], gold[name]
        both = sum((p & g).values())
        c = Counts(tp=both, fp=sum(p.values()) - both, fn=sum(g.values()) - both)
        c.total, c.correct = 1, int(p == g)
        out[name] = c
        if p != g:
            extra, missing = sorted(map(str, (p - g).elements())), sorted(map(str, (g - p).elements()))
            notes.append(f"{name}: extra {extra} missing {missing}")
    for name in SCALARS:
        p, g = pred[name], gold[name]
        c = Counts(total=1, correct=int(p == g))
        if name == "sole_remedy":
            c.tp, c.fp, c.fn = int(p and g), int(p and not g), int(g and not p)
        else:
            c.tp = int(p is not None and p == g)
            c.fp = int(p is not None and p != g)
            c.fn = int(g is not None and p != g)
        out[name] = c
        if p != g:
            notes.append(f"{name}: got {_show(p)} want {_show(g)}")
    return out, notes


def _show(x) -> str:
    return f"{x:g}" if isinstance(x, float) else repr(x)


def find_labelled(root: Path) -> list[tuple[Path, Path]]:
    pairs = []
    for label in sorted(root.rglob("*.json")):
        for suffix in SUFFIXES:
            doc = label.with_suffix(suffix)
            if doc.exists():
                pairs.append((doc, label))
                break
    return pairs


def evaluate(root: Path, analyze) -> list[DocResult]:
    """``analyze(path) -> Summary``; errors are recorded per document, not raised."""
    from slacheck.errors import SlacheckError

    results = []
    for doc_path, label_path in find_labelled(root):
        try:
            label = json.loads(label_path.read_text(encoding="utf-8"))
            if not isinstance(label, dict):
                raise ValueError("not a JSON object")
        except (OSError, UnicodeDecodeError, ValueError) as err:
            detail = f"{err.msg} at line {err.lineno}" if isinstance(err, json.JSONDecodeError) else str(err)
            results.append(DocResult(id=doc_path.stem, path=str(doc_path), language="?",
                                     error=f"{label_path}: the label is not a readable JSON object ({detail})"))
            continue
        res = DocResult(id=label.get("id", doc_path.stem), path=str(doc_path),
                        language=label.get("language", "?"))
        try:
            summary = analyze(doc_path)
        except SlacheckError as err:
            res.error = err.line()
            results.append(res)
            continue
        res.fields, res.mismatches = score(predicted_values(summary), gold_values(label))
        results.append(res)
    return results


def totals(results: list[DocResult], language: str | None = None) -> dict[str, Counts]:
    out = {name: Counts() for name in FIELDS}
    for r in results:
        if language and r.language != language:
            continue
        for name, c in r.fields.items():
            out[name].add(c)
    return out
