"""`consilience reextract`: bring stored claims and attributions up to this version's extraction."""

from __future__ import annotations

import json
import sys

import click

from ._common import DB_OPTION, RichReporter, error_rows, format_option, open_db


@click.command("reextract")
@DB_OPTION
@format_option(["terminal", "json"], "terminal")
@click.option("-q", "--quiet", is_flag=True, help="No progress or summary on stderr.")
def command(db: str, fmt: str, quiet: bool) -> None:
    """Extract again the claims and attributions of articles that another version
    of consilience stored.

    Extraction runs once, when an article is first stored. After an upgrade, the
    stored articles keep what the old code found, and `analyze` says how many
    there are. This command parses their stored text again, swaps in what this
    version finds, and briefs the stories they belong to again. Articles already
    current are left alone, so a second run does nothing. An article whose
    extraction fails keeps what it had, and the exit status is 1.

    \b
    Examples:
      consilience reextract --db news.db
      consilience reextract --db news.db --format json -q
    """
    from ..pipeline import reextract

    reporter = RichReporter(quiet=quiet)
    store = open_db(db)
    try:
        report = reextract(store, reporter)
    finally:
        store.close()
    reporter.note(f"{report.stale} article(s) extracted by another version: "
                  f"{len(report.updated)} extracted again, {len(report.errors)} failed")
    if fmt == "json":
        json.dump(
            {
                "stale": report.stale,
                "updated": report.updated,
                "errors": error_rows(report.errors),
            },
            sys.stdout,
            indent=2,
        )
        sys.stdout.write("\n")
    if report.failed:
        sys.exit(1)
