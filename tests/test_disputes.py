"""Disputes by kind, and corroboration strength, on articles written for these tests."""

from __future__ import annotations

from consilience.brief import build_story
from consilience.claims.attribution import extract_attributions
from consilience.claims.extract import extract_claims
from consilience.compare.corroboration import Independence, level
from consilience.compare.dates import conflict, normalise_date
from consilience.compare.disputes import same_value
from consilience.compare.places import compatible, event_places, party_of, resolve_place
from consilience.models import Article, Claim, Quantity
from consilience.nlp import parse_one


def _story(texts: dict[str, str], copy_of=None, outlets=None):
    outlets = outlets or {}
    articles = [Article(id=k, text=v, title=k, outlet=outlets.get(k)) for k, v in texts.items()]
    claims, atts = {}, {}
    for a in articles:
        doc = parse_one(a.text)
        atts[a.id] = extract_attributions(doc, a.id)
        claims[a.id] = extract_claims(doc, a.id, atts[a.id])
    return build_story("s-test", articles, claims, atts, copy_of or {})


def _kinds(story, kind, internal=None):
    return [d for d in story.disputed if d.kind == kind and (internal is None or d.internal == internal)]


# --- numbers ------------------------------------------------------------------


def test_about_a_figure_is_not_a_dispute():
    def q(v, approx=False):
        return Quantity(value=v, noun="troop", text="", start=0, end=1, approximate=approx, event="deploy")

    assert same_value(q(11000, True), q(11000))
    assert same_value(q(11000), q(11000, True))
    assert not same_value(q(11000), q(10000))
    story = _story({
        "a": "Russia deployed about 11,000 troops to the Kursk border region last week, the ministry said.",
        "b": "Russia deployed 11,000 troops to the Kursk border region last week, officials said.",
    })
    assert _kinds(story, "number") == []


def test_count_dispute_names_each_side():
    story = _story({
        "a": "Russia deployed 11,000 troops to the Kursk border region last week, the ministry said.",
        "b": "Russia deployed 10,000 troops to the Kursk border region last week, officials said.",
    })
    [d] = _kinds(story, "number")
    assert [s.articles for s in d.sides] == [["a"], ["b"]]
    assert d.explanation and not d.internal


def test_a_count_of_people_reads_as_people():
    story = _story({
        "a": "Rescuers said 120 people had been rescued from the flooded villages on Monday.",
        "b": "Rescuers said 150 people had been rescued from the flooded villages on Monday.",
    })
    [d] = _kinds(story, "number")
    assert d.about == "number of people rescued"
    assert [s.value for s in d.sides] == ["120 people", "150 people"]
    assert "peoples" not in d.explanation


def test_one_article_with_two_counts_is_an_internal_inconsistency():
    story = _story({
        "a": ("Rescuers pulled three climbers from the ridge of Ben Arran on Saturday.\n"
              "Mountain rescuers pulled two climbers from the ridge after the storm, the coastguard said."),
    })
    [d] = _kinds(story, "number", internal=True)
    assert {s.value for s in d.sides} == {"three climbers", "two climbers"}
    assert all(s.articles == ["a"] for s in d.sides)


# --- places -------------------------------------------------------------------


def test_gazetteer_containment():
    kursk, russia, soil, east = (resolve_place(p) for p in ("Kursk", "Russia", "Russian soil", "eastern Ukraine"))
    assert kursk.country == russia.country == soil.country == "RU"
    assert compatible(kursk, russia) and compatible(kursk, soil) and compatible(soil, russia)
    assert not compatible(kursk, east) and not compatible(soil, east)
    assert event_places("Troops backed by Russia attacked the town.", []) == []  # naming is not placing
    assert [p.country for p in event_places("They were captured in eastern Ukraine.", [])] == ["UA"]


KURSK = "Ukrainian forces captured two soldiers in Kursk on Monday, officials in Kyiv said."
RUSSIA = "Two soldiers were captured by Ukrainian forces on Russian soil on Monday, the agency reported."
DONBAS = "Ukrainian forces captured two soldiers in eastern Ukraine on Monday, a spokesman said."


def test_place_in_kursk_agrees_with_russian_soil():
    story = _story({"a": KURSK, "b": RUSSIA})
    assert _kinds(story, "place") == []


def test_place_dispute_across_articles():
    story = _story({"a": KURSK, "b": DONBAS})
    [d] = _kinds(story, "place", internal=False)
    by_party = {s.party: s.articles for s in d.sides}
    assert by_party == {"Russia": ["a"], "Ukraine": ["b"]}
    assert "different countries" in d.explanation


def test_one_article_placing_the_event_in_two_countries():
    story = _story({"a": KURSK + "\nThe two soldiers were later captured in eastern Ukraine, the army said."})
    [d] = _kinds(story, "place", internal=True)
    assert {s.party for s in d.sides} == {"Russia", "Ukraine"}
    assert all(s.articles == ["a"] for s in d.sides)


def test_a_source_with_no_name_is_still_the_claims_source():
    story = _story({
        "a": "Fourteen workers were injured in the fire at the Kestrel plant, the county fire chief, Aaron Pike, said.",
        "b": "Twenty workers were injured in the fire at the Kestrel plant, according to nurses at the hospital.",
    })
    [d] = _kinds(story, "number")
    sources = {s.value: s.sources for s in d.sides}
    assert sources == {"fourteen workers": ["Aaron Pike"], "twenty workers": ["nurses at the hospital (no name given)"]}


# --- dates --------------------------------------------------------------------


def test_date_normalisation():
    assert normalise_date("Saturday") == ("weekday", "saturday")
    assert normalise_date("3 March") == normalise_date("March 3") == ("day", "03-03")
    assert normalise_date("last month") is None
    assert conflict(("weekday", "monday"), ("weekday", "tuesday"))
    assert not conflict(("day", "2024-03-03"), ("day", "03-03"))
    assert not conflict(("weekday", "monday"), ("day", "03-03"))


def test_date_dispute():
    story = _story({"a": KURSK, "b": KURSK.replace("Monday", "Wednesday")})
    [d] = _kinds(story, "date")
    assert {s.value for s in d.sides} == {"Monday", "Wednesday"}
    assert _kinds(story, "place") == []


def test_the_day_a_report_was_made_is_not_the_day_of_the_event():
    story = _story({
        "a": "A fire broke out at the Kestrel plant on Wednesday night, injuring 14 workers, "
             "the county fire chief said on Thursday.",
        "b": "Fourteen workers were injured in the fire at the Kestrel plant on Wednesday, the union said.",
    })
    assert _kinds(story, "date") == []
    # a different day of the event is still a dispute
    story = _story({
        "a": "A fire broke out at the Kestrel plant on Tuesday night, injuring 14 workers, "
             "the county fire chief said on Thursday.",
        "b": "Fourteen workers were injured in the fire at the Kestrel plant on Wednesday, the union said.",
    })
    [d] = _kinds(story, "date")
    assert {s.value for s in d.sides} == {"Tuesday", "Wednesday"}
    assert d.about == "when the workers were injured"  # not "were injuring", as sentence a has it


# --- actors -------------------------------------------------------------------


def test_actor_dispute():
    story = _story({
        "a": "Russian forces shelled the children's hospital in Kharkiv on Monday, witnesses said.",
        "b": "Ukrainian forces shelled the children's hospital in Kharkiv on Monday, a spokesman said.",
    })
    [d] = _kinds(story, "actor")
    assert {s.party for s in d.sides} == {"Russia", "Ukraine"}


def test_passive_subject_is_not_the_actor():
    story = _story({
        "a": "Russian soldiers were captured by Ukrainian forces near Kursk on Monday, officials said.",
        "b": "Ukrainian forces captured Russian soldiers near Kursk on Monday, a spokesman said.",
    })
    assert _kinds(story, "actor") == []


# --- polarity -----------------------------------------------------------------


def test_polarity_dispute_confirmed_versus_denied():
    story = _story({
        "a": "The company ignored repeated warnings about cracks in the spillway of the dam, engineers said.",
        "b": "The company denied that it ignored warnings about cracks in the spillway of the dam.",
    })
    [d] = _kinds(story, "polarity")
    assert {s.value for s in d.sides} == {"affirmed", "denied / did not happen"}


_HERALD = "The Valley Herald reported on Monday that engineers warned of cracks in the Riverton dam, a claim Hydrovolt denied."


def test_a_denial_in_a_relative_clause_is_the_deniers_side():
    # the Herald reports the warning; Hydrovolt, not the Herald, denies it
    doc = parse_one(_HERALD)
    [claim] = extract_claims(doc, "a", extract_attributions(doc, "a"))
    assert (claim.source, claim.denied_by) == ("The Valley Herald", "Hydrovolt")
    # a relative clause that denies something of its own is no answer to the sentence
    doc = parse_one("Hydrovolt, which denied the report, said repairs were under way at the Riverton dam.")
    [claim] = extract_claims(doc, "a", extract_attributions(doc, "a"))
    assert claim.denied_by is None
    story = _story({
        "a": _HERALD,
        "b": "Engineers warned of cracks in the Riverton dam on Monday, according to the state safety office.",
    })
    [d] = _kinds(story, "polarity")
    sides = {s.value: s.articles for s in d.sides}
    assert sides == {"affirmed": ["b"], "denied by Hydrovolt": ["a"]}


def test_struck_and_attacked_are_one_event():
    story = _story({
        "a": "Ukrainian forces struck the fuel depot in Belgorod with drones, a security source told Reuters.",
        "b": "Ukraine's military denied that it had attacked the fuel depot in Belgorod.",
    })
    [d] = _kinds(story, "polarity")
    assert {s.value: s.articles for s in d.sides} == {"affirmed": ["a"], "denied / did not happen": ["b"]}


def test_no_gas_leaked_denies_like_did_not_leak():
    # "no toxic gas leaked" and "denied that any gas had leaked" say the same
    story = _story({
        "a": "Kestrel Chemicals said in a statement that no toxic gas had leaked from the plant.",
        "b": "Kestrel Chemicals denied that any toxic gas had leaked from the plant.",
        "c": "Kestrel Chemicals insisted that no toxic gas leaked from the plant.",
    })
    assert _kinds(story, "polarity") == []


def test_neither_confirm_nor_deny_is_no_side():
    story = _story({
        "a": "Ukrainian forces captured the village of Robotyne on Monday, officials said.",
        "b": "Moscow did not confirm or deny that Ukrainian forces captured the village of Robotyne on Monday.",
    })
    assert _kinds(story, "polarity") == []


# --- attribution --------------------------------------------------------------


def test_party_of_sources():
    assert party_of("Ukrainian officials") == party_of("Ukrainian authorities") == party_of("Ukraine's military") == "UA"
    assert party_of("South Korean spy agency") == "KR"
    assert party_of("Yang Uk") is None


def test_attribution_dispute_same_fact_different_authorities():
    story = _story({
        "a": "Ukraine captured two North Korean soldiers in Kursk on Monday, according to Ukrainian officials.",
        "b": "Ukraine captured two North Korean soldiers in Kursk on Monday, according to South Korean officials.",
    })
    [d] = _kinds(story, "attribution")
    assert {s.party for s in d.sides} == {"Ukraine", "South Korea"}


# --- corroboration --------------------------------------------------------------


def _claim(article, source=None, via=None, cites=None):
    return Claim(article=article, start=0, end=10, text="x", source=source, via=via, cites=cites)


def test_independence_units():
    groups = {"a": "a", "b": "b", "c": "c", "d": "a"}
    outlets = {"a": "Yonhap", "b": "Kyiv Post", "c": "BBC", "d": "Wire"}
    ind = Independence(groups, outlets)
    same_party = [_claim("a", "Ukrainian officials"), _claim("b", "Ukrainian authorities"), _claim("c", "Ukraine's military")]
    assert len(ind.units(same_party)) == 1
    relayed = [_claim("a"), _claim("b", via="Yonhap"), _claim("c", source="Yonhap news agency")]
    assert len(ind.units(relayed)) == 1  # relays of Yonhap are Yonhap
    assert len(ind.units([_claim("a"), _claim("d")])) == 1  # a copy is its original
    assert len(ind.units([_claim("a"), _claim("b"), _claim("c")])) == 3
    assert [level(n) for n in (1, 2, 3, 5)] == ["single", "corroborated", "strong", "strong"]


def test_outlets_citing_one_named_party_are_that_party():
    ind = Independence({"a": "a", "b": "b", "c": "c"}, {"a": "Yonhap", "b": "Kyiv Post", "c": "BBC"})
    # "Yonhap, quoting the NIS, said ..." and "AFP, citing the NIS, said ..." rest on the NIS
    cited = [_claim("a", "Yonhap", cites="the NIS"), _claim("b", "AFP", cites="NIS"), _claim("c", "NIS")]
    assert len(ind.units(cited)) == 1
    # two outlets citing "police" or "sources within Apple" may cite different people
    for unnamed in ("police", "sources within Apple", "witnesses in northern Aleppo province"):
        assert len(ind.units([_claim("a", "Yonhap", cites=unnamed), _claim("b", "AFP", cites=unnamed)])) == 2


def test_a_dispute_side_names_whom_its_source_cites():
    story = _story({
        "a": "Two soldiers were captured near Kursk, Ukrainian officials said on Friday.",
        "b": "Yonhap, quoting the NIS, said one soldier was captured near Kursk on Friday.",
    })
    [d] = _kinds(story, "number")
    assert any("Yonhap, citing the NIS" in s for side in d.sides for s in side.sources)


STORM = "Fire crews rescued three climbers from the north ridge of Ben Arran on Saturday, the coastguard said."
STORM_B = "Mountain rescuers saved three climbers stranded on the north ridge of Ben Arran on Saturday."
STORM_C = "Three climbers were rescued from the north ridge of Ben Arran by fire crews on Saturday."


def test_copied_article_does_not_raise_corroboration():
    story = _story({"a": STORM, "b": STORM_B, "c": STORM_B}, copy_of={"c": "b"})
    [f] = [f for f in story.corroborated if "climbers" in f.statement]
    assert f.independent_sources == 2 and f.level == "corroborated"


def test_three_independent_sources_are_strong():
    story = _story({"a": STORM, "b": STORM_B, "c": STORM_C})
    [f] = [f for f in story.corroborated if "climbers" in f.statement]
    assert f.independent_sources == 3 and f.level == "strong" and not f.party_only


def test_party_only_finding():
    base = "Ukrainian forces captured two soldiers near Kursk during fighting on Monday, according to {}."
    story = _story({
        "a": base.format("Ukrainian officials") + "\nRussia and Ukraine have traded blame for the attack.",
        "b": base.format("Ukrainian authorities") + "\nRussia denied that Ukraine captured its soldiers.",
    })
    # two outlets on the word of one party: single-source, not corroborated
    assert not [f for f in story.corroborated if "Kursk" in f.statement]
    [f] = [f for f in story.single_source if "Kursk" in f.statement]
    assert f.independent_sources == 1 and f.level == "single" and len(f.articles) == 2
    assert f.party_only


def test_affirmed_and_denied_versions_of_one_fact_are_not_corroboration():
    story = _story({
        "a": "The port authority ignored warnings about the crane for months, dock workers said.",
        "b": "The port authority denied that it ignored warnings about the crane, a spokesman said.",
    })
    assert _kinds(story, "polarity")
    assert all("ignored" not in f.statement for f in story.corroborated)


def test_a_sentence_repeated_by_a_copy_is_one_single_source_finding():
    text = ("The museum closed its east wing on Friday after a roof leak.\n"
            "The director said repairs would start next month.")
    story = _story({"orig": text, "copy": text + "\nTickets bought online will be refunded."},
                   copy_of={"copy": "orig"})
    [repeated] = [f for f in story.single_source if "repairs" in f.statement]
    assert repeated.articles == ["orig", "copy"] and len(repeated.citations) == 2
    assert repeated.independent_sources == 1
    # a lightly edited repeat is the same sentence; a different one is not
    edited = text.replace("on Friday", "on Friday evening") + "\nThe director said the shop would stay open."
    story = _story({"orig": text, "copy": edited}, copy_of={"copy": "orig"})
    [closed] = [f for f in story.single_source if "east wing" in f.statement]
    assert closed.articles == ["orig", "copy"]
    assert [f.articles for f in story.single_source if "shop" in f.statement] == [["copy"]]
    # the copy's repeat of the director's statement is cited beside the original's
    said = [a for a in story.attributions if "repairs" in (a["content"] or "")]
    assert [(a["article"], a["copies"]) for a in said] == [("orig", ["copy"])]


def test_a_small_town_places_nothing_unless_its_country_is_named():
    # geonames knows "Bali" only as a town in Cameroon and "Holland" as one in Michigan: the
    # bite was in Bali (Indonesia), the restaurant in Holland (the Netherlands)
    assert event_places("The man was bitten by a spider in Bali last month.", []) == []
    assert event_places("Kim Jong Un already has a restaurant in Holland.", []) == []
    # a region wider than a country places nothing ("South America" is not America)
    assert event_places("She had lived in South America for years.", []) == []
    # a big city is placed, and a small town with its country named
    assert [p.country for p in event_places("He was treated in Perth after the trip.", [])] == ["AU"]
    assert [p.city for p in event_places("Shelling hit homes in Irpin in Ukraine on Monday.", [])] == ["Irpin", None]


def test_polarity_needs_the_denial_to_be_of_the_event_both_report():
    said = "The city museum reopened on Monday after the spring flood, the mayor said."
    # a real denial of the reopening is a dispute
    story = _story({"a": said, "b": "The city museum did not reopen on Monday after the spring flood, staff said."})
    assert len(_kinds(story, "polarity")) == 1
    # a "not" on another event, a question and "would not say whether" deny nothing
    for other in ("The city museum reopened on Monday after the spring flood, but its café did not open.",
                  "Didn't the city museum reopen on Monday after the spring flood?",
                  "A spokesman would not say whether the city museum reopened on Monday after the spring flood."):
        assert _kinds(_story({"a": said, "b": other}), "polarity") == [], other
    # nor does a "no" in a clause joined to the one both report
    fled = "More than 80 families had to flee their homes in the village after the flood, officials said."
    other = "No casualties were reported, but more than 80 families had to flee their homes in the village after the flood."
    assert _kinds(_story({"a": fled, "b": other}), "polarity") == []


def test_count_groups_do_not_depend_on_the_hash_seed():
    """A claim counting vans that were both "left" and "carried" joins two groups; which
    comes first (and so labels the dispute) must not change from run to run."""
    import os
    import subprocess
    import sys

    code = (
        "from consilience.compare.conflicts import event_groups\n"
        "from consilience.models import Claim, Quantity\n"
        "def claim(art, n):\n"
        "    q = Quantity(n, 'van', f'{n} vans', 0, 6, event='leave')\n"
        "    return Claim(art, 0, 40, f'{n} vans were left and carried away', quantities=[q],"
        " events=['leav', 'carri', 'abandon', 'park', 'tow', 'load'])\n"
        "print([what for what, _, _ in event_groups([claim('a', 3), claim('b', 5)], [])])\n"
    )
    runs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": str(seed)}).stdout
            for seed in range(3)}
    assert len(runs) == 1, runs
