"""How far apart PolNeAR's own annotators are: the ceiling behind the attribution targets.

A few PolNeAR articles were annotated by several people (several .ann files
for one text; the scorer takes the first by name as gold). This script scores
every other annotator of those articles against that gold with the same
scorer, ../shared/eval/polnear.py, that scores us, so a human figure sits
beside ours on the same scale. It also reports how often a content matches
exactly once its cue does ("content given cue"): that separates finding the
attributions from drawing their boundaries.

    python benchmarks/attribution_agreement.py
    python benchmarks/attribution.py --out /tmp/dev.jsonl
    python benchmarks/attribution_agreement.py --predictions /tmp/dev.jsonl   # ours beside

Ours beside the annotators means something on dev only: the shipped model was
trained on train, so its train figures are in-sample.
"""

from __future__ import annotations

import argparse
import collections
import os
import sys

from _shared import EVAL, SHARED, annotation_files, polnear_scorer, read_ann, read_predictions

ROLES = ("source", "cue", "content")


def content_given_cue(gold: dict, predicted: dict) -> tuple[int, int]:
    """(predictions whose cue equals a gold cue, those whose content also equals that gold's)."""
    matched = exact = 0
    for doc, golds in gold.items():
        contents = collections.defaultdict(list)
        for g in golds:
            if g["cue"]:
                contents[g["cue"]].append(g["content"])
        for p in predicted.get(doc, []):
            if p["cue"] in contents:
                matched += 1
                exact += p["content"] in contents[p["cue"]]
    return matched, exact


def human_agreement(scorer, split_dir: str) -> tuple[int, int, dict, tuple[int, int]] | None:
    """Every non-first annotator of a multiply annotated article against its gold, pooled:
    each (article, annotator) pair is scored as one document."""
    multi = {doc: files for doc, files in annotation_files(split_dir).items() if len(files) > 1}
    if not multi:
        return None
    gold, predicted = {}, {}
    for doc, files in multi.items():
        first = read_ann(scorer, files[0])
        for k, other in enumerate(files[1:], 1):
            second = read_ann(scorer, other)
            if first is not None and second is not None:
                gold[f"{doc}#{k}"] = first
                predicted[f"{doc}#{k}"] = second
    rows = [{"doc": key, **{r: [list(f) for f in a[r]] for r in ROLES}} for key, ann in predicted.items() for a in ann]
    return len(multi), len(gold), scorer.score(gold, rows), content_given_cue(gold, predicted)


def ours(scorer, split_dir: str, path: str, only: set[str] | None) -> tuple[dict, tuple[int, int]]:
    """Our predictions against the gold (first) files, on the articles in ``only`` or all."""
    gold = {}
    for doc, files in annotation_files(split_dir).items():
        if only is None or doc in only:
            first = read_ann(scorer, files[0])
            if first is not None:
                gold[doc] = first
    by_doc = {doc: rows for doc, rows in read_predictions(path).items() if doc in gold}
    rows = [row for doc_rows in by_doc.values() for row in doc_rows]
    predicted = {doc: [{r: scorer.as_fragments(row.get(r)) for r in ROLES} for row in doc_rows]
                 for doc, doc_rows in by_doc.items()}
    return scorer.score(gold, rows), content_given_cue(gold, predicted)


def line(label: str, scores: dict, cgc: tuple[int, int]) -> str:
    matched, exact = cgc
    roles = "  ".join(f"{r} {scores[r]['exact']['f1']:.3f}" for r in ROLES)
    share = f"{exact / matched:.3f} ({exact}/{matched})" if matched else "-"
    return f"  {label:<34} {roles}  content overlap {scores['content']['overlap']['f1']:.3f}  content given cue {share}"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=str(SHARED / "data" / "polnear"), help="PolNeAR folder")
    ap.add_argument("--splits", default="train,dev", help="comma-separated splits to read")
    ap.add_argument("--predictions", help="our JSONL predictions for one split (see benchmarks/attribution.py --out)")
    ap.add_argument("--predictions-split", default="dev", help="the split --predictions covers")
    args = ap.parse_args(argv)
    if not (EVAL / "polnear.py").exists():
        print(f"scorer not found: {EVAL / 'polnear.py'}", file=sys.stderr)
        return 2
    scorer = polnear_scorer()
    print("exact-match F1 against the first annotation file, as the scorer counts")
    for split in args.splits.split(","):
        split_dir = os.path.join(args.data, split)
        found = human_agreement(scorer, split_dir)
        if found is None:
            print(f"{split}: no article has several annotation files")
            continue
        articles, pairs, scores, cgc = found
        print(f"{split}: {articles} articles annotated more than once, {pairs} (article, second annotator) pairs")
        print(line("another annotator", scores, cgc))
        if args.predictions and split == args.predictions_split:
            multi = {d for d, files in annotation_files(split_dir).items() if len(files) > 1}
            print(line("ours, the same articles", *ours(scorer, split_dir, args.predictions, multi)))
            print(line(f"ours, all of {split}", *ours(scorer, split_dir, args.predictions, None)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
