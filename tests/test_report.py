"""`consilience report`: self-contained HTML + Markdown, matrix labels, hostile text inert."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import EXAMPLES, SEEDS, run_cli

LONG_WORD = "A" * 10_000
HOSTILE = {
    "id": "evil-1",
    "title": "Dam <script>alert('title')</script> breach",
    "outlet": "<img src=x onerror=alert('outlet')>",
    "published": "2026-03-11",
    "url": "javascript:alert('url')",
    "text": (
        "Part of the Lake Verran dam collapsed and 85 homes were flooded in Ashby Fold, "
        "the regional water authority said <script>alert('xss')</script>.\n"
        "Residents were told <img src=x onerror=alert(1)> to leave, officials said.\n"
        "Click <a href=\"javascript:alert(2)\">here</a> and javascript:alert(3) for more.\n"
        f"{LONG_WORD}\n"
        "The company denied that it had ignored warnings about the spillway."
    ),
}


def make_db(tmp: Path) -> Path:
    """seeds + example corpus + one hostile article, through the real pipeline."""
    assert SEEDS.is_dir(), f"{SEEDS} is missing: CI puts ../shared beside the clone"
    hostile = tmp / "hostile.jsonl"
    hostile.write_text(json.dumps(HOSTILE) + "\n", encoding="utf-8")
    db = tmp / "web.db"
    result = run_cli("ingest", str(SEEDS), str(EXAMPLES), str(hostile), "--db", str(db))
    assert result.exit_code == 0, result.output
    return db


class TagCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def assert_inert(html: str) -> None:
    """No script, no media, no event handlers, no javascript: URLs, no external assets."""
    parser = TagCollector()
    parser.feed(html)
    for tag, attrs in parser.tags:
        assert tag not in {"script", "img", "iframe", "object", "embed", "link", "base", "svg"}, (tag, attrs)
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name, value)
            if name in {"href", "src", "action", "formaction"}:
                assert not (value or "").strip().lower().startswith(("javascript:", "http:", "https:", "//", "data:")), value
    assert not re.search(r"<script", html, re.I)
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", html, re.I)


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    return make_db(tmp_path_factory.mktemp("report"))


@pytest.fixture(scope="module")
def report(db, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("out") / "site"
    result = run_cli("report", "--all", "--out", str(out), "--db", str(db))
    assert result.exit_code == 0, result.output
    return out


def _story_ids(db: Path) -> list[str]:
    from consilience.store import open_store

    store = open_store(str(db))
    try:
        return [s["id"] for s in store.story_summaries()]
    finally:
        store.close()


def _story_of(db: Path, article_id: str) -> str:
    from consilience.store import open_store

    store = open_store(str(db))
    try:
        return store.article_story(article_id)[0]
    finally:
        store.close()


def test_files_exist(report, db):
    ids = _story_ids(db)
    assert len(ids) >= 3
    assert (report / "index.html").is_file() and (report / "index.md").is_file()
    for sid in ids:
        assert (report / f"{sid}.html").is_file()
        assert (report / f"{sid}.md").is_file()
    index = (report / "index.html").read_text(encoding="utf-8")
    for sid in ids:
        assert f'href="{sid}.html"' in index
    assert f"({ids[0]}.md)" in (report / "index.md").read_text(encoding="utf-8")


def test_self_contained(report):
    for page in report.glob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "<style>" in html
        assert not re.search(r"<script\b[^>]*\bsrc", html, re.I)
        assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", html, re.I), page
        assert "<link" not in html
        assert_inert(html)


def test_story_page_sections_and_matrix(report, db):
    sid = _story_of(db, "wire-0311-dam")
    html = (report / f"{sid}.html").read_text(encoding="utf-8")
    for section in ('id="summary"', 'id="articles"', 'id="matrix"', 'id="disputes"', 'id="who"',
                    'id="timeline"', 'id="texts"'):
        assert section in html, section
    # matrix cells carry a colour class AND a text label
    for status, label in (("agree", "agrees"), ("dispute", "disputes"), ("silent", "silent")):
        assert re.search(rf'class="cell {status}"[^>]*>{label}<', html), status
    assert re.search(r'class="cell reports"[^>]*>reports<', html) or "reports" in html
    assert "85 homes" in html and "120 homes" in html
    assert "copy of" in html and "independent" in html
    # every citation link has its target on the page: a highlighted <mark> for disputed and
    # corroborated sentences, a plain <span class="claim"> for the rest
    marks = set(re.findall(r'<mark id="(cite-[^"]+)"', html))
    targets = marks | set(re.findall(r'<span class="claim" id="(cite-[^"]+)"', html))
    links = set(re.findall(r'href="#(cite-[^"]+)"', html))
    assert links and links <= targets, links - targets
    assert marks and marks < targets  # not every cited sentence is highlighted


def test_seed_story_count_dispute(report, db):
    sid = _story_of(db, "a-84ef1d1dbd17") if _has(db, "a-84ef1d1dbd17") else None
    if sid is None:
        pytest.skip("seed ids changed")
    html = (report / f"{sid}.html").read_text(encoding="utf-8")
    assert "two soldiers" in html and "one soldier" in html
    assert "Ukrainian officials" in html and "National Intelligence Service" in html
    md = (report / f"{sid}.md").read_text(encoding="utf-8")
    assert "two soldiers" in md


def _has(db: Path, article_id: str) -> bool:
    from consilience.store import open_store

    store = open_store(str(db))
    try:
        return store.get_article(article_id) is not None
    finally:
        store.close()


def test_hostile_article_inert_and_readable(report, db):
    sid = _story_of(db, "evil-1")
    html = (report / f"{sid}.html").read_text(encoding="utf-8")
    assert_inert(html)
    assert "&lt;script&gt;alert(&#39;xss&#39;)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "javascript:alert(3)" in html  # shown as text ...
    assert 'href="javascript' not in html  # ... never as a link
    assert LONG_WORD in html
    assert "overflow-wrap:anywhere" in html


def test_report_needs_ids_or_all(tmp_path, db):
    result = run_cli("report", "--out", str(tmp_path / "o"), "--db", str(db))
    assert result.exit_code == 2
    result = run_cli("report", "s-nope", "--out", str(tmp_path / "o"), "--db", str(db))
    assert result.exit_code == 1 and "no such story: s-nope" in result.stderr


def test_report_one_story(tmp_path, db):
    sid = _story_ids(db)[0]
    result = run_cli("report", sid, "--out", str(tmp_path / "one"), "--db", str(db))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "one").iterdir()) == sorted(
        ["index.html", "index.md", f"{sid}.html", f"{sid}.md"]
    )


def test_marked_text_overlaps_and_escapes():
    from consilience.render.html import marked_text

    html = str(marked_text("<b>One.</b> Two. Three.", [(0, 11), (0, 12), (12, 16), (5, 16)], "a-1"))
    assert "<b>" not in html and "&lt;b&gt;" in html
    assert html.count('id="cite-a-1-0"') == 1 and 'id="cite-a-1-12"' in html and 'id="cite-a-1-5"' in html
    assert "<mark" in html and "<mark><mark" not in html


def test_slug_never_leaks_raw_ids():
    from consilience.render.html import cite_id, slug

    assert slug("a-1") == "a-1"
    weird = slug('"><script>')
    assert re.fullmatch(r"x[0-9a-f]{16}", weird)
    assert cite_id("javascript:alert(1)", 3).startswith("cite-x")


def test_recorded_briefs_match_built_ones(db, tmp_path):
    """Ingest records each story's brief and figures; they equal a fresh build and go stale
    (ignored) as soon as the story gains an article."""
    import shutil

    from consilience.pipeline import brief_for, brief_version, ingest
    from consilience.store import open_store
    from consilience.store.sqlite import story_from_dict

    copy = tmp_path / "copy.db"
    shutil.copy(db, copy)
    store = open_store(str(copy))
    try:
        ids = [s["id"] for s in store.story_summaries()]
        stats = store.story_stats(brief_version())
        assert set(stats) == set(ids)
        assert store.story_stats(brief_version(), ids[:1]) == {ids[0]: stats[ids[0]]}  # only the asked ones
        for sid in ids:
            built = brief_for(store, sid)
            assert story_from_dict(store.stored_brief(sid, brief_version())) == built
            assert stats[sid]["disputes"] == len(built.disputed)
        assert store.stored_brief(ids[0], "other-code") is None
        sid = store.article_story("wire-0311-dam")[0]
        extra = tmp_path / "more.jsonl"
        extra.write_text(json.dumps({
            "id": "dam-late", "title": "Lake Verran dam breach floods Ashby Fold homes",
            "outlet": "Late Post", "published": "2026-03-12",
            "text": "Part of the Lake Verran dam collapsed and 85 homes were flooded in Ashby Fold, "
                    "the regional water authority said on Wednesday.",
        }) + "\n", encoding="utf-8")
        ingest([str(extra)], store, stats=False)
        now = store.article_story("dam-late")[0]
        assert now not in store.story_stats() and store.stored_brief(now, brief_version()) is None
        assert store.story_stats(story_ids=[now]) == {}
        assert sid in ids
    finally:
        store.close()


def _who_said_what(tmp_path, text: str, fmt: str) -> str:
    """The "Who said what" part of `consilience analyze` over one article of ``text``."""
    folder = tmp_path / "news"
    folder.mkdir(exist_ok=True)
    (folder / "article.txt").write_text(text, encoding="utf-8")
    result = run_cli("analyze", str(folder), "--db", str(tmp_path / "news.db"), "--format", fmt)
    assert result.exit_code == 0, result.output
    return result.stdout.split("Who said what", 1)[1]


def test_who_said_what_reads_cues_as_words(tmp_path):
    # PolNeAR counts the colon in a cue ("said:") and a cue keeps the capital of the
    # sentence it opens ("According to"); the lines "speaker cue: content" must not
    # print "said::" or "Harbour office According to:"
    text = ("Ferry service resumes on the Teal river\n"
            "According to the harbour office, the ferry will run every hour from Monday.\n"
            "The harbour master, Ines Brandt, said: \"The river is calm and the ferry is ready.\"\n")
    for fmt in ("terminal", "markdown"):
        who = _who_said_what(tmp_path, text, fmt)
        assert "according to" in who and "said" in who
        assert "According to" not in who and "said::" not in who and "(said:)" not in who
        # and "according to" reads before its source, as in the article
        assert "according to harbour office" in " ".join(who.replace("*", "").split())


def test_who_said_what_says_what_a_claim_noun_stands_for(tmp_path):
    who = _who_said_what(tmp_path, "Cracks reported at Riverton dam\n"
                         "The Valley Herald reported on Monday that engineers warned of cracks in the Riverton dam, "
                         "a claim Hydrovolt denied.\n", "markdown")
    assert "a claim (that is, engineers warned of cracks in the Riverton dam)" in who


def test_who_said_what_names_whom_a_source_cites(tmp_path):
    text = ("Soldier captured near Kursk\n"
            "Yonhap, quoting the NIS, said one soldier was captured near Kursk on Friday.\n")
    for fmt in ("terminal", "markdown"):
        who = " ".join(_who_said_what(tmp_path, text, fmt).replace("*", "").split())
        assert "Yonhap (citing the NIS)" in who
    out = tmp_path / "report"
    result = run_cli("report", "--all", "--out", str(out), "--db", str(tmp_path / "news.db"))
    assert result.exit_code == 0, result.output
    [page] = list(out.glob("s-*.html"))
    assert "<td>Yonhap, citing the NIS</td>" in page.read_text(encoding="utf-8")
