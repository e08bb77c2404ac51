"""Candidate proposals: one rule per shape of attribution (cue verb, "according to", noun,
adjective, adverb, poll, colon line, dash signature), each with the features the cue model scores.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ...models import Attribution, Offsets
from ..speakers import classify, join_names, names_someone_else, outlet_name
from .content import (
    _add_adjacent_quotes,
    _adjust_content,
    _as_clause_content,
    _clause_summed_up,
    _colon_paragraph,
    _content_from_clause,
    _cut_cue_coordination,
    _drop_colon_lead,
    _extend_to_sentence_end,
    _following_quotes,
    _object_content,
    _object_of_infinitive,
    _quote_then_source,
    _relative_object,
    _relative_object_content,
    _touches_quote,
)
from .lexicon import (
    ADDRESSEE_VERBS,
    ADJ_PREPS,
    ATTITUDE_ADJECTIVES,
    CARRIER_NOUNS,
    CUE_LEMMAS,
    CUE_OR_OBJECT_LEMMAS,
    INVERTIBLE,
    NOUN_CUES,
    OBJECT_CUES,
    PERSON_PRONOUNS,
    POLL_NOUNS,
    PREP_CUES,
    QUOTE_CHARS,
    RAISING_VERBS,
    REFUSED_THINGS,
    REPORT_ADVERBS,
    SPEECH_VERBS,
    STATEMENT_NOUNS,
    SUBJ_DEPS,
    WEAK_WITHOUT_CLAUSE,
)
from .model import _bucket
from .sexes import PRONOUN_SEX, is_title, sex_of_name, sexes_of_lone_names
from .spans import (
    _appositive_name,
    _cue_spans,
    _cue_tokens,
    _doc_quotes,
    _doc_text,
    _extend_cue,
    _first_span_tokens,
    _is_media_tok,
    _name_span_text,
    _name_tokens,
    _pobj,
    _source_span,
    _speaker_token,
    _strip_edges,
    _subtree_span,
    _tok_span,
    _token_ids,
    _unnamed_but_capitalised,
    according_to_object,
    citing_aside_comma,
    named_partners,
)
from .syntax import (
    _agent,
    _carrier_participle,
    _carrier_verb,
    _chain_head,
    _complement,
    _cue_run,
    _inherited_subject,
    _reporter_of_coordination,
    _reports_the_clause_it_joins,
    _speaker_hung_on_the_content,
    _stranded_that_clause,
    _subject,
)
from .text import (
    _drop_dashed_relcl,
    _finalize_content,
    _region_at,
    _span_fields,
    _strip_connective,
    _strip_dateline,
    _strip_spaces,
    _strip_stray_quote,
    _subtract,
    _trim,
)


def _info(kind: str, *, weak: bool = False, src=None, inverted: bool = False, **extra) -> dict:
    """What a rule learned about one candidate, for its features (see :func:`_features`)."""
    return {"kind": kind, "weak": weak, "src": src, "inverted": inverted, **extra}


class _Ctx:
    def __init__(self, doc):
        self.doc = doc
        self.text = _doc_text(doc)
        self.quotes = _doc_quotes(doc)
        self.last_person: str | None = None
        self.last_person_sex: str | None = None
        self.last_person_at = -1  # the token after the last person who spoke
        self.person_ents = [e for e in doc.ents if e.label_ == "PERSON"]
        self._lone_sexes: dict[str, str] | None = None
        self._ent_sexes: dict[int, str | None] = {}  # person entity start -> the sex its name shows

    def name_words(self, ent) -> list[str]:
        """A person entity's lowercased words, with the title written before it."""
        words = [t.lower_ for t in ent if t.tag_ != "POS"]
        return [self.doc[ent.start - 1].lower_] + words if ent.start and is_title(self.doc[ent.start - 1].lower_) else words

    def sex_of(self, words: list[str]) -> str | None:
        """The sex a person's name shows; for a name of one word, what the story shows of it."""
        if self._lone_sexes is None:
            self._lone_sexes = sexes_of_lone_names([self.name_words(e) for e in self.person_ents])
        return sex_of_name(words, self._lone_sexes)

    def ent_sex(self, ent) -> str | None:
        """:meth:`sex_of` a person entity, once per entity: every later pronoun asks again."""
        if ent.start not in self._ent_sexes:
            self._ent_sexes[ent.start] = self.sex_of(self.name_words(ent))
        return self._ent_sexes[ent.start]


def _resolve_pronoun(ctx, tok) -> tuple[str | None, str]:
    low = tok.lower_
    if low in PERSON_PRONOUNS:
        sex = PRONOUN_SEX[low]
        prev = [e for e in reversed(ctx.person_ents) if e.end <= tok.i and ctx.ent_sex(e) in {None, sex}]
        # a person made the subject of an earlier sentence since the last one who spoke is
        # whom "he" or "she" most likely means: "Marsh has a rumour ... Now he claims"
        subject = next((e for e in prev if e.start >= ctx.last_person_at and e.end <= tok.sent.start
                        and e.root.dep_ in SUBJ_DEPS and e.root.head.dep_ == "ROOT"
                        and _region_at(ctx.quotes, e.root.idx) is None), None)
        if subject is not None:
            return subject.text, "person"
        if ctx.last_person and ctx.last_person_sex in {None, sex}:
            return ctx.last_person, "person"
        if prev:
            # a name that shows the pronoun's sex beats one that shows none ("Pell Grants")
            return next((e for e in prev if ctx.ent_sex(e) == sex), prev[0]).text, "person"
        return None, "person"
    if low in {"i", "we", "you"}:
        return None, "person"
    return None, "unnamed"


def _may_be_he_or_she(ctx, a: Attribution) -> bool:
    """Whether a later "he" or "she" may stand for this attribution's source: one person,
    not a phrase that only the capital of its sentence made look like a name ("One report
    suggests ... Now he claims" is not the report), nor one who names another ("he" after
    "Grayson's spokeswoman said" is Grayson, not the spokeswoman)."""
    src = ctx.info.get("src")
    if a.source_kind != "person" or not a.source or ctx.info.get("weak") or names_someone_else(a.source) \
            or getattr(src, "tag_", "") in {"NNS", "NNPS"} or (src is not None and named_partners(src)):
        return False
    span = _first_span_tokens(ctx.doc, a.source_spans)
    return span is None or not _unnamed_but_capitalised(span, _speaker_token(span.root))


def _sex_of_source(ctx, a: Attribution) -> str | None:
    """The sex a person source shows: by its pronoun ("she" resolved to a name is a
    woman), its name, or a sexed word before it ("the spokeswoman")."""
    span = _first_span_tokens(ctx.doc, a.source_spans)
    if span is None:
        return None
    root = _speaker_token(span.root)
    if root.lower_ in PRONOUN_SEX:
        return PRONOUN_SEX[root.lower_]
    ent = next((e for e in ctx.person_ents if e.start <= root.i < e.end), None)
    return ctx.ent_sex(ent) if ent is not None else ctx.sex_of([t.lower_ for t in span if t.i <= root.i])


def _source_info(ctx, tok) -> tuple[str | None, str]:
    """Resolved name and kind for the source token."""
    spk = _speaker_token(tok)
    if spk.lower_ in {"he", "she", "him", "her", "i", "we", "you", "they", "it", "who",
                      "which", "that", "this"}:
        return _resolve_pronoun(ctx, spk)
    name = _name_span_text(spk)
    toks = _name_tokens(spk)
    phrase = ctx.text[toks[0].idx: toks[-1].idx + len(toks[-1].text)] if toks else name
    kind = classify(phrase, is_person=spk.ent_type_ == "PERSON")
    if kind == "person" and spk.ent_type_ in {"ORG", "GPE", "NORP", "FAC"}:
        kind = "official"
    if spk.ent_type_ == "PERSON":
        for ent in ctx.person_ents:
            if ent.start <= spk.i < ent.end:
                name = ent.text
                break
    if kind == "unnamed":
        return None, kind
    partners = named_partners(spk)
    if partners:
        # "Hamas and Israel both claimed", "Mr. Kerry and Mr. Obama said": all of them spoke
        name = join_names([name] + [_name_span_text(p) for p in partners])
    return name, kind


def _find_via(ctx, cue, source_tok) -> str | None:
    """An outlet or person relaying the attribution, by name ("state news agency Tanjug"
    -> Tanjug)."""
    phrase = _relay_phrase(ctx, cue, source_tok)
    return outlet_name(phrase) if phrase is not None else None


def _as_saying(verb) -> bool:
    """Whether ``verb`` goes on "as saying" ("was cited by Le Monde as saying ...")."""
    return any(c.lower_ == "as" and any(g.dep_ == "pcomp" and g.lemma_ == "say" for g in c.children)
               for c in verb.children)


def _relay_name(tok) -> str:
    """A relay's name: the name beside a common noun when it has one ("the state news
    agency TASS" -> TASS), else the phrase."""
    named = _appositive_name(tok)
    return named[0] if named is not None else _name_span_text(tok)


def _relay_phrase(ctx, cue, source_tok) -> str | None:
    sent = cue.sent
    skip = set(source_tok.subtree) if source_tok is not None else set()
    for t in sent:
        if t in skip:
            continue
        if t.tag_ == "VBG":
            continue  # "citing a report by the coast guard": the source cites, nobody relays
        if t.lemma_ == "quote" or (t.lemma_ in {"cite", "carry", "publish", "air", "broadcast"}
                                   and not any(c.dep_ == "prt" for c in t.children)):  # not "carried out by"
            # "as quoted by X", "quoted ... by X"
            for d in list(t.children) + ([c for c in t.head.children] if t.dep_ == "pcomp" else []):
                if d.dep_ in {"agent", "prep"} and d.lower_ == "by" and (p := _pobj(d)) is not None:
                    return _relay_name(p)
            for d in t.subtree:
                if d.dep_ in {"agent", "prep"} and d.lower_ == "by" and (p := _pobj(d)) is not None:
                    return _relay_name(p)
        if t.lower_ == "by" and t.head.lemma_ in {"say", "quote"} and t.head.sent == sent and (p := _pobj(t)) is not None:
            return _relay_name(p)
    if cue.lemma_ == "tell":
        for c in cue.children:
            if c.dep_ in {"dobj", "dative", "iobj"} and _is_media_tok(c):
                return _relay_name(c)
    # "said in an interview with X", "told X in an interview", "speaking to X"
    for t in sent:
        if t in skip:
            continue
        if t.lower_ in {"with", "to", "on"} and t.head.lemma_ in {"interview", "speak", "talk", "statement", "appearance", "say", "tell"}:
            for p in t.children:
                if p.dep_ == "pobj" and _is_media_tok(p):
                    return _relay_name(p)
        if t.lower_ == "according" and source_tok is not None:
            for to in t.children:
                for p in to.children:
                    if p.dep_ == "pobj" and p.i != source_tok.i and _is_media_tok(p):
                        return _relay_name(p)
    return None


def _make(ctx, article, source_tok, source_spans, cue_toks, cue_spans, content_spans,
          via=None) -> Attribution | None:
    doc = ctx.doc
    text = ctx.text
    content_spans = _finalize_content(text, [c for c in content_spans if c[1] > c[0]])
    cue_spans = _strip_spaces(text, cue_spans)
    source_spans = _strip_dateline(text, _strip_spaces(text, _strip_stray_quote(text, source_spans)))
    source_spans = [_drop_dashed_relcl(text, sp) for sp in source_spans]
    content_spans = _strip_connective(text, _strip_dateline(text, content_spans))
    if content_spans and cue_spans:
        content_spans = _drop_colon_lead(ctx, content_spans, cue_spans[0][0])
    if not content_spans or not cue_spans:
        return None
    name, kind = _source_info(ctx, source_tok) if source_tok is not None else (None, "unnamed")
    all_spans = source_spans + cue_spans + content_spans
    lo = min(s for s, _ in all_spans)
    hi = max(e for _, e in all_spans)
    first = doc.char_span(lo, lo + 1, alignment_mode="expand")
    last = doc.char_span(max(hi - 1, lo), max(hi, lo + 1), alignment_mode="expand")
    start = first.sent.start_char if first is not None and len(first) else lo
    end = last.sent.end_char if last is not None and len(last) else hi
    return Attribution(
        article=article,
        source=name,
        source_spans=source_spans,
        cue_spans=cue_spans,
        content_spans=content_spans,
        via=via,
        source_kind=kind,
        start=start,
        end=end,
        **_span_fields(text, cue_spans, content_spans, source_spans),
    )


def _according_to(ctx, article, tok) -> Attribution | None:
    found = according_to_object(tok)
    return _phrase_attribution(ctx, article, tok, *found) if found is not None else None


def _poll_attribution(ctx, article, prep) -> Attribution | None:
    """"In a new poll, X leads", "X trails in the latest survey": the preposition is
    the cue, the poll its source and the clause it modifies the content."""
    pobj = _pobj(prep)
    if pobj is None or pobj.lemma_.lower() not in POLL_NOUNS:
        return None
    head = prep.head
    if head.i == prep.i or head.lemma_ in SPEECH_VERBS or head.lemma_ in POLL_NOUNS:
        return None
    return _phrase_attribution(ctx, article, prep, prep, pobj)


def _adverb_attribution(ctx, article, adv) -> Attribution | None:
    """"X has reportedly done Y": the adverb is the cue, nobody is named, and the
    clause around it (the adverb cut out) is the content."""
    head = adv.head
    ctx.info = _info("adverb")
    if head.i == adv.i or head.pos_ not in {"VERB", "AUX", "ADJ", "NOUN"}:
        return None
    if any(t.lower_ == "according" for t in head.sent) or any(
            a.lemma_ in CUE_LEMMAS and a.pos_ == "VERB" for a in head.ancestors):
        return None  # a named source reports it already ("..., according to X", "X said ...")
    toks = _strip_edges([t for t in (head.sent if head.dep_ == "ROOT" else head.subtree) if t.i != adv.i])
    before = [t for t in toks if t.i < adv.i]
    after = [t for t in toks if t.i > adv.i]
    while before and before[-1].is_punct:
        before = before[:-1]
    while after and after[0].is_punct:
        after = after[1:]
    spans = [sp for sp in (_tok_span(before), _tok_span(after)) if sp is not None]
    if not after:
        return None
    content = _adjust_content(ctx, spans)
    return _make(ctx, article, None, [], [adv], [(adv.idx, adv.idx + len(adv.text))], content)


def _adjective_attribution(ctx, article, adj) -> Attribution | None:
    """"Smith is critical of the plan", "voters were hopeful that ...": the copula with
    the adjective (and its preposition) is the cue, the subject the source."""
    doc = ctx.doc
    be = adj.head
    listed = adj.lemma_.lower() in ATTITUDE_ADJECTIVES
    ctx.info = _info("adj", weak=not listed, generic=not listed)
    if be.i == adj.i or be.pos_ not in {"AUX", "VERB"} or be.i > adj.i:
        return None
    src = _subject(be) or _inherited_subject(be)
    if src is None or src.lower_ in {"it", "there", "this", "that", "which", "what"}:
        return None
    if not listed and not (src.ent_type_ in {"PERSON", "ORG", "NORP", "GPE"} or src.lower_ in {
            "he", "she", "they", "we", "i", "you"} or src.pos_ == "NOUN"):
        return None  # "are tired of", "is appreciative of": said of people, not of things
    content_toks: list = []
    prep = None
    for c in adj.rights:
        if c.dep_ == "prep" and c.lower_ in ADJ_PREPS:
            pobj = [t for t in c.subtree if t.i != c.i]
            if pobj:
                prep, content_toks = c, pobj
            break
        if c.dep_ in {"ccomp", "xcomp"}:
            content_toks = list(c.subtree)
            break
    if not content_toks:
        return None
    cue_toks = [t for t in _cue_tokens(be) if t.i <= adj.i]
    cue_toks += [t for t in doc[be.i + 1:adj.i + 1] if t.i == adj.i or (t.dep_ in {"advmod", "neg"} and t.head.i in {be.i, adj.i})]
    if prep is not None and prep.i == adj.i + 1:
        cue_toks.append(prep)
    cue_toks = sorted({t.i: t for t in cue_toks}.values(), key=lambda t: t.i)
    if any(t.i in {x.i for x in src.subtree} for t in cue_toks):
        return None
    ctx.info["src"] = src
    sp = _tok_span(content_toks)
    content = _adjust_content(ctx, [sp]) if sp else []
    src_spans = [_source_span(src)]
    return _make(ctx, article, src, src_spans, cue_toks, _cue_spans(doc, cue_toks), content)


def _phrase_attribution(ctx, article, tok, to, pobj) -> Attribution | None:
    """A source phrase inside a clause ("according to X", "in X's poll"): the cue runs
    from ``tok`` to ``to``, the source is ``pobj`` and the content the rest of the clause."""
    head = tok.head
    sent = tok.sent
    phrase = set(t.i for t in tok.subtree) | {tok.i, to.i} | set(t.i for t in pobj.subtree)
    clause_in_source: set[int] = set()
    last = max((t.i for t in sent if not (t.is_punct or t.is_space)), default=pobj.i)
    if tok.i == sent.start and pobj.right_edge.i >= last:
        # "According to Rush Limbaugh, the move reeks of ...": the parser hung the clause
        # on the name as an apposition; what follows the comma after the name is the clause
        comma = next((t for t in pobj.subtree if t.i > pobj.i and t.text == ","), None)
        if comma is not None:
            clause_in_source = {t.i for t in pobj.subtree if t.i >= comma.i}
            phrase -= {t.i for t in sent if t.i >= comma.i}
    if head.i == tok.i or head.i in phrase:
        clause_toks = [t for t in sent if t.i not in phrase]
    else:
        # the clause the phrase modifies; climb to the sentence root when it is a noun
        while head.pos_ not in {"VERB", "AUX"} and head.head.i != head.i:
            head = head.head
        while head.dep_ == "conj" and head.head.pos_ in {"VERB", "AUX"}:
            head = head.head  # "..., A rose and B fell": the whole coordination
        clause_toks = [t for t in head.subtree if t.i not in phrase]
        if head.dep_ == "ROOT":
            clause_toks = [t for t in sent if t.i not in phrase]
    # content: the longest contiguous run of the clause on one side of the phrase
    before = [t for t in clause_toks if t.i < tok.i]
    after = [t for t in clause_toks if t.i > max(phrase)]
    side = before if len(before) >= len(after) else after
    # leading "And", "But", "Still," are not part of what is attributed (a leading
    # phrase like "In Ohio," is), nor is the source's own "citing police sources,"
    while side and (side[0].dep_ == "cc" or side[0].is_punct or (
            side[0].dep_ == "advmod" and any(t.text == "," for t in side[1:4])
            and side[0].head.i == head.i and len(list(side[0].subtree)) <= 3) or citing_aside_comma(side[0]) is not None):
        drop = {t.i for t in side[0].subtree} if side[0].dep_ in {"advmod", "advcl"} else {side[0].i}
        side = [t for t in side if t.i not in drop]
        while side and side[0].is_punct:
            side = side[1:]
    span = _tok_span(side)
    if span is None:
        return None
    content = _adjust_content(ctx, [span])
    src_span = _source_span(pobj, clause_in_source or None)
    cue_spans = [(tok.idx, to.idx + len(to.text))]
    return _make(ctx, article, pobj, [src_span], [tok, to], cue_spans, content)


def _is_cue_candidate(tok) -> bool:
    if tok.pos_ not in {"VERB", "AUX"} and tok.tag_ not in {"VBD", "VBZ", "VBP", "VBG", "VBN", "VB"}:
        return False
    if tok.pos_ != "VERB" and tok.lemma_ not in CUE_LEMMAS:
        return False
    if tok.dep_ in {"amod", "compound", "aux", "auxpass"}:
        return False
    if tok.lemma_ == "deny" and any(c.dep_ in {"dobj", "ccomp", "dative"} and c.lemma_.lower() in REFUSED_THINGS
                                    for c in tok.children):
        return False  # "denied him bail": refused, not gainsaid
    return True


def candidates(doc, article: str = "") -> list[tuple[Attribution, list[str]]]:
    """Every attribution the rules propose, each with the features the cue model scores.

    Used by :func:`extract_attributions` and by ``consilience train attribution``.
    """
    ctx = _Ctx(doc)
    out: list[tuple[Attribution, list[str]]] = []
    for tok in doc:
        if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            ctx.info = _info("according")
            a = _according_to(ctx, article, tok)
            if a is not None:
                out.append((a, _features(ctx, tok, a, ctx.info)))
            continue
        if tok.lower_ in REPORT_ADVERBS and tok.dep_ == "advmod":
            a = _adverb_attribution(ctx, article, tok)
            if a is not None:
                out.append((a, _features(ctx, tok, a, ctx.info)))
            continue
        if tok.pos_ == "ADJ" and tok.dep_ == "acomp" and (tok.lemma_.lower() in ATTITUDE_ADJECTIVES or (
                tok.i + 1 < len(doc) and doc[tok.i + 1].dep_ == "prep"
                and doc[tok.i + 1].head.i == tok.i and doc[tok.i + 1].lower_ in {"of", "about", "on", "with", "by"})):
            a = _adjective_attribution(ctx, article, tok)
            if a is not None:
                out.append((a, _features(ctx, tok, a, ctx.info)))
            continue
        if tok.lower_ == "in" and tok.dep_ == "prep":
            ctx.info = _info("poll")
            a = _poll_attribution(ctx, article, tok)
            if a is not None:
                out.append((a, _features(ctx, tok, a, ctx.info)))
            continue
        if tok.pos_ == "NOUN" and tok.lemma_.lower() in NOUN_CUES:
            a = _noun_attribution(ctx, article, tok)
            if a is not None:
                out.append((a, _features(ctx, tok, a, ctx.info)))
            continue
        if not _is_cue_candidate(tok):
            continue
        a = _verb_attribution(ctx, article, tok)
        if a is None:
            continue
        out.append((a, _features(ctx, tok, a, ctx.info)))
        if _may_be_he_or_she(ctx, a):
            ctx.last_person = a.source
            ctx.last_person_sex = _sex_of_source(ctx, a)
            ctx.last_person_at = max({tok.i} | {i + 1 for i in _token_ids(ctx.doc, a.source_spans)})
    for a, info, colon in _colon_attributions(ctx, article):
        # a transcript's turns are attributions by their form, as signed quotes are: PolNeAR
        # train marks 11 of the 13 turns in articles with two or more speakers in capitals
        out.append((a, _features(ctx, colon, a, info) + (["signed"] if info["transcript"] else [])))
    signed = [(a, info, dash) for a, info, dash in _dash_attributions(ctx, article)]
    if signed:
        dashes = {tuple(a.cue_spans) for a, _, _ in signed}
        out = [x for x in out if tuple(x[0].cue_spans) not in dashes]
        for a, info, dash in signed:
            out.append((a, _features(ctx, dash, a, info) + ["signed"]))
    out.sort(key=lambda x: (x[0].cue_spans[0][0] if x[0].cue_spans else x[0].start))
    return out


def _features(ctx, tok, a: Attribution, info: dict) -> list[str]:
    """Binary features of one candidate for the cue model."""
    lemma = tok.lemma_.lower()
    kind = info.get("kind", "none")
    src = info.get("src")
    text = ctx.text
    in_quote = _region_at(ctx.quotes, tok.idx) is not None
    if src is None and a.source_spans:
        src_desc = "span"
    elif src is None:
        src_desc = "none"
    elif src.pos_ == "PRON":
        src_desc = "pron:" + src.lower_
    else:
        src_desc = src.pos_ + ":" + (src.ent_type_ or "-")
    content_len = sum(len(text[s:e].split()) for s, e in a.content_spans)
    first = a.content_spans[0] if a.content_spans else (0, 0)
    ctext = text[first[0]:first[1]]
    cue_start = a.cue_spans[0][0] if a.cue_spans else tok.idx
    auxes = sorted(c.lower_ for c in tok.children if c.dep_ in {"aux", "auxpass"})
    negated = any(c.dep_ == "neg" for c in tok.children)
    feats = [
        "bias_", f"lemma={lemma}", f"lower={tok.lower_}", f"tag={tok.tag_}", f"dep={tok.dep_}",
        f"kind={kind}", f"src={src_desc}", f"lemma|kind={lemma}|{kind}", f"lemma|src={lemma}|{src_desc}",
        f"lemma|dep={lemma}|{tok.dep_}", f"lemma|tag={lemma}|{tok.tag_}", f"inq={in_quote}",
        f"lemma|inq={lemma}|{in_quote}", f"src|inq={src_desc}|{in_quote}", f"clen={_bucket(content_len)}",
        f"lemma|clen={lemma}|{_bucket(content_len)}", f"nfrag={len(a.content_spans)}",
        f"headdep={tok.head.dep_}", f"headlemma={tok.head.lemma_.lower() if tok.head.i != tok.i else 'ROOT'}",
        f"lemma|headdep={lemma}|{tok.head.dep_}", f"neg={negated}", f"lemma|neg={lemma}|{negated}",
        f"aux={'+'.join(auxes) or '-'}", f"lemma|aux={lemma}|{'+'.join(auxes) or '-'}",
        f"c_that={ctext.lower().startswith('that ')}", f"c_quote={ctext[:1] in QUOTE_CHARS}",
        f"c_before={first[0] < cue_start}", f"lemma|c_before={lemma}|{first[0] < cue_start}",
        f"lemma|c_quote={lemma}|{ctext[:1] in QUOTE_CHARS}", f"ncue={len(a.cue)}",
        f"cuewords={_bucket(len(a.cue.split()))}", f"kind|inq={kind}|{in_quote}",
        f"via={a.via is not None}", f"srckind={a.source_kind}",
    ]
    if info.get("weak"):
        feats.append("weak")
    if info.get("inverted"):
        feats.append("inverted")
    if info.get("generic"):
        feats.append("generic")
    if info.get("stranded"):
        feats.append("stranded")
    if info.get("quoted"):
        feats.append("quoted")
    if src is not None and src.pos_ == "PRON":
        feats.append(f"lemma|srcpron|inq={lemma}|{src.lower_}|{in_quote}")
    if tok.i > 0:
        feats.append(f"prev={tok.doc[tok.i - 1].lower_}")
    if tok.i + 1 < len(tok.doc):
        feats.append(f"next={tok.doc[tok.i + 1].lower_}")
        feats.append(f"lemma|next={lemma}|{tok.doc[tok.i + 1].lower_}")
    first_tok = a.content_spans and ctx.doc.char_span(first[0], first[1], alignment_mode="expand")
    if first_tok:
        feats.append(f"cfirst={first_tok[0].lower_}")
        feats.append(f"cfirstpos={first_tok[0].pos_}")
    return feats


def _verb_attribution(ctx, article, verb) -> Attribution | None:
    """One attribution around a cue verb, or None. Details for the scorer go to ctx.info."""
    doc = ctx.doc
    text = ctx.text
    lemma = verb.lemma_
    cue_toks = _cue_tokens(verb)
    via = None
    info = ctx.info = _info("none")
    if lemma in RAISING_VERBS or (lemma == "expect" and any(c.dep_ == "nsubjpass" for c in verb.children)) or (
            # "The mayor is said to be furious": PolNeAR train marks "said to" 4 of 4 times
            lemma in {"say", "report"} and any(c.dep_ == "nsubjpass" for c in verb.children)
            and any(c.dep_ == "xcomp" for c in verb.children)):
        return _raising(ctx, article, verb, cue_toks)

    # "X was quoted as saying (by Y) that ..." : cue is the whole chain
    quoted = None
    passive_subj = None
    if lemma == "say" and verb.dep_ == "pcomp" and verb.head.lower_ == "as" and verb.head.head.lemma_ in {"quote", "cite"}:
        quoted = verb.head.head  # "was quoted (cited) by Le Monde as saying"
        cue_toks = sorted(set(_cue_tokens(quoted) + [verb.head, verb]), key=lambda t: t.i)
    if lemma == "quote" or (lemma == "cite" and _as_saying(verb)):
        return None  # handled through "as saying", or it only relays
    chain = _chain_head(verb)
    if chain is None and any(getattr(_chain_head(c), "i", -1) == verb.i
                             for c in verb.children if c.dep_ in {"xcomp", "advcl"}):
        return None  # "went on to say": the cue verb after "to" carries the chain
    if chain is not None:
        cue_toks = _cue_run(chain, verb)
    if _carrier_participle(verb) is not None:
        return None  # "released a statement saying ...": the participle carries the cue
    light = _carrier_verb(verb)
    if light is not None:
        # "X released a statement Monday saying ...": the cue runs from the verb that
        # issued the statement to the participle, the issuer speaks
        cue_toks = _cue_run(light, verb)

    # --- source
    reported = None  # the clause the cue verb hangs on, when the parse hung its speaker there too
    src = _subject(quoted if quoted is not None else verb)
    if light is not None:
        src = _subject(light) or _inherited_subject(light)
    passive_participle = quoted is None and (
        (verb.tag_ == "VBN" and verb.dep_ in {"acl", "amod", "advcl"}
         # "... though Ryan has said ...": a finite perfect, not a participle
         and not any(c.dep_ in {"nsubj", "nsubjpass"} or (c.dep_ == "aux" and c.lemma_ == "have")
                     for c in verb.children))
        # "The soldiers, believed to be ...," parsed as a finite verb
        or (verb.lower_ in {"believed", "thought", "said", "reported", "expected", "known", "considered",
                            "rumored", "rumoured", "alleged", "understood", "feared"}
            and 0 < verb.i < len(doc) - 1 and doc[verb.i - 1].text == "," and doc[verb.i + 1].lower_ == "to"))
    if passive_participle:
        # "the soldiers, believed to be ...": nobody is named as believing it
        src = _agent(verb)
    if src is not None and src.dep_ == "nsubjpass" and quoted is None:
        # passive cue: "it was reported", "was told by X"
        agent = _agent(verb)
        if agent is not None:
            passive_subj = src
            src = agent
        elif src.lower_ == "it":
            src = None
        elif lemma == "ask":
            src = None  # "Smith was asked whether ...": the asker is not named
        else:
            # "X is said to ...", "X was told": the subject is not the speaker
            return None
    if src is None and quoted is None:
        agent = _agent(verb)
        if agent is not None:
            src = agent
    # inverted: "..., reported news portal Militarnyi" / "..., claims South Korea"
    inverted = False
    if lemma in INVERTIBLE and quoted is None and (src is None or src.i > verb.i) and verb.i > 0 and \
            verb.tag_ in {"VBD", "VBZ", "VBP"} and verb.dep_ not in {"advcl", "xcomp", "relcl", "acl"} and (
            doc[verb.i - 1].text in {",", "”", '"', "’"} or doc[verb.i - 1].dep_ in {"aux", "advmod"}):
        for c in verb.rights:
            if c.dep_ in {"nsubj", "npadvmod", "dobj", "attr", "appos", "nsubjpass"} and (
                    c.pos_ in {"PROPN", "NOUN", "PRON"}) and c.i <= verb.i + 6:
                src = c
                inverted = True
                break
    inverted_span = None
    if src is None and quoted is None and lemma in INVERTIBLE and verb.i > 0 and verb.i + 1 < len(doc) and \
            doc[verb.i - 1].text in {",", "”", '"', "’", "''"} and doc[verb.i + 1].pos_ in {"PROPN", "DET", "NOUN", "ADJ"} \
            and verb.dep_ in {"ROOT", "parataxis", "ccomp"} and _inherited_subject(verb) is None:
        # '"...," said David Brock, a Clinton confidant ...' parsed badly: the rest of the sentence
        end = verb.i + 1
        sent_end = verb.sent.end
        while end < sent_end and doc[end].text not in {";", "”", '"', "“", "''"} and not doc[end].is_space:
            if doc[end].text in {",", "—", "--"} and end + 1 < sent_end and (
                    doc[end + 1].pos_ in {"VERB", "ADP", "SCONJ", "CCONJ", "AUX"} or doc[end + 1].text in {'"', "“"}):
                break
            end += 1
        first, last = doc[verb.i + 1], doc[end - 1]
        inverted_span = _trim(text, first.idx, last.idx + len(last.text))
        heads = [t for t in doc[verb.i + 1:end] if t.head.i < verb.i + 1 or t.head.i >= end or t.head.i == t.i]
        src = heads[0] if heads else first
        if src.pos_ not in {"PROPN", "NOUN"}:
            src = next((t for t in doc[verb.i + 1:end] if t.pos_ in {"PROPN", "NOUN"}), src)
        inverted = True
    modified = None
    if src is None and quoted is None and verb.dep_ == "acl" and verb.tag_ == "VBG" \
            and verb.head.pos_ in {"NOUN", "PROPN", "PRON"} and verb.head.i < verb.i:
        noun = verb.head
        if noun.lemma_.lower() in CARRIER_NOUNS or noun.lemma_.lower() in STATEMENT_NOUNS \
                or noun.lower_ in STATEMENT_NOUNS:
            # "issued a statement apologizing ...": whoever issued it speaks
            if noun.dep_ == "dobj":
                src = _subject(noun.head) or _inherited_subject(noun.head)
        else:
            # "a group backing Rubio", "ads extolling his record": the noun speaks
            src = modified = noun
    if src is None and quoted is None and not passive_participle:
        hung = _speaker_hung_on_the_content(verb)
        if hung is not None and verb.dep_ == "advcl":
            reported = verb.head  # the speaker was hung on the clause the cue verb reports
        src = _reporter_of_coordination(verb) or hung or _inherited_subject(verb)
    if src is None and quoted is not None:
        prev = [e for e in ctx.person_ents if e.end <= quoted.i and e.sent == quoted.sent]
        if prev:
            src = prev[-1].root
    # --- content
    content: list[Offsets] = []
    summed = None  # the clause a content noun sums up ("..., a claim Hydrovolt denied")
    comp = _complement(verb) or reported
    stranded = False
    if comp is None and not inverted and lemma in CUE_LEMMAS:
        comp = _stranded_that_clause(verb)
        stranded = comp is not None
        if comp is not None and comp.head.dep_ == "dobj" and comp.head.head.i == verb.i \
                and comp.head.lemma_ not in STATEMENT_NOUNS and comp.head.lower_ not in STATEMENT_NOUNS \
                and lemma not in ADDRESSEE_VERBS:
            # "disputes the idea that ...", "found evidence that ...": the noun the clause
            # explains is what is disputed (PolNeAR train: the whole phrase 32 times,
            # the clause alone 9, mostly after verbs whose object is the hearer)
            comp = comp.head
    info.update(src=src, inverted=inverted, quoted=quoted is not None, stranded=stranded)
    info["kind"] = ("ccomp" if stranded else comp.dep_) if comp is not None else ("inverted" if inverted else "other")
    prep_cue = None
    generic = lemma not in CUE_OR_OBJECT_LEMMAS
    if generic:
        info["generic"] = True
        if any(c.lower_ in REPORT_ADVERBS for c in verb.children):
            return None  # "The company has reportedly ignored warnings": the adverb is the cue
    if comp is None and not inverted and (lemma in OBJECT_CUES or generic or any(
            (lemma, c.lower_) in PREP_CUES for c in verb.rights if c.dep_ == "prep")) \
            and _region_at(ctx.quotes, verb.idx) is None:
        prep_cue, obj_toks = _object_content(verb, src if modified is None else None)
        if obj_toks:
            sp = _tok_span(obj_toks)
            rel = _relative_object(verb)
            # "Rubio, who he dubbed 'the little senator'": the pronoun is the one dubbed
            content = _adjust_content(ctx, ([_tok_span([rel])] if rel is not None else []) + [sp]) if sp else []
            info["kind"] = "object"
            if prep_cue is not None:
                cue_toks = sorted(set(cue_toks + [prep_cue]), key=lambda t: t.i)
    if content:
        pass
    elif comp is not None and (src is None or comp.i != src.i):
        excl = set()
        if src is not None:
            excl.update(t.i for t in src.subtree if modified is None or t.i < verb.i)
        if comp is reported:
            excl.update(t.i for t in verb.subtree)
        content = _content_from_clause(ctx, comp, excl, cue=verb)
        obj = _object_of_infinitive(verb, comp) if comp.dep_ == "xcomp" else None
        if obj is not None and content and content[-1][0] == comp.left_edge.idx and (
                src is None or obj.i not in excl):
            # "urged Congress to act", "called on voters to stay home": the one urged
            # is part of what is urged
            content = content[:-1] + [(obj.left_edge.idx, content[-1][1])]
    elif inverted or (verb.dep_ in {"conj", "parataxis"} and verb.i > verb.head.i and src is not None and src.i > verb.i) \
            or _reports_the_clause_it_joins(verb, src):
        head = verb.head
        excl = set(t.i for t in verb.subtree)
        clause = [t for t in head.subtree if t.i not in excl]
        if head.dep_ in {"ccomp", "conj"} or verb.dep_ == "ROOT":
            clause = [t for t in verb.sent if t.i < verb.i and t.i not in excl]
        sp = _tok_span([t for t in clause if t.i < verb.i])
        if sp:
            content = _adjust_content(ctx, [sp])
    if not content and src is not None and verb.dep_ == "advcl" and lemma in SPEECH_VERBS \
            and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children):
        # "As The Post reported, X did Y" / "X did Y, as the Times reported on Tuesday"
        content = _as_clause_content(ctx, verb)
        if content:
            info["kind"] = "as"
    if verb.dep_ == "parataxis" and not content and src is not None:
        # '"...," he said, "...".' parsed with said as parataxis of the quote
        head = verb.head
        excl = set(t.i for t in verb.subtree)
        sp = _tok_span([t for t in head.subtree if t.i not in excl])
        if sp:
            content = _adjust_content(ctx, [sp])
    if content and info["kind"] in {"ccomp", "object", "xcomp"} and content[-1][0] > verb.idx:
        content = _extend_to_sentence_end(ctx, verb, content)
    if content and comp is not None and content[-1][0] > verb.idx:
        content = content[:-1] + [_cut_cue_coordination(ctx, verb, comp, content[-1])]
    # quotes next to the cue: 'X said: "..."' or '"...", X said' or a split quote
    if _region_at(ctx.quotes, verb.idx) is None:
        content = _add_adjacent_quotes(ctx, verb, src if modified is None else None, cue_toks, content)
    if not content and src is not None and lemma in SPEECH_VERBS:
        content = _colon_paragraph(ctx, verb)
        if content:
            info["kind"] = "colon_para"
    if not content and lemma in CUE_OR_OBJECT_LEMMAS and _region_at(ctx.quotes, verb.idx) is None:
        pieces, stranded = _relative_object_content(verb, src)
        spans = [sp for sp in (_tok_span(p) for p in pieces) if sp]
        if spans:
            content = _adjust_content(ctx, spans)
            cue_toks = sorted(set(cue_toks + stranded), key=lambda t: t.i)
            info["kind"] = "relcl_object"
            summed = _clause_summed_up(verb.head)
    if not content and passive_subj is not None and src is not None and passive_subj.lower_ not in {
            "it", "there", "who", "which", "that"}:
        # "The proposal was rejected by 64 percent of voters": the agent judges the subject
        by = next((c for c in verb.children if c.dep_ == "agent"), None)
        content = [_trim(text, *_subtree_span(passive_subj))]
        info["kind"] = "passive"
        if by is not None and by.i == max(t.i for t in cue_toks) + 1:
            cue_toks = sorted(cue_toks + [by], key=lambda t: t.i)
    if not content:
        return None
    if info["kind"] == "object":
        info["weak"] = True
    elif lemma in WEAK_WITHOUT_CLAUSE and comp is None and not inverted and not _touches_quote(ctx, content):
        info["weak"] = True
    if lemma not in CUE_LEMMAS:
        info["weak"] = True
    # no content overlapping the cue or source
    src_spans = [inverted_span] if inverted_span else (
        [_source_span(src, {t.i for t in verb.subtree} if modified is not None else None)] if src is not None else [])
    if src_spans and src is not None and not inverted and src.i < verb.i and lemma != "say":
        src_spans = [_drop_known_relcl(ctx, src, src_spans[0])]
    if src_spans and content and not inverted:
        content, src_spans = _quote_then_source(ctx, content, src_spans)
    blocked = _token_ids(doc, content + src_spans)
    cue_toks = _extend_cue(verb, cue_toks, blocked,
                           content_after=any(cs > verb.idx for cs, _ in content))
    cue_spans = _cue_spans(doc, cue_toks)
    content = _subtract(content, cue_spans + src_spans)
    if content and _region_at(ctx.quotes, verb.idx) is None and any(
            _region_at(ctx.quotes, cs) == (cs, ce) or (_region_at(ctx.quotes, ce - 1) or (0, -1))[1] == ce
            for cs, ce in content):
        content = _following_quotes(ctx, verb.sent.end_char, content)
    if not content:
        return None
    if src is not None:
        via = _find_via(ctx, verb if quoted is None else quoted, src)
    a = _make(ctx, article, src, src_spans, cue_toks, cue_spans, content, via=via)
    if a is not None and summed is not None:
        a = replace(a, stands_for=text[summed[0]:summed[1]])
    return a


def _drop_known_relcl(ctx, src, span: Offsets) -> Offsets:
    """'Trump, who also campaigned there, tweeted ...': a name the article has used
    before needs no identifying clause, and PolNeAR mostly leaves the clause out of
    the source (for cues other than "said", where it keeps it as often as not)."""
    if src.pos_ != "PROPN" or any(c.dep_ == "appos" for c in src.rights):
        return span
    rel = next((c for c in src.rights if c.dep_ == "relcl"), None)
    if rel is None:
        return span
    comma = rel.left_edge.i - 1
    if comma <= src.i or ctx.doc[comma].text != ",":
        return span
    if re.search(r"\b" + re.escape(src.text) + r"\b", ctx.text[:span[0]]) is None:
        return span
    s, e = _trim(ctx.text, span[0], ctx.doc[comma].idx)
    return (s, e) if e > s else span


def _raising(ctx, article, verb, cue_toks) -> Attribution | None:
    """'Sanders appears to win', 'She is expected to run': no source; the content is
    the subject and the infinitive, two fragments."""
    subj = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    xcomp = next((c for c in verb.children if c.dep_ in {"xcomp", "acomp", "attr", "ccomp"}), None)
    if xcomp is None:
        return None
    agent = _agent(verb)  # "The bridge was said by engineers to be unsafe"
    ctx.info.update(kind="raising", src=agent)
    content = []
    if subj is not None and subj.lower_ not in {"it", "there"}:
        content.append(_subtree_span(subj))
    content.append(_subtree_span(xcomp))
    content = [_trim(ctx.text, s, e) for s, e in content]
    cue_spans = _cue_spans(ctx.doc, cue_toks)
    source_spans = [_source_span(agent)] if agent is not None else []
    return _make(ctx, article, agent, source_spans, cue_toks, cue_spans, content)


def _noun_attribution(ctx, article, noun) -> Attribution | None:
    """"Trump's attacks on Curiel", "his warning that ...": a reporting noun,
    its possessor as source and its complement as content."""
    doc = ctx.doc
    if noun.dep_ == "pobj" and noun.head.head.lemma_ in SPEECH_VERBS:
        return None  # "said in a statement": part of the verb's cue
    src = next((c for c in noun.lefts if c.dep_ == "poss"), None)
    if src is None and noun.dep_ == "ROOT":
        # "Trump claims that ...", "The campaign plans to ...": a verb the tagger took
        # for a noun still has its subject
        src = next((c for c in noun.lefts if c.dep_ == "nsubj"), None)
    cue_toks = [noun]
    content_toks: list = []
    for c in noun.rights:
        if c.dep_ in {"acl", "ccomp"} and any(m.dep_ == "mark" for m in c.children):
            content_toks = list(c.subtree)
            break
        if c.dep_ == "acl" and c.tag_ == "VB" or (c.dep_ == "xcomp"):
            content_toks = list(c.subtree)
            break
        if c.dep_ == "prep" and c.lower_ in {"of", "on", "to", "against", "for", "about", "over", "with"}:
            pobj = [t for t in c.subtree if t.i != c.i]
            if pobj:
                cue_toks.append(c)
                content_toks = pobj
            break
        if c.dep_ == "prep" and c.lower_ in {"by", "from"} and src is None:
            pobj = _pobj(c)
            if pobj is not None:
                src = pobj
    if not content_toks:
        return None
    # adjectives right before the noun belong to the cue ("harsh attacks on")
    for c in noun.lefts:
        if c.dep_ == "amod" and c.i == noun.i - 1:
            cue_toks.append(c)
    det = next((c for c in noun.lefts if c.dep_ == "det" and c.lower_ in {"a", "an", "the"}), None)
    light = noun.head if noun.dep_ == "dobj" and noun.head.pos_ in {"VERB", "AUX"} else None
    if det is not None and src is None and light is not None and light.i < noun.i \
            and all(doc[k].dep_ in {"det", "amod", "compound", "advmod"} for k in range(det.i + 1, noun.i)):
        # a light verb with the noun: "made a case for", "has taken a firm stance against";
        # the cue runs from the verb (with its auxiliaries) to the noun, the verb's subject speaks
        cue_toks.extend(_cue_tokens(light))
        cue_toks.extend(doc[k] for k in range(light.i + 1, noun.i) if doc[k].i not in {t.i for t in cue_toks})
        src = _subject(light) or _inherited_subject(light)
    elif det is not None and det.lower_ in {"a", "an"} and all(
            doc[k].dep_ in {"amod", "compound", "advmod"} for k in range(det.i + 1, noun.i)):
        cue_toks.extend(doc[k] for k in range(det.i, noun.i) if doc[k].i not in {t.i for t in cue_toks})
    cue_toks = list({t.i: t for t in cue_toks}.values())
    if src is not None and any(t.i == src.i for t in cue_toks):
        return None
    sp = _tok_span(content_toks)
    content = _adjust_content(ctx, [sp]) if sp else []
    ctx.info = _info("noun", weak=True, src=src)
    src_spans = [_source_span(src)] if src is not None else []
    cue_toks = sorted(cue_toks, key=lambda t: t.i)
    return _make(ctx, article, src, src_spans, cue_toks, _cue_spans(doc, cue_toks), content)


# a line that opens with a name and a colon; a transcript may open each turn with a quote mark
_COLON_LINE = re.compile(r"(?m)^[ \t]*(?:[\"“][ \t]*)?([A-Z][^:\n]{0,70}?)[ \t]*:[ \t]*(\S[^\n]*)$")
_NOT_SPEAKERS = {"transcript", "video", "update", "note", "editor", "photo", "watch", "read",
                 "related", "see", "source", "sources", "q", "a", "question", "answer", "by",
                 "posted", "updated", "correction", "clarification", "advertisement"}


# Reporting verbs that open a line ahead of their speaker and a colon: 'Said Ellis: "..."'.
LEADING_CUES = {"said", "says", "added", "adds", "asked", "asks", "wrote", "writes", "continued", "explained",
                "replied", "responded"}


def _colon_attributions(ctx, article) -> list:
    """'Trump: My plans are not set in stone.' and transcript turns 'JAKE TAPPER: ...':
    a name at the start of a line, a colon, then the words."""
    out = []
    doc, text = ctx.doc, ctx.text
    lines = list(_COLON_LINE.finditer(text))
    # a transcript gives turns to speakers in capitals ("WALLACE:", "PENCE:"); a
    # headline label ("UPDATE:", "EXCLUSIVE:") stands alone
    speakers = {m.group(1) for m in lines if m.group(1).isupper()}
    for m in lines:
        name_s, name_e = m.span(1)
        words = m.group(1).split()
        if not words or len(words) > 9 or words[0].lower().strip(".") in _NOT_SPEAKERS:
            continue
        if re.search(r"\d", m.group(1)) or sum(w[:1].isupper() for w in words) * 2 < len(words):
            continue
        name = doc.char_span(name_s, name_e, alignment_mode="expand")
        colon = doc.char_span(m.start(2) - 1, m.start(2), alignment_mode="expand")
        colon_tok = next((t for t in doc.char_span(name_e, m.start(2), alignment_mode="expand") or [] if t.text == ":"), None)
        if name is None or colon_tok is None or colon is None:
            continue
        if any(t.pos_ in {"VERB", "AUX"} and t.text.islower() for t in name):
            continue
        cs, ce = m.span(2)
        content = _adjust_content(ctx, [(cs, ce)])
        cue_tok, source = colon_tok, name
        if len(name) > 1 and name[0].lower_ in LEADING_CUES:
            cue_tok, source = name[0], name[1:]  # 'Said Ellis: "..."': the verb is the cue
        root = source.root
        ctx.info = _info("colon", src=root, transcript=m.group(1).isupper() and len(speakers) >= 2)
        a = _make(ctx, article, root, [(source.start_char, name_e)], [cue_tok],
                  [(cue_tok.idx, cue_tok.idx + len(cue_tok.text))], content)
        if a is not None and cue_tok is not colon_tok and a.source:
            a = replace(a, source=text[source.start_char:name_e])  # the parser made "Said" part of the name
        if a is not None:
            out.append((a, dict(ctx.info), colon_tok))
    return out


_DASH_SIGNATURE = re.compile(
    r"(?m)^[ \t\xa0]*([\"“”'‘][^\n]*?[\"“”'’.!?…][\"“”'’]?)[ \t\xa0]*(―|—|–|--)[ \t\xa0]*"
    r"([A-Z][\w.’'\-]*(?:[ \t\xa0]+[A-Z][\w.’'\-]*){0,4})[ \t\xa0.,]*$")


def _dash_attributions(ctx, article) -> list:
    """A quoted paragraph signed with a dash: '“We will vote.” ― Maria Lopez'."""
    out = []
    doc, text = ctx.doc, ctx.text
    for m in _DASH_SIGNATURE.finditer(text):
        (cs, ce), (ds, de), (ns, ne) = m.span(1), m.span(2), m.span(3)
        ns, ne = _trim(text, ns, ne)
        name = doc.char_span(ns, ne, alignment_mode="expand")
        dash = doc.char_span(ds, de, alignment_mode="expand")
        if name is None or dash is None or not len(name) or len(dash) != 1:
            continue
        root = name.root
        ctx.info = _info("dash", src=root, inverted=True)
        a = _make(ctx, article, root, [(ns, ne)], list(dash), [(ds, de)], [(cs, ce)])
        if a is not None:
            # the signed paragraph is the content as it stands: none of _make's trimming
            content = _strip_spaces(text, [(cs, ce)])[:1]
            a = replace(a, content_spans=content, **_span_fields(text, a.cue_spans, content, a.source_spans))
            out.append((a, dict(ctx.info), dash[0]))
    return out
