"""Renderers for `slacheck outline`: the clause tree as text or JSON."""

from __future__ import annotations

import json

from slacheck.clauses import Document


def _pages(a: int, b: int) -> str:
    return f"p. {a}" if a == b else f"pp. {a}-{b}"


def to_text(doc: Document) -> str:
    out = [f"{doc.path} — {doc.pages} page(s), language {doc.language}, "
           f"{len(doc.clauses) - 1} clauses, {len(doc.tables)} tables"]
    for c in doc.clauses[1:]:
        label = " ".join(x for x in (c.number, c.heading) if x) or (c.lines[0].text[:60] if c.lines else "")
        out.append(f"{'  ' * (c.level - 1)}{label}  [{_pages(c.page_start, c.page_end)}]")
        for k in c.tables:
            t = doc.tables[k]
            kind = "ruled" if t.ruled else "unruled"
            width = max(len(r) for r in t.rows)
            out.append(f"{'  ' * c.level}table {len(t.rows)}x{width} ({kind}, p. {t.page}): "
                       + " | ".join(t.rows[0]))
    if doc.clauses[0].tables:
        for k in doc.clauses[0].tables:
            t = doc.tables[k]
            out.append(f"table {len(t.rows)}x{max(len(r) for r in t.rows)} before any heading (p. {t.page})")
    if doc.glossary:
        out.append("definitions: " + ", ".join(f"{d.term} (p. {d.page})" for d in doc.glossary))
    return "\n".join(out)


def to_dict(doc: Document) -> dict:
    return {
        "source": {"path": doc.path, "sha256": doc.sha256, "pages": doc.pages, "language": doc.language},
        "clauses": [c.to_dict(doc.tables) for c in doc.clauses],
        "definitions": [{"term": d.term, "text": d.text, "page": d.page, "clause": d.clause}
                        for d in doc.glossary],
        "warnings": doc.warnings,
    }


def to_json(doc: Document) -> str:
    return json.dumps(to_dict(doc), ensure_ascii=False, indent=2)
