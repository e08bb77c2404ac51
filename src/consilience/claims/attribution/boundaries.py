"""Boundaries of a kept candidate: where its content ends (cut early or run on to the sentence
end, learned) and which words at its cue's edges join the cue (learned pieces, then rule steps).
"""

from __future__ import annotations

from dataclasses import replace

from ...models import Attribution, Offsets
from .content import _quote_reported_by_another
from .lexicon import (
    CITING_WORDS,
    CUE_INCLUDED_AUX,
    CUE_PREP_NOUNS,
    NON_CUE_ADVERBS,
    NOUN_CUES,
    PREP_CUES,
    QUOTE_CHARS,
    SPEECH_VERBS,
)
from .model import CueModel, _bucket
from .spans import _cue_spans, _doc_quotes, _doc_text, _first_span_tokens, _pobj, _token_ids
from .syntax import _clause_lent_to_citing
from .text import _region_at, _span_fields, _strip_spaces, _subtract, _trim_content


def _first_cue_span(doc, a: Attribution):
    """The tokens of the cue's first fragment, or None (no cue, or no tokens there)."""
    return _first_span_tokens(doc, a.cue_spans)


def _cue_extent(doc, a: Attribution):
    """The tokens from the cue's first word to its last, gaps included, or None."""
    if not a.cue_spans:
        return None
    span = doc.char_span(a.cue_spans[0][0], a.cue_spans[-1][1], alignment_mode="expand")
    return span if span is not None and len(span) else None


# --------------------------------------------------------------------------- content end

# Words that open a trailing segment PolNeAR often leaves out of a content:
# "..., while 22 percent said ...", "... -- even as ...", "... despite ...".
CUT_WORDS = {"while", "as", "because", "despite", "even", "although", "though", "before", "after",
             "when", "since", "but", "and", "until", "unless", "if", "whereas", "amid", "with",
             "which", "who", "where", "including", "in", "on", "at", "during", "for", "by", "from",
             "according", "saying", "adding", "calling", "noting", "citing", "or", "so", "then",
             "than", "rather", "without", "instead", "especially", "particularly", "not"}
CUT_DASHES = {"--", "—", "–", "―", "-"}


def content_cuts(doc, a: Attribution) -> list[tuple[int, list[str]]]:
    """Places where the last content fragment (one after the cue) could end early,
    in text order: (end offset if cut there, features for the cut model)."""
    if not a.content_spans or not a.cue_spans:
        return []
    s, e = a.content_spans[-1]
    if s < a.cue_spans[-1][1]:
        return []
    span = doc.char_span(s, e, alignment_mode="expand")
    if span is None or len(span) < 4:
        return []
    text = _doc_text(doc)
    quotes = _doc_quotes(doc)
    cue_span = _first_cue_span(doc, a)
    cue = cue_span.root if cue_span is not None else None
    cue_lemma = cue.lemma_.lower() if cue is not None else "-"
    first, end = span.start, span.end
    in_quote_start = _region_at(quotes, s) is not None
    out = []
    seen_out = False  # a cut point whose segment hangs outside the content came before
    for t in span[1:]:
        prev = doc[t.i - 1]
        lead = prev.text if prev.text in {",", ";", ":", "(", *CUT_DASHES} else ""
        if not lead and t.text not in CUT_DASHES and t.text not in {";", "("} and t.lower_ not in CUT_WORDS:
            continue
        if lead and prev.i - 1 < first + 1:
            continue
        cut_at = prev.idx if lead else t.idx
        ce = cut_at
        while ce > s and text[ce - 1] in " \t\r\n,;:–—―-(":
            ce -= 1
        if ce - s < 3:
            continue
        inq = _region_at(quotes, t.idx)
        if inq is not None and inq[0] >= s:
            continue  # never cut inside a quotation the content opens
        sh = t
        for x in doc[t.i:end]:
            hi = x.head.i
            if hi < t.i or hi >= end or hi == x.i:
                sh = x
                break
        if cue is not None and sh.head.i == cue.i:
            attach = "cue"
        elif first <= sh.head.i < t.i:
            attach = "inside"
        else:
            attach = "outside"
        seg_len = end - t.i
        has_verb = any(x.pos_ in {"VERB", "AUX"} for x in doc[t.i:end])
        w = t.lower_ if t.lower_ in CUT_WORDS or t.text in CUT_DASHES or t.is_punct else t.pos_
        feats = [
            "bias_", f"w={w}", f"lead={lead}", f"w|lead={w}|{lead}", f"pos={t.pos_}", f"dep={t.dep_}",
            f"shdep={sh.dep_}", f"attach={attach}", f"shdep|attach={sh.dep_}|{attach}",
            f"w|shdep={w}|{sh.dep_}", f"lead|shdep={lead}|{sh.dep_}", f"seg={_bucket(seg_len)}",
            f"keep={_bucket(t.i - first)}", f"verb={has_verb}", f"lead|verb={lead}|{has_verb}",
            f"inq={inq is not None}", f"qstart={in_quote_start}", f"cue={cue_lemma}",
            f"cue|lead={cue_lemma}|{lead}", f"shpos={sh.pos_}", f"next={doc[t.i + 1].lower_ if t.i + 1 < end else '-'}",
            f"w|attach={w}|{attach}", f"ent={t.ent_type_ or '-'}",
        ]
        # the first segment that hangs off the cue or outside the content is where the
        # parse's clause ends: the likeliest end
        first_out = attach != "inside" and not seen_out
        seen_out = seen_out or attach != "inside"
        feats += [f"first_out={first_out}", f"first_out|lead={first_out}|{lead}", f"first_out|w={first_out}|{w}"]
        out.append((ce, feats))
    return out


def content_run_on(doc, a: Attribution) -> tuple[int, list[str]] | None:
    """The one way the last content fragment (after its cue) could end later: at the
    end of its sentence, taking in what the parse hung elsewhere (", beyond studying
    the issues", ", which retains significant power"). Returns (end offset if
    it runs on, features for the run-on model), or None when nothing is left."""
    if not a.content_spans or not a.cue_spans:
        return None
    s, e = a.content_spans[-1]
    if s < a.cue_spans[-1][1] or e <= s:
        return None
    last = doc.char_span(e - 1, e, alignment_mode="expand")
    if last is None or not len(last):
        return None
    content = doc.char_span(s, e, alignment_mode="expand") or last
    sent = last[-1].sent
    rest = [t for t in doc[last[-1].i + 1:sent.end] if not t.is_space]
    if not rest or rest[0].idx < e:
        return None
    text = _doc_text(doc)
    newline = text.find("\n", e, rest[-1].idx + len(rest[-1].text))
    if newline >= 0:
        rest = [t for t in rest if t.idx < newline]
    while rest and rest[-1].is_punct:
        rest = rest[:-1]
    lead = ""
    while rest and rest[0].is_punct and rest[0].text not in QUOTE_CHARS:
        lead += rest[0].text
        rest = rest[1:]
    if not rest:
        return None
    _, end = _trim_content(text, s, rest[-1].idx + len(rest[-1].text))
    if end <= e:
        return None
    ids = {t.i for t in rest}
    first = rest[0]
    sh = next((t for t in rest if t.head.i not in ids or t.head.i == t.i), first)
    cue_span = _cue_extent(doc, a)
    cue = cue_span.root if cue_span is not None else None
    if cue is not None and first.text in QUOTE_CHARS and _quote_reported_by_another(cue, rest):
        return None  # 'X said, pointing to the chart, "...": the quote is what X said
    if cue is not None and cue.lower_ in CITING_WORDS and (
            cue.head.i in ids or getattr(_clause_lent_to_citing(cue), "i", None) in ids):
        return None  # 'X said, citing police, that ...': the rest is what X said
    cue_lemma = cue.lemma_.lower() if cue is not None else "-"
    if cue is not None and sh.head.i == cue.i:
        attach = "cue"
    elif s <= sh.head.idx < e:
        attach = "inside"
    else:
        attach = "outside"
    w = first.lower_ if first.lower_ in CUT_WORDS or first.is_punct else first.pos_
    has_verb = any(t.pos_ in {"VERB", "AUX"} for t in rest)
    has_cue = any(t.lemma_ in SPEECH_VERBS for t in rest if t.pos_ == "VERB")
    quotes = _doc_quotes(doc)
    in_quote = _region_at(quotes, e - 1) is not None
    feats = [
        "bias_", f"w={w}", f"lead={lead}", f"w|lead={w}|{lead}", f"shdep={sh.dep_}", f"attach={attach}",
        f"shdep|attach={sh.dep_}|{attach}", f"lead|attach={lead}|{attach}", f"w|attach={w}|{attach}",
        f"lead|shdep={lead}|{sh.dep_}", f"seg={_bucket(len(rest))}", f"keep={_bucket(len(content))}",
        f"verb={has_verb}", f"lead|verb={lead}|{has_verb}", f"speech={has_cue}", f"inq={in_quote}",
        f"cue={cue_lemma}", f"cue|lead={cue_lemma}|{lead}", f"shpos={sh.pos_}", f"ent={first.ent_type_ or '-'}",
        f"endtok={last[-1].pos_}", f"endtok|lead={last[-1].pos_}|{lead}",
        f"attach|verb={attach}|{has_verb}", f"next={rest[1].lower_ if len(rest) > 1 else '-'}",
        f"w|next={w}|{rest[1].lower_ if len(rest) > 1 else '-'}",
        f"rquote={any(t.text in QUOTE_CHARS for t in rest)}", f"shlemma={sh.lemma_.lower() if sh.pos_ == 'VERB' else sh.pos_}",
        f"attach|seg={attach}|{_bucket(len(rest))}",
    ]
    return end, feats


def _apply_run_on(doc, a: Attribution, model: CueModel) -> tuple[Attribution, bool]:
    found = content_run_on(doc, a)
    if found is None or model.probability(found[1]) < model.threshold:
        return a, False
    s, _ = a.content_spans[-1]
    return _respan(doc, a, content_spans=a.content_spans[:-1] + [(s, found[0])]), True


def _fit_content_end(doc, a: Attribution, model: CueModel) -> Attribution:
    """Move the end of a content after its cue to where PolNeAR would end it: later
    (the sentence end, when the run-on model says so) or earlier (the first cut
    the cut model accepts)."""
    if model.run_on is not None:
        a, ran_on = _apply_run_on(doc, a, model.run_on)
        if ran_on:
            return a
    return _apply_cut(doc, a, model.cut) if model.cut is not None else a


def _apply_cut(doc, a: Attribution, cut: CueModel) -> Attribution:
    for ce, feats in content_cuts(doc, a):
        if cut.probability(feats) >= cut.threshold:
            s, ce = _trim_content(_doc_text(doc), a.content_spans[-1][0], ce)
            return _respan(doc, a, content_spans=a.content_spans[:-1] + [(s, ce)])
    return a


# --------------------------------------------------------------------------- cue edges


def _cue_verb(doc, a: Attribution):
    span = _cue_extent(doc, a)
    if span is None:
        return None
    verb = span.root
    if verb.pos_ not in {"VERB", "AUX"}:
        return None
    return verb


def cue_pieces(doc, a: Attribution) -> list[tuple[str, list, list[str]]]:
    """Words next to a cue verb that PolNeAR sometimes counts in the cue ("also said",
    "said Monday", "said in a statement"): (side, tokens, features), nearest first
    on each side. Pieces overlapping the source or the content are left out."""
    verb = _cue_verb(doc, a)
    if verb is None:
        return []
    taken = _token_ids(doc, a.source_spans + a.content_spans)
    lemma = verb.lemma_.lower()
    content_after = any(s > verb.idx for s, _ in a.content_spans)
    rel = "after" if content_after else "before"
    out = []
    for c in sorted(verb.lefts, key=lambda t: -t.i):
        if c.dep_ == "advmod" and c.pos_ == "ADV" and c.i >= verb.i - 3 and c.lower_ not in NON_CUE_ADVERBS \
                and all(doc[k].dep_ in {"aux", "auxpass", "neg", "advmod"} for k in range(c.i + 1, verb.i)):
            toks = [c]
            typ = "ladv"
            out.append(("left", toks, [f"typ={typ}", f"w={c.lower_}", f"w|rel={c.lower_}|{rel}", f"lemma={lemma}",
                                       f"typ|rel={typ}|{rel}", f"gap={verb.i - c.i}", f"typ|lemma={typ}|{lemma}",
                                       f"vtag={verb.tag_}", "bias_"]))
    for c in verb.rights:
        if c.i > verb.i + 12:
            break
        toks: list = []
        typ = ""
        if c.dep_ == "npadvmod" and c.ent_type_ in {"DATE", "TIME"}:
            toks, typ = list(c.subtree), "date"
        elif c.dep_ == "advmod" and c.pos_ == "ADV" and c.lower_ not in NON_CUE_ADVERBS:
            toks, typ = list(c.subtree), "radv"
        elif c.dep_ == "prep" and (lemma, c.lower_) in PREP_CUES and all(
                doc[k].dep_ in {"prt", "advmod", "neg"} for k in range(verb.i + 1, c.i)):
            continue  # "called on", "pointed to": the preposition is the cue's own
        elif c.dep_ == "prep" and c.lower_ in {"in", "at", "on", "during", "via", "through", "over", "to", "with", "after", "before"}:
            pobj = _pobj(c)
            if pobj is not None:
                toks = [c] + [t for t in pobj.subtree if t.i <= pobj.i]
                kindp = ("venue" if pobj.lemma_.lower() in CUE_PREP_NOUNS or pobj.lower_ in CUE_PREP_NOUNS
                         else "dateprep" if pobj.ent_type_ in {"DATE", "TIME"} else "prep:" + (pobj.ent_type_ or pobj.pos_))
                typ = kindp
        if not toks or len(toks) > 8 or any(t.i in taken for t in toks):
            continue
        last = max(t.i for t in toks)
        after = doc[last + 1] if last + 1 < len(doc) else None
        head_word = toks[0].lower_
        pobj_lemma = next((t.lemma_.lower() for t in reversed(toks) if t.pos_ in {"NOUN", "PROPN"}), "-")
        nxt_quote = after is not None and after.text in {'"', "“", "''", ":"}
        feats = ["bias_", f"typ={typ}", f"w={head_word}", f"typ|rel={typ}|{rel}", f"lemma={lemma}",
                 f"typ|lemma={typ}|{lemma}", f"pobj={pobj_lemma}", f"typ|pobj={typ}|{pobj_lemma}",
                 f"len={_bucket(len(toks))}", f"next={after.text.lower() if after is not None else '-'}",
                 f"typ|next={typ}|{after.text.lower() if after is not None else '-'}", f"nq={nxt_quote}",
                 f"vtag={verb.tag_}", f"w|rel={head_word}|{rel}"]
        out.append(("right", sorted(toks, key=lambda t: t.i), feats))
    return out


def _apply_ext(doc, a: Attribution, ext: CueModel) -> Attribution:
    pieces = cue_pieces(doc, a)
    if not pieces:
        return a
    verb = _cue_verb(doc, a)
    cue_ids = _token_ids(doc, a.cue_spans)
    piece_ids = {t.i for _, toks, _ in pieces for t in toks}
    core = {i for i in cue_ids if i not in piece_ids}
    colon = {i for i in core if doc[i].text == ":" and i > verb.i}
    core -= colon
    lo, hi = min(core | {verb.i}), max(core | {verb.i})
    for side, toks, feats in pieces:
        ids = [t.i for t in toks]
        adjacent = (max(ids) + 1 >= lo and all(k in core or doc[k].dep_ in {"aux", "auxpass", "neg", "advmod"}
                                               for k in range(max(ids) + 1, lo))) if side == "left" \
            else min(ids) == hi + 1
        if not adjacent:
            continue
        if ext.probability(feats) >= ext.threshold:
            core.update(ids)
            lo, hi = min(core), max(core)
    for i in sorted(colon):
        if i == hi + 1:
            core.add(i)
    toks = [doc[i] for i in sorted(core)]
    spans = _strip_spaces(_doc_text(doc), _cue_spans(doc, toks))
    if not spans or spans == a.cue_spans:
        return a
    content = _subtract(a.content_spans, spans)
    if not content:
        return a
    return _respan(doc, a, cue_spans=spans, content_spans=content)


# A light verb's object and the preposition after it join the cue ("made no mention of",
# "took a shot at"); all train gold with this shape: cue runs to the preposition 129, cue
# ends at the verb 14, other 16.
LIGHT_VERBS = {"make", "take", "have", "provide", "raise", "give", "pay"}
IDIOM_PREP_VERBS = {"express", "raise", "voice"}
LIGHT_PREPS = {"of", "for", "about", "at", "on", "with", "against", "over", "toward", "towards"}


def _light_verb_object(doc, a: Attribution) -> Attribution:
    """A content opening on a light verb's object followed by a preposition ("made |
    no mention of X") starts after the preposition; the object joins the cue."""
    if not a.cue_spans or not a.content_spans:
        return a
    verb = _cue_verb(doc, a)
    if verb is None:
        return a
    cs, ce = a.content_spans[0]
    if cs < a.cue_spans[-1][1]:
        return a
    last = doc.char_span(a.cue_spans[-1][0], a.cue_spans[-1][1], alignment_mode="expand")
    if last is not None and last[-1].dep_ == "dobj" and last[-1].head.i == verb.i \
            and verb.lemma_.lower() in IDIOM_PREP_VERBS and last[-1].i + 2 < len(doc):
        # "expressed concern | about X": all train gold where the idiom object is in the
        # cue and a preposition follows (express, raise, voice): with it 24, without 2
        prep = doc[last[-1].i + 1]
        if prep.dep_ == "prep" and prep.idx == cs and prep.lower_ in LIGHT_PREPS | {"in", "regarding"} \
                and any(c.dep_ in {"pobj", "pcomp"} for c in prep.children) and doc[prep.i + 1].idx < ce:
            return _move_boundary(doc, a, prep)
        return a
    if verb.lemma_.lower() not in LIGHT_VERBS:
        return a
    obj = next((c for c in verb.rights if c.dep_ == "dobj"), None)
    content = doc.char_span(cs, ce, alignment_mode="expand")
    if obj is None or obj.i + 2 >= len(doc) or content is None or min(t.i for t in obj.subtree) != content[0].i:
        return a
    prep = doc[obj.i + 1]
    if prep.dep_ != "prep" or prep.lower_ not in LIGHT_PREPS or prep.head.i not in (obj.i, verb.i) \
            or not any(c.dep_ in {"pobj", "pcomp"} for c in prep.children):
        return a
    if not cs <= prep.idx or doc[prep.i + 1].idx >= ce or any(t.text in CUE_GAP_STOPS for t in doc[verb.i:prep.i + 1]):
        return a
    return _move_boundary(doc, a, prep)


def _move_boundary(doc, a: Attribution, prep) -> Attribution:
    """The cue's last span runs on through ``prep``; the first content span starts after it."""
    cue_spans = a.cue_spans[:-1] + [(a.cue_spans[-1][0], prep.idx + len(prep.text))]
    content = [(doc[prep.i + 1].idx, a.content_spans[0][1])] + a.content_spans[1:]
    return _respan(doc, a, cue_spans=cue_spans, content_spans=content)


def _respan(doc, a: Attribution, cue_spans: list[Offsets] | None = None,
            content_spans: list[Offsets] | None = None) -> Attribution:
    """``a`` with new cue or content spans, and the text and hedge words read from them
    (a content that runs on may take in a hedge, one cut short may lose one)."""
    cue_spans = a.cue_spans if cue_spans is None else cue_spans
    content_spans = a.content_spans if content_spans is None else content_spans
    return replace(a, cue_spans=cue_spans, content_spans=content_spans,
                   **_span_fields(_doc_text(doc), cue_spans, content_spans, a.source_spans))


def _cue_from_governor(doc, a: Attribution) -> Attribution:
    """A cue opening on an infinitive ("to endorse") whose verb completes the word just
    before it: PolNeAR's cue starts at that word, with its auxiliaries ("is expected to
    endorse", "refused to call", "are quick to point out"; of 34 such kept proposals
    on held-out train with a gold cue, 31 gold cues start there or further left, 2 at "to")."""
    span = _first_cue_span(doc, a)
    if span is None or span[0].lower_ != "to" or span[0].dep_ != "aux":
        return a
    to = span[0]
    verb, head = to.head, to.head.head
    if verb.dep_ != "xcomp" or not 0 < to.i - head.i <= 4 or any(
            doc[k].dep_ not in {"advmod", "neg", "aux", "auxpass", "prt"} for k in range(head.i + 1, to.i)):
        return a
    first = head
    if head.pos_ == "ADJ" and head.dep_ == "acomp":
        cop = head.head
        if not 0 < head.i - cop.i <= 4 or any(doc[k].dep_ not in {"advmod", "neg"} for k in range(cop.i + 1, head.i)):
            return a
        first = cop
    elif head.pos_ not in {"VERB", "AUX"}:
        return a
    return _start_cue_at(doc, a, first, to)


def _start_cue_at(doc, a: Attribution, first, old_first) -> Attribution:
    """The cue's first span starts at ``first`` (with the auxiliaries and negation right
    before it) instead of at ``old_first``, unless the words between take in source,
    content or a stop (quote, sentence punctuation)."""
    start = min([first.i] + [c.i for c in first.lefts if c.dep_ in CUE_INCLUDED_AUX and first.i - c.i <= 3
                             and all(doc[k].dep_ in {"aux", "auxpass", "neg", "advmod"} for k in range(c.i + 1, first.i))])
    s, e = doc[start].idx, a.cue_spans[0][1]
    if _touches_source_or_content(a, s, old_first.idx) or any(t.text in CUE_GAP_STOPS for t in doc[start:old_first.i]):
        return a
    return _respan(doc, a, cue_spans=[(s, e)] + a.cue_spans[1:])


# Verbs of starting, stopping, going on and avoiding that take a gerund ("began urging").
GERUND_GOVERNORS = {"begin", "start", "stop", "keep", "continue", "avoid", "resist", "quit", "end",
                    "spend", "finish", "leave"}


def _cue_from_gerund_governor(doc, a: Attribution) -> Attribution:
    """A cue opening on a gerund that completes the verb just before it ("avoids | condemning",
    "began | urging", "could not resist | pointing out") starts at that verb, with its
    auxiliaries; all train gold cues holding a gerund after one of these verbs: start at the
    verb 38, at the gerund 1 (after any verb: 47 and 8, mostly "means acknowledging")."""
    span = _first_cue_span(doc, a)
    if span is None or span[0].tag_ != "VBG" or span[0].dep_ != "xcomp":
        return a
    ger, head = span[0], span[0].head
    if head.pos_ not in {"VERB", "AUX"} or head.lemma_.lower() not in GERUND_GOVERNORS \
            or not 0 < ger.i - head.i <= 4 \
            or any(doc[k].dep_ not in {"advmod", "neg", "prt", "aux"} for k in range(head.i + 1, ger.i)):
        return a
    return _start_cue_at(doc, a, head, ger)


NOUN_LIGHT_VERBS = {"make", "have", "draw", "express", "voice", "offer", "tweet", "heap", "cast", "trade",
                    "hold", "unleash", "deliver"}


def _noun_cue_from_verb(doc, a: Attribution) -> Attribution:
    """A cue opening on a bare reporting noun that is the object of one of these verbs ("has |
    questions about", "drew | criticism") starts at the verb, with its auxiliaries; all train
    gold noun cues right after one of them: cue starts at the verb 73, at the noun 3."""
    span = _first_cue_span(doc, a)
    if span is None:
        return a
    noun = next((t for t in span if t.lemma_.lower() in NOUN_CUES), None)
    if noun is None or noun.dep_ != "dobj" or any(c.dep_ in {"det", "poss"} for c in noun.lefts):
        return a
    verb = noun.head
    if verb.pos_ not in {"VERB", "AUX"} or verb.lemma_.lower() not in NOUN_LIGHT_VERBS or not 0 < noun.i - verb.i <= 4 \
            or any(doc[k].dep_ not in {"amod", "compound", "advmod"} for k in range(verb.i + 1, noun.i)) \
            or span[0].i <= verb.i:
        return a
    return _start_cue_at(doc, a, verb, span[0])


def _touches_source_or_content(a: Attribution, s: int, e: int) -> bool:
    """Whether [s, e) overlaps the source or the content: a cue may not grow into them."""
    return any(ss < e and s < ee for ss, ee in a.source_spans + a.content_spans)


CUE_GAP_STOPS = set(QUOTE_CHARS) | {".", "?", "!", ";", ":", "(", ")", "[", "]", "--", "—", "–"}


def _join_cue_fragments(doc, a: Attribution) -> Attribution:
    """PolNeAR marks every cue as one unbroken span (all 19,833 train cues), so a cue
    in pieces ("was | critical of", "talked | about") takes in the words between
    ("was also critical of", "talked openly about") unless they belong to the source
    or the content, or hold a quotation mark or a sentence break."""
    if len(a.cue_spans) < 2:
        return a
    s, e = a.cue_spans[0][0], a.cue_spans[-1][1]
    if _touches_source_or_content(a, s, e):
        return a
    for (_, ge), (gs, _) in zip(a.cue_spans, a.cue_spans[1:], strict=False):
        span = doc.char_span(ge, gs, alignment_mode="expand")
        if span is not None and any(t.text in CUE_GAP_STOPS for t in span):
            return a
    return _respan(doc, a, cue_spans=[(s, e)])


# Rule steps on the cue's edges after the models, in this order.
CUE_EDGE_STEPS = (_light_verb_object, _cue_from_gerund_governor, _cue_from_governor, _join_cue_fragments,
                  _noun_cue_from_verb)
