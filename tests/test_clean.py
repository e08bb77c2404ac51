"""Cleaning rules, each shown on text written for this test."""

from __future__ import annotations

import pytest

from consilience.clean import clean_article, detect_language, normalise_text, remove_furniture
from consilience.models import Article

NEWS = [
    "The harbour authority closed the east pier on Friday after a crane collapsed.",
    "Two workers were treated for minor injuries, the authority said.",
    "An inquiry will report within a month, according to the port's director.",
    "Ships have been diverted to the west pier until repairs are finished.",
]


def _body(*extra_tail: str, head: tuple[str, ...] = ()) -> str:
    return "\n".join([*head, *NEWS, *extra_tail])


@pytest.mark.parametrize(
    "tail",
    [
        ("Support independent journalism", "Your donation keeps our reporters on the road.", "We depend on readers like you."),
        ("Donate", "Every contribution, big or small, funds our newsroom."),
        ("Become a member", "Members get early access and support our work."),
    ],
)
def test_closing_appeal_is_cut(tail):
    text, removed = remove_furniture(_body(*tail))
    assert text == "\n".join(NEWS)
    assert removed == list(tail)


def test_appeal_words_inside_news_are_kept():
    # A paragraph about donations is news when the text goes on reporting.
    text = "\n".join([*NEWS, "Support the appeal, the mayor urged residents.", "Police said the pier would reopen next week."])
    assert remove_furniture(text)[0] == text


@pytest.mark.parametrize(
    "line",
    [
        "Share this article",
        "Share on Facebook",
        "Read more: Port strike ends after five days",
        "Also read: Crane safety under review",
        "Sign up for our morning newsletter",
        "Subscribe now",
        "Already a subscriber? Log in",
        "By Jane Holloway",
        "By Jane Holloway and Sam Ortiz | Harbour Desk",
        "Published: 12 March 2026 08:15",
        "We use cookies to give you the best experience.",
        "Accept all cookies",
        "Advertisement",
    ],
)
def test_furniture_lines_removed(line):
    text, removed = remove_furniture(_body(head=(line,)))
    assert text == "\n".join(NEWS) and removed == [line]


def test_long_sentence_with_furniture_words_is_kept():
    line = ("By the time the ferry arrived, passengers who had been told to share this article of news "
            "with relatives had waited for more than six hours in the cold at the terminal.")
    assert remove_furniture(_body(head=(line,)))[0].startswith(line)


def test_normalise_text():
    assert normalise_text("a\u00a0b  c \r\n\r\n\r\n d\u200b") == "a b c\n\nd"


def test_language_detected():
    assert detect_language(" ".join(NEWS)) == "en"
    assert detect_language("Le port a fermé la jetée est vendredi après l'effondrement d'une grue.") == "fr"


def test_clean_article_sets_id_language_and_strips():
    art = clean_article(Article(id="", title=" Pier closed ", text=_body("Subscribe now")))
    assert art.id.startswith("a-") and art.language == "en" and art.title == "Pier closed"
    assert "Subscribe" not in art.text
