"""Renderers for `slacheck evaluate`: per-field precision/recall/F1, a row per document,
totals per language."""

from __future__ import annotations

import json

from slacheck.extractors.evaluate import FIELDS, SCALARS, Counts, DocResult, totals


def _f(x: float | None) -> str:
    return "  -  " if x is None else f"{x:.3f}"


def _table(title: str, t: dict[str, Counts]) -> list[str]:
    out = [title, f"  {'field':30} {'prec':>6} {'recall':>6} {'f1':>6} {'acc':>6}   tp  fp  fn"]
    for name in FIELDS:
        c = t[name]
        out.append(f"  {name:30} {_f(c.precision):>6} {_f(c.recall):>6} {_f(c.f1):>6} {_f(c.accuracy):>6}"
                   f"  {c.tp:3} {c.fp:3} {c.fn:3}")
    scal = Counts()
    for name in SCALARS:
        scal.add(t[name])
    out.append(f"  {'scalar fields (accuracy)':30} {'':>6} {'':>6} {'':>6} {_f(scal.accuracy):>6}")
    return out


def to_text(results: list[DocResult], verbose: bool = False) -> str:
    out = [f"{'document':40} lang  " + " ".join(f"{n[:8]:>8}" for n in FIELDS)]
    for r in results:
        if r.error:
            out.append(f"{r.id:40} {r.language:4}  error: {r.error}")
            continue
        cells = []
        for n in FIELDS:
            c = r.fields[n]
            cells.append(f"{'ok' if c.correct else 'MISS':>8}")
        out.append(f"{r.id:40} {r.language:4}  " + " ".join(cells))
        if verbose:
            out.extend(f"    {m}" for m in r.mismatches)
    out.append("")
    langs = sorted({r.language for r in results})
    for lang in langs:
        n = sum(1 for r in results if r.language == lang)
        out.extend(_table(f"{lang}: {n} document(s)", totals(results, lang)))
        out.append("")
    if len(langs) > 1:
        out.extend(_table(f"all: {len(results)} document(s)", totals(results)))
    errors = sum(1 for r in results if r.error)
    if errors:
        out.append(f"{errors} document(s) could not be read")
    return "\n".join(out).rstrip()


def _counts(c: Counts) -> dict:
    return {"precision": c.precision, "recall": c.recall, "f1": c.f1, "accuracy": c.accuracy,
            "tp": c.tp, "fp": c.fp, "fn": c.fn}


def to_json(results: list[DocResult]) -> str:
    langs = sorted({r.language for r in results})
    data = {
        "documents": [{"id": r.id, "path": r.path, "language": r.language, "error": r.error,
                       "fields": {n: _counts(c) for n, c in r.fields.items()},
                       "mismatches": r.mismatches} for r in results],
        "totals": {lang: {n: _counts(c) for n, c in totals(results, lang).items()} for lang in langs},
        "overall": {n: _counts(c) for n, c in totals(results).items()},
    }
    return json.dumps(data, ensure_ascii=False, indent=2)
