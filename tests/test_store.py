"""SQLite store: migrations, WAL, transactions that leave nothing half-written."""

from __future__ import annotations

import sqlite3

import pytest

from consilience.errors import SchemaTooNewError, StoreError
from consilience.models import Article
from consilience.store import SCHEMA_VERSION, open_store


def test_schema_versioned_and_wal(tmp_path):
    db = tmp_path / "s.db"
    store = open_store(str(db))
    assert store.schema_version() == SCHEMA_VERSION
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    store.close()
    reopened = open_store(str(db))  # migrations are idempotent
    assert reopened.schema_version() == SCHEMA_VERSION
    reopened.close()


def test_newer_schema_refused(tmp_path):
    db = tmp_path / "s.db"
    open_store(str(db)).close()
    con = sqlite3.connect(db)
    con.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    con.close()
    with pytest.raises(SchemaTooNewError):
        open_store(str(db))


def test_not_a_database(tmp_path):
    db = tmp_path / "junk.db"
    db.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError):
        open_store(str(db))


def test_failed_transaction_rolls_back(tmp_path):
    store = open_store(str(tmp_path / "s.db"))
    art = Article(id="x1", text="Some text here.", metadata={"content_hash": "h"})
    with store.transaction() as tx:
        store.add_article(tx, art, [], [])
    with pytest.raises(RuntimeError):
        with store.transaction() as tx:
            store.add_article(tx, Article(id="x2", text="Other.", metadata={"content_hash": "h2"}), [], [])
            raise RuntimeError("crash mid-write")
    assert [a.id for a in store.articles()] == ["x1"]
    store.close()


def test_full_text_search(tmp_path):
    store = open_store(str(tmp_path / "s.db"))
    with store.transaction() as tx:
        store.add_article(tx, Article(id="x1", title="Pier closed", text="A crane collapsed on the east pier.",
                                      metadata={"content_hash": "h"}), [], [])
    assert [r["id"] for r in store.search("crane")] == ["x1"]
    assert store.search("volcano") == []
    store.close()
