"""The canonical case, end to end on ../shared/seeds (README, issue 2)."""

from __future__ import annotations

import json
import re
import sqlite3

from conftest import SEEDS, run_cli

APPEAL_PHRASES = [
    "Support Our Journalism",
    "We cannot do without you",
    "your contribution supports unbiased journalism",
    "IBNS is not driven by any ism",
    "We want to serve you good old objective news",
    "We do not judge or preach",
    "We let people decide for themselves",
    "We only try to present factual and well-sourced news",
]


def _story(seeds_run):
    stories = seeds_run["json"]["stories"]
    assert len(stories) == 1, [s["title"] for s in stories]
    return stories[0]


def _article_ids(story):
    # Article order follows the input files: 000_ (two soldiers), then 003_ (one).
    paths = {a["path"].rsplit("/", 1)[-1]: a["id"] for a in story["articles"]}
    first = next(v for k, v in paths.items() if k.startswith("000_"))
    second = next(v for k, v in paths.items() if k.startswith("003_"))
    return first, second


def test_one_story_with_both_articles(seeds_run):
    story = _story(seeds_run)
    assert len(story["articles"]) == 2
    assert story["independent_sources"] == 2


def test_donation_appeal_is_nowhere(seeds_run):
    con = sqlite3.connect(seeds_run["db"])
    stored = " ".join(r[0] for r in con.execute("SELECT text FROM articles"))
    claims = " ".join(r[0] for r in con.execute("SELECT data FROM claims"))
    atts = " ".join(r[0] for r in con.execute("SELECT data FROM attributions"))
    con.close()
    outputs = [seeds_run["stdout"]]
    for fmt in ("terminal", "markdown", "jsonl"):
        res = run_cli("analyze", str(SEEDS), "--db", str(seeds_run["db"]), "--format", fmt)
        outputs.append(res.stdout)
    for phrase in APPEAL_PHRASES:
        for where, text in [("stored text", stored), ("claims", claims), ("attributions", atts)] + [
            (f"output {i}", o) for i, o in enumerate(outputs)
        ]:
            assert phrase.lower() not in " ".join(text.split()).lower(), (phrase, where)
    assert "IBNS" not in stored


def test_count_dispute_two_versus_one(seeds_run):
    story = _story(seeds_run)
    first, second = _article_ids(story)
    counts = [d for d in story["disputed"] if "soldier" in d["about"]]
    assert counts, story["disputed"]
    dispute = counts[0]
    assert "captur" in dispute["about"]
    by_value = {s["value"].split()[0]: s for s in dispute["sides"]}
    assert set(by_value) == {"two", "one"}, dispute
    two, one = by_value["two"], by_value["one"]
    assert two["articles"] == [first]
    assert one["articles"] == [second]
    assert any("Ukrainian officials" in s for s in two["sources"]), two["sources"]
    assert any(re.search(r"National Intelligence Service|\bNIS\b", s) for s in one["sources"]), one["sources"]
    assert any("Yonhap" in s for s in one["sources"]), one["sources"]
    for side in dispute["sides"]:
        for c in side["citations"]:
            assert c["text"], c


def test_attributions_who_said_what(seeds_run):
    story = _story(seeds_run)
    first, second = _article_ids(story)
    atts = story["attributions"]

    def find(pred):
        return [a for a in atts if pred(a)]

    nis = find(lambda a: a["source"] and re.search(r"National Intelligence Service|NIS", a["source"])
               and "confirm" in (a["cue"] + a["content"]).lower())
    assert nis and any(a["via"] and "Yonhap" in a["via"] for a in nis), atts
    zel = find(lambda a: a["source"] and "Zelensk" in a["source"])
    assert zel, atts
    assert any("11,000" in a["content"] and "100,000" in a["content"] for a in zel)
    assert any(a["via"] and "Guardian" in a["via"] for a in zel)
    yang = find(lambda a: a["source"] and "Yang Uk" in a["source"])
    assert len(yang) >= 2, yang  # "told the BBC" and the following "he said"
    assert any(a["via"] and "BBC" in a["via"] for a in yang)
    assert any("Ukrainians" in a["content"] for a in yang), "pronoun 'he said' resolved to Yang Uk"
    mil = find(lambda a: a["source"] and "Militarnyi" in a["source"])
    assert any("Special Operations Forces" in a["content"] for a in mil), mil
    for a in atts:
        assert a["article"] in (first, second)
        assert 0 <= a["start"] < a["end"]


def test_corroborated_by_both(seeds_run):
    story = _story(seeds_run)
    both = [f for f in story["corroborated"] if len(f["articles"]) == 2]
    assert both, story["corroborated"]
    cited = [" ".join(c["text"] for c in f["citations"]).lower() for f in both]
    assert any("captur" in t and "soldier" in t and "russia" in t for t in cited), cited
    assert any("captur" in t and ("wounded" in t or "injured" in t) for t in cited), cited
    for f in both:
        assert {c["article"] for c in f["citations"]} == set(f["articles"])


def test_single_source_findings(seeds_run):
    story = _story(seeds_run)
    single = [f["statement"] for f in story["single_source"]]
    assert any("11,000" in s and "100,000" in s for s in single), single
    assert any("Special Operations Forces" in s for s in single), single
    for f in story["single_source"]:
        assert len(f["articles"]) == 1


def test_hedged_claims(seeds_run):
    result = run_cli("claims", "--db", str(seeds_run["db"]), "--format", "jsonl")
    claims = [json.loads(line) for line in result.stdout.splitlines()]
    hedge_re = re.compile(r"\b(reportedly|alleged|believed to be|claims?)\b", re.I)
    carrying = [c for c in claims if hedge_re.search(c["text"])]
    assert len(carrying) >= 5
    for c in carrying:
        assert c["hedged"], c["text"]
        for s, e in c["hedge_spans"]:
            assert 0 <= s < e
    words = {w for c in claims for w in c["hedges"]}
    assert {"reportedly", "alleged", "believed to be"} <= words
    assert words & {"claim", "claims"}
    story = _story(seeds_run)
    for f in story["single_source"]:
        if re.search(r"\b(reportedly|alleged|believed to be)\b", f["statement"], re.I):
            assert f["hedged"], f["statement"]


def test_citations_quote_stored_text_exactly(seeds_run):
    story = _story(seeds_run)
    con = sqlite3.connect(seeds_run["db"])
    texts = dict(con.execute("SELECT id, text FROM articles"))
    con.close()
    cites = [c for f in story["corroborated"] + story["single_source"] for c in f["citations"]]
    cites += [c for d in story["disputed"] for s in d["sides"] for c in s["citations"]]
    assert cites
    for c in cites:
        assert texts[c["article"]][c["start"] : c["end"]] == c["text"]


def test_reingest_says_already_stored(seeds_run):
    result = run_cli("ingest", str(SEEDS), "--db", str(seeds_run["db"]))
    assert result.exit_code == 0
    assert "already stored" in result.stderr
    con = sqlite3.connect(seeds_run["db"])
    assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 2
    con.close()
