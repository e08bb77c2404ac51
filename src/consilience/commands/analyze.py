"""`consilience analyze`: the main job."""

from __future__ import annotations

import sys

import click

from ._common import DB_OPTION, RichReporter, format_option, summarise


@click.command("analyze")
@click.argument("paths", nargs=-1, required=True)
@DB_OPTION
@format_option(["terminal", "markdown", "json", "jsonl"], "terminal")
@click.option("--all", "all_stories", is_flag=True, help="Brief every stored story, not only those of PATHS.")
@click.option("-q", "--quiet", is_flag=True, help="No progress or summary on stderr.")
def command(paths: tuple[str, ...], db: str, fmt: str, all_stories: bool, quiet: bool) -> None:
    """Read articles, group them into stories, and print a cited brief per story.

    PATHS are files or folders (walked recursively) of plain text, HTML, RSS/Atom,
    JSONL or WARC; `-` reads JSONL from stdin. Articles are stored in --db, so a
    later run adds to the same stories; an article already stored is not added
    again. Bad inputs are reported one per line on stderr; the rest go on, and
    the exit status is 1.

    \b
    Examples:
      consilience analyze examples/corpus
      consilience analyze ../shared/seeds --format json | jq '.stories[0].disputed'
      cat dump.jsonl | consilience analyze - --db news.db --format markdown
    """
    from ..errors import ConsilienceError
    from ..pipeline import analyze_paths
    from ..render import render

    reporter = RichReporter(quiet=quiet)
    try:
        result = analyze_paths(paths, db=db, all_stories=all_stories, reporter=reporter)
    except ConsilienceError as exc:
        raise click.ClickException(str(exc)) from exc
    summarise(result.report, reporter)
    render(result.stories, fmt, sys.stdout)
    if result.report.failed:
        sys.exit(1)
