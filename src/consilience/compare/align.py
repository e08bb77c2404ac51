"""Aligning claims across articles: which sentences say the same thing.

Claims are compared only across independent articles (different copy groups),
through an inverted index on content terms, so a story of many articles does
not compare every sentence with every other.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from ..claims.extract import term_key
from ..models import Claim

MIN_SHARED_TERMS = 3
MIN_DICE = 0.3


def copy_groups(article_ids: Iterable[str], copy_of: dict[str, str | None]) -> dict[str, str]:
    """Article id -> id of the original it copies (itself when original)."""
    groups: dict[str, str] = {}
    for aid in article_ids:
        root, seen = aid, set()
        while copy_of.get(root) and root not in seen:
            seen.add(root)
            root = copy_of[root]  # type: ignore[assignment]
        groups[aid] = root
    return groups


QUANTITY_BONUS = 0.15

# Words by which a sentence claims more than its event happened: that it was the
# first, the only, a record, the worst. "This is the first time Ukraine captured a
# North Korean soldier" is not corroborated by "two soldiers were captured".
_SINGULAR_CLAIMS = {name: re.compile(rf"\b(?:{rx})", re.I) for name, rx in {
    "first": r"(?:for\s+)?the\s+first\s+time|first[- ]ever|the\s+first\s+of\s+its\s+kind",
    "never before": r"never\s+before|unprecedented",
    "record": r"(?:a|the)\s+record\b|record[- ](?:high|low|number|levels?)",
    "only": r"the\s+only\b",
    "most": r"the\s+(?:largest|biggest|deadliest|worst|highest|lowest|longest|smallest)\b",
}.items()}


def singular_claims(claim: Claim) -> frozenset[str]:
    """Which of "first", "never before", "record", "only", "most" the sentence claims.
    Two sentences align only when they claim the same of these."""
    return frozenset(name for name, rx in _SINGULAR_CLAIMS.items() if rx.search(claim.text))


def aligned_pairs(claims: list[Claim], groups: dict[str, str]) -> list[tuple[int, int, float]]:
    """Index pairs (i, j) of claims from different copy groups that say the same thing,
    scored by the Dice overlap of their content terms.

    Two sentences speak of the same fact only if they share an event verb
    ("captured"); counting the same thing in the same event ("two soldiers
    captured" / "a soldier captured") is strong evidence and adds a bonus. A
    sentence that says the event was the first, the only or a record does not meet
    one that does not say so.

    Candidates come from an inverted index; a candidate whose best possible
    overlap cannot reach the thresholds is dropped before scoring, so large
    stories are not compared sentence by sentence.
    """
    index: dict[str, list[int]] = defaultdict(list)
    term_sets = [set(c.lemmas) for c in claims]
    event_sets = [set(c.events) for c in claims]
    qkeys = [{(term_key(q.event), term_key(q.noun)) for q in c.quantities if q.noun and q.event} for c in claims]
    singular = [singular_claims(c) for c in claims]
    for i, terms in enumerate(term_sets):
        for term in terms:
            index[term].append(i)
    # Terms found in most claims carry no signal and blow up candidate lists.
    limit = max(25, len(claims) // 3)
    common = {t for t, posting in index.items() if len(posting) > limit}
    pairs: list[tuple[int, int, float]] = []
    for i, c in enumerate(claims):
        terms = term_sets[i]
        if not terms or not event_sets[i]:
            continue
        counts: dict[int, int] = defaultdict(int)
        skipped = 0
        for term in terms:
            if term in common:
                skipped += 1
                continue
            for j in index[term]:
                if j > i:
                    counts[j] += 1
        group = groups[c.article]
        for j, n in counts.items():
            # Shared terms are at most the indexed ones plus the skipped common ones.
            best = n + skipped
            if best < MIN_SHARED_TERMS:
                continue
            if 2 * best / (len(terms) + len(term_sets[j])) + QUANTITY_BONUS < MIN_DICE:
                continue
            if not event_sets[i] & event_sets[j] or groups[claims[j].article] == group or singular[i] != singular[j]:
                continue
            # Dice overlap over the precomputed sets.
            shared = len(terms & term_sets[j])
            dice = 2 * shared / (len(terms) + len(term_sets[j]))
            if qkeys[i] & qkeys[j]:
                dice += QUANTITY_BONUS
            if dice >= MIN_DICE and shared >= MIN_SHARED_TERMS:
                pairs.append((i, j, dice))
    return pairs


def findings(claims: list[Claim], pairs: list[tuple[int, int, float]]) -> list[list[int]]:
    """Group aligned claims into findings, strongest links first.

    Two groups join only if they share no article: a finding holds at most one
    sentence per article, so a chain of loosely related sentences cannot grow
    into one finding that swallows a story.
    """
    parent = list(range(len(claims)))
    arts: list[set[str]] = [{c.article} for c in claims]

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    # ties broken by position: pairs come in the order of a set of terms, which changes
    # with the hash seed, and so did the findings
    for i, j, _ in sorted(pairs, key=lambda p: (-p[2], p[0], p[1])):
        ri, rj = find(i), find(j)
        if ri == rj or arts[ri] & arts[rj]:
            continue
        parent[rj] = ri
        arts[ri] |= arts[rj]
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(claims)):
        groups[find(i)].append(i)
    return list(groups.values())
