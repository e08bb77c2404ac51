"""`consilience serve`: browse stories, briefs and articles in a web browser."""

from __future__ import annotations

import click

from ._common import DB_OPTION, open_db


@click.command("serve")
@DB_OPTION
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
@click.option("--write-token", envvar="CONSILIENCE_WRITE_TOKEN", default=None,
              help="Accept POST /articles (JSONL) with 'Authorization: Bearer TOKEN'. Read-only without it.")
def command(db: str, host: str, port: int, write_token: str | None) -> None:
    """Serve a read-only web app over the database: stories, search, briefs.

    Every page has a JSON twin: / and /stories.json, /stories/ID and
    /stories/ID.json, /articles/ID(.json), /search?q=WORDS(.json). Story lists
    sort with ?sort=date|size|disputed|title and filter with ?since=, ?until=,
    ?min_articles=. Pages carry no scripts and article text is always escaped.

    \b
    Examples:
      consilience serve --db news.db
      consilience serve --port 8080 --write-token "$TOKEN"
      curl -H "Authorization: Bearer $TOKEN" --data-binary @new.jsonl localhost:8080/articles
    """
    import uvicorn

    from ..web.app import create_app

    store = open_db(db)
    if host not in ("127.0.0.1", "localhost", "::1") and not write_token:
        click.echo(f"note: serving read-only on {host}:{port}", err=True)
    app = create_app(store=store, write_token=write_token or None)
    try:
        uvicorn.run(app, host=host, port=port, log_level="warning")
    finally:
        store.close()
