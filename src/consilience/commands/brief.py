"""`consilience brief STORY_ID`: one story's cited brief."""

from __future__ import annotations

import sys

import click

from ._common import DB_OPTION, format_option, open_db


@click.command("brief")
@click.argument("story_ids", nargs=-1, required=True)
@DB_OPTION
@format_option(["terminal", "markdown", "json", "jsonl"], "terminal")
def command(story_ids: tuple[str, ...], db: str, fmt: str) -> None:
    """Print the brief of stored stories: corroborated, disputed, single-source.

    \b
    Example:
      consilience stories                      # find the id
      consilience brief s-1a2b3c4d5e --format markdown > brief.md
    """
    from ..pipeline import stored_or_built_brief
    from ..render import render

    store = open_db(db)
    try:
        known = {s["id"] for s in store.story_rows()}
        missing = [s for s in story_ids if s not in known]
        if missing:
            raise click.ClickException(f"no such story: {', '.join(missing)} (see `consilience stories`)")
        stories = [stored_or_built_brief(store, sid) for sid in story_ids]
    finally:
        store.close()
    render(stories, fmt, sys.stdout)
