"""Story clustering quality on FNC-1 against a TF-IDF + agglomerative peer.

Input: the 1,683 FNC-1 bodies written by ``../shared/eval/fnc1.py stories-input``
(gold stories: bodies linked by a related headline). By default the real CLI
runs (``consilience ingest in.jsonl --db fresh.db`` then ``consilience stories
--db fresh.db --format jsonl``) and ``fnc1.py stories-score`` scores it. The
same run scores the peer: sklearn TF-IDF (sublinear tf, English stop words) +
cosine agglomerative clustering with average linkage, its distance threshold
swept and the best reported. Then the bodies arrive in 5 shuffled batches (5
ingests into one database) and are scored again. Finally both systems are
scored on two halves of the gold stories (split by a hash), with the peer's
threshold chosen on one half and applied to the other, as a check that
neither only fits these 191 stories.

    python benchmarks/stories.py             # real CLI (spaCy parse included)
    python benchmarks/stories.py --direct    # StoryIndex in-process, no spaCy
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

from _shared import EVAL, FNC, ROOT

STANCES = FNC / "train_stances.csv"
BODIES = FNC / "train_bodies.csv"
FNC1 = EVAL / "fnc1.py"
PEER_THRESHOLDS = [0.70, 0.725, 0.75, 0.775, 0.80, 0.825, 0.85, 0.875, 0.90, 0.925]


def _fnc1_module():
    spec = importlib.util.spec_from_file_location("fnc1_eval", FNC1)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _cli() -> list[str]:
    exe = Path(sys.executable).parent / "consilience"
    if exe.exists():
        return [str(exe)]
    found = shutil.which("consilience")
    return [found] if found else [sys.executable, "-c", "from consilience.cli import main; main()"]


def build_input(path: Path) -> list[dict]:
    with path.open("w", encoding="utf-8") as fh:
        subprocess.run([sys.executable, str(FNC1), "stories-input", "--stances", str(STANCES), "--bodies",
                        str(BODIES), "--part", "all"], stdout=fh, check=True)
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def score_file(pred: Path) -> dict:
    out = subprocess.run([sys.executable, str(FNC1), "stories-score", "--stances", str(STANCES), "--bodies",
                          str(BODIES), "--part", "all", "--predictions", str(pred)],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def write_preds(stories: list[list[str]], path: Path) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for n, members in enumerate(stories):
            fh.write(json.dumps({"id": n, "articles": members}) + "\n")
    return path


# -- our system --------------------------------------------------------------------


def run_cli(batches: list[Path], work: Path, name: str) -> tuple[list[list[str]], float]:
    db = work / f"{name}.db"
    t0 = time.perf_counter()
    for batch in batches:
        subprocess.run([*_cli(), "ingest", str(batch), "--db", str(db), "--quiet"], check=True,
                       stdout=subprocess.DEVNULL)
    pred = work / f"{name}.pred.jsonl"
    with pred.open("w", encoding="utf-8") as fh:
        subprocess.run([*_cli(), "stories", "--db", str(db), "--format", "jsonl"], check=True, stdout=fh)
    elapsed = time.perf_counter() - t0
    stories = [json.loads(line)["articles"] for line in pred.read_text(encoding="utf-8").splitlines() if line]
    return stories, elapsed


def run_direct(batches: list[list[dict]]) -> tuple[list[list[str]], float]:
    from consilience.stories import StoryIndex, StoryInput

    t0 = time.perf_counter()
    blob = None
    for batch in batches:  # like the pipeline: the index goes through bytes between ingests
        index = StoryIndex.from_bytes(blob) if blob else StoryIndex()
        index.add([StoryInput(id=a["id"], text=a["text"], title=a.get("title")) for a in batch])
        blob = index.to_bytes()
    elapsed = time.perf_counter() - t0
    groups: dict[str, list[str]] = {}
    for aid, sid in index.assignments().items():
        groups.setdefault(index.resolve(sid), []).append(aid)
    return list(groups.values()), elapsed


# -- the peer ----------------------------------------------------------------------


def peer_sweep(rows: list[dict]) -> tuple[dict[float, list[list[str]]], float]:
    """TF-IDF + average-linkage cosine agglomerative clustering at each threshold."""
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics.pairwise import cosine_distances

    t0 = time.perf_counter()
    x = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform([r["text"] for r in rows])
    dist = cosine_distances(x)
    prep = time.perf_counter() - t0
    out, times = {}, []
    for th in PEER_THRESHOLDS:
        t1 = time.perf_counter()
        labels = AgglomerativeClustering(n_clusters=None, metric="precomputed", linkage="average",
                                         distance_threshold=th).fit_predict(dist)
        times.append(time.perf_counter() - t1)
        groups: dict[int, list[str]] = {}
        for r, lab in zip(rows, labels):
            groups.setdefault(int(lab), []).append(r["id"])
        out[th] = list(groups.values())
    return out, prep + sum(times) / len(times)  # one fit at a single threshold


# -- scoring helpers -------------------------------------------------------------------


def half_of(article_id: str, gold_of: dict[str, int]) -> int:
    return zlib.crc32(str(gold_of[article_id]).encode()) % 2


def score_half(fnc, stances, stories: list[list[str]], gold_of: dict[str, int], half: int) -> dict:
    keep = [s for s in stances if "fnc-" + s[2] in gold_of and half_of("fnc-" + s[2], gold_of) == half]
    preds = [{"articles": [a for a in m if a in gold_of and half_of(a, gold_of) == half]} for m in stories]
    return fnc.stories_score(keep, [p for p in preds if p["articles"]])


def row(name: str, r: dict, secs: float | None = None) -> str:
    pw, bc = r["pairwise"], r["bcubed"]
    t = f"{secs:8.1f}" if secs is not None else " " * 8
    return (f"{name:<34} {bc['precision']:6.3f} {bc['recall']:6.3f} {bc['f1']:6.3f}   "
            f"{pw['precision']:6.3f} {pw['recall']:6.3f} {pw['f1']:6.3f} {r['predicted_stories']:6d} {t}")


HEADER = (f"{'system':<34} {'B-P':>6} {'B-R':>6} {'B-F1':>6}   {'pw-P':>6} {'pw-R':>6} {'pw-F1':>6} "
          f"{'#st':>6} {'secs':>8}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--direct", action="store_true", help="call StoryIndex in-process instead of the CLI")
    ap.add_argument("--batches", type=int, default=5, help="shuffled batches for the incremental run")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--keep", help="keep the work files in this folder")
    args = ap.parse_args()

    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="stories-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    fnc = _fnc1_module()
    stances, _ = fnc.read_rows(str(STANCES), str(BODIES), "all")
    gold_of = {a: n for n, s in enumerate(fnc.gold_stories(stances)) for a in s}
    in_path = work / "in.jsonl"
    rows = build_input(in_path)
    shuffled = rows[:]
    random.Random(args.seed).shuffle(shuffled)
    size = -(-len(shuffled) // args.batches)
    parts = [shuffled[i : i + size] for i in range(0, len(shuffled), size)]
    mode = "direct" if args.direct else "CLI"
    print(f"{len(rows)} FNC-1 bodies, {len(gold_of and set(gold_of.values()))} gold stories; ours via {mode}; "
          f"work files in {work}", flush=True)

    if args.direct:
        ours, ours_t = run_direct([rows])
        ours_b, ours_bt = run_direct(parts)
    else:
        ours, ours_t = run_cli([in_path], work, "one")
        paths = []
        for n, part in enumerate(parts):
            p = work / f"batch{n}.jsonl"
            p.write_text("".join(json.dumps(r) + "\n" for r in part), encoding="utf-8")
            paths.append(p)
        ours_b, ours_bt = run_cli(paths, work, "batches")
    ours_r = score_file(write_preds(ours, work / "ours.jsonl"))
    ours_br = score_file(write_preds(ours_b, work / "ours_batches.jsonl"))

    peer, peer_t = peer_sweep(rows)
    peer_scores = {th: score_file(write_preds(st, work / f"peer_{th}.jsonl")) for th, st in peer.items()}
    best_th = max(peer_scores, key=lambda th: peer_scores[th]["bcubed"]["f1"])

    print("\nOne batch, in the input's order")
    print(HEADER)
    print(row(f"consilience ({mode})", ours_r, ours_t))
    print(row(f"peer TF-IDF+agglomerative @{best_th}", peer_scores[best_th], peer_t))
    print("\nPeer threshold sweep (cosine distance, average linkage)")
    print(HEADER)
    for th, r in peer_scores.items():
        print(row(f"peer @{th}" + ("  <- best" if th == best_th else ""), r))

    print(f"\n{args.batches} shuffled batches ({args.batches} ingests) vs one batch")
    print(HEADER)
    print(row("consilience, one batch", ours_r, ours_t))
    print(row(f"consilience, {args.batches} batches", ours_br, ours_bt))
    diff = ours_br["bcubed"]["f1"] - ours_r["bcubed"]["f1"]
    pdiff = ours_br["pairwise"]["f1"] - ours_r["pairwise"]["f1"]
    print(f"difference: BCubed F1 {diff:+.3f}, pairwise F1 {pdiff:+.3f} (target: within 0.02)")

    print("\nHalves of the gold stories (peer threshold tuned on the other half)")
    print(HEADER)
    for half in (0, 1):
        tuned = max(PEER_THRESHOLDS, key=lambda th: score_half(fnc, stances, peer[th], gold_of, 1 - half)["bcubed"]["f1"])
        print(row(f"half {half}: consilience", score_half(fnc, stances, ours, gold_of, half)))
        print(row(f"half {half}: peer @{tuned}", score_half(fnc, stances, peer[tuned], gold_of, half)))

    print(f"\nrun time: consilience {ours_t:.1f}s ({mode}) vs peer {peer_t:.1f}s "
          f"(one threshold): ratio {ours_t / peer_t:.2f}x")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    sys.exit(main())
