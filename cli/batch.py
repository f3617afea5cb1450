"""`slacheck batch DIR`: review every supported file under a folder, in worker processes.

One bad file never stops the batch: a file that fails becomes an error record with the
code and exit code it would have had alone, a file that runs past ``--timeout`` has its
worker ended (a fresh one takes its place), and a worker that dies is reported the same
way. Results are cached by content hash, slacheck version and a fingerprint of the
installed code, so an unchanged folder is reviewed again almost instantly.

Only typer and the standard library are imported here at module level (so `slacheck --help`
stays instant); pdfplumber and spaCy load when there is something to review, once in this
process when workers are forked from it, else in each worker.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import time
from collections import deque
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Callable, Optional

import typer

SUPPORTED_SUFFIXES = (".pdf", ".txt", ".text", ".md", ".markdown", ".html", ".htm")
# Errors that depend on the moment (a busy machine, a dying worker) are not cached.
UNCACHED_CODES = {"timeout", "internal", "worker_died"}
START_GRACE = 60.0  # seconds a fresh worker may take to import before its first document


class BatchFormat(str, Enum):
    table = "table"
    jsonl = "jsonl"


# -- one document, inside a worker -------------------------------------------------------


def error_record(err) -> dict:
    """A :class:`slacheck.errors.SlacheckError` as the batch reports it."""
    return {"code": err.code, "exit_code": err.exit_code, "message": err.line()}


def review_file(path: str, max_pages: int, timeout: float) -> dict:
    """``{"review": <the JSON contract>}`` or ``{"error": {...}}``; never raises."""
    from slacheck.errors import SlacheckError

    try:
        from slacheck.api import analyze

        return {"review": analyze(path, max_pages=max_pages, timeout=timeout).to_dict()}
    except SlacheckError as err:
        return {"error": error_record(err)}
    except Exception as exc:  # a bug: report it for this file and keep the batch going
        return {"error": {"code": "internal", "exit_code": 1,
                          "message": f"{path}: slacheck failed on this file ({type(exc).__name__}: {exc}) "
                                     "(please report it with the file)"}}


_WARM_EN = "Monthly Uptime Percentage of at least 99.9%. Service Credits: 10% of the monthly fee."
_WARM_ZH = "本服务的月度服务可用性不低于99.9%。低于99.9%的，赔偿月度服务费的10%。"


def warm_up() -> None:
    """Load what every review needs (pdfplumber, the extractors and rules, both spaCy
    pipelines with jieba's dictionary) by reviewing two sentences: done once in the batch
    process, so that workers forked from it start warm instead of each loading it all."""
    import pdfplumber  # noqa: F401
    import pdfplumber.page  # noqa: F401

    from slacheck.api import analyze_text

    analyze_text(_WARM_EN, "en")
    analyze_text(_WARM_ZH, "zh")


def _serve(conn, work: Callable, options: dict) -> None:
    """A worker's loop: receive ``(key, path)``, announce the start, send the result."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    while True:
        try:
            msg = conn.recv()
        except (EOFError, OSError):
            return
        if msg is None:
            return
        key, path = msg
        conn.send(("start", key, time.monotonic()))  # one clock for all processes (Linux)
        conn.send(("done", key, work(path, **options)))


# -- the pool -----------------------------------------------------------------------------


@dataclass
class _Worker:
    process: object
    conn: object
    born: float
    job: Optional[tuple] = None  # (key, path)
    started: Optional[float] = None  # when the worker began the job (its clock)
    sent: float = 0.0


@dataclass
class PoolStats:
    spawned: int = 0
    killed: int = 0


TICK = 0.25  # seconds between calls of run_pool's ``tick`` (the progress bar's clock)


def start_method() -> str:
    """fork where it is safe and cheap (Linux, this process running no other thread):
    workers then inherit what ``prepare`` loaded; spawn (a fresh interpreter per worker)
    elsewhere."""
    import multiprocessing
    import threading

    if sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods() \
            and threading.active_count() == 1:
        return "fork"
    return "spawn"


def run_pool(jobs: list[tuple[object, str]], on_result: Callable[[object, str, dict], None], *,
             workers: int, timeout: float, work: Callable = review_file,
             options: Optional[dict] = None, stats: Optional[PoolStats] = None,
             prepare: Optional[Callable[[], None]] = None, tick: Optional[Callable[[], None]] = None) -> None:
    """Run ``work(path, **options)`` for each ``(key, path)`` job in up to ``workers``
    processes, one job at a time per process. ``on_result(key, path, result)`` is called in
    this process as results arrive. A job past ``timeout`` seconds has its process killed
    and is reported as a timeout; a process that dies is reported and replaced.

    Workers are forked from this process when that is safe (:func:`start_method`), after
    ``prepare()`` has loaded here what they all need, so they start warm and share it;
    otherwise they are spawned and load it themselves. ``tick()`` is called every
    :data:`TICK` seconds while waiting (no thread is needed for a progress bar)."""
    import gc
    import multiprocessing
    from multiprocessing.connection import wait

    method = start_method()
    ctx = multiprocessing.get_context(method)
    options = dict(options or {})
    stats = stats or PoolStats()
    queue = deque(jobs)
    pool: list[_Worker] = []
    prepared = method != "fork" or prepare is None

    frozen = False

    def spawn() -> _Worker:
        nonlocal prepared, frozen
        if not prepared:
            prepared = True
            try:
                prepare()
            except Exception:
                pass  # each worker loads what it needs itself, and reports what fails
            if not gc.get_freeze_count():
                # what is loaded stays out of the collector's passes here and in the workers,
                # whose memory it then shares (a pass would touch, and so copy, every object)
                gc.freeze()
                frozen = True
        parent, child = ctx.Pipe()
        proc = ctx.Process(target=_serve, args=(child, work, options), daemon=True)
        proc.start()
        child.close()
        stats.spawned += 1
        return _Worker(proc, parent, time.monotonic())

    def retire(w: _Worker, kill: bool) -> None:
        if kill:
            stats.killed += 1
            w.process.kill()
        w.process.join(5)
        w.conn.close()
        pool.remove(w)

    try:
        while queue or any(w.job for w in pool):
            for w in [w for w in pool if w.job is None] + [None] * (workers - len(pool)):
                if not queue:
                    break
                w = w or spawn()
                if w not in pool:
                    pool.append(w)
                w.job, w.started, w.sent = queue.popleft(), None, time.monotonic()
                try:
                    w.conn.send(w.job)
                except (BrokenPipeError, OSError):
                    pass  # found dead below
            busy = [w for w in pool if w.job]
            now = time.monotonic()
            limits = [(w.started + timeout) if w.started is not None else (w.sent + START_GRACE + timeout)
                      for w in busy]
            if tick is not None:
                limits.append(now + TICK)
            wait([w.conn for w in busy] + [w.process.sentinel for w in busy],
                 timeout=max(0.0, min(limits) - now) if limits else None)
            if tick is not None:
                tick()
            for w in busy:
                result = None
                try:
                    while w.job and w.conn.poll():
                        msg = w.conn.recv()
                        if msg[0] == "start":
                            w.started = msg[2]
                        elif msg[0] == "done":
                            result = msg[2]
                            key, path = w.job
                            w.job = None
                            on_result(key, path, result)
                except (EOFError, OSError):
                    pass
                if w.job is None:
                    continue
                key, path = w.job
                now = time.monotonic()
                if not w.process.is_alive():
                    code = w.process.exitcode
                    retire(w, kill=False)
                    on_result(key, path, {"error": {
                        "code": "worker_died", "exit_code": 1,
                        "message": f"{path}: the worker reviewing it died (exit status {code}; "
                                   "out of memory?) (review it alone with `slacheck review`)"}})
                elif (w.started is not None and now - w.started > timeout) or \
                        (w.started is None and now - w.sent > START_GRACE + timeout):
                    retire(w, kill=True)
                    on_result(key, path, {"error": timeout_record(path, timeout)})
    finally:
        for w in list(pool):
            try:
                w.conn.send(None)
            except (BrokenPipeError, OSError):
                pass
        for w in list(pool):
            w.process.join(1)
            if w.process.is_alive():
                w.process.kill()
                w.process.join(1)
            w.conn.close()
        if frozen:
            gc.unfreeze()


def timeout_record(path: str, timeout: float) -> dict:
    from slacheck.errors import TimeBudgetExceeded

    return error_record(TimeBudgetExceeded(path, f"reviewing it took longer than {timeout:g} s, "
                                           "its worker was ended", "raise it with --timeout"))


# -- the cache ----------------------------------------------------------------------------


def cache_root() -> Path:
    from slacheck.paths import cache_root as root

    return root()


def code_fingerprint() -> str:
    """The slacheck version plus the size and mtime of every file of the installed code
    and knowledge, so an editable install never serves results of code since changed."""
    from importlib.util import find_spec

    from slacheck import __version__

    digest = hashlib.sha256(__version__.encode())
    for name in ("slacheck", "slacheck.clauses", "slacheck.extractors", "slacheck.knowledge"):
        spec = find_spec(name)
        for root in (spec.submodule_search_locations or []) if spec else []:
            for dirpath, dirnames, filenames in os.walk(root):
                dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
                for fn in sorted(filenames):
                    if fn.endswith((".pyc", ".pyo")):
                        continue
                    st = os.stat(os.path.join(dirpath, fn))
                    rel = os.path.relpath(os.path.join(dirpath, fn), root)
                    digest.update(f"{name}/{rel}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class Cache:
    """One JSON file per (content, code, options) under the user's cache folder."""

    def __init__(self, root: Path, fingerprint: str, max_pages: int) -> None:
        self.dir = root / "batch"
        self.salt = f"{fingerprint}\0{max_pages}"

    def key(self, sha: str) -> str:
        return hashlib.sha256(f"{self.salt}\0{sha}".encode()).hexdigest()

    def _file(self, key: str) -> Path:
        return self.dir / key[:2] / f"{key}.json"

    def get(self, key: str, path: str) -> Optional[dict]:
        try:
            data = json.loads(self._file(key).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if "review" in data:
            data["review"]["source"]["path"] = path
        elif "error" in data:
            err = data["error"]
            err["message"] = f"{path}: {err.pop('detail')}" if "detail" in err else err.get("message", "")
        else:
            return None
        return data

    def put(self, key: str, path: str, result: dict) -> None:
        if "error" in result:
            if result["error"].get("code") in UNCACHED_CODES:
                return
            err = dict(result["error"])
            prefix = f"{path}: "
            if err.get("message", "").startswith(prefix):
                err["detail"] = err.pop("message")[len(prefix):]
            result = {"error": err}
        target = self._file(key)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")
            os.replace(tmp, target)
        except OSError:
            pass  # a read-only or full cache folder only costs speed


# -- finding files and rendering ----------------------------------------------------------


def find_files(folder: Path, pattern: Optional[str]) -> list[Path]:
    candidates = folder.glob(pattern) if pattern else folder.rglob("*")
    return sorted(p for p in candidates
                  if p.suffix.lower() in SUPPORTED_SUFFIXES and p.is_file()
                  and not any(part.startswith(".") for part in p.relative_to(folder).parts))


def _num(x) -> str:
    x = float(x)
    return f"{int(x)}" if x.is_integer() else f"{x:g}"


def summary_row(review: dict) -> list[str]:
    """provider, commitment, worst credit, cap, claim window, high risks."""
    uptimes = sorted({c["uptime_percent"] for c in review.get("commitments") or []}, reverse=True)
    commitment = " / ".join(f"{_num(u)}%" for u in uptimes) or "-"
    credits = [t["credit_percent"] for t in review.get("credit_tiers") or [] if t.get("credit_percent") is not None]
    if credits:
        worst = f"{_num(max(credits))}%"
    elif review.get("duration_credits"):
        d = review["duration_credits"][0]
        per = f"{_num(d['credit_percent'])}%" if d.get("credit_percent") is not None else f"{_num(d['credit_days'])} d"
        worst = f"{per}/{_num(d['per_minutes'])} min"
    else:
        worst = "-"
    cap = review.get("credit_cap_percent")
    claim = review.get("claim") or {}
    window = "-"
    if claim.get("window_days") is not None:
        window = f"{_num(claim['window_days'])} {'business days' if claim.get('business_days') else 'days'}"
    high = sum(1 for r in review.get("risks") or [] if r.get("severity") == "high")
    return [review.get("provider") or "?", commitment, worst, "none" if cap is None else f"{_num(cap)}%",
            window, str(high)]


def render_table(rows: list[tuple[str, dict]], width: int) -> str:
    import io

    from rich.console import Console
    from rich.table import Table

    table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
    table.add_column("file", overflow="fold", min_width=12, max_width=max(24, width // 3))
    table.add_column("provider", overflow="fold", min_width=8, max_width=28)
    for name, justify in (("commitment", "left"), ("worst credit", "right"), ("cap", "right"),
                          ("claim window", "left"), ("high risks", "right")):
        table.add_column(name, justify=justify, overflow="fold", min_width=4)
    failed = 0
    for name, result in rows:
        if "review" in result:
            table.add_row(name, *summary_row(result["review"]))
        else:
            failed += 1
            err = result["error"]
            table.add_row(name, f"error: {err['code']}", f"exit {err['exit_code']}", "", "", "", "")
    buf = io.StringIO()
    console = Console(file=buf, width=width, force_terminal=False, no_color=True, highlight=False,
                      soft_wrap=False)
    console.print(table)
    console.print(f"{len(rows)} file(s), {len(rows) - failed} reviewed, {failed} failed")
    return buf.getvalue().rstrip()


# -- the command --------------------------------------------------------------------------


def batch(
    folder: Path = typer.Argument(..., help="A folder of SLAs (.pdf, .txt, .md, .html), searched recursively."),
    format: BatchFormat = typer.Option(BatchFormat.table, "--format", "-f",
                                       help="table (a summary row per file) or jsonl (the review JSON, "
                                            "one object per file per line)."),
    glob: Optional[str] = typer.Option(None, "--glob", help="Only files matching this pattern, relative "
                                                            "to FOLDER (e.g. '*.pdf', 'en/**/*.pdf')."),
    workers: Optional[int] = typer.Option(None, "--workers", "-w", min=1, show_default=False,
                                          help="Worker processes (default: the number of cores)."),
    no_cache: bool = typer.Option(False, "--no-cache", help="Neither read nor write the result cache."),
    max_pages: int = typer.Option(500, "--max-pages", min=1, help="Refuse documents with more pages than this."),
    timeout: float = typer.Option(60.0, "--timeout", min=0.001,
                                  help="Seconds one document may take; its worker is then ended."),
) -> None:
    """Review every SLA under FOLDER in parallel. Exit 1 when any file failed.

    Results are cached by file content and slacheck version in $XDG_CACHE_HOME/slacheck
    (default ~/.cache/slacheck).
    """
    from slacheck.cli.app import fail
    from slacheck.errors import FileMissing

    if not folder.is_dir():
        fail(FileMissing(str(folder), "is not a folder", "name a folder of SLA files, or use `slacheck review`"))
    files = find_files(folder, glob)
    if not files:
        what = f"no file matching {glob!r}" if glob else "no .pdf, .txt, .md or .html file"
        fail(FileMissing(str(folder), f"holds {what}", "check the folder and --glob"))
    workers = workers or _cores()

    cache = None if no_cache else Cache(cache_root(), code_fingerprint(), max_pages)
    names = [str(p) for p in files]
    results: dict[int, dict] = {}
    jobs: list[tuple[int, str]] = []
    keys: dict[int, str] = {}
    for i, p in enumerate(files):
        if cache is not None:
            try:
                keys[i] = cache.key(file_sha256(p))
            except OSError:
                keys[i] = ""
            hit = cache.get(keys[i], names[i]) if keys[i] else None
            if hit is not None:
                results[i] = hit
                continue
        jobs.append((i, names[i]))

    out = _Emitter(names, format, _Progress(len(files)))
    for i in sorted(results):
        out.done(i, results[i])

    def on_result(i, path, result):
        results[i] = result
        if cache is not None and keys.get(i):
            cache.put(keys[i], path, result)
        out.done(i, result)

    try:
        if jobs:
            run_pool(jobs, on_result, workers=min(workers, len(jobs)), timeout=timeout,
                     options={"max_pages": max_pages, "timeout": timeout}, prepare=warm_up,
                     tick=out.progress.refresh)
    finally:
        out.close()
    if format is BatchFormat.table:
        import shutil

        rows = [(os.path.relpath(names[i], folder), results[i]) for i in range(len(files))]
        typer.echo(render_table(rows, shutil.get_terminal_size((120, 24)).columns))
    if any("error" in r for r in results.values()):
        raise typer.Exit(1)


def _cores() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


class _Progress:
    """A rich progress bar on stderr, shown only when stderr is a terminal."""

    def __init__(self, total: int) -> None:
        self.bar = None
        if not sys.stderr.isatty():
            return
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        # refreshed by the pool's tick, not by a thread of its own: workers can then be
        # forked from this process (see run_pool)
        self.bar = Progress(TextColumn("reviewing"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                            TextColumn("{task.fields[last]}"), console=Console(stderr=True), transient=True,
                            auto_refresh=False)
        self.task = self.bar.add_task("batch", total=total, last="")
        self.bar.start()

    def advance(self, name: str) -> None:
        if self.bar is not None:
            self.bar.update(self.task, advance=1, last=Path(name).name)
            self.bar.refresh()

    def refresh(self) -> None:
        if self.bar is not None:
            self.bar.refresh()

    def message(self, line: str) -> None:
        if self.bar is not None:
            self.bar.console.print(line, markup=False, highlight=False, soft_wrap=True)
        else:
            typer.echo(line, err=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()


class _Emitter:
    """Error lines on stderr as files finish; JSON lines on stdout in file order, each as
    soon as every file before it is done."""

    def __init__(self, names: list[str], fmt: BatchFormat, progress: _Progress) -> None:
        self.names = names
        self.fmt = fmt
        self.progress = progress
        self.ready: dict[int, dict] = {}
        self.next = 0

    def done(self, i: int, result: dict) -> None:
        self.progress.advance(self.names[i])
        if "error" in result:
            self.progress.message(f"slacheck: error: {result['error']['message']}")
        if self.fmt is not BatchFormat.jsonl:
            return
        self.ready[i] = result
        while self.next in self.ready:
            r = self.ready.pop(self.next)
            line = r["review"] if "review" in r else {"source": self.names[self.next], "error": r["error"]}
            typer.echo(json.dumps(line, ensure_ascii=False))
            self.next += 1

    def close(self) -> None:
        self.progress.close()
