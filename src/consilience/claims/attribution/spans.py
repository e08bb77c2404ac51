"""From tokens to character spans: the per-Doc text and quote caches, names and
source spans, and the cue's own tokens with the words that grow it.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable

from ...models import Offsets
from ..speakers import (
    MASTHEAD_WORDS,
    OFFICIAL_WORDS,
    ORGANISATION_HEADS,
    PERSON_NOUNS,
    UNNAMED_HEADS,
    classify,
)
from .lexicon import (
    CARRIER_NOUNS,
    CITED_SOURCE_NOUNS,
    CITING_WORDS,
    CLOSING_QUOTES,
    CUE_ADVERBS_EXCLUDED,
    CUE_INCLUDED_AUX,
    CUE_PREP_NOUNS,
    IDIOM_OBJECTS,
    PREP_CUES,
    SPEECH_VERBS,
    STATEMENT_NOUNS,
)
from .text import _ABBREV_END, _STATE_ABBREV_END, _trim, quote_regions

_local = threading.local()


def _doc_text(doc) -> str:
    """doc.text joins every token on each call; cache it for the Doc being read."""
    cached = getattr(_local, "text", None)
    if cached is not None and cached[0] is doc:
        return cached[1]
    text = doc.text
    _local.text = (doc, text)
    return text


def _doc_quotes(doc) -> list[Offsets]:
    cached = getattr(_local, "quotes", None)
    if cached is not None and cached[0] is doc:
        return cached[1]
    quotes = quote_regions(_doc_text(doc))
    _local.quotes = (doc, quotes)
    return quotes


def _ent_span(tok) -> tuple[int, int] | None:
    """Token range (start, end) of the named entity holding ``tok``, from IOB tags."""
    if tok.ent_iob_ not in {"B", "I"}:
        return None
    doc = tok.doc
    start = tok.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = tok.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return start, end


def _tok_span(tokens: Iterable) -> Offsets | None:
    toks = list(tokens)
    if not toks:
        return None
    return (min(t.idx for t in toks), max(t.idx + len(t.text) for t in toks))


def _pobj(tok):
    """The object of a preposition ("to *the BBC*"), or None."""
    return next((c for c in tok.children if c.dep_ == "pobj"), None)


def _first_span_tokens(doc, spans: list[Offsets]):
    """The tokens of the first of ``spans``, or None (no spans, or no tokens there)."""
    if not spans:
        return None
    span = doc.char_span(spans[0][0], spans[0][1], alignment_mode="expand")
    return span if span is not None and len(span) else None


def _token_ids(doc, spans: list[Offsets]) -> set[int]:
    """The indices of the tokens the character spans touch."""
    ids: set[int] = set()
    for s, e in spans:
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is not None:
            ids.update(t.i for t in span)
    return ids


def _subtree_span(tok, exclude: set | None = None) -> Offsets:
    # keep a contiguous run around tok
    sset = {t.i for t in tok.subtree if not exclude or t.i not in exclude}
    lo = hi = tok.i
    while lo - 1 in sset:
        lo -= 1
    while hi + 1 in sset:
        hi += 1
    doc = tok.doc
    return (doc[lo].idx, doc[hi].idx + len(doc[hi].text))


def _is_media_tok(tok) -> bool:
    """Whether a noun phrase names an outlet, by its name or, for an organisation's name,
    by the common noun before it ("the broadcaster KBS": "KBS" alone says nothing)."""
    if classify(_name_span_text(tok)) == "media":
        return True
    if tok.ent_type_ not in ORGANISATION_ENTS:
        return False
    return classify(" ".join(t.text for t in _name_tokens(tok))) == "media"


def _name_tokens(tok) -> list:
    """The name part of a noun phrase: head with compounds/modifiers, no appositive or clause."""
    doc = tok.doc
    if tok.ent_type_ in {"PERSON", "ORG", "NORP", "GPE", "FAC"}:
        span = _ent_span(tok)
        if span is not None:
            es, ee = span
            toks = [t for t in doc[es:ee] if t.dep_ != "case"]
            # absorb left modifiers outside the entity ("Ukrainian news portal Militarnyi")
            left = [t for t in tok.lefts if t.dep_ in {"compound", "amod", "nmod", "nummod"}
                    and t.i < es]
            return sorted(left + toks, key=lambda t: t.i)
    keep = [tok]
    stack = [tok]
    while stack:
        t = stack.pop()
        for c in t.lefts:
            if c.dep_ in {"compound", "amod", "nmod", "poss", "nummod", "quantmod", "advmod"}:
                keep.append(c)
                stack.append(c)
            elif c.dep_ == "case":
                keep.append(c)
    # "source close to", "officials from the ministry" (short prep phrases)
    for c in tok.rights:
        if c.dep_ == "prep" and c.lower_ in {"of", "from", "at", "in", "with", "for", "close"}:
            sub = list(c.subtree)
            if len(sub) <= 8 and not any(t.dep_ in {"relcl", "acl"} for t in sub):
                keep.extend(sub)
        elif c.dep_ == "amod" and c.lower_ in {"close", "familiar"}:
            sub = list(c.subtree)
            if len(sub) <= 8:
                keep.extend(sub)
    return sorted(set(keep), key=lambda t: t.i)


def _name_span_text(tok) -> str:
    """A clean name for a noun phrase: the named entity when the head is one
    ("Militarnyi", "The Guardian"), else the head with its modifiers."""
    doc = tok.doc
    if tok.ent_type_ in {"PERSON", "ORG", "NORP", "GPE", "FAC", "WORK_OF_ART"}:
        span = _ent_span(tok)
        if span is not None:
            start, end = span
            if start > 0 and doc[start - 1].text == "The" and not doc[start - 1].is_sent_start:
                start -= 1
            toks = [t for t in doc[start:end] if t.dep_ != "case"]
            if toks:
                text = _doc_text(doc)[toks[0].idx: toks[-1].idx + len(toks[-1].text)]
                text = re.sub(r"^(the|a|an)\s+", "", text)
                return re.sub(r"\s+", " ", text).strip(" ,")
    toks = _name_tokens(tok)
    if not toks:
        return tok.text
    text = _doc_text(doc)[toks[0].idx: toks[-1].idx + len(toks[-1].text)]
    text = re.sub(r"^(the|a|an)\s+", "", text, flags=re.IGNORECASE)
    text = re.sub(r"[’']s$", "", text)
    return re.sub(r"\s+", " ", text).strip(" ,")


def according_to_object(according):
    """What "according to" names: the object of its "to" (the parser may make "to" the
    next token rather than a child), or None."""
    to = next((c for c in according.children if c.lower_ == "to"), None)
    if to is None and according.i + 1 < len(according.doc) and according.doc[according.i + 1].lower_ == "to":
        to = according.doc[according.i + 1]
    obj = _pobj(to) if to is not None else None
    return (to, obj) if obj is not None else None


def citing_aside_comma(tok) -> int | None:
    """"citing police sources," / "quoting officials,": a reporter's participle naming its
    own source, set off by a comma after it. The index of that comma (the parser may hang
    it on the participle or on the clause after), or None when ``tok`` opens no such aside."""
    if tok.lower_ not in CITING_WORDS or tok.dep_ != "advcl":
        return None
    end = tok.right_edge.i
    if tok.doc[end].text == "," and end > tok.i + 1:
        return end
    return end + 1 if end + 1 < len(tok.doc) and tok.doc[end + 1].text == "," else None


def names_a_source(obj) -> bool:
    """Whether what a "citing" aside names is a source ("police", "two officials", "the
    NIS", "a report by the coast guard"), not a reason ("citing legal advice", "citing
    an ongoing investigation", "citing the lack of public statements")."""
    if obj.pos_ == "PROPN" or obj.ent_type_ in {"PERSON", "ORG", "NORP", "GPE", "FAC"}:
        return True
    lemma = obj.lemma_.lower()
    return any(w in words for w in (lemma, obj.lower_) for words in (
        UNNAMED_HEADS, PERSON_NOUNS, OFFICIAL_WORDS, ORGANISATION_HEADS, MASTHEAD_WORDS, STATEMENT_NOUNS,
        CARRIER_NOUNS, CITED_SOURCE_NOUNS))


def cited_name(span) -> str:
    """Who a citing aside names, as a reader would: "police", "two officials"; for a
    document, its author ("a report by the coast guard" -> "the coast guard")."""
    root = span.root
    if root.lemma_.lower() in STATEMENT_NOUNS | CARRIER_NOUNS or root.lower_ in STATEMENT_NOUNS:
        for prep in root.rights:
            if prep.dep_ == "prep" and prep.lower_ in {"by", "from", "of"} and (author := _pobj(prep)) is not None \
                    and author.pos_ in {"PROPN", "NOUN"} and author.i < span.end:
                return " ".join(author.doc[author.left_edge.i:author.right_edge.i + 1].text.split())
    return " ".join(span.text.split())


def cited_object(tok):
    """What a citing or quoting participle names ("citing | police", "quoting | the NIS"),
    or None when ``tok`` is no such participle or names nothing."""
    if tok.lower_ not in CITING_WORDS:
        return None
    return next((c for c in tok.rights if c.dep_ == "dobj"), None)


def named_partners(tok) -> list:
    """The names joined to a named source by "and" ("Hamas and Israel"), with the groups a
    nation or body names ("NATO and Western allies") and the roles an appositive names
    ("the mayor, Lars Dahl,": the name's token stands for the role); none when the source
    is a common noun ("the former secretary and current nominee" is one person)."""
    def named(t) -> bool:
        return t.pos_ == "PROPN" or t.ent_type_ in {"PERSON", "ORG", "GPE", "NORP"}

    def named_group(t) -> bool:
        return t.tag_ == "NNS" and any(c.dep_ in {"amod", "compound"} and named(c) for c in t.lefts)

    def appositive_of(t, prev):
        """The name set off by commas right after a role, which the parser may hang on
        the role or on the name before it ("Anna Berg and the mayor, Lars Dahl,")."""
        after = t.right_edge.i + 1
        if t.pos_ != "NOUN" or after + 1 >= len(t.doc) or t.doc[after].text != ",":
            return None
        return next((c for c in (*t.children, *prev.children) if c.dep_ == "appos" and c.left_edge.i == after + 1
                     and c.ent_type_ == "PERSON"), None)

    if not named(tok):
        return []
    out, chain, t = [], [tok], tok
    while (c := next((c for c in t.children if c.dep_ == "conj" and c.i > t.i), None)) is not None:
        member = c if named(c) or named_group(c) else appositive_of(c, t)
        if member is None:
            break
        out.append(member)
        chain.append(c)
        t = c
    if out and not any(c.dep_ == "cc" and c.lower_ == "and" for x in chain for c in x.children):
        return []  # "Hamas or Israel"
    return out


def _speaker_token(tok):
    """For "statements from Ukrainian officials" return the officials token."""
    if tok.lower_ in STATEMENT_NOUNS or tok.lemma_ in STATEMENT_NOUNS:
        for c in tok.rights:
            if c.dep_ in {"prep", "agent"} and c.lower_ in {"from", "by", "of"} and (p := _pobj(c)) is not None:
                return _speaker_token(p)
        for c in tok.lefts:
            if c.dep_ == "poss":
                return c
    return tok


def _source_span(tok, exclude: set[int] | None = None) -> Offsets:
    """Source span as PolNeAR marks it: the subject's whole subtree, appositives
    included (with the comma closing an appositive), without a relative clause
    that is itself a report ("Smith, who said ..."), or a dangling clause."""
    doc = tok.doc
    text = _doc_text(doc)
    excl: set[int] = set(exclude or ())
    for c in tok.rights:
        if c.dep_ in {"relcl", "acl"} and any(t.lemma_ in SPEECH_VERBS for t in c.subtree if t.pos_ == "VERB"):
            excl.update(t.i for t in c.subtree)
            # and the comma that opened it
            if c.i - 1 >= 0 and doc[c.i - 1].text == ",":
                excl.add(c.i - 1)
        elif c.dep_ in {"relcl", "acl"} and c.i == tok.i + 1 and doc[c.i].tag_ in {"VBN", "VBG"}:
            continue
        elif c.dep_ in {"acl", "amod"} and c.tag_ in {"VBG", "JJ"} and c.left_edge.i - 1 > tok.i \
                and doc[c.left_edge.i - 1].text == ",":
            # "Chris Christie, eager all evening to jab ...,", "Grassley, facing a challenge,":
            # a participle or adjective set off by commas describes the source, it is not its name
            excl.update(t.i for t in c.subtree)
        elif ((c.dep_ == "npadvmod" and c.ent_type_ in {"DATE", "TIME"}) or (
                c.dep_ == "prep" and c.lower_ == "on"
                and any(p.dep_ == "pobj" and p.ent_type_ in {"DATE", "TIME"} for p in c.children)
                and all(t.ent_type_ in {"DATE", "TIME"} or t.i == c.i or t.is_punct for t in c.subtree))):
            # "The campaign on Monday said": the date belongs to the cue, not the source
            excl.update(t.i for t in c.subtree)
    s, e = _subtree_span(tok, excl)
    # "even Trump said": the focus adverb is no part of the source
    first = doc.char_span(s, s + 1, alignment_mode="expand")
    if first is not None and len(first) and first[0].lower_ == "even" and first[0].i != tok.i \
            and first[0].i + 1 < len(doc):
        s = doc[first[0].i + 1].idx
    s, e = _trim(text, s, e)
    # '"...," Vann R. Newkirk II said': the parser may hang the quote's closing mark on the
    # speaker; it belongs to the quote, not the name
    while s < e and text[s] in CLOSING_QUOTES and text[s + 1:s + 2].isspace():
        s, e = _trim(text, s + 1, e)
    if e < len(text) and text[e] == "." and (_ABBREV_END.search(text[s:e + 1]) or _STATE_ABBREV_END.search(text[s:e + 1])):
        e += 1  # "Mitch McConnell, R-Ky.", "Donald Jr.": the abbreviation keeps its period
    if e < len(text) and "," in text[s:e] and text[e:e + 1] == "," and not text[s:e].endswith(")"):
        e += 1
    # "Kall -- co-editor of ... --": an aside opened by a dash keeps its closing dash
    # (PolNeAR train and dev: 34 such sources end on the dash, 1 does not)
    dash = _CLOSING_DASH.match(text, e)
    if dash is not None and dash.group(1) in text[s:e]:
        e = dash.end()
    return s, e


_CLOSING_DASH = re.compile(r"[ \t\xa0]*(--|—|–)")


def _cue_tokens(verb) -> list:
    """The cue as PolNeAR marks it: the verb with auxiliaries, negation, a
    particle, the infinitive "to" ("to endorse"), a bound preposition ("called
    on", "said of") and idiom objects ("made it clear", "expressed concern")."""
    doc = verb.doc
    toks = {verb.i: verb}
    for c in verb.children:
        if c.dep_ in CUE_INCLUDED_AUX and abs(c.i - verb.i) <= 3:
            toks[c.i] = c
    lemma = verb.lemma_.lower()
    for c in verb.rights:
        if c.i > verb.i + 3:
            break
        if c.dep_ in {"prep", "prt"} and c.i == max(toks) + 1 and (
                (lemma, c.lower_) in PREP_CUES):
            toks[c.i] = c
        objs = IDIOM_OBJECTS.get(lemma)
        if objs and c.lower_ in objs and c.dep_ in {"dobj", "oprd", "ccomp", "acomp", "advmod", "xcomp"}:
            for k in range(verb.i + 1, c.i + 1):
                toks[k] = doc[k]
    # fill gaps between cue words with adverbs ("is widely expected")
    lo, hi = min(toks), max(toks)
    for k in range(lo + 1, hi):
        if k not in toks and doc[k].dep_ in {"advmod", "neg", "aux", "auxpass"} and doc[k].head.i == verb.i:
            toks[k] = doc[k]
    return [toks[k] for k in sorted(toks)]


def _extend_cue(verb, cue_toks: list, blocked: set[int], content_after: bool = True) -> list:
    """Grow the cue as PolNeAR marks it: "also said", "said Monday", "said in a
    statement", "said:" -- adverbs, dates and venue phrases next to the verb."""
    doc = verb.doc
    toks = {t.i: t for t in cue_toks}
    # left: adverbs between the subject and the verb ("also", "later", "repeatedly")
    for c in verb.lefts:
        if c.dep_ == "advmod" and c.i >= verb.i - 3 and c.i not in blocked and c.lower_ not in CUE_ADVERBS_EXCLUDED \
                and c.pos_ == "ADV" and all(doc[k].i in toks or doc[k].dep_ in {"aux", "neg", "advmod"}
                                            for k in range(c.i + 1, verb.i)):
            toks[c.i] = c
    # right: dates, manner adverbs, "in a statement", then a colon
    extension: dict[int, object] = {}
    for c in verb.rights:
        if c.i in blocked:
            continue
        add: list = []
        if c.dep_ == "npadvmod" and c.ent_type_ in {"DATE", "TIME"}:
            add = list(c.subtree)
        elif c.dep_ == "advmod" and c.pos_ == "ADV" and c.lower_ not in CUE_ADVERBS_EXCLUDED:
            add = list(c.subtree)
        elif c.dep_ == "prep" and c.lower_ in {"in", "at", "on", "during", "via", "through", "over"}:
            pobj = _pobj(c)
            if pobj is not None and (pobj.lemma_.lower() in CUE_PREP_NOUNS or pobj.lower_ in CUE_PREP_NOUNS
                                     or pobj.ent_type_ in {"DATE", "TIME"}):
                add = [c] + [t for t in pobj.subtree if t.i <= pobj.i]
        elif c.dep_ == "punct" and c.text == ":":
            add = [c]
        if add and not content_after and not (len(add) == 1 and add[0].text == ":"):
            continue
        if add and not any(t.i in blocked for t in add):
            for t in add:
                extension[t.i] = t
    # keep only the contiguous run right after the verb
    last = max(toks)
    i = last + 1
    while i < len(doc):
        if i in extension:
            toks[i] = extension[i]
            i += 1
            continue
        if doc[i].dep_ == "punct" and doc[i].text == ":" and i not in blocked:
            toks[i] = doc[i]
        break
    return sorted(toks.values(), key=lambda t: t.i)


def _cue_spans(doc, toks) -> list[Offsets]:
    toks = sorted(toks, key=lambda t: t.i)
    spans: list[Offsets] = []
    for t in toks:
        s, e = t.idx, t.idx + len(t.text)
        if spans and (t.i > 0 and doc[t.i - 1] in toks) and _doc_text(doc)[spans[-1][1]:s].strip() == "":
            spans[-1] = (spans[-1][0], e)
        else:
            spans.append((s, e))
    return spans


def _strip_edges(toks: list) -> list:
    """Tokens of a clause without punctuation or spaces at either end, nor a leading "and"/"but"."""
    while toks and (toks[0].is_punct or toks[0].dep_ == "cc" or toks[0].is_space):
        toks = toks[1:]
    while toks and (toks[-1].is_punct or toks[-1].is_space):
        toks = toks[:-1]
    return toks


ORGANISATION_ENTS = {"ORG", "PRODUCT", "FAC"}
NUMBER_ENTS = {"CARDINAL", "ORDINAL", "QUANTITY", "PERCENT", "MONEY", "DATE", "TIME"}


def _names_beside(root) -> list:
    """The appositives of a noun, and a name right after it that the parser made the noun's
    twin: "the national broadcaster NRK reported" can come out with two subjects."""
    out = [c for c in root.rights if c.dep_ == "appos"]
    after = root.doc[root.i + 1] if root.i + 1 < len(root.doc) else None
    if after is not None and after.dep_ == root.dep_ and after.head.i == root.head.i != root.i:
        out.append(after)
    return out


def _appositive_name(root) -> tuple[str, str] | None:
    """"the newspaper Le Monde", "the minister, Mr. de Vries,": the name beside a common noun.
    An organisation's name set off by a comma names only a noun for an outlet or body ("his
    niece, Del. Marcia Price (D-Newport News)" is not the outlet "Newport News")."""
    if root.pos_ != "NOUN" or root.tag_ == "NNS":
        return None
    root_kind = classify(root.lemma_)
    body = root_kind in {"media", "official"}
    for c in _names_beside(root):
        if c.pos_ != "PROPN" or any(d.dep_ == "conj" for d in c.children):
            continue
        # an organisation's name right after the noun names it ("the grid operator WestPower");
        # set off by a comma, only after a noun for a body
        close = c.i == root.i + 1 and c.ent_type_ in ORGANISATION_ENTS
        if c.ent_type_ != "PERSON" and not close and not (body and c.ent_type_ in ORGANISATION_ENTS | {""}):
            continue
        name = _name_span_text(c)
        kind = classify(name, is_person=c.ent_type_ == "PERSON")
        if c.ent_type_ != "PERSON" and kind in {"person", "unnamed"} and (body or c.ent_type_ in ORGANISATION_ENTS):
            # a one-word name says nothing of its kind ("the union ..., Unite,"): the noun does
            kind = root_kind if body else "official"
        if kind == "unnamed":
            return None
        return name, kind
    if root_kind == "person":
        # "a spokeswoman for Becker, Dana Price,": the parser hangs the person's name on the
        # one the role serves; a name set off after that one names the role's holder
        for prep in root.rights:
            if prep.dep_ == "prep" and prep.lower_ in {"for", "to", "of"} and (p := _pobj(prep)) is not None:
                named = next((c for c in p.rights if c.dep_ == "appos" and c.ent_type_ == "PERSON"
                              and c.doc[c.left_edge.i - 1].text == ","), None)
                if named is not None:
                    return _name_span_text(named), "person"
    return None


def _unnamed_but_capitalised(span, root) -> bool:
    """Whether a source phrase names no one though a capital makes it look like a name: the
    capital of the sentence it opens ("One report", "Many experts"). Only the noun and the
    words before it count: names in what follows it do not make it a person ("Recent
    meetings between Putin and Kim have highlighted ...")."""
    if root.pos_ != "NOUN":
        return False
    head = [t for t in span if t.i <= root.i]
    if any(t.pos_ == "PROPN" or t.ent_type_ not in {"", *NUMBER_ENTS} for t in head):
        return False  # a number is no name: "One report", "Two officials"
    if any(t.text != t.text.lower() and not (t.is_sent_start and t.text[1:].islower()) for t in head):
        return False  # a capital inside a word or off the sentence start: a name (D'Souza, TAPPER)
    if any(t.dep_ == "appos" and t.ent_type_ == "PERSON" for t in span) or any(
            c.dep_ == "prep" and c.lower_ == "of" and (p := _pobj(c)) is not None and p.pos_ == "PROPN"
            for c in root.rights):
        return False  # named after all: "His partner at Lenox, Lawrence B. Cummings," "The city of Phoenix"
    return classify(" ".join(t.lower_ for t in head)) == "unnamed"
