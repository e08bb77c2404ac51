"""Whom "he" or "she" may stand for, by what a person's name shows: "he" is no Hillary
Clinton, "she" no Mr. Ellis.

A title shows it ("Mrs.", "Congresswoman"), and so does a common first name. First names
and the share of each sex that bears them come from the 1990 US census lists that the
`names` package ships (MIT licence). A first name counts only when it is common (borne by at
least one person in 10,000 of that sex) and ten times more common for one sex: "Jean", "Kim",
"Leslie", "Moon" and names the lists lack (most names from outside the US) show nothing, so a
pronoun may still stand for them.
"""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files

from ..speakers import PERSON_TITLES
from .lexicon import FEMALE_TITLES, MALE_TITLES

COMMON_PERCENT = 0.01  # share of that sex, in percent, bearing the name: 1 in 10,000
ODDS = 10.0
PRONOUN_SEX = {"he": "male", "him": "male", "she": "female", "her": "female"}


@lru_cache(maxsize=1)
def _first_name_sexes() -> dict[str, str]:
    share: dict[str, dict[str, float]] = {}
    for sex in ("male", "female"):
        with (files("names") / f"dist.{sex}.first").open(encoding="ascii") as lines:
            for line in lines:
                name, percent = line.split()[:2]
                share.setdefault(name.lower(), {})[sex] = float(percent)
    out = {}
    for name, by_sex in share.items():
        male, female = by_sex.get("male", 0.0), by_sex.get("female", 0.0)
        if male >= COMMON_PERCENT and male >= ODDS * female:
            out[name] = "male"
        elif female >= COMMON_PERCENT and female >= ODDS * male:
            out[name] = "female"
    return out


def sex_of_first_name(word: str) -> str | None:
    """"male" or "female" when the census lists make ``word`` a clearly sexed first name."""
    return _first_name_sexes().get(word.lower())


def is_title(word: str) -> bool:
    return word in MALE_TITLES or word in FEMALE_TITLES or word.rstrip(".") in PERSON_TITLES


def sex_of_name(words: list[str], lone_names: dict[str, str] | None = None) -> str | None:
    """The sex a person's name shows, from its lowercased words as written, titles
    included ("mrs.", "hillary", "clinton"); None when it shows none. A name of one word
    (after its titles) shows what ``lone_names`` (:func:`sexes_of_lone_names`) says of it."""
    for word in words:
        if word in MALE_TITLES:
            return "male"
        if word in FEMALE_TITLES:
            return "female"
    given = [w for w in words if not is_title(w)]
    if len(given) == 1:
        return (lone_names or {}).get(given[0])
    return sex_of_first_name(given[0]) if given else None


def sexes_of_lone_names(names: list[list[str]]) -> dict[str, str]:
    """What a story shows of the sex of a person it names by one word: a surname takes
    what its full names show ("Mrs. Clinton" makes a later lone "Clinton" a woman, unless the
    story also has a Mr. or a Bill Clinton), and a first name used alone takes the sex of the
    full name it opens ("Keith" after "Keith Lamont Scott")."""
    seen: dict[str, set[str | None]] = {}
    for words in names:
        given = [w for w in words if not is_title(w)]
        sex = sex_of_name(words)
        if len(given) > 1:
            seen.setdefault(given[0], set()).add(sex_of_first_name(given[0]))
        if given and (len(given) > 1 or sex):  # a bare "Clinton" shows nothing, a "Rakeyia Scott" may
            seen.setdefault(given[-1], set()).add(sex)
    return {word: sexes.pop() for word, sexes in seen.items() if len(sexes) == 1 and None not in sexes}
