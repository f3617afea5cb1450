"""The text units extractors read: sentences of clause prose and rows of tables, each with
its page, clause, heading path and matched cues."""

from __future__ import annotations

import re

from dataclasses import dataclass, field

from slacheck.clauses import Document
from slacheck.clauses.model import join_lines

from .model import Evidence
from .nlp import Cue, Tagger
from .quantities import percents


@dataclass
class Unit:
    text: str
    norm: str
    page: int
    clause: str | None
    headings: str
    cues: list[Cue] = field(default_factory=list)
    table: int | None = None
    row: int | None = None
    cells: list[str] | None = None
    header: list[str] | None = None
    heading_cues: set[str] = field(default_factory=set)
    caption: str | None = None  # a table row's table caption ("表1 同城冗余标准存储")

    def has(self, label: str) -> bool:
        return any(c.label == label for c in self.cues)

    def spans(self, label: str) -> list[Cue]:
        return [c for c in self.cues if c.label == label]

    def labels(self, prefix: str = "") -> set[str]:
        return {c.label for c in self.cues if c.label.startswith(prefix)}

    def evidence(self, pattern: str) -> Evidence:
        return Evidence(page=self.page, clause=self.clause, text=self.text, pattern=pattern)

    def negated(self, cue: Cue, window: int = 30) -> bool:
        """A negation word shortly before ``cue`` in the same clause of the sentence."""
        for n in self.spans("negation"):
            if n.end <= cue.start and cue.start - n.end <= window:
                between = self.norm[n.end:cue.start]
                if not any(p in between for p in (",", ";", "，", "；", "but", "但")):
                    return True
        return False


def build_units(doc: Document, tagger: Tagger) -> list[Unit]:
    by_id = {c.id: c for c in doc.clauses}
    heading_cache: dict[str, tuple[str, set[str]]] = {}

    def headings(cid: str) -> tuple[str, set[str]]:
        if cid not in heading_cache:
            parts, node = [], by_id.get(cid)
            while node is not None and node.id != "0":
                if node.heading:
                    parts.append(node.heading)
                node = by_id.get(node.parent) if node.parent else None
            text = " / ".join(reversed(parts))
            heading_cache[cid] = (text, {c.label for c in tagger.cues(text)} if text else set())
        return heading_cache[cid]

    units: list[Unit] = []
    for clause in doc.clauses:
        head, head_cues = headings(clause.id)
        run: list = []
        for ln in clause.lines + [None]:
            if ln is not None and ln.table is None:
                run.append(ln)
                continue
            if run:
                units.extend(_sentences(run, clause.id, head, head_cues, tagger))
                run = []
        for k in clause.tables:
            rows = _rows(doc, k, clause.id, head, head_cues, tagger)
            example = _introduced_as_example(clause.lines, k, tagger)
            caption = _caption(clause.lines, k, tagger)
            for row in rows:
                row.caption = caption
                if example:
                    row.cues.append(Cue("example", 0, 0))
            units.extend(rows)
    return units


_CAPTION = re.compile(r"^\s*(?:表|Table)\s*[\dA-Z]+(?:\.\d+)?\s*[.:：–—-]?\s*(.{2,40}?)\s*$", re.I)


_GENERIC_CAPTION = re.compile(r"(?:的)?(?:赔偿|补偿|减免|赔付|扣减)(?:标准|比例|方案|规则|金额|档位)(?:表)?|服务可用性承诺(?:一览)?表?|"
                              r"(?:service\s+)?credits?(?:\s+schedule)?|credit table|schedule", re.I)


def _caption(lines, k: int, tagger: Tagger) -> str | None:
    """ "表1 同城冗余标准存储" / "Table 2: Premium tier" just above a table: what it is for; so
    is a short line naming something, no figure and no SLA term in it ("Zeltwerk Drive")."""
    first = next((i for i, ln in enumerate(lines) if ln.table == k), None)
    if not first or lines[first - 1].table is not None:
        return None
    above = lines[first - 1].norm.strip()
    m = _CAPTION.match(above)
    if m:
        # "表2 赔偿标准（适用于表1中…的各行）": the table's kind, not what it is for
        name = _GENERIC_CAPTION.sub("", re.sub(r"[（(](?:适用|注|见|仅|applies|see|note)[^）)]*[）)]", "", m.group(1), flags=re.I)).strip(" ：:-–—")
        return name if len(name) >= 2 else None
    if (2 <= len(above) <= 40 and not re.search(r"\d", above) and not above.endswith(_SENTENCE_END + (",", "，"))
            and (first < 2 or lines[first - 2].table is not None or lines[first - 2].norm.rstrip().endswith(_SENTENCE_END))
            and not tagger.cues(above)):
        return above
    return None


def _introduced_as_example(lines, k: int, tagger: Tagger) -> bool:
    """A table right after "The following illustrations ... are examples only" (its second
    half on the next page too) is a worked example, not the credit schedule."""
    first = next((i for i, ln in enumerate(lines) if ln.table == k), None)
    if first is None:
        return False
    i = first - 1
    while i >= 0 and lines[i].table is not None:
        i -= 1
    before: list[str] = []
    while i >= 0 and lines[i].table is None and len(before) < 3:
        before.insert(0, lines[i].norm)
        if i > 0 and lines[i - 1].norm.rstrip().endswith(_SENTENCE_END):
            break
        i -= 1
    return bool(before) and any(c.label == "example" for c in tagger.cues(" ".join(before)))


_SENTENCE_END = (".", "。", ":", "：", ";", "；")


# a worked example goes on while it speaks hypothetically or in amounts of money
_HYPOTHETICAL = re.compile(r"\bwould\b|\bhad been\b|\bwere\b|假如|假设|则该|那么|"
                           r"(?:USD|EUR|GBP|CHF|RMB|CNY|US\$|\$|€|£)\s?\d|\d[\d,.]*\s?(?:元|美元|USD|EUR|GBP)|"
                           r"同月|同一(?:个)?月|某(?:用户|客户|实例|存储桶|链路|账号|集群)", re.I)
# ... and while it computes, or carries on from the sentence before ("That is in the
# 99.00% – < 99.90% band, so the credit is 20%.")
_WORKS_ON = re.compile(r"[=≈×÷]|^\s*(?:that|this|so|then|therefore|hence|which|thus)\b|^\s*(?:因此|则|即|所以|那么|故)",
                       re.I)
_RULE_CUES = {"cap", "claim", "sole_remedy", "exclusion_context"}


def _sentences(lines, clause_id, head, head_cues, tagger: Tagger) -> list[Unit]:
    norm, orig, starts = "", "", []
    for ln in lines:
        before = len(norm)
        norm = join_lines([norm, ln.norm]) if norm else ln.norm
        orig = join_lines([orig, ln.text]) if orig else ln.text
        starts.append((max(before, len(norm) - len(ln.norm)), ln.page))
    same_length = len(orig) == len(norm)
    # a bulleted line starts a unit of its own ("• below 99.0% but no lower than 97.5%: 10%")
    # and ends where a line back at the bullet's own margin starts ("For example, ...")
    bullets, margin = [], None
    for (off, _), ln in zip(starts, lines):
        if _BULLET.match(ln.norm):
            bullets.append(off)
            margin = ln.x0
        elif margin is not None and ln.x0 <= margin + 1.5:
            bullets.append(off)
            margin = None
    bullets = [off for off in bullets if off]
    out = []
    in_example = False
    opens_example = None  # "5.4 Illustration. A Class B Site ...": the whole clause works an example
    for s, e in _split_at(_shift_brackets(norm, tagger.sentences(norm)), bullets):
        text = norm[s:e].strip()
        if not text:
            continue
        page = next((p for off, p in reversed(starts) if off <= s), lines[0].page)
        quote = orig[s:e].strip() if same_length else text
        cues = tagger.cues(text)
        own_example = any(c.label == "example" for c in cues)
        if opens_example is None:
            opens_example = any(c.label == "example" and c.start < 25 for c in cues)
        elif own_example:
            rest = bare(text)
            # "Illustration." / "举例：" on its own: what follows works it
            opens_example = opens_example or (len(rest) <= 20 and len(rest.split()) <= 3)
        # ... unless it states a rule of its own ("Credits in any month shall not exceed 50%")
        rule = any(c.label in _RULE_CUES for c in cues) and not _HYPOTHETICAL.search(text)
        # (and the one right after it only while it still computes or supposes: "赔偿金额将在
        # 核实后…用于抵扣…" after a worked example is the rule again)
        follows = (in_example or opens_example) and bool(re.search(r"\d", text) or _HYPOTHETICAL.search(text)
                                                         or _WORKS_ON.search(text))
        if follows and not own_example and not rule:
            cues.append(Cue("example", 0, 0))
        # the sentence right after an example still works it through, and so does any
        # hypothetical one after that ("the table would give 100%, but ...")
        in_example = own_example or (in_example and bool(_HYPOTHETICAL.search(text) or _WORKS_ON.search(text)))
        if "example" in head_cues and not own_example:
            cues.append(Cue("example", 0, 0))  # a clause headed "Worked example" is one
        out.append(Unit(text=quote, norm=text, page=page, clause=clause_id, headings=head,
                        cues=cues, heading_cues=head_cues))
    return out


_CLAUSE_NUMBER = re.compile(r"^\s*(?:\d+(?:\.\d+)*\.?|[(（][a-z0-9一二三四五六七八九十]+[)）])\s*", re.I)


def bare(text: str) -> str:
    """A sentence without the clause number or list marker it opens with."""
    return _CLAUSE_NUMBER.sub("", text)


_BULLET = re.compile(r"^\s*(?:[•●▪◦‣∙]|[-–*](?=\s))")


def _split_at(spans: list[tuple[int, int]], offsets: list[int]) -> list[tuple[int, int]]:
    out = []
    for s, e in spans:
        for off in offsets:
            if s < off < e:
                out.append((s, off))
                s = off
        out.append((s, e))
    return out


def _shift_brackets(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A list item's opening bracket ("; (b) ...") belongs to the next sentence, and a
    sentence does not end inside brackets ("次月5日前（含当日；当日为节假日的，顺延）提出")."""
    spans = _join_open_brackets(text, spans)
    out = []
    carry = None
    for s, e in spans:
        if carry is not None:
            s = carry
        carry = None
        end = e
        while e > s and text[e - 1] in " (（":
            e -= 1
        bracket = max(text.rfind("(", e, end), text.rfind("（", e, end))
        if bracket >= 0:
            carry = bracket
        out.append((s, e))
    return out


_MARKER_ONLY = re.compile(r"^\s*(?:\d{1,3}(?:\.\d+)*\.?|[(（]?[a-z0-9一二三四五六七八九十]{1,3}[)）.、．])\s*$", re.I)


def _join_open_brackets(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if out:
            ps, pe = out[-1]
            chunk = text[ps:pe]
            if _MARKER_ONLY.match(chunk):
                out[-1] = (ps, e)  # "1." split off by its full stop: the item starts there
                continue
            if chunk.endswith(".") and re.match(r"[A-Za-z0-9]", text[s:s + 1]) and pe == s \
                    and re.search(r"[@/][\w.-]*\.$|www\.[\w.-]*$|\b\w+\.\w+\.$", chunk):
                out[-1] = (ps, e)  # "sla@queyue-rtc.example": a dot inside an address ends nothing
                continue
            depth = chunk.count("（") + chunk.count("(") - chunk.count("）") - chunk.count(")")
            if depth > 0 and e - ps < 400:
                out[-1] = (ps, e)
                continue
        out.append((s, e))
    return out


def _rows(doc: Document, k: int, clause_id, head, head_cues, tagger: Tagger) -> list[Unit]:
    from slacheck.clauses.normalize import normalize

    table = doc.tables[k]
    rows = [[normalize(c) for c in row] for row in table.rows]
    header = rows[0] if rows and not any(percents(c) for c in rows[0]) else None
    out = []
    for r, (cells, orig) in enumerate(zip(rows, table.rows)):
        if header is not None and r == 0:
            continue
        text = " | ".join(c for c in cells if c)
        out.append(Unit(text=" | ".join(c for c in orig if c), norm=text, page=table.page,
                        clause=clause_id, headings=head, cues=tagger.cues(text), table=k, row=r,
                        cells=cells, header=header, heading_cues=head_cues))
    return out
