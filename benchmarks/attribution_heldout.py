"""Attribution extraction on articles the model never saw: k-fold over PolNeAR train.

Dev holds 84 articles, so a change of a few attributions moves its figures by
a few thousandths. This script scores the whole pipeline on the 840 train
articles instead, each one by a model that did not learn from it: the train
articles are split into k folds by article, the attribution model (cue model
and boundary models, as ``consilience train attribution`` fits them) is fitted
on the other folds, and the held-out fold is extracted with it. The pooled
predictions are scored by ../shared/eval/polnear.py, the scorer of
benchmarks/attribution.py. With ``--dev`` it also fits on all of train and
scores dev, which is what the shipped model does.

    python benchmarks/attribution_heldout.py                 # 5 folds, ~5 min on 2 cores (~8 with --dev)
    python benchmarks/attribution_heldout.py --folds 3 --dev --out /tmp/heldout.jsonl
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

from _shared import SHARED, score_polnear, write_jsonl


def parse_split(data_dir: str):
    """(items, docs): the annotated articles of a split and their parses."""
    from consilience.commands.train_attribution import load_split
    from consilience.nlp import parse

    items = load_split(data_dir)
    return items, list(parse((text for _, text, _ in items), batch_size=32))


def fit(docs, items, path: str) -> None:
    """Fit the attribution model on these articles and write it where ``path`` says."""
    from consilience.commands.train_attribution import train_from_docs

    model = train_from_docs(docs, items)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(model, f, ensure_ascii=False, sort_keys=True)


def predict(docs, items, model_path: str) -> list[dict]:
    """Prediction rows (the `consilience attributions` contract) with the model at ``model_path``."""
    from consilience.claims.attribution import extract_attributions

    os.environ["CONSILIENCE_ATTRIBUTION_MODEL"] = model_path
    rows = []
    for doc, (name, _, _) in zip(docs, items, strict=True):
        for a in extract_attributions(doc, name):
            rows.append({"doc": name, "source": a.source_spans, "cue": a.cue_spans, "content": a.content_spans})
    return rows


def score(split_dir: str, rows: list[dict], out: str) -> dict:
    write_jsonl(rows, Path(out))
    return score_polnear(split_dir, out)


def summary(label: str, scores: dict) -> str:
    parts = [f"{role} {scores[role]['exact']['f1']:.4f}" for role in ("source", "cue", "content")]
    return (f"{label}: exact F1 " + ", ".join(parts) + f"; content overlap {scores['content']['overlap']['f1']:.4f}"
            f"; all three {scores['attribution']['exact']['f1']:.4f}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=str(SHARED / "data" / "polnear"), help="PolNeAR folder")
    ap.add_argument("--folds", type=int, default=5, help="folds over train, by article")
    ap.add_argument("--dev", action="store_true", help="also fit on all of train and score dev")
    ap.add_argument("--out", help="where to write the pooled held-out predictions (default: a temp file)")
    args = ap.parse_args(argv)
    if args.folds < 2:
        ap.error("--folds must be at least 2")

    train_dir = os.path.join(args.data, "train")
    tmp = tempfile.mkdtemp(prefix="attr-heldout-")
    t0 = time.perf_counter()
    items, docs = parse_split(train_dir)
    if not items:
        print(f"no annotated texts under {train_dir}", file=sys.stderr)
        return 2
    print(f"parsed {len(items)} train articles in {time.perf_counter() - t0:.0f}s", file=sys.stderr)
    rows: list[dict] = []
    for fold in range(args.folds):
        inside = [k for k in range(len(items)) if k % args.folds != fold]
        held = [k for k in range(len(items)) if k % args.folds == fold]
        path = os.path.join(tmp, f"fold{fold}.json")
        fit([docs[k] for k in inside], [items[k] for k in inside], path)
        rows += predict([docs[k] for k in held], [items[k] for k in held], path)
        print(f"fold {fold + 1}/{args.folds}: {len(held)} articles held out "
              f"({time.perf_counter() - t0:.0f}s)", file=sys.stderr)
    out = args.out or os.path.join(tmp, "heldout.jsonl")
    scores = score(train_dir, rows, out)
    print(json.dumps({"heldout_train": scores}, indent=2))
    print(summary(f"held-out train ({args.folds} folds, {len(items)} articles)", scores))
    print(f"predictions: {out}")

    if args.dev:
        dev_dir = os.path.join(args.data, "dev")
        dev_items, dev_docs = parse_split(dev_dir)
        path = os.path.join(tmp, "all.json")
        fit(docs, items, path)
        dev_scores = score(dev_dir, predict(dev_docs, dev_items, path), os.path.join(tmp, "dev.jsonl"))
        print(summary(f"dev ({len(dev_items)} articles, model fitted on all of train)", dev_scores))
    return 0


if __name__ == "__main__":
    sys.exit(main())
