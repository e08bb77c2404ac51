"""Speaker names within one story: unify variants and say what kind of source each is.

``normalise_speakers`` takes the attributions of one story (one or many
articles) and

* unifies names: "Zelensky", "Zelenskyy", "Volodymyr Zelenskyy" and
  "President Zelenskyy" become one canonical name (the longest full form), as do
  "de Vries" and "Jan de Vries", "Okonjo" and "Ngozi Okonjo-Iweala"; someone's
  role ("Grayson's spokeswoman") stays apart from the person named in it;
* assigns ``source_kind``: ``person``, ``official`` (a government body,
  agency, army, "Ukrainian officials"), ``media`` (an outlet, "news portal")
  or ``unnamed`` ("officials said", "a source close to", no source at all).

Pure functions over dataclasses; no model needed.
"""

from __future__ import annotations

import re
from dataclasses import replace

from rapidfuzz import fuzz

from ..models import Attribution

# Words that make a phrase a media outlet.
MEDIA_WORDS = {
    "news", "newspaper", "paper", "agency", "portal", "outlet", "channel", "broadcaster",
    "tv", "television", "radio", "magazine", "daily", "times", "post", "journal", "tribune",
    "gazette", "herald", "telegraph", "guardian", "observer", "press", "wire", "website",
    "site", "blog", "network", "newsroom", "tabloid", "reporter", "reporters", "correspondent",
    "media", "outlets", "newspapers", "publication", "editorial", "editorials", "column",
}
# Names of outlets that do not carry a media word.
MEDIA_NAMES = {
    "bbc", "cnn", "reuters", "ap", "afp", "yonhap", "tass", "ria", "ria novosti", "interfax",
    "ukrinform", "militarnyi", "kyiv independent", "al jazeera", "nbc", "abc", "cbs", "fox",
    "fox news", "msnbc", "npr", "pbs", "bloomberg", "politico", "axios", "breitbart", "vox",
    "slate", "the hill", "the guardian", "guardian", "the new york times", "new york times",
    "nyt", "the washington post", "washington post", "wall street journal", "wsj",
    "the economist", "economist", "le monde", "der spiegel", "spiegel", "kcna", "xinhua",
    "dpa", "ansa", "efe", "nhk", "kyodo", "rt", "sputnik", "meduza", "pravda",
    "ukrainska pravda", "suspilne", "rbc", "kommersant", "izvestia", "huffpost",
    "huffington post", "buzzfeed", "daily mail", "the sun", "the independent", "sky news",
    "euronews", "dw", "deutsche welle", "france 24", "cnbc", "usa today", "newsweek",
    "time", "the atlantic", "telegram channel", "the times", "financial times", "ft",
    "los angeles times", "la times", "chicago tribune", "the daily beast", "daily beast",
    "mother jones", "national review", "the federalist", "salon", "yahoo news", "business insider",
}
# Words that make a phrase an official body.
OFFICIAL_WORDS = {
    "officials", "official", "authorities", "authority", "government", "ministry",
    "department", "agency", "service", "services", "intelligence", "military",
    "army", "forces", "force", "command", "staff", "police", "pentagon", "kremlin",
    "white house", "office", "council", "committee", "commission", "parliament", "congress",
    "senate", "court", "administration", "embassy",
    "navy", "headquarters", "bureau", "cabinet", "state", "states", "nato",
    "un", "united nations", "eu", "european union", "campaign", "party", "prosecutors",
    "prosecutor", "regulators", "fbi", "cia", "nis", "sbu", "gur", "fsb", "kgb", "kcna",
    "diplomats", "diplomat", "lawmakers", "legislature", "assembly", "mission", "institute",
    "organization", "organisation", "union", "association", "company", "firm", "group",
}
OFFICIAL_NAMES = {"pentagon", "kremlin", "white house", "nis", "sbu", "nato", "fbi", "cia"}
# Heads of unnamed sources.
UNNAMED_HEADS = {
    "source", "sources", "official", "officials", "person", "people", "insider", "insiders",
    "aide", "aides", "someone", "some", "others", "observers", "analysts", "experts",
    "witnesses", "residents", "critics", "diplomat", "diplomats", "one", "many", "it",
}
PERSON_TITLES = {
    "mr", "mrs", "ms", "miss", "dr", "sir", "president", "prime", "minister", "sen", "senator",
    "rep", "gov", "governor", "gen", "general", "col", "colonel", "lt", "capt", "captain",
    "chancellor", "king", "queen", "prince", "pope", "secretary", "chief", "leader",
    "spokesman", "spokeswoman", "spokesperson", "professor", "prof", "judge", "mayor",
    "ambassador", "commander", "deputy", "vice", "former", "the", "a", "an", "then",
    "ukraine", "ukrainian", "russian", "russia", "us", "u.s.", "american", "french", "german",
    "british", "south", "north", "korean", "chinese", "israeli", "presidential", "candidate",
    "democratic", "republican", "gop", "nominee", "st", "jr", "sr",
}
# Common nouns that name a person ("the mayor said", "a spokeswoman said").
PERSON_NOUNS = {
    "mayor", "president", "minister", "senator", "governor", "spokesman", "spokeswoman",
    "spokesperson", "fellow", "analyst", "expert", "professor", "researcher", "director",
    "chief", "head", "leader", "chairman", "chairwoman", "chair", "secretary", "ambassador",
    "commander", "general", "officer", "colonel", "captain", "soldier", "lawyer", "attorney",
    "judge", "doctor", "economist", "scientist", "author", "writer", "journalist", "reporter",
    "editor", "columnist", "activist", "candidate", "nominee", "lawmaker", "legislator",
    "congressman", "congresswoman", "representative", "aide", "adviser", "advisor", "owner",
    "founder", "executive", "ceo", "manager", "coach", "player", "teacher", "student",
    "witness", "resident", "farmer", "worker", "voter", "supporter", "critic", "historian",
    "strategist", "pollster", "consultant", "diplomat", "envoy", "prosecutor", "detective",
    "priest", "pastor", "bishop", "rabbi", "imam", "man", "woman", "mother", "father", "son",
    "daughter", "wife", "husband", "brother", "sister", "friend", "neighbor", "neighbour",
    "ranger", "official", "chancellor", "premier", "king", "queen", "prince",
}
PRONOUNS = {"he", "she", "him", "her", "his", "they", "them", "their", "we", "i", "you", "it",
            "who", "which", "that", "this", "those", "these"}

_WORD = re.compile(r"[\w.'’-]+")


def _words(text: str) -> list[str]:
    return [w.lower().strip(".'’") for w in _WORD.findall(text)]


def _is_media(phrase: str) -> bool:
    low = phrase.lower().strip()
    low = re.sub(r"^(the|a|an)\s+", "", low)
    if low in MEDIA_NAMES or f"the {low}" in MEDIA_NAMES:
        return True
    words = set(_words(phrase))
    if words & {"news", "newspaper", "portal", "outlet", "broadcaster", "tv", "television",
                "radio", "magazine", "channel", "tabloid", "website", "media",
                "newspapers", "outlets", "publication", "editorial", "blog"}:
        return True
    if "agency" in words and ("news" in words or "press" in words):
        return True
    for name in MEDIA_NAMES:
        if len(name) > 3 and re.search(r"\b" + re.escape(name) + r"\b", low):
            return True
    return bool(words & {"yonhap", "reuters", "bbc", "cnn", "afp", "tass", "militarnyi",
                         "interfax", "ukrinform", "xinhua", "kcna", "bloomberg", "politico"})


def classify(phrase: str | None, is_person: bool = False) -> str:
    """Guess the kind of a source phrase: person | official | media | unnamed."""
    if not phrase or not phrase.strip():
        return "unnamed"
    low = phrase.lower().strip()
    words = _words(phrase)
    if not words:
        return "unnamed"
    if _is_media(phrase):
        return "media"
    if is_person:
        return "person"
    content = [w for w in words if w not in {"the", "a", "an", "some", "several", "two",
                                             "three", "senior", "one", "of", "close", "to",
                                             "familiar", "with", "anonymous", "unnamed",
                                             "other", "many", "who", "are", "is"}]
    has_proper = any(ch.isupper() for ch in phrase[1:]) or phrase[:1].isupper() and len(words) > 1
    head = content[0] if len(content) == 1 else (content[-1] if content else "")
    if words[0] in PRONOUNS and len(words) == 1:
        return "unnamed" if words[0] in {"it", "who", "which", "that"} else "person"
    if not content or (head in UNNAMED_HEADS and not has_proper and len(content) <= 2):
        return "unnamed"
    if re.search(r"\b(source|sources|insider|person|people)\b.*\b(close|familiar|knowledge|"
                 r"briefed|aware)\b", low):
        return "unnamed"
    if low.strip(" .") in OFFICIAL_NAMES or set(words) & OFFICIAL_WORDS:
        return "official"
    if "house" in words and "white" in words:
        return "official"
    if has_proper:
        return "person"
    if head in PERSON_NOUNS or head.rstrip("s") in PERSON_NOUNS:
        return "person"
    return "unnamed"


def _key(name: str) -> list[str]:
    return [w for w in _words(name) if w not in PERSON_TITLES]


def same_person(a: str, b: str) -> bool:
    """Whether two names can be one person: same words bar titles, or a fuzzy surname
    ("Zelensky" ~ "Zelenskyy") with no contradicting first name."""
    ka, kb = _key(a), _key(b)
    if not ka or not kb:
        return False
    if ka == kb:
        return True
    if names_someone_else(a) or names_someone_else(b):
        return False  # "Grayson's spokeswoman" is not Grayson
    # "de Vries" ~ "Jan de Vries": the shorter name is the end of the longer
    short, full = sorted((ka, kb), key=len)
    if (len(short) < len(full) and full[-len(short):] == short and len(short[-1]) > 3
            and a.split()[-1][:1].isupper() and b.split()[-1][:1].isupper()):
        return True
    # "Zelensky" ~ "Zelenskyy": compare surnames fuzzily
    la, lb = ka[-1], kb[-1]
    # "Okonjo" ~ "Okonjo-Iweala": one part of a double-barrelled surname
    if (len(ka) == 1 and len(la) > 3 and la == lb.split("-")[0]) or (
            len(kb) == 1 and len(lb) > 3 and lb == la.split("-")[0]):
        return True
    if fuzz.ratio(la, lb) >= 85 and len(la) > 3 and len(lb) > 3:
        # first names must not contradict
        fa, fb = ka[:-1], kb[:-1]
        if fa and fb and fuzz.ratio(" ".join(fa), " ".join(fb)) < 70:
            return False
        return True
    return False


def names_someone_else(name: str) -> bool:
    """A possessive before the last word ("Grayson's spokeswoman", "Cameron’s aide"):
    the phrase names another person than the possessor."""
    parts = name.split()
    return any(w.lower().endswith(("'s", "’s")) for w in parts[:-1])


def canonical_names(names: list[str]) -> dict[str, str]:
    """Map each name to the longest name that refers to the same person."""
    # the name itself breaks ties, so the choice never rests on set order (string hashes
    # change between runs): "My father" and "my father" map to the same one every time
    uniq = sorted(set(n for n in names if n), key=lambda n: (-len(_key(n)), -len(n), n))
    mapping: dict[str, str] = {}
    canon: list[str] = []
    for name in uniq:
        for c in canon:
            if same_person(name, c):
                mapping[name] = c
                break
        else:
            canon.append(name)
            mapping[name] = name
    return mapping


def normalise_speakers(attributions: list[Attribution]) -> list[Attribution]:
    """Unify speaker names across a story and assign ``source_kind``."""
    kinds: list[str] = []
    for a in attributions:
        kind = a.source_kind if a.source_kind in {"person", "official", "media"} else None
        if kind is None:
            kind = classify(a.source)
        kinds.append(kind)
    people = [a.source for a, k in zip(attributions, kinds, strict=True) if a.source and k == "person"]
    mapping = canonical_names(people)
    out = []
    for a, k in zip(attributions, kinds, strict=True):
        source = a.source
        if source and k == "person":
            source = _strip_titles(mapping.get(source, source))
        if k == "unnamed":
            source = None
        out.append(replace(a, source=source, source_kind=k))
    return out


def _strip_titles(name: str) -> str:
    """"Ukraine President Volodymyr Zelenskyy" -> "Volodymyr Zelenskyy"."""
    parts = name.split()
    i = 0
    while i < len(parts) - 1 and (parts[i].lower().strip(".'’s") in PERSON_TITLES
                                  or parts[i].lower().endswith(("'s", "’s"))):
        i += 1
    # "Grayson's spokeswoman" keeps its owner: without it no name is left
    if not any(w[:1].isupper() and w.lower().strip(".'’s") not in PERSON_TITLES for w in parts[i:]):
        return name
    return " ".join(parts[i:])
