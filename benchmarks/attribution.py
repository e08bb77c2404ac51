"""Benchmark attribution extraction on PolNeAR with the real CLI.

Runs `consilience attributions --format jsonl` over a split's text files,
scores the predictions with ../shared/eval/polnear.py and reports how much
time extraction adds over the spaCy parse alone.

    python benchmarks/attribution.py                      # dev split
    python benchmarks/attribution.py --split train --limit 200 --out /tmp/p.jsonl
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _shared import SHARED, score_polnear


def consilience_cmd() -> list[str]:
    exe = Path(sys.executable).with_name("consilience")
    if exe.exists():
        return [str(exe)]
    return [sys.executable, "-c", "from consilience.cli import main; main()"]


def parse_only_seconds(files: list[str]) -> float:
    """Time spaCy loading + parsing of the same texts in a fresh process (no extraction)."""
    code = (
        "import sys, time\n"
        "t0 = time.perf_counter()\n"
        "from consilience.nlp import parse\n"
        "texts = [open(p, encoding='utf-8', newline='').read() for p in sys.argv[1:]]\n"
        "for _ in parse(texts, batch_size=32):\n"
        "    pass\n"
        "print(time.perf_counter() - t0)\n"
    )
    out = subprocess.run([sys.executable, "-c", code, *files], capture_output=True, text=True, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def extraction_only_seconds(files: list[str]) -> tuple[float, float]:
    """Parse then extract in one process: (parse seconds, extraction seconds)."""
    code = (
        "import sys, time\n"
        "from consilience.nlp import parse\n"
        "from consilience.claims.attribution import extract_attributions\n"
        "texts = [open(p, encoding='utf-8', newline='').read() for p in sys.argv[1:]]\n"
        "t0 = time.perf_counter(); docs = list(parse(texts, batch_size=32)); t1 = time.perf_counter()\n"
        "for d in docs:\n"
        "    extract_attributions(d)\n"
        "t2 = time.perf_counter()\n"
        "print(t1 - t0, t2 - t1)\n"
    )
    out = subprocess.run([sys.executable, "-c", code, *files], capture_output=True, text=True, check=True)
    a, b = out.stdout.strip().splitlines()[-1].split()
    return float(a), float(b)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=str(SHARED / "data" / "polnear"), help="PolNeAR folder")
    ap.add_argument("--split", default="dev")
    ap.add_argument("--limit", type=int, default=0, help="only the first N files")
    ap.add_argument("--out", help="where to write predictions (default: a temp file)")
    ap.add_argument("--no-timing", action="store_true", help="skip the parse-only timing runs")
    args = ap.parse_args(argv)

    split_dir = os.path.join(args.data, args.split)
    files = sorted(glob.glob(os.path.join(split_dir, "text", "*.txt")))
    if args.limit:
        files = files[: args.limit]
    if not files:
        print(f"no text files under {split_dir}/text", file=sys.stderr)
        return 2
    out = args.out or os.path.join(tempfile.mkdtemp(prefix="attr-bench-"), "predictions.jsonl")

    t0 = time.perf_counter()
    with open(out, "w", encoding="utf-8") as f:
        proc = subprocess.run([*consilience_cmd(), "attributions", *files, "--format", "jsonl"],
                              stdout=f, stderr=subprocess.PIPE, text=True)
    cli_seconds = time.perf_counter() - t0
    if proc.returncode != 0:
        print(proc.stderr, file=sys.stderr)
        print(f"consilience attributions exited {proc.returncode}", file=sys.stderr)
        return proc.returncode

    # score only the files we ran on, and only the annotation files the scorer can read
    scores = score_polnear(split_dir, out, {Path(p).stem for p in files} if args.limit else None)
    print(json.dumps(scores, indent=2) + "\n")
    print("summary (F1)      exact   overlap")
    for role in ("source", "cue", "content"):
        print(f"  {role:<15} {scores[role]['exact']['f1']:.3f}   {scores[role]['overlap']['f1']:.3f}")
    print(f"  attribution     {scores['attribution']['exact']['f1']:.3f}")
    print(f"predictions: {out}")
    print(f"CLI wall time (load + parse + extract + write): {cli_seconds:.1f}s for {len(files)} files, "
          f"{len(files) / cli_seconds:.1f} articles/s")

    if not args.no_timing:
        parse_s, extract_s = extraction_only_seconds(files)
        print(f"spaCy parse: {parse_s:.2f}s; attribution extraction on the same Docs: {extract_s:.2f}s "
              f"(+{100 * extract_s / parse_s:.1f}% over the parse)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
