"""Where a candidate's content lies: a clause or object trimmed to PolNeAR's
conventions, grown over adjacent and following quotes or to its sentence end.
"""

from __future__ import annotations

import re

from ...models import Offsets
from .lexicon import (
    CUE_LEMMAS,
    PREP_CUES,
    QUOTE_CHARS,
    RELATIVE_TAGS,
    SPEECH_VERBS,
    SUBJ_DEPS,
    SUMMING_NOUNS,
)
from .spans import _pobj, _source_span, _strip_edges, _subtree_span, _tok_span, citing_aside_comma
from .text import _region_at, _trim, _trim_content


def _content_from_clause(ctx, clause_tok, exclude: set, cue=None) -> list[Offsets]:
    s, e = _subtree_span(clause_tok, exclude | _closing_according_to(clause_tok) | _opening_citing(clause_tok))
    out = _adjust_content(ctx, [(s, e)])
    if cue is not None and out and cue.i < clause_tok.i:
        # "which, he said, will ...", "Clinton, he said, is ...": the part of the
        # clause left of the source and cue is a fragment of its own
        left = [t for t in clause_tok.subtree if t.i < cue.i and t.idx < s and t.i not in exclude
                and not t.is_punct]
        if left and len(left) <= 4 and left[-1].i - left[0].i + 1 == len(left) and (
                left[0].tag_ in {"WDT", "WP", "WP$"} or left[0].lower_ == "that" or left[0].pos_ in {"PROPN", "PRON", "DET", "NOUN"}):
            frag = _trim(ctx.text, left[0].idx, left[-1].idx + len(left[-1].text))
            if frag[1] > frag[0] and _region_at(ctx.quotes, frag[0]) is None:
                out = [frag] + out
    return out


def _closing_according_to(clause_tok) -> set[int]:
    """'The minister said the talks had failed, according to Reuters': the "according
    to" phrase that closes the reported clause says who relayed the report (a cue of its
    own in PolNeAR), not what was said. Its tokens, with the comma before it; none when
    the clause does not end with one."""
    doc = clause_tok.doc
    last = clause_tok.right_edge.i
    while last > clause_tok.i and doc[last].is_punct:
        last -= 1
    for t in clause_tok.subtree:
        # set off by a comma: "failed according to plan" is how it failed
        if t.lower_ == "according" and clause_tok.i < t.i - 1 and t.right_edge.i == last and doc[t.i - 1].text == ",":
            return {x.i for x in t.subtree} | {t.i - 1}
    return set()


def _opening_citing(clause_tok) -> set[int]:
    """'The newspaper reported, citing two officials, that the deal had collapsed': the
    parser may hang the reporter's "citing ..." aside on the reported clause it opens; it
    says where the report came from, not what was reported. Its tokens, with the comma
    after it; none when the clause does not open with one."""
    for c in clause_tok.children:
        comma = citing_aside_comma(c)
        if comma is not None and c.left_edge.i == clause_tok.left_edge.i and comma < clause_tok.i:
            return {t.i for t in c.subtree} | {comma}
    return set()


def _adjust_content(ctx, spans: list[Offsets]) -> list[Offsets]:
    """Trim content spans and grow them to whole quotes when they start or end in one."""
    text = ctx.text
    out: list[Offsets] = []
    for s, e in spans:
        s, e = _trim(text, s, e)
        if e <= s:
            continue
        q = _region_at(ctx.quotes, s)
        if q is not None and s <= q[0] + 1:
            # the clause is (or opens with) a quotation: take the whole quote
            s = q[0]
            if q[1] > e:
                e = q[1]
        else:
            qe = _region_at(ctx.quotes, e - 1)
            if qe is not None and qe[0] > s and qe[1] > e:
                e = qe[1]
        out.append((s, e))
    return out


_COLON_QUOTE = re.compile(r":[ \t\xa0]*(?=[\"“‘']|'')")


def _drop_colon_lead(ctx, spans: list[Offsets], cue_start: int) -> list[Offsets]:
    """'X made her point: "A," she said.': a quote before the cue that a colon
    introduces is the content without the lead-in (PolNeAR train: the quote alone
    18 times, with the lead-in 2, both after a speech verb of their own)."""
    text = ctx.text
    out = []
    for s, e in spans:
        if e <= cue_start:
            for m in _COLON_QUOTE.finditer(text, s, e):
                q = _region_at(ctx.quotes, m.end())
                before = ctx.doc.char_span(m.start() - 1, m.start(), alignment_mode="expand")
                if q is None or q[0] != m.end() or q[1] < e - 1 or (
                        before is not None and len(before) and before[-1].lemma_ in CUE_LEMMAS):
                    continue
                s = q[0]
                break
        out.append((s, e))
    return out


def _colon_paragraph(ctx, verb) -> list[Offsets]:
    """'Hewitt writes:' closing its paragraph: the next paragraph is what was written.
    (PolNeAR train, sentences whose speech verb is followed by a colon and a line
    break: gold marks the verb 36 of 45 times.)"""
    text = ctx.text
    toks = [t for t in verb.sent if not t.is_space]
    if not toks or toks[-1].text != ":" or toks[-1].i != verb.i + 1:
        return []
    after = toks[-1].idx + 1
    m = re.match(r"[ \t\xa0]*\n\s*(\S[^\n]*)", text[after:])
    if m is None:
        return []
    return [_trim(text, after + m.start(1), after + m.end(1))]


def _cut_cue_coordination(ctx, verb, comp, span: Offsets) -> Offsets:
    """'X said the plan had failed and called for a new one': a second predicate
    in the cue's own form, without a subject, that the parse hung inside the
    complement belongs to the cue's subject, not to the content."""
    if verb.tag_ not in {"VBD", "VBZ", "VBP", "VBG"}:
        return span
    s, e = span
    for t in comp.subtree:
        if t.idx < s or t.idx >= e or t.lower_ not in {"and", "but"} or t.i <= comp.i:
            continue
        k = t.i + 1
        while k < len(ctx.doc) and k < t.i + 3 and ctx.doc[k].pos_ in {"ADV", "PART"}:
            k += 1  # "and also called", "but did not ..."
        v = ctx.doc[k] if k < len(ctx.doc) and ctx.doc[k].pos_ in {"VERB", "AUX"} else None
        if v is None or v.tag_ != verb.tag_ or v.tag_ == comp.tag_ or v.dep_ != "conj" or v.head.i != comp.i \
                or any(c.dep_ in SUBJ_DEPS for c in v.children) or _region_at(ctx.quotes, t.idx) is not None:
            continue
        cs, ce = _trim_content(ctx.text, s, t.idx)
        if ce - cs > 3:
            return cs, ce
    return span


def _object_of_infinitive(verb, comp):
    """The object right before a "to" infinitive the cue verb governs ("urged Congress
    to act", "called on voters to ..."), or None."""
    first = comp.left_edge  # "to", or "never" in "told his aides never to speak"
    to = first
    if first.dep_ in {"neg", "advmod"} and first.i + 1 < len(first.doc) and first.doc[first.i + 1].lower_ == "to":
        to = first.doc[first.i + 1]
    if to.lower_ != "to" or to.i <= verb.i:
        return None
    for c in verb.children:
        obj = c
        if c.dep_ in {"prep", "prt"} and c.i < first.i:
            obj = _pobj(c)
        elif c.dep_ not in {"dobj", "oprd"}:
            continue
        if obj is None or not verb.i < obj.i < first.i or obj.right_edge.i + 1 != first.i:
            continue
        if obj.pos_ in {"NOUN", "PROPN", "PRON"} and obj.ent_type_ not in {"DATE", "TIME"}:
            return obj
    return None


def _as_clause_content(ctx, verb) -> list[Offsets]:
    """The clause an "as X reported" aside attaches to, on the longer side of the aside."""
    head = verb.head
    aside = {t.i for t in verb.subtree}
    toks = [t for t in (verb.sent if head.dep_ == "ROOT" else head.subtree) if t.i not in aside]
    lo, hi = min(aside), max(aside)
    before = [t for t in toks if t.i < lo]
    after = [t for t in toks if t.i > hi]
    side = _strip_edges(after if len(after) >= len(before) else before)
    if len(side) < 3:
        return []
    sp = _tok_span(side)
    return _adjust_content(ctx, [sp]) if sp else []


def _object_content(verb, src):
    """Content of an object cue: the object with its complements ("him a liar")."""
    prep_cue = None
    toks: list = []
    src_ids = {t.i for t in src.subtree} if src is not None else set()
    for c in verb.rights:
        if c.i in src_ids:
            break
        if c.dep_ in {"dobj", "dative", "oprd", "xcomp", "acomp", "attr"} or (
                c.dep_ == "prep" and c.lower_ in {"as", "of", "for", "to"} and toks):
            toks.extend(c.subtree)
        elif c.dep_ == "prep" and (verb.lemma_, c.lower_) in PREP_CUES and not toks:
            prep_cue = c
            toks.extend(t for t in c.subtree if t.i != c.i)
        elif c.dep_ == "advcl" and not toks and c.left_edge.dep_ == "mark" and c.left_edge.head.i == c.i \
                and (verb.lemma_, c.left_edge.lower_) in PREP_CUES and c.left_edge.i <= verb.i + 3:
            # "is calling for the United States to step up": "for" opens the clause
            prep_cue = c.left_edge
            toks.extend(t for t in c.subtree if t.i != prep_cue.i)
        elif c.dep_ == "prt" and (verb.lemma_, c.lower_) in PREP_CUES:
            continue
        elif toks:
            break
    return prep_cue, _without_reporting_relcl(toks)


def _without_reporting_relcl(toks: list) -> list:
    """An object without a relative clause set off by a comma that is a report of its own
    ("endorses Trump, who says he is honored": Trump is endorsed, and his own report
    follows). PolNeAR marks no cue inside a content, so the clause would otherwise cost
    the inner report."""
    ids = {t.i for t in toks}
    drop: set[int] = set()
    for t in toks:
        if t.dep_ in {"relcl", "acl"} and t.head.i in ids and t.left_edge.i - 1 in ids \
                and t.doc[t.left_edge.i - 1].text == "," \
                and any(x.lemma_ in SPEECH_VERBS and x.pos_ == "VERB" for x in t.subtree):
            drop.update(x.i for x in t.subtree)
            drop.add(t.left_edge.i - 1)
    return [t for t in toks if t.i not in drop] if drop else toks


def _relative_object(verb):
    """The relative pronoun that is ``verb``'s object ("who he dubbed ...", "which I
    share"), or None."""
    if verb.dep_ != "relcl":
        return None
    return next((c for c in verb.lefts if c.dep_ in {"dobj", "pobj"} and (c.tag_ in RELATIVE_TAGS or c.lower_ == "that")),
                None)


def _relative_object_content(verb, src) -> tuple[list, list]:
    """What a cue verb in a relative clause reports when its object is the relative
    pronoun or a gap: "a claim (that) Hydrovolt denied", "Florida, which he describes
    as his second home". PolNeAR marks the pronoun as the content, with the words that
    complete it ("which | as his second home"), or, with no pronoun, the noun phrase
    the clause hangs on ("a controversial proposal he has raised"). Returns (spans as
    token lists, a stranded preposition that joins the cue: "the things he said about").
    Empty when the verb has an object or clause of its own, or no subject before it."""
    ante = verb.head
    if verb.dep_ != "relcl" or src is None or not src.i < verb.i or ante.i > verb.i \
            or ante.pos_ not in {"NOUN", "PROPN", "PRON"}:
        return [], []
    if any(c.dep_ in {"dobj", "ccomp", "xcomp", "attr", "dative"} and c.i > verb.i for c in verb.children):
        return [], []
    rel = _relative_object(verb)
    if rel is None and any(c.i < verb.i and (c.tag_ in RELATIVE_TAGS or c.lower_ == "that") and c.dep_ in {
            "nsubj", "nsubjpass", "advmod", "npadvmod"} for c in verb.children):
        return [], []  # "who said", "where he spoke": no object gap
    pieces: list = [[rel]] if rel is not None else [[t for t in ante.subtree if t.i <= ante.i]]
    stranded = []
    for c in verb.rights:
        if c.dep_ in {"oprd", "acomp"} or (c.dep_ == "prep" and c.lower_ == "as" and any(c.children)):
            pieces.append(list(c.subtree))
        elif c.dep_ in {"prep", "prt"} and not any(c.children) and (verb.lemma_, c.lower_) in PREP_CUES:
            stranded.append(c)
    return pieces, stranded


def _clause_summed_up(noun) -> Offsets | None:
    """"engineers warned of cracks in the dam, a claim Hydrovolt denied": a noun like
    "claim" set off by a comma right after a clause sums that clause up. The clause's
    span, without an opening "that", or None."""
    doc = noun.doc
    first = noun.left_edge.i
    if noun.lemma_.lower() not in SUMMING_NOUNS or first < 2 or doc[first - 1].text != ",":
        return None
    last = doc[first - 2]
    verb = next((t for t in [last, *last.ancestors] if t.pos_ in {"VERB", "AUX"}), None)
    if verb is None or any(t.i == noun.i for t in verb.ancestors):
        return None  # the clause is inside the noun's own phrase
    start = verb.left_edge
    while start.i < last.i and (start.dep_ == "mark" or start.is_punct):
        start = doc[start.i + 1]
    if start.i >= last.i:
        return None
    return start.idx, last.idx + len(last.text)


# a colon right after a content, with more on the same line
_COLON_AFTER = re.compile(r"[ \t]*:[ \t]*(?=[^\s])")
EXTEND_DEPS = {"aux", "ccomp", "auxpass", "pcomp", "agent", "dative"}


def _extend_to_sentence_end(ctx, verb, content: list[Offsets]) -> list[Offsets]:
    """PolNeAR contents after the cue mostly run to the sentence end; extend a
    clause cut short by the parse when what follows attaches like a complement."""
    doc = ctx.doc
    s, e = content[-1]
    sent = verb.sent
    m = _COLON_AFTER.match(ctx.text, e)
    if m is not None:
        # "... has one task ahead: winning Ohio." -- what the colon announces is the content
        after = doc.char_span(m.end(), m.end() + 1, alignment_mode="expand")
        if after is not None and len(after):
            toks = [t for t in after[0].sent[after[0].i - after[0].sent.start:] if not t.is_space]
            if toks and not any(t.lemma_ in SPEECH_VERBS and t.dep_ in {"ROOT", "parataxis"} for t in toks):
                end = toks[-1].idx + len(toks[-1].text)
                if "\n" not in ctx.text[e:end]:
                    return content[:-1] + [(s, end)]
    if e >= sent.end_char:
        return content
    nxt = doc.char_span(e, sent.end_char, alignment_mode="expand")
    if nxt is None:
        return content
    toks = [t for t in nxt if not t.is_space and t.idx >= e]
    while toks and toks[0].text in {",", ";", "—", "--", "–"}:
        toks = toks[1:]
    if not toks or not (toks[0].dep_ in EXTEND_DEPS or toks[0].text in {'"', "“", "''"}):
        return content
    if any(t.lemma_ in SPEECH_VERBS and t.dep_ in {"ROOT", "parataxis"} for t in toks):
        return content
    if toks[0].text in {'"', "“", "''"} and _quote_reported_by_another(verb, toks):
        return content
    end = sent.end_char
    return content[:-1] + [(s, end)]


def _quote_reported_by_another(verb, toks: list) -> bool:
    """'Tester said, referring to the excuse, "you give ...": the quote after the comma is
    the complement of another reporting verb ("said"), not more of this one's content."""
    inside = {t.i for t in toks}
    root = next((t for t in toks[1:] if not t.is_punct), None)
    while root is not None and root.head.i in inside and root.head.i != root.i:
        root = root.head
    if root is None or root.head.i == root.i:
        return False
    head = root.head
    return head.i != verb.i and head.lemma_ in SPEECH_VERBS and head.i not in {t.i for t in verb.subtree}


def _continues_quote(text: str, content: list[Offsets], lo: int, qs: int, qe: int) -> bool:
    """'"A," X told the paper on Monday, "but b."': a quote after the cue that opens in
    lower case, after a comma, goes on with a quote the content has before the cue."""
    inner = text[qs:qe].lstrip(QUOTE_CHARS)
    if not inner[:1].islower():
        return False
    before = [(s, e) for s, e in content if e <= lo and text[s] in QUOTE_CHARS
              and text[s:e].rstrip(QUOTE_CHARS).endswith(",")]
    if not before:
        return False
    mid = text[before[-1][1]:qs]
    return len(mid) < 120 and mid.rstrip().endswith(",") and "\n" not in mid \
        and not any(c in QUOTE_CHARS for c in mid) and not re.search(r"[.!?]\s", mid)


def _comma_aside(mid: str) -> bool:
    """The words between a cue and the quote that goes on with its content: a comma,
    or an aside of the same sentence closed by one."""
    return mid.rstrip().endswith(",") and "\n" not in mid and not any(c in QUOTE_CHARS for c in mid) \
        and re.search(r"[.!?;]\s", mid) is None


def _touches_quote(ctx, spans) -> bool:
    for s, e in spans:
        for qs, qe in ctx.quotes:
            if qs < e and s < qe:
                return True
    return False


def _add_adjacent_quotes(ctx, verb, src, cue_toks, content: list[Offsets]) -> list[Offsets]:
    text = ctx.text
    sent = verb.sent
    lo = min([t.idx for t in cue_toks] + ([src.idx] if src is not None else []))
    hi = max([t.idx + len(t.text) for t in cue_toks] + ([src.idx + len(src.text)] if src is not None else []))
    if src is not None:
        ss, se = _source_span(src)
        lo, hi = min(lo, ss), max(hi, se)
    out = list(content)
    # a split quote: '"A," X said, "b ..."' -- the quote after the cue opens after a
    # comma (and perhaps an aside: "he told the host,", "Tester said, referring to the
    # excuse,") and carries the content, so a quote just before that ends in a comma is
    # the first fragment, unless another verb stands between it and this cue ('"A,"
    # Trump said, adding later, "B"': "A" is what he said)
    cue_ids = {t.i for t in cue_toks}
    between = ctx.doc.char_span(lo, hi, alignment_mode="expand") or []
    split_after = not any(t.pos_ in {"VERB", "AUX"} and t.i not in cue_ids and t.dep_ not in {"aux", "auxpass", "neg"}
                          for t in between) \
        and any(_comma_aside(text[hi:qs]) and any(s < qe and qs < e for s, e in content)
                for qs, qe in ctx.quotes if hi <= qs <= hi + 80)
    for qs, qe in ctx.quotes:
        if qe <= sent.start_char - 1 and qe < lo - 400:
            continue
        if qs > sent.end_char + 2:
            break
        if split_after and qe <= lo and re.fullmatch(r"\s*", text[qe:lo]) and qe - qs > 3 \
                and text[qs:qe].rstrip(QUOTE_CHARS).endswith(","):
            out.append((qs, qe))
            continue
        if any(s <= qs and qe <= e for s, e in out) or any(qs <= s and e <= qe for s, e in out):
            # merge contained spans into the quote
            if any(qs <= s and e <= qe for s, e in out):
                out = [c for c in out if not (qs <= c[0] and c[1] <= qe)] + [(qs, qe)]
            continue
        gap_before = text[qe:lo]
        gap_after = text[hi:qs]
        content_after = any(s >= hi for s, _ in content)
        if qe <= lo and re.fullmatch(r"[\s,]*", gap_before) and not content_after and (
                qe > sent.start_char + 2 or ("\n" not in gap_before and not content and lo <= sent.start_char + 2)):
            # '"...?" Trump said.' -- the parser may end the sentence at the quote:
            # the quote right before a cue sentence that opens with its source is its content
            out.append((qs, qe))
        elif qs >= hi and re.fullmatch(r"[\s,:]*", gap_after) and (
                qs < sent.end_char or ":" in gap_after or not content):
            out.append((qs, qe))
        elif qs >= hi and qs < sent.end_char and re.fullmatch(r"\s*(?:,|:)?\s*", text[hi:qs]) is None:
            # split quote after the cue, within the same sentence: '"A," he said, "B."'
            mid = text[hi:qs]
            if len(mid) < 40 and re.fullmatch(r"[\s,]*(?:adding|and)?[\s,:]*", mid):
                out.append((qs, qe))
            elif _continues_quote(text, out, lo, qs, qe):
                out.append((qs, qe))
    out = sorted(set(out))
    # drop spans contained in another
    pruned = [c for c in out if not any(o != c and o[0] <= c[0] and c[1] <= o[1] for o in out)]
    return pruned


def _following_quotes(ctx, sent_end: int, content: list[Offsets]) -> list[Offsets]:
    """'"A," he said. "B."': quoted sentences right after the cue's sentence, in the
    same paragraph, belong to the same content."""
    text = ctx.text
    out = list(content)
    pos = sent_end
    # the sentence splitter may hand the next quote's opening mark to this sentence
    while pos > 0 and text[pos - 1] in " \t\r\n\"“'":
        pos -= 1
    pos = max(pos, max(e for _, e in content))
    for qs, qe in ctx.quotes:
        if qs < pos:
            continue
        gap = text[pos:qs]
        if gap.strip() == "" and "\n" not in gap:
            out.append((qs, qe))
            pos = qe
            # let the quote's own sentence end (closing punctuation outside the quote)
            while pos < len(text) and text[pos] in ".!?":
                pos += 1
        else:
            break
    # '"A," she said.\n\n"B."': a paragraph that is one quotation, with no cue of its
    # own, right after the paragraph the cue ends, goes on with the same speaker
    while pos < len(text) and text[pos] in " \t\xa0.!?\"”’'":
        pos += 1
    last = _region_at(ctx.quotes, out[-1][0]) if out else None
    if pos < len(text) and text[pos] == "\n" and last is not None and last[0] >= out[-1][0] - 1:
        nxt = pos
        while nxt < len(text) and text[nxt] in " \t\r\n\xa0":
            nxt += 1
        par_end = text.find("\n", nxt)
        par_end = len(text) if par_end < 0 else par_end
        q = _region_at(ctx.quotes, nxt)
        if q is not None and q[0] == nxt and text[q[1]:par_end].strip(" \t\r\xa0.!?") == "" \
                and len(text[q[0]:q[1]].split()) >= 3:
            out.append(q)
    return out


NAME_PIECES = {"PROPN", "NOUN", "ADJ", "DET", "NUM"}


def _quote_then_source(ctx, content: list[Offsets], src_spans: list[Offsets]) -> tuple[list[Offsets], list[Offsets]]:
    """'“...,” Tulsa police Chief Chuck Jordan said': words between a closing quote and its
    speaker's name that the parser hung on the quote, or left out ("Tulsa"), open the
    source; the content ends with the quote."""
    s0 = src_spans[0][0]
    cs, ce = content[-1]
    region = _region_at(ctx.quotes, cs)
    if region is None or region[0] != cs or not region[1] <= ce <= s0 or "\n" in ctx.text[region[1]:s0]:
        return content, src_spans
    between = ctx.doc.char_span(region[1], s0, alignment_mode="expand")
    words = [t for t in between or [] if not t.is_space and t.idx >= region[1] and t.idx < s0]
    if words and words[0].text == ",":
        words = words[1:]
    if not words or any(t.pos_ not in NAME_PIECES and not t.ent_type_ for t in words) or not words[0].text[:1].isupper():
        return content, src_spans
    return content[:-1] + [(cs, region[1])], [(words[0].idx, src_spans[0][1])] + src_spans[1:]
