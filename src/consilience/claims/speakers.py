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

import functools
import re
from collections import Counter
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
    "associated press", "the associated press", "agence france-presse", "press association",
}
# The last word of a newspaper's name ("The Houston Chronicle", "Daily Courier"): a
# capitalised name of two words or more that ends in one is an outlet.
MASTHEAD_WORDS = {
    "chronicle", "courier", "times", "post", "journal", "tribune", "gazette", "herald",
    "telegraph", "observer", "inquirer", "examiner", "dispatch", "bulletin", "mirror",
    "daily", "register", "sentinel", "statesman", "intelligencer", "enquirer",
    "echo", "star", "standard", "express", "argus", "advertiser", "recorder",
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
# Nouns for a body that speaks when they head the phrase ("the contractor said it was
# cooperating", "the airline said"), not when they only place its head ("nurses at the
# hospital" are unnamed; "the hospital spokesman" is a person)
ORGANISATION_HEADS = {
    "contractor", "airline", "hospital", "utility", "operator", "manufacturer", "university",
    "school", "club", "carrier", "insurer", "retailer", "developer", "charity", "bank",
    "board", "foundation", "federation", "league", "corporation",
}
_PHRASE_PREPOSITIONS = {"at", "of", "in", "for", "from", "with", "on", "to"}
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
    "founder", "executive", "ceo", "manager", "master", "coach", "player", "teacher", "student",
    "witness", "resident", "farmer", "worker", "voter", "supporter", "critic", "historian",
    "strategist", "pollster", "consultant", "diplomat", "envoy", "prosecutor", "detective",
    "priest", "pastor", "bishop", "rabbi", "imam", "man", "woman", "mother", "father", "son",
    "daughter", "wife", "husband", "brother", "sister", "friend", "neighbor", "neighbour",
    "ranger", "official", "chancellor", "premier", "king", "queen", "prince",
}
PRONOUNS = {"he", "she", "him", "her", "his", "they", "them", "their", "we", "i", "you", "it",
            "who", "which", "that", "this", "those", "these"}
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
# Words before a title that make it name no one person: "a spokesman", "his aide".
NOT_ONE_PERSON = {"a", "an", "another", "some", "one", "any", "each", "every", "his", "her",
                  "their", "its", "our", "my", "your"}

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


def _masthead_name(phrase: str) -> bool:
    """"The Houston Chronicle", "Daily Courier": capitalised words ending in a masthead word
    (judged after NER's person tag, so "Emily Post" stays a person)."""
    names = [w for w in _WORD.findall(phrase) if w.lower() not in {"the", "a", "an"}]
    return len(names) >= 2 and names[-1].lower() in MASTHEAD_WORDS and all(w[:1].isupper() for w in names)


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
    if _masthead_name(phrase):
        return "media"
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
    core = content[:next((i for i, w in enumerate(content) if w in _PHRASE_PREPOSITIONS), len(content))]
    if core and core[-1] in {"source", "sources", "insider", "insiders"}:
        # "a Ukrainian intelligence source", "a source in the SBU": unnamed, whoever employs it
        return "unnamed"
    if re.search(r"\b(source|sources|insider|person|people)\b.*\b(close|familiar|knowledge|"
                 r"briefed|aware)\b", low):
        return "unnamed"
    if low.strip(" .") in OFFICIAL_NAMES or set(words) & OFFICIAL_WORDS:
        return "official"
    if core and core[-1] in ORGANISATION_HEADS:
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


@functools.lru_cache(maxsize=4096)
def role_parts(phrase: str) -> tuple[str, frozenset[str]] | None:
    """"Ukraine's president" -> ("president", {"ukraine"}); None when the phrase holds no
    title or names no one person ("a spokesman", "his aide"). Cached: each role is matched
    against every title an article or story gives."""
    words = [w[:-2] if w.endswith(("'s", "’s")) else w for w in _words(phrase) if w not in {"", "s"}]
    if not words or words[0] in NOT_ONE_PERSON:
        return None
    before = words[: words.index("of")] if "of" in words else words
    titles = [w for w in before if w in ROLE_TITLES]
    if not titles:
        return None
    title = titles[-1]
    return title, frozenset(w for w in words if w not in {"the", "of", title})


def _stem(word: str) -> str:
    """"Ukraine" and "Ukrainian", "Korea" and "Korean" share their first five letters."""
    return word[:5]


def holds_role(role: str, title: str) -> bool:
    """Whether a person the article titled ``title`` ("Ukrainian President") can be the
    one that ``role`` ("Ukraine's president", "the Ukrainian leader") names."""
    r, t = role_parts(role), role_parts(title)
    if r is None or t is None:
        return False
    (role_title, role_words), (held, held_words) = r, t
    if not (role_title == held or (role_title == "leader" and held in LEADER_TITLES)):
        return False
    return ({_stem(w) for w in role_words} <= {_stem(w) for w in held_words}
            and not (held_words & OFFICE_CHANGERS) - role_words)


def one_person(names: list[str]) -> str | None:
    """The name most often used (then the longest) when all ``names`` can be one person,
    else None: an ambiguous role or surname stays as written. Frequency first, because NER
    now and then takes a neighbouring word in ("RIP Donald Trump")."""
    if not names:
        return None
    counts = Counter(names)
    best = max(counts, key=lambda n: (counts[n], len(n.split()), len(n), n))
    return best if all(same_person(n, best) for n in counts) else None


def is_full_name(name: str) -> bool:
    """Two name words or more once titles are dropped ("Jeb Bush", not "Mr. Bush")."""
    return len(_key(name)) >= 2


def _has_name_word(words: list[str]) -> bool:
    """A capitalised word that is no title ("Grayson" in "Mr. Grayson"; none in "Ukrainian
    President")."""
    return any(w[:1].isupper() and w.lower().strip(".'’s") not in PERSON_TITLES for w in words)


def looks_like_name(name: str) -> bool:
    """A person's name ("Alan Grayson", "Mr. Trump"), not a role ("the spokeswoman",
    "the Ukrainian leader") or someone's role ("Grayson's spokeswoman")."""
    return not names_someone_else(name) and _has_name_word(name.split())


# "a spokeswoman for Hillary Clinton", "an adviser to Mr. Trump": a role held for a named
# person (a capitalised title stays one person: "Minister for Foreign Affairs Penny Wong")
_ROLE_FOR_SOMEONE = re.compile(r"\b[a-z]+ (?:for|to) [A-Z]")


def names_someone_else(name: str) -> bool:
    """A possessive before the last word ("Grayson's spokeswoman", "Cameron’s aide") or a
    role held for someone ("a spokeswoman for Hillary Clinton"): the phrase names someone
    other than the person it mentions."""
    parts = name.split()
    return any(w.lower().endswith(("'s", "’s")) for w in parts[:-1]) or bool(_ROLE_FOR_SOMEONE.search(name))


def canonical_names(names: list[str]) -> dict[str, str]:
    """Map each name to the longest name that refers to the same person."""
    # the name itself breaks ties, so the choice never rests on set order (string hashes
    # change between runs): "My father" and "my father" map to the same one every time
    # people who spoke together ("Mr. Kerry and Mr. Obama") are named each on their own,
    # and nobody else is taken for them
    joint = {n: joint_parts(n) for n in set(names) if n and " and " in n}
    singles = [n for n in names if n and n not in joint] + [
        p for parts in joint.values() for p in parts if looks_like_name(p)]
    uniq = sorted(set(singles), key=lambda n: (-len(_key(n)), -len(n), n))
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
    for name, parts in joint.items():
        mapping[name] = join_names([mapping.get(p, p) for p in parts])
    return mapping


def joint_parts(name: str) -> list[str]:
    """The names in "A, B and C" (a name without "and" is one, commas and all)."""
    return name.replace(" and ", ", ").split(", ") if " and " in name else [name]


def join_names(names: list[str]) -> str:
    """"A, B and C" (the one name when there is one)."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def normalise_speakers(attributions: list[Attribution]) -> list[Attribution]:
    """Unify speaker names across a story and assign ``source_kind``."""
    kinds: list[str] = []
    for a in attributions:
        kind = a.source_kind if a.source_kind in {"person", "official", "media"} else None
        if kind is None:
            kind = classify(a.source)
        kinds.append(kind)
    roles = _role_holders(attributions, kinds)
    people = [roles.get(id(a), a.source) for a, k in zip(attributions, kinds, strict=True)
              if a.source and k == "person"]
    mapping = canonical_names(people)
    bodies = _body_names([a.source for a, k in zip(attributions, kinds, strict=True)
                          if a.source and k in {"official", "media"}])
    out = []
    for a, k in zip(attributions, kinds, strict=True):
        source = roles.get(id(a), a.source)
        if source and k == "person":
            source = join_names([_strip_titles(p) for p in joint_parts(mapping.get(source, source))])
        elif source and k in {"official", "media"}:
            source = bodies.get(source, source)
        if k == "unnamed":
            source = None
        out.append(replace(a, source=source, source_kind=k))
    return out


def name_key(name: str) -> str:
    """A name compared without case, spacing or a leading "The": "The Valley Herald" and
    "valley  herald" are one key."""
    return re.sub(r"^the\s+", "", " ".join(name.split()), flags=re.IGNORECASE).casefold()


def _body_names(names: list[str]) -> dict[str, str]:
    """One spelling per outlet or body: "The Valley Herald" and "Valley Herald", or
    "the Pentagon" and "The Pentagon", are one source; the form used most often wins
    (then the one with "The", then the first in text order)."""
    groups: dict[str, list[str]] = {}
    for n in names:
        groups.setdefault(name_key(n), []).append(n)
    mapping: dict[str, str] = {}
    for group in groups.values():
        counts = Counter(group)
        best = max(counts, key=lambda n: (counts[n], n.startswith("The "), -group.index(n)))
        mapping.update({n: best for n in counts})
    for key in sorted(groups, key=len, reverse=True):
        # "the (defence) ministry" after "Russia's defence ministry": the one body the
        # story names in full, when it names only one (longer names are settled first)
        bodies = {mapping[groups[k][0]] for k in groups if k.endswith(" " + key)}
        if len(bodies) == 1:
            mapping.update({n: next(iter(bodies)) for n in groups[key]})
    return mapping


def outlet_name(phrase: str) -> str:
    """"state news agency Tanjug" -> "Tanjug": the name after a description of an outlet
    ("Yonhap news agency" and "The Guardian" stay as they are)."""
    words = phrase.split()
    k = len(words)
    while k > 0 and words[k - 1][:1].isupper():
        k -= 1
    if 0 < k < len(words) and words[k - 1].lower() in MEDIA_WORDS:
        return " ".join(words[k:])
    return phrase


def _role_holders(attributions: list[Attribution], kinds: list[str]) -> dict[int, str]:
    """id(attribution) -> the person its role names ("Ukraine's president" in one article,
    "Ukrainian President Volodymyr Zelenskyy" in another), where the story says who
    holds that title and only one person does."""
    titled = [(a.source_role, a.source) for a, k in zip(attributions, kinds, strict=True)
              if k == "person" and a.source and a.source_role and looks_like_name(a.source)]
    found: dict[int, str] = {}
    for a, k in zip(attributions, kinds, strict=True):
        if k == "person" and a.source_role and a.source and not looks_like_name(a.source):
            name = one_person([n for title, n in titled if holds_role(a.source_role, title)])
            if name is not None:
                found[id(a)] = name
    return found


def _strip_titles(name: str) -> str:
    """"Ukraine President Volodymyr Zelenskyy" -> "Volodymyr Zelenskyy"."""
    parts = name.split()
    i = 0
    while i < len(parts) - 1 and (parts[i].lower().strip(".'’s") in PERSON_TITLES
                                  or parts[i].lower().endswith(("'s", "’s"))):
        i += 1
    # "Grayson's spokeswoman" keeps its owner: without it no name is left
    if not _has_name_word(parts[i:]):
        return name
    return " ".join(parts[i:])
