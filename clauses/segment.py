"""Lines -> a clause tree (numbering and headings, with page spans) and a glossary.

Nesting is learnt from the document rather than fixed: a numbering style seen for the
first time opens a level below the current one; a style already open closes everything
below it. That is how `1.` / `(a)` / `(i)` and `一、` / `（一）` / `1.` both nest right
without a table of which style outranks which. Dotted numbers nest by their depth.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import Clause, Definition, Document, Line, join_lines

_ZH_NUM = "一二三四五六七八九十百零〇两"
_SENTENCE_END = tuple(".:;。：；!?！？")

# (style, pattern) — the first that matches a line's start wins. Group "num" is the number.
_PATTERNS: list[tuple[str, re.Pattern]] = [
    ("zh-chapter", re.compile(rf"^(?P<num>第[{_ZH_NUM}\d]+章)\s*")),
    ("zh-article", re.compile(rf"^(?P<num>第[{_ZH_NUM}\d]+(?:\.\d+)*条)\s*")),
    ("zh-annex", re.compile(rf"^(?P<num>(?:附件|附录)[{_ZH_NUM}\d]*)(?:[:：、.\s]|$)\s*")),
    ("zh-yi", re.compile(rf"^(?P<num>[{_ZH_NUM}]+)[、.．]\s*")),
    ("zh-paren", re.compile(rf"^(?P<num>[(（][{_ZH_NUM}]+[)）])\s*")),
    ("schedule", re.compile(r"^(?P<num>(?:Schedule|Exhibit|Annex|Appendix|Attachment|SCHEDULE|EXHIBIT|ANNEX|APPENDIX)\s+[A-Z0-9]{1,3})\b[\s:.\-–—]*")),
    ("article", re.compile(r"^(?P<num>(?:Article|ARTICLE)\s+(?:[IVXLC]+|\d+))\b[\s:.\-–—]*")),
    ("section", re.compile(r"^(?P<num>(?:Section|SECTION|Clause|CLAUSE)\s+\d+(?:\.\d+)*)\b[\s:.\-–—]*")),
    ("lettered", re.compile(r"^(?P<num>[A-Z][.\-]\d{1,2}(?:\.\d{1,2})*)\.?(?:\s+|(?=[^\d\s.%]))")),
    ("num-paren", re.compile(r"^(?P<num>\d{1,2}[)）])(?![\d%])\s*")),
    ("numeric", re.compile(r"^(?P<num>\d{1,2}(?:\.\d{1,2})*)(?:[.．、](?![\d%])\s*|\s+(?![\d%]|percent|per\b|days?\b|hours?\b|minutes?\b|months?\b|[个天小分日%％]))")),
    ("paren-num", re.compile(r"^(?P<num>[(（]\d{1,2}[)）])\s*")),
    ("roman", re.compile(r"^(?P<num>[(（](?:i|ii|iii|iv|v|vi|vii|viii|ix|x|xi|xii)[)）])\s+")),
    ("alpha", re.compile(r"^(?P<num>[(（][a-z][)）])\s*")),
    ("alpha-dot", re.compile(r"^(?P<num>[a-z][.)])\s+(?=[A-Z])")),
]

_HEADING_MAX = 90


@dataclass
class _Heading:
    style: str
    number: str | None
    heading: str | None


def segment(doc: Document) -> Document:
    """Fill ``doc.clauses`` and ``doc.glossary`` from ``doc.lines``; returns ``doc``."""
    body_size = _body_size(doc.lines)
    right_edges = _right_edges(doc.lines)
    root = Clause(id="0", number=None, heading=None, level=0, style="root",
                  page_start=doc.lines[0].page if doc.lines else 1,
                  page_end=doc.lines[0].page if doc.lines else 1)
    clauses = [root]
    stack: list[Clause] = [root]
    ids: set[str] = {"0"}
    last_numeric: list[int] | None = None
    seen_lettered: set[str] = set()
    prev: Line | None = None
    unnamed = 0
    for i, ln in enumerate(doc.lines):
        nxt = doc.lines[i + 1] if i + 1 < len(doc.lines) else None
        ended = prev is not None and prev.x1 < right_edges.get(prev.page, 0) - 4 * max(prev.size, 1)
        found = None if ln.table is not None else _heading(ln, prev, nxt, body_size, last_numeric, stack, ended)
        prev = ln
        if found is not None and found.style.startswith("lettered") and found.number in seen_lettered:
            found = None  # "B.2.2" again, at a line start: a cross-reference, not a clause
        if found is None:
            stack[-1].lines.append(ln)
            continue
        if found.style.startswith("lettered"):
            seen_lettered.add(found.number)
        if found.style.startswith("numeric"):
            last_numeric = [int(x) for x in found.number.rstrip(".").split(".")]
        style = found.style
        # A heading line is never the child of an unnumbered heading set in the same or
        # smaller type ("BACKGROUND" then a bold "1 DEFINITIONS"): it closes it.
        if ln.bold or ln.size >= 1.2 * body_size:
            size = round(ln.size)
            open_small = [k for k, c in enumerate(stack) if k and c.style.startswith("heading-")
                          and int(c.style.split("-")[1]) <= size]
            if open_small:
                del stack[open_small[0]:]
        while len(stack) > 1 and _closes(stack, style):
            stack.pop()
        parent = stack[-1]
        cid = _clause_id(found, parent, ids, unnamed)
        if found.number is None:
            unnamed += 1
        ids.add(cid)
        clause = Clause(id=cid, number=found.number, heading=found.heading, level=len(stack),
                        style=style, page_start=ln.page, page_end=ln.page, lines=[ln],
                        parent=parent.id)
        parent.children.append(cid)
        clauses.append(clause)
        stack.append(clause)
    for c in clauses:
        if c.lines:
            c.page_start = c.lines[0].page
            c.page_end = max(ln.page for ln in c.lines)
    _spread_page_ends(clauses)
    _attach_tables(doc, clauses)
    doc.clauses = clauses
    doc.glossary = _glossary(clauses)
    return doc


# The few styles whose rank is known whatever the document: a schedule holds articles,
# an article holds sections. Everything else ranks by first appearance.
_RANK = {"schedule": 0, "zh-annex": 0, "zh-chapter": 1, "article": 1, "section": 2, "zh-article": 2}


def _closes(stack: list[Clause], style: str) -> bool:
    """True while the top of the stack must close before a heading of ``style`` opens."""
    top = stack[-1].style
    styles = [c.style for c in stack[1:]]
    if style in styles:
        return True  # pop up to and including the open sibling
    if style in _RANK:
        return _RANK.get(top, 99) >= _RANK[style]
    for family in ("numeric-", "lettered-"):
        if style.startswith(family):
            depth = int(style.split("-")[1])
            parent = f"{family}{depth - 1}"
            if parent in styles:
                return top != parent  # 2.2.1 goes straight under 2.2, closing (a), (i), ...
            if top.startswith(family) and int(top.split("-")[1]) > depth:
                return True
    return False


def _heading(ln: Line, prev: Line | None, nxt: Line | None, body_size: float,
             last_numeric: list[int] | None, stack: list[Clause], prev_ended: bool = False) -> _Heading | None:
    text = ln.norm
    after_break = (
        prev is None
        or prev_ended
        or prev.norm.endswith(_SENTENCE_END)
        or prev.bold
        or prev.table is not None
        or (prev.page == ln.page and ln.top - prev.bottom > 0.9 * max(ln.size, 1))
    )
    for style, pattern in _PATTERNS:
        m = pattern.match(text)
        if not m:
            continue
        number = m.group("num").strip()
        rest = text[m.end():].strip()
        if style == "numeric":
            parts = [int(x) for x in number.rstrip(".").split(".")]
            # a list that starts right under a heading restarts the count ("Schedule B" / "1.")
            restart = parts == [1] and len(stack) > 1 and (
                (len(stack[-1].lines) == 1 and stack[-1].lines[0] is prev)
                or (after_break and not stack[-1].style.startswith("numeric")))
            if not (_follows(parts, last_numeric) or restart or (after_break and (ln.bold or _short_heading(rest)))):
                continue
            if len(parts) == 1 and _item_goes_on(ln, parts[0], stack[-1]):
                continue  # "7." after list items "1." … "6." inside clause 6 is item 7, not clause 7
            if not after_break and not ln.bold:
                continue
            style = f"numeric-{len(parts)}"
        elif style == "lettered":
            if not after_break:
                continue
            style = f"lettered-{number.count('.') + number.count('-')}"  # B.1 -> 1, B.2.1 -> 2
        elif style == "roman" and _continues_alpha(number, stack):
            style = "alpha"
        elif style in ("alpha", "alpha-dot", "roman", "paren-num", "num-paren") and not after_break:
            continue
        elif style in ("schedule", "article", "section", "zh-annex") and not (
                after_break and (ln.bold or _short_heading(rest) or not rest)):
            continue
        list_item = style in ("alpha", "alpha-dot", "roman", "paren-num", "num-paren", "zh-paren")
        heading = rest if rest and (ln.bold or not list_item and _short_heading(rest)) else None
        return _Heading(style=style, number=number, heading=heading)
    # Unnumbered headings: bold or large lines. Their size is their rank, so a document's
    # own hierarchy (title > section > sub-section) comes through.
    looks_like_heading = len(text) <= _HEADING_MAX and any(ch.isalpha() for ch in text) \
        and not text.endswith((".", "。", ";", "；", ","))
    if looks_like_heading and after_break and (ln.bold or ln.size >= 1.2 * body_size):
        return _Heading(style=f"heading-{round(ln.size)}", number=None, heading=text)
    return None


def _item_goes_on(ln: Line, number: int, clause: Clause) -> bool:
    """The open clause holds, below its first line, list item ``number - 1`` at this line's
    own margin: this line is the list's next item."""
    marker = re.compile(rf"^\s*{number - 1}[.)．]\s")
    return any(marker.match(x.norm) and abs(x.x0 - ln.x0) < 3 for x in clause.lines[1:])


def _short_heading(rest: str) -> bool:
    """A short rest of line that reads as a title, not as the start of a wrapped sentence."""
    if rest.endswith(".") and 0 < len(rest.split()) <= 5 and rest[0].isupper() and rest.count(".") == 1:
        return True  # "D-6 Claims." — a run-in heading
    return (0 < len(rest) <= 60 and not rest.endswith(_SENTENCE_END + (",", "，", "、"))
            and not any(p in rest for p in ("。", "，", "；", ";", "、"))
            and not ("," in rest and (not rest.isascii() or len(rest) > 40)))


def _follows(parts: list[int], last: list[int] | None) -> bool:
    """Is ``parts`` a plausible next number after ``last`` (1.2 -> 1.3, 1.2.1, 2, 2.1)?"""
    if last is None:
        return parts[0] in (0, 1) or len(parts) > 1 and parts[-1] == 1
    for k in range(len(last)):
        if parts[:k] == last[:k] and len(parts) >= k + 1 and parts[k] == last[k] + 1 \
                and all(x in (0, 1) for x in parts[k + 1:]):
            return True
    return parts[:len(last)] == last and len(parts) == len(last) + 1 and parts[-1] == 1


def _continues_alpha(number: str, stack: list[Clause]) -> bool:
    letter = number.strip("()（）")
    for c in reversed(stack):
        if c.style == "alpha" and c.number:
            prev_letter = c.number.strip("()（）")
            return len(letter) == 1 and ord(letter) == ord(prev_letter) + 1
    return False


def _clause_id(found: _Heading, parent: Clause, ids: set[str], unnamed: int) -> str:
    if found.number is None:
        base = f"h{unnamed + 1}"
    elif found.style in ("alpha", "alpha-dot", "roman", "paren-num", "num-paren", "zh-paren") and parent.id != "0":
        base = f"{parent.id}{found.number}"
    else:
        base = found.number.rstrip(".")
    if base in ids and parent.id != "0":
        base = f"{parent.id}/{base}"  # a list restarting under another clause: "五/1"
    cid, n = base, 2
    while cid in ids:
        cid = f"{base}#{n}"
        n += 1
    return cid


def _right_edges(lines: list[Line]) -> dict[int, float]:
    """Per page, where full lines end: a line that stops well short of it ended its
    paragraph, so the next line may start a clause."""
    by_page: dict[int, list[float]] = {}
    for ln in lines:
        if ln.table is None:
            by_page.setdefault(ln.page, []).append(ln.x1)
    out = {}
    for page, xs in by_page.items():
        xs.sort()
        out[page] = xs[int(0.95 * (len(xs) - 1))]
    return out


def _body_size(lines: list[Line]) -> float:
    sizes = sorted(ln.size for ln in lines if ln.size)
    return sizes[len(sizes) // 2] if sizes else 10.0


def _spread_page_ends(clauses: list[Clause]) -> None:
    by_id = {c.id: c for c in clauses}
    for c in reversed(clauses):
        if c.parent is not None:
            p = by_id[c.parent]
            p.page_end = max(p.page_end, c.page_end)
            if not p.lines:
                p.page_start = min(p.page_start, c.page_start)


def _attach_tables(doc: Document, clauses: list[Clause]) -> None:
    for c in clauses:
        for ln in c.lines:
            if ln.table is not None and ln.table not in c.tables:
                c.tables.append(ln.table)
                doc.tables[ln.table].clause = c.id
    # A ruled table whose lines were not placed (drawn text outside any line) still needs
    # an owner: the clause that was open on its page, above it.
    for k, t in enumerate(doc.tables):
        if t.clause is None:
            owner = clauses[0]
            for c in clauses:
                if c.lines and (c.lines[0].page, c.lines[0].top) <= (t.page, t.bbox[1]):
                    owner = c
            owner.tables.append(k)
            t.clause = owner.id


_EN_DEF = re.compile(r"^[“\"']?(?P<term>[A-Z][\w\s\-/’']{1,60}?)[”\"']?\s*(?:\([^)]*\)\s*)?"
                     r"(?:means|shall mean|refers to|is defined as|has the meaning)\b[\s:,]*(?P<def>.*)$")
_EN_DEF_COLON = re.compile(r"^[“\"](?P<term>[A-Z][\w\s\-/]{1,60}?)[”\"]\s*[:：]\s*(?P<def>.+)$")
_ZH_DEF = re.compile(r"^[“\"「]?(?P<term>[\u4e00-\u9fffA-Za-z0-9]{2,20})[”\"」]?\s*(?:[:：]\s*(?:是指|指)?|，?是指|，?指)\s*(?P<def>.+)$")


def _glossary(clauses: list[Clause]) -> list[Definition]:
    out: list[Definition] = []
    for c in clauses:
        current: Definition | None = None
        parts: list[str] = []
        for ln in c.lines:
            text = _strip_number(ln.norm)
            m = _EN_DEF.match(text) or _EN_DEF_COLON.match(text) or _ZH_DEF.match(text)
            if m and (m.group("def") or "").strip() or (m and _EN_DEF.match(text)):
                if current is not None:
                    current.text = join_lines(parts)
                    out.append(current)
                current = Definition(term=m.group("term").strip(), text="", page=ln.page, clause=c.id)
                parts = [text]
            elif current is not None:
                parts.append(text)
        if current is not None:
            current.text = join_lines(parts)
            out.append(current)
    return out


def _strip_number(text: str) -> str:
    for _style, pattern in _PATTERNS:
        m = pattern.match(text)
        if m:
            return text[m.end():].strip()
    return text
