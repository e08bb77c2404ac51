"""`consilience ingest`: store articles and place them in stories, printing no brief."""

from __future__ import annotations

import json
import sys

import click

from ._common import DB_OPTION, RichReporter, error_rows, format_option, open_db, summarise


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True)
@DB_OPTION
@format_option(["terminal", "json"], "terminal")
@click.option("-q", "--quiet", is_flag=True, help="No progress or summary on stderr.")
@click.option("--record-briefs/--no-record-briefs", default=True, show_default=True,
              help="Record the briefs of the stories that changed, so `serve` and `report` "
                   "answer at once; --no-record-briefs makes bulk loads faster and leaves "
                   "them to be built when first asked for.")
def command(paths: tuple[str, ...], db: str, fmt: str, quiet: bool, record_briefs: bool) -> None:
    """Read articles into the database and group them into stories.

    Same inputs as `analyze` (text, HTML, RSS/Atom, JSONL, WARC, folders, `-` for
    JSONL on stdin). Re-ingesting an article stores it once and says so.
    Nothing is printed on stdout but the summary with --format json.

    \b
    Examples:
      consilience ingest feeds/ archive.warc.gz --db news.db
      consilience ingest bodies.jsonl --db news.db --format json
    """
    from ..pipeline import ingest

    reporter = RichReporter(quiet=quiet)
    store = open_db(db)
    try:
        report = ingest(paths, store, reporter, stats=record_briefs)
    finally:
        store.close()
    summarise(report, reporter)
    if fmt == "json":
        json.dump(
            {
                "read": report.read,
                "added": report.added,
                "already_stored": [{"path": p, "id": i} for p, i in report.duplicates],
                "conflicts": [{"path": p, "id": i} for p, i in report.conflicts],
                "errors": error_rows(report.errors),
                "merges": [{"absorbed": a, "into": b} for a, b in report.merges],
            },
            sys.stdout,
            indent=2,
        )
        sys.stdout.write("\n")
    if report.failed:
        sys.exit(1)
