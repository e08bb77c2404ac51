"""Hedge and modality cues: words that say a claim is not asserted as fact.

A lexicon over token lemmas and fixed phrases, so it needs no model and
runs on any text. Returns character spans so a renderer can mark them.
"""

from __future__ import annotations

import re

from ..models import Offsets

# Multi-word hedges first, so "believed to be" wins over a bare "believed".
HEDGE_PHRASES = [
    r"believed to (?:be|have)",
    r"thought to (?:be|have)",
    r"said to (?:be|have)",
    r"reported to (?:be|have)",
    r"understood to (?:be|have)",
    r"alleged(?:ly)?",
    r"reportedly",
    r"purported(?:ly)?",
    r"supposed(?:ly)?",
    r"apparent(?:ly)?",
    r"unconfirmed",
    r"unverified",
    r"claim(?:s|ed)?",
    r"suspected",
    r"rumou?red",
    r"may(?: have)?",
    r"might(?: have)?",
    r"could(?: have)?",
    r"possibly",
    r"likely",
    r"probably",
    r"perhaps",
    r"speculation",
    r"appear(?:s|ed)? to",
    r"seem(?:s|ed)? to",
]

HEDGE_RE = re.compile(r"\b(?:" + "|".join(HEDGE_PHRASES) + r")\b", re.IGNORECASE)


def find_hedges(text: str, base: int = 0) -> list[tuple[str, Offsets]]:
    """Return (hedge word, (start, end)) pairs found in ``text``.

    ``base`` is added to offsets, so a sentence can be searched and spans still
    point into the whole article.
    """
    found: list[tuple[str, Offsets]] = []
    for m in HEDGE_RE.finditer(text):
        word = m.group(0)
        if word.startswith("May") and _is_the_month(text, m.start(), m.end()):
            continue
        found.append((word, (base + m.start(), base + m.end())))
    return found


def _is_the_month(text: str, start: int, end: int) -> bool:
    """"May" with its capital inside a sentence ("reopened by May"), or before a day or year
    ("May 5", "May 2024"), is the month, not the modal."""
    before = text[:start].rstrip(" \t\"“'‘(")
    opens_sentence = not before or before[-1] in ".?!\n:"
    return not opens_sentence or bool(re.match(r"\s+\d", text[end:]))


def hedge_words(text: str) -> list[str]:
    return [w.lower() for w, _ in find_hedges(text)]
