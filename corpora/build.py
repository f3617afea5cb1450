#!/usr/bin/env python3
"""Build the slacheck corpus PDFs: every <id>.html becomes <id>.pdf beside it.

Usage:
    python corpora/build.py [PATHS...]          build the given .html files / folders
    python corpora/build.py                     build every .html under corpora/
    python corpora/build.py --check [PATHS...]  only list PDFs that are missing or
                                                older than their .html (exit 1 if any)

The producer is chosen per document by
<meta name="slacheck-producer" content="chromium|reportlab"> (see corpora/README.md):

* chromium  - headless Chromium prints the HTML (plus a default stylesheet) with its
              default header/footer (date, title, URL, page x/y). The page is printed
              from the fixed path /tmp/slacheck-corpus/<id>.html so that the URL in the
              footer is the same on every machine.
* reportlab - the same HTML subset is laid out with reportlab platypus, with a running
              header/footer from <meta name="slacheck-header|slacheck-footer"> and
              "Page N of M". Output is byte-for-byte reproducible (invariant mode).
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
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (Flowable, PageBreak, Paragraph, SimpleDocTemplate, Table,
                                TableStyle)

CORPORA = Path(__file__).resolve().parent
CHROMIUM = os.environ.get("SLACHECK_CHROMIUM", "/usr/bin/chromium")
PRINT_DIR = Path("/tmp/slacheck-corpus")
PRODUCER_NAME = "slacheck corpus build (reportlab)"

# Default stylesheet for the chromium producer, inserted before the document's own CSS.
# Selectors have (near) zero specificity (:where) so any rule in the document wins.
DEFAULT_CSS = """
@page { size: A4; margin: 18mm 16mm; }
body { font-family: "Liberation Sans", "DejaVu Sans", "Noto Sans CJK SC",
       "WenQuanYi Micro Hei", sans-serif; font-size: 10.5pt; line-height: 1.45; }
:where(html[lang|="zh"]) body { font-family: "Noto Sans CJK SC", "WenQuanYi Micro Hei",
       "Liberation Sans", sans-serif; }
h1 { font-size: 17pt; } h2 { font-size: 13.5pt; } h3 { font-size: 11.5pt; }
table { border-collapse: collapse; margin: 6pt 0 10pt 0; }
th { text-align: left; vertical-align: top; }
td { vertical-align: top; }
:where(table.ruled) :where(th, td) { border: 1px solid #000; padding: 3pt 6pt; }
:where(table.ruled) th { background: #eee; }
:where(table.unruled), :where(table.unruled) :where(th, td) { border: none; }
:where(table.unruled) :where(th, td) { padding: 1pt 24pt 1pt 0; text-align: left; }
:where(div.pagebreak) { page-break-after: always; break-after: page; }
"""


# --------------------------------------------------------------------------- parsing
class _Tokenizer(HTMLParser):
    """Flattens HTML into a list of (kind, tag_or_text, attrs) events."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.events = []

    def handle_starttag(self, tag, attrs):
        self.events.append(("start", tag, dict(attrs)))

    def handle_endtag(self, tag):
        self.events.append(("end", tag, {}))

    def handle_data(self, data):
        self.events.append(("data", data, {}))


class Document:
    """One corpus HTML file: its events plus lang, <meta> values and <title>."""

    def __init__(self, path):
        self.path = Path(path)
        self.source = self.path.read_text(encoding="utf-8")
        tok = _Tokenizer()
        tok.feed(self.source)
        tok.close()
        self.events, self.lang, self.meta, self.title = tok.events, "en", {}, ""
        in_title = False
        for kind, tag, attrs in self.events:
            if kind == "start" and tag == "html":
                self.lang = (attrs.get("lang") or "en").lower()
            elif kind == "start" and tag == "meta" and attrs.get("name"):
                self.meta[attrs["name"]] = attrs.get("content") or ""
            elif kind in ("start", "end") and tag == "title":
                in_title = kind == "start"
            elif kind == "data" and in_title:
                self.title += tag
        self.title = " ".join(self.title.split())
        self.zh = self.lang.startswith("zh")
        self.producer = self.meta.get("slacheck-producer", "").strip().lower()


# --------------------------------------------------------------------------- chromium
def build_chromium(doc, out):
    """Print the document with headless Chromium from /tmp/slacheck-corpus/<id>.html."""
    src = doc.source
    m = re.search(r"<style|</head", src, re.I) or re.search(r"<body", src, re.I)
    css = f"<style>{DEFAULT_CSS}</style>\n"
    src = src[: m.start()] + css + src[m.start():] if m else css + src
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
    styles = _styles(fonts, doc.zh, doc.meta.get("slacheck-fakebold") == "headings")
    margin = 20 * mm
    tmpl = SimpleDocTemplate(
        str(out), pagesize=A4, leftMargin=margin, rightMargin=margin,
        topMargin=26 * mm, bottomMargin=22 * mm, title=doc.title or doc.path.stem,
        author="", subject="", creator=PRODUCER_NAME, producer=PRODUCER_NAME,
        invariant=1, lang=doc.lang, initialFontName=fonts["regular"])
    story = _story(doc, styles, fonts, A4[0] - 2 * margin)
    tmpl.build(story, canvasmaker=_numbered_canvas(doc, fonts["regular"], margin))


def _register_fonts(zh):
    """Register the TTF faces (Liberation Sans, or WenQuanYi Micro Hei for Chinese)."""
    if zh:  # WenQuanYi Micro Hei has no bold/italic faces: map them all to regular
        faces = {k: "WQYMicroHei" for k in ("regular", "bold", "italic", "bolditalic")}
        files = {"WQYMicroHei": ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0)}
    else:
        lib = "/usr/share/fonts/truetype/liberation/LiberationSans-%s.ttf"
        faces = {"regular": "LiberationSans", "bold": "LiberationSans-Bold",
                 "italic": "LiberationSans-Italic", "bolditalic": "LiberationSans-BoldItalic"}
        files = {faces[k]: (lib % k.title().replace("italic", "Italic"), 0) for k in faces}
    for name, (path, index) in files.items():
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, path, subfontIndex=index))
    for (bold, italic), key in {(0, 0): "regular", (1, 0): "bold", (0, 1): "italic",
                                (1, 1): "bolditalic"}.items():
        addMapping(faces["regular"], bold, italic, faces[key])
    return faces


def _styles(fonts, zh, fakebold):
    wrap, lead = ("CJK", 1.55) if zh else (None, 1.35)
    body = ParagraphStyle("body", fontName=fonts["regular"], fontSize=10.5,
                          leading=10.5 * lead, spaceAfter=5, wordWrap=wrap)
    st = {"body": body, "fakebold": fakebold,
          "td": ParagraphStyle("td", body, fontSize=9.5, leading=9.5 * lead, spaceAfter=0),
          "li": ParagraphStyle("li", body, spaceAfter=3, bulletFontName=fonts["regular"])}
    st["th"] = ParagraphStyle("th", st["td"], fontName=fonts["bold"])
    head_font = fonts["regular"] if fakebold else fonts["bold"]
    for tag, size, before in (("h1", 17, 6), ("h2", 13.5, 10), ("h3", 11.5, 8)):
        st[tag] = ParagraphStyle(tag, body, fontName=head_font, fontSize=size,
                                 leading=size * 1.3, spaceBefore=before, spaceAfter=6,
                                 keepWithNext=1)
    return st


def _clean(markup):
    """Collapse HTML whitespace (not NBSP / ideographic space) and trim around <br/>."""
    markup = re.sub(r"[ \t\r\n\f]+", " ", markup)
    return re.sub(r" ?<br/> ?", "<br/>", markup).strip()


def _story(doc, st, fonts, avail):
    """Walk the HTML events and return the list of platypus flowables."""

    story, buf, stack, lists = [], [], [], []  # lists: [kind, counter] per open ul/ol
    table = cell = None      # table: {"ruled", "rows"}; cell: is-<th> flag while in a cell
    bullet, skip = None, None
    inline = {"b": "b", "strong": "b", "i": "i", "em": "i", "u": "u", "sub": "sub",
              "sup": "super"}

    def flush():
        nonlocal buf, bullet
        text, buf = _clean("".join(buf)), []
        if not text or cell is not None:
            return
        block = next((t for t in reversed(stack) if t in ("h1", "h2", "h3", "p", "li")), "")
        if block in ("h1", "h2", "h3"):
            para = Paragraph(text, st[block])
            story.append(FakeBold(para) if st["fakebold"] else para)
        elif "li" in stack:
            depth = len(lists) or 1
            style = st["li"].clone("li%d" % depth, leftIndent=18 * depth,
                                   bulletIndent=18 * depth - 13)
            story.append(Paragraph(text, style, bulletText=bullet))
            bullet = None
        else:
            story.append(Paragraph(text, st["body"]))

    for kind, tag, attrs in doc.events:
        if skip:
            skip = None if (kind == "end" and tag == skip) else skip
        elif kind == "data":
            buf.append(html.escape(tag, quote=False))
        elif tag in ("head", "style", "script", "title") and kind == "start":
            skip = tag
        elif tag in inline:
            buf.append("<%s%s>" % ("/" if kind == "end" else "", inline[tag]))
        elif tag == "br" and kind == "start":
            buf.append("<br/>")
        elif tag in ("td", "th"):
            if kind == "start":
                flush()
                cell = tag == "th"
            elif cell is not None:
                if table is not None and table["rows"]:
                    table["rows"][-1].append((_clean("".join(buf)), cell))
                buf, cell = [], None
        elif cell is not None and tag not in ("tr", "table"):
            if tag in ("p", "div", "li") and kind == "start" and buf:
                buf.append("<br/>")  # block inside a cell: keep it on its own line
        elif tag == "table":
            flush()
            if kind == "start":
                table = {"ruled": "unruled" not in attrs.get("class", ""), "rows": []}
            elif table is not None:
                if any(table["rows"]):
                    story.append(_table([r for r in table["rows"] if r], table["ruled"],
                                        st, avail))
                table = None
        elif tag == "tr":
            if kind == "start" and table is not None:
                table["rows"].append([])
        elif kind == "start" and tag == "div" and "pagebreak" in attrs.get("class", ""):
            flush()
            story.append(PageBreak())
        elif tag in ("p", "h1", "h2", "h3", "h4", "li", "ul", "ol", "div", "blockquote"):
            flush()
            if kind == "end":
                if tag in stack:
                    del stack[len(stack) - 1 - stack[::-1].index(tag):]
                if tag in ("ul", "ol") and lists:
                    lists.pop()
                continue
            tag = "h3" if tag == "h4" else tag
            if tag == "li":  # an unclosed <li> ends where the next one starts
                while stack and stack[-1] not in ("ul", "ol"):
                    stack.pop()
                if lists:
                    lists[-1][1] += 1
                bullet = "%d." % lists[-1][1] if lists and lists[-1][0] == "ol" else "\u2022"
            elif stack and stack[-1] == "p":
                stack.pop()
            if tag in ("ul", "ol"):
                start = attrs.get("start", "1")
                lists.append([tag, int(start) - 1 if start.isdigit() else 0])
            stack.append(tag)
    flush()
    return story


def _table(rows, ruled, st, avail):
    """A reportlab Table: grid lines when ruled, plain left-aligned columns otherwise."""

    ncol = max(len(r) for r in rows)
    rows = [r + [("", False)] * (ncol - len(r)) for r in rows]
    lpad, rpad = (5, 5) if ruled else (0, 18)
    natural = [0.0] * ncol
    for row in rows:
        for i, (markup, th) in enumerate(row):
            style = st["th" if th else "td"]
            for line in markup.split("<br/>"):
                plain = html.unescape(re.sub(r"<[^>]+>", "", line))
                w = stringWidth(plain, style.fontName, style.fontSize) + lpad + rpad + 2
                natural[i] = max(natural[i], w)
    widths = _fit(natural, avail)
    cells = [[Paragraph(m, st["th" if th else "td"]) for m, th in row] for row in rows]
    header = all(th for _, th in rows[0])
    cmds = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("ALIGN", (0, 0), (-1, -1), "LEFT"),
            ("LEFTPADDING", (0, 0), (-1, -1), lpad), ("RIGHTPADDING", (0, 0), (-1, -1), rpad)]
    if ruled:
        cmds += [("GRID", (0, 0), (-1, -1), 0.6, colors.black),
                 ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]
        if header:
            cmds.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")))
    else:
        cmds += [("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]
    table = Table(cells, colWidths=widths, repeatRows=1 if header else 0, hAlign="LEFT",
                  spaceBefore=4, spaceAfter=8)
    table.setStyle(TableStyle(cmds))
    return table


def _fit(widths, avail):
    """Cap the widest columns at a common width so that the total fits `avail`."""
    if sum(widths) <= avail:
        return widths
    rest, ordered = avail, sorted(widths)
    for i, w in enumerate(ordered):
        share = rest / (len(ordered) - i)
        if w > share:
            return [min(x, share) for x in widths]
        rest -= w
    return widths


class FakeBold(Flowable):
    """A heading drawn twice, 0.4pt apart: 'fake bold' with doubled text-layer chars."""

    def __init__(self, para, dx=0.4):
        super().__init__()
        self.para, self.dx, self.keepWithNext = para, dx, 1

    def wrap(self, avail_width, avail_height):
        w, h = self.para.wrap(avail_width - self.dx, avail_height)
        return w + self.dx, h

    def getSpaceBefore(self):
        return self.para.getSpaceBefore()

    def getSpaceAfter(self):
        return self.para.getSpaceAfter()

    def draw(self):
        self.para.drawOn(self.canv, 0, 0)
        self.para.drawOn(self.canv, self.dx, 0)


def _numbered_canvas(doc, font, margin):
    """Canvas class that adds the running header/footer and 'Page N of M' at save time."""

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
    doc = Document(path)
    out = doc.path.with_suffix(".pdf")
    producer = doc.producer
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


def stale(path):
    pdf = path.with_suffix(".pdf")
    return not pdf.exists() or pdf.stat().st_mtime < path.stat().st_mtime


def collect(paths):
    files = []
    for p in map(Path, paths or [CORPORA]):
        files += sorted(p.rglob("*.html")) if p.is_dir() else [p]
    return files


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", nargs="*", help=".html files or folders (default: corpora/)")
    ap.add_argument("--check", action="store_true",
                    help="only report PDFs that are missing or older than their .html")
    args = ap.parse_args(argv)
    files = collect(args.paths)
    if args.check:
        out_of_date = [f for f in files if stale(f)]
        for f in out_of_date:
            print(f"out of date: {f.with_suffix('.pdf')}")
        print(f"{len(out_of_date)} of {len(files)} PDFs out of date", file=sys.stderr)
        return 1 if out_of_date else 0
    failed = 0
    for f in files:
        try:
            out, producer = build(f)
            print(f"{producer:9s} {out}")
        except Exception as exc:  # keep going; report every failure
            failed += 1
            print(f"FAILED    {f}: {exc}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
