"""Benchmark claim-versus-article stance on FNC-1 with the real CLI.

1. `consilience train stance --part train --out TMP/stance.joblib`
2. `fnc1.py stance-input --part dev` -> `consilience stance` (timed: pairs/s)
3. `fnc1.py stance-score --part dev` on our predictions
4. the peer: the FNC-1 official baseline (gradient boosting on word overlap,
   refuting words, polarity, binary co-occurrence and n-gram hits), trained on
   the same train part, scored the same way.

    python benchmarks/stance.py
    python benchmarks/stance.py --part dev --keep /tmp/stance-bench   # keep files
    python benchmarks/stance.py --skip-baseline
    python benchmarks/stance.py --model src/consilience/data/stance_model.joblib   # the shipped model
    python benchmarks/stance.py --embedder minilm-int8   # the neural option (gbm-minilm)
    python benchmarks/stance.py --model src/consilience/data/stance_model_minilm-int8.joblib --skip-baseline

The shipped models are built by step 1 without --out (same data, same seed), so
scoring them and training afresh print the same figures.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
FNC = SHARED / "data" / "fnc1"
SCORER = SHARED / "eval" / "fnc1.py"


def consilience_cmd() -> list[str]:
    exe = Path(sys.executable).with_name("consilience")
    if exe.exists():
        return [str(exe)]
    return [sys.executable, "-c", "from consilience.cli import main; main()"]


def fnc_args() -> list[str]:
    return ["--stances", str(FNC / "train_stances.csv"), "--bodies", str(FNC / "train_bodies.csv")]


def run(cmd: list[str], **kw) -> subprocess.CompletedProcess:
    print("$ " + " ".join(cmd), file=sys.stderr)
    res = subprocess.run(cmd, **kw)
    if res.returncode != 0:
        sys.exit(f"command failed ({res.returncode}): {' '.join(cmd)}")
    return res


def score(part: str, predictions: Path) -> str:
    res = run([sys.executable, str(SCORER), "stance-score", *fnc_args(), "--part", part,
               "--predictions", str(predictions)], capture_output=True, text=True)
    return res.stdout + res.stderr


# -- the FNC-1 official baseline (re-implemented; no nltk: plain lower-cased tokens) ----------

_REFUTING = ["fake", "fraud", "hoax", "false", "deny", "denies", "not", "despite", "nope", "doubt",
             "doubts", "bogus", "debunk", "pranks", "retract"]
_TOK = re.compile(r"\w+", re.UNICODE)


def _clean(s: str) -> str:
    return " ".join(_TOK.findall(s)).lower()


def _toks(s: str) -> list[str]:
    return _clean(s).split()


def _ngrams(seq, n):
    return [tuple(seq[i:i + n]) for i in range(len(seq) - n + 1)]


def _chargrams(features, text_headline, text_body, size):
    grams = [" ".join(x) for x in _ngrams(text_headline.split(), 1)]
    grams = ["".join(g) for w in grams for g in _ngrams(list(w), size)] or []
    grams_hits = grams_early = grams_first = 0
    for g in grams:
        if g in text_body:
            grams_hits += 1
        if g in text_body[:255]:
            grams_early += 1
        if g in text_body[:100]:
            grams_first += 1
    features += [grams_hits, grams_early, grams_first]


def _wordgrams(features, text_headline, text_body, size):
    grams = [" ".join(x) for x in _ngrams(text_headline.split(), size)]
    hits = early = 0
    for g in grams:
        if g in text_body:
            hits += 1
        if g in text_body[:255]:
            early += 1
    features += [hits, early]


def baseline_features(headline: str, body: str) -> list[float]:
    ch, cb = _clean(headline), _clean(body)
    th, tb = ch.split(), cb.split()
    sh, sb = set(th), set(tb)
    f = [len(sh & sb) / float(len(sh | sb) or 1)]  # word overlap
    f += [1 if w in sh else 0 for w in _REFUTING]  # refuting words in the headline
    f += [sum(t in _REFUTING for t in th) % 2, sum(t in _REFUTING for t in tb) % 2]  # polarity
    # binary co-occurrence
    f += [sum(1 for t in th if t in cb), sum(1 for t in th if t in cb[:255])]
    stop_h = [t for t in th if len(t) > 2]
    f += [sum(1 for t in stop_h if t in cb), sum(1 for t in stop_h if t in cb[:255])]
    for size in (2, 8, 4, 16):
        _chargrams(f, ch, cb, size)
    for size in (2, 3, 4, 5, 6):
        _wordgrams(f, ch, cb, size)
    return f


def run_baseline(part: str, work: Path) -> tuple[Path, float]:
    import numpy as np
    from sklearn.ensemble import GradientBoostingClassifier

    from consilience.compare.stance import read_fnc

    labels = ["agree", "disagree", "discuss", "unrelated"]
    train_rows = read_fnc(str(FNC / "train_stances.csv"), str(FNC / "train_bodies.csv"), "train")
    t0 = time.perf_counter()
    x = np.array([baseline_features(h, b) for h, b, _, _ in train_rows])
    y = np.array([labels.index(s) for *_, s in train_rows])
    clf = GradientBoostingClassifier(n_estimators=200, random_state=14128).fit(x, y)
    print(f"baseline trained in {time.perf_counter() - t0:.0f}s", file=sys.stderr)
    inp = work / f"{part}.jsonl"
    rows = [json.loads(line) for line in inp.open(encoding="utf-8")]
    t0 = time.perf_counter()
    pred = clf.predict(np.array([baseline_features(r["claim"], r["text"]) for r in rows]))
    pps = len(rows) / (time.perf_counter() - t0)
    out = work / "baseline.jsonl"
    with out.open("w", encoding="utf-8") as fh:
        for r, p in zip(rows, pred, strict=True):
            fh.write(json.dumps({"id": r["id"], "stance": labels[int(p)]}) + "\n")
    return out, pps


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--part", default="dev", choices=["dev", "train", "all"], help="part to predict and score")
    ap.add_argument("--keep", default=None, help="directory for the model and predictions (kept)")
    ap.add_argument("--model", default=None, help="use this trained model instead of training one")
    ap.add_argument("--embedder", default=None, choices=["minilm-int8", "minilm"],
                    help="train with sentence-embedding features (needs pip install -e '.[neural]')")
    ap.add_argument("--skip-baseline", action="store_true")
    ap.add_argument("--baseline-only", action="store_true", help="only train and score the peer")
    args = ap.parse_args()

    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="stance-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    cli = consilience_cmd()
    model = Path(args.model) if args.model else work / "stance.joblib"
    if not args.model and not args.baseline_only:
        t0 = time.perf_counter()
        run([*cli, "train", "stance", "--part", "train", "--out", str(model),
             *(["--embedder", args.embedder] if args.embedder else [])])
        print(f"trained in {time.perf_counter() - t0:.0f}s, {model.stat().st_size / 1e6:.1f} MB", file=sys.stderr)

    inp = work / f"{args.part}.jsonl"
    with inp.open("w", encoding="utf-8") as fh:
        run([sys.executable, str(SCORER), "stance-input", *fnc_args(), "--part", args.part], stdout=fh)
    n = sum(1 for _ in inp.open(encoding="utf-8"))
    if args.baseline_only:
        base, pps = run_baseline(args.part, work)
        print(f"\n== peer: FNC-1 official baseline (GBM on baseline features), {args.part} part ==")
        print(score(args.part, base))
        print(f"baseline predict (features + GBM, in-process): {pps:.0f} pairs/s")
        return

    pred = work / "consilience.jsonl"
    t0 = time.perf_counter()
    with pred.open("w", encoding="utf-8") as fh:
        run([*cli, "stance", str(inp), "--model-path", str(model)], stdout=fh)
    elapsed = time.perf_counter() - t0
    ours = score(args.part, pred)

    which = f"model {args.model}" if args.model else f"gbm{'-' + args.embedder if args.embedder else ''}, trained here"
    print(f"\n== consilience stance ({which}), FNC-1 {args.part} part, {n} pairs ==")
    print(ours)
    print(f"predict step (whole CLI process, incl. start-up and model load): {elapsed:.1f}s, "
          f"{n / elapsed:.0f} pairs/s; {os.cpu_count()} CPUs, load average "
          f"{', '.join(f'{x:.2f}' for x in os.getloadavg())}; model {model.stat().st_size / 1e6:.1f} MB")
    if not args.skip_baseline:
        base, pps = run_baseline(args.part, work)
        print(f"\n== peer: FNC-1 official baseline (GBM on baseline features), {args.part} part ==")
        print(score(args.part, base))
        print(f"baseline predict (features + GBM, in-process): {pps:.0f} pairs/s")
    print(f"\nfiles in {work}")


if __name__ == "__main__":
    main()
