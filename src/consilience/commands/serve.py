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
@click.option("--workers", type=click.IntRange(1, 32), default=None,
              help="Server processes (default: CPUs, at most 4). Each keeps its own caches.")
def command(db: str, host: str, port: int, write_token: str | None, workers: int | None) -> None:
    """Serve a read-only web app over the database: stories, search, briefs.

    Read-only unless --write-token is given (the database connection refuses
    writes). Every page has a JSON twin: / and /stories.json, /stories/ID and
    /stories/ID.json, /articles/ID(.json), /search?q=WORDS(.json). Story lists
    sort with ?sort=date|size|disputed|title and filter with ?since=, ?until=,
    ?min_articles=. Pages carry no scripts and article text is always escaped.

    \b
    Examples:
      consilience serve --db news.db
      consilience serve --port 8080 --write-token "$TOKEN"
      consilience serve --workers 1
      curl -H "Authorization: Bearer $TOKEN" --data-binary @new.jsonl localhost:8080/articles
    """
    import os

    import uvicorn

    from ..web.app import create_app

    store = open_db(db)  # fails early on a bad file, and brings the schema up to date
    if host not in ("127.0.0.1", "localhost", "::1") and not write_token:
        click.echo(f"note: serving read-only on {host}:{port}", err=True)
    if workers is None:
        workers = max(1, min(4, os.cpu_count() or 1))
    if workers > 1:
        store.close()
        os.environ["CONSILIENCE_SERVE_DB"] = os.path.abspath(db)
        os.environ["CONSILIENCE_SERVE_WRITE_TOKEN"] = write_token or ""
        _run_workers(workers, host, port)
        return
    app = create_app(store=store, write_token=write_token or None)
    try:
        uvicorn.run(app, host=host, port=port, log_level="warning")
    finally:
        store.close()


def _run_workers(workers: int, host: str, port: int) -> None:
    """uvicorn's multi-process mode, with TCP_NODELAY on the shared listening socket: the
    workers receive it through multiprocessing, where asyncio no longer recognises it as
    TCP and leaves Nagle on (a 40 ms delayed-ACK stall on every keep-alive response)."""
    import socket

    from uvicorn import Config
    from uvicorn.supervisors import Multiprocess

    config = Config("consilience.web.app:app_from_env", factory=True, workers=workers, host=host, port=port,
                    log_level="warning")
    sock = config.bind_socket()
    if sock.family in (socket.AF_INET, socket.AF_INET6):
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)  # inherited by accepted sockets
    try:
        Multiprocess(config, sockets=[sock]).run()
    except KeyboardInterrupt:
        pass
