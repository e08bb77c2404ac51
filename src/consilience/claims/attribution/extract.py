"""The attribution pipeline over one parsed article: rule candidates, scored by the
cue model, then overlapping cues dropped and content ends and cue edges fitted.
"""

from __future__ import annotations

from ...models import Attribution
from ..speakers import normalise_speakers
from .boundaries import CUE_EDGE_STEPS, _apply_ext, _fit_content_end
from .model import cue_model
from .rules import candidates
from .sources import resolve_sources


def extract_attributions(doc, article: str = "") -> list[Attribution]:
    """All attributions in a parsed article, in text order. Pure: reads ``doc`` only.

    Rules propose candidates; a small learned cue model (when its data file is
    installed, see ``consilience train attribution``) keeps the likely ones.
    Without the model, the conservative rule set alone decides.
    """
    model = cue_model()
    scored: list[tuple[Attribution, float]] = []
    for a, feats in candidates(doc, article):
        p = 1.0
        if model is not None and "signed" not in feats:
            p = model.probability(feats)
            if p < model.threshold:
                continue
        elif "weak" in feats:
            continue
        scored.append((a, p))
    kept = _drop_overlapping_cues(scored)
    if model is not None and (model.cut is not None or model.run_on is not None):
        kept = [_fit_content_end(doc, a, model) for a in kept]
    if model is not None and model.ext is not None:
        kept = [_apply_ext(doc, a, model.ext) for a in kept]
    for step in CUE_EDGE_STEPS:
        kept = [step(doc, a) for a in kept]
    return normalise_speakers(resolve_sources(doc, _dedupe(kept)))


def _drop_overlapping_cues(scored: list[tuple[Attribution, float]]) -> list[Attribution]:
    """Two kept proposals whose cues share words ("issued" and "issued a warning
    about") are one reporting event: keep the likelier (the first on a tie)."""
    chars: list[set[int]] = [set().union(*(range(s, e) for s, e in a.cue_spans)) for a, _ in scored]
    drop: set[int] = set()
    for i in range(len(scored)):
        for j in range(i + 1, len(scored)):
            if scored[j][0].cue_spans[0][0] >= scored[i][0].cue_spans[-1][1]:
                break
            if i in drop or j in drop or chars[i].isdisjoint(chars[j]) or scored[i][0].cue_spans == scored[j][0].cue_spans:
                continue
            drop.add(j if scored[i][1] >= scored[j][1] else i)
    return [a for k, (a, _) in enumerate(scored) if k not in drop]


def _dedupe(attributions: list[Attribution]) -> list[Attribution]:
    """One attribution per cue span (the first proposal wins)."""
    seen: set = set()
    out = []
    for a in attributions:
        key = tuple(a.cue_spans)
        if key in seen:
            continue
        seen.add(key)
        out.append(a)
    return out
