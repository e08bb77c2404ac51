"""End-to-end throughput of `consilience analyze` against spaCy's parse alone.

Both run over the same 1,683 FNC-1 bodies (../shared/data/fnc1/train_bodies.csv,
written as JSONL). The parse-alone figure is `nlp.pipe` over the texts with the
model already loaded; the analyze figure is the whole command, start-up
included: read, clean, parse, extract, store, cluster, brief, render.

    python benchmarks/throughput.py            # all 1,683 bodies
    python benchmarks/throughput.py --limit 300
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _shared import ROOT, fnc_bodies, write_jsonl


def parse_alone(texts: list[str]) -> float:
    from consilience.nlp import get_nlp

    nlp = get_nlp()
    nlp("warm up")
    t0 = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=64):
        pass
    return time.perf_counter() - t0


def analyze(jsonl: Path, db: Path) -> float:
    exe = Path(sys.executable).with_name("consilience")
    cmd = [str(exe) if exe.exists() else "consilience", "analyze", str(jsonl), "--db", str(db),
           "--format", "jsonl", "--quiet", "--all"]
    t0 = time.perf_counter()
    with open(os.devnull, "w") as devnull:
        proc = subprocess.run(cmd, stdout=devnull, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    elapsed = time.perf_counter() - t0
    if proc.returncode != 0:
        sys.exit(f"analyze failed ({proc.returncode}): {proc.stderr[-2000:]}")
    return elapsed


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, help="only the first N bodies")
    args = ap.parse_args()
    rows = fnc_bodies(args.limit)
    with tempfile.TemporaryDirectory() as tmp:
        jsonl = write_jsonl(rows, Path(tmp) / "bodies.jsonl")
        t_analyze = analyze(jsonl, Path(tmp) / "bench.db")
        t_parse = parse_alone([r["text"] for r in rows])
    n = len(rows)
    print(f"articles:                 {n}")
    print(f"spaCy nlp.pipe alone:     {t_parse:8.1f} s  {n / t_parse:7.2f} articles/s")
    print(f"consilience analyze:      {t_analyze:8.1f} s  {n / t_analyze:7.2f} articles/s")
    print(f"ratio (analyze / parse):  {t_parse / t_analyze:8.2f}   (target >= 0.5)")


if __name__ == "__main__":
    main()
