"""Helpers over the article text and character offsets that need no parse: quoted
regions, trimming and cleaning span edges, hedge words inside spans.
"""

from __future__ import annotations

import re

from ...models import Offsets
from ..hedges import find_hedges
from .lexicon import PUNCT_TRIM, QUOTE_CHARS, SOURCE_HEDGES


def quote_regions(text: str) -> list[Offsets]:
    """Spans of quoted passages, quote marks included.

    Curly quotes pair “ with ”; straight double quotes (and the doubled
    apostrophes '' of some wire copy) toggle. A quote left open at a paragraph
    end continues when the next paragraph opens with a quote mark (the news
    convention for multi-paragraph quotes); otherwise it ends at the
    paragraph end.
    """
    regions: list[Offsets] = []
    start: int | None = None
    closer = ""
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        two = text[i:i + 2] == "''"
        if start is None:
            if ch == "“" or ch == '"' or two:
                start, closer = i, ("”" if ch == "“" else ("''" if two else '"'))
                if two:
                    i += 1
        else:
            if closer == "''":
                if two:
                    regions.append((start, i + 2))
                    start = None
                    i += 1
            elif ch == closer or (closer == "”" and ch == '"') or (closer == '"' and ch == "”"):
                regions.append((start, i + 1))
                start = None
            if start is not None and ch == "\n":
                j = i
                while j < n and text[j] in "\r\n \t":
                    j += 1
                if j < n and (text[j] in '"“' or text[j:j + 2] == "''"):
                    i = j + (1 if text[j:j + 2] == "''" else 0)  # same quote goes on
                else:
                    end = i
                    while end > start and text[end - 1] in " \t\r":
                        end -= 1
                    regions.append((start, end))
                    start = None
        i += 1
    if start is not None:
        regions.append((start, n))
    return [r for r in regions if r[1] - r[0] > 2]


def _region_at(regions: list[Offsets], pos: int) -> Offsets | None:
    for s, e in regions:
        if s <= pos < e:
            return (s, e)
        if s > pos:
            break
    return None


def _trim(text: str, s: int, e: int) -> Offsets:
    """[s, e) without the spaces and punctuation at its edges."""
    while s < e and text[s] in PUNCT_TRIM:
        s += 1
    while e > s and text[e - 1] in PUNCT_TRIM:
        e -= 1
    return (s, e)


def _hedges_in(text: str, spans: list[Offsets]) -> list[tuple[str, Offsets]]:
    """The hedge words inside the cue and content spans: (lower-cased word, span), in
    text order, each place once."""
    found: dict[Offsets, str] = {}
    for s, e in spans:
        for w, sp in find_hedges(text[s:e], s):
            found.setdefault(sp, w.lower())
    return [(found[sp], sp) for sp in sorted(found)]


def _span_fields(text: str, cue_spans: list[Offsets], content_spans: list[Offsets],
                 source_spans: list[Offsets] = ()) -> dict:
    """What an attribution reads from its spans: the cue and content text, and the hedge
    words inside cue and content, with those of the source that weaken the claim too
    ("Unconfirmed reports say"), as words and as spans."""
    hedges = _hedges_in(text, cue_spans + content_spans)
    hedges += [h for h in _hedges_in(text, list(source_spans)) if h[0] in SOURCE_HEDGES]
    hedges.sort(key=lambda h: h[1])
    return {"cue": " ".join(text[s:e] for s, e in cue_spans),
            "content": " … ".join(text[s:e] for s, e in content_spans),
            "hedges": [w for w, _ in hedges], "hedge_spans": [sp for _, sp in hedges]}


# "However, ...", "In fact, ...": a sentence connective ties the content to the text
# before it and is the writer's word; PolNeAR leaves these out of the content (in
# train and dev: 40 left out, 3 kept). So is a relay aside after the cue ("said, as
# quoted by Yonhap, that ..."): it says how the words came, which ``via`` holds.
_CONNECTIVE = re.compile(r"(?:as (?:quoted|reported|cited|carried) by [^,\n\"“]{1,60}|"
                         r"However|In contrast|By contrast|Indeed|In fact|In addition|Additionally|Moreover|"
                         r"Even so|Nevertheless|At the same time|Separately|Yet|Still|Meanwhile|As it stands|"
                         r"Details aside|For instance|Behind the scenes|As for [^,\n\"“]{1,40}),[ \t\xa0]+(?=\S)")


def _strip_connective(text: str, spans: list[Offsets]) -> list[Offsets]:
    out = []
    for s, e in spans:
        m = _CONNECTIVE.match(text, s, e)
        out.append((m.end(), e) if m is not None and e - m.end() > 1 else (s, e))
    return out


# "WASHINGTON -- ", "LOS ANGELES, Sept. 28 (UPI) -- ", "RENO, Nev. (AP) -- ": a dateline is
# not part of any span
_DATELINE = re.compile(r"(?:[A-Z][A-Z.'-]{2,}(?:[ \t]+[A-Z][A-Z.'-]+)*)(?:,[ \t]*[A-Z][a-z]{1,4}\.(?=[ \t]*[(—―–-]))?"
                       r"(?:,[ \t]*[A-Z][a-z]{2,}\.?[ \t]+\d{1,2})?"
                       r"(?:[ \t]*\([A-Za-z]+\))?[ \t\xa0]*(?:--|—|―|–|-)[ \t\xa0]*")


def _strip_dateline(text: str, spans: list[Offsets]) -> list[Offsets]:
    if not spans:
        return spans
    s, e = spans[0]
    m = _DATELINE.match(text, s, e)
    if m is None or m.end() >= e - 1:
        return spans
    return [(m.end(), e)] + list(spans[1:])


# "The film -- which weaves together ... --": a relative clause set off by dashes at
# the end of a source is an aside about the source, not part of it
_DASHED_RELCL = re.compile(r"[ \t\xa0]*(?:--|—|―|–)[ \t\xa0]*(?:who|which|whose)\b[^—―–\n]*?(?:[ \t\xa0]*(?:--|—|―|–))?[ \t\xa0,]*$")


def _drop_dashed_relcl(text: str, span: Offsets) -> Offsets:
    s, e = span
    m = _DASHED_RELCL.search(text, s, e)
    if m is None or m.start() - s < 2:
        return span
    return (s, m.start())


def _strip_stray_quote(text: str, spans: list[Offsets]) -> list[Offsets]:
    """'..." Sen. Lopez said': a closing quotation mark the parse hung on the source."""
    out = []
    for s, e in spans:
        while s + 1 < e and text[s] in QUOTE_CHARS and text[s + 1].isspace():
            s += 1
            while s < e and text[s].isspace():
                s += 1
        if e > s:
            out.append((s, e))
    return out


def _strip_spaces(text: str, spans: list[Offsets]) -> list[Offsets]:
    out = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


# a closing period that belongs to an abbreviation: "the U.S.", "Charlotte, N.C.", "3 a.m."
_ABBREV_END = re.compile(r"(?:(?<![\w.])(?:[A-Za-z]\.){2,}|\b(?:Jr|Sr|Inc|Corp|Ltd|Mr|Mrs|Ms|Dr|St|Gov|Sen|Rep|Gen|Lt|Col|vs|etc|Co)\.)$")
# state abbreviations after a comma or dash: "Allentown, Pa.", "R-Ky."
_STATE_ABBREV_END = re.compile(r"(?:,\s|-)(?:Ala|Ariz|Ark|Calif|Colo|Conn|Del|Fla|Ga|Ill|Ind|Kan|Kans|Ky|La|Md|Mass|Mich|Minn|"
                               r"Miss|Mo|Mont|Neb|Nev|Okla|Ore|Pa|Tenn|Tex|Va|Vt|Wash|Wis|Wyo)\.$")


# a coordinator at a content's end: "... were not complete, and" / "... more intense — and"
_DANGLING_CONJ = re.compile(r"[\s,;–—-]+(?:and|but|or|nor)$")


def _trim_content(text: str, s: int, e: int) -> Offsets:
    while s < e and text[s] in " \t\r\n\xa0,;:–—-":
        s += 1
    while e > s and text[e - 1] in " \t\r\n\xa0,;:–—-":
        e -= 1
    m = _DANGLING_CONJ.search(text, s, e)
    if m is not None and m.start() > s:
        # "... were not complete, and": a conjunction left over from a cut clause
        e = m.start()
        while e > s and text[e - 1] in " \t\r\n\xa0,;:–—-":
            e -= 1
    if e > s and text[e - 1] == "." and text[s] not in "\"“'‘" and not text[s:e].endswith(("..", "Jr.", "Sr.", "Inc.", "Co.")) \
            and not _ABBREV_END.search(text[s:e]):
        e -= 1
    elif e < len(text) and text[e] == "." and re.search(r"(?<![\w.])(?:[A-Za-z]\.)+[A-Za-z]$", text[s:e]):
        e += 1  # the tokenizer left an abbreviation's last period out: "Charlotte, N.C."
    return s, e


def _finalize_content(text: str, spans: list[Offsets]) -> list[Offsets]:
    """Split contents at line breaks (PolNeAR fragments never cross one), trim, dedupe."""
    pieces: list[Offsets] = []
    for s, e in spans:
        for m in re.finditer(r"[^\n]+", text[s:e]):
            ps, pe = _trim_content(text, s + m.start(), s + m.end())
            if pe - ps > 1:
                pieces.append((ps, pe))
    pieces = sorted(set(pieces))
    merged: list[Offsets] = []
    for ps, pe in pieces:
        if merged and ps < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(pe, merged[-1][1]))
        else:
            merged.append((ps, pe))
    return merged


def _subtract(spans: list[Offsets], remove: list[Offsets]) -> list[Offsets]:
    out = []
    for s, e in spans:
        pieces = [(s, e)]
        for rs, re_ in remove:
            nxt = []
            for ps, pe in pieces:
                if re_ <= ps or rs >= pe:
                    nxt.append((ps, pe))
                    continue
                if ps < rs:
                    nxt.append((ps, rs))
                if re_ < pe:
                    nxt.append((re_, pe))
            pieces = nxt
        out.extend(pieces)
    return [p for p in out if p[1] - p[0] > 1]
