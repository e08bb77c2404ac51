"""Helpers for benchmarks: where ../shared is, FNC-1 bodies as JSONL, and the PolNeAR scorer."""

from __future__ import annotations

import csv
import importlib.util
import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
FNC = SHARED / "data" / "fnc1"
EVAL = SHARED / "eval"


def fnc_bodies(limit: int | None = None) -> list[dict]:
    csv.field_size_limit(sys.maxsize)
    with (FNC / "train_bodies.csv").open(encoding="utf-8", newline="") as fh:
        rows = [{"id": f"fnc-{r['Body ID']}", "text": r["articleBody"]} for r in csv.DictReader(fh)]
    return rows[:limit] if limit else rows


def write_jsonl(rows: list[dict], path: Path) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    return path


def polnear_scorer():
    """../shared/eval/polnear.py as a module, for its parse_ann, score and as_fragments."""
    spec = importlib.util.spec_from_file_location("polnear_scorer", EVAL / "polnear.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def read_ann(scorer, path: str) -> list | None:
    """One .ann file through the scorer's own reader, or None (with a one-line warning) when
    it cannot read it: one PolNeAR train file holds a span text broken over two lines."""
    try:
        return scorer.parse_ann(path)
    except (IndexError, ValueError, KeyError) as exc:
        print(f"skipped {os.path.basename(path)}: the scorer cannot read it ({exc!r})", file=sys.stderr)
        return None


def readable_gold(split_dir: str, stems: set[str] | None = None) -> str:
    """A folder laid out like a PolNeAR split (text/ and attributions/, as symlinks) with
    the gold .ann file (the first by name, as the scorer takes it) of each article in
    ``stems`` (all when None) that the scorer can read: one unreadable file then drops its
    article instead of stopping the scoring of a whole split."""
    scorer = polnear_scorer()
    tmp = tempfile.mkdtemp(prefix="attr-gold-")
    os.makedirs(os.path.join(tmp, "attributions"))
    os.symlink(os.path.abspath(os.path.join(split_dir, "text")), os.path.join(tmp, "text"))
    ann_dir = os.path.join(split_dir, "attributions")
    gold: dict[str, str] = {}
    for ann in sorted(os.listdir(ann_dir)):
        if ann.endswith(".ann"):
            gold.setdefault(ann.rsplit("_", 1)[0], ann)
    for stem, ann in gold.items():
        path = os.path.join(ann_dir, ann)
        if (stems is None or stem in stems) and read_ann(scorer, path) is not None:
            os.symlink(os.path.abspath(path), os.path.join(tmp, "attributions", ann))
    return tmp
