"""Web app and static report speed on ~2,000 stories recombined from FNC-1 bodies.

Rows go straight through the store API with cheap regex claims (not the spaCy
pipeline), including one ~200-article story. Then a `consilience serve`
subprocess on loopback is hit by 20 concurrent keep-alive clients: story list,
search, and the 200-article story page (median and p95 latency), and
`consilience report --all` is timed (stories/s).

Targets: p95 < 100 ms for story pages and search; report >= 50 stories/s.

    .venv/bin/python benchmarks/web.py [--stories 2000] [--clients 20] [--requests 30]
"""

from __future__ import annotations

import argparse
import hashlib
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
from _shared import fnc_bodies  # noqa: E402

from consilience.models import Article, Attribution, Claim  # noqa: E402
from consilience.store import open_store  # noqa: E402

SENT = re.compile(r"[^.!?\n]+[.!?]?")
WORD = re.compile(r"[A-Za-z][A-Za-z'-]{3,}")
STOP = {"that", "this", "with", "from", "have", "were", "which", "their", "there", "been", "they", "will",
        "would", "said", "about", "into", "after", "also", "more", "than", "when", "what", "some"}
HEDGES = ("reportedly", "allegedly", "may ", "might ", "could ")
QUERIES = ["police", "Apple watch", "ISIS", "video", "Ebola", "Putin", "soldier", "Islamic State",
           "hostage", "iPhone", "Kim Jong", "journalist", "spider", "Banksy", "said"]


def cheap_claims(aid: str, text: str, limit: int = 15) -> tuple[list[Claim], list[Attribution]]:
    claims, atts = [], []
    for m in SENT.finditer(text):
        sentence = m.group().strip()
        if len(sentence) < 25:
            continue
        start = m.start() + (len(m.group()) - len(m.group().lstrip()))
        end = start + len(sentence)
        low = sentence.lower()
        hedges = [h.strip() for h in HEDGES if h in low]
        lemmas = sorted({w.lower() for w in WORD.findall(sentence)} - STOP)[:20]
        claims.append(Claim(article=aid, start=start, end=end, text=sentence, hedges=hedges, lemmas=lemmas))
        if " said" in low:
            atts.append(Attribution(article=aid, source="officials", cue="said", content=sentence,
                                    start=start, end=end))
        if len(claims) >= limit:
            break
    return claims, atts


def build_db(path: Path, n_stories: int, big: int, seed: int = 7) -> tuple[str, int]:
    rng = random.Random(seed)
    bodies = [b for b in fnc_bodies() if len(b["text"]) > 200]
    store = open_store(str(path))
    outlets = ["Daily Planet", "Wire One", "Globe", "Courier", "Herald", "Post", "Times", "Ledger"]
    big_id = "s-big"
    plan = [(big_id, big)] + [(f"s-{i:05d}", rng.randint(2, 5)) for i in range(n_stories - 1)]
    n_articles = 0
    for chunk_start in range(0, len(plan), 200):
        assignments, copy_of, titles = {}, {}, {}
        with store.transaction() as tx:
            for sid, size in plan[chunk_start : chunk_start + 200]:
                picks = rng.sample(bodies, size)
                first = None
                for j, body in enumerate(picks):
                    aid = f"{sid}-a{j:03d}"
                    text = body["text"][:6000]
                    title = " ".join(text.split()[:9])
                    day = 1 + (hash((sid, j)) % 28)
                    art = Article(
                        id=aid, text=text, title=title, outlet=rng.choice(outlets),
                        published=f"2026-03-{day:02d}", metadata={"content_hash": hashlib.sha1(
                            f"{aid}{text}".encode()).hexdigest()},
                    )
                    claims, atts = cheap_claims(aid, text)
                    store.add_article(tx, art, claims, atts)
                    assignments[aid] = sid
                    copy_of[aid] = first if (j % 7 == 6 and first) else None
                    first = first or aid
                    titles.setdefault(sid, title)
                    n_articles += 1
            store.assign_stories(tx, assignments, copy_of, titles, [])
    store.close()
    return big_id, n_articles


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


def load(port: int, urls: list[str] | None, clients: int, per_client: int,
         distinct: list[str] | None = None) -> list[float]:
    times: list[float] = []
    lock = threading.Lock()
    barrier = threading.Barrier(clients)

    def worker(k: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        rng = random.Random(k)
        barrier.wait()
        if distinct is not None:  # every request a new word: no cache hits
            mine = [get(conn, "/search?q=" + quote(w)) for w in distinct[k::clients][:per_client]]
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
    ap.add_argument("--stories", type=int, default=2000)
    ap.add_argument("--big", type=int, default=200)
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--requests", type=int, default=30, help="requests per client per endpoint")
    ap.add_argument("--db", help="reuse or create this database (default: a temp file)")
    args = ap.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="consilience-bench-"))
    db = Path(args.db) if args.db else tmp / "bench.db"
    t0 = time.perf_counter()
    if not db.exists():
        big_id, n_articles = build_db(db, args.stories, args.big)
        print(f"built {db}: {args.stories} stories, {n_articles} articles in {time.perf_counter() - t0:.1f}s")
    big_id = "s-big"

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
        print(f"first (uncached) build of the {args.big}-article story page: {(time.perf_counter() - t) * 1000:.0f} ms")
        for q in QUERIES:
            get(conn, "/search?q=" + quote(q))
        for url in ("/", "/?sort=size", "/stories.json"):
            get(conn, url)
        conn.close()
        rng = random.Random(3)
        vocab = sorted({w.lower() for b in fnc_bodies(400) for w in WORD.findall(b["text"]) if len(w) > 5})
        distinct = rng.sample(vocab, min(len(vocab), args.clients * args.requests))
        endpoints = {
            "story list (/)": ["/", "/?sort=size", "/stories.json"],
            "search (15 common queries)": ["/search?q=" + quote(q) for q in QUERIES],
            "search (distinct, uncached)": None,
            f"{args.big}-article story page": [f"/stories/{big_id}"],
        }
        for name, urls in endpoints.items():
            times = load(port, urls, args.clients, args.requests, distinct if urls is None else None)
            results[name] = {"n": len(times), "median_ms": statistics.median(times) * 1000,
                             "p95_ms": pct(times, 95) * 1000}
            print(f"{name:32s} n={len(times):4d} median {results[name]['median_ms']:7.1f} ms   "
                  f"p95 {results[name]['p95_ms']:7.1f} ms")
    finally:
        server.terminate()
        server.wait(timeout=10)

    out = tmp / "report"
    t = time.perf_counter()
    subprocess.run([sys.executable, "-c", "from consilience.cli import main; main()", "report", "--all",
                    "--out", str(out), "--db", str(db)], check=True)
    elapsed = time.perf_counter() - t
    n = len(list(out.glob("*.md"))) - 1
    results["report --all"] = {"stories": n, "seconds": elapsed, "stories_per_s": n / elapsed}
    print(f"report --all: {n} stories in {elapsed:.1f}s = {n / elapsed:.0f} stories/s")
    ok = (results["search (15 common queries)"]["p95_ms"] < 100 and results[f"{args.big}-article story page"]["p95_ms"] < 100
          and results["report --all"]["stories_per_s"] >= 50)
    print(json.dumps({"results": results, "targets_met": ok}, indent=2))


if __name__ == "__main__":
    main()
