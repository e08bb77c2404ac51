"""`consilience attributions`: who said what in text files, as character spans."""

from __future__ import annotations

import json
import os
import sys

import click

from ..models import InputError
from ._common import RichReporter, format_option


def _read(path: str):
    """The file's text as the offsets count it (UTF-8, newlines untouched), or an
    InputError that names the reason, worded as the other commands word it."""
    from pathlib import Path

    from ..ingest import SNIFF_BYTES, decode_utf8, looks_binary, read_checked

    data = read_checked(Path(path), path)
    if isinstance(data, InputError):
        return data
    if not data.strip():
        return InputError(path, "empty file")
    if looks_binary(data[:SNIFF_BYTES]):
        return InputError(path, "binary file, not text")
    return decode_utf8(data, path, keep_bom=True)


def _row(name: str, a) -> dict:
    return {
        "doc": name,
        "source": [list(s) for s in a.source_spans],
        "cue": [list(s) for s in a.cue_spans],
        "content": [list(s) for s in a.content_spans],
        "via": a.via,
        "cites": a.cites,
        "hedges": [list(s) for s in a.hedge_spans],
        "speaker": a.source,
        "kind": a.source_kind,
        "source_text": None,
        "cue_text": a.cue,
        "content_text": a.content,
        "hedge_words": a.hedges,
        "stands_for": a.stands_for,
        "start": a.start,
        "end": a.end,
    }


@click.command("attributions")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@format_option(["terminal", "json", "jsonl"], "terminal")
@click.option("--batch-size", default=32, show_default=True, help="Texts per spaCy batch.")
def command(files: tuple[str, ...], fmt: str, batch_size: int) -> None:
    """Extract attributions (source, cue, content) from plain-text FILES.

    Each file is read as UTF-8 with its newlines untouched; offsets in the
    output are character offsets into that text. Page furniture (a closing
    donation appeal, share and newsletter lines) is not news: no attribution
    is taken from it, though offsets still count its characters. jsonl prints one
    attribution per line: {"doc", "source", "cue", "content", "via",
    "hedges", "speaker", "kind", ...}, each span a list of [start, end].

    \b
    Examples:
      consilience attributions article.txt
      consilience attributions data/*.txt --format jsonl > attributions.jsonl
    """
    from ..claims.attribution import extract_attributions
    from ..clean import furniture_spans
    from ..nlp import parse

    reporter = RichReporter(quiet=fmt == "terminal" and len(files) < 2)
    failed = False
    texts: list[tuple[str, str]] = []
    for path in files:
        read = _read(path)
        if isinstance(read, InputError):
            reporter.error(read)
            failed = True
        else:
            texts.append((path, read))

    rows: list[dict] = []
    console = None
    if fmt == "terminal":
        from rich.console import Console

        console = Console(highlight=False)
    reporter.start(len(texts), "attributions")
    try:
        docs = parse((t for _, t in texts), batch_size=batch_size)
        for (path, text), doc in zip(texts, docs, strict=True):
            name = os.path.basename(path)
            furniture = furniture_spans(text)
            attributions = [a for a in extract_attributions(doc, name) if not _in_furniture(a, furniture)]
            for a in attributions:
                row = _row(name, a)
                row["source_text"] = " … ".join(text[s:e] for s, e in a.source_spans) or None
                if fmt == "jsonl":
                    sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
                elif fmt == "json":
                    rows.append(row)
                else:
                    _print_terminal(console, row)
            reporter.advance()
    finally:
        reporter.finish()
    if fmt == "json":
        json.dump({"attributions": rows}, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    if failed:
        sys.exit(1)


def _in_furniture(a, furniture: list[tuple[int, int]]) -> bool:
    """Whether the attribution's cue lies in page furniture ("We want to serve you ..." in a
    donation appeal)."""
    return any(s <= cs and ce <= e for s, e in furniture for cs, ce in a.cue_spans)


def _print_terminal(console, row: dict) -> None:
    from rich.markup import escape

    who = row["speaker"] or row["source_text"] or "(unnamed)"
    parts = [f"[dim]{escape(row['doc'])}:{row['start']}-{row['end']}[/dim]",
             f"[bold cyan]{escape(who)}[/bold cyan] [dim]({row['kind']})[/dim]",
             f"[magenta]{escape(row['cue_text'])}[/magenta]"]
    if row["via"]:
        parts.append(f"[blue]via {escape(row['via'])}[/blue]")
    if row["cites"]:
        parts.append(f"[blue](citing {escape(row['cites'])})[/blue]")
    if row["hedge_words"]:
        parts.append("[yellow]hedged: " + escape(", ".join(row["hedge_words"])) + "[/yellow]")
    console.print(" ".join(parts))
    console.print("    " + escape(row["content_text"]))
