"""The read-only web app: story list, search, story and article pages.

Every page has a ``.json`` twin. API and JSON errors share one envelope,
``{"error": {"status", "code", "message"}}``; browsers get an HTML page.
Writes (``POST /articles``) are refused unless a write token was configured.

One SQLiteStore is shared by the worker threads behind a lock. Briefs and
rendered story pages are cached per story, keyed by the story's article ids
and copy links, so a new article in a story invalidates them by itself.
"""

from __future__ import annotations

import gzip
import hmac
import json
import os
import tempfile
import threading
from collections import OrderedDict
from dataclasses import asdict
from typing import Any
from urllib.parse import urlencode

from markupsafe import Markup, escape
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from ..render.html import (
    WebLinks,
    environment,
    marked_text,
    story_view,
)
from ..store import SQLiteStore, open_store

PAGE_SIZE = 50
MAX_PAGE_SIZE = 500
MAX_BODY_BYTES = 20 * 1024 * 1024
SEARCH_LIMIT = 50
CLAIM_SEARCH_ARTICLES = 15  # claims are searched inside the best-ranked articles
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
    """The store behind a lock, plus caches of briefs and rendered pages."""

    def __init__(self, store: SQLiteStore):
        self.store = store
        self.lock = threading.Lock()
        self.briefs = _LRU(4096)
        self.pages = _LRU(CACHE_SIZE)
        self.searches = _LRU(1024)
        self.generation = 0  # bumped by our own writes (data_version only sees other connections)
        self._summaries: tuple[tuple[int, int], list[dict[str, Any]]] | None = None

    def version(self) -> tuple[int, int]:
        """Changes whenever the database changes (other writers, or our own POSTs)."""
        with self.lock:
            return (self.store.conn.execute("PRAGMA data_version").fetchone()[0], self.generation)

    def summaries(self) -> list[dict[str, Any]]:
        version = self.version()
        cached = self._summaries
        if cached is None or cached[0] != version:
            with self.lock:
                rows = self.store.story_summaries()
            cached = self._summaries = (version, rows)
        return [dict(r) for r in cached[1]]

    def key(self, story_id: str) -> tuple[str, ...]:
        with self.lock:
            return self.store.story_key(story_id)

    def brief(self, story_id: str, key: tuple[str, ...] | None = None):
        from ..pipeline import brief_for

        key = key if key is not None else self.key(story_id)
        if not key:
            return None
        cached = self.briefs.get((story_id, key))
        if cached is not None:
            return cached
        with self.lock:
            story = brief_for(self.store, story_id)
        self.briefs.put((story_id, key), story)
        return story


def _wants_json(request: Request) -> bool:
    path = request.url.path
    if path.endswith(".json") or request.method != "GET":
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
    backend = Backend(store)
    links = WebLinks()
    env = environment()

    def page(template: str, **ctx) -> HTMLResponse:
        return HTMLResponse(env.get_template(template).render(links=links, web=True, **ctx))

    # -- story list ----------------------------------------------------------------
    def story_list(request: Request) -> Response:
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
        if cached is not None:
            return Response(cached[0], media_type=cached[1])
        response = _story_list(request, as_json, sort, since, until, min_articles, limit, offset)
        backend.pages.put(cache_key, (response.body, response.media_type))
        return response

    def _story_list(request, as_json, sort, since, until, min_articles, limit, offset) -> Response:
        rows = backend.summaries()
        if since:
            rows = [r for r in rows if (r["last"] or "") >= since]
        if until:
            rows = [r for r in rows if r["first"] and r["first"][: len(until)] <= until]
        if min_articles:
            rows = [r for r in rows if r["n_articles"] >= min_articles]
        for r in rows:
            r.setdefault("disputes", None)
        if sort == "disputed":
            for r in rows:
                story = backend.brief(r["id"])
                r["disputes"] = len(story.disputed) if story else 0
                r["independent_sources"] = story.independent_sources if story else r["independent_sources"]
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
            min_articles=min_articles, show_disputes=sort == "disputed",
            prev_href=at(max(0, offset - limit)) if offset > 0 else None,
            next_href=at(offset + limit) if offset + limit < total else None,
        )

    # -- one story -----------------------------------------------------------------
    def story_page(request: Request) -> Response:
        story_id, as_json = _split_json(request.path_params["story_id"])
        key = backend.key(story_id)
        if not key:
            raise ApiError(404, "not_found", f"no such story: {story_id}")
        if as_json:
            story = backend.brief(story_id, key)
            return JSONResponse(story.to_dict())
        cached = backend.pages.get((story_id, key))
        if cached is None:
            story = backend.brief(story_id, key)
            ids = [a.id for a in story.articles]
            with backend.lock:
                articles = {a.id: a for a in backend.store.articles(ids)}
                claims = backend.store.claims(ids)
            view = story_view(story, articles, claims, links)
            html = env.get_template("story.html").render(v=view, s=story, links=links, web=True).encode()
            cached = (html, gzip.compress(html, compresslevel=6))
            backend.pages.put((story_id, key), cached)
        return _maybe_gzip(request, cached, "text/html; charset=utf-8")

    # -- one article ---------------------------------------------------------------
    def article_page(request: Request) -> Response:
        raw = request.path_params["article_id"]
        with backend.lock:
            article = backend.store.get_article(raw)
            as_json = False
            if article is None and raw.endswith(".json"):
                raw, as_json = _split_json(raw)
                article = backend.store.get_article(raw)
            if article is None:
                raise ApiError(404, "not_found", f"no such article: {raw}")
            placed = backend.store.article_story(article.id) or (None, None)
            claims = backend.store.claims([article.id]).get(article.id, [])
        story_id, copy_of = placed
        if as_json:
            data = article.to_dict()
            data.pop("explicit_id", None)
            data.update(story_id=story_id, copy_of=copy_of, claims=[asdict(c) for c in claims])
            return JSONResponse(data)
        text_html = marked_text(article.text, [(c.start, c.end) for c in claims], article.id)
        return page("article.html", a=article, claims=claims, story_id=story_id, copy_of=copy_of,
                    text_html=text_html, json_href=links.article(article.id) + ".json")

    # -- search --------------------------------------------------------------------
    def search(request: Request) -> Response:
        as_json = request.url.path.endswith(".json")
        q = (request.query_params.get("q") or "").strip()
        if len(q) > 500:
            raise ApiError(400, "bad_parameter", "q is too long (500 characters at most)")
        limit = _int_param(request, "limit", SEARCH_LIMIT, 1, 200)
        cache_key = ("search", backend.version(), as_json, q, limit)
        cached = backend.searches.get(cache_key)
        if cached is None:
            response = _search(q, limit, as_json)
            cached = (response.body, response.media_type)
            backend.searches.put(cache_key, cached)
        return Response(cached[0], media_type=cached[1])

    def _search(q: str, limit: int, as_json: bool) -> Response:
        hits, claims = [], []
        if q:
            from ..store.sqlite import _fts_terms

            terms = _fts_terms(q)
            with backend.lock:
                hits = backend.store.search_hits(q, limit)
                rows = backend.store.claim_rows([h["id"] for h in hits[:CLAIM_SEARCH_ARTICLES]]) if hits else []
            for r in rows:
                low = r["text"].lower()
                score = sum(1 for t in terms if t in low)
                if score:
                    claims.append({**r, "score": score, "hedged": bool(r["hedged"])})
            claims.sort(key=lambda c: -c["score"])
            claims = claims[:limit]
        if as_json:
            return JSONResponse({
                "q": q,
                "articles": [{k: h[k] for k in ("id", "title", "outlet", "published", "story_id")}
                             | {"snippet": (h["snippet"] or "").replace("\ue000", "").replace("\ue001", "")}
                             for h in hits],
                "claims": [{k: c[k] for k in ("article_id", "start", "end", "text", "hedged")} for c in claims],
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
        from starlette.concurrency import run_in_threadpool

        return JSONResponse(await run_in_threadpool(_ingest_body, body))

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


def json_dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False)
