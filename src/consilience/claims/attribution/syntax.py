"""Parse relations around a cue verb that the rules read: its subject, agent and
complement, and the verb chains and statement carriers a cue runs through.
"""

from __future__ import annotations

from .lexicon import (
    ASPECT_VERBS,
    CARRIER_NOUNS,
    CARRIER_VERBS,
    CITING_WORDS,
    CUE_OR_OBJECT_LEMMAS,
    QUESTION_VERBS,
    QUOTE_CHARS,
    SPEECH_VERBS,
    SUBJ_DEPS,
    XCOMP_VERBS,
)
from .spans import _cue_tokens, _pobj, according_to_object, cited_object


def _subject(verb):
    """The verb's subject; of several (a parse error), the speaker's."""
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
    if len(subjects) < 2:
        return subjects[0] if subjects else None
    doc = verb.doc
    # '"... our reach,'' Mr. Obama added': a subject the parser found inside the quote
    # before the cue is part of what is quoted, not the speaker
    outside = [c for c in subjects if not any(
        t.text[:1] in QUOTE_CHARS or t.tag_ in {"``", "''"}
        for t in doc[min(c.i, verb.i) + 1:max(c.i, verb.i)])]
    if len(outside) == 1:
        return outside[0]
    # '"Safety," said Grimm' parsed with "Safety" as a second subject: the speaker is the
    # one right after the verb
    after = [c for c in subjects if c.i > verb.i and c.left_edge.i == verb.i + 1]
    before = doc[verb.i - 1].text if verb.i > 0 else ""
    if after and (before in {'"', "”", "''", "’"} or (before == "," and after[0].pos_ == "PROPN")):
        return after[0]
    return subjects[0]


SET_OFF = {",", "”", '"', "''", "’"}  # what ends the clause before a speaker's name


def _speaker_hung_on_the_content(verb):
    """'..., injuring 14 workers, the county fire chief, Aaron Pike, said on Thursday.' and
    '..., the town's mayor, Helen Okafor, said.': the parser hung the speaker on the
    reported clause (an appositive of "workers", an attribute of "was") and left the cue
    verb with no subject. The noun phrase set off by a comma (or a closing quote) that ends
    right before the verb, inside the clause it reports, is the speaker. None when the
    shape does not hold."""
    doc = verb.doc
    if verb.lemma_ not in SPEECH_VERBS or any(c.dep_ in SUBJ_DEPS for c in verb.children):
        return None
    if verb.dep_ in {"ROOT", "parataxis"}:
        comp = next((c for c in verb.lefts if c.dep_ in {"ccomp", "parataxis"}), None)
    elif verb.dep_ == "advcl" and verb.tag_ in {"VBD", "VBZ", "VBP"} and verb.head.i < verb.i:
        comp = verb.head  # "Forces struck the depot, a source told Reuters": the cue hangs on the report
    else:
        return None
    end = verb.i - 1
    if end > 0 and doc[end].text == ",":
        end -= 1
    if comp is None or not comp.left_edge.i < end < verb.i or comp.right_edge.i < end \
            or (comp.i == verb.head.i and not comp.i < end):
        return None
    speaker, t = None, doc[end]
    for _ in range(8):
        if t.i == comp.i or t.head.i == t.i:
            break
        first = t.left_edge.i
        if t.pos_ in {"NOUN", "PROPN"} and first > comp.left_edge.i and doc[first - 1].text in SET_OFF \
                and t.right_edge.i >= end and not any(x.pos_ in {"VERB", "AUX"} for x in doc[first:end + 1]):
            speaker = t
        t = t.head
    return speaker


def _reports_the_clause_it_joins(verb, src) -> bool:
    """'Three workers were injured ..., the regional governor, Oleg Petrenko, said in a
    post': the parser made the cue verb a conjunct of the clause it reports. Its speaker
    is set off by a comma, and no "and" or "but" joins the two."""
    doc = verb.doc
    if verb.dep_ != "conj" or verb.lemma_ not in SPEECH_VERBS or src is None or not verb.head.i < src.i < verb.i:
        return False
    first = src.left_edge.i
    if doc[first - 1].text != "," or any(c.dep_ in {"dobj", "ccomp", "xcomp"} for c in verb.children):
        return False
    return not any(c.dep_ in {"cc", "preconj"} and verb.head.i < c.i < verb.i
                   for c in (*verb.head.children, *verb.children))


def _inherited_subject(verb):
    """Subject of a coordinated or participial cue: "..., adding that" / "and said";
    through an adjective or a noun: "was reluctant to endorse", "is keen on telling",
    "has a long history of blaming"; after "according to X", X: "According to NRK, citing
    police sources, the suspect fled"."""
    if verb.dep_ == "advcl" and verb.tag_ == "VBG":
        clause = verb.head
        if verb.lower_ in CITING_WORDS and (clause.dep_ == "ccomp" or _that_clause_as_conj(clause)) and verb.i < clause.i \
                and clause.head.lemma_ in SPEECH_VERBS and (reporter := _subject(clause.head)) is not None:
            return reporter  # "The paper reported, citing officials, that ...": the paper cites
        according = next((c for c in clause.children if c.lower_ == "according" and c.i < verb.i), None)
        if according is not None and (found := according_to_object(according)) is not None:
            return found[1]
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
        if c.dep_ == "agent" and (p := _pobj(c)) is not None:
            return p
    return None


def _clause_lent_to_citing(citing):
    """'The ministry said, citing a report, that the ship had sunk': the parser may hang
    the reported clause on the citing aside; a clause after the aside's comma is what the
    verb of saying the aside hangs on reports. That clause, or None."""
    if citing.dep_ != "advcl" or citing.head.lemma_ not in SPEECH_VERBS or cited_object(citing) is None:
        return None
    doc = citing.doc
    return next((c for c in citing.rights if c.dep_ == "ccomp" and doc[c.left_edge.i - 1].text == ","), None)


def _complement(verb):
    doc = verb.doc
    lent = _clause_lent_to_citing(verb)
    comps = [c for c in verb.children if c.dep_ in {"ccomp", "csubj"} and c.i != verb.i and c != lent]
    if not comps:
        comps = [clause for c in verb.children if (clause := _clause_lent_to_citing(c)) is not None][:1]
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


# Right-hand dependents that may carry a stranded "that" clause: "said in a statement that ...".
_STRAND_DEPS = {"prep", "pobj", "dobj", "dative", "appos", "npadvmod"}


def _stranded_that_clause(verb):
    """'X says in a statement that ...', 'told customers at a diner that ...': the parser
    hangs the verb's "that" clause on a noun after it; that clause is the complement."""
    for c in verb.rights:
        # "tweeted in the early morning hours that Machado was ...": the clause parsed as
        # an adverbial clause of the cue itself, its "that" as an adverb
        if c.dep_ == "advcl" and c.pos_ in {"VERB", "AUX"} and _opens_with_that(c):
            return c
        if _that_clause_as_conj(c):
            return c
    stack = [c for c in verb.rights if c.dep_ in _STRAND_DEPS]
    seen = 0
    while stack and seen < 12:
        t = stack.pop(0)
        seen += 1
        for c in t.rights:
            if c.dep_ in {"acl", "relcl", "ccomp"} and c.pos_ in {"VERB", "AUX"} and _opens_with_that(c):
                return c
            if c.dep_ in _STRAND_DEPS:
                stack.append(c)
    return None


def _that_clause_as_conj(clause) -> bool:
    """'NRK reported, citing police, that two men were ...': the parser may take the
    reported clause for a second predicate of the cue. A conjunct with "that" as its
    complementizer and no "and" or "or" before it is the cue's complement."""
    if clause.dep_ != "conj" or clause.pos_ not in {"VERB", "AUX"} or clause.head.i >= clause.i:
        return False
    verb = clause.head
    if any(c.dep_ in {"cc", "preconj"} and verb.i < c.i < clause.i for c in verb.children):
        return False
    return any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children)


def _opens_with_that(clause) -> bool:
    """The clause opens with "that" as its complementizer: parsed as a marker, or as an
    adverb beside a subject of its own ("at the time that the editor conveyed ...": not a
    relative "that", which would be the subject)."""
    first = clause.left_edge
    if first.lower_ != "that":
        return False
    subject = first.head
    if first.dep_ == "det" and subject.i == first.i + 1 and subject.dep_ in {"nsubj", "nsubjpass"} \
            and subject.head.i == clause.i:
        # "told analysts on a call that insurance would cover the losses": "that" parsed as
        # the determiner of a bare subject; a relative "that" would leave the verb without
        # its object ("the losses that insurance would cover")
        return subject.dep_ == "nsubjpass" or any(c.dep_ in {"dobj", "attr", "acomp", "ccomp", "xcomp"}
                                                  for c in clause.children)
    if first.head.i != clause.i:
        return False
    return first.dep_ == "mark" or (first.dep_ == "advmod" and any(
        c.dep_ in {"nsubj", "nsubjpass"} for c in clause.children))


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
    if verb.lemma_ not in CUE_OR_OBJECT_LEMMAS and not aspect:
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
    if verb.tag_ not in {"VBG", "VBN"} or verb.lemma_ not in CUE_OR_OBJECT_LEMMAS:
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
