"""Where the attribution extractor loses points: its errors on PolNeAR, sorted by kind.

The scorer (../shared/eval/polnear.py) gives one F1 per role. This script says
what lies behind a miss, so work goes where the points are:

- each gold content is *exact*, *missed* (no predicted content overlaps it), or
  overlapped by a prediction whose *start*, *end*, *start and end* or *number of
  fragments* differ (the prediction that shares most characters with it is the
  one compared);
- each gold cue is *exact*, *overlapped* by a predicted cue that differs, or
  *missed*; each predicted cue that overlaps no gold cue is *spurious*;
- the reporting words most often missed and most often spurious, with counts.

    python benchmarks/attribution.py --out /tmp/dev.jsonl
    python benchmarks/attribution_errors.py --predictions /tmp/dev.jsonl
    python benchmarks/attribution_errors.py --predictions /tmp/dev.jsonl --format json

Gold is each article's first .ann file, read by the scorer's own reader, as
the scorer takes it.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import sys

from _shared import SHARED, annotation_files, polnear_scorer, read_ann, read_predictions


def chars(fragments) -> set[int]:
    return {i for s, e in fragments for i in range(s, e)}


def content_outcome(gold: tuple, predicted: list[tuple]) -> str:
    """How one gold content fared against the article's predicted contents."""
    if gold in predicted:
        return "exact"
    g = chars(gold)
    overlapping = [p for p in predicted if g & chars(p)]
    if not overlapping:
        return "missed"
    best = max(overlapping, key=lambda p: len(g & chars(p)))
    if len(best) != len(gold):
        return "fragments differ"
    start_ok, end_ok = best[0][0] == gold[0][0], best[-1][1] == gold[-1][1]
    if start_ok:
        return "end differs" if not end_ok else "inner fragment differs"
    return "start differs" if end_ok else "start and end differ"


def cue_text(text: str, fragments) -> str:
    return " ".join(text[s:e] for s, e in fragments).lower()


def breakdown(split_dir: str, predictions: dict[str, list[dict]], top: int = 15) -> dict:
    """Counts of content and cue outcomes, and the ``top`` most missed and spurious cue words."""
    scorer = polnear_scorer()
    content: collections.Counter = collections.Counter()
    cue: collections.Counter = collections.Counter()
    missed_words: collections.Counter = collections.Counter()
    spurious_words: collections.Counter = collections.Counter()
    articles = 0
    for doc, files in annotation_files(split_dir).items():
        gold = read_ann(scorer, files[0])
        text_path = os.path.join(split_dir, "text", doc)
        if gold is None or not os.path.exists(text_path):
            continue
        articles += 1
        with open(text_path, encoding="utf-8", newline="") as f:
            text = f.read()
        preds = [{r: scorer.as_fragments(p.get(r)) for r in ("cue", "content")} for p in predictions.get(doc, [])]
        pred_contents = [p["content"] for p in preds if p["content"]]
        for g in gold:
            if g["content"]:
                content[content_outcome(g["content"], pred_contents)] += 1
        gold_cue_chars = chars(f for g in gold for f in g["cue"])
        pred_cue_chars = chars(f for p in preds for f in p["cue"])
        pred_cues = {p["cue"] for p in preds}
        for g in gold:
            if not g["cue"]:
                continue
            if g["cue"] in pred_cues:
                cue["exact"] += 1
            elif chars(g["cue"]) & pred_cue_chars:
                cue["overlapped, boundaries differ"] += 1
            else:
                cue["missed"] += 1
                missed_words[cue_text(text, g["cue"])] += 1
        for p in preds:
            if p["cue"] and not chars(p["cue"]) & gold_cue_chars:
                cue["spurious"] += 1
                spurious_words[cue_text(text, p["cue"])] += 1
    return {"articles": articles, "content": dict(content.most_common()), "cue": dict(cue.most_common()),
            "missed_cue_words": dict(missed_words.most_common(top)),
            "spurious_cue_words": dict(spurious_words.most_common(top))}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--predictions", required=True,
                    help="JSONL from `consilience attributions --format jsonl` (benchmarks/attribution.py --out)")
    ap.add_argument("--split", default="dev", choices=["dev", "train"], help="the PolNeAR split they were run on")
    ap.add_argument("--top", type=int, default=15, help="how many missed and spurious cue words to list")
    ap.add_argument("--format", default="text", choices=["text", "json"])
    args = ap.parse_args()
    split_dir = str(SHARED / "data" / "polnear" / args.split)
    if not os.path.isdir(split_dir):
        print(f"error: {split_dir} not found (../shared must sit beside the project)", file=sys.stderr)
        return 2
    try:
        predictions = read_predictions(args.predictions)
    except (OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    result = breakdown(split_dir, predictions, args.top)
    if args.format == "json":
        print(json.dumps(result, indent=2, ensure_ascii=False))
        return 0
    print(f"{result['articles']} articles of {args.split}")
    for part in ("content", "cue"):
        total = sum(result[part].values())
        print(f"\ngold {part}s" if part == "content" else "\ncues (gold, and spurious predictions)")
        for outcome, count in result[part].items():
            share = f"{100 * count / total:5.1f}%" if part == "content" else ""
            print(f"  {count:6d} {share} {outcome}")
    for key, title in (("missed_cue_words", "most missed cue words"), ("spurious_cue_words", "most spurious cue words")):
        print(f"\n{title}: " + ", ".join(f"{w!r} {n}" for w, n in result[key].items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
