"""The consolidated, cited story: corroborated, disputed, single-source.

Pure: takes the story's articles, claims, attributions and copy links, and
returns the Story that every renderer shows.
"""

from __future__ import annotations

from dataclasses import replace

from rapidfuzz import fuzz

from .compare.align import aligned_pairs, copy_groups, findings
from .compare.conflicts import fact_disputes, group_events, polarity_value
from .compare.corroboration import Independence, belligerents, level
from .compare.disputes import internal_number_disputes, number_disputes
from .models import Article, ArticleRef, Attribution, Citation, Claim, Finding, Story

# what a dispute can say against a corroborated finding: its count, place, day, actor or
# whether it happened (two authorities for one fact do not contradict it)
CONTRADICTING = {"number", "place", "date", "actor", "polarity"}
COPY_EDIT_RATIO = 90  # rapidfuzz ratio from which two texts of one copy group are one wording


def _normalised(text: str | None) -> str:
    return " ".join((text or "").lower().split())


def _same_wording(a: str, b: str) -> bool:
    """Two normalised texts a wire copy may have lightly edited ("on Sunday" / "on Sunday night")."""
    return a == b or fuzz.ratio(a, b) >= COPY_EDIT_RATIO


def _normalise_sources(attributions: list[Attribution]) -> dict[str, str]:
    """Original speaker name -> the story-wide name (Zelensky -> Volodymyr Zelenskyy)."""
    try:
        from .claims.speakers import normalise_speakers
    except ImportError:  # speakers module not present: keep names as extracted
        return {}
    normalised = normalise_speakers([replace(a) for a in attributions])
    return {a.source: n.source for a, n in zip(attributions, normalised) if a.source and n.source}


def _finding(claims: list[Claim], independence: Independence | None = None, parties: set[str] | None = None) -> Finding:
    # State the finding in the words of its least hedged sentence.
    lead = min(claims, key=lambda c: (len(c.hedges), len(c.text)))
    units = independence.units(claims) if independence else []
    n = max(1, len(units))
    party_codes = {u.party for u in units}
    return Finding(
        statement=lead.text,
        articles=list(dict.fromkeys(c.article for c in claims)),
        hedged=all(c.hedged for c in claims),
        citations=[Citation(c.article, c.start, c.end, c.text) for c in claims],
        level=level(n),
        independent_sources=n,
        parties=[u.label for u in units],
        party_only=bool(units) and len(party_codes) == 1 and None not in party_codes
        and bool(parties) and next(iter(party_codes)) in parties,  # type: ignore[operator]
    )


def build_story(
    story_id: str,
    articles: list[Article],
    claims_by_article: dict[str, list[Claim]],
    attributions_by_article: dict[str, list[Attribution]],
    copy_of: dict[str, str | None],
    title: str | None = None,
) -> Story:
    ids = [a.id for a in articles]
    groups = copy_groups(ids, copy_of)
    outlets = {a.id: a.outlet for a in articles}
    all_attributions = [att for aid in ids for att in attributions_by_article.get(aid, [])]
    names = _normalise_sources(all_attributions)

    claims: list[Claim] = []
    for aid in ids:
        for c in claims_by_article.get(aid, []):
            claims.append(replace(c, source=names.get(c.source, c.source) if c.source else None))

    pairs = aligned_pairs(claims, groups)
    independence = Independence(groups, outlets)
    parties = belligerents(claims, groups)
    order = {aid: n for n, aid in enumerate(ids)}
    components = findings(claims, pairs)
    corroborated, alone, one_party = [], [], []
    for comp in components:
        members = sorted((claims[i] for i in comp), key=lambda c: (order[c.article], c.start))
        for part in _same_polarity(members):
            if len({groups[c.article] for c in part}) < 2:
                alone.extend(part)
                continue
            finding = _finding(part, independence, parties)
            # several outlets repeating one party's word is still that party's word alone
            (corroborated if finding.independent_sources >= 2 else one_party).append(finding)
    alone.sort(key=lambda c: (order[c.article], c.start))
    single = [_finding(same, independence, parties) for same in _copies_together(alone, groups)] + one_party
    corroborated.sort(key=lambda f: (-f.independent_sources, -len(f.articles), order[f.citations[0].article],
                                     f.citations[0].start))
    single.sort(key=lambda f: (order[f.articles[0]], f.citations[0].start))
    disputed = number_disputes(claims, groups, outlets)
    disputed += internal_number_disputes(claims, outlets)
    disputed += fact_disputes(claims, components, groups, outlets)
    # Conflicts between independent reports first, counts first among them; inconsistencies inside one article last.
    kinds = ["number", "place", "date", "actor", "polarity", "attribution"]
    disputed.sort(key=lambda d: (d.internal, kinds.index(d.kind) if d.kind in kinds else len(kinds)))
    _mark_disputed(corroborated, disputed)

    attributions = _story_attributions(all_attributions, names, groups)

    refs = [
        ArticleRef(
            id=a.id, title=a.title, outlet=a.outlet, published=a.published, path=a.path,
            copy_of=groups[a.id] if groups[a.id] != a.id else None,
        )
        for a in articles
    ]
    return Story(
        id=story_id,
        title=title or next((a.title for a in articles if a.title), None) or _first_sentence(claims),
        articles=refs,
        corroborated=corroborated,
        disputed=disputed,
        single_source=single,
        attributions=attributions,
        independent_sources=len(set(groups.values())),
    )


def _story_attributions(all_attributions: list[Attribution], names: dict[str, str],
                        groups: dict[str, str]) -> list[dict]:
    """The brief's "who said what": one entry per report, speakers under their story-wide
    names. A copy repeating its original's attribution, as is or lightly edited, is one
    report: the copy is cited beside it ("copies")."""
    attributions: list[dict] = []
    reported: dict[tuple, list[tuple[str, dict]]] = {}  # (copy group, source, cue) -> (content, entry)
    for att in all_attributions:
        source = names.get(att.source, att.source) if att.source else None
        content = _normalised(att.content)
        same = reported.setdefault((groups[att.article], source, att.cue), [])
        first = next((e for c, e in same if att.article not in [e["article"], *e["copies"]]
                      and _same_wording(c, content)), None)
        if first is not None:
            first["copies"].append(att.article)
            continue
        entry = {
            "article": att.article,
            "source": source,
            "cue": att.cue,
            "content": att.content,
            "stands_for": att.stands_for,
            "via": att.via,
            "cites": att.cites,
            "hedged": att.hedged,
            "start": att.start,
            "end": att.end,
            "copies": [],
        }
        same.append((content, entry))
        attributions.append(entry)
    return attributions


def _mark_disputed(findings: list[Finding], disputes: list) -> None:
    """A corroborated finding whose own sentences are sides of a dispute between
    independent reports ("two soldiers" / "one soldier") names it: the sources agree
    that it happened, not on the detail in dispute."""
    for f in findings:
        cited = {(c.article, c.start) for c in f.citations}
        f.disputed = list(dict.fromkeys(
            d.about for d in disputes if d.kind in CONTRADICTING and not d.internal
            and any((c.article, c.start) in cited for side in d.sides for c in side.citations)))


def _copies_together(part: list[Claim], groups: dict[str, str]) -> list[list[Claim]]:
    """Claims from one copy group: a sentence that a wire copy repeats, as is or lightly
    edited ("on Sunday" / "on Sunday night"), is one finding citing every copy, not one
    finding per copy. Other sentences stand alone."""
    together: list[list[Claim]] = []
    by_group: dict[str, list[tuple[str, list[Claim]]]] = {}  # copy group -> (normalised text, claims)
    for c in part:
        text = _normalised(c.text)
        buckets = by_group.setdefault(groups[c.article], [])
        match = next((claims for t, claims in buckets if all(o.article != c.article for o in claims)
                      and _same_wording(t, text)), None)
        if match is None:
            together.append([c])
            buckets.append((text, together[-1]))
        else:
            match.append(c)
    return together


def _same_polarity(members: list[Claim]) -> list[list[Claim]]:
    """An aligned group that affirms and denies one fact corroborates neither: split it
    (the polarity dispute records the conflict)."""
    events = group_events(members)

    def key(c: Claim) -> str:
        value = polarity_value(c, events)
        return value[0] if value else "neither"

    keys = {key(c) for c in members}
    if len(keys) < 2:
        return [members]
    return [[c for c in members if key(c) == k] for k in sorted(keys)]


def _first_sentence(claims: list[Claim]) -> str:
    return claims[0].text[:120] if claims else "(untitled)"
