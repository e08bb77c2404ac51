"""Helpers for benchmarks: where ../shared is, and FNC-1 bodies as JSONL."""

from __future__ import annotations

import csv
import json
import sys
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
