"""Sentence-level claims with hedges, quantities, places, dates and actors.

One parse per article feeds everything here; offsets point into the text as
stored, so every citation quotes its sentence exactly.
"""

from __future__ import annotations

from ..models import Attribution, Claim
from .attribution.lexicon import CLOSING_QUOTES, RELATIVE_TAGS
from .hedges import find_hedges
from .quantities import extract_quantities
from .speakers import PRONOUNS

CONTENT_POS = {"NOUN", "PROPN", "VERB", "ADJ", "NUM"}
PLACE_LABELS = {"GPE", "LOC", "FAC"}
ACTOR_LABELS = {"PERSON", "ORG", "NORP", "GPE"}
MIN_CLAIM_WORDS = 5

# A few event words that outlets swap freely; mapped to one key for alignment.
SYNONYMS = {
    "wound": "injur", "injur": "injur", "hurt": "injur",
    "kill": "death", "dead": "death", "die": "death", "death": "death",
    "troop": "soldi", "soldi": "soldi",
    "arres": "detai", "detai": "detai",
    "save": "rescu", "rescu": "rescu",
    "seize": "captu", "captu": "captu",
    "strik": "attac", "attac": "attac",
    "say": "say", "tell": "say",
    "missi": "miss",  # "were missing" parsed as an adjective or as the verb "miss"
}


def term_key(lemma: str) -> str:
    """Truncation stem (first 5 letters) with a small synonym table.

    Crude on purpose: "Korea"/"Korean", "Ukraine"/"Ukrainian" and
    "capture"/"captured" meet, which lemmas alone do not do.
    """
    key = lemma.lower()[:5]
    return SYNONYMS.get(key, key)


def content_terms(span) -> list[str]:
    terms = []
    for tok in span:
        if tok.pos_ in CONTENT_POS and not tok.is_stop and tok.is_alpha and len(tok) > 2:
            terms.append(term_key(tok.lemma_))
    return terms


REPORTING_VERBS = {"say", "tell", "add", "repor", "claim", "state", "accor", "quote", "confi", "annou",
                   "speak", "write", "note", "expla", "belie", "think", "seem", "appea", "try", "make",
                   "want", "plan", "go", "get", "take", "come", "give", "keep", "let", "remai"}


def event_terms(span) -> list[str]:
    """Term keys of the verbs that carry what happened, not who said it.

    Infinitives ("to capture") and modifiers ("growing ties") describe aims
    and qualities, not events, so they are left out.
    """
    out = []
    for tok in span:
        if tok.pos_ != "VERB" or not tok.is_alpha or tok.dep_ in {"amod", "compound"}:
            continue
        if tok.tag_ == "VB" and any(c.tag_ == "TO" for c in tok.children):
            continue
        key = term_key(tok.lemma_)
        if key not in REPORTING_VERBS and key not in out:
            out.append(key)
    return out


DENIAL_LEMMAS = {"deny", "reject", "refute", "dismiss", "dispute"}


def _answers_the_sentence(doc, att: Attribution) -> bool:
    """A denial in a relative clause ("engineers warned of cracks, a claim Hydrovolt
    denied"; "charges which the company rejects") answers what the sentence reports:
    it is another party's word on the claim, not the claim's own source."""
    if not att.cue_spans:
        return False
    s, e = att.cue_spans[0]
    span = doc.char_span(s, e, alignment_mode="expand")
    verb = span.root if span is not None and len(span) else None
    if verb is None or verb.lemma_.lower() not in DENIAL_LEMMAS or verb.dep_ not in {"relcl", "acl"}:
        return False
    # what is denied is the noun the clause hangs on, not an object of its own: "Hydrovolt,
    # which denied the report, said ..." is Hydrovolt's own statement
    return not any(c.dep_ in {"dobj", "ccomp", "xcomp"} or (c.dep_ in {"nsubj", "nsubjpass"} and c.tag_ in RELATIVE_TAGS)
                   for c in verb.children)


def _event_dates(ents, cue_tokens: set[int]) -> list[str]:
    """Dates in the sentence except when it was said: "injured 14 workers on Wednesday
    night, the fire chief said on Thursday" dates the fire to Wednesday only. Times are
    kept too ("Wednesday night"); the comparer reads only those that name a day."""
    out = set()
    for e in ents:
        if e.label_ not in {"DATE", "TIME"}:
            continue
        head = e.root.head
        if head.dep_ == "prep" and head.head.i != head.i:
            head = head.head  # "said on Thursday": date <- on <- said
        if head.i in cue_tokens:
            continue
        out.add(e.text)
    return sorted(out)


NEGATIVE_PRONOUNS = {"nothing", "nobody", "none", "noone"}
MAIN_CLAUSE_DEPS = {"ROOT", "ccomp", "conj"}
JOINED_CLAUSE_DEPS = {"conj", "advcl", "parataxis"}


def _negated_heads(span) -> list:
    """The main clauses said not to hold: "did not leak", and "no gas leaked", "nobody was
    hurt", "found nothing" (a negative subject or object)."""
    heads = []
    for t in span:
        if t.dep_ == "neg" and _main_clause(t.head):
            heads.append(t.head)
            continue
        negative = t.lower_ in NEGATIVE_PRONOUNS or any(c.dep_ == "det" and c.lower_ == "no" for c in t.children)
        # the parse may make the negative noun phrase the clause itself ("that no gas leaked")
        if negative and t.dep_ in {"nsubj", "nsubjpass", "dobj"} and _main_clause(t.head):
            heads.append(t.head)
        elif negative and _main_clause(t):
            heads.append(t)
    return heads


def _negated_events(span, negated_heads: list) -> list[str]:
    """The events a sentence says did not happen, and those it denies: a negated clause's
    own and those it governs ("did not confirm the leader was killed": kill), and what a
    denial verb governs ("denied any part of the video had been staged": stage)."""
    out: list[str] = []
    for head in negated_heads + [t for t in span if t.lemma_.lower() in DENIAL_LEMMAS]:
        # a clause joined to the negated one is not negated with it: "No casualties were
        # reported, but 80 families had to flee" denies no fleeing
        joined = {t.i for c in head.children if c.dep_ in JOINED_CLAUSE_DEPS for t in c.subtree}
        for key in event_terms([t for t in head.subtree if t.i not in joined]):
            if key not in out:
                out.append(key)
    return out


def _main_clause(tok) -> bool:
    """The sentence's own clause, a reported one, or a "that" clause of a statement noun."""
    return tok.dep_ in MAIN_CLAUSE_DEPS or (
        tok.dep_ == "acl" and any(c.dep_ == "mark" and c.lower_ == "that" for c in tok.children))


def extract_claims(doc, article: str, attributions: list[Attribution] | None = None) -> list[Claim]:
    """One claim per sentence that states something (has a verb, enough words)."""
    claims: list[Claim] = []
    attributions = attributions or []
    # per attribution, once: whether it answers its sentence, and its cue's tokens
    answers_of = [_answers_the_sentence(doc, att) for att in attributions]
    cue_tokens_of = [{t.i for s, e in att.cue_spans for t in (doc.char_span(s, e, alignment_mode="expand") or [])}
                     for att in attributions]
    for sent in doc.sents:
        text = sent.text.strip()
        if not text:
            continue
        words = [t for t in sent if not t.is_punct and not t.is_space]
        if len(words) < MIN_CLAIM_WORDS or not any(t.pos_ in {"VERB", "AUX"} for t in sent):
            continue
        start = sent.start_char + (len(sent.text) - len(sent.text.lstrip()))
        end = start + len(text)
        # '"We evacuated 300 homes overnight."': the parser may leave the closing quote mark
        # to a "sentence" of its own; it belongs to this one
        while end < len(doc.text) and doc.text[end] in CLOSING_QUOTES and text[-1:] in ".!?":
            end += 1
        text = doc.text[start:end]
        hedges = find_hedges(text, base=start)
        source, via, cites, source_phrase = None, None, None, None
        here = [k for k, att in enumerate(attributions)
                if any(s < end and start < e for s, e in att.content_spans) or (att.start <= start and end <= att.end)]
        denied_by = next((attributions[k].source or "an unnamed party" for k in here if answers_of[k]), None)
        own = next((attributions[k] for k in here if not answers_of[k]), None)  # the sentence's own source
        if own is not None:
            source, via, cites = own.source, own.via, own.cites
            if source is None and own.source_spans:
                phrase = " ".join(" ".join(doc.text[s:e].split()) for s, e in own.source_spans)
                # a pronoun left unresolved ("which", "it") is no source a reader can weigh
                source_phrase = None if phrase.lower() in PRONOUNS else phrase
            for word, span in zip(own.hedges, own.hedge_spans):
                if start <= span[0] < end and span not in [h for _, h in hedges]:
                    hedges.append((word, span))
        ents = list(sent.ents)
        negated_heads = _negated_heads(sent)
        cue_tokens = set().union(*(cue_tokens_of[k] for k in here))
        claims.append(
            Claim(
                article=article,
                start=start,
                end=end,
                text=text,
                hedges=[w.lower() for w, _ in hedges],
                hedge_spans=[s for _, s in hedges],
                source=source,
                via=via,
                cites=cites,
                quantities=extract_quantities(sent),
                places=sorted({e.text for e in ents if e.label_ in PLACE_LABELS}),
                dates=_event_dates(ents, cue_tokens),
                actors=sorted({e.text for e in ents if e.label_ in ACTOR_LABELS}),
                negated=bool(negated_heads),
                negated_events=_negated_events(sent, negated_heads),
                denied_by=denied_by,
                source_phrase=source_phrase,
                lemmas=content_terms(sent),
                events=event_terms(sent),
            )
        )
    return claims
