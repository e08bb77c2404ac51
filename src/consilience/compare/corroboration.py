"""How many independent sources stand behind a finding.

Independence is counted in units, not articles:
- copies of one original are one unit (copy groups);
- an article relaying another outlet's report ("as reported by Yonhap",
  via=Yonhap) collapses into that outlet when it is in the story;
- claims credited to the same party collapse into that party: "Ukrainian
  officials", "Ukrainian authorities" and "Ukraine's military" are one;
- a source that cites a named party for the claim ("Yonhap, quoting the NIS")
  counts as that party: two outlets citing the NIS are one source;
- otherwise a named source counts once however many outlets quote it, and an
  unattributed claim counts as its outlet's own reporting.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, replace
from functools import lru_cache

from ..claims.speakers import name_key
from ..models import Claim
from .places import ALIASES, DEMONYMS, country_name, party_of


@dataclass(frozen=True)
class Unit:
    key: str  # "party:UA", "source:national intelligence service", "group:<article id>"
    label: str  # "Ukraine (officials)", "National Intelligence Service", "Valley Post"
    party: str | None = None  # ISO code when the unit is a country's side


class Independence:
    """Resolves claims to independence units for one story."""

    def __init__(self, groups: dict[str, str], outlets: dict[str, str | None]):
        self.groups = groups
        self.outlets = outlets
        self.outlet_group: dict[str, str] = {}
        for aid, outlet in outlets.items():
            if outlet:
                self.outlet_group.setdefault(name_key(outlet), groups.get(aid, aid))

    def _outlet_unit(self, name: str | None) -> Unit | None:
        if not name:
            return None
        key = name_key(name)
        for outlet, group in self.outlet_group.items():
            if outlet == key or (len(outlet) > 3 and outlet in key):
                return Unit(f"group:{group}", self.outlets.get(group) or name)
        return None

    def unit(self, claim: Claim) -> Unit:
        if claim.source and claim.cites and _is_named(claim.cites):
            # "police" or "two officials" cited by two outlets may be different people
            cited = replace(claim, source=re.sub(r"^the\s+", "", claim.cites, flags=re.I), cites=None, via=None)
            return self.unit(cited)
        if claim.source:
            relayed = self._outlet_unit(claim.source)
            if relayed:
                return relayed
            party = party_of(claim.source)
            if party:
                return Unit(f"party:{party}", f"{country_name(party)} ({claim.source})", party)
            return Unit(f"source:{name_key(claim.source)}", claim.source)
        relayed = self._outlet_unit(claim.via)
        if relayed:
            return relayed
        group = self.groups.get(claim.article, claim.article)
        outlet = self.outlets.get(group) or self.outlets.get(claim.article) or f"article {group}"
        # a source with no name counts as the outlet that quotes it, but is shown
        label = f"{claim.source_phrase} (no name given, in {outlet})" if claim.source_phrase else outlet
        return Unit(f"group:{group}", label)

    def units(self, claims: list[Claim]) -> list[Unit]:
        out: dict[str, Unit] = {}
        for c in claims:
            u = self.unit(c)
            out.setdefault(u.key, u)
        return list(out.values())


_PHRASE_BREAKS = {"of", "in", "at", "from", "with", "within", "near", "by", "for", "on", "who", "which", "that",
                  "it", "he", "she", "they", "associated", "close", "familiar"}


def _is_named(phrase: str) -> bool:
    """Whether a cited phrase names someone: its head, the last word before any
    qualifier, is a name ("the NIS", "volcanologist Humberto Saballos", "the Roper
    Center"), not a kind of source ("police", "sources within Apple", "witnesses in
    northern Aleppo province", "Syrian jihadist-linked media")."""
    words = phrase.replace(",", " , ").split()
    head = ""
    for w in words:
        if w == "," or w.lower() in _PHRASE_BREAKS:
            break
        head = w
    return head[:1].isupper()


def level(n: int) -> str:
    return "strong" if n >= 3 else "corroborated" if n == 2 else "single"


@lru_cache(maxsize=1)
def _country_regex() -> tuple[re.Pattern, dict[str, str]]:
    table = {k: v for k, v in {**ALIASES, **DEMONYMS}.items() if k not in {"us", "korean"}}
    names = sorted(table, key=len, reverse=True)
    return re.compile(r"(?<![\w.])(" + "|".join(re.escape(n) for n in names) + r")(?!\w)", re.I), table


def belligerents(claims: list[Claim], groups: dict[str, str]) -> set[str]:
    """Countries the story is about: named in most independent articles.

    A finding resting only on one of these countries' own statements is
    marked party_only; a third country's agency is not a party.
    """
    rx, table = _country_regex()
    seen: dict[str, set[str]] = defaultdict(set)
    claim_counts: dict[str, int] = defaultdict(int)
    for c in claims:
        codes = {table[m.group(1).lower()] for m in rx.finditer(c.text)}
        for code in codes:
            seen[code].add(groups.get(c.article, c.article))
            claim_counts[code] += 1
    n_groups = len(set(groups.values())) or 1
    if n_groups == 1:
        return {code for code, n in claim_counts.items() if n >= 2}
    need = max(2, (n_groups + 1) // 2)
    return {code for code, g in seen.items() if len(g) >= need}
