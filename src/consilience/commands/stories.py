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
@click.option("--explain", "explain_id", metavar="STORY_ID",
              help="Why these articles are one story: shared entities and terms, scores, merge history.")
@click.option("--pair", nargs=2, metavar="A B", help="Why two articles are (or are not) in one story.")
def command(db: str, fmt: str, explain_id: str | None, pair: tuple[str, str] | None) -> None:
    """List stories with their articles, outlets and independent sources.

    \b
    Examples:
      consilience stories
      consilience stories --format jsonl | jq -c '{id, n: (.articles | length)}'
      consilience stories --explain s-1a2b3c4d5e
      consilience stories --pair fnc-12 fnc-40
    """
    if explain_id or pair:
        _explain(db, fmt, explain_id, pair)
        return
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
        table = Table()
        for name in ("id", "articles", "indep.", "outlets", "first", "last", "title"):
            # ids, counts and dates are never wrapped; outlets and titles give way on a narrow terminal
            table.add_column(name, no_wrap=name not in ("outlets", "title"), overflow="fold" if name == "title" else "ellipsis",
                             justify="right" if name in ("articles", "indep.") else "left")
        for s in out:
            table.add_row(s["id"], str(len(s["articles"])), str(s["independent_sources"]),
                          escape(", ".join(s["outlets"])[:40]), s["first"] or "", s["last"] or "",
                          escape((s["title"] or "")[:70]))
        Console(highlight=False).print(table)


def _explain(db: str, fmt: str, explain_id: str | None, pair: tuple[str, str] | None) -> None:
    from ..pipeline import STORY_STATE_KEY
    from ..stories import StoryIndex

    store = open_db(db)
    try:
        blob = store.get_state(STORY_STATE_KEY)
        if not blob:
            raise click.ClickException(f"{db} has no stories yet: run `consilience ingest` first")
        index = StoryIndex.from_bytes(blob)
        out = {}
        if explain_id:
            out = index.explain(explain_id)
            if "error" not in out:
                out["title"] = store.story_title(out["story"])
                out["events"] = store.story_events(out["story"])
        if pair:
            why = index.explain_pair(*pair)
            out = {"story": out, "pair": why} if explain_id else why
    finally:
        store.close()
    errors = [o["error"] for o in (out.get("story", out), out.get("pair", {})) if isinstance(o, dict) and "error" in o]
    if errors:
        raise click.ClickException("; ".join(errors))
    if fmt == "terminal":
        Console(highlight=False).print_json(json.dumps(out, ensure_ascii=False, default=str))
    else:
        sys.stdout.write(json.dumps(out, ensure_ascii=False, default=str, indent=2 if fmt == "json" else None) + "\n")
