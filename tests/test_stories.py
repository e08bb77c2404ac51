"""Story clustering: copies, events, stable ids, merges, explanations."""

from __future__ import annotations

import json
import random

import pytest
from conftest import SEEDS

from consilience.stories import StoryIndex, StoryInput, story_id_for

DAM_A = (
    "A dam on the Tessel River burst before dawn on Saturday, sending a wall of water through the village of "
    "Ardmore. Rescue crews in boats pulled dozens of residents from rooftops, and the regional governor, Helena "
    "Varga, said at least three people had died. The reservoir behind the dam had been swollen by a week of "
    "heavy rain. Engineers had warned last year that the spillway was cracked, according to documents seen by "
    "reporters. The army sent two helicopters and set up a shelter in the Ardmore school gymnasium."
)
DAM_B = (
    "Floodwater swept through Ardmore after the Tessel River dam gave way early Saturday. Governor Helena Varga "
    "confirmed three deaths and said the search for missing villagers would continue overnight. Survivors "
    "described hearing a roar before the torrent reached their homes; many were rescued from roofs by crews in "
    "boats. Days of rain had filled the reservoir, and an inspection report last year flagged a cracked "
    "spillway. Displaced families are sleeping in the school gym, where army helicopters dropped supplies."
)
DAM_REPRINT_BODY = DAM_A + " The Ardmore Gazette contributed to this report."
VOTE = (
    "Councillors in Ardmore voted nine to four on Tuesday to build a tram line between the station and the "
    "university campus. Governor Helena Varga, who backed the plan, said construction could start next spring. "
    "Opponents on the council argued that the tram would cost twice the estimate and that buses would serve "
    "commuters better. The line will have seven stops and is expected to carry twelve thousand passengers a day "
    "once it opens, the transport committee said."
)
BUDGET = (
    "The finance ministry published a draft budget on Monday that cuts spending on roads by a fifth and raises "
    "the tax on tobacco. The minister told parliament that the deficit must fall below three percent of output "
    "by the end of the decade. Unions called a protest for next week, saying the cuts would cost thousands of "
    "jobs in construction. Economists at the central bank said the growth forecast in the draft was optimistic."
)


def _ids(update):
    return update.assignments


def test_reprint_with_new_headline_is_a_copy_in_the_same_story():
    idx = StoryIndex()
    up = idx.add([
        StoryInput("a", DAM_A, title="Dam bursts on Tessel River, three dead"),
        StoryInput("b", DAM_REPRINT_BODY, title="Village swamped as dam fails"),
    ])
    assert up.copy_of == {"a": None, "b": "a"}
    assert up.assignments["a"] == up.assignments["b"]
    assert idx.independent_sources(up.assignments["a"]) == 1


def test_same_event_in_different_words_is_one_story_with_two_sources():
    idx = StoryIndex()
    up = idx.add([StoryInput("a", DAM_A, published="2025-03-01"), StoryInput("b", DAM_B, published="2025-03-02")])
    assert up.copy_of == {"a": None, "b": None}
    assert up.assignments["a"] == up.assignments["b"]
    assert idx.independent_sources(up.assignments["a"]) == 2
    why = idx.explain_pair("a", "b")
    assert why["same_story"] and not why["copy"]["copy"]
    assert "helena varga" in why["shared_entities"] or "ardmore" in why["shared_entities"]


def test_different_events_with_the_same_entities_are_not_one_story():
    idx = StoryIndex()
    up = idx.add([StoryInput("dam", DAM_A), StoryInput("vote", VOTE), StoryInput("budget", BUDGET)])
    assert len(set(up.assignments.values())) == 3
    assert not idx.explain_pair("dam", "vote")["same_story"]


def test_a_lone_article_joins_the_clearly_nearest_story_at_the_lower_bar(monkeypatch):
    import consilience.stories as stories

    # A join bar no pair reaches: only copies group, and the dam report left alone may still attach.
    monkeypatch.setattr(stories, "JOIN_THRESHOLD", 0.95)
    batch = [
        StoryInput("dam", DAM_A), StoryInput("dam-copy", DAM_REPRINT_BODY),
        StoryInput("vote", VOTE), StoryInput("vote-copy", VOTE + " Reporting by the Ardmore Gazette."),
        StoryInput("dam-other-words", DAM_B),
    ]
    idx = StoryIndex()
    up = idx.add(batch)
    assert up.assignments["dam-other-words"] == up.assignments["dam"] != up.assignments["vote"]
    assert idx.explain(up.assignments["dam"])["articles"][-1]["reason"] == "nearest"

    # When the nearest story is not clearly nearer than the next one, the article stays alone.
    monkeypatch.setattr(stories, "ATTACH_MARGIN", 1000.0)
    up = StoryIndex().add(batch)
    assert up.assignments["dam-other-words"] not in (up.assignments["dam"], up.assignments["vote"])


def test_ids_are_stable_across_calls_and_serialisation():
    idx = StoryIndex()
    first = idx.add([StoryInput("dam-1", DAM_A), StoryInput("vote-1", VOTE)])
    assert first.assignments["dam-1"] == story_id_for("dam-1")
    assert sorted(first.new_stories) == sorted({story_id_for("dam-1"), story_id_for("vote-1")})
    restored = StoryIndex.from_bytes(idx.to_bytes())
    second = restored.add([StoryInput("dam-2", DAM_B), StoryInput("budget-1", BUDGET)])
    assert second.assignments["dam-2"] == first.assignments["dam-1"]
    assert second.new_stories == [story_id_for("budget-1")]
    assert not second.merges
    # The vote story got nothing new: same id, same members.
    assert restored.members(first.assignments["vote-1"]) == ["vote-1"]
    # Re-adding an article already placed changes nothing.
    again = restored.add([StoryInput("dam-1", DAM_A)])
    assert again.assignments == {"dam-1": first.assignments["dam-1"]} and not again.new_stories


LEFT = (
    "dam spillway cracked engineers inspection helicopters gymnasium reservoir burst rooftops boats rescue crews "
    "torrent survivors warning documents army shelter overnight search"
)
RIGHT = (
    "insurers payouts compensation grants rebuilding assessors claims premiums brokers underwriters ministry fund "
    "lawsuit tribunal damages landlords tenants mortgages banks relief"
)


def _bridge_case(shared: str):
    idx = StoryIndex()
    up1 = idx.add([StoryInput("left", LEFT + " " + shared), StoryInput("right", RIGHT + " " + shared)])
    assert up1.assignments["left"] != up1.assignments["right"]
    words = (LEFT + " " + RIGHT).split()
    random.Random(0).shuffle(words)  # same words, new order: not a copy of either
    up2 = idx.add([StoryInput("bridge", " ".join(words) + " " + shared)])
    assert up2.copy_of == {"bridge": None}
    return idx, up1, up2


def test_bridging_article_merges_two_related_stories_and_records_it():
    idx, up1, up2 = _bridge_case("Ardmore Varga flood")
    assert len(up2.merges) == 1
    absorbed, survivor = up2.merges[0]
    assert {absorbed, survivor} == {up1.assignments["left"], up1.assignments["right"]}
    assert up2.assignments["bridge"] == survivor
    assert sorted(idx.members(survivor)) == ["bridge", "left", "right"]
    history = idx.explain(survivor)["history"]
    assert any(h["event"] == "merged" and h["absorbed"] == absorbed and h["bridge"] == "bridge" for h in history)
    assert idx.resolve(absorbed) == survivor
    assert idx.explain(absorbed)["story"] == survivor
    restored = StoryIndex.from_bytes(idx.to_bytes())
    assert restored.resolve(absorbed) == survivor and restored.members(survivor) == idx.members(survivor)


def test_bridge_between_unrelated_stories_does_not_merge_them():
    idx, up1, up2 = _bridge_case("")
    assert up2.merges == []
    assert idx.members(up1.assignments["right"]) == ["right"]


def test_explain_is_json_serialisable():
    idx = StoryIndex()
    up = idx.add([StoryInput("a", DAM_A), StoryInput("b", DAM_B), StoryInput("c", DAM_REPRINT_BODY)])
    sid = up.assignments["a"]
    out = idx.explain(sid)
    json.dumps(out)
    json.dumps(idx.explain_pair("a", "c"))
    assert out["independent_sources"] == 2
    assert {a["id"] for a in out["articles"]} == {"a", "b", "c"}
    assert "error" in idx.explain("s-unknown")


def test_dates_far_apart_weaken_the_match():
    idx = StoryIndex()
    near = idx.add([StoryInput("a", DAM_A, published="2025-03-01"), StoryInput("b", DAM_B, published="2025-03-02")])
    idx2 = StoryIndex()
    far = idx2.add([StoryInput("a", DAM_A, published="2025-03-01"), StoryInput("b", DAM_B, published="2027-09-02")])
    assert near.assignments["a"] == near.assignments["b"]
    assert far.assignments["a"] != far.assignments["b"]


def test_shared_seeds_are_one_story_with_two_independent_sources():
    files = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
    if len(files) < 2:
        pytest.skip("../shared/seeds is not available")
    arts = []
    for f in files:
        title, _, body = f.read_text(encoding="utf-8").partition("\n")
        arts.append(StoryInput(f.stem, body, title=title.strip()))
    idx = StoryIndex()
    up = idx.add(arts)
    assert len(set(up.assignments.values())) == 1
    assert all(v is None for v in up.copy_of.values())
    assert idx.independent_sources(up.assignments[arts[0].id]) == 2


def test_cli_lists_explains_and_compares(tmp_path):
    from conftest import run_cli

    src = tmp_path / "in.jsonl"
    rows = [{"id": "dam-a", "text": DAM_A, "title": "Dam bursts", "published": "2025-03-01", "outlet": "Gazette"},
            {"id": "dam-b", "text": DAM_B, "title": "Three dead in Ardmore", "published": "2025-03-01",
             "outlet": "Courier"},
            {"id": "budget", "text": BUDGET, "title": "Draft budget cuts roads", "published": "2025-03-03"}]
    src.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    db = str(tmp_path / "s.db")
    assert run_cli("ingest", str(src), "--db", db, "--quiet").exit_code == 0
    result = run_cli("stories", "--db", db, "--format", "jsonl")
    stories = [json.loads(line) for line in result.stdout.splitlines()]
    by_article = {a: s for s in stories for a in s["articles"]}
    assert by_article["dam-a"]["id"] == by_article["dam-b"]["id"] != by_article["budget"]["id"]
    assert by_article["dam-a"]["independent_sources"] == 2
    listed = {s["id"]: s for s in json.loads(run_cli("stories", "--db", db, "--format", "json").stdout)["stories"]}
    dam = listed[by_article["dam-a"]["id"]]
    assert dam["outlets"] == ["Courier", "Gazette"] and dam["independent_sources"] == 2
    assert dam["first"].startswith("2025-03-01") and dam["last"].startswith("2025-03-01")
    table = run_cli("stories", "--db", db)
    assert table.exit_code == 0 and by_article["budget"]["id"] in table.stdout
    why = json.loads(run_cli("stories", "--db", db, "--explain", by_article["dam-a"]["id"], "--format", "json").stdout)
    assert {a["id"] for a in why["articles"]} == {"dam-a", "dam-b"}
    assert {"ardmore", "helena varga"} & {e["entity"] for e in why["shared_entities"]}
    assert "dam" in why["shared_terms"] and why["mean_pairwise_cosine"] > 0.2
    pair = json.loads(run_cli("stories", "--db", db, "--pair", "dam-a", "budget", "--format", "json").stdout)
    assert pair["same_story"] is False
    assert run_cli("stories", "--db", db, "--explain", "s-nope").exit_code == 1


def _event_articles(n_events: int, per_event: int, tag: str, seed: int = 1) -> list[StoryInput]:
    """Made-up events: each has its own invented vocabulary, mixed with words every event uses."""
    rng = random.Random(seed)
    common = "officials statement police city council minister agency spokesman residents morning".split()
    out = []
    for e in range(n_events):
        own = [f"w{e}x{k}" + "abcdefgh"[k % 8] * 3 for k in range(30)]
        for k in range(per_event):
            words = rng.sample(own, 18) + rng.sample(common, 6)
            rng.shuffle(words)
            out.append(StoryInput(f"{tag}-{e}-{k}", " ".join(words) + "."))
    return out


def test_many_articles_use_the_indexes_and_keep_untouched_stories_stable():
    idx = StoryIndex()
    first = idx.add(_event_articles(60, 2, "a"))  # 120 new articles: the batch index is used
    story = {e: first.assignments[f"a-{e}-0"] for e in range(60)}
    assert len(set(story.values())) == 60
    assert all(first.assignments[f"a-{e}-1"] == story[e] for e in range(60))
    before = {sid: idx.members(sid) for sid in story.values()}
    idx = StoryIndex.from_bytes(idx.to_bytes())
    later = [a for a in _event_articles(60, 3, "b", seed=2) if int(a.id.split("-")[1]) < 30 and a.id.endswith("-2")]
    second = idx.add(later)  # 60 stories stored: candidates come from the posting lists
    assert not second.merges and not second.new_stories
    for a in later:
        assert second.assignments[a.id] == story[int(a.id.split("-")[1])]
    for e in range(30, 60):  # no new article: same id, same members
        assert idx.members(story[e]) == before[story[e]]


def test_copy_in_a_later_ingest_joins_its_original_and_is_not_an_independent_source():
    idx = StoryIndex()
    first = idx.add([StoryInput("a", DAM_A, title="Dam bursts"), StoryInput("b", DAM_B, title="Three dead")])
    sid = first.assignments["a"]
    second = idx.add([StoryInput("c", DAM_REPRINT_BODY, title="A new headline for the wire copy")])
    assert second.copy_of == {"c": "a"} and second.assignments["c"] == sid
    assert idx.independent_sources(sid) == 2
    why = idx.explain(sid)
    assert sorted(map(sorted, why["copy_groups"])) == [["a", "c"]]
    assert next(a for a in why["articles"] if a["id"] == "c")["reason"] == "copy"


def test_an_index_in_an_older_format_is_rebuilt_without_moving_stories(tmp_path):
    import pickle

    from consilience.pipeline import STORY_STATE_KEY, ingest
    from consilience.store.sqlite import SQLiteStore

    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    (first / "dam.txt").write_text("Dam bursts above Ardmore\n" + DAM_A, "utf-8")
    (first / "vote.txt").write_text("Ardmore votes for a tram\n" + VOTE, "utf-8")
    (second / "dam-b.txt").write_text("Ardmore flooded\n" + DAM_B, "utf-8")
    store = SQLiteStore(str(tmp_path / "news.db"))
    try:
        ingest([str(first)], store, stats=False)
        before = {r["path"]: r["story_id"] for r in store.article_rows()}
        state = pickle.loads(store.get_state(STORY_STATE_KEY))
        state["version"] = -1  # as written by an older release
        with store.transaction() as tx:
            store.set_state(tx, STORY_STATE_KEY, pickle.dumps(state))
        report = ingest([str(second)], store, stats=False)
        after = {r["path"]: r["story_id"] for r in store.article_rows()}
    finally:
        store.close()
    assert not report.failed
    assert {k: after[k] for k in before} == before  # nothing stored moved
    assert after[str(second / "dam-b.txt")] == before[str(first / "dam.txt")]  # and clustering goes on
