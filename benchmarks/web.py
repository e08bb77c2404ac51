"""Web app and static report speed on ~2,000 stories recombined from FNC-1 bodies.

The database is filled through the real path: a JSONL file of articles goes
through `pipeline.ingest` (clean, spaCy parse, attributions and claims, store,
story clustering and dedup, per-story brief figures). Each story draws its
sentences from one FNC-1 gold story (sentences shared between its articles, so
findings corroborate or conflict); stories that reuse a gold story are dated
months apart so the clusterer keeps them apart. One story has ~200 articles, and
every seventh article is a verbatim wire copy. Parsing ~7,000 articles takes a
while (tens of minutes on 2 cores): pass --db FILE to keep the database and
reuse it in later runs.

Then a `consilience serve` subprocess on loopback is hit by 20 concurrent
keep-alive clients: story list, search, and the biggest story's page (median
and p95 latency), and `consilience report --all` is timed (stories/s).

Targets: p95 < 100 ms for story pages and search; report >= 50 stories/s.

    .venv/bin/python benchmarks/web.py [--stories 2400] [--clients 20] [--requests 30] [--db FILE]
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _shared import fnc_bodies, write_jsonl  # noqa: E402
from stories_scale import _SENT, _gold_stories  # noqa: E402

from consilience.store import open_store  # noqa: E402

WORD = re.compile(r"[A-Za-z][A-Za-z'-]{3,}")
LISTS = ["/", "/?sort=size", "/?sort=disputed", "/stories.json", "/stories.json?sort=disputed"]
QUERIES = ["police", "Apple watch", "ISIS", "video", "Ebola", "Putin", "soldier", "Islamic State",
           "hostage", "iPhone", "Kim Jong", "journalist", "spider", "Banksy", "said"]
OUTLETS = ["Daily Planet", "Wire One", "Globe", "Courier", "Herald", "Post", "Times", "Ledger"]
EPOCH = dt.date(2014, 1, 1)
SPACING_DAYS = 400  # stories drawn from the same gold story are a few months apart, at random dates


def corpus(n_stories: int, big: int, seed: int = 7) -> list[dict]:
    """Articles (JSONL rows) recombined from the sentences of FNC-1 gold stories."""
    rng = random.Random(seed)
    golds, bodies = _gold_stories()
    pools = []
    for members in golds:
        sents = [s.strip() for m in members for s in _SENT.split(bodies[m]) if len(s.split()) >= 5]
        if len(sents) >= 8:
            pools.append(sents)
    pools.sort(key=len, reverse=True)
    order = list(range(len(pools)))
    rng.shuffle(order)
    plan = [(0, big)]  # the biggest gold story makes the big story
    plan += [(order[i % len(order)], rng.randint(2, 5)) for i in range(n_stories - 1)]
    used: dict[int, int] = {}
    rows = []
    for n, (p, size) in enumerate(plan):
        pool = pools[p]
        k = used[p] = used.get(p, -1) + 1
        day0 = EPOCH + dt.timedelta(days=k * SPACING_DAYS + rng.randint(0, SPACING_DAYS - 40))
        core = rng.sample(pool, min(len(pool), 14))
        first = None
        for j in range(size):
            aid = f"b{n:05d}-{j:03d}"
            outlet = rng.choice(OUTLETS)
            published = (day0 + dt.timedelta(days=rng.randint(0, 3))).isoformat()
            if first is not None and j % 7 == 6:  # a wire copy of the first article
                rows.append({**first, "id": aid, "outlet": outlet, "published": published})
                continue
            sents = rng.sample(core, min(len(core), rng.randint(4, 7))) + rng.sample(pool, 1)
            text = "\n\n".join(" ".join(sents[i : i + 3]) for i in range(0, len(sents), 3))
            row = {"id": aid, "title": " ".join(sents[0].split()[:10]), "text": text,
                   "outlet": outlet, "published": published}
            rows.append(row)
            first = first or row
    return rows


class Progress:
    def __init__(self):
        self.t0, self.n, self.total = time.perf_counter(), 0, 0

    def error(self, err):
        print(f"  input error: {err}", file=sys.stderr)

    def note(self, message):
        print(f"  {message} ({time.perf_counter() - self.t0:.0f}s)", file=sys.stderr)

    def start(self, total, label):
        self.total = total
        print(f"  {label}: {total}", file=sys.stderr)

    def advance(self, n=1):
        self.n += n
        if self.n % 500 == 0:
            rate = self.n / (time.perf_counter() - self.t0)
            print(f"  {self.n}/{self.total} articles, {rate:.1f}/s", file=sys.stderr, flush=True)

    def finish(self):
        pass


def build_db(path: Path, n_stories: int, big: int) -> dict:
    from consilience.pipeline import ingest

    rows = corpus(n_stories, big)
    jsonl = write_jsonl(rows, path.with_suffix(".jsonl"))
    store = open_store(str(path))
    try:
        t0 = time.perf_counter()
        report = ingest([str(jsonl)], store, Progress())
        elapsed = time.perf_counter() - t0
        if report.errors:
            print(f"  {len(report.errors)} input errors", file=sys.stderr)
    finally:
        store.close()
    jsonl.unlink()
    return {"articles": len(rows), "seconds": elapsed}


def db_shape(path: Path) -> tuple[str, int, int, int]:
    """(biggest story id, its size, stories, articles)."""
    store = open_store(str(path))
    try:
        rows = store.story_summaries()
        biggest = max(rows, key=lambda r: r["n_articles"])
        return biggest["id"], biggest["n_articles"], len(rows), sum(r["n_articles"] for r in rows)
    finally:
        store.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(conn: http.client.HTTPConnection, url: str) -> float:
    t0 = time.perf_counter()
    conn.request("GET", url, headers={"Accept-Encoding": "gzip"})
    resp = conn.getresponse()
    body = resp.read()
    elapsed = time.perf_counter() - t0
    if resp.status != 200:
        raise RuntimeError(f"{url}: {resp.status} {body[:200]!r}")
    return elapsed


def load(port: int, urls: list[str], clients: int, per_client: int, distinct: bool = False) -> list[float]:
    times: list[float] = []
    lock = threading.Lock()
    barrier = threading.Barrier(clients)

    def worker(k: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        rng = random.Random(k)
        barrier.wait()
        if distinct:  # each URL requested once, over all clients
            mine = [get(conn, u) for u in urls[k::clients][:per_client]]
        else:
            mine = [get(conn, rng.choice(urls)) for _ in range(per_client)]
        conn.close()
        with lock:
            times.extend(mine)

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return times


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--stories", type=int, default=2400,
                    help="stories planned; the clusterer merges some with same-topic neighbours (~2,000 remain)")
    ap.add_argument("--big", type=int, default=200)
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--requests", type=int, default=30, help="requests per client per endpoint")
    ap.add_argument("--db", help="reuse or create this database (default: a temp file)")
    ap.add_argument("--build-only", action="store_true", help="fill the database, measure nothing")
    ap.add_argument("--cold-report", action="store_true",
                    help="also time report --all with no recorded briefs (every brief rebuilt)")
    args = ap.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="consilience-bench-"))
    db = Path(args.db) if args.db else tmp / "bench.db"
    if not db.exists():
        built = build_db(db, args.stories, args.big)
        print(f"built {db} through pipeline.ingest: {built['articles']} articles in {built['seconds']:.0f}s "
              f"({built['articles'] / built['seconds']:.1f} articles/s)")
    if args.build_only:
        return
    big_id, big_n, n_stories, n_articles = db_shape(db)
    print(f"database: {n_stories} stories, {n_articles} articles; biggest story {big_id} has {big_n} articles")
    store = open_store(str(db))
    try:  # ingest records briefs; a database built by older code gets them here, the same way
        from consilience.pipeline import refresh_story_stats

        t = time.perf_counter()
        n = refresh_story_stats(store, [r["id"] for r in store.story_rows()])
        if n:
            print(f"recorded briefs of {n} stories (pipeline.refresh_story_stats) in {time.perf_counter() - t:.1f}s")
        story_ids = [r["id"] for r in store.story_summaries()]
    finally:
        store.close()
    with open("/proc/loadavg") as fh:
        print(f"load average before measuring: {' '.join(fh.read().split()[:3])}")

    port = free_port()
    cmd = [sys.executable, "-c", "from consilience.cli import main; main()", "serve", "--db", str(db),
           "--port", str(port)]
    server = subprocess.Popen(cmd)
    results: dict[str, dict[str, float]] = {}
    try:
        deadline = time.time() + 60
        while True:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                get(conn, "/healthz")
                break
            except (OSError, RuntimeError):
                if time.time() > deadline or server.poll() is not None:
                    raise SystemExit("server did not start") from None
                time.sleep(0.2)
        conn.close()
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
        t = time.perf_counter()
        get(conn, f"/stories/{big_id}")
        print(f"first (uncached) build of the {big_n}-article story page: {(time.perf_counter() - t) * 1000:.0f} ms")
        for q in QUERIES:
            get(conn, "/search?q=" + quote(q))
        for url in LISTS:
            get(conn, url)
        conn.close()
        rng = random.Random(3)
        vocab = sorted({w.lower() for b in fnc_bodies(400) for w in WORD.findall(b["text"]) if len(w) > 5})
        distinct = ["/search?q=" + quote(w) for w in rng.sample(vocab, min(len(vocab), args.clients * args.requests))]
        others = [f"/stories/{quote(s)}" for s in story_ids if s != big_id]
        first_visits = rng.sample(others, min(len(others), args.clients * args.requests))
        endpoints = {
            "story list (/, sorts, JSON)": LISTS,
            "search (15 common queries)": ["/search?q=" + quote(q) for q in QUERIES],
            "search (distinct, uncached)": distinct,
            "biggest story page": [f"/stories/{big_id}"],
            "story pages (first visits)": first_visits,
        }
        for name, urls in endpoints.items():
            each = name.endswith(("uncached)", "first visits)"))  # every request a new URL: no cache hits
            times = load(port, urls, args.clients, args.requests, each)
            results[name] = {"n": len(times), "median_ms": statistics.median(times) * 1000,
                             "p95_ms": pct(times, 95) * 1000}
            print(f"{name:32s} n={len(times):4d} median {results[name]['median_ms']:7.1f} ms   "
                  f"p95 {results[name]['p95_ms']:7.1f} ms")
    finally:
        server.terminate()
        server.wait(timeout=10)

    def report(name: str, path: Path) -> None:
        out = tmp / name.replace(" ", "-")
        t = time.perf_counter()
        subprocess.run([sys.executable, "-c", "from consilience.cli import main; main()", "report", "--all",
                        "--out", str(out), "--db", str(path)], check=True)
        elapsed = time.perf_counter() - t
        n = len(list(out.glob("*.md"))) - 1
        results[name] = {"stories": n, "seconds": elapsed, "stories_per_s": n / elapsed}
        print(f"{name}: {n} stories in {elapsed:.1f}s = {n / elapsed:.0f} stories/s")

    report("report --all", db)
    if args.cold_report:  # the same, on a copy whose recorded briefs are dropped: every brief rebuilt
        import shutil
        import sqlite3

        cold = tmp / "cold.db"
        src = sqlite3.connect(str(db))
        dst = sqlite3.connect(str(cold))
        src.backup(dst)
        src.close()
        dst.execute("DELETE FROM story_stats")
        dst.commit()
        dst.close()
        report("report --all (briefs rebuilt)", cold)
        shutil.rmtree(tmp / "report---all-(briefs-rebuilt)", ignore_errors=True)
    ok = (results["search (15 common queries)"]["p95_ms"] < 100
          and results["search (distinct, uncached)"]["p95_ms"] < 100
          and results["biggest story page"]["p95_ms"] < 100
          and results["story pages (first visits)"]["p95_ms"] < 100
          and results["report --all"]["stories_per_s"] >= 50)
    print(json.dumps({"results": results, "targets_met": ok}, indent=2))


if __name__ == "__main__":
    main()
