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
TIMEOUT = typer.Option(60.0, "--timeout", min=0.1, help="Seconds one document may take to read.")


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


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("slacheck: interrupted", err=True)
        sys.exit(130)
