"""Who said what: attribution extraction over a parsed article.

``extract_attributions(doc, article)`` reads an existing spaCy Doc (parser +
NER; no second parse) and returns one :class:`~consilience.models.Attribution`
per reporting event: the source (who), the cue (the reporting words) and the
content (what is attributed), as character spans into ``doc.text``.

Shapes covered, all by rules over the dependency parse:

* direct and indirect speech: ``X said (that) ...``, ``"...," X said``,
  split quotes ``"A," he said, "B."``, quotes that run over several
  sentences or paragraphs;
* ``according to X``; inverted ``..., reported news portal Militarnyi``;
* passive and unnamed sources: ``it was reported that``, ``officials said``;
* beliefs and intentions: ``X believes ...``, ``X wants to ...``;
* chains: ``as quoted by Yonhap``, ``told the BBC``, ``was quoted as saying
  by The Guardian`` give ``via``;
* pronoun sources (``he said``) resolved to the most recent compatible named
  speaker.

* quotes signed with a dash: '“...” ― Maria Lopez';
* light verbs with a reporting noun: "made a case for", "issued a warning about";
* chains: "released a statement saying", "went on to say", "tried to explain";
* attitude adjectives: "is critical of", "were hopeful that";
* passives with an agent ("was rejected by most voters") and "was asked whether";
* polls as sources: "In a new CNN poll, Trump leads ..."; reporting adverbs with no
  source: "The company has reportedly ignored warnings";
* a quote the parser put in its own sentence: '"Why?" Smith said.'
* asides: "As The Post reported, ..."; a participle on its source: "a group backing Rubio";
  subjects carried through an adjective or noun ("was reluctant to endorse", "is keen on
  telling"); chains after verbs of trying or going on ("tried to walk back his comments").
* a "that" clause the parser hung on a noun after the cue ("says in a statement that ...");
  "calling for X to do Y"; "Asked if ..."; verbs with a bound preposition ("railed against",
  "responded to"); adjectives with a preposition outside the attitude list ("are tired of").

Span conventions follow PolNeAR: the source keeps its determiner, the content
keeps a leading "that" and its quote marks but not a sentence's closing period
(an abbreviation keeps its own: "Charlotte, N.C."); datelines ("WASHINGTON --")
belong to no span. The learned part (see ``consilience train attribution``)
keeps likely candidates, decides where a content after its cue ends and which
neighbouring words ("also", "Monday", "in a statement") join the cue.
"""

from __future__ import annotations

import json
import math
import os
import re
import threading
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from ..models import Attribution, Offsets
from .hedges import find_hedges
from .speakers import classify, normalise_speakers

# Verbs that report speech, writing, belief or intention (lemmas).
SPEECH_VERBS = {
    "say", "tell", "add", "write", "ask", "note", "report", "announce", "suggest", "claim",
    "confirm", "deny", "state", "explain", "argue", "insist", "warn", "accuse", "acknowledge",
    "admit", "declare", "tweet", "post", "reveal", "predict", "promise", "pledge", "vow",
    "urge", "recall", "conclude", "reply", "respond", "estimate", "allege", "assert",
    "contend", "maintain", "agree", "complain", "concede", "stress", "emphasize", "emphasise",
    "indicate", "testify", "assure", "observe", "mention", "comment", "disclose", "inform",
    "remark", "reiterate", "repeat", "boast", "joke", "quip", "recount", "speculate",
    "signal", "hint", "threaten", "caution", "counter", "charge", "retort", "exclaim",
    "shout", "scream", "whisper", "proclaim", "affirm", "answer", "demand", "propose",
    "forecast", "project", "advise", "brag", "lament", "muse", "continue",
    "clarify", "elaborate", "point", "describe", "show", "find", "quote",
    "cite", "highlight", "underline", "underscore", "mean", "imply", "guarantee",
    "establish", "demonstrate", "prove", "decry", "criticize", "criticise",
    "praise", "condemn", "dismiss", "reject", "question", "wonder", "doubt", "dispute",
}
BELIEF_VERBS = {
    "believe", "think", "want", "hope", "expect", "know", "fear", "feel", "worry", "plan",
    "intend", "wish", "suspect", "assume", "imagine", "realize", "realise", "understand",
    "decide", "learn", "hear", "doubt", "guess", "agree", "prefer", "need", "seek", "aim",
    "try", "refuse", "decline", "like", "love", "hate", "regret", "consider", "see",
    "recognize", "recognise", "acknowledge", "remember", "forget", "accept", "support",
    "oppose",
}
# Verbs whose infinitive complement (xcomp) is the content: "wants to leave".
XCOMP_VERBS = {
    "want", "hope", "expect", "plan", "intend", "wish", "promise", "pledge", "vow", "threaten",
    "refuse", "decline", "agree", "seek", "aim", "try", "need", "prefer", "like", "love",
    "hate", "urge", "ask", "tell", "demand", "propose", "decide", "claim", "appear", "seem",
    "continue", "offer", "call",
}
CUE_LEMMAS = SPEECH_VERBS | BELIEF_VERBS
# Cues that may come before their source: "..., said Smith", "..., reported Militarnyi".
INVERTIBLE = {"say", "report", "claim", "write", "add", "note", "tell", "announce", "confirm",
              "explain", "insist", "argue", "warn", "state", "ask", "reply", "continue",
              "conclude", "observe", "recall", "tweet", "allege", "declare", "respond",
              "suggest", "predict", "acknowledge", "admit"}
# Cue verbs that are too ambiguous without a clausal complement or a quote.
WEAK_WITHOUT_CLAUSE = {"show", "find", "mean", "see", "like", "love", "hate", "need", "try",
                       "continue", "point", "describe", "quote", "cite", "hear", "learn",
                       "understand", "consider", "accept", "support", "oppose", "remember",
                       "forget", "decide", "agree", "call", "answer", "post", "seek", "aim",
                       "prefer", "establish", "prove", "demonstrate", "question", "charge",
                       "counter", "project", "maintain", "reject", "dismiss", "praise",
                       "criticize", "criticise", "condemn", "decry", "highlight", "underline",
                       "underscore", "imply", "guarantee", "know", "feel", "ask",
                       "add", "repeat", "recall", "report", "write", "tell", "observe",
                       "note", "mention", "comment", "accuse", "warn"}
# Nouns that stand for what a source issued: "statements from Ukrainian officials".
STATEMENT_NOUNS = {"statement", "statements", "report", "reports", "release", "account",
                   "accounts", "data", "figures", "figure", "estimate", "estimates", "remarks",
                   "comments", "words", "testimony", "sources", "source", "analysis", "study",
                   "survey", "poll", "post", "tweet", "letter", "document", "documents",
                   "records", "briefing", "announcement", "interview", "video", "footage",
                   "reporting", "claims", "claim", "information", "assessment", "findings"}

OPEN_QUOTES = "“‘«"
QUOTE_CHARS = "\"“”'‘’«»"
CLOSE_QUOTES = "”’»"
PERSON_PRONOUNS = {"he", "she", "him", "her"}
SUBJ_DEPS = {"nsubj", "nsubjpass", "csubj"}
PUNCT_TRIM = " \t\r\n\xa0,.;:–—-"


_local = threading.local()


def _doc_text(doc) -> str:
    """doc.text joins every token on each call; cache it for the Doc being read."""
    cached = getattr(_local, "text", None)
    if cached is not None and cached[0] is doc:
        return cached[1]
    text = doc.text
    _local.text = (doc, text)
    return text


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


# --------------------------------------------------------------------------- quotes

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


# --------------------------------------------------------------------------- spans

def _trim(text: str, s: int, e: int, keep_quote: bool = True) -> Offsets:
    while s < e and text[s] in PUNCT_TRIM:
        s += 1
    while e > s and text[e - 1] in PUNCT_TRIM:
        e -= 1
    return (s, e)


def _tok_span(tokens: Iterable) -> Offsets | None:
    toks = list(tokens)
    if not toks:
        return None
    return (min(t.idx for t in toks), max(t.idx + len(t.text) for t in toks))


def _subtree_span(tok, exclude: set | None = None) -> Offsets:
    toks = [t for t in tok.subtree if not exclude or t.i not in exclude]
    # keep a contiguous run around tok
    idxs = sorted(t.i for t in toks)
    lo = hi = tok.i
    sset = set(idxs)
    while lo - 1 in sset:
        lo -= 1
    while hi + 1 in sset:
        hi += 1
    doc = tok.doc
    return (doc[lo].idx, doc[hi].idx + len(doc[hi].text))


def _is_media_tok(tok) -> bool:
    phrase = _name_span_text(tok)
    return classify(phrase) == "media"


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


def _speaker_token(tok):
    """For "statements from Ukrainian officials" return the officials token."""
    if tok.lower_ in STATEMENT_NOUNS or tok.lemma_ in STATEMENT_NOUNS:
        for c in tok.rights:
            if c.dep_ in {"prep", "agent"} and c.lower_ in {"from", "by", "of"}:
                for p in c.children:
                    if p.dep_ == "pobj":
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


# --------------------------------------------------------------------------- cues

IDIOM_OBJECTS = {
    "express": {"concern", "concerns", "confidence", "support", "hope", "doubt", "doubts",
                "frustration", "dismay", "regret", "interest", "skepticism", "optimism",
                "disappointment", "opposition", "outrage", "sympathy", "gratitude", "surprise"},
    "make": {"clear", "case"},
    "put": {"it"},
    "raise": {"concerns", "concern", "questions", "doubts"},
    "voice": {"concern", "concerns", "support", "opposition"},
    "plead": {"guilty"},
}
CUE_INCLUDED_AUX = {"aux", "auxpass", "neg", "prt"}


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


CUE_PREP_NOUNS = {
    "statement", "interview", "email", "e-mail", "release", "tweet", "post", "letter",
    "briefing", "conference", "rally", "speech", "appearance", "call", "event", "op-ed",
    "column", "video", "message", "twitter", "facebook", "broadcast", "debate", "hearing",
    "memo", "note", "remarks", "address", "op", "editorial", "blog", "radio", "television",
    "podcast", "instagram", "session", "meeting", "testimony", "report", "filing", "book",
    "essay", "article", "show", "program", "programme", "transcript", "telephone", "phone",
}
CUE_ADVERBS_EXCLUDED = {"so", "how", "why", "when", "where", "that", "then", "there", "here",
                        "just", "only", "not", "n't", "never", "thus", "therefore", "however"}


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
            pobj = next((p for p in c.children if p.dep_ == "pobj"), None)
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


def _subject(verb):
    for c in verb.children:
        if c.dep_ in {"nsubj", "nsubjpass"}:
            return c
    return None


def _inherited_subject(verb):
    """Subject of a coordinated or participial cue: "..., adding that" / "and said";
    through an adjective or a noun: "was reluctant to endorse", "is keen on telling",
    "has a long history of blaming"."""
    t = verb
    for _ in range(5):
        # "..., before insisting he had ...": pcomp -> prep -> the verb whose subject speaks
        if (t.dep_ in {"conj", "advcl", "xcomp", "pcomp"} or (t.dep_ == "prep" and t.i != verb.i)
                or (t.dep_ in {"acomp", "dobj"} and t.i != verb.i and t.pos_ in {"ADJ", "NOUN"})) and t.head.i != t.i:
            t = t.head
            subj = _subject(t)
            if subj is not None:
                return subj
        else:
            break
    return None


def _reporter_of_coordination(verb):
    """'Trump said he would order a review and warned against ...', 'Perdue said he
    did not believe it, arguing that ...': a second predicate in the form of a
    speech verb, without a subject, that the parse hung inside that verb's
    complement is the speaker's own; its subject is the speech verb's (PolNeAR
    marks "Trump", not "he"). None when the shape does not hold."""
    head = verb.head
    if any(c.dep_ in SUBJ_DEPS for c in verb.children) or head.i == verb.i or head.dep_ != "ccomp":
        return None
    speech = head.head
    if speech.lemma_ not in SPEECH_VERBS or speech.i > verb.i:
        return None
    if verb.dep_ == "conj":
        if verb.tag_ != speech.tag_ or verb.tag_ == head.tag_:
            return None
    elif not (verb.dep_ == "advcl" and verb.tag_ == "VBG" and verb.i > 0 and verb.doc[verb.i - 1].text == ","):
        return None
    return _subject(speech)


def _agent(verb):
    for c in verb.children:
        if c.dep_ == "agent":
            for p in c.children:
                if p.dep_ == "pobj":
                    return p
    return None


def _complement(verb):
    doc = verb.doc
    comps = [c for c in verb.children if c.dep_ in {"ccomp", "csubj"} and c.i != verb.i]
    right = [c for c in comps if c.i > verb.i and c.dep_ == "ccomp"]
    if comps and right and comps[0].i < verb.i and comps[0].dep_ == "ccomp" and not any(
            t.is_punct or t.is_space for t in doc[verb.i + 1:right[0].left_edge.i]) and not any(
            t.text[:1] in QUOTE_CHARS or t.tag_ in {"``", "''"} for t in doc[max(0, comps[0].left_edge.i - 1):verb.i]):
        # "In a statement after X quit, Cruz said he is ...": a clause the parse hung left of
        # the cue, with no quote, loses to the clause right after it (PolNeAR train: right 61, left 3)
        return right[0]
    if comps:
        return comps[0]
    if verb.lemma_ in XCOMP_VERBS:
        for c in verb.children:
            if c.dep_ == "xcomp":
                return c
    if verb.lemma_ in QUESTION_VERBS:
        # "Asked if he was ever bullied, ...": the question parsed as an adverbial clause
        for c in verb.rights:
            if c.dep_ == "advcl" and c.left_edge.lower_ in {"if", "whether"} and c.left_edge.dep_ == "mark":
                return c
    return None


# Verbs whose "if"/"whether" clause is what is asked or known.
QUESTION_VERBS = {"ask", "wonder", "question", "inquire", "know", "decide", "doubt", "check"}
# Right-hand dependents that may carry a stranded "that" clause: "said in a statement that ...".
_STRAND_DEPS = {"prep", "pobj", "dobj", "dative", "appos", "npadvmod"}


def _stranded_that_clause(verb):
    """'X says in a statement that ...', 'told customers at a diner that ...': the parser
    hangs the verb's "that" clause on a noun after it; that clause is the complement."""
    stack = [c for c in verb.rights if c.dep_ in _STRAND_DEPS]
    seen = 0
    while stack and seen < 12:
        t = stack.pop(0)
        seen += 1
        for c in t.rights:
            if c.dep_ in {"acl", "relcl", "ccomp"} and c.pos_ in {"VERB", "AUX"}:
                first = c.left_edge
                if first.lower_ == "that" and first.dep_ == "mark" and first.head.i == c.i:
                    return c
            if c.dep_ in _STRAND_DEPS:
                stack.append(c)
    return None


# --------------------------------------------------------------------------- main

class _Ctx:
    def __init__(self, doc):
        self.doc = doc
        self.text = _doc_text(doc)
        self.quotes = quote_regions(self.text)
        self.last_person: str | None = None
        self.last_person_pos = -1
        self.person_ents = [e for e in doc.ents if e.label_ == "PERSON"]


def _content_from_clause(ctx, clause_tok, exclude: set, cue=None) -> list[Offsets]:
    s, e = _subtree_span(clause_tok, exclude)
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


def _resolve_pronoun(ctx, tok) -> tuple[str | None, str]:
    low = tok.lower_
    if low in PERSON_PRONOUNS:
        if ctx.last_person:
            return ctx.last_person, "person"
        prev = [e for e in ctx.person_ents if e.end <= tok.i]
        if prev:
            return prev[-1].text, "person"
        return None, "person"
    if low in {"i", "we", "you"}:
        return None, "person"
    return None, "unnamed"


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
    return name, kind


def _find_via(ctx, cue, source_tok) -> str | None:
    """An outlet or person relaying the attribution."""
    sent = cue.sent
    skip = set(source_tok.subtree) if source_tok is not None else set()
    for t in sent:
        if t in skip:
            continue
        if t.lemma_ == "quote" or (t.lemma_ in {"cite", "carry", "publish", "air", "broadcast"}):
            # "as quoted by X", "quoted ... by X"
            for d in list(t.children) + ([c for c in t.head.children] if t.dep_ == "pcomp" else []):
                if d.dep_ in {"agent", "prep"} and d.lower_ == "by":
                    for p in d.children:
                        if p.dep_ == "pobj":
                            return _name_span_text(p)
            for d in t.subtree:
                if d.dep_ in {"agent", "prep"} and d.lower_ == "by":
                    for p in d.children:
                        if p.dep_ == "pobj":
                            return _name_span_text(p)
        if t.lower_ == "by" and t.head.lemma_ in {"say", "quote"} and t.head.sent == sent:
            for p in t.children:
                if p.dep_ == "pobj":
                    return _name_span_text(p)
    if cue.lemma_ == "tell":
        for c in cue.children:
            if c.dep_ in {"dobj", "dative", "iobj"} and _is_media_tok(c):
                return _name_span_text(c)
    # "said in an interview with X", "told X in an interview", "speaking to X"
    for t in sent:
        if t in skip:
            continue
        if t.lower_ in {"with", "to", "on"} and t.head.lemma_ in {"interview", "speak", "talk", "statement", "appearance", "say", "tell"}:
            for p in t.children:
                if p.dep_ == "pobj" and _is_media_tok(p):
                    return _name_span_text(p)
        if t.lower_ == "according" and source_tok is not None:
            for to in t.children:
                for p in to.children:
                    if p.dep_ == "pobj" and p.i != source_tok.i and _is_media_tok(p):
                        return _name_span_text(p)
    return None


def _make(ctx, article, source_tok, source_spans, cue_toks, cue_spans, content_spans,
          name=None, kind=None, via=None) -> Attribution | None:
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
    if source_tok is not None and name is None and kind is None:
        name, kind = _source_info(ctx, source_tok)
    if kind is None:
        kind = "unnamed"
    hedges = _hedges_in(text, cue_spans + content_spans)
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
        cue=" ".join(text[s:e] for s, e in cue_spans),
        content=" … ".join(text[s:e] for s, e in content_spans),
        source_spans=source_spans,
        cue_spans=cue_spans,
        content_spans=content_spans,
        via=via,
        source_kind=kind,
        hedges=[w for w, _ in hedges],
        hedge_spans=[sp for _, sp in hedges],
        start=start,
        end=end,
    )


def _hedges_in(text: str, spans: list[Offsets]) -> list[tuple[str, Offsets]]:
    """The hedge words inside the cue and content spans: (lower-cased word, span), in
    text order, each place once."""
    found: dict[Offsets, str] = {}
    for s, e in spans:
        for w, sp in find_hedges(text[s:e], s):
            found.setdefault(sp, w.lower())
    return [(found[sp], sp) for sp in sorted(found)]


# "However, ...", "In fact, ...": a sentence connective ties the content to the text
# before it and is the writer's word; PolNeAR leaves these out of the content (in
# train and dev: 40 left out, 3 kept)
_CONNECTIVE = re.compile(r"(?:However|In contrast|By contrast|Indeed|In fact|In addition|Additionally|Moreover|"
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


def _according_to(ctx, article, tok) -> Attribution | None:
    to = next((c for c in tok.children if c.lower_ == "to"), None)
    if to is None:
        if tok.i + 1 < len(ctx.doc) and ctx.doc[tok.i + 1].lower_ == "to":
            to = ctx.doc[tok.i + 1]
        else:
            return None
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    return _phrase_attribution(ctx, article, tok, to, pobj)


# What a survey found: "In a CNN/ORC poll released Monday, Trump led ...".
POLL_NOUNS = {"poll", "survey", "polling", "average", "study", "census", "tally", "projection",
              "ranking", "rankings", "sampling", "questionnaire"}


def _poll_attribution(ctx, article, prep) -> Attribution | None:
    """"In a new poll, X leads", "X trails in the latest survey": the preposition is
    the cue, the poll its source and the clause it modifies the content."""
    pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if pobj is None or pobj.lemma_.lower() not in POLL_NOUNS:
        return None
    head = prep.head
    if head.i == prep.i or head.lemma_ in SPEECH_VERBS or head.lemma_ in POLL_NOUNS:
        return None
    return _phrase_attribution(ctx, article, prep, prep, pobj)


# Adverbs that attribute to an unnamed source: "The firm has reportedly ignored warnings".
REPORT_ADVERBS = {"reportedly", "allegedly", "purportedly", "supposedly", "reputedly"}


def _strip_edges(toks: list) -> list:
    """Tokens of a clause without punctuation or spaces at either end, nor a leading "and"/"but"."""
    while toks and (toks[0].is_punct or toks[0].dep_ == "cc" or toks[0].is_space):
        toks = toks[1:]
    while toks and (toks[-1].is_punct or toks[-1].is_space):
        toks = toks[:-1]
    return toks


def _adverb_attribution(ctx, article, adv) -> Attribution | None:
    """"X has reportedly done Y": the adverb is the cue, nobody is named, and the
    clause around it (the adverb cut out) is the content."""
    head = adv.head
    ctx.info = {"kind": "adverb", "weak": False, "src": None, "comp": None, "inverted": False}
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
    return _make(ctx, article, None, [], [adv], [(adv.idx, adv.idx + len(adv.text))], content,
                 name=None, kind="unnamed")


# Adjectives of attitude after a copula: "is critical of", "were hopeful that", "is eager to".
ATTITUDE_ADJECTIVES = {
    "critical", "confident", "hopeful", "adamant", "willing", "eager", "sure", "certain", "convinced",
    "skeptical", "sceptical", "wary", "supportive", "opposed", "hostile", "concerned", "worried",
    "afraid", "optimistic", "pessimistic", "happy", "unhappy", "angry", "upset", "furious", "proud",
    "aware", "unaware", "open", "reluctant", "unwilling", "determined", "frustrated", "disappointed",
    "pleased", "satisfied", "dissatisfied", "enthusiastic", "excited", "nervous", "anxious", "fearful",
    "doubtful", "uncertain", "unsure", "comfortable", "uncomfortable", "distrustful", "suspicious",
    "tepid", "keen", "ready", "careful", "vocal", "outspoken", "insistent", "emphatic", "firm",
    "positive", "sympathetic", "favorable", "favourable", "partial", "loyal", "committed",
    "dismissive", "fond", "interested", "glad", "sorry", "grateful", "thankful", "angered",
    "outraged", "troubled", "alarmed", "disturbed", "shocked", "surprised", "cautious",
}
ADJ_PREPS = {"of", "about", "with", "in", "to", "over", "at", "on", "toward", "towards", "for", "by"}


def _adjective_attribution(ctx, article, adj) -> Attribution | None:
    """"Smith is critical of the plan", "voters were hopeful that ...": the copula with
    the adjective (and its preposition) is the cue, the subject the source."""
    doc = ctx.doc
    be = adj.head
    listed = adj.lemma_.lower() in ATTITUDE_ADJECTIVES
    ctx.info = {"kind": "adj", "weak": not listed, "src": None, "comp": None, "inverted": False,
                "generic": not listed}
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
    # phrase like "In Ohio," is)
    while side and (side[0].dep_ == "cc" or side[0].is_punct or (
            side[0].dep_ == "advmod" and any(t.text == "," for t in side[1:4])
            and side[0].head.i == head.i and len(list(side[0].subtree)) <= 3)):
        drop = {t.i for t in side[0].subtree} if side[0].dep_ == "advmod" else {side[0].i}
        side = [t for t in side if t.i not in drop]
        while side and side[0].is_punct:
            side = side[1:]
    span = _tok_span(side)
    if span is None:
        return None
    content = _adjust_content(ctx, [span])
    src_span = _source_span(pobj)
    cue_spans = [(tok.idx, to.idx + len(to.text))]
    spk = _speaker_token(pobj)
    name, kind = _source_info(ctx, pobj)
    via = None
    return _make(ctx, article, pobj, [src_span], [tok, to], cue_spans, content,
                 name=name, kind=kind, via=via) if spk is not None else None


def _is_cue_candidate(tok) -> bool:
    if tok.pos_ not in {"VERB", "AUX"} and tok.tag_ not in {"VBD", "VBZ", "VBP", "VBG", "VBN", "VB"}:
        return False
    if tok.pos_ != "VERB" and tok.lemma_ not in CUE_LEMMAS:
        return False
    if tok.dep_ in {"amod", "compound", "aux", "auxpass"}:
        return False
    return True


def candidates(doc, article: str = "") -> list[tuple[Attribution, list[str]]]:
    """Every attribution the rules propose, each with the features the cue model scores.

    Used by :func:`extract_attributions` and by ``consilience train attribution``.
    """
    ctx = _Ctx(doc)
    out: list[tuple[Attribution, list[str]]] = []
    for tok in doc:
        if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            ctx.info = {"kind": "according", "weak": False, "src": None, "comp": None, "inverted": False}
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
            ctx.info = {"kind": "poll", "weak": False, "src": None, "comp": None, "inverted": False}
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
        if a.source_kind == "person" and a.source and not ctx.info.get("weak"):
            ctx.last_person = a.source
    for a, info, colon in _colon_attributions(ctx, article):
        out.append((a, _features(ctx, colon, a, info)))
    signed = [(a, info, dash) for a, info, dash in _dash_attributions(ctx, article)]
    if signed:
        dashes = {tuple(a.cue_spans) for a, _, _ in signed}
        out = [x for x in out if tuple(x[0].cue_spans) not in dashes]
        for a, info, dash in signed:
            out.append((a, _features(ctx, dash, a, info) + ["signed"]))
    out.sort(key=lambda x: (x[0].cue_spans[0][0] if x[0].cue_spans else x[0].start))
    return out


def extract_attributions(doc, article: str = "") -> list[Attribution]:
    """All attributions in a parsed article, in text order. Pure: reads ``doc`` only.

    Rules propose candidates; a small learned cue model (when its data file is
    installed, see ``consilience train attribution``) keeps the likely ones.
    Without the model, the conservative rule set alone decides.
    """
    model = cue_model()
    scored: list[tuple[Attribution, float]] = []
    for a, feats in candidates(doc, article):
        p = 1.0
        if model is not None and "signed" not in feats:
            p = model.probability(feats)
            if p < model.threshold:
                continue
        elif "weak" in feats:
            continue
        scored.append((a, p))
    kept = _drop_overlapping_cues(scored)
    if model is not None and (model.cut is not None or model.run_on is not None):
        kept = [_fit_content_end(doc, a, model) for a in kept]
    if model is not None and model.ext is not None:
        kept = [_apply_ext(doc, a, model.ext) for a in kept]
    for step in CUE_EDGE_STEPS:
        kept = [step(doc, a) for a in kept]
    return normalise_speakers(_dedupe(kept))


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
    text = _doc_text(doc)
    if cue_spans is not None:
        a = replace(a, cue_spans=cue_spans, cue=" ".join(text[x:y] for x, y in cue_spans))
    if content_spans is not None:
        a = replace(a, content_spans=content_spans, content=" … ".join(text[x:y] for x, y in content_spans))
    hedges = _hedges_in(text, a.cue_spans + a.content_spans)
    return replace(a, hedges=[w for w, _ in hedges], hedge_spans=[sp for _, sp in hedges])


def _cue_from_governor(doc, a: Attribution) -> Attribution:
    """A cue opening on an infinitive ("to endorse") whose verb completes the word just
    before it: PolNeAR's cue starts at that word, with its auxiliaries ("is expected to
    endorse", "refused to call", "are quick to point out"; of 34 such kept proposals
    on held-out train with a gold cue, 31 gold cues start there or further left, 2 at "to")."""
    if not a.cue_spans:
        return a
    span = doc.char_span(a.cue_spans[0][0], a.cue_spans[0][1], alignment_mode="expand")
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
    if not a.cue_spans:
        return a
    span = doc.char_span(a.cue_spans[0][0], a.cue_spans[0][1], alignment_mode="expand")
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
    if not a.cue_spans:
        return a
    span = doc.char_span(a.cue_spans[0][0], a.cue_spans[0][1], alignment_mode="expand")
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


# --------------------------------------------------------------------------- content end

# Words that open a trailing segment PolNeAR often leaves out of a content:
# "..., while 22 percent said ...", "... -- even as ...", "... despite ...".
CUT_WORDS = {"while", "as", "because", "despite", "even", "although", "though", "before", "after",
             "when", "since", "but", "and", "until", "unless", "if", "whereas", "amid", "with",
             "which", "who", "where", "including", "in", "on", "at", "during", "for", "by", "from",
             "according", "saying", "adding", "calling", "noting", "citing", "or", "so", "then",
             "than", "rather", "without", "instead", "especially", "particularly", "not"}
CUT_DASHES = {"--", "—", "–", "―", "-"}


def _doc_quotes(doc) -> list[Offsets]:
    cached = getattr(_local, "quotes", None)
    if cached is not None and cached[0] is doc:
        return cached[1]
    quotes = quote_regions(_doc_text(doc))
    _local.quotes = (doc, quotes)
    return quotes


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
    cue_span = doc.char_span(a.cue_spans[0][0], a.cue_spans[0][1], alignment_mode="expand")
    cue = cue_span.root if cue_span is not None and len(cue_span) else None
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
    cue_span = doc.char_span(a.cue_spans[0][0], a.cue_spans[-1][1], alignment_mode="expand")
    cue = cue_span.root if cue_span is not None and len(cue_span) else None
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


# --------------------------------------------------------------------------- cue edges

def _cue_verb(doc, a: Attribution):
    if not a.cue_spans:
        return None
    span = doc.char_span(a.cue_spans[0][0], a.cue_spans[-1][1], alignment_mode="expand")
    if span is None or not len(span):
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
    taken: set[int] = set()
    for s, e in a.source_spans + a.content_spans:
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is not None:
            taken.update(t.i for t in span)
    lemma = verb.lemma_.lower()
    content_after = any(s > verb.idx for s, _ in a.content_spans)
    rel = "after" if content_after else "before"
    nxt_quote = False
    out = []
    for c in sorted(verb.lefts, key=lambda t: -t.i):
        if c.dep_ == "advmod" and c.pos_ == "ADV" and c.i >= verb.i - 3 and c.lower_ not in {"so", "how", "why", "when", "where", "that", "there", "here"} \
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
        elif c.dep_ == "advmod" and c.pos_ == "ADV" and c.lower_ not in {"so", "how", "why", "when", "where", "that", "there", "here"}:
            toks, typ = list(c.subtree), "radv"
        elif c.dep_ == "prep" and (lemma, c.lower_) in PREP_CUES and all(
                doc[k].dep_ in {"prt", "advmod", "neg"} for k in range(verb.i + 1, c.i)):
            continue  # "called on", "pointed to": the preposition is the cue's own
        elif c.dep_ == "prep" and c.lower_ in {"in", "at", "on", "during", "via", "through", "over", "to", "with", "after", "before"}:
            pobj = next((p for p in c.children if p.dep_ == "pobj"), None)
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
    cue_ids: set[int] = set()
    for s, e in a.cue_spans:
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is not None:
            cue_ids.update(t.i for t in span)
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


def _drop_overlapping_cues(scored: list[tuple[Attribution, float]]) -> list[Attribution]:
    """Two kept proposals whose cues share words ("issued" and "issued a warning
    about") are one reporting event: keep the likelier (the first on a tie)."""
    chars: list[set[int]] = [set().union(*(range(s, e) for s, e in a.cue_spans)) for a, _ in scored]
    drop: set[int] = set()
    for i in range(len(scored)):
        for j in range(i + 1, len(scored)):
            if scored[j][0].cue_spans[0][0] >= scored[i][0].cue_spans[-1][1]:
                break
            if i in drop or j in drop or chars[i].isdisjoint(chars[j]) or scored[i][0].cue_spans == scored[j][0].cue_spans:
                continue
            drop.add(j if scored[i][1] >= scored[j][1] else i)
    return [a for k, (a, _) in enumerate(scored) if k not in drop]


def _dedupe(attributions: list[Attribution]) -> list[Attribution]:
    """One attribution per cue span (the first proposal wins)."""
    seen: set = set()
    out = []
    for a in attributions:
        key = tuple(a.cue_spans)
        if key in seen:
            continue
        seen.add(key)
        out.append(a)
    return out


# --------------------------------------------------------------------------- cue model

MODEL_PATH = Path(__file__).resolve().parent.parent / "data" / "attribution_cue_model.json"


class CueModel:
    """Logistic regression over sparse binary features, stored as JSON weights."""

    def __init__(self, weights: dict[str, float], bias: float, threshold: float = 0.5,
                 cut: CueModel | None = None, ext: CueModel | None = None, run_on: CueModel | None = None):
        self.weights = weights
        self.bias = bias
        self.threshold = threshold
        self.cut = cut  # where a content ends early (see content_cuts)
        self.ext = ext  # which words next to a cue verb belong to the cue (see cue_pieces)
        self.run_on = run_on  # whether a content runs on to its sentence end (see content_run_on)

    def probability(self, feats: list[str]) -> float:
        z = self.bias + sum(self.weights.get(f, 0.0) for f in feats)
        if z < -30:
            return 0.0
        return 1.0 / (1.0 + math.exp(-z))

    @classmethod
    def load(cls, path: Path) -> CueModel:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
        cut = data.get("cut")
        cut_model = cls(cut["weights"], float(cut["bias"]), float(cut.get("threshold", 0.5))) if cut else None
        ext = data.get("ext")
        ext_model = cls(ext["weights"], float(ext["bias"]), float(ext.get("threshold", 0.5))) if ext else None
        run_on = data.get("run_on")
        run_on_model = cls(run_on["weights"], float(run_on["bias"]), float(run_on.get("threshold", 0.5))) \
            if run_on else None
        return cls(data["weights"], float(data["bias"]), float(data.get("threshold", 0.5)), cut_model, ext_model,
                   run_on_model)


_model_cache: dict[str, CueModel | None] = {}


def cue_model() -> CueModel | None:
    """The installed cue model, or None (then rules alone decide). Set
    CONSILIENCE_ATTRIBUTION_MODEL to another file, or to "none" to disable it."""
    path = os.environ.get("CONSILIENCE_ATTRIBUTION_MODEL") or str(MODEL_PATH)  # empty means the default
    if path not in _model_cache:
        model = None
        if path.lower() != "none" and os.path.exists(path):
            try:
                model = CueModel.load(Path(path))
            except (OSError, ValueError, KeyError):
                model = None
        _model_cache[path] = model
    return _model_cache[path]


def _bucket(n: int) -> str:
    for limit in (0, 1, 2, 3, 5, 8, 13, 21, 34):
        if n <= limit:
            return str(limit)
    return "many"


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
    info = ctx.info = {"kind": "none", "weak": False, "src": None, "comp": None, "inverted": False}
    if lemma in RAISING_VERBS or (lemma == "expect" and any(c.dep_ == "nsubjpass" for c in verb.children)):
        return _raising(ctx, article, verb, cue_toks)

    # "X was quoted as saying (by Y) that ..." : cue is the whole chain
    quoted = None
    passive_subj = None
    light = None
    if lemma == "say" and verb.dep_ == "pcomp" and verb.head.lower_ == "as" and verb.head.head.lemma_ == "quote":
        quoted = verb.head.head
        cue_toks = sorted(set(_cue_tokens(quoted) + [verb.head, verb]), key=lambda t: t.i)
    if lemma == "quote":
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
        src = _reporter_of_coordination(verb) or _inherited_subject(verb)
    if src is None and quoted is not None:
        prev = [e for e in ctx.person_ents if e.end <= quoted.i and e.sent == quoted.sent]
        if prev:
            src = prev[-1].root
    # --- content
    content: list[Offsets] = []
    comp = _complement(verb if quoted is None else verb)
    stranded = False
    if comp is None and not inverted and lemma in SPEECH_VERBS | BELIEF_VERBS:
        comp = _stranded_that_clause(verb)
        stranded = comp is not None
        if comp is not None and comp.head.dep_ == "dobj" and comp.head.head.i == verb.i \
                and comp.head.lemma_ not in STATEMENT_NOUNS and comp.head.lower_ not in STATEMENT_NOUNS \
                and lemma not in ADDRESSEE_VERBS:
            # "disputes the idea that ...", "found evidence that ...": the noun the clause
            # explains is what is disputed (PolNeAR train: the whole phrase 32 times,
            # the clause alone 9, mostly after verbs whose object is the hearer)
            comp = comp.head
    info.update(src=src, comp=comp, inverted=inverted, quoted=quoted is not None, stranded=stranded)
    info["kind"] = ("ccomp" if stranded else comp.dep_) if comp is not None else ("inverted" if inverted else "other")
    prep_cue = None
    generic = lemma not in CUE_LEMMAS and lemma not in OBJECT_CUES
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
            content = _adjust_content(ctx, [sp]) if sp else []
            info["kind"] = "object"
            if prep_cue is not None:
                cue_toks = sorted(set(cue_toks + [prep_cue]), key=lambda t: t.i)
    if content:
        pass
    elif comp is not None and (src is None or comp.i != src.i):
        excl = set()
        if src is not None:
            excl.update(t.i for t in src.subtree if modified is None or t.i < verb.i)
        content = _content_from_clause(ctx, comp, excl, cue=verb)
        obj = _object_of_infinitive(verb, comp) if comp.dep_ == "xcomp" else None
        if obj is not None and content and content[-1][0] == comp.left_edge.idx and (
                src is None or obj.i not in excl):
            # "urged Congress to act", "called on voters to stay home": the one urged
            # is part of what is urged
            content = content[:-1] + [(obj.left_edge.idx, content[-1][1])]
    elif inverted or (verb.dep_ in {"conj", "parataxis"} and verb.i > verb.head.i and src is not None and src.i > verb.i):
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
    blocked = {t.i for t in doc.char_span(*content[0], alignment_mode="expand") or []} if content else set()
    for cs, ce in content[1:] + src_spans:
        span = doc.char_span(cs, ce, alignment_mode="expand")
        if span is not None:
            blocked.update(t.i for t in span)
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
    name = kind = None
    if src is None:
        name, kind = None, "unnamed"
    return _make(ctx, article, src, src_spans, cue_toks, cue_spans, content, name=name, kind=kind, via=via)


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
            obj = next((p for p in c.children if p.dep_ == "pobj"), None)
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


# Verbs whose direct object is the hearer, not what is said: "told a meeting that ...".
ADDRESSEE_VERBS = {"tell", "inform", "remind", "assure", "warn", "urge", "convince", "persuade", "notify",
                   "ask", "advise", "caution", "reassure", "promise", "show", "teach", "brief"}
RAISING_VERBS = {"seem", "appear"}
ASPECT_VERBS = {"try", "continue", "attempt", "struggle"}
# "released a statement saying", "sent a letter urging": what a source issues, and how
CARRIER_NOUNS = {"statement", "letter", "ad", "advertisement", "video", "tweet", "release", "memo",
                 "email", "e-mail", "message", "note", "post", "report", "op-ed", "column", "spot"}
CARRIER_VERBS = {"release", "issue", "send", "post", "publish", "air", "run", "put", "write", "launch",
                 "unveil", "pen", "sign", "file", "tweet", "deliver", "give", "make", "share"}


def _prev_is_to(verb) -> bool:
    return verb.i > 0 and verb.doc[verb.i - 1].lower_ == "to"


def _cue_run(first, verb) -> list:
    """Cue tokens from ``first`` (the verb opening a chain or issuing a statement) through
    ``verb``, with each verb's own cue words."""
    run = _cue_tokens(first) + _cue_tokens(verb) + list(verb.doc[first.i:verb.i + 1])
    return sorted({t.i: t for t in run}.values(), key=lambda t: t.i)


def _chain_head(verb):
    """For "say" in "went on to say" or "tried to explain", the verb opening the chain."""
    if verb.dep_ not in {"xcomp", "advcl"}:
        return None
    head = verb.head
    # "tried to walk back his comments", "continued to portray her as ...": after a verb of
    # trying or going on, PolNeAR's cue runs to the second verb, whatever it is
    aspect = head.lemma_ in ASPECT_VERBS and verb.dep_ == "xcomp" and verb.pos_ == "VERB" and _prev_is_to(verb) \
        and any(c.dep_ in {"dobj", "ccomp", "prep", "dative", "oprd", "xcomp"} for c in verb.children)
    if verb.lemma_ not in CUE_LEMMAS | OBJECT_CUES and not aspect:
        return None
    if verb.dep_ == "advcl" and not (head.lemma_ == "go" and _prev_is_to(verb)):
        return None
    if not 0 < verb.i - head.i <= 4:
        return None
    if head.lemma_ == "try" or aspect or (head.lemma_ == "go" and any(c.lower_ == "on" and c.dep_ == "prt" for c in head.children)):
        return head
    return None


def _carrier_verb(verb):
    """For "saying" in "released a statement saying ...", the verb "released"."""
    if verb.tag_ not in {"VBG", "VBN"} or verb.lemma_ not in CUE_LEMMAS | OBJECT_CUES:
        return None
    if verb.dep_ == "acl":
        noun = verb.head
        if noun.lemma_.lower() not in CARRIER_NOUNS or noun.dep_ != "dobj":
            return None
        light = noun.head
    elif verb.dep_ in {"advcl", "xcomp"} and verb.head.i < verb.i:
        # "released a statement Monday saying" parsed with the participle on the verb
        light = verb.head
        if not any(c.dep_ == "dobj" and c.lemma_.lower() in CARRIER_NOUNS and c.i < verb.i for c in light.children):
            return None
    else:
        return None
    if light.lemma_.lower() not in CARRIER_VERBS or not 0 < verb.i - light.i <= 12:
        return None
    return light


def _carrier_participle(verb):
    """For "released" in "released a statement saying ...", the participle "saying"."""
    if verb.lemma_.lower() not in CARRIER_VERBS:
        return None
    for c in verb.rights:
        if c.dep_ == "dobj" and c.lemma_.lower() in CARRIER_NOUNS:
            for p in c.rights:
                if getattr(_carrier_verb(p), "i", -1) == verb.i:
                    return p
        if c.dep_ in {"advcl", "xcomp"} and getattr(_carrier_verb(c), "i", -1) == verb.i:
            return c
    return None
# Cues whose content is their object: "called him a liar", "endorsed Clinton".
OBJECT_CUES = {
    "call", "describe", "endorse", "accuse", "criticize", "criticise", "defend", "praise",
    "support", "oppose", "blame", "attack", "refer", "back", "slam", "blast", "reject",
    "dismiss", "welcome", "applaud", "condemn", "mock", "ridicule", "label", "dub", "brand",
    "characterize", "characterise", "credit", "thank", "highlight", "cite", "mention",
    "discuss", "question", "urge", "promise", "propose", "offer", "recommend", "push", "tout",
    "hail", "decry", "lament", "acknowledge", "deny", "admit", "announce", "predict",
    "estimate", "show", "find", "reveal", "suggest", "want", "fear", "favor", "favour",
    "prefer", "demand", "seek", "talk", "speak", "complain", "warn", "worry", "comment",
    "point", "argue", "insist", "stress", "emphasize", "emphasise", "note", "say", "ask",
    "vow", "pledge", "threaten", "join", "release", "issue", "publish", "tweet", "write",
    "sign", "veto", "approve", "embrace", "champion", "advocate", "float", "unveil", "outline",
    "detail", "explain", "express", "voice", "echo", "repeat", "reiterate", "recall",
    "remember", "hear", "learn", "see", "know", "believe", "accept", "consider", "expect",
    "hope", "like", "love", "hate", "need", "plan", "intend", "challenge", "dispute",
    "doubt", "confirm", "report", "state", "declare", "claim", "allege",
}
PREP_CUES = {
    ("call", "for"), ("call", "on"), ("refer", "to"), ("point", "to"), ("talk", "about"),
    ("push", "for"), ("argue", "for"), ("speak", "about"), ("complain", "about"),
    ("warn", "about"), ("warn", "of"), ("worry", "about"), ("ask", "about"), ("comment", "on"),
    ("speak", "of"), ("talk", "of"), ("vote", "for"), ("advocate", "for"),
    ("hope", "for"), ("wait", "for"), ("apologize", "for"), ("apologise", "for"),
    ("point", "out"), ("write", "about"), ("testify", "about"), ("think", "about"),
    ("know", "about"), ("care", "about"), ("agree", "with"), ("side", "with"),
    ("focus", "on"), ("respond", "to"), ("react", "to"), ("rail", "against"), ("vote", "against"),
    ("campaign", "for"), ("campaign", "against"), ("boast", "of"), ("boast", "about"),
    ("brag", "about"), ("vouch", "for"), ("agree", "on"), ("balk", "at"), ("hint", "at"),
    ("caution", "against"), ("warn", "against"), ("dwell", "on"), ("touch", "on"), ("seize", "on"),
    ("joke", "about"), ("press", "for"), ("disagree", "with"), ("center", "on"), ("lash", "at"),
    ("push", "against"), ("tell", "of"), ("open", "about"), ("weigh", "on"), ("aim", "at"),
}


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
    return prep_cue, toks


def _raising(ctx, article, verb, cue_toks) -> Attribution | None:
    """'Sanders appears to win', 'She is expected to run': no source; the content is
    the subject and the infinitive, two fragments."""
    subj = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    xcomp = next((c for c in verb.children if c.dep_ in {"xcomp", "acomp", "attr", "ccomp"}), None)
    if xcomp is None:
        return None
    ctx.info.update(kind="raising", src=None, comp=xcomp)
    content = []
    if subj is not None and subj.lower_ not in {"it", "there"}:
        content.append(_subtree_span(subj))
    content.append(_subtree_span(xcomp))
    content = [_trim(ctx.text, s, e) for s, e in content]
    cue_spans = _cue_spans(ctx.doc, cue_toks)
    return _make(ctx, article, None, [], cue_toks, cue_spans, content, name=None, kind="unnamed")


NOUN_CUES = {
    "support", "question", "criticism", "attack", "call", "claim", "view", "decision",
    "endorsement", "plan", "opposition", "concern", "promise", "proposal", "assertion",
    "argument", "request", "suggestion", "complaint", "comment", "allegation", "message",
    "pledge", "talk", "fear", "announcement", "remark", "warning", "attempt", "report",
    "position", "hope", "accusation", "advice", "disagreement", "statement", "praise",
    "embrace", "refusal", "demand", "insistence", "belief", "prediction", "estimate",
    "denial", "admission", "vow", "threat", "charge", "criticisms", "attacks", "appeal",
    "rhetoric", "stance", "defense", "defence", "condemnation", "rebuke", "backing",
    "push", "pitch", "case", "response", "reaction", "assessment", "conclusion", "finding",
    "acknowledgment", "acknowledgement", "confirmation", "declaration", "insinuation",
    "recommendation", "unease", "skepticism", "doubts", "doubt", "worry",
    "objection", "objections", "desire", "wish", "intention", "intent", "commitment",
}


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
            pobj = next((p for p in c.children if p.dep_ == "pobj"), None)
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
    ctx.info = {"kind": "noun", "weak": True, "src": src, "comp": None, "inverted": False}
    src_spans = [_source_span(src)] if src is not None else []
    cue_toks = sorted(cue_toks, key=lambda t: t.i)
    return _make(ctx, article, src, src_spans, cue_toks, _cue_spans(doc, cue_toks), content)


_COLON_LINE = re.compile(r"(?m)^[ \t]*([A-Z][^:\n]{0,70}?)[ \t]*:[ \t]*(\S[^\n]*)$")
_NOT_SPEAKERS = {"transcript", "video", "update", "note", "editor", "photo", "watch", "read",
                 "related", "see", "source", "sources", "q", "a", "question", "answer", "by",
                 "posted", "updated", "correction", "clarification", "advertisement"}


def _colon_attributions(ctx, article) -> list:
    """'Trump: My plans are not set in stone.' and transcript turns 'JAKE TAPPER: ...':
    a name at the start of a line, a colon, then the words."""
    out = []
    doc, text = ctx.doc, ctx.text
    for m in _COLON_LINE.finditer(text):
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
        root = name.root
        ctx.info = {"kind": "colon", "weak": False, "src": root, "comp": None, "inverted": False}
        a = _make(ctx, article, root, [(name_s, name_e)], [colon_tok],
                  [(colon_tok.idx, colon_tok.idx + 1)], content)
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
        ctx.info = {"kind": "dash", "weak": False, "src": root, "comp": None, "inverted": True}
        a = _make(ctx, article, root, [(ns, ne)], list(dash), [(ds, de)], [(cs, ce)])
        if a is not None:
            a.content_spans = [_strip_spaces(text, [(cs, ce)])[0]]
            a.content = text[a.content_spans[0][0]:a.content_spans[0][1]]
            out.append((a, dict(ctx.info), dash[0]))
    return out


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
    end = sent.end_char
    return content[:-1] + [(s, end)]


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
    # a split quote: '"A," X said, "b ..."' -- the quote after the cue opens right after
    # a comma and carries the content, so a quote just before that ends in a comma is
    # the first fragment
    split_after = any(qs >= hi and re.fullmatch(r"\s*,\s*", text[hi:qs]) and "\n" not in text[hi:qs]
                      and any(s < qe and qs < e for s, e in content)
                      for qs, qe in ctx.quotes if hi <= qs <= hi + 4)
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
