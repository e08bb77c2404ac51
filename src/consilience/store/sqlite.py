"""SQLite store: versioned schema with forward migrations, WAL, transactions."""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict
from typing import Any

from ..errors import SchemaTooNewError, StoreError
from ..models import (
    Article,
    ArticleRef,
    Attribution,
    Citation,
    Claim,
    Dispute,
    DisputeSide,
    Finding,
    Quantity,
    Story,
)

# Each migration brings the schema from version i to i+1. Never edit one that
# has shipped; append a new one.
MIGRATIONS: list[str] = [
    """
    CREATE TABLE articles (
        id TEXT PRIMARY KEY,
        content_hash TEXT NOT NULL,
        title TEXT,
        text TEXT NOT NULL,
        url TEXT,
        outlet TEXT,
        published TEXT,
        author TEXT,
        language TEXT,
        path TEXT,
        metadata TEXT NOT NULL DEFAULT '{}',
        ingested_at REAL NOT NULL,
        story_id TEXT,
        copy_of TEXT
    );
    CREATE INDEX articles_hash ON articles(content_hash);
    CREATE INDEX articles_story ON articles(story_id);
    CREATE TABLE claims (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        text TEXT NOT NULL,
        hedged INTEGER NOT NULL,
        data TEXT NOT NULL,
        PRIMARY KEY (article_id, idx)
    );
    CREATE TABLE attributions (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        data TEXT NOT NULL,
        PRIMARY KEY (article_id, idx)
    );
    CREATE TABLE stories (
        id TEXT PRIMARY KEY,
        title TEXT,
        created_at REAL NOT NULL,
        updated_at REAL NOT NULL
    );
    CREATE TABLE story_events (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        story_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        detail TEXT NOT NULL,
        at REAL NOT NULL
    );
    CREATE TABLE state (
        key TEXT PRIMARY KEY,
        value BLOB NOT NULL
    );
    CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, text, content='articles', content_rowid='rowid'
    );
    CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
    END;
    CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text)
        VALUES ('delete', old.rowid, old.title, old.text);
    END;
    CREATE TRIGGER articles_au AFTER UPDATE OF title, text ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text)
        VALUES ('delete', old.rowid, old.title, old.text);
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
    END;
    """,
    # 2: per-story brief figures (dispute counts ...), written by the orchestrator when it
    # briefs a story; a row is valid only while `key` matches the story's articles and copies.
    """
    CREATE TABLE story_stats (
        story_id TEXT PRIMARY KEY,
        key TEXT NOT NULL,
        disputes INTEGER NOT NULL,
        internal_disputes INTEGER NOT NULL,
        corroborated INTEGER NOT NULL,
        single_source INTEGER NOT NULL,
        independent_sources INTEGER NOT NULL,
        computed_at REAL NOT NULL
    );
    """,
    # 3: full-text search over claims; the recorded brief itself, and the version of the
    # code that built it, beside the story figures.
    """
    ALTER TABLE story_stats ADD COLUMN version TEXT NOT NULL DEFAULT '';
    ALTER TABLE story_stats ADD COLUMN brief TEXT;
    CREATE VIRTUAL TABLE claims_fts USING fts5(text, content='claims', content_rowid='rowid');
    CREATE TRIGGER claims_ai AFTER INSERT ON claims BEGIN
        INSERT INTO claims_fts(rowid, text) VALUES (new.rowid, new.text);
    END;
    CREATE TRIGGER claims_ad AFTER DELETE ON claims BEGIN
        INSERT INTO claims_fts(claims_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
    END;
    CREATE TRIGGER claims_au AFTER UPDATE OF text ON claims BEGIN
        INSERT INTO claims_fts(claims_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
        INSERT INTO claims_fts(rowid, text) VALUES (new.rowid, new.text);
    END;
    INSERT INTO claims_fts(claims_fts) VALUES ('rebuild');
    """,
    # 4: the version of the code that extracted an article's claims and attributions, so
    # articles stored by an older consilience can be found and extracted again. Rows
    # stored before have '' (unknown, so stale).
    """
    ALTER TABLE articles ADD COLUMN extracted_by TEXT NOT NULL DEFAULT '';
    """,
]
SCHEMA_VERSION = len(MIGRATIONS)

ARTICLE_COLUMNS = (
    "id", "title", "text", "url", "outlet", "published", "author", "language", "path", "metadata",
)


class SQLiteStore:
    """All reads and writes of one database file. Writes happen in transactions."""

    def __init__(self, path: str):
        self.path = path
        try:
            self.conn = sqlite3.connect(path, timeout=30, isolation_level=None, check_same_thread=False)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open database {path}: {exc}") from exc
        self.conn.row_factory = sqlite3.Row
        try:
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA foreign_keys=ON")
            self.conn.execute("PRAGMA synchronous=NORMAL")
            self.migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{path} is not a consilience database: {exc}") from exc

    def own_files(self) -> list[str]:
        """The database file and SQLite's files beside it, which a folder walk over
        the directory holding them must not read as articles."""
        if not self.path or self.path == ":memory:" or self.path.startswith("file:"):
            return []
        return [self.path + suffix for suffix in ("", "-wal", "-shm", "-journal")]

    # -- schema ---------------------------------------------------------------
    def schema_version(self) -> int:
        return self.conn.execute("PRAGMA user_version").fetchone()[0]

    def migrate(self) -> None:
        current = self.schema_version()
        if current > SCHEMA_VERSION:
            raise SchemaTooNewError(
                f"{self.path} has schema version {current}; this consilience knows up to "
                f"{SCHEMA_VERSION}. Upgrade consilience."
            )
        for version in range(current, SCHEMA_VERSION):
            with self.transaction() as cur:
                cur.executescript_in_tx(MIGRATIONS[version])
                cur.execute(f"PRAGMA user_version={version + 1}")

    @contextmanager
    def transaction(self) -> Iterator[_Tx]:
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield _Tx(self.conn)
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")

    def close(self) -> None:
        self.conn.close()

    # -- articles -------------------------------------------------------------
    def find_existing(self, article: Article) -> str | None:
        """Id of a stored article with the same identity, if any."""
        row = self.conn.execute("SELECT id FROM articles WHERE id = ?", (article.id,)).fetchone()
        if row:
            return row["id"]
        digest = article.metadata.get("content_hash")
        if digest and not article.explicit_id:
            row = self.conn.execute(
                "SELECT id FROM articles WHERE content_hash = ? LIMIT 1", (digest,)
            ).fetchone()
            if row:
                return row["id"]
        return None

    def add_article(self, tx: _Tx, article: Article, claims: list[Claim], attributions: list[Attribution],
                    extracted_by: str = "") -> None:
        """Store a new article with what was extracted from it, and by which code."""
        now = time.time()
        tx.execute(
            "INSERT INTO articles (id, content_hash, title, text, url, outlet, published, author, "
            "language, path, metadata, ingested_at, extracted_by) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                article.id, article.metadata.get("content_hash", ""), article.title, article.text,
                article.url, article.outlet, article.published, article.author, article.language,
                article.path, json.dumps(article.metadata, ensure_ascii=False, default=str), now,
                extracted_by,
            ),
        )
        self._put_extraction(tx, article, claims, attributions)

    def replace_extraction(self, tx: _Tx, article: Article, claims: list[Claim],
                           attributions: list[Attribution], extracted_by: str) -> None:
        """Swap a stored article's claims and attributions for ones extracted anew, and
        forget the recorded brief of its story, which was built from the old ones."""
        tx.execute("DELETE FROM claims WHERE article_id = ?", (article.id,))
        tx.execute("DELETE FROM attributions WHERE article_id = ?", (article.id,))
        self._put_extraction(tx, article, claims, attributions)
        tx.execute("UPDATE articles SET extracted_by = ? WHERE id = ?", (extracted_by, article.id))
        tx.execute("DELETE FROM story_stats WHERE story_id = "
                   "(SELECT story_id FROM articles WHERE id = ?)", (article.id,))

    def stale_extractions(self, extracted_by: str) -> list[str]:
        """Ids of the articles extracted by other code than ``extracted_by``, oldest first."""
        rows = self.conn.execute(
            "SELECT id FROM articles WHERE extracted_by != ? ORDER BY ingested_at, id", (extracted_by,)
        )
        return [r["id"] for r in rows]

    def count_stale_extractions(self, extracted_by: str) -> int:
        return self.conn.execute(
            "SELECT COUNT(*) FROM articles WHERE extracted_by != ?", (extracted_by,)
        ).fetchone()[0]

    def _put_extraction(self, tx: _Tx, article: Article, claims: list[Claim],
                        attributions: list[Attribution]) -> None:
        tx.executemany(
            "INSERT INTO claims (article_id, idx, start, end, text, hedged, data) VALUES (?,?,?,?,?,?,?)",
            [
                (article.id, i, c.start, c.end, c.text, int(c.hedged), json.dumps(asdict(c), ensure_ascii=False))
                for i, c in enumerate(claims)
            ],
        )
        tx.executemany(
            "INSERT INTO attributions (article_id, idx, data) VALUES (?,?,?)",
            [(article.id, i, json.dumps(asdict(a), ensure_ascii=False)) for i, a in enumerate(attributions)],
        )

    def _article(self, row: sqlite3.Row) -> Article:
        return Article(
            id=row["id"], title=row["title"], text=row["text"], url=row["url"], outlet=row["outlet"],
            published=row["published"], author=row["author"], language=row["language"],
            path=row["path"], metadata=json.loads(row["metadata"] or "{}"),
        )

    def get_article(self, article_id: str) -> Article | None:
        row = self.conn.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
        return self._article(row) if row else None

    def articles(self, ids: Iterable[str] | None = None) -> list[Article]:
        if ids is None:
            rows = self.conn.execute("SELECT * FROM articles ORDER BY ingested_at, id").fetchall()
        else:
            wanted = list(ids)
            rows = []
            for chunk in _chunks(wanted, 500):
                marks = ",".join("?" * len(chunk))
                rows.extend(self.conn.execute(f"SELECT * FROM articles WHERE id IN ({marks})", chunk))
            order = {i: n for n, i in enumerate(wanted)}
            rows.sort(key=lambda r: order[r["id"]])
        return [self._article(r) for r in rows]

    def articles_without_story(self) -> list[Article]:
        rows = self.conn.execute("SELECT * FROM articles WHERE story_id IS NULL ORDER BY ingested_at, id")
        return [self._article(r) for r in rows]

    def article_rows(self) -> list[dict[str, Any]]:
        """Light listing without text: id, title, outlet, published, path, story, copy_of."""
        rows = self.conn.execute(
            "SELECT id, title, outlet, published, path, story_id, copy_of, language, url "
            "FROM articles ORDER BY ingested_at, id"
        )
        return [dict(r) for r in rows]

    # -- claims and attributions ---------------------------------------------
    def claims(self, article_ids: Iterable[str]) -> dict[str, list[Claim]]:
        out: dict[str, list[Claim]] = {}
        for chunk in _chunks(list(article_ids), 500):
            marks = ",".join("?" * len(chunk))
            for row in self.conn.execute(
                f"SELECT article_id, data FROM claims WHERE article_id IN ({marks}) ORDER BY article_id, idx",
                chunk,
            ):
                out.setdefault(row["article_id"], []).append(claim_from_dict(json.loads(row["data"])))
        return out

    def attributions(self, article_ids: Iterable[str]) -> dict[str, list[Attribution]]:
        out: dict[str, list[Attribution]] = {}
        for chunk in _chunks(list(article_ids), 500):
            marks = ",".join("?" * len(chunk))
            for row in self.conn.execute(
                f"SELECT article_id, data FROM attributions WHERE article_id IN ({marks}) "
                "ORDER BY article_id, idx",
                chunk,
            ):
                out.setdefault(row["article_id"], []).append(attribution_from_dict(json.loads(row["data"])))
        return out

    # -- stories --------------------------------------------------------------
    def assign_stories(
        self,
        tx: _Tx,
        assignments: dict[str, str],
        copy_of: dict[str, str | None],
        titles: dict[str, str],
        merges: list[tuple[str, str]],
    ) -> None:
        now = time.time()
        touched = set(assignments.values())
        for absorbed, survivor in merges:
            touched.update((absorbed, survivor))
            tx.execute("UPDATE articles SET story_id = ? WHERE story_id = ?", (survivor, absorbed))
            tx.execute("DELETE FROM stories WHERE id = ?", (absorbed,))
            tx.execute(
                "INSERT INTO story_events (story_id, kind, detail, at) VALUES (?,?,?,?)",
                (survivor, "merge", json.dumps({"absorbed": absorbed}), now),
            )
        for story_id in set(assignments.values()):
            tx.execute(
                "INSERT INTO stories (id, title, created_at, updated_at) VALUES (?,?,?,?) "
                "ON CONFLICT(id) DO UPDATE SET updated_at = excluded.updated_at",
                (story_id, titles.get(story_id), now, now),
            )
        tx.executemany(
            "UPDATE articles SET story_id = ?, copy_of = ? WHERE id = ?",
            [(sid, copy_of.get(aid), aid) for aid, sid in assignments.items()],
        )
        tx.executemany("DELETE FROM story_stats WHERE story_id = ?", [(sid,) for sid in touched])

    def story_rows(self) -> list[dict[str, Any]]:
        """Stories with their article ids, oldest first."""
        stories = {
            r["id"]: {**dict(r), "articles": []}
            for r in self.conn.execute("SELECT * FROM stories ORDER BY created_at, id")
        }
        for r in self.conn.execute("SELECT id, story_id FROM articles ORDER BY ingested_at, id"):
            if r["story_id"] in stories:
                stories[r["story_id"]]["articles"].append(r["id"])
        return [s for s in stories.values() if s["articles"]]

    def story_article_ids(self, story_id: str) -> list[str]:
        rows = self.conn.execute(
            "SELECT id FROM articles WHERE story_id = ? ORDER BY ingested_at, id", (story_id,)
        )
        return [r["id"] for r in rows]

    def story_ids_for(self, article_ids: Iterable[str]) -> list[str]:
        seen: dict[str, None] = {}
        for chunk in _chunks(list(article_ids), 500):
            marks = ",".join("?" * len(chunk))
            for r in self.conn.execute(
                f"SELECT story_id FROM articles WHERE id IN ({marks}) ORDER BY ingested_at, id", chunk
            ):
                if r["story_id"]:
                    seen[r["story_id"]] = None
        return list(seen)

    def story_title(self, story_id: str) -> str | None:
        row = self.conn.execute("SELECT title FROM stories WHERE id = ?", (story_id,)).fetchone()
        return row["title"] if row else None

    def story_events(self, story_id: str) -> list[dict[str, Any]]:
        rows = self.conn.execute(
            "SELECT kind, detail, at FROM story_events WHERE story_id = ? ORDER BY id", (story_id,)
        )
        return [{"kind": r["kind"], "detail": json.loads(r["detail"]), "at": r["at"]} for r in rows]

    def copy_of(self, article_ids: Iterable[str]) -> dict[str, str | None]:
        out: dict[str, str | None] = {}
        for chunk in _chunks(list(article_ids), 500):
            marks = ",".join("?" * len(chunk))
            for r in self.conn.execute(f"SELECT id, copy_of FROM articles WHERE id IN ({marks})", chunk):
                out[r["id"]] = r["copy_of"]
        return out

    # -- opaque state (the story index) ----------------------------------------
    def get_state(self, key: str) -> bytes | None:
        row = self.conn.execute("SELECT value FROM state WHERE key = ?", (key,)).fetchone()
        return bytes(row["value"]) if row else None

    def set_state(self, tx: _Tx, key: str, value: bytes) -> None:
        tx.execute(
            "INSERT INTO state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    # -- read-only queries for the report and the web app ----------------------
    def story_summaries(self) -> list[dict[str, Any]]:
        """One row per non-empty story: counts, outlets, first/last date, in one query."""
        rows = self.conn.execute(
            "SELECT s.id, s.title, s.created_at, s.updated_at, count(a.id) AS n_articles, "
            "count(DISTINCT coalesce(a.copy_of, a.id)) AS independent_sources, "
            "min(a.published) AS first, max(a.published) AS last, "
            "group_concat(a.outlet, char(31)) AS outlets "
            "FROM stories s JOIN articles a ON a.story_id = s.id "
            "GROUP BY s.id ORDER BY s.created_at, s.id"
        )
        out = []
        for r in rows:
            d = dict(r)
            d["outlets"] = sorted(set(d["outlets"].split("\x1f"))) if d["outlets"] else []
            out.append(d)
        return out

    def story_key(self, story_id: str) -> tuple[str, ...]:
        """The story's article ids and copy links: changes whenever its brief can change."""
        rows = self.conn.execute(
            "SELECT id, coalesce(copy_of, '') AS c FROM articles WHERE story_id = ? ORDER BY ingested_at, id",
            (story_id,),
        )
        return tuple(f"{r['id']}\x00{r['c']}" for r in rows)

    def story_keys(self, story_ids: Iterable[str] | None = None) -> dict[str, str]:
        """A digest of :meth:`story_key` for every story (or just these), in one query."""
        keys: dict[str, list[str]] = {}
        where, params = ("IS NOT NULL", ()) if story_ids is None else (
            "IN (SELECT value FROM json_each(?))", (json.dumps(list(story_ids)),))
        for r in self.conn.execute(
            f"SELECT story_id, id, coalesce(copy_of, '') AS c FROM articles WHERE story_id {where} "
            "ORDER BY ingested_at, id", params
        ):
            keys.setdefault(r["story_id"], []).append(f"{r['id']}\x00{r['c']}")
        return {sid: _digest(parts) for sid, parts in keys.items()}

    def story_stats(self, version: str | None = None,
                    story_ids: Iterable[str] | None = None) -> dict[str, dict[str, Any]]:
        """Recorded brief figures per story (disputes, corroborated, single_source,
        independent_sources ...), only those still valid for the story's articles and copy
        links and, when ``version`` is given, recorded by that version of the brief code.
        ``story_ids`` limits the answer (and the work) to those stories."""
        if story_ids is not None:
            story_ids = list(dict.fromkeys(story_ids))
        keys = self.story_keys(story_ids)
        out = {}
        for r in self.conn.execute(
            "SELECT story_id, key, version, disputes, internal_disputes, corroborated, single_source, "
            "independent_sources, computed_at FROM story_stats"
            + ("" if story_ids is None else " WHERE story_id IN (SELECT value FROM json_each(?))"),
            () if story_ids is None else (json.dumps(story_ids),),
        ):
            if keys.get(r["story_id"]) == r["key"] and (version is None or r["version"] == version):
                out[r["story_id"]] = dict(r)
        return out

    def stored_brief(self, story_id: str, version: str) -> dict[str, Any] | None:
        """The recorded brief (``Story.to_dict()``) of a story, if still valid, else None."""
        row = self.conn.execute(
            "SELECT key, version, brief FROM story_stats WHERE story_id = ?", (story_id,)
        ).fetchone()
        if row is None or not row["brief"] or row["version"] != version:
            return None
        if row["key"] != _digest(list(self.story_key(story_id))):
            return None
        return json.loads(row["brief"])

    def put_story_stats(self, tx: _Tx, stories: Iterable[Any], version: str = "") -> None:
        """Record freshly built briefs (``models.Story``) and their figures."""
        now = time.time()
        rows = []
        for s in stories:
            key = _digest(list(self.story_key(s.id)))
            internal = sum(1 for d in s.disputed if getattr(d, "internal", False))
            rows.append((s.id, key, len(s.disputed), internal, len(s.corroborated), len(s.single_source),
                         s.independent_sources, now, version,
                         json.dumps(s.to_dict(), ensure_ascii=False, separators=(",", ":"))))
        tx.executemany(
            "INSERT INTO story_stats (story_id, key, disputes, internal_disputes, corroborated, single_source, "
            "independent_sources, computed_at, version, brief) VALUES (?,?,?,?,?,?,?,?,?,?) "
            "ON CONFLICT(story_id) DO UPDATE SET "
            "key = excluded.key, disputes = excluded.disputes, internal_disputes = excluded.internal_disputes, "
            "corroborated = excluded.corroborated, single_source = excluded.single_source, "
            "independent_sources = excluded.independent_sources, computed_at = excluded.computed_at, "
            "version = excluded.version, brief = excluded.brief",
            rows,
        )

    def article_story(self, article_id: str) -> tuple[str | None, str | None] | None:
        """(story_id, copy_of) of a stored article, or None when unknown."""
        row = self.conn.execute("SELECT story_id, copy_of FROM articles WHERE id = ?", (article_id,)).fetchone()
        return (row["story_id"], row["copy_of"]) if row else None

    def search(self, query: str, limit: int = 20) -> list[dict[str, Any]]:
        """Full-text search (FTS5) over titles and texts, best first; fast on common words:
        rank first, then snippets for the top rows only. The snippet marks hits with U+E000/U+E001 (never in stored text)."""
        terms = list(_fts_terms(query))
        top = self._fts_top("articles_fts", terms, limit)
        if not top:
            return []
        rows = self._rows_in_order(
            "SELECT rowid, id, title, outlet, published, story_id, text FROM articles WHERE rowid IN ({})",
            [rowid for rowid, _ in top])
        score = dict(top)
        return [{
            "id": r["id"], "title": r["title"], "outlet": r["outlet"], "published": r["published"],
            "story_id": r["story_id"], "snippet": _snippet(r["text"], terms), "score": score[r["rowid"]],
        } for r in rows]

    def _rows_in_order(self, sql: str, rowids: list[int]) -> list[sqlite3.Row]:
        """The rows of ``sql`` (its ``{}`` takes the placeholders for ``rowids``; it selects ``rowid``)
        in the order of ``rowids``, skipping any no longer there."""
        rows = {r["rowid"]: r for r in self.conn.execute(sql.format(",".join("?" * len(rowids))), rowids)}
        return [rows[i] for i in rowids if i in rows]

    def _fts_top(self, table: str, terms: list[str], limit: int) -> list[tuple[int, float]]:
        """(rowid, rank) of the best FTS5 matches for any of the terms, best first."""
        if not terms:
            return []
        match = " OR ".join(f'"{t}"' for t in terms)
        sql = f"SELECT rowid, rank FROM {table} WHERE {table} MATCH ? ORDER BY rank LIMIT ?"
        return [(r[0], r[1]) for r in self.conn.execute(sql, (match, limit))]

    def search_claims(self, query: str, limit: int = 50) -> list[dict[str, Any]]:
        """Full-text search (FTS5) over every stored claim, best first: article_id, idx,
        start, end, text, hedged, source, title and story_id of its article."""
        top = [rowid for rowid, _ in self._fts_top("claims_fts", list(_fts_terms(query)), limit)]
        if not top:
            return []
        out = []
        for r in self._rows_in_order(
            "SELECT c.rowid AS rowid, c.article_id, c.idx, c.start, c.end, c.text, c.hedged, "
            "json_extract(c.data, '$.source') AS source, a.title, a.outlet, a.story_id "
            "FROM claims c JOIN articles a ON a.id = c.article_id WHERE c.rowid IN ({})", top,
        ):
            d = dict(r)
            d.pop("rowid")
            d["hedged"] = bool(d["hedged"])
            out.append(d)
        return out

    def claim_flags(self, article_ids: Iterable[str]) -> dict[str, list[Any]]:
        """Per article, its claims' (start, hedged, source) only: what a rendered matrix needs,
        without decoding every stored claim."""
        from types import SimpleNamespace

        out: dict[str, list[Any]] = {}
        for chunk in _chunks(list(article_ids), 500):
            marks = ",".join("?" * len(chunk))
            for r in self.conn.execute(
                f"SELECT article_id, start, hedged, json_extract(data, '$.source') AS source FROM claims "
                f"WHERE article_id IN ({marks}) ORDER BY article_id, idx",
                chunk,
            ):
                out.setdefault(r["article_id"], []).append(
                    SimpleNamespace(start=r["start"], hedged=bool(r["hedged"]), source=r["source"])
                )
        return out


class _Tx:
    """A cursor valid inside one transaction."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    def execute(self, sql: str, params: Iterable[Any] = ()) -> sqlite3.Cursor:
        return self.conn.execute(sql, tuple(params))

    def executemany(self, sql: str, rows: Iterable[Iterable[Any]]) -> None:
        self.conn.executemany(sql, [tuple(r) for r in rows])

    def executescript_in_tx(self, script: str) -> None:
        # executescript would COMMIT first; run statements one by one instead.
        for statement in _split_sql(script):
            self.conn.execute(statement)


def _split_sql(script: str) -> list[str]:
    statements, buf = [], []
    for line in script.splitlines():
        buf.append(line)
        joined = "\n".join(buf).strip()
        if joined.endswith(";") and sqlite3.complete_statement(joined):
            statements.append(joined)
            buf = []
    rest = "\n".join(buf).strip()
    if rest:
        statements.append(rest)
    return statements


def _digest(parts: list[str]) -> str:
    import hashlib

    return hashlib.sha1("\n".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


def _chunks(items: list, size: int) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _fts_terms(query: str) -> list[str]:
    import re

    return [t for t in re.findall(r"\w+", query.lower()) if len(t) > 1][:32]


def _snippet(text: str, terms: list[str], width: int = 90) -> str:
    """A window of text around the first hit, hits wrapped in U+E000 ... U+E001."""
    import re

    pattern = re.compile(r"(?<!\w)(" + "|".join(re.escape(t) for t in terms) + r")(?!\w)", re.IGNORECASE)
    first = pattern.search(text)
    if first is None:
        piece = text[: 2 * width]
        return piece + ("…" if len(text) > len(piece) else "")
    lo = max(0, first.start() - width)
    hi = min(len(text), first.end() + width)
    piece = text[lo:hi].replace("\ue000", "").replace("\ue001", "")
    marked = pattern.sub(lambda m: "\ue000" + m.group(0) + "\ue001", piece)
    return ("…" if lo > 0 else "") + " ".join(marked.split()) + ("…" if hi < len(text) else "")


def story_from_dict(d: dict[str, Any]) -> Story:
    """The inverse of ``Story.to_dict()`` (a recorded brief)."""

    def cites(items):
        return [Citation(**c) for c in items]

    return Story(
        **{
            **d,
            "articles": [ArticleRef(**a) for a in d["articles"]],
            "corroborated": [Finding(**{**f, "citations": cites(f["citations"])}) for f in d["corroborated"]],
            "single_source": [Finding(**{**f, "citations": cites(f["citations"])}) for f in d["single_source"]],
            "disputed": [
                Dispute(**{**x, "sides": [DisputeSide(**{**side, "citations": cites(side["citations"])})
                                          for side in x["sides"]]})
                for x in d["disputed"]
            ],
        }
    )


def claim_from_dict(d: dict[str, Any]) -> Claim:
    d = dict(d)
    d["quantities"] = [Quantity(**q) for q in d.get("quantities", [])]
    d["hedge_spans"] = [tuple(s) for s in d.get("hedge_spans", [])]
    return Claim(**d)


def attribution_from_dict(d: dict[str, Any]) -> Attribution:
    d = dict(d)
    for key in ("source_spans", "cue_spans", "content_spans", "hedge_spans"):
        d[key] = [tuple(s) for s in d.get(key, [])]
    return Attribution(**d)
