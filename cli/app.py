"""The slacheck command line. Commands import their heavy stages lazily, so `--help` stays
instant (no spaCy, no pdfplumber)."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from slacheck import __version__
from slacheck.errors import SlacheckError

app = typer.Typer(
    name="slacheck",
    help="Read a cloud or SaaS Service Level Agreement and see what it really promises.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

MAX_PAGES = typer.Option(500, "--max-pages", min=1, help="Refuse documents with more pages than this.")
TIMEOUT = typer.Option(60.0, "--timeout", min=0.001, help="Seconds one document may take to read.")


class OutlineFormat(str, Enum):
    text = "text"
    json = "json"


def fail(err: SlacheckError) -> None:
    """The one place a user-caused error becomes a stderr line and an exit code."""
    typer.echo(f"slacheck: error: {err.line()}", err=True)
    raise typer.Exit(err.exit_code)


def warn(message: str) -> None:
    typer.echo(f"slacheck: warning: {message}", err=True)


def version_callback(value: bool) -> None:
    if value:
        typer.echo(f"slacheck {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Optional[bool] = typer.Option(None, "--version", callback=version_callback, is_eager=True,
                                           help="Print the version and exit."),
) -> None:
    """slacheck reads an SLA (PDF, text, Markdown or HTML) and reports its terms and risks.

    Exit codes: 0 ok; 1 a checklist item that blocks failed / a batch file failed; 2 usage;
    3 missing file or a directory; 4 empty file; 5 not a PDF or supported text file;
    6 truncated or corrupt PDF; 7 encrypted PDF; 8 no text layer; 9 too many pages;
    10 over the time budget; 11 too large; 12 bad option value.
    """


def read_document(path: Path, max_pages: int, timeout: float):
    from slacheck.clauses import read

    try:
        doc = read(path, max_pages=max_pages, timeout=timeout)
    except SlacheckError as err:
        fail(err)
    for w in doc.warnings:
        warn(f"{path}: {w}")
    return doc


@app.command()
def outline(
    file: Path = typer.Argument(..., help="The SLA: .pdf, .txt, .md or .html."),
    format: OutlineFormat = typer.Option(OutlineFormat.text, "--format", "-f", help="text or json."),
    max_pages: int = MAX_PAGES,
    timeout: float = TIMEOUT,
) -> None:
    """Print the clause tree with page numbers and the tables each clause holds."""
    from slacheck.cli import outline as render

    doc = read_document(file, max_pages, timeout)
    out = render.to_json(doc) if format is OutlineFormat.json else render.to_text(doc)
    typer.echo(out)


class ReviewFormat(str, Enum):
    terminal = "terminal"
    json = "json"
    markdown = "markdown"
    text = "text"


@app.command()
def review(
    file: Path = typer.Argument(..., help="The SLA: .pdf, .txt, .md or .html."),
    format: ReviewFormat = typer.Option(ReviewFormat.terminal, "--format", "-f",
                                        help="terminal (rich), json (the JSON contract), markdown or text."),
    explain: bool = typer.Option(False, "--explain", help="Show which pattern produced each finding."),
    lang: Optional[str] = typer.Option(None, "--lang", help="Report language: en or zh (default: the document's)."),
    max_pages: int = MAX_PAGES,
    timeout: float = TIMEOUT,
) -> None:
    """Review one SLA: commitments, credits, claims, exclusions and risks, each with its page."""
    from slacheck.api import summarize_document
    from slacheck.cli import review as render

    doc = read_document(file, max_pages, timeout)
    summary = summarize_document(doc)
    typer.echo(render.render(summary, format.value, explain=explain, lang=lang))


class EvalFormat(str, Enum):
    text = "text"
    json = "json"


@app.command()
def evaluate(
    folder: Path = typer.Argument(..., help="A folder of SLA files with <id>.json labels beside them."),
    format: EvalFormat = typer.Option(EvalFormat.text, "--format", "-f"),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="List each document's mismatches."),
) -> None:
    """Score the extractors against labelled documents: per-field precision and recall."""
    from slacheck.api import analyze
    from slacheck.cli import evaluate as render
    from slacheck.errors import FileMissing
    from slacheck.extractors.evaluate import evaluate as run, find_labelled

    if not folder.is_dir():
        fail(FileMissing(str(folder), "is not a folder", "name a folder of labelled SLAs"))
    if not find_labelled(folder):
        fail(FileMissing(str(folder), "holds no labelled documents (<id>.pdf with <id>.json)",
                         "see corpora/README.md for the label format"))
    results = run(folder, analyze)
    typer.echo(render.to_json(results) if format is EvalFormat.json else render.to_text(results, verbose))
    if any(r.error for r in results):
        raise typer.Exit(1)  # the scores leave those documents out: say so to a script too


class DocFormat(str, Enum):
    text = "text"
    markdown = "markdown"
    json = "json"


POLICY = typer.Option(None, "--policy", help="A policy TOML (copy knowledge/policy/default.toml).")


@app.command()
def checklist(
    file: Path = typer.Argument(..., help="The SLA to check before signing."),
    policy: Optional[Path] = POLICY,
    format: DocFormat = typer.Option(DocFormat.text, "--format", "-f", help="text, markdown (for a ticket) or json."),
    lang: Optional[str] = typer.Option(None, "--lang", help="Report language: en or zh."),
    max_pages: int = MAX_PAGES,
    timeout: float = TIMEOUT,
) -> None:
    """Pre-signing checklist: each item pass / fail / not found. Exit 1 when a blocking item fails."""
    from slacheck.api import summarize_document
    from slacheck.cli import checklist as render
    from slacheck.knowledge import checklist as build, rules

    try:
        pol = rules.load_policy(policy) if policy else rules.default_policy()
    except SlacheckError as err:
        fail(err)
    doc = read_document(file, max_pages, timeout)
    summary = summarize_document(doc, policy=pol)
    language = lang or summary.source["language"]
    items = build.build(summary.to_dict(), pol, language)
    if format is DocFormat.json:
        typer.echo(render.to_json(str(file), items))
    elif format is DocFormat.markdown:
        typer.echo(render.to_markdown(str(file), items, language))
    else:
        typer.echo(render.to_text(str(file), items, language))
    if any(i.blocking for i in items):
        raise typer.Exit(1)


@app.command()
def compare(
    a: Path = typer.Argument(..., help="The first SLA."),
    b: Path = typer.Argument(..., help="The second SLA (any language)."),
    format: DocFormat = typer.Option(DocFormat.text, "--format", "-f"),
    max_pages: int = MAX_PAGES,
    timeout: float = TIMEOUT,
) -> None:
    """Two SLAs side by side: commitments, credit at 99.9/99.5/99/95 %, cap, claims, exclusions."""
    from slacheck.api import summarize_document
    from slacheck.cli import compare as render
    from slacheck.knowledge.compare import compare as run

    sa = summarize_document(read_document(a, max_pages, timeout))
    sb = summarize_document(read_document(b, max_pages, timeout))
    result = run(sa, sb, sa.provider or str(a), sb.provider or str(b))
    out = {DocFormat.json: render.to_json, DocFormat.markdown: render.to_markdown}.get(format, render.to_text)(result)
    typer.echo(out)


# --- command modules -------------------------------------------------------------------
# Commands kept in their own modules register here, one line each. Those modules import
# only typer at the top; their heavy imports stay inside the command functions.
from slacheck.cli import outage as _outage  # noqa: E402

app.command("credit")(_outage.credit)
app.command("claim")(_outage.claim)
app.command("monitor")(_outage.monitor)
from slacheck.cli import batch as _batch  # noqa: E402
app.command(name="batch")(_batch.batch)


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("slacheck: interrupted", err=True)
        sys.exit(130)
