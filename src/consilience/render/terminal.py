"""Terminal briefs with rich: disputes first, then what sources agree on."""

from __future__ import annotations

from typing import IO

from rich.console import Console
from rich.markup import escape
from rich.panel import Panel

from ..models import Story
from . import cue_goes_first, cue_label, register_renderer, said_text

MAX_SINGLE = 15


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
            where = ", within one article" if d.internal else ""
            console.print(f"  [bold]{escape(d.about)}[/bold] [dim]({d.kind}{where})[/dim]")
            if d.explanation:
                console.print(f"    [italic]{escape(d.explanation)}[/italic]")
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
            party = " [yellow](one party only)[/yellow]" if f.party_only else ""
            console.print(f"  • {escape(_short(f.statement))} {arts}{hedge}{party}")
            console.print(f"    [dim]{f.level}: {f.independent_sources} independent — "
                          f"{escape('; '.join(f.parties))}[/dim]")
            if f.disputed:
                console.print(f"    [yellow]in dispute: {escape('; '.join(f.disputed))}[/yellow]")
    if story.single_source:
        console.print("\n[bold]Single source[/bold] [dim](attributed claims first)[/dim]")
        attributed = {(a["article"], a["start"]) for a in story.attributions if a["source"]}

        def named_first(f):
            c = f.citations[0]
            return (0 if any(art == c.article and c.start <= st < c.end for art, st in attributed) else 1)

        for f in sorted(story.single_source, key=named_first)[:MAX_SINGLE]:
            arts = " ".join(short_ids.get(a, a) for a in f.articles)
            hedge = " [yellow](hedged)[/yellow]" if f.hedged else ""
            party = " [yellow](one party only)[/yellow]" if f.party_only else ""
            console.print(f"  • {escape(_short(f.statement, 160))} {arts}{hedge}{party}")
        if len(story.single_source) > MAX_SINGLE:
            console.print(f"  [dim]… {len(story.single_source) - MAX_SINGLE} more (--format markdown or json for all)[/dim]")
    named = [a for a in story.attributions if a["source"]]
    if named:
        console.print("\n[bold]Who said what[/bold] [dim](named sources)[/dim]")
        for a in named:
            via = f" [cyan]via {escape(a['via'])}[/cyan]" if a["via"] else ""
            via += f" [cyan](citing {escape(a['cites'])})[/cyan]" if a.get("cites") else ""
            hedge = " [yellow](hedged)[/yellow]" if a["hedged"] else ""
            label, who = cue_label(a["cue"]), f"[bold]{escape(a['source'])}[/bold]{via}"
            who = f"[dim]{escape(label)}[/dim] {who}" if cue_goes_first(label) else f"{who} [dim]{escape(label)}[/dim]"
            console.print(
                f"  • {who}: "
                f"{escape(_short(said_text(a), 160))} "
                f"{' '.join(short_ids.get(x, x) for x in [a['article'], *a.get('copies', [])])}{hedge}"
            )
        unnamed = len(story.attributions) - len(named)
        if unnamed:
            console.print(f"  [dim]… and {unnamed} unnamed or passive attribution(s) (--format json)[/dim]")
    console.print()


@register_renderer("terminal")
def render_terminal(stories: list[Story], out: IO[str]) -> None:
    console = Console(file=out, highlight=False, soft_wrap=False)
    if not stories:
        console.print("No stories.")
    for s in stories:
        print_story(console, s)
