"""Alignment and disputes on articles written for these tests."""

from __future__ import annotations

from consilience.brief import build_story
from consilience.claims.extract import extract_claims
from consilience.compare.disputes import same_value
from consilience.models import Article, Quantity
from consilience.nlp import parse_one


def _story(texts: dict[str, str], copy_of=None):
    articles = [Article(id=k, text=v, title=k) for k, v in texts.items()]
    claims = {a.id: extract_claims(parse_one(a.text), a.id) for a in articles}
    return build_story("s-test", articles, claims, {}, copy_of or {})


A = ("Fire crews rescued three climbers from the north ridge of Ben Arran on Saturday.\n"
     "The climbers had been stranded overnight in heavy snow.")
B = ("Mountain rescuers saved five climbers stranded on the north ridge of Ben Arran.\n"
     "A helicopter joined the search at dawn, the coastguard said.")


def test_number_dispute_between_independent_articles():
    story = _story({"a": A, "b": B})
    [dispute] = story.disputed
    assert dispute.about == "number of climbers rescued"
    values = {s.value: s.articles for s in dispute.sides}
    assert values == {"three climbers": ["a"], "five climbers": ["b"]}
    # both report the rescue; the finding says its count is in dispute
    [finding] = [f for f in story.corroborated if len(f.articles) == 2]
    assert finding.disputed == ["number of climbers rescued"]


def test_copies_do_not_dispute_or_corroborate_each_other():
    story = _story({"a": A, "b": B.replace("five", "three")}, copy_of={"b": "a"})
    assert story.disputed == [] and story.corroborated == []
    assert story.independent_sources == 1


def test_same_event_in_other_words_corroborates():
    story = _story({"a": A, "b": B.replace("five", "three")})
    assert not story.disputed
    [finding] = [f for f in story.corroborated if len(f.articles) == 2]
    assert {c.article for c in finding.citations} == {"a", "b"}


def test_projections_do_not_dispute_facts():
    c = "Officials said the army could deploy 9,000 troops to the border next month."
    d = "The army deployed 4,000 troops to the border, officials said."
    story = _story({"c": c, "d": d})
    assert story.disputed == []


def test_rounding_tolerance():
    def q(v, approx=False):
        return Quantity(value=v, noun="home", text="", start=0, end=1, approximate=approx)

    assert same_value(q(11000), q(11000))
    assert same_value(q(11000), q(11023))  # a round figure covers its rounding
    assert same_value(q(400, True), q(380))
    assert not same_value(q(2), q(1))
    assert not same_value(q(120), q(85))


def test_a_first_time_claim_is_not_corroborated_by_a_plain_report():
    # only b says it is the first rescue there; a reports the rescue alone
    a = "Fire crews rescued three climbers from the north ridge of Ben Arran on Saturday."
    b = "It was the first time crews rescued climbers from the north ridge of Ben Arran in winter."
    story = _story({"a": a, "b": b})
    assert not [f for f in story.corroborated if "first time" in f.statement]
    assert any("first time" in f.statement and f.articles == ["b"] for f in story.single_source)
    # when both say so, they corroborate it
    story = _story({"a": a.replace("Fire crews rescued", "For the first time, fire crews rescued"), "b": b})
    assert [f for f in story.corroborated if len(f.articles) == 2]


def test_counts_of_a_state_dispute_however_the_parser_reads_it():
    # "were still missing" parses as the verb "miss", "were missing" as an adjective after
    # "were": both count the missing, and the brief names the state as it is
    story = _story({"a": "Flash floods hit the coast of Vardø on Tuesday. Police said two people were still missing.",
                    "b": "Floods hit the coast of Vardø on Tuesday. A police spokesman told NRK that five people were "
                         "missing and that the search would continue."})
    [dispute] = [d for d in story.disputed if d.kind == "number"]
    assert dispute.about == "number of people missing"
    assert {s.value for s in dispute.sides} == {"two people", "five people"}


def test_a_dispute_label_prints_a_participle_or_the_state():
    from consilience.compare.disputes import past_participle, plural

    # "the beheading of two journalists", "vans carried", "five students were on board"
    assert [past_participle(w) for w in ("beheading", "kidnapping", "carry", "shoot", "leave")] == \
        ["beheaded", "kidnapped", "carried", "shot", "left"]
    assert [past_participle(w) for w in ("miss", "missing", "dead", "injured", "be")] == \
        ["missing", "missing", "dead", "injured", ""]
    assert [plural(w) for w in ("soldier", "person", "watches", "catfish", "child")] == \
        ["soldiers", "people", "watches", "catfish", "children"]


def test_counts_of_an_earlier_event_do_not_dispute_this_one():
    a = "Militants released a video on Saturday showing the beheading of a British aid worker."
    b = (a + " The group previously released two videos showing the beheadings of two American "
         "journalists. It had threatened him in an earlier video that showed the beheading of an American journalist.")
    story = _story({"a": a, "b": b})
    assert [d.about for d in story.disputed if d.kind == "number"] == []


def test_the_inflection_tables_load_only_to_build_a_brief():
    # LemmInflect imports spaCy; the web app and the report serve recorded briefs without it
    import subprocess
    import sys

    code = "import sys, consilience.brief, consilience.web.app; print('lemminflect' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_findings_do_not_depend_on_the_order_of_equal_links():
    """Equal links come in the order of a set of terms, which changes with the hash seed;
    a sentence that could join either of two sentences of one article joins the same one."""
    from consilience.compare.align import findings
    from consilience.models import Claim

    claims = [Claim("a", 0, 10, "one"), Claim("b", 0, 10, "two"), Claim("b", 20, 30, "three")]
    pairs = [(0, 1, 0.5), (0, 2, 0.5)]
    assert findings(claims, pairs) == findings(claims, pairs[::-1])
