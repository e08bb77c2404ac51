"""Helpers for benchmarks: where ../shared is, FNC-1 bodies as JSONL, the PolNeAR scorer and its files."""

from __future__ import annotations

import collections
import contextlib
import csv
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
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


@contextlib.contextmanager
def readable_gold(split_dir: str, stems: set[str] | None = None) -> Iterator[str]:
    """A folder laid out like a PolNeAR split (text/ and attributions/, as symlinks) with
    the gold .ann file (the first by name, as the scorer takes it) of each article in
    ``stems`` (all when None) that the scorer can read: one unreadable file then drops its
    article instead of stopping the scoring of a whole split. The folder is removed on exit."""
    scorer = polnear_scorer()
    with tempfile.TemporaryDirectory(prefix="attr-gold-") as tmp:
        os.makedirs(os.path.join(tmp, "attributions"))
        os.symlink(os.path.abspath(os.path.join(split_dir, "text")), os.path.join(tmp, "text"))
        for doc, files in annotation_files(split_dir).items():
            if (stems is None or doc[:-len(".txt")] in stems) and read_ann(scorer, files[0]) is not None:
                os.symlink(os.path.abspath(files[0]), os.path.join(tmp, "attributions", os.path.basename(files[0])))
        yield tmp


def score_polnear(split_dir: str, predictions: str, stems: set[str] | None = None) -> dict:
    """The scores ../shared/eval/polnear.py gives the predictions file against the split's gold
    (only the articles in ``stems`` when given), run as the scorer's own command."""
    with readable_gold(split_dir, stems) as data:
        res = subprocess.run([sys.executable, str(EVAL / "polnear.py"), "--data", data, "--predictions", predictions],
                             capture_output=True, text=True, check=True)
    return json.loads(res.stdout)


def annotation_files(split_dir: str) -> dict[str, list[str]]:
    """Text file name -> its .ann files in name order (the first is gold, as the scorer takes it)."""
    ann_dir = os.path.join(split_dir, "attributions")
    by_doc: dict[str, list[str]] = collections.defaultdict(list)
    for name in sorted(os.listdir(ann_dir)):
        if name.endswith(".ann"):
            by_doc[name.rsplit("_", 1)[0] + ".txt"].append(os.path.join(ann_dir, name))
    return by_doc


def read_predictions(path: str) -> dict[str, list[dict]]:
    """Predicted attributions (JSONL, one per line) by text file name; a line that is not
    JSON raises ValueError naming the file and line."""
    predictions: dict[str, list[dict]] = collections.defaultdict(list)
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except ValueError as exc:
                raise ValueError(f"{path} line {number}: not JSON ({exc})") from None
            predictions[os.path.basename(str(row.get("doc", "")))].append(row)
    return predictions
