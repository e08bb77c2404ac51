"""Counts and amounts in a parsed sentence: "two soldiers" -> 2 soldier.

Works on the dependency parse: a number (or "a"/"an", "a pair of", "dozens")
attached to a noun gives that noun's count. Modal context ("may grow to")
marks the figure as a projection, and "about"/"more than" as approximate.
"""

from __future__ import annotations

import re

from ..models import Quantity

WORD_NUMBERS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12, "both": 2,
    "pair": 2, "couple": 2, "single": 1, "lone": 1,
}
SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "k": 1e3, "m": 1e6, "bn": 1e9}
APPROX_WORDS = {"about", "around", "approximately", "nearly", "almost", "roughly", "some", "over",
                "more", "less", "fewer", "up", "least", "most", "estimated", "than", "dozens",
                "hundreds", "thousands", "several"}
MODAL_WORDS = {"may", "might", "could", "would", "expect", "grow", "rise", "reach", "project", "forecast"}
UNCOUNTABLE_HEADS = {"time", "year", "month", "week", "day", "hour", "minute", "percent", "%",
                     # units that size a product, not things that happened ("128 GB of storage")
                     "gb", "mb", "tb", "kb", "gigabyte", "megabyte", "terabyte", "ghz", "mhz", "mp",
                     "megapixel", "mah", "pixel", "mm", "inch", "-inch"}
CURRENCY_WORDS = {"dollar", "pound", "euro", "yen", "yuan", "rouble", "ruble", "rupee", "franc", "peso",
                  "won", "hryvnia", "usd", "eur", "gbp"}
# Verbs whose subject is who speaks: "two officials said" counts the speakers, not what happened.
# The part of attribution.lexicon.SPEECH_VERBS with no other sense: "40 firefighters responded",
# "two soldiers posted" count what happened.
SPEECH_LEMMAS = {"say", "tell", "report", "claim", "state", "announce", "add", "write", "note",
                 "confirm", "allege", "insist", "argue", "deny", "estimate"}


def _measures_money(number, noun) -> bool:
    """Whether a number before a noun is a sum of money: "an $80 million loan", "an 800 million
    pound contract" count no loans or contracts."""
    doc = number.doc
    between = doc[min(t.i for t in number.subtree): noun.i]
    return any(t.tag_ == "$" or t.lemma_.lower() in CURRENCY_WORDS for t in between)


def _is_year(number, noun) -> bool:
    """"the 2015 deadline", "a 2008 Sebring": four digits of a year, no thousands comma, before
    a singular noun ("2000 troops" counts troops)."""
    return noun.tag_ in {"NN", "NNP"} and bool(re.fullmatch(r"1[89]\d\d|20\d\d", number.text))


# "1366 x 768", "2 by 4": a size or a resolution, whose numbers count nothing
DIMENSION_SIGNS = {"x", "×", "by"}


def _in_dimensions(tok) -> bool:
    """Whether a number stands beside "x" (or "by") and another number."""
    doc = tok.doc
    after = tok.i + 2 < len(doc) and doc[tok.i + 1].lower_ in DIMENSION_SIGNS and doc[tok.i + 2].like_num
    before = tok.i >= 2 and doc[tok.i - 1].lower_ in DIMENSION_SIGNS and doc[tok.i - 2].like_num
    return after or before


def parse_number(text: str) -> float | None:
    t = text.lower().replace(",", "").strip()
    if t in WORD_NUMBERS:
        return float(WORD_NUMBERS[t])
    m = re.fullmatch(r"(\d+(?:\.\d+)?)\s*(k|m|bn)?", t)
    if m:
        return float(m.group(1)) * (SCALES.get(m.group(2) or "", 1.0))
    return None


def number_words(value: float) -> str:
    inv = {v: k for k, v in WORD_NUMBERS.items() if k not in {"both", "pair", "couple", "single", "lone", "dozen"}}
    if value.is_integer() and int(value) in inv and value <= 20:
        return inv[int(value)]
    return f"{value:,.0f}" if value.is_integer() else f"{value:,}"


def _number_of(tokens) -> float | None:
    """Combine "11,000" / "2.5 million" / "two hundred" into one value."""
    total = None
    for tok in tokens:
        low = tok.lower_.replace(",", "")
        if low in SCALES and total is not None:
            total *= SCALES[low]
            continue
        if low == "hundred" and total is not None:
            total *= 100
            continue
        value = parse_number(low)
        if value is None:
            continue
        total = value if total is None else total + value
    return total


def _modal(head) -> bool:
    for anc in [head, *head.ancestors]:
        if anc.lemma_.lower() in MODAL_WORDS or any(
            c.dep_ == "aux" and c.lemma_.lower() in {"may", "might", "could", "would", "will"} for c in anc.children
        ):
            return True
        if anc.dep_ in {"ROOT", "ccomp"} and anc.pos_ == "VERB":
            break
    return False


PRIOR_ADVERBS = {"previously", "earlier", "formerly"}
PRIOR_ADJECTIVES = {"earlier", "previous", "prior"}


def _earlier(head) -> bool:
    """Whether a count belongs to an earlier event than the story's: "previously released two
    videos", "an earlier video that showed the beheading of a journalist"."""
    for node in [head, *head.ancestors]:
        if any((c.dep_ == "advmod" and c.lower_ in PRIOR_ADVERBS) or (c.dep_ == "amod" and c.lower_ in PRIOR_ADJECTIVES)
               for c in node.children):
            return True
    return False


def event_of(noun) -> str:
    """The verb (or event noun) a counted noun belongs to.

    "Ukraine captured two soldiers" -> capture; "the capture of a soldier" ->
    capture; "two soldiers were captured" -> capture.
    """
    node = noun
    for _ in range(4):
        if node.dep_ == "conj" or node.dep_ == "appos":
            node = node.head
            continue
        head = node.head
        if head is node:
            return ""
        if head.pos_ in {"VERB", "AUX"}:
            # "five people were missing": the state the copula ties them to is the event
            state = next((c for c in head.children if c.dep_ == "acomp"), None) if head.lemma_ == "be" else None
            return (state or head).lemma_.lower()
        if head.pos_ == "ADP" and head.head.pos_ == "NOUN" and head.lower_ == "of":
            return head.head.lemma_.lower()
        if head.pos_ == "ADP":
            node = head
            continue
        if node.dep_ == "acl" or node.dep_ == "relcl":
            return node.lemma_.lower()
        return ""
    return ""


def extract_quantities(sent) -> list[Quantity]:
    """Quantities in one spaCy sentence span, with offsets into its Doc."""
    found: list[Quantity] = []
    for tok in sent:
        head = tok.head
        if head.pos_ not in {"NOUN", "PROPN"} or head.lemma_.lower() in UNCOUNTABLE_HEADS:
            continue
        if tok.like_num and _in_dimensions(tok):
            continue
        if head.dep_ == "nsubj" and head.head.lemma_.lower() in SPEECH_LEMMAS:
            continue
        if tok.dep_ == "nummod" and tok.i < head.i:
            if _is_year(tok, head) or _measures_money(tok, head):
                continue
            group = [t for t in tok.subtree if t.like_num or t.lower_ in SCALES]
            value = _number_of(group or [tok])
            if value is None:
                continue
            approx = any(c.lower_ in APPROX_WORDS for c in tok.children) or any(
                t.lower_ in APPROX_WORDS for t in sent.doc[max(sent.start, tok.i - 2) : tok.i]
            )
            start_tok = min(t.i for t in (group or [tok]))
        elif tok.dep_ == "det" and tok.lower_ in {"a", "an"} and head.tag_ == "NN" and tok.i < head.i:
            # "captured a wounded soldier": an indefinite singular counts one,
            # but only as object or subject of an event (not "a research fellow").
            if head.dep_ not in {"dobj", "nsubjpass", "pobj"}:
                continue
            if head.dep_ == "pobj" and head.head.lower_ != "of":
                continue
            value, approx, start_tok = 1.0, False, tok.i
        elif tok.dep_ == "det" and tok.lower_ in {"both"}:
            value, approx, start_tok = 2.0, False, tok.i
        elif tok.dep_ in {"amod", "compound"} and tok.lower_ in {"pair", "couple"}:
            continue
        elif tok.like_num and tok.dep_ in {"pobj", "dobj", "attr"} and not any(
            c.dep_ == "nummod" for c in tok.children
        ):
            # "may grow to 100,000": a bare figure; what it counts is unstated.
            value = _number_of([t for t in tok.subtree if t.like_num or t.lower_ in SCALES] or [tok])
            if value is None or (1900 <= value <= 2100 and "," not in tok.text):
                continue  # a year, not a count
            doc = sent.doc
            found.append(Quantity(value=value, noun="", text=tok.text, start=tok.idx,
                                  end=tok.idx + len(tok.text), modal=_modal(tok), event=event_of(tok),
                                  earlier=_earlier(tok)))
            continue
        else:
            continue
        doc = sent.doc
        found.append(
            Quantity(
                value=value,
                noun=head.lemma_.lower(),
                text=doc[start_tok : head.i + 1].text,
                start=doc[start_tok].idx,
                end=head.idx + len(head.text),
                approximate=approx,
                modal=_modal(head),
                event=event_of(head),
                earlier=_earlier(head),
            )
        )
    return found
