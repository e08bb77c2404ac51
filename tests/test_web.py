"""The web app through starlette's TestClient: routes, JSON twins, errors, writes, hostile text."""

from __future__ import annotations

import json
import re
import warnings

import pytest
from conftest import EXAMPLES
from test_report import LONG_WORD, assert_inert, make_db

warnings.filterwarnings("ignore", message=".*httpx.*")

from starlette.testclient import TestClient  # noqa: E402

TOKEN = "s3cret-token"


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return make_db(tmp_path_factory.mktemp("web"))


@pytest.fixture(scope="module")
def client(db):
    from consilience.web.app import create_app

    with TestClient(create_app(str(db))) as c:
        yield c


@pytest.fixture(scope="module")
def ids(client):
    stories = client.get("/stories.json").json()["stories"]
    by_article = {}
    for s in stories:
        brief = client.get(f"/stories/{s['id']}.json").json()
        for a in brief["articles"]:
            by_article[a["id"]] = s["id"]
    return {"stories": [s["id"] for s in stories], "story_of": by_article}


def _error(resp, status, code=None):
    assert resp.status_code == status, resp.text
    assert resp.headers["content-type"].startswith("application/json")
    body = resp.json()
    assert set(body) == {"error"} and set(body["error"]) == {"status", "code", "message"}
    assert body["error"]["status"] == status
    if code:
        assert body["error"]["code"] == code
    return body["error"]


def test_story_list_and_twin(client, ids):
    html = client.get("/")
    assert html.status_code == 200 and html.headers["content-type"].startswith("text/html")
    data = client.get("/stories.json").json()
    assert data["total"] == len(data["stories"]) >= 3
    for s in data["stories"]:
        assert f'href="/stories/{s["id"]}"' in html.text
        assert {"id", "title", "n_articles", "independent_sources", "outlets", "first", "last"} <= set(s)
    assert "default-src 'none'" in html.headers["content-security-policy"]


def test_story_list_sort_filter_page(client):
    by_size = client.get("/stories.json?sort=size").json()["stories"]
    assert [s["n_articles"] for s in by_size] == sorted((s["n_articles"] for s in by_size), reverse=True)
    disputed = client.get("/stories.json?sort=disputed").json()["stories"]
    assert [s["disputes"] for s in disputed] == sorted((s["disputes"] for s in disputed), reverse=True)
    assert disputed[0]["disputes"] > 0
    dated = client.get("/stories.json?since=2026-03-10&until=2026-03-12").json()["stories"]
    assert dated and all(s["first"] for s in dated)
    assert client.get("/stories.json?since=2030-01-01").json()["stories"] == []
    assert all(s["n_articles"] >= 3 for s in client.get("/stories.json?min_articles=3").json()["stories"])
    page = client.get("/stories.json?limit=1&offset=1").json()
    assert len(page["stories"]) == 1 and page["total"] >= 3
    assert "rel=\"next\"" in client.get("/?limit=1").text
    _error(client.get("/stories.json?sort=nope"), 400, "bad_parameter")
    _error(client.get("/stories.json?limit=abc"), 400, "bad_parameter")
    _error(client.get("/stories.json?since=yesterday"), 400, "bad_parameter")
    assert client.get("/?sort=nope").headers["content-type"].startswith("text/html")


def test_story_page_and_twin(client, ids):
    sid = ids["story_of"]["a-84ef1d1dbd17"]
    page = client.get(f"/stories/{sid}")
    assert page.status_code == 200
    assert "two soldiers" in page.text and "one soldier" in page.text
    assert "Ukrainian officials" in page.text and "National Intelligence Service" in page.text
    assert 'class="cell dispute"' in page.text and ">disputes<" in page.text
    brief = client.get(f"/stories/{sid}.json").json()
    assert brief["id"] == sid and brief["disputed"]
    from jsonschema import Draft202012Validator

    schema = json.loads((EXAMPLES.parents[1] / "docs" / "brief.schema.json").read_text())
    Draft202012Validator(schema).validate({"stories": [brief]})
    assert client.get(f"/stories/{sid}").text == page.text  # cached page is identical


def test_article_page_and_twin(client):
    page = client.get("/articles/wire-0311-dam")
    assert page.status_code == 200 and "<mark id=\"cite-wire-0311-dam-0\"" in page.text
    # only what the brief cites is highlighted; every claim is still a link target
    data = client.get("/articles/wire-0311-dam.json").json()
    marks = re.findall(r'<mark id="(cite-[^"]+)"', page.text)
    quiet = re.findall(r'<span class="claim" id="(cite-[^"]+)"', page.text)
    assert set(f"cite-wire-0311-dam-{c['start']}" for c in data["claims"]) <= set(marks) | set(quiet)
    sid = data["story_id"]
    brief = client.get(f"/stories/{sid}.json").json()
    # highlighted: what the brief cites for a dispute or a corroborated finding
    key = {c["start"] for f in brief["corroborated"] for c in f["citations"] if c["article"] == "wire-0311-dam"}
    key |= {c["start"] for d in brief["disputed"] for side in d["sides"] for c in side["citations"]
            if c["article"] == "wire-0311-dam"}
    assert key and {int(m.rsplit("-", 1)[1]) for m in marks} == key
    single = {c["start"] for f in brief["single_source"] for c in f["citations"] if c["article"] == "wire-0311-dam"}
    assert single - key <= {int(m.rsplit("-", 1)[1]) for m in quiet}
    assert ">corroborated<" in page.text or ">disputed<" in page.text  # the role, in words
    data = client.get("/articles/wire-0311-dam.json").json()
    assert data["id"] == "wire-0311-dam" and data["copy_of"] and data["story_id"] and data["claims"]
    assert data["text"].startswith("Part of the Lake Verran dam")


def test_search_and_twin(client):
    page = client.get("/search", params={"q": "Yonhap"})
    assert page.status_code == 200 and "<mark>Yonhap</mark>" in page.text
    data = client.get("/search.json", params={"q": "Yonhap"}).json()
    assert [a["id"] for a in data["articles"]] == ["a-84ef1d1dbd17"]
    assert any("Yonhap" in c["text"] for c in data["claims"])
    # claims are searched on their own (FTS over every claim), with their story
    tram = client.get("/search.json", params={"q": "tram extension"}).json()["claims"]
    assert tram and all(c["story_id"] for c in tram) and any("tram" in c["text"].lower() for c in tram)
    assert "claim" in client.get("/search", params={"q": "tram"}).text
    assert client.get("/search.json", params={"q": ""}).json() == {"q": "", "articles": [], "claims": []}
    assert client.get("/search.json", params={"q": "\"*) OR ( NEAR"}).status_code == 200
    _error(client.get("/search.json", params={"q": "x" * 501}), 400)


def test_errors(client):
    for url in ("/stories/s-nope.json", "/articles/nope.json", "/nope.json"):
        _error(client.get(url), 404, "not_found")
    html = client.get("/stories/s-nope")
    assert html.status_code == 404 and html.headers["content-type"].startswith("text/html")
    assert "no such story" in html.text
    api = client.get("/stories/s-nope", headers={"accept": "application/json"})
    _error(api, 404, "not_found")
    _error(client.put("/articles"), 405)


def test_writes_refused_when_read_only(client):
    _error(client.post("/articles", content=b'{"text": "x"}\n'), 403, "read_only")


def test_writes_need_the_token(db, tmp_path):
    import shutil

    from consilience.web.app import create_app

    copy = tmp_path / "w.db"
    shutil.copy(db, copy)
    with TestClient(create_app(str(copy), write_token=TOKEN)) as c:
        line = json.dumps({"id": "post-1", "title": "Tram vote", "outlet": "Test Gazette",
                           "text": "The council backed the Eastgate tram extension on Thursday, the mayor said."})
        _error(c.post("/articles", content=line.encode()), 401, "unauthorized")
        _error(c.post("/articles", content=line.encode(), headers={"Authorization": "Bearer wrong"}), 401)
        _error(c.post("/articles", content=line.encode(), headers={"Authorization": f"Basic {TOKEN}"}), 401)
        _error(c.post("/articles", content=b"  ", headers={"Authorization": f"Bearer {TOKEN}"}), 400)
        ok = c.post("/articles", content=(line + "\nnot json\n").encode(),
                    headers={"Authorization": f"Bearer {TOKEN}"})
        assert ok.status_code == 200, ok.text
        report = ok.json()
        assert report["added"] == ["post-1"] and report["stories"]
        assert report["errors"] and report["errors"][0]["line"] == 2
        assert c.get("/articles/post-1.json").json()["outlet"] == "Test Gazette"
        again = c.post("/articles", content=line.encode(), headers={"Authorization": f"Bearer {TOKEN}"}).json()
        assert again["added"] == [] and again["duplicates"]


def test_hostile_content_inert(client, ids):
    sid = ids["story_of"]["evil-1"]
    for url in (f"/stories/{sid}", "/articles/evil-1", "/search?q=alert+xss", "/", "/?sort=disputed"):
        page = client.get(url)
        assert page.status_code == 200, url
        assert_inert(page.text)
    story = client.get(f"/stories/{sid}").text
    assert "&lt;script&gt;alert(&#39;xss&#39;)&lt;/script&gt;" in story
    assert LONG_WORD in story and "overflow-wrap:anywhere" in story
    article = client.get("/articles/evil-1").text
    assert "javascript:alert(&#39;url&#39;)" in article and 'href="javascript' not in article
    data = client.get("/articles/evil-1.json").json()
    assert "<script>" in data["text"]  # JSON keeps the text as it is; only HTML escapes
    weird = client.get("/articles/%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E")
    assert weird.status_code == 404 and "<script>" not in weird.text


def test_read_only_by_default(client):
    import sqlite3

    backend = client.app.state.backend
    for conn in (backend.store.conn, backend.reader().conn):
        with pytest.raises(sqlite3.OperationalError, match="readonly|read-only|query_only"):
            conn.execute("DELETE FROM articles WHERE id = 'nope'")
