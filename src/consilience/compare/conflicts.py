"""Disputes beyond numbers: place, date, actor, polarity and attribution.

Claims are compared only inside event groups: the sentences aligned into one
finding (the same fact in other words), and the sentences counting the same
thing in the same event ("captured two soldiers" / "the soldiers were captured
in eastern Ukraine"). Each group is small, so the work is linear in the claims.

Within a group, each claim's value (where, when, who did it, affirmed or
denied, who says so) is resolved to something comparable: a country, a day,
a party. Values that cannot both hold make a dispute between independent
articles, or an internal inconsistency when one article holds both.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable

from ..claims.extract import term_key
from ..models import Claim, Dispute
from . import dates as dates_mod
from .disputes import _outlet, _side, past_participle, plural
from .places import country_name, country_of, event_places, party_of

EventGroup = tuple[str, list[str], list[int]]  # (what happened, its event keys, claim indices)


def _event_word(claims: list[Claim], key: str) -> str:
    for c in claims:
        m = re.search(rf"\b{re.escape(key)}\w*", c.text, re.I)
        if m:
            return m.group(0).lower()
    return key


def event_groups(claims: list[Claim], components: list[list[int]]) -> list[EventGroup]:
    """Aligned findings, plus claims counting the same thing in the same event.

    "Ukraine captured two soldiers" and "the two soldiers ... were captured in
    eastern Ukraine" meet on (capture, soldier) even when the second sentence
    hangs its count on another verb.
    """
    out: list[EventGroup] = []
    by_key: dict[tuple[str, str], list[int]] = defaultdict(list)
    nouns: dict[tuple[str, str], str] = {}
    verbs: dict[str, str] = {}  # event key -> a lemma that has it ("injur" -> "injure")
    for i, c in enumerate(claims):
        keys: set[tuple[str, str]] = set()
        counted = [q for q in c.quantities if q.noun and not q.modal and not q.earlier]
        for q in counted:
            nk = term_key(q.noun)
            if q.event:
                keys.add((term_key(q.event), nk))
                verbs.setdefault(term_key(q.event), q.event)
            keys.update((e, nk) for e in c.events)
            for e in [term_key(q.event)] + c.events if q.event else c.events:
                nouns.setdefault((e, nk), q.noun)
        for key in sorted(keys):  # in a set's order, the groups (and their labels) changed with the hash seed
            by_key[key].append(i)
    for key, idx in by_key.items():
        if len(idx) >= 2:
            group = [claims[i] for i in idx]
            word = past_participle(verbs[key[0]] if key[0] in verbs else _event_word(group, key[0]))
            out.append((f"the {plural(nouns.get(key, key[1]))} were {word}" if word else
                        f"the {plural(nouns.get(key, key[1]))}", [key[0]], idx))
    for comp in components:
        if len(comp) >= 2:
            out.append(("", group_events([claims[i] for i in comp]), sorted(comp)))
    return out


def group_events(group: list[Claim]) -> list[str]:
    """The events every claim of an aligned group names, or failing that any of them names."""
    shared = set(group[0].events) if group else set()
    for c in group[1:]:
        shared &= set(c.events)
    return sorted(shared) or sorted({e for c in group for e in c.events})


def _describe(what: str, claims: list[Claim]) -> str:
    if what:
        return what
    lead = min(claims, key=lambda c: len(c.text))
    text = lead.text if len(lead.text) <= 90 else lead.text[:87].rsplit(" ", 1)[0] + "…"
    return f"“{text}”"


def _split(
    group: list[Claim],
    value_of: Callable[[Claim], tuple[str, str] | None],
    conflict: Callable[[str, str], bool],
) -> dict[str, list[tuple[Claim, str]]]:
    """Claims by comparable key (value_of -> (key, label)), skipping claims without one."""
    sides: dict[str, list[tuple[Claim, str]]] = defaultdict(list)
    for c in group:
        v = value_of(c)
        if v is not None:
            sides[v[0]].append((c, v[1]))
    return sides


def _conflicts(
    kind: str,
    about: str,
    sides: dict[str, list[tuple[Claim, str]]],
    conflict: Callable[[str, str], bool],
    groups: dict[str, str],
    outlets: dict[str, str | None],
    party_of_key: Callable[[str], str | None],
    explain: Callable[[list[str], bool], str],
) -> list[Dispute]:
    """Turn sides into a cross-article dispute and/or internal inconsistencies."""
    keys = list(sides)
    if len(keys) < 2 or not any(conflict(a, b) for a in keys for b in keys if a < b):
        return []
    out: list[Dispute] = []
    # Internal: one article on two sides that conflict.
    arts_by_key = {k: {c.article for c, _ in v} for k, v in sides.items()}
    for art in sorted({a for s in arts_by_key.values() for a in s}):
        mine = [k for k in keys if art in arts_by_key[k]]
        if len(mine) >= 2 and any(conflict(a, b) for a in mine for b in mine if a < b):
            labels = [sides[k][0][1] for k in mine]
            out.append(Dispute(
                about=about,
                sides=[_side(sides[k][0][1], [c for c, _ in sides[k] if c.article == art], outlets, party_of_key(k))
                       for k in mine],
                kind=kind,
                explanation=_cap(f"{_outlet(art, outlets)} {explain(labels, True)}."),
                internal=True,
            ))
    # Across independent articles.
    groups_by_key = {k: {groups.get(c.article, c.article) for c, _ in v} for k, v in sides.items()}
    cross = any(
        conflict(a, b) and any(ga != gb for ga in groups_by_key[a] for gb in groups_by_key[b])
        for a in keys for b in keys if a < b
    )
    if cross:
        labels = [sides[k][0][1] for k in keys]
        out.append(Dispute(
            about=about,
            sides=[_side(sides[k][0][1], [c for c, _ in sides[k]], outlets, party_of_key(k)) for k in keys],
            kind=kind,
            explanation=f"Independent reports {explain(labels, False)}.",
        ))
    return out


# --- values -----------------------------------------------------------------


def _place_value(c: Claim) -> tuple[str, str] | None:
    places = event_places(c.text, c.places)
    countries = {p.country for p in places}
    if len(countries) != 1:
        return None  # nowhere, or a movement between countries ("from Kursk into Ukraine")
    code = countries.pop()
    names = ", ".join(p.name for p in places)
    return code, f"{names} ({country_name(code)})" if names.lower() != country_name(code).lower() else names


def _date_value(c: Claim) -> tuple[str, str] | None:
    days = dates_mod.event_days(c.dates)
    if len(days) != 1:
        return None
    kind, key = days[0]
    return f"{kind}|{key}", dates_mod.label(kind, key)


def _date_conflict(a: str, b: str) -> bool:
    ka, kb = a.split("|", 1), b.split("|", 1)
    return dates_mod.conflict((ka[0], ka[1]), (kb[0], kb[1]))


_AGENT_TAIL = r"(?:\s+(?:forces|troops|army|military|soldiers|officials|authorities|police|navy|drones?|units?))?"
_NAME = r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*"


def _agent_party(phrase: str) -> str | None:
    phrase = re.sub(r"^(?:the|a|an)\s+", "", phrase.strip(), flags=re.I)
    code = party_of(phrase)
    if code:
        return code
    words = phrase.split()
    for n in range(len(words), 0, -1):
        code = country_of(" ".join(words[:n]))
        if code:
            return code
    return None


def _actor_value(c: Claim, events: list[str]) -> tuple[str, str] | None:
    """Country of whoever did the event: "Russian forces captured", "captured by Ukraine"."""
    found: dict[str, str] = {}
    for ev in events:
        for m in re.finditer(rf"\b{re.escape(ev)}\w*", c.text, re.I):
            after = c.text[m.end():]
            by = re.match(rf"\s+by\s+(?:the\s+)?({_NAME}{_AGENT_TAIL})", after)
            if by:
                code = _agent_party(by.group(1))
                if code:
                    found[code] = by.group(1)
                continue
            before = c.text[: m.start()]
            if re.search(r"\b(?:was|were|been|being|is|are|be)\s+(?:\w+ly\s+)?$", before, re.I):
                continue  # passive: the subject is who it happened to
            subj = re.search(rf"(?:^|[,;]\s*|\bthat\s+)(?:the\s+)?({_NAME}{_AGENT_TAIL})\s+"
                             r"(?:(?:has|have|had|reportedly|allegedly|also|successfully)\s+)*$", before)
            if subj:
                code = _agent_party(subj.group(1))
                if code:
                    found[code] = subj.group(1)
    if len(found) != 1:
        return None
    code, phrase = next(iter(found.items()))
    return code, f"{phrase} ({country_name(code)})" if phrase.lower() != country_name(code).lower() else phrase


_DENY = re.compile(r"\b(den(?:y|ied|ies|ying)|rejected|refuted|dismissed|disputed)\b", re.I)
_NEITHER = re.compile(r"\b(confirm or deny|neither confirm|not confirmed or denied|declined to (?:confirm|comment)|"
                      r"(?:would|will|did|does|do) not say (?:whether|if)|(?:not known|unclear|no information on) "
                      r"(?:whether|if))\b", re.I)
# A question or a condition asserts nothing: "Didn't Apple already introduce it?", "If Woods failed a test"
_NOT_ASSERTED = re.compile(r"^\W*(?:if|unless|whether|should)\b", re.I)


def polarity_value(c: Claim, events: list[str] | None = None) -> tuple[str, str] | None:
    """("yes", ...) when the sentence affirms the group's event, ("no", ...) when it denies
    or negates it, None when it pointedly does neither ("would not confirm or deny", a
    question, a condition). A negation of another event than the group's ("MGM did not
    identify the guest" beside "the guest said the party was smaller") leaves it affirmed."""
    if _NEITHER.search(c.text) or _NOT_ASSERTED.match(c.text) or c.text.rstrip(" \"'”’)").endswith("?"):
        return None
    deny = bool(_DENY.search(c.text))
    if deny and c.negated:
        return None  # "did not deny": too subtle to call
    if c.denied_by and not c.negated:
        return "no", f"denied by {c.denied_by}"
    if c.negated_events is not None and events:
        # stored claims say which events they negate; older ones fall back on the sentence
        deny = negated = bool(set(c.negated_events) & set(events))
    else:
        negated = c.negated
    if deny or negated:
        return "no", "denied / did not happen"
    return "yes", "affirmed"


def _attribution_value(c: Claim) -> tuple[str, str] | None:
    code = party_of(c.source)
    if not code:
        return None
    return code, f"{c.source} ({country_name(code)})"


def _different(a: str, b: str) -> bool:
    return a != b


def fact_disputes(
    claims: list[Claim],
    components: list[list[int]],
    groups: dict[str, str],
    outlets: dict[str, str | None],
) -> list[Dispute]:
    """Place, date, actor, polarity and attribution disputes over the story's event groups."""
    out: list[Dispute] = []
    seen: set[tuple] = set()
    for what, events, idx in event_groups(claims, components):
        group = [claims[i] for i in idx]
        aligned = not what  # an aligned finding: same fact, so polarity and attribution compare too
        subject = _describe(what, group)
        checks = [
            ("place", f"where {subject}" if what else f"where it happened: {subject}", _place_value, _different,
             lambda k: country_name(k),
             lambda ls, one: f"{'places' if one else 'place'} it in different countries"
                             f"{' in different sentences' if one else ''}: {' vs '.join(ls)}"),
            ("date", f"when {subject}" if what else f"when it happened: {subject}", _date_value, _date_conflict,
             lambda k: None,
             lambda ls, one: f"{'dates' if one else 'date'} it to different days"
                             f"{' in different sentences' if one else ''}: {' vs '.join(ls)}"),
            ("actor", f"who did it: {subject}", lambda c, evs=events: _actor_value(c, evs), _different,
             lambda k: country_name(k),
             lambda ls, one: f"{'credits' if one else 'credit'} the act to different sides"
                             f"{' in different sentences' if one else ''}: {' vs '.join(ls)}"),
        ]
        if aligned:
            checks += [
                ("polarity", f"whether it happened: {subject}", lambda c, evs=events: polarity_value(c, evs), _different,
                 lambda k: None, lambda ls, one: "affirm it on one side and deny it on the other"),
                ("attribution", f"on whose word: {subject}", _attribution_value, _different,
                 lambda k: country_name(k),
                 lambda ls, one: f"credit the same fact to different authorities: {' vs '.join(ls)}"),
            ]
        for kind, about, value_of, conflict, party_key, explain in checks:
            sides = _split(group, value_of, conflict)
            if kind in {"polarity", "attribution"}:
                # Only between independent articles: one article quoting both sides is reporting, not contradicting itself.
                found = [d for d in _conflicts(kind, about, sides, conflict, groups, outlets, party_key, explain)
                         if not d.internal]
            else:
                found = _conflicts(kind, about, sides, conflict, groups, outlets, party_key, explain)
            for d in found:
                sig = (d.kind, d.internal, tuple(sorted((s.value, tuple(s.articles)) for s in d.sides)))
                if sig not in seen:
                    seen.add(sig)
                    out.append(d)
    return out


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]
