"""Who a kept attribution's source is: names and kinds the candidate rules leave open.

The rules name a source from its own noun phrase. After the cue model has kept an
attribution, the rest of the article can say more, so this step reads the whole
parse once and

* names a role by the person the article gave that title ("Ukraine's president",
  "the Ukrainian leader" -> Volodymyr Zelenskyy, introduced as "Ukrainian President
  Volodymyr Zelenskyy" or "Zelenskyy, Ukraine's president,");
* names a common noun by its appositive ("the newspaper Le Monde" -> Le Monde,
  "the minister, Mr. de Vries," -> Mr. de Vries);
* names a "they" or "it" by the body an earlier main clause had for subject ("The
  health ministry disputed that. It said ..." -> the ministry);
* names a lone surname by the full name it stands for ("Okafor" -> Maria Okafor),
  and gives a lone proper noun a kind (a person, or an organisation when NER says so);
* fills ``via`` for a source "speaking to" an outlet (a report nested in an outlet's
  report gets its ``via`` where nesting is judged, ``extract._drop_nested``).

It also records the title or role a story needs to name a role from another article
(``source_role``). It runs after the model so that the model's features (and so every
span) stay as trained; only ``source``, ``source_kind``, ``source_role`` and ``via``
change.
"""

from __future__ import annotations

from dataclasses import replace

from ...models import Attribution
from ..speakers import (
    ROLE_TITLES,
    classify,
    holds_role,
    is_full_name,
    join_names,
    looks_like_name,
    one_person,
    outlet_name,
    role_parts,
    same_person,
)
from .lexicon import COURTESY_TITLES, RELATIVE_TAGS, SPEECH_VERBS
from .sexes import is_title, sex_of_first_name, sex_of_name
from .spans import (
    ORGANISATION_ENTS,
    _appositive_name,
    _doc_quotes,
    _first_span_tokens,
    _name_span_text,
    _pobj,
    _speaker_token,
    _unnamed_but_capitalised,
    named_partners,
)
from .text import _region_at


def resolve_sources(doc, attributions: list[Attribution]) -> list[Attribution]:
    """The attributions with their sources named from the whole article."""
    if not attributions:
        return attributions
    titles = _titled_people(doc)
    people = [e for e in doc.ents if e.label_ == "PERSON"]
    given = _given_names_by_surname(doc)
    resolved = [_resolve_one(doc, a, titles, people, given) for a in attributions]
    return _rename_pronoun_sources(doc, attributions, resolved)


def _rename_pronoun_sources(doc, before: list[Attribution], after: list[Attribution]) -> list[Attribution]:
    """A pronoun source was resolved (in the rules) to the name an earlier attribution
    had then; when this step renamed that one ('"...," the transport minister, Clara
    Holt, said' -> Clara Holt), "she added" after it follows: the latest renaming of
    that name before the pronoun wins."""
    order = sorted(range(len(after)), key=lambda k: after[k].cue_spans[0][0] if after[k].cue_spans else 0)
    renamed: dict[str, str] = {}
    out = list(after)
    for k in order:
        old, new = before[k], after[k]
        span = _first_span_tokens(doc, new.source_spans)
        if span is not None and span.root.pos_ == "PRON":
            if new.source in renamed and new.source_kind == "person":
                out[k] = replace(new, source=renamed[new.source])
        elif old.source and new.source and old.source != new.source and new.source_kind == "person":
            renamed[old.source] = new.source
    return out


def _resolve_one(doc, a: Attribution, titles, people, given: dict[str, set[str]]) -> Attribution:
    span = _first_span_tokens(doc, a.source_spans)
    root = _speaker_token(span.root) if span is not None else None
    if root is not None and root.pos_ == "PRON":
        ante = _relative_antecedent(root, a) or _body_they_or_it(root)
        if ante is None:
            return a
        name = _name_span_text(ante)
        kind = classify(name, is_person=ante.ent_type_ == "PERSON")
        if kind == "person" and ante.ent_type_ in ORGANISATION_ENTS | {"GPE", "NORP", "LOC"}:
            kind = "official"
        if kind == "unnamed" or (kind == "person") != (root.lower_ in {"who", "whom"}):
            return a  # "who" stands for a person, "which", "they" and "it" for a body
        a, root, span = replace(a, source=name, source_kind=kind), ante, doc[ante.left_edge.i: ante.i + 1]
    if root is None:
        return a
    partners = named_partners(root)
    found = _joint_name(a, [root, *partners], people, given) if partners else (
        _appositive_name(root) or _role_holder(root, titles) or _surname_holder(root, a, people, given)
        or _common_noun_kind(span, a, root))
    if found is not None:
        a = replace(a, source=found[0], source_kind=found[1])
    if a.source_kind == "person" and a.source and not partners:
        a = replace(a, source_role=_story_role(root, a.source, titles))
    if a.via is None and (outlet := _speaking_to(root)) is not None:
        a = replace(a, via=outlet)
    return a


def _relative_antecedent(pron, a: Attribution):
    """What a relative pronoun source stands for: "the Chamber of Commerce, which said"
    -> the Chamber; "Ms. Reyes, who told reporters" -> Ms. Reyes. None for other pronouns,
    and unless the pronoun is the subject of the cue's own verb ("the system, which
    advocates say ..." has the advocates for its source)."""
    verb = pron.head
    if pron.tag_ not in RELATIVE_TAGS or verb.dep_ != "relcl" or verb.head.pos_ not in {"NOUN", "PROPN"} \
            or not any(s <= verb.idx < e for s, e in a.cue_spans) \
            or any(c.dep_ in {"nsubj", "nsubjpass"} and c.i != pron.i for c in verb.children):
        return None
    return _speaker_token(verb.head)


# verbs of saying whose subject is as often a video, a study or a figure as a speaker
WHAT_A_DOCUMENT_DOES = {"show", "find", "mean", "imply", "indicate", "demonstrate", "prove", "establish",
                        "suggest", "reveal", "highlight", "underline", "underscore", "describe", "quote",
                        "cite", "estimate", "predict", "forecast", "project", "conclude", "point"}


def _body_they_or_it(pron):
    """What a "they" or "it" source stands for: the subject of the nearest earlier main
    clause (in its sentence or the three before), when it is a noun of the pronoun's
    number ("The health ministry disputed that account. It said ..." -> the ministry).
    None when that subject is another noun: "Rescuers reached the village. They said ..."
    are the rescuers, whoever spoke before them. Only with a verb of saying. Whether it
    names a body is left to the caller."""
    low = pron.lower_
    # a verb of saying: "It shows" is the video, "It is worth noting" nobody
    if low not in {"they", "it"} or pron.dep_ != "nsubj" or pron.head.lemma_ not in SPEECH_VERBS \
            or pron.head.lemma_ in WHAT_A_DOCUMENT_DOES:
        return None
    doc = pron.doc
    # the pronoun's own sentence first: "The rate is a term with a definition: it refers"
    sents = [pron.sent]
    while len(sents) < 4 and sents[-1].start > 0:
        sents.append(doc[sents[-1].start - 1].sent)
    quotes = _doc_quotes(doc)
    for sent in sents:
        subj = next((c for c in sent.root.children if c.dep_ in {"nsubj", "nsubjpass"} and c.i < pron.i), None)
        # '"The rebels will lose," they said': a subject in a quote is what was said
        if subj is None or (subj.pos_ == "PRON" and subj.lower_ == low) or _region_at(quotes, subj.idx):
            continue  # "They said ... They added ...": look further back
        plural = subj.tag_ in {"NNS", "NNPS"} or any(c.dep_ == "conj" for c in subj.children)
        if subj.pos_ not in {"NOUN", "PROPN"} or plural != (low == "they"):
            return None
        return _speaker_token(subj)
    return None


def _common_noun_kind(span, a: Attribution, root) -> tuple[str | None, str] | None:
    """A source phrase capitalised only because it opens the sentence is judged in lower
    case: "Unconfirmed reports", "Many experts" and "Two officials" are unnamed, not
    persons or bodies."""
    if a.source_kind not in {"person", "official"} or not a.source or not _unnamed_but_capitalised(span, root) \
            or classify(a.source.lower()) != "unnamed":
        return None
    if a.source_kind == "official" and any(t.pos_ in {"NOUN", "PROPN"} for t in span if t.i < root.i):
        return None  # "Police officials", "Administration officials": an institution's officials
    return None, "unnamed"


def _story_role(root, source: str, titles) -> str | None:
    """What lets the story name a role from another article: the title this article gives
    a full name ("Ukrainian President" for Volodymyr Zelenskyy; a bare "Bush" may be
    another Bush than the titled one), or the role an unresolved source is, when the
    article names no holder of it at all (if it names several, the story must not pick one)."""
    if looks_like_name(source):
        if not is_full_name(source):
            return None
        return next((title for title, name in titles if same_person(name, source)), None)
    if root.pos_ != "NOUN" or root.ent_type_ or (phrase := _role_phrase(root)) is None:
        return None
    return None if any(holds_role(phrase, title) for title, _ in titles) else phrase


def _role_phrase(noun) -> str | None:
    """The words of a title phrase ("Ukraine's president", "the transport minister",
    "president of Ukraine"), or None when it cannot name one person (plural, "a ...",
    "his ...")."""
    if noun.tag_ == "NNS":
        return None
    keep = [noun]
    for c in noun.lefts:
        if c.dep_ in {"det", "amod", "compound", "nmod", "poss"}:
            keep.extend(t for t in c.subtree if not t.is_punct)
    for c in noun.rights:
        if c.dep_ == "prep" and c.lower_ == "of" and _pobj(c) is not None:
            keep.extend(t for t in c.subtree if not t.is_punct)
    phrase = "".join(t.text_with_ws for t in sorted(set(keep), key=lambda t: t.i)).strip()
    return phrase if role_parts(phrase) is not None else None


def _titled_people(doc) -> list[tuple[str, str]]:
    """(title phrase, name) for each person the article gives a title:
    "Ukrainian President Volodymyr Zelenskyy", "Jan de Vries, the transport minister,",
    "the transport minister, Jan de Vries,"."""
    out = []
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        name = _name_span_text(ent.root)
        root = ent.root
        before = [t for t in root.subtree if t.i < ent.start and not t.is_punct and t.dep_ != "det"]
        if any(t.lemma_.lower() in ROLE_TITLES for t in before):
            out.append(("".join(t.text_with_ws for t in before).strip(), name))
        nouns = [c for c in root.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
        if root.dep_ == "appos" and root.head.pos_ == "NOUN":
            nouns.append(root.head)
        for noun in nouns:
            if (phrase := _role_phrase(noun)) is not None:
                out.append((phrase, name))
    return out


def _role_holder(root, titles) -> tuple[str, str] | None:
    """The one person the article titled as ``root`` names ("Ukraine's president")."""
    if root.pos_ != "NOUN" or root.ent_type_ or (phrase := _role_phrase(root)) is None:
        return None
    name = one_person([n for title, n in titles if holds_role(phrase, title)])
    return (name, "person") if name is not None else None


def _surname_holder(root, a: Attribution, people, given: dict[str, set[str]]) -> tuple[str, str] | None:
    """A lone proper noun: the one full name it is the surname of ("Okafor" -> Maria Okafor;
    none when the article writes two first names before it), or, for a source not yet taken
    for a person, a person because NER calls it one elsewhere in the article, even where it
    took this mention for an organisation; else its own kind."""
    # a courtesy title keeps a surname lone ("Mr. Kerry"); a first name ("John Kerry") or
    # an office ("President Obama", who may share it with Michelle Obama) does not
    titles = [c.lower_ for c in root.lefts if c.dep_ == "compound"]
    if root.pos_ != "PROPN" or a.source_kind not in {"unnamed", "person"} \
            or any(t not in COURTESY_TITLES for t in titles):
        return None
    named = [e.text for e in people if e[-1].text == root.text]
    if len(given.get(root.text, ())) < 2 and (name := one_person([n for n in named if " " in n] or named)) is not None \
            and _same_sex(titles, name):
        return name, "person"
    if a.source_kind == "person":
        return None
    if root.ent_type_ in ORGANISATION_ENTS:
        name = _name_span_text(root)
        kind = classify(name)
        return name, kind if kind in {"media", "official"} else "official"
    if root.ent_type_ in {"", "PERSON"} and root.text[:1].isupper():
        return root.text, "person"
    return None


def _joint_name(a: Attribution, members: list, people, given: dict[str, set[str]]) -> tuple[str, str]:
    """People or bodies who spoke together ("Lowe and Ortiz", "Hamas and Israel"), each
    named as a lone source would be ("Ann Lowe and Ben Ortiz"); persons when all are,
    else bodies."""
    named = []
    for t in members:
        found = _surname_holder(t, replace(a, source_kind="unnamed"), people, given)
        if found is None:
            name = _name_span_text(t)
            kind = "person" if t.ent_type_ == "PERSON" else classify(name)
            found = name, kind if kind in {"person", "media"} else "official"
        named.append(found)
    kinds = {k for _, k in named}
    return join_names([n for n, _ in named]), kinds.pop() if len(kinds) == 1 else "official"


def _same_sex(titles: list[str], name: str) -> bool:
    """Whether a full name may be the one a title stands before: "Mr. Obama" is not
    Michelle Obama."""
    want = sex_of_name(titles) if titles else None
    got = sex_of_name([w.lower() for w in name.split()])
    return want is None or got is None or want == got


def _given_names_by_surname(doc) -> dict[str, set[str]]:
    """For each word, the first names written before it in the article, by the people the
    tagger found or by the census lists of first names: two of them ("Bill Clinton",
    "Hillary Clinton") make a lone "Clinton" ambiguous, however few the tagger took for people."""
    out: dict[str, set[str]] = {}
    for ent in doc.ents:
        words = [w for w in ent if w.tag_ != "POS"]  # "Hillary Clinton's"
        if ent.label_ == "PERSON" and len(words) > 1:
            given = [w.lower_ for w in words[:-1] if not is_title(w.lower_)]
            if given:  # "RIP Donald Trump" is Donald
                out.setdefault(words[-1].text, set()).add(next((w for w in given if sex_of_first_name(w)), given[0]))
    for t in doc[1:]:
        if not (t.ent_type_ == "PERSON" and t.ent_iob_ == "I") and sex_of_first_name(doc[t.i - 1].text):
            out.setdefault(t.text, set()).add(doc[t.i - 1].lower_)
    return out


def _speaking_to(root) -> str | None:
    """"The minister, speaking to Al Jazeera, denied ...": the outlet the source spoke to."""
    for c in root.rights:
        if c.dep_ in {"acl", "relcl"} and c.lemma_ in {"speak", "talk"}:
            for prep in c.children:
                if prep.dep_ == "prep" and prep.lower_ in {"to", "with"} and (p := _pobj(prep)) is not None:
                    name = _name_span_text(p)
                    if classify(name) == "media":
                        return outlet_name(name)
    return None
