"""`consilience export`: everything in the database as JSON Lines."""

from __future__ import annotations

import json
import sys

import click

from ._common import DB_OPTION, format_option, open_db


@click.command("export")
@DB_OPTION
@format_option(["jsonl", "json"], "jsonl")
@click.option("--what", type=click.Choice(["articles", "stories"]), default="articles", show_default=True,
              help="articles: one stored article per line (re-ingestable); stories: one brief per line.")
def command(db: str, fmt: str, what: str) -> None:
    """Export stored articles (or story briefs) for other tools.

    Article lines use the JSONL input fields (id, title, text, url, outlet,
    published, author, plus story_id, copy_of, language), so an export can be
    ingested into another database.

    \b
    Examples:
      consilience export > articles.jsonl
      consilience export --what stories | jq .title
    """
    from ..pipeline import stored_or_built_brief
    from ..render import render

    store = open_db(db)
    try:
        if what == "stories":
            stories = [stored_or_built_brief(store, s["id"]) for s in store.story_rows()]
            render(stories, fmt, sys.stdout)
            return
        meta = {r["id"]: r for r in store.article_rows()}
        records = []
        for a in store.articles():
            rec = {
                "id": a.id, "title": a.title, "text": a.text, "url": a.url, "outlet": a.outlet,
                "published": a.published, "author": a.author, "language": a.language,
                "story_id": meta[a.id]["story_id"], "copy_of": meta[a.id]["copy_of"],
            }
            extra = {k: v for k, v in a.metadata.items() if k != "content_hash"}
            rec.update({k: v for k, v in extra.items() if k not in rec})
            records.append(rec)
    finally:
        store.close()
    if fmt == "json":
        json.dump({"articles": records}, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        for rec in records:
            sys.stdout.write(json.dumps(rec, ensure_ascii=False) + "\n")
