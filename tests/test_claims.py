"""Claim extraction rules on sentences written for these tests."""

from __future__ import annotations

import pytest

from consilience.claims.attribution import extract_attributions
from consilience.claims.extract import extract_claims, term_key
from consilience.claims.hedges import find_hedges, hedge_words
from consilience.nlp import parse_one


@pytest.mark.parametrize(
    "sentence,expected",
    [
        ("The minister reportedly resigned on Sunday.", ["reportedly"]),
        ("The alleged bribe was paid in cash.", ["alleged"]),
        ("The suspect is believed to be in hiding.", ["believed to be"]),
        ("The group claims the bridge was bombed.", ["claims"]),
        ("The talks may resume next week.", ["may"]),
        ("The report remains unconfirmed.", ["unconfirmed"]),
        ("The gunman appeared to be alone.", ["appeared to"]),
        ("The dam is understood to be safe.", ["understood to be"]),
        ("The mayor opened the new library on Monday.", []),
    ],
)
def test_hedges(sentence, expected):
    assert hedge_words(sentence) == expected


def test_hedge_spans_are_offsets_into_the_text():
    text = "Police said the driver was allegedly drunk."
    [(word, (s, e))] = find_hedges(text, base=100)
    assert text[s - 100 : e - 100] == word == "allegedly"


def _claims(text):
    return extract_claims(parse_one(text), "t1")


def test_claims_are_sentences_with_exact_offsets():
    text = "Fire crews rescued three climbers from the ridge on Saturday.\nThe climbers were reportedly unhurt and walked down with the crews."
    claims = _claims(text)
    assert [c.text for c in claims] == text.split("\n")
    for c in claims:
        assert text[c.start : c.end] == c.text
    assert not claims[0].hedged and claims[1].hedges == ["reportedly"]


@pytest.mark.parametrize(
    "sentence,value,noun,event,modal",
    [
        ("Fire crews rescued three climbers from the ridge.", 3, "climber", "rescue", False),
        ("Police arrested a man outside the stadium on Friday.", 1, "man", "arrest", False),
        ("The storm destroyed 1,200 homes along the coast.", 1200, "home", "destroy", False),
        ("Officials confirmed the rescue of two hikers near the summit.", 2, "hiker", "rescue", False),
        ("The army could deploy 5,000 troops to the border.", 5000, "troop", "deploy", True),
    ],
)
def test_quantities(sentence, value, noun, event, modal):
    qs = [q for q in _claims(sentence)[0].quantities if q.noun == noun]
    assert qs, _claims(sentence)[0].quantities
    q = qs[0]
    assert (q.value, q.event, q.modal) == (value, event, modal)
    assert sentence[q.start : q.end] == q.text


def test_years_are_not_counts():
    claims = _claims("The bridge was built in 1998 and repaired in 2021 by the council.")
    assert not [q for q in claims[0].quantities if q.value in (1998, 2021)]


def test_a_year_before_a_noun_a_sum_of_money_a_unit_and_the_speakers_count_nothing():
    # "the 2015 deadline", "an $80 million loan", "128 GB of storage" and "two officials said"
    # gave "2,015 deadlines", "80,000,000 loans", "128 gbs had" and "officials said" counts
    for sentence in ("The 2015 deadline passed without a deal.", "The bank bought an $80 million loan.",
                     "He signed an 800 million pound contract.", "The phone has 128 GB of storage.",
                     "Two officials said the plane crashed."):
        assert not [q for q in _claims(sentence)[0].quantities if q.value > 1], sentence
    # a plural noun after four digits is counted: "2000 troops"
    [q] = _claims("The army sent 2000 troops to the border.")[0].quantities
    assert (q.value, q.noun) == (2000, "troop")


def test_term_keys_meet_across_word_forms():
    assert term_key("Korean") == term_key("Korea")
    assert term_key("wounded") == term_key("injured")
    assert term_key("captured") == term_key("capture")


def test_sizes_and_resolutions_are_not_counts():
    # "1366 x 768" is a resolution: neither number counts displays
    claims = _claims("The current laptop offers a 1366 x 768 pixel display and a 2 by 4 metre stand.")
    assert not [q for q in claims[0].quantities if q.value in (1366, 768, 2, 4)], claims[0].quantities


def test_the_month_may_is_no_hedge():
    assert find_hedges("The mayor wants the bridge reopened by May.") == []
    assert find_hedges("May 5 was the wettest day of the year.") == []
    assert hedge_words("The bridge may reopen in May 2025.") == ["may"]


def test_an_unresolved_pronoun_is_no_source_phrase():
    # "which showed" hangs on the video; the brief must not say "on the word of which"
    doc = parse_one("The first video, which showed the killing of the reporter, was released on August 20. "
                    "Officials said on Monday that the second video was fake.")
    claims = extract_claims(doc, "t1", extract_attributions(doc, "t1"))
    assert [c.source_phrase for c in claims] == [None, "Officials"]


def test_a_quote_mark_the_parser_leaves_alone_closes_its_sentence():
    text = ('"The water rose faster than anyone expected," Ms. Berg told reporters. '
            '"We evacuated 300 homes overnight."\n\nThe weather service said it had warned of rain.')
    doc = parse_one(text)
    claims = extract_claims(doc, "a", extract_attributions(doc, "a"))
    assert '"We evacuated 300 homes overnight."' in [c.text for c in claims]
    assert all(text[c.start:c.end] == c.text for c in claims)
