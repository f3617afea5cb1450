"""Characters -> lines, running headers and footers, tables without ruling lines.

Tolerances are named here, in units of the line's font size where that makes sense, so
they hold across producers and page sizes.
"""

from __future__ import annotations

import re
from collections import defaultdict

from .model import Line, Table
from .normalize import normalize

LINE_TOLERANCE = 0.45  # chars whose tops differ by less than this x size share a line
WORD_GAP = 0.18  # a gap wider than this x size is a space
CELL_GAP = 1.6  # a gap wider than this x size separates cells of an unruled table
CJK_CELL_GAP = 0.9  # the same beside CJK text, which has no spaces between words
MARGIN_BAND = 0.09  # share of page height at top and bottom where running lines live
COLUMN_SLACK = 6.0  # points a cell start may drift and still belong to a column

_MIN_CELL_GAP = min(CELL_GAP, CJK_CELL_GAP)
_BOLD = re.compile(r"bold|black|heavy|semibold|demi", re.I)


def _cjk(ch: str) -> bool:
    return bool(ch) and ("\u2e80" <= ch[0] <= "\u9fff" or "\uff00" <= ch[0] <= "\uffef")


def chars_to_lines(chars: list[dict], page_no: int, numbers: dict | None = None) -> list[Line]:
    """The page's lines. ``numbers``, one dict for the whole document, lets lines share
    equal coordinates (lines of a long document sit at the same few offsets and sizes)."""
    chars = [c for c in chars if c.get("upright", True)]
    chars.sort(key=lambda c: (round(c["top"], 1), c["x0"]))
    groups: list[list[dict]] = []
    for ch in chars:
        size = ch.get("size") or 10.0
        if groups and abs(ch["top"] - groups[-1][0]["top"]) <= LINE_TOLERANCE * size:
            groups[-1].append(ch)
        else:
            groups.append([ch])
    lines = [_make_line(sorted(g, key=lambda c: c["x0"]), page_no, numbers) for g in groups]
    return [ln for ln in lines if ln.text.strip()]


def _shared(value, numbers: dict | None):
    # the same float object for equal values; zeros (0.0 == -0.0) and non-floats as they are
    if numbers is None or type(value) is not float or not value:
        return value
    return numbers.setdefault(value, value)


def _make_line(chars: list[dict], page_no: int, numbers: dict | None = None) -> Line:
    segments: list[tuple[float, list[str]]] = []
    prev = None
    sizes = sorted(c.get("size") or 10.0 for c in chars)
    size = sizes[len(sizes) // 2]
    for ch in chars:
        text = ch["text"]
        if prev is None:
            segments.append((ch["x0"], []))
        else:
            gap = ch["x0"] - prev["x1"]
            # Chinese text has no spaces between words, so a gap of most of an em beside
            # a CJK character already separates the cells of an unruled table. (Most gaps
            # are narrower than either threshold; the script test runs only when needed.)
            if gap > _MIN_CELL_GAP * size and \
                    gap > (CJK_CELL_GAP if _cjk(text) or _cjk(prev["text"]) else CELL_GAP) * size:
                segments.append((ch["x0"], []))
            elif text != " " and gap > WORD_GAP * size and segments[-1][1] and segments[-1][1][-1] != " ":
                segments[-1][1].append(" ")
        if text == " " and (not segments[-1][1] or segments[-1][1][-1] == " "):
            prev = ch
            continue
        segments[-1][1].append(text)
        prev = ch
    segs = [(x, "".join(parts).strip()) for x, parts in segments]
    segs = [(x, t) for x, t in segs if t]
    text = "   ".join(t for _, t in segs)
    visible = [c for c in chars if c["text"].strip()]
    bold = bool(visible) and sum(1 for c in visible if _BOLD.search(c.get("fontname", ""))) >= 0.8 * len(visible)
    x0 = min(c["x0"] for c in chars)
    return Line(
        page=page_no,
        text=text,
        norm=_same_if_equal(normalize(text), text),
        x0=_shared(x0, numbers),
        top=_shared(min(c["top"] for c in chars), numbers),
        x1=_shared(max(c["x1"] for c in chars), numbers),
        bottom=_shared(max(c["bottom"] for c in chars), numbers),
        size=_shared(size, numbers),
        bold=bold,
        segments=None if len(segs) == 1 and segs[0][0] == x0 else segs,  # one piece: see Line.cells
    )


def _same_if_equal(norm: str, text: str) -> str:
    # Most lines normalise to themselves: keep one string, not two (memory on long PDFs).
    return text if norm == text else norm


# -- running headers and footers ------------------------------------------------------

_PAGE_NUMBER = re.compile(
    r"^\s*(?:page\s*)?[-–—]?\s*\d+\s*(?:(?:/|of|de)\s*\d+)?\s*[-–—]?\s*$"
    r"|^\s*第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?\s*$"
    r"|^\s*共\s*\d+\s*页\s*第\s*\d+\s*页\s*$",
    re.I,
)
_BROWSER_STAMP = re.compile(
    r"^(?:file|https?)://\S+"  # the URL a browser prints
    r"|^\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4},?\s+\d{1,2}:\d{2}(?:\s*[AP]M)?",  # its print date
    re.I,
)


def _signature(line: Line) -> str:
    return re.sub(r"\d+", "#", line.norm.lower())


def remove_running_lines(pages: list[list[Line]], heights: list[float]) -> list[Line]:
    """Drop lines in the top or bottom band that repeat across pages (digits ignored),
    page numbers, and a browser's URL and print date. Returns what was removed."""
    n = len(pages)
    seen: dict[str, set[int]] = defaultdict(set)
    for idx, (lines, h) in enumerate(zip(pages, heights)):
        for ln in lines:
            if _in_band(ln, h):
                seen[_signature(ln)].add(idx)
    threshold = max(2, (n + 1) // 2)
    removed: list[Line] = []
    for idx, (lines, h) in enumerate(zip(pages, heights)):
        keep = []
        for ln in lines:
            if _in_band(ln, h) and (
                (n >= 2 and len(seen[_signature(ln)]) >= threshold)
                or _PAGE_NUMBER.match(ln.norm)
                or all(_BROWSER_STAMP.match(t) or _PAGE_NUMBER.match(t) for _, t in ln.cells)
                or _BROWSER_STAMP.match(ln.norm)
            ):
                removed.append(ln)
            else:
                keep.append(ln)
        pages[idx] = keep
    return removed


def _in_band(line: Line, height: float) -> bool:
    return line.top < MARGIN_BAND * height or line.bottom > (1 - MARGIN_BAND) * height


# -- tables printed without ruling lines ------------------------------------------------


def find_unruled_tables(lines: list[Line], first_index: int) -> list[Table]:
    """Runs of lines whose cells line up in two or more columns become tables.

    A line that is a single cell aligned under a column of the run, close below it, is a
    wrapped cell and joins the row above. Sets ``Line.table`` on the lines it takes.
    """
    tables: list[Table] = []
    i = 0
    while i < len(lines):
        if not _is_row(lines[i]):
            i += 1
            continue
        run = [lines[i]]
        columns = [x for x, _ in lines[i].cells]
        j = i + 1
        while j < len(lines):
            ln, prev = lines[j], run[-1]
            if ln.page != prev.page:
                # a table that runs on at the top of the next page (the running header and
                # footer are gone by now), rows in the same columns
                if not (ln.page == prev.page + 1 and _is_row(ln) and _fits(ln, columns)):
                    break
            elif ln.top - prev.bottom > 1.6 * max(ln.size, prev.size):
                break
            if _is_row(ln) and _fits(ln, columns):
                columns = _merge_columns(columns, [x for x, _ in ln.cells])
                run.append(ln)
            elif len(ln.cells) == 1 and _aligned(ln.cells[0][0], columns) is not None and not (
                _NUMBERED_HEADING.match(ln.norm) or (ln.bold and not any(r.bold for r in run))
            ) and (
                _aligned(ln.cells[0][0], columns) > 0
                or (j + 1 < len(lines) and _is_row(lines[j + 1]) and (
                    lines[j + 1].page == ln.page
                    or (lines[j + 1].page == ln.page + 1 and _fits(lines[j + 1], columns))))
            ):
                run.append(ln)
            else:
                break
            j += 1
        rows_lines = [ln for ln in run if _is_row(ln)]
        if len(rows_lines) >= 2 and len(columns) >= 2:
            # one table per page (a box on each page); a part that runs on to the next
            # page gets the header row of the first part unless it repeats it
            header = None
            for page in sorted({ln.page for ln in run}):
                part = [ln for ln in run if ln.page == page]
                rows = _rows(part, columns)
                if header is None:
                    header = rows[0] if rows and not any(ch.isdigit() for cell in rows[0] for ch in cell) else []
                elif header and rows and rows[0] != header:
                    rows = [list(header)] + rows
                index = first_index + len(tables)
                for ln in part:
                    ln.table = index
                tables.append(
                    Table(
                        page=page,
                        rows=rows,
                        bbox=(min(l.x0 for l in part), part[0].top, max(l.x1 for l in part), part[-1].bottom),
                        ruled=False,
                    )
                )
            i = j
        else:
            i += 1
    return tables


# "3.2 Standard Edition" between two tables is the next clause's heading, not a wrapped cell
_NUMBERED_HEADING = re.compile(r"^(?:\d+(?:\.\d+)+\.?|\d+\.|[(（]?[一二三四五六七八九十]+[)）、]|第[一二三四五六七八九十百零\d]+[条章节]|"
                               r"(?:表|图|Table|Figure)\s*[\dA-Z]+[.:：]?)\s*[A-Za-z\u4e00-\u9fff]")


def _is_row(line: Line) -> bool:
    return line.table is None and line.segments is not None and len(line.segments) >= 2


def _aligned(x: float, columns: list[float]) -> int | None:
    for k, col in enumerate(columns):
        if abs(x - col) <= COLUMN_SLACK:
            return k
    return None


def _fits(line: Line, columns: list[float]) -> bool:
    cells = line.cells
    hits = sum(1 for x, _ in cells if _aligned(x, columns) is not None)
    # (a row whose first cell is empty - the group's name stands in its first row only -
    # still has all its cells under columns of the table)
    return hits >= min(2, len(cells)) and (cells[0][0] <= columns[0] + COLUMN_SLACK
                                           or hits == len(cells) and len(columns) >= 3)


def _merge_columns(columns: list[float], xs: list[float]) -> list[float]:
    merged = list(columns)
    for x in xs:
        if _aligned(x, merged) is None:
            merged.append(x)
    return sorted(merged)


def _rows(run: list[Line], columns: list[float]) -> list[list[str]]:
    from .model import join_lines

    rows: list[list[list[str]]] = []
    for ln in run:
        cells: list[list[str]] = [[] for _ in columns]
        for x, text in ln.cells:
            k = _aligned(x, columns)
            if k is None:
                k = max((n for n, col in enumerate(columns) if col <= x), default=0)
            cells[k].append(text)
        if _is_row(ln) or not rows:
            rows.append(cells)
        else:
            for k, part in enumerate(cells):
                rows[-1][k].extend(part)
    return [[join_lines(parts) for parts in row] for row in rows]
