"""Readers and bad input: one line per failure, the batch goes on, exit 1."""

from __future__ import annotations

import gzip
import io
import json
import sqlite3
from pathlib import Path

from conftest import EXAMPLES, run_cli

from consilience.clean import clean_article
from consilience.ingest import read_inputs
from consilience.ingest.text import split_title
from consilience.models import Article, InputError

GOOD = "Flood closes bridge\nThe river rose two metres overnight and the old bridge was closed, the county said.\n"


def _read(*paths):
    items = list(read_inputs([str(p) for p in paths]))
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, InputError)]


def test_text_title_detection():
    assert split_title(GOOD) == ("Flood closes bridge", GOOD.split("\n", 1)[1])
    body = "The river rose two metres overnight, the county said.\nMore rain is due."
    assert split_title(body) == (None, body)


def test_example_corpus_reads_every_format():
    articles, errors = _read(EXAMPLES)
    assert not errors
    kinds = {Path(a.path.split("#")[0].split(":")[0]).suffix for a in articles}
    assert kinds == {".txt", ".html", ".jsonl", ".xml"}
    html = next(a for a in articles if a.path.endswith(".html"))
    assert html.outlet == "Valley Post" and html.author == "Priya Nandakumar"
    assert html.published and html.published.startswith("2026-03-10")
    assert "Most read" not in html.text and "cookies" not in html.text
    wire = next(a for a in articles if a.id == "wire-0311-dam")
    assert wire.explicit_id and wire.metadata == {"section": "regional"} and wire.outlet == "Regional Press Wire"
    feed = next(a for a in articles if a.path.endswith("#entry1"))
    assert feed.outlet == "Metro Daily" and "29 votes to 12" in feed.text and "<p>" not in feed.text


def test_atom_feed_content_preferred_over_summary(tmp_path):
    atom = tmp_path / "f.atom"
    atom.write_text(
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>'
        "<entry><title>E</title><id>x</id><updated>2026-01-02T00:00:00Z</updated>"
        "<summary>short summary</summary>"
        '<content type="html">&lt;p&gt;The full text of the entry, with several words.&lt;/p&gt;</content>'
        "</entry></feed>",
        encoding="utf-8",
    )
    articles, errors = _read(atom)
    assert not errors and articles[0].text == "The full text of the entry, with several words."
    assert articles[0].published == "2026-01-02T00:00:00Z"


def test_warc_html_records(tmp_path):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path = tmp_path / "crawl.warc.gz"
    html = (EXAMPLES / "valley-post-dam.html").read_bytes()
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        rec = writer.create_warc_record("https://valley.example/dam", "response", payload=io.BytesIO(html),
                                        http_headers=headers)
        writer.write_record(rec)
        img = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record("https://valley.example/x.png", "response",
                                                      payload=io.BytesIO(b"\x89PNG"), http_headers=img))
    articles, errors = _read(path)
    assert not errors
    assert len(articles) == 1 and articles[0].url == "https://valley.example/dam"
    assert "85 homes were flooded" in articles[0].text


def _bad_inputs(tmp_path: Path) -> dict[str, Path]:
    bad = {
        "binary": tmp_path / "photo.txt",
        "empty": tmp_path / "empty.txt",
        "truncated_html": tmp_path / "cut.html",
        "truncated_feed": tmp_path / "cut.xml",
        "invalid_utf8": tmp_path / "latin1.txt",
        "jsonl": tmp_path / "dump.jsonl",
        "truncated_warc": tmp_path / "cut.warc.gz",
        "headerless_warc": tmp_path / "odd.warc",
        "noise_warc": tmp_path / "noise.warc.gz",
    }
    bad["binary"].write_bytes(bytes(range(256)) * 8)
    bad["empty"].write_bytes(b"")
    bad["truncated_html"].write_text("<!DOCTYPE html><html><head><title>x</title></head><body><p>The council me", "utf-8")
    bad["truncated_feed"].write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item><title>A', "utf-8")
    bad["invalid_utf8"].write_bytes("Caf\u00e9 closes\nThe caf\u00e9 on the square closed its doors after forty years.".encode("latin-1"))
    lines = [
        json.dumps({"id": "ok-1", "title": "Port strike ends", "text": "Dock workers returned to work on Monday after a five-day strike, the union said."}),
        '{"id": "broken", "text": "no closing brace"',
        json.dumps({"id": "no-text", "title": "Nothing here"}),
        json.dumps(["not", "an", "object"]),
    ]
    bad["jsonl"].write_text("\n".join(lines) + "\n", "utf-8")
    bad["truncated_warc"].write_bytes(gzip.compress(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 5000\r\n\r\nHTTP/1.1 200")[:-10])
    bad["headerless_warc"].write_bytes(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 99\r\n\r\nabc")
    bad["noise_warc"].write_bytes(bytes(range(1, 256)) * 4)
    return bad


def test_bad_inputs_each_get_one_line_and_the_rest_goes_on(tmp_path):
    db = tmp_path / "news.db"
    first = run_cli("ingest", str(EXAMPLES), "--db", str(db))
    assert first.exit_code == 0, first.output
    con = sqlite3.connect(db)
    before = con.execute("SELECT id, text FROM articles ORDER BY id").fetchall()
    con.close()

    bad_dir = tmp_path / "bad"
    bad_dir.mkdir()
    bad = _bad_inputs(bad_dir)
    good = bad_dir / "good.txt"
    good.write_text(GOOD, "utf-8")
    result = run_cli("ingest", str(bad_dir), "--db", str(db))
    assert result.exit_code == 1
    errors = [ln for ln in result.stderr.splitlines() if ln.startswith("error: ")]
    text = "\n".join(errors)
    assert f"{bad['binary']}: binary file" in text
    assert f"{bad['empty']}: empty file" in text
    assert f"{bad['truncated_html']}: truncated HTML" in text
    assert f"{bad['truncated_feed']}" in text and "feed" in text
    assert f"{bad['invalid_utf8']}: invalid UTF-8" in text
    assert f"{bad['jsonl']}:2: malformed JSON" in text
    assert f"{bad['jsonl']}:3: no \"text\" field" in text
    assert f"{bad['jsonl']}:4: expected a JSON object" in text
    assert f"{bad['truncated_warc']}" in text and "WARC" in text
    assert f"{bad['headerless_warc']}: malformed or truncated WARC" in text
    assert f"{bad['noise_warc']}: malformed WARC" in text
    assert len(errors) == 11, errors

    con = sqlite3.connect(db)
    after = dict(con.execute("SELECT id, text FROM articles").fetchall())
    con.close()
    for art_id, body in before:
        assert after[art_id] == body  # nothing stored before is lost or changed
    assert "ok-1" in after  # the good line of the broken JSONL file
    assert any("river rose two metres" in t for t in after.values())


def test_missing_path_is_an_error(tmp_path):
    result = run_cli("ingest", str(tmp_path / "nope"), "--db", str(tmp_path / "x.db"))
    assert result.exit_code == 1 and "no such file or directory" in result.stderr


def test_the_store_in_the_folder_it_reads_is_not_an_input(tmp_path, monkeypatch):
    """The default database is ./consilience.db: analysing "." twice must not read the
    store (and SQLite's -wal and -shm files beside it) as broken articles."""
    (tmp_path / "ferry.txt").write_text(GOOD, "utf-8")
    monkeypatch.chdir(tmp_path)
    first = run_cli("ingest", ".")
    assert first.exit_code == 0, first.output
    (tmp_path / "consilience.db-journal").write_bytes(b"\x00" * 16)
    again = run_cli("ingest", ".")
    assert again.exit_code == 0, again.output
    assert "error" not in again.stderr and "1 already stored" in again.stderr
    other = tmp_path / "other.db"
    other.write_bytes(b"SQLite format 3\x00" + b"\x00" * 100)
    third = run_cli("ingest", ".")
    assert third.exit_code == 1 and "other.db: binary file" in third.stderr  # only the store itself is passed over


def test_stdin_jsonl(tmp_path):
    line = json.dumps({"id": "in-1", "title": "Ferry delayed", "text": "The morning ferry was delayed by three hours because of fog, the operator said."})
    result = run_cli("ingest", "-", "--db", str(tmp_path / "s.db"), input=line + "\n")
    assert result.exit_code == 0, result.output
    con = sqlite3.connect(tmp_path / "s.db")
    assert con.execute("SELECT id FROM articles").fetchall() == [("in-1",)]
    con.close()


def test_same_content_from_two_paths_is_stored_once(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "copy.txt"
    a.write_text(GOOD, "utf-8")
    b.write_text(GOOD.replace("  ", " ") + "\n\n", "utf-8")
    db = tmp_path / "d.db"
    result = run_cli("ingest", str(a), str(b), "--db", str(db))
    assert result.exit_code == 0
    assert "1 already stored" in result.stderr
    con = sqlite3.connect(db)
    assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 1
    con.close()


def test_ids_are_content_hashes():
    art = clean_article(Article(id="", text="Same words here.  \n", url=None))
    again = clean_article(Article(id="", text="Same   words here.", url=None))
    other_url = clean_article(Article(id="", text="Same words here.", url="https://x.example/1"))
    assert art.id == again.id and art.id != other_url.id


def test_huge_article_is_refused_with_a_reason(tmp_path, monkeypatch):
    import consilience.pipeline as pipeline

    monkeypatch.setattr(pipeline, "MAX_ARTICLE_CHARS", 500)
    big = tmp_path / "big.txt"
    big.write_text("Huge dump\n" + "The council met again and talked at length. " * 40, "utf-8")
    ok = tmp_path / "ok.txt"
    ok.write_text(GOOD, "utf-8")
    result = run_cli("ingest", str(tmp_path), "--db", str(tmp_path / "h.db"))
    assert result.exit_code == 1
    assert f"error: {big}: article text too long" in result.stderr
    assert "1 new" in result.stderr


def test_oversized_file_is_refused(tmp_path, monkeypatch):
    import consilience.ingest as ingest

    monkeypatch.setattr(ingest, "MAX_FILE_BYTES", 100)
    path = tmp_path / "large.txt"
    path.write_text(GOOD * 10, "utf-8")
    _, errors = _read(path)
    assert len(errors) == 1 and "file too large" in errors[0].reason
