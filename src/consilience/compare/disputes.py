"""Disputes: independent articles giving different values for the same fact.

Numbers: counts of the same thing in the same event ("captured two soldiers"
vs "captured a soldier"), with tolerance for rounding and approximations.
Projections ("may grow to 100,000") are not facts and never dispute one.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from functools import lru_cache

from ..claims.extract import term_key
from ..claims.quantities import number_words
from ..models import Citation, Claim, Dispute, DisputeSide, Quantity

RELATIVE_TOLERANCE = 0.05


def _significant_round(value: float) -> float:
    """Round to the precision a round figure implies: 11,000 -> thousands."""
    if value == 0 or not float(value).is_integer():
        return value
    zeros = len(str(int(value))) - len(str(int(value)).rstrip("0"))
    return float(10**zeros)


def same_value(a: Quantity, b: Quantity) -> bool:
    """Equal, or equal within what rounding or "about" allows."""
    if a.value == b.value:
        return True
    if max(a.value, b.value) < 20 and not (a.approximate or b.approximate):
        return False  # small counts are exact: one is not two
    if a.approximate or b.approximate:
        return math.isclose(a.value, b.value, rel_tol=0.15)
    # The more precise figure sets the step: 11,000 vs 10,000 differ in the thousands.
    step = min(_significant_round(a.value), _significant_round(b.value))
    if step > 1 and round(a.value / step) == round(b.value / step):
        return True
    return math.isclose(a.value, b.value, rel_tol=RELATIVE_TOLERANCE)


# Plurals the suffix rules get wrong, and nouns that are plural already ("people", and
# every irregular plural).
IRREGULAR_PLURALS = {
    "person": "people", "man": "men", "woman": "women", "child": "children", "foot": "feet",
    "tooth": "teeth", "mouse": "mice", "goose": "geese", "ox": "oxen", "life": "lives", "wife": "wives",
    "thief": "thieves", "knife": "knives", "leaf": "leaves", "half": "halves", "shelf": "shelves",
    "wolf": "wolves", "calf": "calves", "crisis": "crises", "analysis": "analyses", "thesis": "theses",
    "criterion": "criteria", "phenomenon": "phenomena", "medium": "media", "datum": "data",
}
UNCHANGED_PLURALS = {
    "people", "police", "personnel", "staff", "aircraft", "sheep", "deer", "fish", "cattle",
    "livestock", "series", "species", "offspring", "troops", "casualties", "headquarters",
} | set(IRREGULAR_PLURALS.values())


@lru_cache(maxsize=4096)
def _inflect(word: str, upos: str, tag: str) -> str | None:
    """``word``'s lemma inflected to ``tag`` by LemmInflect's tables, or None. Imported on first
    use: the package imports spaCy, which the web app and the report need only to build a brief."""
    from lemminflect import getInflection, getLemma

    lemma = (getLemma(word, upos=upos) or (word,))[0]
    return (getInflection(lemma, tag=tag) or (None,))[0]


def plural(noun: str) -> str:
    """The plural of a count noun as a brief prints it ("soldier" -> "soldiers", "person" ->
    "people"), from the lists above, then LemmInflect's tables; nouns that are plural already
    stay as they are ("watches")."""
    low = noun.lower()
    if low in UNCHANGED_PLURALS:
        return noun
    if low in IRREGULAR_PLURALS:
        return IRREGULAR_PLURALS[low]
    return _inflect(noun, "NOUN", "NNS") or noun + "s"


# Counts of a state print the state ("people missing", "people dead"), not a participle.
STATE_WORDS = {"dead", "alive", "homeless", "missing"}


def past_participle(verb: str) -> str:
    """The word a brief prints after a count's noun ("soldiers captured", from "capture" or
    "the capture of"; "journalists beheaded", from "the beheading of"), by LemmInflect's
    tables; a state prints as it is, and "be" prints nothing ("five students were on board")."""
    low = verb.lower()
    if low in STATE_WORDS or low == "miss":
        return "missing" if low == "miss" else low
    if low == "be":
        return ""
    return _inflect(low, "VERB", "VBN") or low


def counted(noun: str, event: str) -> str:
    """What a count is of, as a brief prints it: "soldiers captured", "people missing",
    "students" (a count tied to nothing but "be")."""
    return f"{plural(noun)} {past_participle(event)}".rstrip()


def quantity_label(q: Quantity) -> str:
    words = number_words(q.value)
    noun = q.noun if q.value == 1 else plural(q.noun)
    return f"{'about ' if q.approximate else ''}{words} {noun}".strip()


def source_label(source: str, cites: str | None = None, via: str | None = None) -> str:
    """A source as a list of sources writes it: "Yonhap, citing the NIS", "the NIS (via
    Yonhap)"; `places.party_of` reads the party back out of it."""
    if cites:
        source = f"{source}, citing {cites}"
    return f"{source} (via {via})" if via else source


def claim_sources(claim: Claim, outlets: dict[str, str | None]) -> str | None:
    """Who the claim is credited to, with the relay; a source with no name as written."""
    source = claim.source or (f"{claim.source_phrase} (no name given)" if claim.source_phrase else None)
    return source_label(source, claim.cites, claim.via) if source else None


def number_disputes(claims: list[Claim], groups: dict[str, str], outlets: dict[str, str | None]) -> list[Dispute]:
    """Group stated counts by (event, thing counted); a key with values that
    cannot be reconciled across independent articles is a dispute."""
    by_key: dict[tuple[str, str], list[tuple[Claim, Quantity]]] = defaultdict(list)
    for claim in claims:
        for q in claim.quantities:
            if not q.noun or not q.event or q.modal or q.earlier:
                continue
            by_key[(term_key(q.event), term_key(q.noun))].append((claim, q))
    disputes: list[Dispute] = []
    for (_, _), items in by_key.items():
        if len({groups[c.article] for c, _ in items}) < 2:
            continue
        sides = _value_sides(items)
        if len(sides) < 2:
            continue
        # Only a dispute when different independent articles back different values.
        side_groups = [{groups[c.article] for c, _ in side} for side in sides]
        if all(g == side_groups[0] for g in side_groups):
            continue
        first_q = items[0][1]
        about = f"number of {counted(first_q.noun, first_q.event)}"
        dispute_sides = [_side(quantity_label(side[0][1]), [c for c, _ in side], outlets) for side in sides]
        values = " vs ".join(side.value for side in dispute_sides)
        disputes.append(Dispute(about=about, sides=dispute_sides, kind="number",
                                explanation=f"Independent reports give counts that rounding cannot reconcile: {values}."))
    return disputes


def _value_sides(items: list[tuple[Claim, Quantity]]) -> list[list[tuple[Claim, Quantity]]]:
    """Cluster the counts that agree within tolerance, in reading order."""
    sides: list[list[tuple[Claim, Quantity]]] = []
    for item in sorted(items, key=lambda it: (it[0].article, it[0].start)):
        for side in sides:
            if same_value(side[0][1], item[1]):
                side.append(item)
                break
        else:
            sides.append([item])
    return sides


# --- Internal count inconsistencies -----------------------------------------

# Sentences that give a running total or an increment are not restating a count.
_RUNNING = re.compile(r"\b(total|toll|so far|another|additional|more|at least|rose|risen|climbed|rising|"
                      r"further|new|latest|bringing|brings|including)\b", re.I)


def internal_number_disputes(claims: list[Claim], outlets: dict[str, str | None]) -> list[Dispute]:
    """One article giving two irreconcilable counts of the same thing in the same event."""
    by_key: dict[tuple[str, str, str], list[tuple[Claim, Quantity]]] = defaultdict(list)
    for claim in claims:
        if _RUNNING.search(claim.text):
            continue
        for q in claim.quantities:
            if not q.noun or not q.event or q.modal or q.earlier:
                continue
            by_key[(claim.article, term_key(q.event), term_key(q.noun))].append((claim, q))
    disputes: list[Dispute] = []
    for (article, _, _), items in by_key.items():
        sides = _value_sides(items)
        if len(sides) < 2:
            continue
        q0 = items[0][1]
        what = counted(q0.noun, q0.event)
        values = [quantity_label(side[0][1]) for side in sides]
        disputes.append(
            Dispute(
                about=f"number of {what}",
                sides=[_side(quantity_label(side[0][1]), [c for c, _ in side], outlets) for side in sides],
                kind="number",
                explanation=f"{_outlet(article, outlets)} gives {' and '.join(values)} for the number of {what} "
                            "in different sentences.",
                internal=True,
            )
        )
    return disputes


def _outlet(article: str, outlets: dict[str, str | None]) -> str:
    return outlets.get(article) or f"article {article}"


def own_reporting(article: str, outlets: dict[str, str | None]) -> str:
    """The source of a claim no one is credited with: the outlet's own reporting."""
    outlet = outlets.get(article)
    return f"{outlet} (own reporting)" if outlet else f"article {article} (own reporting, unattributed)"


def _side(value: str, claims: list[Claim], outlets: dict[str, str | None], party: str | None = None) -> DisputeSide:
    claims = list({(c.article, c.start): c for c in sorted(claims, key=lambda c: (c.article, c.start))}.values())
    arts = list(dict.fromkeys(c.article for c in claims))
    named = list(dict.fromkeys(s for c in claims if (s := claim_sources(c, outlets))))
    if not named:
        named = [own_reporting(a, outlets) for a in arts]
    return DisputeSide(
        value=value,
        articles=arts,
        sources=named,
        citations=[Citation(c.article, c.start, c.end, c.text) for c in claims],
        party=party,
    )
