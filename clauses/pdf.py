"""PDF -> lines and tables, through pdfplumber, one page at a time.

Each page's characters are read once and reused for lines, running lines and tables;
ruled tables are looked for only on pages that carry ruling lines; pages are closed as
we go so memory stays flat as documents grow.
"""

from __future__ import annotations

import gc
import logging
from contextlib import contextmanager
from dataclasses import dataclass, field

from slacheck.errors import CorruptPdf, EncryptedPdf, SlacheckError, TimeBudgetExceeded, TooLarge, TooManyPages

from .guard import BudgetAlarm, Deadline, StreamTooLarge, alarm, install_stream_limit
from .layout import chars_to_lines, find_unruled_tables, remove_running_lines
from .model import Line, Table, join_lines
from .normalize import normalize

DUPLICATE_CHARS = 8  # pages with at least this many characters drawn twice get de-duplicated
MIN_RULES_FOR_TABLE = 4  # edges a page needs before we ask pdfplumber for ruled tables


@dataclass
class PdfContent:
    pages: list[list[Line]]
    tables: list[Table]
    page_count: int
    empty_pages: list[int] = field(default_factory=list)
    garbled_pages: list[int] = field(default_factory=list)
    producer: str | None = None


def _quiet_pdfminer() -> None:
    # Browser-printed PDFs make pdfminer log a warning per glyph; none may reach a user.
    for name in ("pdfminer", "pdfplumber"):
        logging.getLogger(name).setLevel(logging.ERROR)


def read_pdf(path: str, *, max_pages: int, deadline: Deadline) -> PdfContent:
    import pdfplumber
    from pdfplumber.utils.exceptions import PdfminerException

    _quiet_pdfminer()
    install_stream_limit()
    try:
        with alarm(deadline), _collector_skips_older_objects():
            try:
                pdf = pdfplumber.open(path)
            except PdfminerException as exc:
                raise _classify(path, exc.args[0] if exc.args else exc, deadline) from None
            if not _one_page_at_a_time(pdf):
                with pdf:
                    return _read_pages(path, pdf, _kept_pages(pdf), max_pages, deadline)
            try:
                return _read_pages(path, pdf, _pages_one_at_a_time(pdf), max_pages, deadline)
            finally:
                pdf.flush_cache()
                pdf.stream.close()
                # pdfplumber's and pdfminer's objects point at each other (page <-> pdf,
                # parser <-> document): only the collector frees them, and its full pass
                # may not come before the extractors have grown their working set on top.
                # Freed now (a pass over this read's objects only: older ones are frozen).
                del pdf
                if gc.isenabled():
                    gc.collect()
    except BudgetAlarm:
        raise TimeBudgetExceeded(path, f"reading took longer than {deadline.seconds:g} s",
                                 "raise it with --timeout") from None
    except StreamTooLarge as exc:
        raise TooLarge(path, str(exc), "the PDF is built to exhaust memory; it was not followed") from None
    except SlacheckError:
        raise
    except RecursionError:
        raise CorruptPdf(path, "the PDF's object structure is nested without end",
                         "re-export it from the original document") from None
    except Exception as exc:  # pdfminer raises many unrelated types on broken files
        inner = exc.args[0] if isinstance(exc, PdfminerException) and exc.args else exc
        raise _classify(path, inner, deadline) from None


@contextmanager
def _collector_skips_older_objects():
    """pdfplumber allocates a dict per glyph, so the cyclic garbage collector runs often
    while a PDF is read, and each full pass walks every object the process already holds
    (spaCy's and jieba's tables included): about a third of the reading time of a long
    document. Objects older than this read are frozen out of those passes meanwhile (new
    garbage is still collected). A process that freezes objects itself is left alone."""
    if gc.get_freeze_count() or not gc.isenabled():
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _classify(path: str, exc: object, deadline: Deadline | None = None) -> Exception:
    if isinstance(exc, BudgetAlarm) or (deadline is not None and deadline.expired()):
        # pdfplumber wraps whatever pdfminer raised, our timer's alarm included
        return TimeBudgetExceeded(path, f"reading took longer than {deadline.seconds:g} s" if deadline else
                                  "reading took too long", "raise it with --timeout")
    if isinstance(exc, StreamTooLarge):
        return TooLarge(path, str(exc), "the PDF is built to exhaust memory; it was not followed")
    name = type(exc).__name__
    if name in ("PDFPasswordIncorrect", "PDFEncryptionError", "PDFEncryptionWarning"):
        return EncryptedPdf(path, "the PDF is encrypted with a password",
                            "save an unprotected copy and review that")
    return CorruptPdf(path, f"the PDF is truncated or corrupt ({name})",
                      "download it again or re-export it")


def _one_page_at_a_time(pdf) -> bool:
    """Can this pdfplumber's pages be made one at a time (the versions checked)?"""
    import pdfplumber

    return pdfplumber.__version__.startswith(FAST_CHAR_VERSIONS) and hasattr(pdf, "doc") \
        and hasattr(pdf, "stream") and not pdf.pages_to_parse


def _kept_pages(pdf):
    return len(pdf.pages), iter(pdf.pages)


def _pages_one_at_a_time(pdf):
    """The page count, and pdfplumber's pages made one at a time as ``pdf.pages`` makes them
    (same numbers and doctops), without keeping them: ``pdf.pages`` keeps every page, and
    pdfminer its document cache every page's decoded content stream, for as long as the
    document is open; a long PDF held all of them until the end of the read. Each page's
    content streams leave pdfminer's cache once the page is read (one used again is parsed
    again). Counting the pages first walks the page tree, not the content."""
    from pdfminer.pdfpage import PDFPage
    from pdfplumber.page import Page
    from pdfplumber.utils.exceptions import PdfminerException

    def page_objects():
        pages = PDFPage.create_pages(pdf.doc)
        while True:
            try:
                yield next(pages)
            except StopIteration:
                return
            except Exception as exc:
                raise PdfminerException(exc)

    count = sum(1 for _ in page_objects())

    def pages():
        cache = getattr(pdf.doc, "_cached_objs", None)
        doctop = 0
        for number, page_obj in enumerate(page_objects(), start=1):
            page = Page(pdf, page_obj, page_number=number, initial_doctop=doctop)
            doctop += page.height
            yield page
            if isinstance(cache, dict):
                for content in page_obj.contents:  # PDFStream or PDFObjRef: both know their objid
                    objid = getattr(content, "objid", None)
                    if objid is not None:
                        cache.pop(objid, None)

    return count, pages()


def _read_pages(path: str, pdf, pages_of_pdf, max_pages: int, deadline: Deadline) -> PdfContent:
    count, page_iter = pages_of_pdf
    if count > max_pages:
        raise TooManyPages(path, f"{count} pages is over the limit of {max_pages}",
                           "raise it with --max-pages")
    producer = None
    try:
        producer = str(pdf.metadata.get("Producer") or "") or None
    except Exception:
        pass
    pages: list[list[Line]] = []
    heights: list[float] = []
    ruled: list[Table] = []
    empty: list[int] = []
    garbled: list[int] = []
    numbers: dict[float, float] = {}  # coordinates shared between lines (chars_to_lines)
    for number, page in enumerate(page_iter, start=1):
        if deadline.expired():
            raise TimeBudgetExceeded(path, f"reading took longer than {deadline.seconds:g} s "
                                     f"(stopped at page {number} of {count})",
                                     "raise it with --timeout")
        _fast_chars(page)
        chars = page.chars
        if _doubled_count(chars) >= DUPLICATE_CHARS:
            page = _dedupe_chars(page, tolerance=1)
            chars = page.chars
        if not chars:
            empty.append(number)
        elif _garbled_share(chars) > 0.05:
            garbled.append(number)
        lines = chars_to_lines(chars, number, numbers)
        if len(page.edges) >= MIN_RULES_FOR_TABLE:
            ruled.extend(_ruled_tables(page, number, lines))
        pages.append(lines)
        heights.append(float(page.height))
        page.close()
    remove_running_lines(pages, heights)
    tables = _join_split_tables(ruled, pages)
    flat: list[Line] = [ln for lines in pages for ln in lines]
    _renumber_tables(flat, tables)
    tables.extend(find_unruled_tables(flat, len(tables)))
    tables.sort(key=lambda t: (t.page, t.bbox[1]))
    _renumber_tables(flat, tables)
    return PdfContent(pages=pages, tables=tables, page_count=count, empty_pages=empty,
                      garbled_pages=garbled, producer=producer)


# -- a faster pdfplumber char -------------------------------------------------------------
# pdfplumber turns every pdfminer LTChar into a dict through a generic path that resolves
# each attribute recursively (resolve_all) and decodes the colour space name per glyph;
# that is more than half the time of reading a text-heavy page. For plain attribute values
# both are identities, so the same dict (same keys, order and values) is built directly.
# Other objects (lines, rects, images) keep pdfplumber's own path. Only pdfplumber versions
# this was checked against take the fast path; tests/test_fuzz.py compares the two.
FAST_CHAR_VERSIONS = ("0.11.",)
_PLAIN = frozenset((float, int, str, bool, type(None)))


def _fast_chars(page) -> None:
    """Give this page (only) the fast char conversion."""
    import pdfplumber

    if pdfplumber.__version__.startswith(FAST_CHAR_VERSIONS):
        page.process_object = _FastObject(page)


class _FastObject:
    __slots__ = ("page", "generic", "colour_spaces", "mb_x0", "mb_top", "lib")

    def __init__(self, page) -> None:
        from pdfminer.layout import LTChar
        from pdfplumber.page import ALL_ATTRS, Page, fix_fontname_bytes, normalize_unicode
        from pdfplumber.utils.pdfinternals import resolve_all, resolve_and_decode

        self.page = page
        self.generic = Page.process_object.__get__(page)
        self.colour_spaces: dict = {}
        self.mb_x0, self.mb_top = page.mediabox[:2]
        self.lib = (LTChar, ALL_ATTRS, resolve_all, resolve_and_decode, normalize_unicode, fix_fontname_bytes)

    def __call__(self, obj):
        LTChar, ALL_ATTRS, resolve_all, resolve_and_decode, normalize_unicode, fix_fontname_bytes = self.lib
        if type(obj) is not LTChar:
            return self.generic(obj)
        page = self.page
        attr = {}
        for k, v in obj.__dict__.items():
            if k in ALL_ATTRS:
                t = type(v)
                if t in _PLAIN or (t is tuple and all(map(_PLAIN.__contains__, map(type, v)))):
                    attr[k] = v
                else:
                    attr[k] = resolve_all(v)
        attr["object_type"] = "char"
        attr["page_number"] = page.page_number
        for cs in ("ncs", "scs"):
            if hasattr(obj, cs):
                name = getattr(obj, cs).name
                cached = self.colour_spaces.get(name) if type(name) is str else None
                if cached is None:
                    cached = resolve_and_decode(name)
                    if type(name) is str:
                        self.colour_spaces[name] = cached
                attr[cs] = cached
        text = obj.get_text()
        norm = page.pdf.unicode_norm
        attr["text"] = normalize_unicode(norm, text) if norm is not None else text
        gs = obj.graphicstate
        attr["stroking_color"] = gs.scolor if isinstance(gs.scolor, tuple) else (gs.scolor,)
        attr["non_stroking_color"] = gs.ncolor if isinstance(gs.ncolor, tuple) else (gs.ncolor,)
        if isinstance(attr["fontname"], bytes):
            attr["fontname"] = fix_fontname_bytes(attr["fontname"])
        if "y0" in attr:
            attr["top"] = (page.height - attr["y1"]) + self.mb_top
            attr["bottom"] = (page.height - attr["y0"]) + self.mb_top
            attr["doctop"] = page.initial_doctop + attr["top"]
        if "x0" in attr and self.mb_x0 != 0:
            attr["x0"] = attr["x0"] + self.mb_x0
            attr["x1"] = attr["x1"] + self.mb_x0
        return attr


def _dedupe_chars(page, tolerance: float = 1):
    """``page.dedupe_chars(tolerance=...)`` with the same result, without its last step's
    quadratic ``sorted(kept, key=chars.index)`` (a list search per kept char). Each kept
    char is the first of any chars equal to it, so its own position is what index found."""
    import pdfplumber

    if not pdfplumber.__version__.startswith(FAST_CHAR_VERSIONS):
        return page.dedupe_chars(tolerance=tolerance)
    import itertools
    from operator import itemgetter

    from pdfplumber.page import FilteredPage
    from pdfplumber.utils.clustering import cluster_objects

    chars = page.chars
    key = itemgetter("upright", "text", "fontname", "size")
    pos_key = itemgetter("doctop", "x0")
    kept = []
    for _, group in itertools.groupby(sorted(chars, key=key), key=key):
        for y_cluster in cluster_objects(list(group), itemgetter("doctop"), tolerance):
            for x_cluster in cluster_objects(y_cluster, itemgetter("x0"), tolerance):
                kept.append(sorted(x_cluster, key=pos_key)[0])
    position: dict[int, int] = {}
    for i, c in enumerate(chars):
        position.setdefault(id(c), i)
    deduped = FilteredPage(page, lambda x: True)
    deduped._objects = {kind: objs for kind, objs in page.objects.items()}
    deduped._objects["char"] = sorted(kept, key=lambda c: position[id(c)])
    return deduped


def _renumber_tables(lines: list[Line], tables: list[Table]) -> None:
    """Point each line's ``table`` at the table whose box holds it, after tables are
    merged and sorted."""
    by_page: dict[int, list[Line]] = {}
    for ln in lines:
        ln.table = None
        by_page.setdefault(ln.page, []).append(ln)
    for k, t in enumerate(tables):
        x0, top, x1, bottom = t.bbox
        for ln in by_page.get(t.page, ()):
            if top - 1 <= ln.top and ln.bottom <= bottom + 1 and ln.x1 > x0 and ln.x0 < x1:
                ln.table = k


def _doubled_count(chars: list[dict]) -> int:
    """Characters drawn twice at (almost) the same place: "fake bold" text, whose
    copy may come straight after the glyph or after the whole string."""
    seen: set[tuple] = set()
    doubled = 0
    for c in chars:
        key = (c["text"], round(c["x0"]), round(c["top"]))
        if key in seen:
            doubled += 1
        seen.add(key)
    return doubled


def _garbled_share(chars: list[dict]) -> float:
    bad = sum(1 for c in chars if c["text"].startswith("(cid:") or c["text"] == "\ufffd")
    return bad / len(chars)


def _join_split_tables(tables: list[Table], pages: list[list[Line]]) -> list[Table]:
    """A ruled table that breaks across a page: the part at the top of the next page gets
    the header row of the part before it (when it does not repeat it), so its rows are read
    under the right columns. A one-row table that continues nothing is dropped."""
    out: list[Table] = []
    last_on_page: dict[int, Table] = {}
    for t in sorted(tables, key=lambda t: (t.page, t.bbox[1])):
        last_on_page[t.page] = t
    for t in sorted(tables, key=lambda t: (t.page, t.bbox[1])):
        prev = last_on_page.get(t.page - 1)
        continues = (prev is not None and prev is not t and len(prev.rows[0]) == len(t.rows[0])
                     and _nothing_between(prev, t, pages))
        if continues and prev.rows and t.rows[0] != prev.rows[0] and not any(
                any(ch.isdigit() for ch in cell) for cell in prev.rows[0]):
            t.rows = [list(prev.rows[0])] + t.rows
        if len(t.rows) >= 2:
            out.append(t)
    return out


def _nothing_between(prev: Table, t: Table, pages: list[list[Line]]) -> bool:
    """No text after ``prev`` on its page and none before ``t`` on the next one."""
    def page_lines(number):
        return pages[number - 1] if 0 < number <= len(pages) else []
    after = [ln for ln in page_lines(prev.page) if ln.top > prev.bbox[3] + 1]
    before = [ln for ln in page_lines(t.page) if ln.bottom < t.bbox[1] - 1]
    return not after and not before


def _ruled_tables(page, number: int, lines: list[Line]) -> list[Table]:
    tables = []
    for found in page.find_tables():
        rows = [[join_lines((cell or "").splitlines()) for cell in row] for row in found.extract()]
        _adopt_orphans(page, found, rows)
        rows = [[normalize_cell(c) for c in row] for row in rows if any(c.strip() for c in row)]
        if not rows or max(len(r) for r in rows) < 2:
            continue  # (a one-row table is kept for now: it may run on from the page before)
        tables.append(Table(page=number, rows=rows, bbox=tuple(found.bbox), ruled=True))
    return tables


def _adopt_orphans(page, found, rows: list[list[str]]) -> None:
    """A merged cell that runs over a page break has no bottom rule on this page, so
    pdfplumber finds no cell there and drops its text ("云数据库Redis版" beside the rows of
    its plans). Text inside the table but in no cell goes to the empty cell it lies in."""
    known = [c for c in found.cells if c]
    x0, top, x1, bottom = found.bbox

    def inside(ch, box) -> bool:
        cx, cy = (ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2
        return box[0] <= cx <= box[2] and box[1] <= cy <= box[3]

    orphans = [ch for ch in page.chars if ch["text"].strip() and inside(ch, (x0, top, x1, bottom))
               and not any(inside(ch, box) for box in known)]
    if not orphans:
        return
    columns = [c.bbox if c else None for c in found.columns]
    for r, row in enumerate(found.rows):
        for k, cell in enumerate(row.cells):
            if cell is not None or k >= len(columns) or columns[k] is None or rows[r][k]:
                continue
            box = (columns[k][0], row.bbox[1], columns[k][2], row.bbox[3])
            mine = {id(ch) for ch in orphans if inside(ch, box)}
            if mine:
                text = page.filter(lambda o, mine=mine: id(o) in mine).extract_text() or ""
                rows[r][k] = join_lines(text.splitlines())


def normalize_cell(text: str) -> str:
    return " ".join(text.split())


__all__ = ["PdfContent", "read_pdf", "normalize"]
