"""`consilience claims`: the sentence-level claims of stored articles."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict

import click
from rich.console import Console
from rich.markup import escape

from ._common import DB_OPTION, format_option, open_db


@click.command("claims")
@click.option("--story", "story_id", help="Only the claims of this story.")
@click.option("--article", "article_id", help="Only the claims of this article.")
@click.option("--hedged", is_flag=True, help="Only hedged claims.")
@DB_OPTION
@format_option(["terminal", "json", "jsonl"], "terminal")
def command(story_id: str | None, article_id: str | None, hedged: bool, db: str, fmt: str) -> None:
    """List extracted claims with offsets, hedges, sources and quantities.

    Offsets (start, end) point into the article text as stored, so
    text[start:end] is the cited sentence.

    \b
    Examples:
      consilience claims --story s-1a2b3c4d5e
      consilience claims --hedged --format jsonl | jq -r .text
    """
    store = open_db(db)
    try:
        if article_id:
            ids = [article_id]
        elif story_id:
            ids = store.story_article_ids(story_id)
            if not ids:
                raise click.ClickException(f"no such story: {story_id}")
        else:
            ids = [r["id"] for r in store.article_rows()]
        by_article = store.claims(ids)
    finally:
        store.close()
    rows = []
    for aid in ids:
        for c in by_article.get(aid, []):
            if hedged and not c.hedged:
                continue
            d = asdict(c)
            d["hedged"] = c.hedged
            d.pop("lemmas", None)
            rows.append(d)
    if fmt == "json":
        json.dump({"claims": rows}, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    elif fmt == "jsonl":
        for r in rows:
            sys.stdout.write(json.dumps(r, ensure_ascii=False) + "\n")
    else:
        console = Console(highlight=False)
        for r in rows:
            tags = []
            if r["hedged"]:
                tags.append("[yellow]hedged: " + escape(", ".join(r["hedges"])) + "[/yellow]")
            if r["source"]:
                tags.append("[cyan]source: " + escape(r["source"]) + (f", citing {escape(r['cites'])}" if r.get("cites") else "")
                            + (f" via {escape(r['via'])}" if r["via"] else "") + "[/cyan]")
            console.print(f"[dim]{r['article']}:{r['start']}-{r['end']}[/dim] {escape(r['text'])} {' '.join(tags)}")
