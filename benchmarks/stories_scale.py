"""Dedup + story clustering at scale: StoryIndex.add alone, in batches, no spaCy.

Corpora are built from the FNC-1 bodies in ../shared: each new article gets a
fresh id and recombines sentences drawn from the bodies of one gold story (so
it is about that story but is not a verbatim copy of any body). Each size runs
in its own process so its peak memory (ru_maxrss) is its own. Reported per
size: articles/s, microseconds per article, peak RSS, the serialised index
size and the time of a to_bytes/from_bytes round trip, and how many articles
dedup marked as copies.

    python benchmarks/stories_scale.py                     # 10,000 and 100,000
    python benchmarks/stories_scale.py --sizes 2000,20000 --batch 500

Targets: >= 500 articles/s; per-article time at 100k within 1.3x of 10k;
peak memory at 100k < 2 GB.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import random
import re
import resource
import subprocess
import sys
import time

from _shared import EVAL, FNC, ROOT

_SENT = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'])")


def _gold_stories() -> tuple[list[list[str]], dict[str, str]]:
    spec = importlib.util.spec_from_file_location("fnc1_eval", EVAL / "fnc1.py")
    fnc = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fnc)
    stances, bodies = fnc.read_rows(str(FNC / "train_stances.csv"), str(FNC / "train_bodies.csv"), "all")
    return [sorted(s) for s in fnc.gold_stories(stances)], {"fnc-" + k: v for k, v in bodies.items()}


def build_corpus(n: int, seed: int = 0) -> list[tuple[str, str]]:
    stories, bodies = _gold_stories()
    pools = []
    for members in stories:
        sents = [s.strip() for m in members for s in _SENT.split(bodies[m]) if len(s.split()) >= 5]
        if len(sents) >= 4:
            pools.append(sents)
    rng = random.Random(seed)
    out = []
    for i in range(n):
        pool = pools[rng.randrange(len(pools))]
        k = min(len(pool), rng.randint(5, 14))
        out.append((f"syn-{seed}-{i:07d}", " ".join(rng.sample(pool, k))))
    return out


def run_one(n: int, batch: int, seed: int) -> dict:
    from consilience.stories import StoryIndex, StoryInput

    corpus = build_corpus(n, seed)
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    index = StoryIndex()
    copies = 0
    t0, c0 = time.perf_counter(), time.process_time()
    for i in range(0, n, batch):
        up = index.add([StoryInput(id=a, text=t) for a, t in corpus[i : i + batch]])
        copies += sum(1 for v in up.copy_of.values() if v)
    elapsed = time.perf_counter() - t0
    cpu = time.process_time() - c0
    t1 = time.perf_counter()
    blob = index.to_bytes()
    StoryIndex.from_bytes(blob)
    roundtrip = time.perf_counter() - t1
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "articles": n, "batch": batch, "seconds": round(elapsed, 2),
        "articles_per_s": round(n / elapsed, 1), "us_per_article": round(elapsed / n * 1e6, 1),
        "cpu_seconds": round(cpu, 2), "cpu_us_per_article": round(cpu / n * 1e6, 1),
        "stories": len(index.story_ids()), "copies": copies,
        "peak_rss_mb": round(peak_kb / 1024, 1), "rss_before_index_mb": round(rss0 / 1024, 1),
        "blob_mb": round(len(blob) / 2**20, 1), "roundtrip_s": round(roundtrip, 2),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="10000,100000", help="comma-separated corpus sizes")
    ap.add_argument("--batch", type=int, default=1000, help="articles per add() call")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)  # run a single size in this process
    args = ap.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one, args.batch, args.seed)))
        return 0
    results = []
    for n in [int(s) for s in args.sizes.split(",") if s.strip()]:
        out = subprocess.run([sys.executable, __file__, "--one", str(n), "--batch", str(args.batch),
                              "--seed", str(args.seed)], check=True, capture_output=True, text=True).stdout
        r = json.loads(out.strip().splitlines()[-1])
        results.append(r)
        print(f"{r['articles']:>8} articles: {r['seconds']:8.1f}s  {r['articles_per_s']:8.1f} art/s  "
              f"{r['us_per_article']:8.1f} us/art  (CPU {r['cpu_us_per_article']:7.1f} us/art)  peak RSS {r['peak_rss_mb']:7.1f} MB "
              f"(corpus alone {r['rss_before_index_mb']:.0f} MB)  blob {r['blob_mb']:.1f} MB, "
              f"round trip {r['roundtrip_s']:.1f}s  stories {r['stories']}  copies {r['copies']}", flush=True)
    if len(results) >= 2:
        a, b = results[0], results[-1]
        ratio = b["us_per_article"] / a["us_per_article"]
        cpu_ratio = b["cpu_us_per_article"] / a["cpu_us_per_article"]
        print(f"per-article time {b['articles']} vs {a['articles']}: {ratio:.2f}x (target <= 1.3x); "
              f"CPU time {cpu_ratio:.2f}x (what the process itself spent: less sensitive to a busy machine)")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    sys.exit(main())
