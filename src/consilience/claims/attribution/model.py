"""The learned cue model: logistic weights stored as JSON (keep a candidate, end
its content, grow its cue), loaded once per path; and the count buckets its features use.
"""

from __future__ import annotations

import json
import math
import os
from pathlib import Path

MODEL_PATH = Path(__file__).resolve().parent.parent.parent / "data" / "attribution_cue_model.json"


class CueModel:
    """Logistic regression over sparse binary features, stored as JSON weights."""

    def __init__(self, weights: dict[str, float], bias: float, threshold: float = 0.5,
                 cut: CueModel | None = None, ext: CueModel | None = None, run_on: CueModel | None = None):
        self.weights = weights
        self.bias = bias
        self.threshold = threshold
        self.cut = cut  # where a content ends early (see content_cuts)
        self.ext = ext  # which words next to a cue verb belong to the cue (see cue_pieces)
        self.run_on = run_on  # whether a content runs on to its sentence end (see content_run_on)

    def probability(self, feats: list[str]) -> float:
        z = self.bias + sum(self.weights.get(f, 0.0) for f in feats)
        if z < -30:
            return 0.0
        return 1.0 / (1.0 + math.exp(-z))

    @classmethod
    def load(cls, path: Path) -> CueModel:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
        cut = data.get("cut")
        cut_model = cls(cut["weights"], float(cut["bias"]), float(cut.get("threshold", 0.5))) if cut else None
        ext = data.get("ext")
        ext_model = cls(ext["weights"], float(ext["bias"]), float(ext.get("threshold", 0.5))) if ext else None
        run_on = data.get("run_on")
        run_on_model = cls(run_on["weights"], float(run_on["bias"]), float(run_on.get("threshold", 0.5))) \
            if run_on else None
        return cls(data["weights"], float(data["bias"]), float(data.get("threshold", 0.5)), cut_model, ext_model,
                   run_on_model)


_model_cache: dict[str, CueModel | None] = {}


def cue_model() -> CueModel | None:
    """The installed cue model, or None (then rules alone decide). Set
    CONSILIENCE_ATTRIBUTION_MODEL to another file, or to "none" to disable it."""
    path = os.environ.get("CONSILIENCE_ATTRIBUTION_MODEL") or str(MODEL_PATH)  # empty means the default
    if path not in _model_cache:
        model = None
        if path.lower() != "none" and os.path.exists(path):
            try:
                model = CueModel.load(Path(path))
            except (OSError, ValueError, KeyError):
                model = None
        _model_cache[path] = model
    return _model_cache[path]


def _bucket(n: int) -> str:
    for limit in (0, 1, 2, 3, 5, 8, 13, 21, 34):
        if n <= limit:
            return str(limit)
    return "many"
