"""The read-only web app: story list, search, story and article pages.

Every page has a ``.json`` twin. API and JSON errors share one envelope,
``{"error": {"status", "code", "message"}}``; browsers get an HTML page.
Writes (``POST /articles``) are refused unless a write token was configured.

One SQLiteStore is shared by the worker threads behind a lock. Briefs and
rendered story pages are cached per story, keyed by the story's article ids
and copy links, so a new article in a story invalidates them by itself.
"""

from __future__ import annotations

import functools
import gzip
import hmac
import os
import sqlite3
import tempfile
import threading
from collections import OrderedDict
from dataclasses import asdict
from typing import Any
from urllib.parse import urlencode

import anyio
import anyio.to_thread
from markupsafe import Markup, escape
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from ..render.html import (
    WebLinks,
    citation_roles,
    cited_spans,
    environment,
    key_spans,
    marked_text,
    story_view,
)
from ..store import SQLiteStore, open_store

PAGE_SIZE = 50
MAX_PAGE_SIZE = 500
MAX_BODY_BYTES = 20 * 1024 * 1024
SEARCH_LIMIT = 20
GZIP_LEVEL = 1  # pages are compressed once, when cached; level 1 is ~3x faster than 6 on big pages
RENDER_THREADS = 1  # page builds at once per process: more only queue on the GIL and starve the event loop
CACHE_SIZE = 256
SORTS = ("date", "size", "disputed", "title")


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str, headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status, self.code, self.message, self.headers = status, code, message, headers or {}


class _LRU:
    def __init__(self, size: int):
        self.size, self.data, self.lock = size, OrderedDict(), threading.Lock()

    def get(self, key):
        with self.lock:
            if key in self.data:
                self.data.move_to_end(key)
                return self.data[key]
        return None

    def put(self, key, value):
        with self.lock:
            self.data[key] = value
            self.data.move_to_end(key)
            while len(self.data) > self.size:
                self.data.popitem(last=False)


class Backend:
    """Read connections (one per worker thread), plus caches of briefs and rendered pages.

    Reads never wait for each other: each thread has its own SQLite connection
    (WAL lets them read while a POST writes through ``store``, under ``lock``).
    """

    def __init__(self, store: SQLiteStore):
        self.store = store
        self.lock = threading.Lock()  # serialises writes through ``store``
        self.local = threading.local()
        self.readers: list[SQLiteStore] = []
        self.readers_lock = threading.Lock()
        self.version_conn = sqlite3.connect(store.path, check_same_thread=False, timeout=30)
        self.version_lock = threading.Lock()
        self.briefs = _LRU(4096)
        self.pages = _LRU(CACHE_SIZE)
        self.searches = _LRU(1024)
        self.counts = _LRU(100_000)
        self.generation = 0  # bumped by our own writes
        self._summaries: tuple[tuple[int, int], list[dict[str, Any]]] | None = None

    def reader(self) -> SQLiteStore:
        """This thread's read connection."""
        store = getattr(self.local, "store", None)
        if store is None:
            store = self.local.store = SQLiteStore(self.store.path)
            store.conn.execute("PRAGMA query_only=ON")
            with self.readers_lock:
                self.readers.append(store)
        return store

    def close(self) -> None:
        with self.readers_lock:
            for r in self.readers:
                r.close()
            self.readers.clear()
        self.version_conn.close()

    def version(self) -> tuple[int, int]:
        """Changes whenever another connection (a writer, or our own POSTs) commits."""
        with self.version_lock:
            return (self.version_conn.execute("PRAGMA data_version").fetchone()[0], self.generation)

    def summaries(self) -> list[dict[str, Any]]:
        """Story rows with their recorded brief figures (``disputes`` is None when not recorded)."""
        version = self.version()
        cached = self._summaries
        if cached is None or cached[0] != version:
            reader = self.reader()
            rows = reader.story_summaries()
            # figures recorded for the story's current articles; possibly by older brief code
            # (the story page itself always shows a brief of the running code)
            stats = reader.story_stats()
            for r in rows:
                st = stats.get(r["id"])
                r["disputes"] = st["disputes"] if st else None
                if st:
                    r["independent_sources"] = st["independent_sources"]
            cached = self._summaries = (version, rows)
        return [dict(r) for r in cached[1]]

    def dispute_count(self, story_id: str) -> tuple[int, int]:
        """(disputes, independent sources) of a story whose figures were never recorded:
        briefed once here and remembered (the app does not write to the database)."""
        key = self.key(story_id)
        found = self.counts.get((story_id, key))
        if found is None:
            story = self.brief(story_id, key)
            found = (len(story.disputed), story.independent_sources) if story else (0, 0)
            self.counts.put((story_id, key), found)
        return found

    def key(self, story_id: str) -> tuple[str, ...]:
        return self.reader().story_key(story_id)

    def brief(self, story_id: str, key: tuple[str, ...] | None = None):
        from ..pipeline import stored_or_built_brief

        key = key if key is not None else self.key(story_id)
        if not key:
            return None
        cached = self.briefs.get((story_id, key))
        if cached is not None:
            return cached
        story = stored_or_built_brief(self.reader(), story_id)
        self.briefs.put((story_id, key), story)
        return story


def _wants_json(request: Request) -> bool:
    path = request.url.path
    if path.endswith(".json") or request.method not in ("GET", "HEAD"):
        return True
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


def _envelope(status: int, code: str, message: str) -> dict[str, Any]:
    return {"error": {"status": status, "code": code, "message": message}}


_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
          405: "method_not_allowed", 413: "payload_too_large", 415: "unsupported_media_type",
          500: "internal_error"}


def _error_response(request: Request, status: int, code: str, message: str, headers=None) -> Response:
    if _wants_json(request):
        return JSONResponse(_envelope(status, code, message), status_code=status, headers=headers)
    html = environment().get_template("error.html").render(
        status=status, code=code, message=message, links=WebLinks(), web=True
    )
    return HTMLResponse(html, status_code=status, headers=headers)


def _maybe_gzip(request: Request, cached: tuple[bytes, bytes], media_type: str) -> Response:
    """Serve the pre-compressed copy to clients that accept gzip."""
    headers = {"Vary": "Accept-Encoding"}
    if "gzip" in request.headers.get("accept-encoding", ""):
        headers["Content-Encoding"] = "gzip"
        return Response(cached[1], media_type=media_type, headers=headers)
    return Response(cached[0], media_type=media_type, headers=headers)


def _split_json(value: str) -> tuple[str, bool]:
    if value.endswith(".json"):
        return value[: -len(".json")], True
    return value, False


def _int_param(request: Request, name: str, default: int | None, lo: int, hi: int) -> int | None:
    raw = request.query_params.get(name)
    if raw in (None, ""):
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ApiError(400, "bad_parameter", f"{name} must be an integer") from None
    if not lo <= value <= hi:
        raise ApiError(400, "bad_parameter", f"{name} must be between {lo} and {hi}")
    return value


def _date_param(request: Request, name: str) -> str | None:
    raw = request.query_params.get(name) or None
    if raw is None:
        return None
    import re

    if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", raw):
        raise ApiError(400, "bad_parameter", f"{name} must be a date like 2026-03-10")
    return raw


def _hit_html(snippet: str | None) -> Markup:
    parts = []
    for i, chunk in enumerate((snippet or "").split("\ue000")):
        if i == 0:
            parts.append(str(escape(chunk.replace("\ue001", ""))))
            continue
        hit, _, rest = chunk.partition("\ue001")
        parts.append(f"<mark>{escape(hit)}</mark>{escape(rest)}")
    return Markup("".join(parts))


def create_app(db: str | None = None, store: SQLiteStore | None = None, write_token: str | None = None):
    """The ASGI app over one database (a path, or an open store for tests)."""
    if store is None:
        store = open_store(db or "consilience.db")
    if not write_token:  # read-only: SQLite itself refuses any write on this connection
        store.conn.execute("PRAGMA query_only=ON")
    backend = Backend(store)
    links = WebLinks()
    env = environment()
    limiter = anyio.CapacityLimiter(RENDER_THREADS)
    for name in ("index.html", "story.html", "article.html", "search.html", "error.html"):
        env.get_template(name)  # compile now, not on the first visitor's request

    async def run_in_threadpool(func, *args):
        """Database reads and rendering, off the event loop, a few at a time."""
        return await anyio.to_thread.run_sync(functools.partial(func, *args), limiter=limiter)

    def page(template: str, **ctx) -> HTMLResponse:
        return HTMLResponse(env.get_template(template).render(links=links, web=True, **ctx))

    # Handlers are async: a cached page is answered on the event loop; anything that
    # reads the database or renders runs in the thread pool (each thread its own reader).

    # -- story list ----------------------------------------------------------------
    async def story_list(request: Request) -> Response:
        as_json = request.url.path.endswith(".json")
        sort = request.query_params.get("sort") or "date"
        if sort not in SORTS:
            raise ApiError(400, "bad_parameter", f"sort must be one of {', '.join(SORTS)}")
        since, until = _date_param(request, "since"), _date_param(request, "until")
        min_articles = _int_param(request, "min_articles", None, 1, 1_000_000)
        limit = _int_param(request, "limit", PAGE_SIZE, 1, MAX_PAGE_SIZE)
        offset = _int_param(request, "offset", 0, 0, 10_000_000)
        cache_key = ("list", backend.version(), as_json, tuple(sorted(request.query_params.multi_items())))
        cached = backend.pages.get(cache_key)
        if cached is None:
            response = await run_in_threadpool(
                _story_list, request, as_json, sort, since, until, min_articles, limit, offset
            )
            cached = (response.body, gzip.compress(response.body, compresslevel=GZIP_LEVEL))
            backend.pages.put(cache_key, cached)
        return _maybe_gzip(request, cached, "application/json" if as_json else "text/html; charset=utf-8")

    def _story_list(request, as_json, sort, since, until, min_articles, limit, offset) -> Response:
        rows = backend.summaries()
        if since:
            rows = [r for r in rows if (r["last"] or "") >= since]
        if until:
            rows = [r for r in rows if r["first"] and r["first"][: len(until)] <= until]
        if min_articles:
            rows = [r for r in rows if r["n_articles"] >= min_articles]
        if sort == "disputed":
            for r in rows:
                if r["disputes"] is None:  # not recorded at ingest (an older database)
                    r["disputes"], r["independent_sources"] = backend.dispute_count(r["id"])
            rows.sort(key=lambda r: (-(r["disputes"] or 0), -r["n_articles"], r["id"]))
        elif sort == "size":
            rows.sort(key=lambda r: (-r["n_articles"], -r["independent_sources"], r["id"]))
        elif sort == "title":
            rows.sort(key=lambda r: ((r["title"] or "").lower(), r["id"]))
        else:
            rows.sort(key=lambda r: (r["last"] or "", r["updated_at"], r["id"]), reverse=True)
        total = len(rows)
        shown = rows[offset : offset + limit]
        if as_json:
            keys = ("id", "title", "n_articles", "independent_sources", "disputes", "outlets", "first", "last")
            return JSONResponse({
                "total": total, "offset": offset, "limit": limit, "sort": sort,
                "stories": [{k: r[k] for k in keys} for r in shown],
            })
        base = {k: v for k, v in request.query_params.items() if k not in ("offset",) and v}

        def at(off: int) -> str:
            return "/?" + urlencode({**base, "offset": off})

        return page(
            "index.html", stories=shown, total=total, offset=offset, sort=sort, since=since, until=until,
            min_articles=min_articles, show_disputes=sort == "disputed" or any(r["disputes"] is not None for r in shown),
            prev_href=at(max(0, offset - limit)) if offset > 0 else None,
            next_href=at(offset + limit) if offset + limit < total else None,
        )

    # -- one story -----------------------------------------------------------------
    async def story_page(request: Request) -> Response:
        story_id, as_json = _split_json(request.path_params["story_id"])
        fast = ("story", backend.version(), story_id, as_json)
        cached = backend.pages.get(fast)
        if cached is None:
            cached = await run_in_threadpool(_story_page, story_id, as_json)
            backend.pages.put(fast, cached)
        return _maybe_gzip(request, cached, "application/json" if as_json else "text/html; charset=utf-8")

    def _story_page(story_id: str, as_json: bool) -> tuple[bytes, bytes]:
        key = backend.key(story_id)
        if not key:
            raise ApiError(404, "not_found", f"no such story: {story_id}")
        cached = backend.pages.get((story_id, key, as_json))  # survives writes to other stories
        if cached is None:
            story = backend.brief(story_id, key)
            if as_json:
                body = JSONResponse(story.to_dict()).body
            else:
                ids = [a.id for a in story.articles]
                reader = backend.reader()
                articles = {a.id: a for a in reader.articles(ids)}
                view = story_view(story, articles, reader.claim_flags(ids), links)
                body = env.get_template("story.html").render(v=view, s=story, links=links, web=True).encode()
            cached = (body, gzip.compress(body, compresslevel=GZIP_LEVEL))
            backend.pages.put((story_id, key, as_json), cached)
        return cached

    # -- one article ---------------------------------------------------------------
    async def article_page(request: Request) -> Response:
        raw = request.path_params["article_id"]
        fast = ("article", backend.version(), raw)
        cached = backend.pages.get(fast)
        if cached is None:
            response = await run_in_threadpool(_article_page, raw)
            cached = (response.body, response.media_type)
            backend.pages.put(fast, cached)
        return Response(cached[0], media_type=cached[1])

    def _article_page(raw: str) -> Response:
        reader = backend.reader()
        article = reader.get_article(raw)
        as_json = False
        if article is None and raw.endswith(".json"):
            raw, as_json = _split_json(raw)
            article = reader.get_article(raw)
        if article is None:
            raise ApiError(404, "not_found", f"no such article: {raw}")
        story_id, copy_of = reader.article_story(article.id) or (None, None)
        claims = reader.claims([article.id]).get(article.id, [])
        if as_json:
            data = article.to_dict()
            data.pop("explicit_id", None)
            data.update(story_id=story_id, copy_of=copy_of, claims=[asdict(c) for c in claims])
            return JSONResponse(data)
        # Highlight what the story's brief cites from this article; other claims only get an
        # anchor (highlighted when a link jumps to them).
        story = backend.brief(story_id) if story_id else None
        highlight = key_spans(story).get(article.id, []) if story else []
        anchors = [(c.start, c.end) for c in claims] + (cited_spans(story).get(article.id, []) if story else [])
        roles = citation_roles(story).get(article.id, {}) if story else {}
        text_html = marked_text(article.text, highlight, article.id, anchors)
        return page("article.html", a=article, claims=claims, story_id=story_id, copy_of=copy_of,
                    text_html=text_html, roles=roles, json_href=links.article(article.id) + ".json")

    # -- search --------------------------------------------------------------------
    async def search(request: Request) -> Response:
        as_json = request.url.path.endswith(".json")
        q = (request.query_params.get("q") or "").strip()
        if len(q) > 500:
            raise ApiError(400, "bad_parameter", "q is too long (500 characters at most)")
        limit = _int_param(request, "limit", SEARCH_LIMIT, 1, 200)
        cache_key = ("search", backend.version(), as_json, q, limit)
        cached = backend.searches.get(cache_key)
        if cached is None:
            response = await run_in_threadpool(_search, q, limit, as_json)
            cached = (response.body, response.media_type)
            backend.searches.put(cache_key, cached)
        return Response(cached[0], media_type=cached[1])

    def _search(q: str, limit: int, as_json: bool) -> Response:
        hits, claims = [], []
        if q:
            reader = backend.reader()
            hits = reader.search(q, limit)
            claims = reader.search_claims(q, limit)
        if as_json:
            return JSONResponse({
                "q": q,
                "articles": [{k: h[k] for k in ("id", "title", "outlet", "published", "story_id")}
                             | {"snippet": (h["snippet"] or "").replace("\ue000", "").replace("\ue001", "")}
                             for h in hits],
                "claims": [{k: c[k] for k in ("article_id", "story_id", "start", "end", "text", "hedged", "source")}
                           for c in claims],
            })
        for h in hits:
            h["snippet_html"] = _hit_html(h["snippet"])
        return page("search.html", q=q, articles=hits, claims=claims,
                    json_href="/search.json?" + urlencode({"q": q}))

    # -- writes --------------------------------------------------------------------
    async def post_articles(request: Request) -> Response:
        if not write_token:
            raise ApiError(403, "read_only", "this server is read-only (start it with --write-token to accept articles)")
        auth = request.headers.get("authorization", "")
        scheme, _, given = auth.partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), write_token.encode()):
            raise ApiError(401, "unauthorized", "missing or wrong bearer token",
                           headers={"WWW-Authenticate": 'Bearer realm="consilience"'})
        declared = request.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > MAX_BODY_BYTES:
            raise ApiError(413, "payload_too_large", f"body larger than {MAX_BODY_BYTES} bytes")
        body = b""
        async for chunk in request.stream():
            body += chunk
            if len(body) > MAX_BODY_BYTES:
                raise ApiError(413, "payload_too_large", f"body larger than {MAX_BODY_BYTES} bytes")
        if not body.strip():
            raise ApiError(400, "empty_body", "send articles as JSON Lines: one JSON object per line")
        return JSONResponse(await anyio.to_thread.run_sync(_ingest_body, body))

    def _ingest_body(body: bytes) -> dict[str, Any]:
        from ..pipeline import ingest

        fd, path = tempfile.mkstemp(prefix="consilience-post-", suffix=".jsonl")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(body)
            with backend.lock:
                try:
                    report = ingest([path], backend.store)
                finally:
                    backend.generation += 1
                stories = backend.store.story_ids_for(report.article_ids)
        finally:
            os.unlink(path)

        def where(p: str) -> str:
            return p.replace(path, "body")

        return {
            "read": report.read, "added": report.added,
            "duplicates": [{"input": where(p), "stored": s} for p, s in report.duplicates],
            "conflicts": [{"input": where(p), "stored": s} for p, s in report.conflicts],
            "errors": [{"input": "body", "line": e.line, "reason": e.reason} for e in report.errors],
            "article_ids": report.article_ids, "stories": stories,
            "merges": [{"absorbed": a, "into": b} for a, b in report.merges],
        }

    # -- errors --------------------------------------------------------------------
    async def on_api_error(request: Request, exc: ApiError) -> Response:
        return _error_response(request, exc.status, exc.code, exc.message, exc.headers or None)

    async def on_http_error(request: Request, exc: HTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else "error"
        if exc.status_code == 404:
            message = f"no such page: {request.url.path}"
        return _error_response(request, exc.status_code, _CODES.get(exc.status_code, "error"), message,
                               getattr(exc, "headers", None))

    async def on_crash(request: Request, exc: Exception) -> Response:
        return _error_response(request, 500, "internal_error", "internal error")

    def health(request: Request) -> Response:
        return JSONResponse({"ok": True})

    routes = [
        Route("/", story_list),
        Route("/stories.json", story_list),
        Route("/stories", story_list),
        Route("/stories/{story_id:path}", story_page),
        Route("/articles", post_articles, methods=["POST"]),
        Route("/articles/{article_id:path}", article_page),
        Route("/search", search),
        Route("/search.json", search),
        Route("/healthz", health),
    ]
    app = Starlette(
        routes=routes,
        exception_handlers={ApiError: on_api_error, HTTPException: on_http_error, 500: on_crash},
    )
    app.state.backend = backend
    return SecurityHeaders(app)


SECURITY_HEADERS = [
    (b"content-security-policy",
     b"default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; "
     b"base-uri 'none'; frame-ancestors 'none'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]


class SecurityHeaders:
    """Pure ASGI wrapper adding a strict CSP (no scripts at all) to every response."""

    def __init__(self, app: Starlette):
        self.app = app
        self.state = app.state

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                message = dict(message)
                message["headers"] = list(message.get("headers", [])) + SECURITY_HEADERS
            await send(message)

        return await self.app(scope, receive, send_with_headers)


def app_from_env():
    """The app for `consilience serve --workers N` (each worker process builds its own)."""
    return create_app(os.environ["CONSILIENCE_SERVE_DB"],
                      write_token=os.environ.get("CONSILIENCE_SERVE_WRITE_TOKEN") or None)
