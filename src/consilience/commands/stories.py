"""`consilience stories`: list stored stories."""

from __future__ import annotations

import json
import sys

import click
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ._common import DB_OPTION, format_option, open_db


@click.command("stories")
@DB_OPTION
@format_option(["terminal", "json", "jsonl"], "terminal")
def command(db: str, fmt: str) -> None:
    """List stories with their articles, outlets and independent sources.

    \b
    Examples:
      consilience stories
      consilience stories --format jsonl | jq -c '{id, n: (.articles | length)}'
    """
    store = open_db(db)
    try:
        rows = store.story_rows()
        arts = {r["id"]: r for r in store.article_rows()}
    finally:
        store.close()
    out = []
    for s in rows:
        members = [arts[a] for a in s["articles"]]
        roots = {m["copy_of"] or m["id"] for m in members}
        dates = sorted(m["published"] for m in members if m["published"])
        out.append({
            "id": s["id"], "title": s["title"], "articles": s["articles"], "independent_sources": len(roots),
            "outlets": sorted({m["outlet"] for m in members if m["outlet"]}),
            "first": dates[0] if dates else None, "last": dates[-1] if dates else None,
        })
    if fmt == "jsonl":
        for s in out:
            sys.stdout.write(json.dumps({k: s[k] for k in ("id", "title", "articles", "independent_sources")},
                                        ensure_ascii=False) + "\n")
    elif fmt == "json":
        json.dump({"stories": out}, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        table = Table("id", "articles", "indep.", "outlets", "first", "last", "title")
        for s in out:
            table.add_row(s["id"], str(len(s["articles"])), str(s["independent_sources"]),
                          escape(", ".join(s["outlets"])[:40]), s["first"] or "", s["last"] or "",
                          escape((s["title"] or "")[:70]))
        Console(highlight=False).print(table)
