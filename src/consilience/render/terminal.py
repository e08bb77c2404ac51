"""Terminal briefs with rich: disputes first, then what sources agree on."""

from __future__ import annotations

from typing import IO

from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table

from ..models import Story
from . import register_renderer

MAX_SINGLE = 12


def _short(text: str, n: int = 220) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def print_story(console: Console, story: Story) -> None:
    n, k = len(story.articles), story.independent_sources
    head = f"[bold]{escape(story.title)}[/bold]\n[dim]{story.id} · {n} article{'s' * (n != 1)}, {k} independent[/dim]"
    console.print(Panel(head, expand=True))
    short_ids = {a.id: f"[{i + 1}]" for i, a in enumerate(story.articles)}
    for a in story.articles:
        copy = f" [yellow]copy of {short_ids.get(a.copy_of, a.copy_of)}[/yellow]" if a.copy_of else ""
        console.print(
            f"  {short_ids[a.id]} {escape(a.title or '(untitled)')} "
            f"[dim]{escape(a.outlet or '')} {escape(a.path or '')} {a.id}[/dim]{copy}"
        )
    if story.disputed:
        console.print("\n[bold red]Disputed[/bold red]")
        for d in story.disputed:
            console.print(f"  [bold]{escape(d.about)}[/bold]")
            for side in d.sides:
                arts = " ".join(short_ids.get(a, a) for a in side.articles)
                console.print(
                    f"    • [bold]{escape(side.value)}[/bold] {arts} — source: {escape('; '.join(side.sources))}"
                )
                for c in side.citations[:2]:
                    console.print(f"      [dim]“{escape(_short(c.text))}” {short_ids.get(c.article, c.article)}:{c.start}-{c.end}[/dim]")
    if story.corroborated:
        console.print("\n[bold green]Corroborated[/bold green]")
        for f in story.corroborated:
            arts = " ".join(short_ids.get(a, a) for a in f.articles)
            hedge = " [yellow](hedged)[/yellow]" if f.hedged else ""
            console.print(f"  • {escape(_short(f.statement))} {arts}{hedge}")
    if story.single_source:
        console.print("\n[bold]Single source[/bold]")
        for f in story.single_source[:MAX_SINGLE]:
            arts = " ".join(short_ids.get(a, a) for a in f.articles)
            hedge = " [yellow](hedged)[/yellow]" if f.hedged else ""
            console.print(f"  • {escape(_short(f.statement, 160))} {arts}{hedge}")
        if len(story.single_source) > MAX_SINGLE:
            console.print(f"  [dim]… {len(story.single_source) - MAX_SINGLE} more (--format markdown or json for all)[/dim]")
    if story.attributions:
        console.print("\n[bold]Who said what[/bold]")
        table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
        table.add_column("art")
        table.add_column("source")
        table.add_column("via")
        table.add_column("cue")
        table.add_column("content")
        for a in story.attributions:
            table.add_row(
                short_ids.get(a["article"], a["article"]),
                escape(a["source"] or "(unnamed)"),
                escape(a["via"] or ""),
                escape(a["cue"] or ""),
                escape(_short(a["content"] or "", 120)) + (" [yellow](hedged)[/yellow]" if a["hedged"] else ""),
            )
        console.print(table)
    console.print()


@register_renderer("terminal")
def render_terminal(stories: list[Story], out: IO[str]) -> None:
    console = Console(file=out, highlight=False, soft_wrap=False)
    if not stories:
        console.print("No stories.")
    for s in stories:
        print_story(console, s)
