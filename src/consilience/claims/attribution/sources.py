"""Who a kept attribution's source is: names and kinds the candidate rules leave open.

The rules name a source from its own noun phrase. After the cue model has kept an
attribution, the rest of the article can say more, so this step reads the whole
parse once and

* names a role by the person the article gave that title ("Ukraine's president",
  "the Ukrainian leader" -> Volodymyr Zelenskyy, introduced as "Ukrainian President
  Volodymyr Zelenskyy" or "Zelenskyy, Ukraine's president,");
* names a common noun by its appositive ("the newspaper Le Monde" -> Le Monde,
  "the minister, Mr. de Vries," -> Mr. de Vries);
* names a lone surname by the full name it stands for ("Okafor" -> Maria Okafor),
  and gives a lone proper noun a kind (a person, or an organisation when NER says so);
* fills ``via`` for a report nested in an outlet's reported content ("The port said
  ..., Reuters reported": the port's claim came through Reuters) and for a source
  "speaking to" an outlet.

It runs after the model so that the model's features (and so every span) stay as
trained; only ``source``, ``source_kind`` and ``via`` change.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from ...models import Attribution
from ..speakers import classify, same_person
from .spans import _name_span_text, _pobj, _speaker_token

# Nouns that are a person's title, so "the <title>" can stand for one named person.
ROLE_TITLES = {
    "president", "minister", "secretary", "senator", "governor", "mayor", "spokesman",
    "spokeswoman", "spokesperson", "chancellor", "premier", "king", "queen", "prince",
    "leader", "chairman", "chairwoman", "chair", "director", "chief", "head", "ambassador",
    "commander", "general", "judge", "prosecutor", "envoy", "nominee", "candidate", "ceo",
    "founder", "coach", "pope", "congressman", "congresswoman", "lawmaker", "speaker",
}
# "the Ukrainian leader" may name a president, prime minister, chancellor, ...
LEADER_TITLES = {"president", "minister", "premier", "chancellor", "king", "queen", "leader"}
# A title with one of these is another office than the bare title ("former president",
# "vice presidential nominee"): it matches only a role that says so too.
OFFICE_CHANGERS = {"former", "ex", "then", "late", "outgoing", "incoming", "acting", "interim",
                   "vice", "deputy", "assistant", "associate", "co", "junior"}
# Determiners that make a role indefinite: "a spokesman said" names no one.
INDEFINITE = {"a", "an", "another", "some", "one", "any", "each", "every"}
ORGANISATION_ENTS = {"ORG", "PRODUCT", "FAC"}


def resolve_sources(doc, attributions: list[Attribution]) -> list[Attribution]:
    """The attributions with sources named and nested reports given their outlet."""
    if not attributions:
        return attributions
    titles = _titled_people(doc)
    people = [e for e in doc.ents if e.label_ == "PERSON"]
    out = [_resolve_one(doc, a, titles, people) for a in attributions]
    return _via_from_nesting(out)


def _source_root(doc, a: Attribution):
    if not a.source_spans:
        return None
    s, e = a.source_spans[0]
    span = doc.char_span(s, e, alignment_mode="expand")
    if span is None or not len(span):
        return None
    return _speaker_token(span.root)


def _resolve_one(doc, a: Attribution, titles, people) -> Attribution:
    root = _source_root(doc, a)
    if root is None or root.pos_ == "PRON":
        return a
    found = _appositive_name(root) or _role_holder(root, titles) or _surname_holder(root, a, people)
    if found is not None:
        a = replace(a, source=found[0], source_kind=found[1])
    if a.via is None and (outlet := _speaking_to(root)) is not None:
        a = replace(a, via=outlet)
    return a


def _appositive_name(root) -> tuple[str, str] | None:
    """"the newspaper Le Monde", "the minister, Mr. de Vries,": the name beside a common noun.
    Only a noun for an outlet or body takes an organisation's name ("his niece, Del. Marcia
    Price (D-Newport News)" is not the outlet "Newport News")."""
    if root.pos_ != "NOUN" or root.tag_ == "NNS":
        return None
    body = classify(root.lemma_) in {"media", "official"}
    for c in root.rights:
        if c.dep_ != "appos" or c.pos_ != "PROPN" or any(d.dep_ == "conj" for d in c.children):
            continue
        if c.ent_type_ != "PERSON" and not (body and c.ent_type_ in ORGANISATION_ENTS | {""}):
            continue
        name = _name_span_text(c)
        kind = classify(name, is_person=c.ent_type_ == "PERSON")
        if kind == "unnamed":
            return None
        if kind == "person" and c.ent_type_ in ORGANISATION_ENTS:
            kind = "official"
        return name, kind
    return None


def _role_words(noun) -> tuple[set[str], bool]:
    """The words that narrow a title ("Ukraine's", "transport", "of Ukraine"), and
    whether the phrase can name one person (definite, singular, no pronoun owner)."""
    words: set[str] = set()
    for c in noun.lefts:
        if c.dep_ == "det" and c.lower_ in INDEFINITE:
            return words, False
        if c.dep_ == "poss" and c.pos_ == "PRON":
            return words, False
        if c.dep_ in {"amod", "compound", "nmod", "poss"}:
            words.update(t.lower_ for t in c.subtree if not t.is_punct and t.dep_ != "case")
    for c in noun.rights:
        if c.dep_ == "prep" and c.lower_ == "of" and (p := _pobj(c)) is not None:
            words.update(t.lower_ for t in p.subtree if not t.is_punct and t.dep_ != "det")
    return words, noun.tag_ != "NNS"


def _titled_people(doc) -> list[tuple[str, set[str], str]]:
    """(title, narrowing words, name) for each person the article gives a title:
    "Ukrainian President Volodymyr Zelenskyy", "Jan de Vries, the transport minister,",
    "the transport minister, Jan de Vries,"."""
    out = []
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        name = _name_span_text(ent.root)
        root = ent.root
        before = [t for t in root.subtree if t.i < ent.start and not t.is_punct
                  and t.dep_ not in {"det", "case"}]
        heads = [t for t in before if t.lemma_.lower() in ROLE_TITLES]
        if heads:
            title = heads[-1].lemma_.lower()
            out.append((title, {t.lower_ for t in before if t is not heads[-1]}, name))
        nouns = [c for c in root.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
        if root.dep_ == "appos" and root.head.pos_ == "NOUN":
            nouns.append(root.head)
        for noun in nouns:
            if noun.lemma_.lower() in ROLE_TITLES:
                words, _ = _role_words(noun)
                out.append((noun.lemma_.lower(), words, name))
    return out


def _stem(word: str) -> str:
    """"Ukraine" and "Ukrainian", "Korea" and "Korean" share their first five letters."""
    return word.strip(".'’").lower()[:5]


def _role_holder(root, titles) -> tuple[str, str] | None:
    """The one person the article titled as ``root`` names ("Ukraine's president")."""
    role = root.lemma_.lower()
    if root.pos_ != "NOUN" or role not in ROLE_TITLES or root.ent_type_:
        return None
    words, definite = _role_words(root)
    if not definite:
        return None
    want = {_stem(w) for w in words}
    names = []
    for title, narrowing, name in titles:
        if not (title == role or (role == "leader" and title in LEADER_TITLES)):
            continue
        if not want <= {_stem(w) for w in narrowing} or (narrowing & OFFICE_CHANGERS) - words:
            continue
        names.append(name)
    return _one_person(names)


def _surname_holder(root, a: Attribution, people) -> tuple[str, str] | None:
    """A lone proper noun: the full name it is the surname of ("Okafor" -> Maria Okafor),
    or a person because NER calls it one elsewhere in the article, even where it took
    this mention for an organisation; else its own kind."""
    if root.pos_ != "PROPN" or a.source_kind != "unnamed" or any(c.dep_ == "compound" for c in root.lefts):
        return None
    named = [e.text for e in people if e[-1].text == root.text]
    found = _one_person([n for n in named if " " in n] or named)
    if found is not None:
        return found
    if root.ent_type_ in ORGANISATION_ENTS:
        name = _name_span_text(root)
        kind = classify(name)
        return name, kind if kind in {"media", "official"} else "official"
    if root.ent_type_ in {"", "PERSON"} and root.text[:1].isupper():
        return root.text, "person"
    return None


def _one_person(names: list[str]) -> tuple[str, str] | None:
    """The name most often used (then the longest) when all ``names`` can be one person,
    else None: an ambiguous role or surname stays as written. Frequency first, because NER
    now and then takes a neighbouring word in ("RIP Donald Trump")."""
    if not names:
        return None
    counts = Counter(names)
    best = max(counts, key=lambda n: (counts[n], len(n.split()), len(n), n))
    if all(same_person(n, best) for n in counts):
        return best, "person"
    return None


def _speaking_to(root) -> str | None:
    """"The minister, speaking to Al Jazeera, denied ...": the outlet the source spoke to."""
    for c in root.rights:
        if c.dep_ in {"acl", "relcl"} and c.lemma_ in {"speak", "talk"}:
            for prep in c.children:
                if prep.dep_ == "prep" and prep.lower_ in {"to", "with"} and (p := _pobj(prep)) is not None:
                    name = _name_span_text(p)
                    if classify(name) == "media":
                        return name
    return None


def _via_from_nesting(attributions: list[Attribution]) -> list[Attribution]:
    """A report inside what an outlet reported reached the page through that outlet."""
    outlets = [a for a in attributions if a.source_kind == "media" and a.source and a.content_spans]
    if not outlets:
        return attributions
    out = []
    for a in attributions:
        if a.via is None and a.cue_spans:
            inner = a.cue_spans + a.source_spans
            for o in outlets:
                if o is not a and o.source != a.source and all(
                        any(cs <= s and e <= ce for cs, ce in o.content_spans) for s, e in inner):
                    a = replace(a, via=o.source)
                    break
        out.append(a)
    return out

