"""`consilience train ...`: fit the project's learned models.

A click group with one sub-command per model: `train stance` (here) and
`train attribution` (in train_attribution.py). A plugin attaches its own with
``from consilience.commands.train import command; command.add_command(...)``.
"""

from __future__ import annotations

import os
import time

import click

FNC_DIR = os.path.join("..", "shared", "data", "fnc1")


@click.group("train", epilog="""\b
Examples:
  consilience train stance --part train --out /tmp/stance.joblib
  consilience train attribution --data ../shared/data/polnear/train
""")
def command() -> None:
    """Fit a learned model and save it where the other commands find it."""


@command.command("stance", epilog="""\b
Examples:
  consilience train stance                       # FNC-1 train part -> the shipped model
  consilience train stance --part train --out /tmp/stance.joblib
  consilience stance pairs.jsonl --model-path /tmp/stance.joblib
""")
@click.option("--stances", default=os.path.join(FNC_DIR, "train_stances.csv"), show_default=True,
              type=click.Path(dir_okay=False), help="FNC-1 style CSV: Headline, Body ID, Stance.")
@click.option("--bodies", default=os.path.join(FNC_DIR, "train_bodies.csv"), show_default=True,
              type=click.Path(dir_okay=False), help="FNC-1 style CSV: Body ID, articleBody.")
@click.option("--part", type=click.Choice(["train", "dev", "all"]), default="train", show_default=True,
              help="Rows to learn from: the split is by body id, as ../shared/eval/fnc1.py does.")
@click.option("--out", "out_path", default=None, type=click.Path(dir_okay=False),
              help="Where to write the model [default: the model shipped with the package, "
                   "consilience/data/stance_model.joblib, or stance_model_EMBEDDER.joblib with "
                   "--embedder]. Use another file with "
                   "`consilience stance --model-path FILE` or CONSILIENCE_STANCE_MODEL=FILE.")
@click.option("--seed", default=0, show_default=True, help="Random seed.")
@click.option("--embedder", type=click.Choice(["minilm-int8", "minilm"]), default=None,
              help="Add sentence-embedding features (the neural option: needs `pip install -e "
                   "'.[neural]'`, and so does the model). minilm-int8 builds the shipped "
                   "`consilience stance --model gbm-minilm`; minilm is the same network in fp32, "
                   "twice as slow.")
def stance(stances: str, bodies: str, part: str, out_path: str | None, seed: int,
           embedder: str | None) -> None:
    """Fit the claim-versus-article stance model (agree/disagree/discuss/unrelated).

    Learns hand features (tf-idf and word overlap of the claim with the body and
    its best sentences, refuting / hedging / confirming words near the claim's
    terms, numbers, negation) plus a sentence-word logistic regression, stacked
    into gradient boosting. Seeded: the same data and seed give the same model.

    Without --out this replaces the model that ships with the package (trained
    this way on the FNC-1 train part only, so the dev part stays unseen): the
    word-only 'gbm' model, or with --embedder minilm-int8 the 'gbm-minilm' one. A
    few minutes on two cores; with an embedder, a few more.
    """
    from ..compare import stance as st
    from ..embed import EmbedderMissingError

    for path in (stances, bodies):
        if not os.path.exists(path):
            raise click.ClickException(f"{path}: no such file")
    t0 = time.perf_counter()
    try:
        rows = st.read_fnc(stances, bodies, part)
    except (OSError, KeyError, IndexError, UnicodeDecodeError) as exc:
        raise click.ClickException(f"cannot read the training CSVs: {exc}") from exc
    rows = [r for r in rows if r[3] in st.STANCES]
    if len(rows) < 20 or len({r[3] for r in rows}) < 2:
        raise click.ClickException(f"too few labelled rows ({len(rows)}) in {stances} part {part}")
    click.echo(f"training on {len(rows)} pairs ({part})", err=True)
    try:
        bundle = st.train(rows, seed=seed, progress=lambda m: click.echo(f"  {m}", err=True), part=part,
                          embedder=embedder)
    except EmbedderMissingError as exc:
        raise click.ClickException(str(exc)) from exc
    out = out_path or str(st.default_model_path(embedder))
    try:
        st.save(bundle, out)
    except OSError as exc:
        raise click.ClickException(f"cannot write {out} ({exc}); choose a file with --out") from exc
    size = os.path.getsize(out) / 1e6
    click.echo(f"wrote {out} ({size:.1f} MB, {len(rows)} pairs, {time.perf_counter() - t0:.0f}s)")


def _attach_other_models() -> None:
    """Sub-commands defined beside their own model code join this group."""
    from .train_attribution import attribution

    command.add_command(attribution)


_attach_other_models()
