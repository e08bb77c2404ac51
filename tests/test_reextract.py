"""Stored extractions carry the version of the code that made them; `consilience reextract`
brings the stale ones up to date without losing or doubling anything."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from conftest import EXAMPLES, run_cli

from consilience.store import SCHEMA_VERSION, open_store
from consilience.store.sqlite import MIGRATIONS


@pytest.fixture(scope="module")
def current_db(tmp_path_factory) -> Path:
    """The example corpus, stored by this version."""
    db = tmp_path_factory.mktemp("reextract") / "news.db"
    result = run_cli("ingest", str(EXAMPLES), "--db", str(db), "-q")
    assert result.exit_code == 0, result.output
    return db


def _extraction(db: Path) -> tuple[dict, dict]:
    con = sqlite3.connect(db)
    try:
        claims = {(a, i): d for a, i, d in con.execute("SELECT article_id, idx, data FROM claims")}
        atts = {(a, i): d for a, i, d in con.execute("SELECT article_id, idx, data FROM attributions")}
    finally:
        con.close()
    return claims, atts


def _as_if_older(db: Path, article_id: str) -> None:
    """What an older consilience leaves: other attributions and claims for one article,
    and no version recorded for any (as a database stored before versions were)."""
    con = sqlite3.connect(db)
    with con:
        con.execute("UPDATE articles SET extracted_by = ''")
        con.execute("DELETE FROM attributions WHERE article_id = ?", (article_id,))
        con.execute("DELETE FROM claims WHERE article_id = ? AND idx > 0", (article_id,))
        (data,) = con.execute("SELECT data FROM claims WHERE article_id = ?", (article_id,)).fetchone()
        con.execute("UPDATE claims SET data = ? WHERE article_id = ?",
                    (json.dumps({**json.loads(data), "text": "What older code made of it."}), article_id))
    con.close()


def test_migration_marks_old_articles_stale(tmp_path):
    db = tmp_path / "v3.db"
    con = sqlite3.connect(db)
    for script in MIGRATIONS[:3]:
        con.executescript(script)
    con.execute("INSERT INTO articles (id, content_hash, text, ingested_at) VALUES ('a1', 'h', 'Text.', 0)")
    con.execute("PRAGMA user_version=3")
    con.commit()
    con.close()
    store = open_store(str(db))
    try:
        assert store.schema_version() == SCHEMA_VERSION
        assert store.stale_extractions("any-version") == ["a1"]
        assert store.count_stale_extractions("any-version") == 1
    finally:
        store.close()


def test_reextract_swaps_in_the_current_extraction(current_db, tmp_path):
    from consilience.pipeline import brief_version, extraction_version, reextract

    fresh_claims, fresh_atts = _extraction(current_db)
    db = tmp_path / "old.db"
    shutil.copy(current_db, db)
    store = open_store(str(db))
    try:
        assert store.stale_extractions(extraction_version()) == []
        ids = [r["id"] for r in store.article_rows()]
        target = next(a for a in ids if any(k[0] == a for k in fresh_atts))
        stories_before = {r["id"]: r["story_id"] for r in store.article_rows()}
    finally:
        store.close()
    _as_if_older(db, target)
    assert _extraction(db) != (fresh_claims, fresh_atts)

    store = open_store(str(db))
    try:
        report = reextract(store)
        assert (report.stale, sorted(report.updated), report.errors) == (len(ids), sorted(ids), [])
        assert store.stale_extractions(extraction_version()) == []
        # every story is briefed again from the new claims; nothing else moves
        assert set(store.story_stats(brief_version())) == set(stories_before.values())
        assert {r["id"]: r["story_id"] for r in store.article_rows()} == stories_before
        assert reextract(store).stale == 0
    finally:
        store.close()
    assert _extraction(db) == (fresh_claims, fresh_atts)


def test_failed_reextraction_keeps_what_was_stored(current_db, tmp_path, monkeypatch):
    from consilience import pipeline

    db = tmp_path / "old.db"
    shutil.copy(current_db, db)
    target = "wire-0311-dam"
    _as_if_older(db, target)
    old = _extraction(db)
    real = pipeline.analyse_article

    def fails_on_target(doc, article):
        if article.id == target:
            raise ValueError("odd parse")
        return real(doc, article)

    monkeypatch.setattr(pipeline, "analyse_article", fails_on_target)
    result = run_cli("reextract", "--db", str(db), "--format", "json", "-q")
    assert result.exit_code == 1
    out = json.loads(result.stdout)
    assert target not in out["updated"] and len(out["updated"]) == out["stale"] - 1
    assert [e["reason"] for e in out["errors"]] == ["claim extraction failed: ValueError: odd parse"]
    claims, atts = _extraction(db)
    assert {k: v for k, v in claims.items() if k[0] == target} == {k: v for k, v in old[0].items() if k[0] == target}
    assert not any(k[0] == target for k in atts)
    store = open_store(str(db))
    try:
        assert store.stale_extractions(pipeline.extraction_version()) == [target]
    finally:
        store.close()


def test_analyze_says_when_stored_articles_are_stale(current_db, tmp_path):
    db = tmp_path / "old.db"
    shutil.copy(current_db, db)
    _as_if_older(db, "wire-0311-dam")
    result = run_cli("analyze", str(EXAMPLES), "--db", str(db), "--format", "json")
    assert result.exit_code == 0, result.output
    assert "were extracted by another version of consilience; `consilience reextract`" in result.stderr
    result = run_cli("reextract", "--db", str(db))
    assert result.exit_code == 0, result.output
    assert "extracted again, 0 failed" in result.stderr
    result = run_cli("analyze", str(EXAMPLES), "--db", str(db), "--format", "json")
    assert "another version" not in result.stderr
