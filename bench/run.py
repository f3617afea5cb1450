#!/usr/bin/env python3
"""slacheck against bare pdfplumber, side by side, in one run.

    python bench/run.py            # everything (a few minutes on 2 cores)
    python bench/run.py --quick    # fewer repeats, no 500-page document, smaller batch

Measured (each figure with its baseline and the ratio between them):

- per document, warm, in one process (start-up excluded): ``slacheck.analyze(path)``
  against bare pdfplumber (``page.extract_text()`` on every page, pages closed as it
  goes) on the same file, best of N runs alternated, in CPU seconds (this machine is shared,
  and CPU time is what the wall clock would show when idle; wall seconds are reported too);
  the corpus total is a target.
- peak RSS per document, each in a fresh subprocess (``os.wait4`` rusage of that child):
  ``slacheck review FILE --format json`` against the bare pdfplumber loop.
- start-up of ``slacheck --help`` (baseline: ``python -c pass``).
- a cold ``slacheck review`` of a one-page SLA, English and Chinese, spaCy and jieba
  loading included (baseline: a cold bare pdfplumber run on the same file).
- ``slacheck batch --no-cache`` throughput with 1 and 2 workers.

The long documents (a 100-page and a 500-page master agreement with an SLA schedule
inside) and the one-page SLAs are built with reportlab into bench/out/ (git-ignored);
results go to bench/out/results.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
PY = sys.executable

TARGETS = {
    "corpus_time_ratio": 1.0,  # slacheck / bare pdfplumber, at most
    "help_seconds": 0.3,
    "cold_review_seconds": 1.5,
    "rss_100_mb": 300.0,
    "rss_growth_500_over_100": 1.2,
    "batch_speedup_2_over_1": 1.8,  # at least
}

BARE_PDFPLUMBER = """
import logging, sys
import pdfplumber
for name in ("pdfminer", "pdfplumber"):  # as slacheck does: no per-glyph warnings on stderr
    logging.getLogger(name).setLevel(logging.ERROR)
with pdfplumber.open(sys.argv[1]) as pdf:
    for page in pdf.pages:
        page.extract_text()
        page.close()
"""


# -- documents ------------------------------------------------------------------------------

ONE_PAGE_EN = [
    "Example Cloud Compute Service Level Agreement",
    "1. Service Commitment",
    "Example Cloud will use commercially reasonable efforts to make the Service available with a",
    "Monthly Uptime Percentage of at least 99.95% during each calendar month.",
    "2. Service Credits",
    "Less than 99.95% but equal to or greater than 99.0%: 10% of the monthly fee.",
    "Less than 99.0% but equal to or greater than 95.0%: 25% of the monthly fee.",
    "Less than 95.0%: 100% of the monthly fee.",
    "Service Credits will not exceed 50% of the monthly fee for the affected Service.",
    "3. Claims",
    "You must submit a claim within 30 days after the end of the month in which the Downtime occurred.",
    "Service Credits are your sole and exclusive remedy for any failure to meet this SLA.",
    "4. Exclusions",
    "This SLA does not apply to unavailability caused by force majeure, by your equipment, or by",
    "scheduled maintenance announced at least 48 hours in advance.",
]
ONE_PAGE_ZH = [
    "示例云服务器服务等级协议",
    "一、服务可用性承诺",
    "本服务的月度服务可用性不低于99.95%。",
    "二、赔偿标准",
    "月度服务可用性低于99.95%但等于或高于99%的，赔偿月度服务费的10%；",
    "低于99%但等于或高于95%的，赔偿月度服务费的25%；低于95%的，赔偿月度服务费的100%。",
    "每月赔偿总额不超过当月服务费的50%，以代金券形式发放。",
    "三、赔偿申请",
    "客户应在每月结束后的30个自然日内通过工单提交赔偿申请。",
    "四、免责条款",
    "因不可抗力、客户原因或提前72小时通知的计划内维护导致的不可用，不计入不可用时间。",
]

_SUBJECTS = ["The Supplier", "The Customer", "Each party", "Neither party", "The Provider", "Any Affiliate"]
_VERBS = ["shall", "will", "may", "must not", "shall promptly", "will use reasonable efforts to"]
_OBJECTS = [
    "maintain complete and accurate records of all Services performed under this Agreement",
    "notify the other party in writing of any material breach within ten business days",
    "keep confidential all information disclosed under or in connection with this Agreement",
    "comply with all applicable laws, regulations and industry codes of practice",
    "provide such assistance as is reasonably required to give effect to this clause",
    "pay all undisputed invoices within thirty days of the date of receipt",
    "indemnify the other party against losses arising from third-party claims",
    "ensure that its personnel are suitably skilled, experienced and qualified",
    "procure that any subcontractor complies with the obligations in this clause",
    "maintain insurance cover with a reputable insurer for the term of this Agreement",
]
_TAILS = ["", " unless otherwise agreed in writing", " save as set out in the Order Form",
          " subject to clause {a}.{b}", " for the duration of the Term", " at its own cost"]
_ARTICLES = ["Definitions and Interpretation", "Term and Renewal", "Services", "Charges and Payment",
             "Confidentiality", "Data Protection", "Intellectual Property", "Warranties", "Indemnities",
             "Limitation of Liability", "Insurance", "Termination", "Consequences of Termination",
             "Force Majeure", "Assignment and Subcontracting", "Notices", "Dispute Resolution",
             "Audit", "Security", "Business Continuity", "Change Control", "Governing Law"]

SCHEDULE = [
    ("h", "Schedule C - Service Level Agreement"),
    ("p", "C.1 Service Commitment. The Provider will make the Hosted Platform available with a Monthly "
          "Uptime Percentage of at least 99.9% in each calendar month, measured by the Provider's "
          "monitoring in one-minute intervals."),
    ("p", "C.2 Service Credits. If the Monthly Uptime Percentage falls below the commitment, the Customer "
          "is entitled to the Service Credits in the table below, as a percentage of the monthly charges "
          "for the affected Service."),
    ("t", [["Monthly Uptime Percentage", "Service Credit"],
           ["Less than 99.9% but at least 99.0%", "10%"],
           ["Less than 99.0% but at least 95.0%", "25%"],
           ["Less than 95.0%", "50%"]]),
    ("p", "C.3 Service Credits in any month will not exceed 50% of the monthly charges for the affected "
          "Service. Service Credits are applied against future invoices and are the Customer's sole and "
          "exclusive remedy for any failure to meet the commitment."),
    ("p", "C.4 Claims. The Customer must submit a claim within 30 days after the end of the month in which "
          "the Downtime occurred, with the dates, times and affected resources of each incident."),
    ("p", "C.5 Exclusions. The commitment does not apply to unavailability caused by force majeure, by the "
          "Customer's equipment or software, by third-party networks, or by scheduled maintenance notified "
          "at least 48 hours in advance."),
]


def _wrap(text: str, width: int = 100) -> list[str]:
    out, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            out.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return out + ([line] if line else [])


def build_master_agreement(path: Path, pages: int, seed: int = 7) -> Path:
    """A long master agreement: numbered articles of varied prose, a running header and
    footer, a ruled price table now and then, and an SLA schedule at about 60 %."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    rng = random.Random(seed)
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setTitle(f"Master Services Agreement ({pages} pages)")
    width, height = A4
    schedule_page = int(pages * 0.6)
    article, clause = 0, 0
    for page in range(1, pages + 1):
        c.setFont("Helvetica", 8)
        c.drawString(56, height - 30, "Master Services Agreement - Northwind Hosting Ltd - Confidential")
        c.drawRightString(width - 56, 24, f"Page {page} of {pages}")
        y = height - 60
        if page == schedule_page:
            for kind, item in SCHEDULE:
                if kind == "h":
                    c.setFont("Helvetica-Bold", 12)
                    c.drawString(56, y, item)
                    y -= 20
                elif kind == "p":
                    c.setFont("Helvetica", 9.5)
                    for ln in _wrap(item):
                        c.drawString(56, y, ln)
                        y -= 13
                    y -= 6
                else:
                    y = _table(c, item, y)
            c.showPage()
            continue
        if page % 9 == 4:
            rows = [["Service", "Unit", "Monthly charge (EUR)"]] + [
                [f"Managed instance tier {k}", "per instance", f"{rng.randint(40, 900)}.00"] for k in range(1, 6)]
            y = _table(c, rows, y) - 8
        while y > 70:
            if clause == 0 or rng.random() < 0.08:
                article += 1
                clause = 0
                c.setFont("Helvetica-Bold", 11)
                c.drawString(56, y, f"{article}. {_ARTICLES[article % len(_ARTICLES)].upper()}")
                y -= 18
                if y < 90:
                    break
            clause += 1
            text = " ".join(
                f"{rng.choice(_SUBJECTS)} {rng.choice(_VERBS)} {rng.choice(_OBJECTS)}"
                f"{rng.choice(_TAILS).format(a=rng.randint(1, 30), b=rng.randint(1, 9))}."
                for _ in range(rng.randint(1, 3)))
            c.setFont("Helvetica", 9.5)
            for k, ln in enumerate(_wrap(f"{article}.{clause} {text}")):
                if y <= 70:
                    break
                c.drawString(56 if k == 0 else 74, y, ln)
                y -= 13
            y -= 5
        c.showPage()
    c.save()
    return path


def _table(c, rows, y) -> float:
    widths = [230, 140, 120][: len(rows[0])]
    x0 = 56
    row_h = 16
    top = y + 4
    for r, row in enumerate(rows):
        c.setFont("Helvetica-Bold" if r == 0 else "Helvetica", 9)
        x = x0
        for w, cell in zip(widths, row):
            c.drawString(x + 4, y - 8, cell)
            x += w
        y -= row_h
    bottom = top - row_h * len(rows)
    for r in range(len(rows) + 1):
        c.line(x0, top - r * row_h, x0 + sum(widths), top - r * row_h)
    x = x0
    for w in [0] + widths:
        x += w
        c.line(x, top, x, bottom)
    return bottom - 14


def build_one_page(path: Path, lines: list[str], cjk: bool) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    font = "Helvetica"
    if cjk:
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.cidfonts import UnicodeCIDFont

        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
        font = "STSong-Light"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    y = 790
    for line in lines:
        c.setFont(font, 10)
        c.drawString(56, y, line)
        y -= 15
    c.showPage()
    c.save()
    return path


def documents(quick: bool) -> dict[str, list[Path]]:
    OUT.mkdir(parents=True, exist_ok=True)
    docs = {"one_page": [], "long": [], "corpus": sorted(ROOT.glob("corpora/*/*/*.pdf"))}
    docs["one_page"].append(_cached(OUT / "one-page-en.pdf", lambda p: build_one_page(p, ONE_PAGE_EN, False)))
    docs["one_page"].append(_cached(OUT / "one-page-zh.pdf", lambda p: build_one_page(p, ONE_PAGE_ZH, True)))
    for n in ((100,) if quick else (100, 500)):
        docs["long"].append(_cached(OUT / f"msa-{n}-pages.pdf", lambda p, n=n: build_master_agreement(p, n)))
    if not docs["corpus"]:  # the corpus is not built yet: stand-ins of a few pages
        for k in range(6):
            docs["corpus"].append(_cached(OUT / f"standin-{k}.pdf",
                                          lambda p, k=k: build_master_agreement(p, 2 + k % 3, seed=k)))
    return docs


def _cached(path: Path, build) -> Path:
    stamp = path.with_suffix(".src")
    me = str(Path(__file__).stat().st_mtime_ns)
    if not path.exists() or not stamp.exists() or stamp.read_text() != me:
        build(path)
        stamp.write_text(me)
    return path


# -- children -------------------------------------------------------------------------------


def child_timings(tool: str, files: list[str]) -> dict:
    """One process, warm (start-up excluded: imports, spaCy pipelines, jieba's dictionary,
    pdfminer's CMaps): CPU and wall seconds per file for one tool. The bare pdfplumber
    baseline runs in its own process, with nothing of slacheck imported."""
    import logging

    import pdfplumber

    for name in ("pdfminer", "pdfplumber"):
        logging.getLogger(name).setLevel(logging.ERROR)

    if tool == "slacheck":
        import slacheck

        def one(path):
            return slacheck.analyze(path, timeout=None).source["pages"]

        slacheck.analyze_text("Monthly Uptime Percentage of at least 99.9%.")
        slacheck.analyze_text("本服务的月度服务可用性不低于99.9%。")
    else:
        def one(path):
            with pdfplumber.open(path) as pdf:
                for page in pdf.pages:
                    page.extract_text()
                    page.close()
                return len(pdf.pages)

    t0 = time.perf_counter()
    for path in files:  # warm-up pass: CMaps and fonts pdfminer caches per process
        if "msa-" not in path:
            one(path)
    warmup = time.perf_counter() - t0
    out = {}
    for path in files:
        w, c = time.perf_counter(), time.process_time()
        pages = one(path)
        out[path] = {"cpu": time.process_time() - c, "wall": time.perf_counter() - w, "pages": pages}
    return {"files": out, "warmup": warmup}


def timings(files: list[str], rounds: int) -> dict:
    """Rounds of (slacheck process, pdfplumber process), alternated so that a busy spell on
    this shared machine hits both; per file the best round counts."""
    best: dict[str, dict] = {}
    warmup = 0.0
    for _ in range(rounds):
        for tool in ("slacheck", "pdfplumber"):
            proc = subprocess.run([PY, __file__, "--child", f"timings-{tool}", *files], capture_output=True, text=True)
            if proc.returncode != 0:
                raise SystemExit(proc.stderr[-3000:])
            got = json.loads(proc.stdout)
            warmup = max(warmup, got["warmup"]) if tool == "slacheck" else warmup
            for path, v in got["files"].items():
                b = best.setdefault(path, {"pages": v["pages"]})
                for key, field in ((tool, "cpu"), (f"{tool}_wall", "wall")):
                    b[key] = min(b.get(key, float("inf")), v[field])
    return {"files": best, "warmup": warmup}


def _slacheck_cmd() -> list[str]:
    script = Path(PY).with_name("slacheck")
    return [str(script)] if script.exists() else [PY, "-c", "from slacheck.cli.app import main; main()"]


def run_measured(cmd: list[str], env: dict | None = None) -> dict:
    """Run ``cmd`` in a fresh process: wall seconds, peak RSS (MB) of that child, exit code."""
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode(errors="replace")
    proc.stderr.close()
    return {"seconds": wall, "rss_mb": usage.ru_maxrss / 1024, "exit": proc.returncode, "stderr": err[-500:]}


def _busy_seconds() -> float:
    """CPU-seconds all processes on this machine have used (from /proc/stat)."""
    try:
        fields = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
        user, nice, system, idle, iowait, irq, softirq, steal = (int(x) for x in fields[:8])
        return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return float("nan")


def run_batch(cmd: list[str], env: dict) -> dict:
    """A batch run, timestamping each JSON line: wall seconds, steady-state docs/s (from the
    first result to the last, so worker start-up is left out), and the CPU-seconds other
    processes on the machine took meanwhile (a busy machine cannot show two-core scaling)."""
    busy0 = _busy_seconds()
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    stamps = [time.perf_counter() - t for _ in iter(proc.stdout.readline, b"")]
    proc.stdout.close()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t
    ours = usage.ru_utime + usage.ru_stime
    others = max(0.0, _busy_seconds() - busy0 - ours)
    steady = (len(stamps) - 1) / (stamps[-1] - stamps[0]) if len(stamps) > 1 and stamps[-1] > stamps[0] else None
    return {"seconds": wall, "files": len(stamps), "exit": os.waitstatus_to_exitcode(status),
            "docs_per_s": len(stamps) / wall, "steady_docs_per_s": steady, "first_result_s": stamps[0] if stamps else None,
            "cpu_s": ours, "other_processes_cpu_s": others}


def median_run(cmd: list[str], n: int, env=None) -> dict:
    runs = [run_measured(cmd, env) for _ in range(n)]
    return {"seconds": statistics.median(r["seconds"] for r in runs),
            "rss_mb": max(r["rss_mb"] for r in runs), "exit": max(r["exit"] for r in runs),
            "stderr": runs[-1]["stderr"]}


# -- the run -------------------------------------------------------------------------------


def machine() -> dict:
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    versions = {}
    for pkg in ("slacheck", "pdfplumber", "pdfminer.six", "spacy", "jieba"):
        try:
            from importlib.metadata import version

            versions[pkg] = version(pkg)
        except Exception:
            versions[pkg] = None
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gib": mem, "python": platform.python_version(),
            "system": f"{platform.system()} {platform.release()}", "versions": versions}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="fewer repeats, no 500-page document")
    ap.add_argument("--repeat", type=int, default=None, help="runs per measurement (best or median)")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("args", nargs="*", help=argparse.SUPPRESS)
    opts = ap.parse_args()
    if opts.child and opts.child.startswith("timings-"):
        print(json.dumps(child_timings(opts.child.split("-", 1)[1], opts.args)))
        return 0

    repeat = opts.repeat or (2 if opts.quick else 3)
    docs = documents(opts.quick)
    results: dict = {"machine": machine(), "when": time.strftime("%Y-%m-%d %H:%M:%S"), "quick": opts.quick}
    say = lambda *a: print(*a, file=sys.stderr, flush=True)  # noqa: E731

    # 1. warm per-document time, one process, start-up excluded
    say(f"timing {len(docs['corpus'])} corpus PDFs + {len(docs['long'])} long documents (best of {repeat}) ...")
    files = [str(p) for p in docs["corpus"]]
    corpus_t = timings(files, repeat)
    long_t = timings([str(p) for p in docs["long"]], 1) if docs["long"] else {"files": {}}
    results["per_document"] = {**corpus_t["files"], **long_t["files"]}
    per = corpus_t["files"].values()
    s_sum, b_sum = sum(v["slacheck"] for v in per), sum(v["pdfplumber"] for v in per)
    s_wall, b_wall = sum(v["slacheck_wall"] for v in per), sum(v["pdfplumber_wall"] for v in per)
    results["corpus"] = {"files": len(files), "pages": sum(v["pages"] for v in per),
                         "slacheck_s": s_sum, "pdfplumber_s": b_sum, "ratio": s_sum / b_sum,
                         "slacheck_wall_s": s_wall, "pdfplumber_wall_s": b_wall, "wall_ratio": s_wall / b_wall,
                         "warmup_s": corpus_t["warmup"]}

    # 2. peak RSS per document, fresh process each
    say("peak RSS, one fresh process per document ...")
    rss = {}
    rss_docs = docs["long"] + docs["one_page"] + docs["corpus"][:: max(1, len(docs["corpus"]) // 6)][:6]
    for p in rss_docs:
        s = run_measured(_slacheck_cmd() + ["review", str(p), "--format", "json", "--timeout", "3600"])
        b = run_measured([PY, "-c", BARE_PDFPLUMBER, str(p)])
        if s["exit"] != 0:
            say(f"  slacheck exited {s['exit']} on {p.name}: {s['stderr']}")
        rss[str(p)] = {"slacheck_mb": s["rss_mb"], "pdfplumber_mb": b["rss_mb"],
                       "slacheck_cold_s": s["seconds"], "pdfplumber_cold_s": b["seconds"], "exit": s["exit"]}
    results["rss"] = rss

    # 3. start-up and 4. cold one-page review
    say("start-up and cold review ...")
    n = 5 if opts.quick else 9
    help_run = median_run(_slacheck_cmd() + ["--help"], n)
    bare_py = median_run([PY, "-c", "pass"], n)
    results["startup"] = {"help_s": help_run["seconds"], "python_s": bare_py["seconds"]}
    cold = {}
    for p in docs["one_page"]:
        s = median_run(_slacheck_cmd() + ["review", str(p)], max(3, n // 2))
        b = median_run([PY, "-c", BARE_PDFPLUMBER, str(p)], max(3, n // 2))
        cold[p.stem] = {"slacheck_s": s["seconds"], "pdfplumber_s": b["seconds"], "exit": s["exit"]}
    results["cold_review"] = cold

    # 5. batch throughput, 1 and 2 workers
    say("batch throughput, 1 and 2 workers ...")
    results["batch"] = batch_throughput(docs["corpus"], corpus_t["files"], quick=opts.quick)

    results["targets"] = evaluate_targets(results)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "results.json").write_text(json.dumps(results, indent=2, ensure_ascii=False))
    print(report(results))
    print(f"\nwritten: {OUT / 'results.json'}")
    return 0


SPIN = "x = 0\nfor i in range(12_000_000):\n    x += i * i\n"


def machine_scaling(rounds: int = 3) -> float:
    """How much two processes of plain Python get done at once against one, on this
    machine now (the ceiling for two batch workers). Best of a few rounds."""
    best = 0.0
    for _ in range(rounds):
        t = time.perf_counter()
        subprocess.run([PY, "-c", SPIN], check=True)
        one = time.perf_counter() - t
        t = time.perf_counter()
        procs = [subprocess.Popen([PY, "-c", SPIN]) for _ in range(2)]
        for p in procs:
            p.wait()
        two = time.perf_counter() - t
        best = max(best, 2 * one / two)
    return best


def batch_throughput(corpus: list[Path], timings: dict, quick: bool) -> dict:
    """Copies of the corpus (distinct names, same bytes; --no-cache) sized so that one
    worker has about 20 s (quick: 6 s) of work."""
    per_pass = sum(v["slacheck"] for v in timings.values()) or 1.0
    copies = 2 * max(1, round((6.0 if quick else 20.0) / per_pass / 2))  # even: two halves below
    out = {}
    with tempfile.TemporaryDirectory(prefix="slacheck-bench-") as tmp:
        folder = Path(tmp) / "docs"
        for k in range(copies):
            d = folder / ("a" if k % 2 == 0 else "b") / f"copy{k}"
            d.mkdir(parents=True)
            for p in corpus:
                shutil.copy(p, d / p.name)
        env = dict(os.environ, XDG_CACHE_HOME=str(Path(tmp) / "cache"))
        count = len(corpus) * copies
        for _ in range(1 if quick else 2):  # alternated; the best run of each counts
            for workers in (1, 2):
                r = run_batch(_slacheck_cmd() + ["batch", str(folder), "--no-cache", "--format", "jsonl",
                                                 "--workers", str(workers)], env)
                if r["files"] != count:
                    print(f"batch returned {r['files']} of {count} results", file=sys.stderr)
                prev = out.get(f"workers_{workers}")
                if prev is None or r["seconds"] < prev["seconds"]:
                    out[f"workers_{workers}"] = r
        # the ceiling: two independent one-worker batches, one per half, at the same time
        t = time.perf_counter()
        procs = [subprocess.Popen(_slacheck_cmd() + ["batch", str(folder / half), "--no-cache", "--format", "jsonl",
                                                     "--workers", "1"], stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL, env=env) for half in ("a", "b")]
        for p in procs:
            p.wait()
        out["two_independent_s"] = time.perf_counter() - t
        # and the cache: a first run fills it, the second reads it
        run_measured(_slacheck_cmd() + ["batch", str(folder), "--format", "jsonl"], env)
        r = run_measured(_slacheck_cmd() + ["batch", str(folder), "--format", "jsonl"], env)
        out["cached_rerun_s"] = r["seconds"]
    out["speedup_total"] = out["workers_2"]["docs_per_s"] / out["workers_1"]["docs_per_s"]
    s1, s2 = out["workers_1"]["steady_docs_per_s"], out["workers_2"]["steady_docs_per_s"]
    out["speedup"] = s2 / s1 if s1 and s2 else out["speedup_total"]
    out["cores"] = os.cpu_count()
    out["machine_scaling"] = machine_scaling()
    out["independent_scaling"] = out["workers_1"]["seconds"] / out["two_independent_s"]
    return out


def evaluate_targets(r: dict) -> list[dict]:
    long_rss = {Path(k).stem: v for k, v in r["rss"].items() if "msa-" in k}
    rows = []

    def add(name, value, baseline, baseline_name, target, unit, lower_is_better=True, ratio=None):
        ratio = ratio if ratio is not None else (value / baseline if baseline else None)
        met = (value <= target) if lower_is_better else (value >= target)
        rows.append({"target": name, "value": value, "unit": unit, "baseline": baseline,
                     "baseline_name": baseline_name, "ratio": ratio,
                     "goal": f"{'<=' if lower_is_better else '>='} {target:g}{unit}", "met": met})

    c = r["corpus"]
    add(f"corpus review CPU time ({c['files']} PDFs, {c['pages']} pages), warm", c["ratio"], None,
        f"bare pdfplumber {c['pdfplumber_s']:.2f} s CPU vs slacheck {c['slacheck_s']:.2f} s "
        f"(wall {c['pdfplumber_wall_s']:.2f} vs {c['slacheck_wall_s']:.2f} s, {c['wall_ratio']:.2f}x)",
        TARGETS["corpus_time_ratio"], "x", ratio=c["ratio"])
    add("slacheck --help", r["startup"]["help_s"], r["startup"]["python_s"], "python -c pass",
        TARGETS["help_seconds"], " s")
    for name, v in r["cold_review"].items():
        add(f"cold review, {name}", v["slacheck_s"], v["pdfplumber_s"], "cold bare pdfplumber",
            TARGETS["cold_review_seconds"], " s")
    if "msa-100-pages" in long_rss:
        v = long_rss["msa-100-pages"]
        add("peak RSS, 100-page document", v["slacheck_mb"], v["pdfplumber_mb"], "bare pdfplumber",
            TARGETS["rss_100_mb"], " MB")
    if "msa-100-pages" in long_rss and "msa-500-pages" in long_rss:
        a, b = long_rss["msa-100-pages"], long_rss["msa-500-pages"]
        growth = b["slacheck_mb"] / a["slacheck_mb"]
        add("peak RSS growth, 500 / 100 pages", growth, b["pdfplumber_mb"] / a["pdfplumber_mb"],
            "bare pdfplumber's growth", TARGETS["rss_growth_500_over_100"], "x")
    bt = r["batch"]
    w1, w2 = bt["workers_1"], bt["workers_2"]
    add(f"batch steady throughput, 2 workers / 1 ({bt['cores']} cores)", bt["speedup"], None,
        f"1 worker {w1['steady_docs_per_s']:.2f} docs/s, 2 workers {w2['steady_docs_per_s']:.2f} docs/s; "
        f"start-up included {bt['speedup_total']:.2f}x; other processes took {w1['other_processes_cpu_s']:.1f} / "
        f"{w2['other_processes_cpu_s']:.1f} CPU-s during the runs; two independent one-worker batches "
        f"reach {bt['independent_scaling']:.2f}x, two plain Python loops {bt['machine_scaling']:.2f}x",
        TARGETS["batch_speedup_2_over_1"], "x", lower_is_better=False, ratio=bt["speedup"])
    return rows


def report(r: dict) -> str:
    m = r["machine"]
    lines = [f"machine: {m['cpu']}, {m['cores']} cores, {m['memory_gib']} GiB, Python {m['python']}, "
             f"pdfplumber {m['versions'].get('pdfplumber')}, spaCy {m['versions'].get('spacy')}", ""]
    lines.append("per document, warm, one process, best of N: CPU seconds (wall seconds)")
    lines.append(f"  {'document':40} {'pages':>5} {'slacheck':>16} {'pdfplumber':>16} {'ratio':>6}")
    rows = list(r["per_document"].items())
    c = r["corpus"]
    for path, v in rows:
        lines.append(f"  {Path(path).name[:40]:40} {v['pages']:>5} {v['slacheck']:>7.3f} ({v['slacheck_wall']:>6.3f})"
                     f" {v['pdfplumber']:>7.3f} ({v['pdfplumber_wall']:>6.3f}) {v['slacheck'] / v['pdfplumber']:>6.2f}")
    lines.append(f"  {'corpus total (' + str(c['files']) + ' PDFs)':40} {c['pages']:>5} {c['slacheck_s']:>7.3f} "
                 f"({c['slacheck_wall_s']:>6.3f}) {c['pdfplumber_s']:>7.3f} ({c['pdfplumber_wall_s']:>6.3f}) "
                 f"{c['ratio']:>6.2f}")
    lines.append("")
    lines.append("peak RSS and wall time, one fresh process per document")
    lines.append(f"  {'document':44} {'slacheck MB':>11} {'pdfplumber MB':>13} {'ratio':>6} {'slacheck s':>10} "
                 f"{'pdfplumber s':>12}")
    for path, v in r["rss"].items():
        lines.append(f"  {Path(path).name[:44]:44} {v['slacheck_mb']:>11.1f} {v['pdfplumber_mb']:>13.1f} "
                     f"{v['slacheck_mb'] / v['pdfplumber_mb']:>6.2f} {v['slacheck_cold_s']:>10.2f} "
                     f"{v['pdfplumber_cold_s']:>12.2f}")
    lines.append("")
    b = r["batch"]
    lines.append(f"batch --no-cache over {b['workers_1']['files']} files: 1 worker {b['workers_1']['seconds']:.2f} s, "
                 f"2 workers {b['workers_2']['seconds']:.2f} s (first result after {b['workers_1']['first_result_s']:.2f} / "
                 f"{b['workers_2']['first_result_s']:.2f} s); cached re-run {b['cached_rerun_s']:.2f} s")
    lines.append("")
    lines.append(f"  {'target':52} {'value':>9} {'baseline':>9} {'ratio':>6} {'goal':>9}  ")
    for t in r["targets"]:
        value = f"{t['value']:.3f}{t['unit'].strip()}" if t["unit"].strip() != "x" else f"{t['value']:.2f}x"
        base = "" if t["baseline"] is None else f"{t['baseline']:.3f}"
        ratio = "" if t["ratio"] is None else f"{t['ratio']:.2f}"
        lines.append(f"  {t['target'][:52]:52} {value:>9} {base:>9} {ratio:>6} {t['goal']:>9}  "
                     f"{'met' if t['met'] else 'NOT met'}")
        lines.append(f"  {'':52} baseline: {t['baseline_name']}")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
