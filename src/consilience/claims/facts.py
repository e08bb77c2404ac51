"""Event facts of a sentence: for each event verb, who did it, to what, where, when.

Runs at ingest on the sentence Span (one parse per article) and returns plain
data, so the comparer never needs spaCy:

    "Russian forces captured two soldiers in Kursk on Monday."
    -> [{"event": "captu", "agent": "Russian forces", "patient": "two soldiers",
         "places": ["Kursk"], "dates": ["Monday"], "negated": False}]

The text-level fallbacks in consilience.compare (places.event_places,
conflicts._actor_value) do the same from the sentence text when a claim was
stored without facts.
"""

from __future__ import annotations

from typing import Any

PLACE_LABELS = {"GPE", "LOC", "FAC"}
LOCATIVE = {"in", "on", "at", "near", "inside", "outside", "across", "into"}
REPORTING = {"say", "tell", "add", "report", "claim", "state", "accord", "quote", "confirm", "announce",
             "believe", "think", "seem", "appear"}
DEMONYM_GROUNDS = {"soil", "territory", "land", "region", "oblast"}


def _phrase(tok) -> str:
    """The noun phrase without trailing prepositional or clausal parts: "Ukrainian forces"."""
    toks = [tok]
    for c in tok.children:
        if c.i < tok.i and c.dep_ in {"amod", "compound", "det", "nummod", "poss", "case", "quantmod"}:
            toks.extend(c.subtree)
    toks.sort(key=lambda t: t.i)
    return tok.doc[toks[0].i : tok.i + 1].text


def _places_under(verb) -> list[str]:
    """Places in locative phrases on the verb, or on its subject/object (PP attachment is unreliable)."""
    out: list[str] = []
    hosts = [verb] + [c for c in verb.children if c.dep_ in {"dobj", "nsubj", "nsubjpass"}]
    hosts += [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    preps = [c for h in hosts for c in h.children if c.dep_ == "prep" and c.lower_ in LOCATIVE]
    for prep in preps:
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            # The small model tags unfamiliar towns as anything ("Kursk" -> PRODUCT): keep any proper
            # noun here and let the comparer's gazetteer decide.
            if pobj.ent_type_ in PLACE_LABELS or (pobj.pos_ == "PROPN" and pobj.ent_type_ not in {"DATE", "TIME", "PERSON"}):
                ent = next((e for e in pobj.doc.ents if e.start <= pobj.i < e.end), None)
                text = ent.text if ent is not None else pobj.text
                mods = [c.text for c in pobj.children if c.dep_ == "amod" and c.i < pobj.i and c.ent_type_ == ""]
                out.append(" ".join(mods + [text]))
            elif pobj.lemma_.lower() in DEMONYM_GROUNDS:
                mods = [c.text for c in pobj.children if c.dep_ in {"amod", "compound"} and c.ent_type_ in {"NORP", "GPE"}]
                if mods:
                    out.append(" ".join(mods + [pobj.text]))
    return out


def _dates_under(verb) -> list[str]:
    out: list[str] = []
    for tok in verb.children:
        heads = [tok] + ([c for c in tok.children if c.dep_ == "pobj"] if tok.dep_ == "prep" else [])
        for h in heads:
            if h.ent_type_ in {"DATE", "TIME"}:
                ent = next((e for e in h.doc.ents if e.start <= h.i < e.end), None)
                if ent is not None and ent.text not in out:
                    out.append(ent.text)
    return out


def event_facts(sent) -> list[dict[str, Any]]:
    """Who did what to whom, where and when, for each event verb of a sentence Span."""
    from .extract import term_key

    facts: list[dict[str, Any]] = []
    for verb in sent:
        if verb.pos_ != "VERB" or verb.dep_ in {"amod", "compound"} or verb.lemma_.lower() in REPORTING:
            continue
        agent = patient = None
        for c in verb.children:
            if c.dep_ == "nsubj":
                agent = _phrase(c)
            elif c.dep_ in {"dobj", "nsubjpass"}:
                patient = _phrase(c)
            elif c.dep_ == "agent":
                pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
                if pobj is not None:
                    agent = _phrase(pobj)
        facts.append({
            "event": term_key(verb.lemma_),
            "agent": agent,
            "patient": patient,
            "places": _places_under(verb),
            "dates": _dates_under(verb),
            "negated": any(c.dep_ == "neg" for c in verb.children),
        })
    return facts
