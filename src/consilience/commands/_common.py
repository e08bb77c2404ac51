"""Shared CLI pieces: options, the rich progress reporter, exit codes."""

from __future__ import annotations

import sys

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from ..models import InputError

DB_OPTION = click.option(
    "--db",
    default="consilience.db",
    show_default=True,
    envvar="CONSILIENCE_DB",
    type=click.Path(dir_okay=False),
    help="SQLite file that holds articles and stories (created when missing).",
)


def format_option(choices: list[str], default: str):
    return click.option(
        "--format", "fmt", type=click.Choice(choices), default=default, show_default=True, help="Output format."
    )


stderr = Console(stderr=True, highlight=False)


class RichReporter:
    """Progress bar and one-line errors on stderr, so stdout stays pipeable."""

    def __init__(self, quiet: bool = False):
        self.quiet = quiet
        self.progress: Progress | None = None
        self.task = None

    def error(self, err: InputError) -> None:
        # One line per bad input, naming the file (and line) and the reason.
        click.echo(f"error: {err}", err=True)

    def note(self, message: str) -> None:
        if not self.quiet:
            click.echo(message, err=True)

    def start(self, total: int, label: str) -> None:
        if self.quiet or total < 2 or not sys.stderr.isatty() and total < 50:
            return
        self.progress = Progress(
            TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
            console=stderr, transient=True,
        )
        self.progress.start()
        self.task = self.progress.add_task(label, total=total)

    def advance(self, n: int = 1) -> None:
        if self.progress is not None:
            self.progress.advance(self.task, n)

    def finish(self) -> None:
        if self.progress is not None:
            self.progress.stop()
            self.progress = None


def summarise(report, reporter: RichReporter) -> None:
    parts = [f"{report.read} article(s) read", f"{len(report.added)} new"]
    if report.duplicates:
        parts.append(f"{len(report.duplicates)} already stored (not added again)")
    if report.conflicts:
        parts.append(f"{len(report.conflicts)} id conflict(s) kept as stored")
    if report.errors:
        parts.append(f"{len(report.errors)} input error(s)")
    if report.merges:
        parts.append(f"{len(report.merges)} story merge(s)")
    reporter.note(": ".join([parts[0], ", ".join(parts[1:])]))
    for path, stored in report.duplicates[:20]:
        reporter.note(f"  {path}: already stored as {stored}")
    if len(report.duplicates) > 20:
        reporter.note(f"  … and {len(report.duplicates) - 20} more already stored")


def error_rows(errors: list[InputError]) -> list[dict]:
    """Input errors as the JSON summaries of `ingest` and `reextract` list them."""
    return [{"path": e.path, "line": e.line, "reason": e.reason} for e in errors]


def open_db(db: str):
    from ..errors import StoreError
    from ..store import open_store

    try:
        return open_store(db)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc
