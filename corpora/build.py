#!/usr/bin/env python3
"""Build the slacheck corpus PDFs: every <id>.html becomes <id>.pdf beside it.

  build.py [PATHS...]          build the given .html files/folders (default: all of corpora/)
  build.py --check [PATHS...]  only list PDFs missing or older than their .html (exit 1 if any)
  build.py --stale [PATHS...]  build only those (chromium PDFs change on every rebuild)

The producer is chosen per document by <meta name="slacheck-producer" content="...">:
  chromium   headless Chromium prints the HTML (plus a default stylesheet) with its default
             header/footer (date, title, URL, page x/y). It prints from the fixed path
             /tmp/slacheck-corpus/<id>.html, so the footer URL is the same on every machine.
  reportlab  the same HTML subset laid out with reportlab platypus, running header/footer
             from <meta name="slacheck-header"/"slacheck-footer"> plus "Page N of M";
             byte-for-byte reproducible. Optional <meta name="slacheck-fakebold"
             content="headings"> draws headings twice (doubled text-layer characters).
See corpora/README.md and the HTML subset in the corpus brief.
"""
import argparse
import html
import os
import re
import shutil
import subprocess
import sys
import tempfile
from html.parser import HTMLParser
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.fonts import addMapping
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table, TableStyle

CORPORA = Path(__file__).resolve().parent
CHROMIUM = os.environ.get("SLACHECK_CHROMIUM", "/usr/bin/chromium")
PRINT_DIR = Path("/tmp/slacheck-corpus")
RL_PRODUCER = "slacheck corpus build (reportlab)"
WQY = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
LIBERATION = "/usr/share/fonts/truetype/liberation/LiberationSans-%s.ttf"

# Default stylesheet for the chromium producer, inserted before the document's own CSS.
# Class/lang selectors are wrapped in :where() so that any rule in the document wins.
DEFAULT_CSS = """
@page { size: A4; margin: 18mm 16mm; }
body { font-family: "Liberation Sans", "DejaVu Sans", "Noto Sans CJK SC",
       "WenQuanYi Micro Hei", sans-serif; font-size: 10.5pt; line-height: 1.45; }
:where(html[lang|="zh"]) body { font-family: "Noto Sans CJK SC", "WenQuanYi Micro Hei",
       "Liberation Sans", sans-serif; }
h1 { font-size: 17pt; } h2 { font-size: 13.5pt; } h3 { font-size: 11.5pt; }
table { border-collapse: collapse; margin: 6pt 0 10pt 0; }
th, td { text-align: left; vertical-align: top; }
:where(table.ruled) :where(th, td) { border: 1px solid #000; padding: 3pt 6pt; }
:where(table.ruled) th { background: #eee; }
:where(table.unruled), :where(table.unruled) :where(th, td) { border: none; }
:where(table.unruled) :where(th, td) { padding: 1pt 24pt 1pt 0; text-align: left; }
:where(div.pagebreak) { page-break-after: always; break-after: page; }
"""


class Document(HTMLParser):
    """One corpus HTML file, flattened into (kind, tag_or_text, attrs) events,
    with its lang, <meta name=...> values and <title>."""

    def __init__(self, path):
        super().__init__(convert_charrefs=True)
        self.path = Path(path)
        self.source = self.path.read_text(encoding="utf-8")
        self.events, self.lang, self.meta, self.title = [], "en", {}, ""
        self.feed(self.source)
        self.close()
        in_title = False
        for kind, tag, attrs in self.events:
            if kind == "start" and tag == "html":
                self.lang = (attrs.get("lang") or "en").lower()
            elif kind == "start" and tag == "meta" and attrs.get("name"):
                self.meta[attrs["name"]] = attrs.get("content") or ""
            elif kind != "data" and tag == "title":
                in_title = kind == "start"
            elif kind == "data" and in_title:
                self.title += tag
        self.title = " ".join(self.title.split())
        self.zh = self.lang.startswith("zh")
        self.producer = self.meta.get("slacheck-producer", "").strip().lower()

    def handle_starttag(self, tag, attrs):
        self.events.append(("start", tag, dict(attrs)))

    def handle_endtag(self, tag):
        self.events.append(("end", tag, {}))

    def handle_data(self, data):
        self.events.append(("data", data, {}))


# --------------------------------------------------------------------------- chromium
def build_chromium(doc, out):
    """Print the document with headless Chromium from /tmp/slacheck-corpus/<id>.html."""
    src, css = doc.source, f"<style>{DEFAULT_CSS}</style>\n"
    m = re.search(r"<style|</head", src, re.I) or re.search(r"<body", src, re.I)
    src = src[:m.start()] + css + src[m.start():] if m else css + src
    PRINT_DIR.mkdir(parents=True, exist_ok=True)
    page = PRINT_DIR / doc.path.name
    page.write_text(src, encoding="utf-8")
    with tempfile.TemporaryDirectory(prefix="slacheck-chromium-") as tmp:
        pdf = Path(tmp) / "out.pdf"
        cmd = [CHROMIUM, "--headless", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update",
               "--disable-sync", "--lang=en-US", f"--user-data-dir={tmp}/profile",
               f"--print-to-pdf={pdf}", page.as_uri()]
        if os.geteuid() == 0:
            cmd.insert(2, "--no-sandbox")
        env = dict(os.environ, TZ="UTC", LANG="en_US.UTF-8", LANGUAGE="en_US")
        res = subprocess.run(cmd, capture_output=True, text=True, timeout=180, env=env)
        if not pdf.exists() or pdf.stat().st_size == 0:
            raise RuntimeError(f"chromium failed (rc={res.returncode}): {res.stderr[-800:]}")
        shutil.move(str(pdf), str(out))


# --------------------------------------------------------------------------- reportlab
def build_reportlab(doc, out):
    """Lay the document out with reportlab platypus (A4, running header/footer)."""
    fonts = _register_fonts(doc.zh)
    st = _styles(fonts, doc.zh, doc.meta.get("slacheck-fakebold") == "headings")
    margin = 20 * mm
    template = SimpleDocTemplate(
        str(out), pagesize=A4, leftMargin=margin, rightMargin=margin, topMargin=26 * mm,
        bottomMargin=22 * mm, title=doc.title or doc.path.stem, author="", subject="",
        creator=RL_PRODUCER, producer=RL_PRODUCER, invariant=1, lang=doc.lang,
        initialFontName=fonts["regular"])
    template.build(_story(doc, st, A4[0] - 2 * margin),
                   canvasmaker=_numbered_canvas(doc, fonts["regular"], margin))


def _register_fonts(zh):
    """Register embedded TTF faces: Liberation Sans, or WenQuanYi Micro Hei for Chinese
    (which has no bold/italic: every face maps to the regular one)."""
    if zh:
        faces = dict.fromkeys(("regular", "bold", "italic", "boldItalic"), "WQYMicroHei")
        files = {"WQYMicroHei": WQY}
    else:
        faces = {"regular": "LiberationSans", "bold": "LiberationSans-Bold",
                 "italic": "LiberationSans-Italic", "boldItalic": "LiberationSans-BoldItalic"}
        files = {name: LIBERATION % (key[0].upper() + key[1:]) for key, name in faces.items()}
    for name, path in files.items():
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, path, subfontIndex=0))
    for bold, italic, key in ((0, 0, "regular"), (1, 0, "bold"), (0, 1, "italic"),
                              (1, 1, "boldItalic")):
        addMapping(faces["regular"], bold, italic, faces[key])
    return faces


def _styles(fonts, zh, fakebold):
    wrap, lead = ("CJK", 1.55) if zh else (None, 1.35)
    body = ParagraphStyle("body", fontName=fonts["regular"], fontSize=10.5,
                          leading=10.5 * lead, spaceAfter=5, wordWrap=wrap)
    td = ParagraphStyle("td", body, fontSize=9.5, leading=9.5 * lead, spaceAfter=0)
    st = {"body": body, "td": td, "fakebold": fakebold,
          "th": ParagraphStyle("th", td, fontName=fonts["bold"]),
          "li": ParagraphStyle("li", body, spaceAfter=3, bulletFontName=fonts["regular"])}
    for tag, size, before in (("h1", 17, 6), ("h2", 13.5, 10), ("h3", 11.5, 8)):
        st[tag] = ParagraphStyle(tag, body, fontSize=size, leading=size * 1.3,
                                 fontName=fonts["regular" if fakebold else "bold"],
                                 spaceBefore=before, spaceAfter=6, keepWithNext=1)
    return st


def _clean(markup):
    """Collapse HTML whitespace (not NBSP / ideographic space) and trim around <br/>."""
    markup = re.sub(r"[ \t\r\n\f]+", " ", markup)
    return re.sub(r" ?<br/> ?", "<br/>", markup).strip()


BLOCKS = ("p", "h1", "h2", "h3", "li", "ul", "ol", "div", "blockquote")
INLINE = {"b": "b", "strong": "b", "i": "i", "em": "i", "u": "u", "sub": "sub", "sup": "super"}


def _story(doc, st, avail):
    """Walk the HTML events and return the list of platypus flowables."""
    story, buf, stack, lists = [], [], [], []  # lists: [kind, counter] per open ul/ol
    table, cell, bullet, skip = None, None, None, None  # cell: is-<th> flag inside a cell

    def flush():  # emit the pending inline text as a paragraph of the current block
        nonlocal buf, bullet
        text, buf = _clean("".join(buf)), []
        block = next((t for t in reversed(stack) if t in ("h1", "h2", "h3", "li")), "p")
        if not text:
            return
        if block in ("h1", "h2", "h3"):
            story.append((FakeBold if st["fakebold"] else Paragraph)(text, st[block]))
        elif block == "li":
            depth = max(len(lists), 1)
            style = st["li"].clone("li%d" % depth, leftIndent=18 * depth,
                                   bulletIndent=18 * depth - 13)
            story.append(Paragraph(text, style, bulletText=bullet))
            bullet = None
        else:
            story.append(Paragraph(text, st["body"]))

    def end_cell():  # close the open <td>/<th> (its end tag is optional in HTML)
        nonlocal buf, cell
        if cell is None:
            return
        if table is not None:
            if not table["rows"]:
                table["rows"].append([])
            table["rows"][-1].append((_clean("".join(buf)), cell))
        buf, cell = [], None

    for kind, tag, attrs in doc.events:
        tag = "h3" if tag in ("h4", "h5", "h6") else tag
        if skip:
            skip = None if (kind == "end" and tag == skip) else skip
        elif kind == "data":
            buf.append(html.escape(tag, quote=False))
        elif tag in ("head", "style", "script", "title") and kind == "start":
            skip = tag
        elif tag in INLINE:
            buf.append("<%s%s>" % ("/" if kind == "end" else "", INLINE[tag]))
        elif tag == "br" and kind == "start":
            buf.append("<br/>")
        elif tag in ("td", "th", "tr", "table"):
            end_cell()
            if tag in ("td", "th") and kind == "start":
                flush()
                cell = tag == "th"
            elif tag == "tr" and kind == "start" and table is not None:
                table["rows"].append([])
            elif tag == "table" and kind == "start":
                flush()
                table = {"ruled": "unruled" not in attrs.get("class", ""), "rows": []}
            elif tag == "table" and table is not None:
                rows = [r for r in table["rows"] if r]
                if rows:
                    story.append(_table(rows, table["ruled"], st, avail))
                table = None
        elif cell is not None:  # a block inside a cell just starts a new line
            if tag in BLOCKS and kind == "start" and buf:
                buf.append("<br/>")
        elif kind == "start" and tag == "div" and "pagebreak" in attrs.get("class", ""):
            flush()
            story.append(PageBreak())
        elif tag in BLOCKS:
            flush()
            if kind == "end":
                if tag in stack:
                    del stack[len(stack) - 1 - stack[::-1].index(tag):]
                if tag in ("ul", "ol") and lists:
                    lists.pop()
                continue
            if tag == "li":  # an unclosed <li> ends where the next one starts
                while stack and stack[-1] not in ("ul", "ol"):
                    stack.pop()
                if lists:
                    lists[-1][1] += 1
                bullet = "%d." % lists[-1][1] if lists and lists[-1][0] == "ol" else "\u2022"
            elif stack and stack[-1] in ("p", "h1", "h2", "h3"):
                stack.pop()  # an unclosed <p> ends where the next block starts
            if tag in ("ul", "ol"):
                start = attrs.get("start", "1")
                lists.append([tag, int(start) - 1 if start.isdigit() else 0])
            stack.append(tag)
    end_cell()
    flush()
    return story


def _table(rows, ruled, st, avail):
    """A reportlab Table: grid lines when ruled; no lines, left-aligned columns otherwise.
    Columns get their natural (widest line) width; the widest are capped to fit."""
    ncol = max(len(r) for r in rows)
    rows = [r + [("", False)] * (ncol - len(r)) for r in rows]
    lpad, rpad = (5, 5) if ruled else (0, 18)
    natural = [0.0] * ncol
    for row in rows:
        for i, (markup, th) in enumerate(row):
            style = st["th" if th else "td"]
            for line in markup.split("<br/>"):
                plain = html.unescape(re.sub(r"<[^>]+>", "", line))
                width = pdfmetrics.stringWidth(plain, style.fontName, style.fontSize)
                natural[i] = max(natural[i], width + lpad + rpad + 2)
    widths = natural
    if sum(natural) > avail:  # water-fill: narrow columns keep their width
        rest, ordered = avail, sorted(natural)
        for i, w in enumerate(ordered):
            share = rest / (ncol - i)
            if w > share:
                widths = [min(x, share) for x in natural]
                break
            rest -= w
    header = all(th for _, th in rows[0])
    cmds = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("ALIGN", (0, 0), (-1, -1), "LEFT"),
            ("LEFTPADDING", (0, 0), (-1, -1), lpad), ("RIGHTPADDING", (0, 0), (-1, -1), rpad),
            ("TOPPADDING", (0, 0), (-1, -1), 3 if ruled else 1),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4 if ruled else 2)]
    if ruled:
        cmds.append(("GRID", (0, 0), (-1, -1), 0.6, colors.black))
        if header:
            cmds.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")))
    cells = [[Paragraph(m, st["th" if th else "td"]) for m, th in row] for row in rows]
    table = Table(cells, colWidths=widths, repeatRows=1 if header else 0, hAlign="LEFT",
                  spaceBefore=4, spaceAfter=8)
    table.setStyle(TableStyle(cmds))
    return table


class FakeBold(Paragraph):
    """A heading drawn twice, 0.4pt apart ('fake bold'): the text layer gets every
    character twice, as in real PDFs made that way."""

    def draw(self):
        super().draw()
        self.canv.translate(0.4, 0)  # drawOn() restores the canvas state afterwards
        super().draw()


def _numbered_canvas(doc, font, margin):
    """Canvas class that draws the running header, footer and 'Page N of M' when saved
    (pages are buffered until the total is known)."""
    header = doc.meta.get("slacheck-header", "").strip()
    footer = doc.meta.get("slacheck-footer", "").strip()
    label = "第 %d 页 / 共 %d 页" if doc.zh else "Page %d of %d"

    class NumberedCanvas(Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages = []

        def showPage(self):
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            for number, state in enumerate(self._pages, 1):
                self.__dict__.update(state)
                self._decorate(number, len(self._pages))
                Canvas.showPage(self)
            Canvas.save(self)

        def _decorate(self, number, total):
            width, height = self._pagesize
            self.saveState()
            self.setFont(font, 8.5)
            self.setFillColor(colors.HexColor("#444444"))
            self.setStrokeColor(colors.HexColor("#888888"))
            self.setLineWidth(0.5)
            if header:
                self.drawString(margin, height - 15 * mm, header)
                self.line(margin, height - 17 * mm, width - margin, height - 17 * mm)
            self.line(margin, 16 * mm, width - margin, 16 * mm)
            if footer:
                self.drawString(margin, 11 * mm, footer)
            self.drawRightString(width - margin, 11 * mm, label % (number, total))
            self.restoreState()

    return NumberedCanvas


# --------------------------------------------------------------------------- driver
def build(path):
    """Build <path>.pdf (written atomically) and return (pdf path, producer)."""
    doc = Document(path)
    out, producer = doc.path.with_suffix(".pdf"), doc.producer
    if producer not in ("chromium", "reportlab"):
        print(f"warning: {path}: no/unknown slacheck-producer {producer!r}; using chromium",
              file=sys.stderr)
        producer = "chromium"
    tmp = out.with_name(out.stem + ".tmp.pdf")
    try:
        (build_chromium if producer == "chromium" else build_reportlab)(doc, tmp)
        os.replace(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)
    return out, producer


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", nargs="*", help=".html files or folders (default: corpora/)")
    ap.add_argument("--check", action="store_true",
                    help="only report PDFs that are missing or older than their .html")
    ap.add_argument("--stale", action="store_true", help="build only those PDFs")
    args = ap.parse_args(argv)
    files = []
    for p in map(Path, args.paths or [CORPORA]):
        files += sorted(p.rglob("*.html")) if p.is_dir() else [p]
    stale = [f for f in files if not f.with_suffix(".pdf").exists()
             or f.with_suffix(".pdf").stat().st_mtime < f.stat().st_mtime]
    if args.check:
        for f in stale:
            print(f"out of date: {f.with_suffix('.pdf')}")
        print(f"{len(stale)} of {len(files)} PDFs out of date", file=sys.stderr)
        return 1 if stale else 0
    files = stale if args.stale else files
    failed = 0
    for f in files:
        try:
            out, producer = build(f)
            print(f"{producer:9s} {out}")
        except Exception as exc:  # keep going, report every failure, exit 1 at the end
            failed += 1
            print(f"FAILED    {f}: {exc}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
