"""Numbers in contract text: percentages (digits, spelled out, 百分之…), durations, and the
grammar of bounds that turns "at least 99% and below 99.95%" into [99, 99.95).

Works on normalised text (NFKC has already made fullwidth digits and ％ ASCII). The
comparison words and units come from knowledge/lexicons.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from slacheck.knowledge import lexicon

_DIGIT_PERCENT = re.compile(r"(?<![\d.])(\d{1,3}(?:\.\d+)?)\s*(?:%|percent\b|per cent\b|pct\b)", re.I)
_ZH_PERCENT = re.compile(r"百分之([零〇一二两三四五六七八九十百]+(?:点[零〇一二三四五六七八九]+)?|\d+(?:\.\d+)?)")


@dataclass(frozen=True)
class Percent:
    value: float
    start: int
    end: int


@dataclass(frozen=True)
class Bound:
    kind: str  # ge, gt, le, lt, or "" for a bare number
    value: float
    start: int
    end: int


def zh_number(text: str) -> float | None:
    """九十九点九五 -> 99.95; 百 -> 100; 十 -> 10."""
    nums = lexicon.load("zh").numbers
    whole, _, frac = text.partition("点")
    total, current = 0, 0
    if not whole:
        return None
    for ch in whole:
        if ch not in nums:
            return None
        v = nums[ch]
        if v in (10, 100):
            total += (current or 1) * v
            current = 0
        else:
            current = current * 10 + v if current and whole.find("十") == -1 and whole.find("百") == -1 else v
    total += current
    if frac:
        digits = "".join(str(nums[ch]) for ch in frac if ch in nums)
        return float(f"{total}.{digits}")
    return float(total)


@lru_cache(maxsize=1)
def _en_spelled() -> re.Pattern:
    words = sorted(lexicon.load("en").numbers, key=len, reverse=True)
    w = "|".join(re.escape(x) for x in words)
    return re.compile(
        rf"\b(?P<int>(?:{w})(?:[\s-](?:{w}))?)(?:\s+point(?P<frac>(?:\s+(?:{w}))+))?\s+(?:percent|per cent)\b",
        re.I,
    )


def _en_value(words: str) -> int | None:
    nums = lexicon.load("en").numbers
    total = 0
    for part in re.split(r"[\s-]+", words.lower()):
        if part not in nums:
            return None
        total += nums[part]
    return total


def percents(text: str) -> list[Percent]:
    """Every percentage in ``text``; a spelled-out one followed by its figure in
    parentheses ("ninety-nine point nine percent (99.9%)") counts once."""
    found: list[Percent] = []
    for m in _DIGIT_PERCENT.finditer(text):
        found.append(Percent(float(m.group(1)), m.start(), m.end()))
    for m in _ZH_PERCENT.finditer(text):
        raw = m.group(1)
        value = float(raw) if raw[0].isdigit() else zh_number(raw)
        if value is not None:
            found.append(Percent(value, m.start(), m.end()))
    for m in _en_spelled().finditer(text):
        value = _en_value(m.group("int"))
        if value is None:
            continue
        if m.group("frac"):
            digits = "".join(str(_en_value(w)) for w in m.group("frac").split())
            value = float(f"{value}.{digits}")
        found.append(Percent(float(value), m.start(), m.end()))
    found.sort(key=lambda p: p.start)
    out: list[Percent] = []
    for p in found:
        if out and p.value == out[-1].value and p.start - out[-1].end <= 4:
            continue  # the figure in brackets after the words
        if out and p.start < out[-1].end:
            continue
        out.append(p)
    return [p for p in out if 0 <= p.value <= 100]


@lru_cache(maxsize=2)
def _comparison_pattern(language: str) -> re.Pattern:
    phrases = lexicon.load(language).comparisons
    alts = "|".join(re.escape(p) if not p.isalpha() or language == "zh" else rf"\b{re.escape(p)}\b"
                    for p, _ in phrases)
    return re.compile(alts, re.I)


@lru_cache(maxsize=2)
def _comparison_kinds(language: str) -> dict[str, str]:
    return {p.lower(): k for p, k in lexicon.load(language).comparisons}


_SYMBOLS = {"<", "<=", "≤", ">", ">=", "≥", "＜", "＞", "≦", "≧"}
_GAP_BEFORE = re.compile(r"^[\s:：,，(（]*(?:the\s+)?(?:monthly\s+|annual\s+)?(?:uptime\s+percentage\s+|availability\s+|可用性\s*)?(?:is\s+|of\s+|为\s*|是\s*)?$", re.I)
_GAP_AFTER = re.compile(r"^[\s)）]*$")
_INTERVAL = re.compile(r"[\[［(（]\s*(\d{1,3}(?:\.\d+)?)\s*%?\s*[,，]\s*(\d{1,3}(?:\.\d+)?)\s*%?\s*([\])）］])")


def bounds(text: str, language: str) -> list[Bound]:
    """The bounds stated for each percentage in ``text``, in order."""
    kinds = _comparison_kinds(language)
    cmp_matches = [(m.start(), m.end(), kinds[m.group(0).lower()])
                   for m in _comparison_pattern(language).finditer(text)]
    out: list[Bound] = []
    fixed: dict[int, str] = {}
    for m in _INTERVAL.finditer(text):
        # "[99%, 99.95%)": the brackets say which ends are included
        fixed[m.start(1)] = "ge" if text[m.start()] in "[［" else "gt"
        fixed[m.start(2)] = "le" if m.group(3) in "]］" else "lt"
    pcts = percents(text)
    for m in _INTERVAL.finditer(text):
        for g in (1, 2):
            if not any(p.start == m.start(g) for p in pcts):
                pcts.append(Percent(float(m.group(g)), m.start(g), m.end(g)))
    pcts.sort(key=lambda p: p.start)
    for k, p in enumerate(pcts):
        if p.start in fixed:
            out.append(Bound(fixed[p.start], p.value, p.start, p.end))
            continue
        kind = ""
        before = [c for c in cmp_matches if c[1] <= p.start and c[2] not in ("post_ge", "post_le", "post_lt")]
        prev_end = pcts[k - 1].end if k else 0
        before = [c for c in before if c[0] >= prev_end]
        if before:
            c = before[-1]
            gap = text[c[1]:p.start]
            if _GAP_BEFORE.match(gap) or len(gap) <= 3:
                kind = c[2] if c[2] != "sep" else ""
        after = [c for c in cmp_matches if c[0] >= p.end]
        if not kind and after:
            c = after[0]
            gap = text[p.end:c[0]]
            next_start = pcts[k + 1].start if k + 1 < len(pcts) else len(text)
            if _GAP_AFTER.match(gap) and c[1] <= next_start:
                if c[2].startswith("post_"):
                    kind = c[2][5:]
                elif c[2] in ("le", "lt", "ge", "gt") and text[c[0]:c[1]] in _SYMBOLS \
                        and not _percent_follows(text, c[1], pcts):
                    # "99% ≤ availability < 99.95%", "99.95% > A ≥ 99.9%": the number stands
                    # before its variable, so the sign reads the other way round
                    kind = {"le": "ge", "lt": "gt", "ge": "le", "gt": "lt"}[c[2]]
        out.append(Bound(kind, p.value, p.start, p.end))
    return out


def _percent_follows(text: str, pos: int, pcts: list[Percent]) -> bool:
    nxt = [p for p in pcts if p.start >= pos]
    between = text[pos:nxt[0].start] if nxt else ""
    return bool(nxt) and len(between.strip()) <= 2 and not re.search(r"[A-Za-z\u4e00-\u9fff]", between)


def interval(bs: list[Bound]) -> tuple[float | None, float | None]:
    """Collapse bounds into (lower inclusive, upper exclusive); None where unstated.

    Two bare numbers ("99.0% – 99.95%", "99.0% to < 99.95%") make a range, either order."""
    lower = [b.value for b in bs if b.kind in ("ge", "gt")]
    upper = [b.value for b in bs if b.kind in ("lt", "le")]
    bare = [b.value for b in bs if b.kind == ""]
    if not lower and not upper and len(bare) >= 2:
        return min(bare[:2]), max(bare[:2])
    if bare and upper and not lower:
        lo = min(bare)
        if lo < min(upper):
            lower = [lo]
    if bare and lower and not upper:
        hi = max(bare)
        if hi > max(lower):
            upper = [hi]
    return (max(lower) if lower else None, min(upper) if upper else None)


_NUM = r"(\d+(?:\.\d+)?|[零〇一二两三四五六七八九十]+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|forty-five|sixty|ninety)"


@dataclass(frozen=True)
class Duration:
    minutes: float
    count: float
    unit: str
    business: bool
    start: int
    end: int


@lru_cache(maxsize=2)
def _duration_pattern(language: str) -> re.Pattern:
    units = sorted(lexicon.load(language).units, key=len, reverse=True)
    alts = "|".join(re.escape(u) for u in units)
    if language == "zh":
        return re.compile(rf"{_NUM}\s*(?:\((\d+)\)\s*)?({alts})")
    # "seventy-two (72) hours": the figure in brackets decides
    return re.compile(rf"\b{_NUM}(?:\s*\((\d+)\))?[\s-]*(?:(?:extra|additional|more|full|consecutive|free)\s+)?({alts})\b",
                      re.I)


_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
          "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
          "thirty": 30, "forty": 40, "forty-five": 45, "sixty": 60, "ninety": 90}


def count_of(raw: str) -> float | None:
    """"30", "thirty", "三十" -> 30.0; None when it is no number."""
    if raw[:1].isdigit():
        return float(raw)
    if raw.lower() in _WORDS:
        return float(_WORDS[raw.lower()])
    return zh_number(raw)


def durations(text: str, language: str) -> list[Duration]:
    units = lexicon.load(language).units
    out = []
    for m in _duration_pattern(language).finditer(text):
        raw, unit = m.group(2) or m.group(1), m.group(3)
        count = count_of(raw)
        if count is None:
            continue
        key = unit if unit in units else unit.lower()
        minutes = units.get(key)
        if minutes is None:
            continue
        business = bool(re.search(r"business|working|工作日", unit, re.I))
        out.append(Duration(count * minutes, count, unit, business, m.start(), m.end()))
    return out
