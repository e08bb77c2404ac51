"""Markdown briefs: headings per story, citations as [article:start-end]."""

from __future__ import annotations

from typing import IO

from ..models import Citation, Story
from . import cue_goes_first, cue_label, register_renderer, said_text


def _md(text: str | None) -> str:
    """Escape Markdown control characters in untrusted article text."""
    if not text:
        return ""
    out = text.replace("\\", "\\\\")
    for ch in "`*_[]<>#|":
        out = out.replace(ch, "\\" + ch)
    return out.replace("\n", " ")


def _cite(c: Citation) -> str:
    return f"[{c.article}:{c.start}-{c.end}]"


def story_markdown(story: Story) -> str:
    lines = [f"## {_md(story.title)}", ""]
    n, k = len(story.articles), story.independent_sources
    lines.append(f"Story `{story.id}`: {n} article{'s' * (n != 1)}, {k} independent source{'s' * (k != 1)}.")
    lines.append("")
    for a in story.articles:
        extra = f", copy of {a.copy_of}" if a.copy_of else ""
        lines.append(f"- `{a.id}` {_md(a.title)} ({_md(a.outlet) or 'outlet unknown'}{extra}) {_md(a.path)}")
    lines.append("")
    if story.disputed:
        lines.append("### Disputed")
        for d in story.disputed:
            where = ", within one article" if d.internal else ""
            lines.append(f"- **{_md(d.about)}** ({d.kind}{where})")
            if d.explanation:
                lines.append(f"  {_md(d.explanation)}")
            for side in d.sides:
                cites = " ".join(_cite(c) for c in side.citations)
                lines.append(
                    f"  - {_md(side.value)}, says {', '.join(side.articles)}"
                    f" on the word of {_md('; '.join(side.sources))} {cites}"
                )
                for c in side.citations:
                    lines.append(f"    > {_md(c.text)}")
        lines.append("")
    for heading, findings in (("Corroborated", story.corroborated), ("Single source", story.single_source)):
        if not findings:
            continue
        lines.append(f"### {heading}")
        for f in findings:
            hedge = " *(hedged)*" if f.hedged else ""
            party = " *(one party only)*" if f.party_only else ""
            cites = " ".join(_cite(c) for c in f.citations)
            strength = ""
            if f.independent_sources > 1:
                strength = f" [{f.level}, {f.independent_sources} independent: {_md('; '.join(f.parties))}]"
            disputed = f" *(in dispute: {_md('; '.join(f.disputed))})*" if f.disputed else ""
            lines.append(f"- {_md(f.statement)}{hedge}{party}{strength}{disputed} {cites}")
        lines.append("")
    named = [a for a in story.attributions if a["source"]]
    unnamed = [a for a in story.attributions if not a["source"]]
    for heading, group in (("Who said what", named), ("Unnamed or passive sources", unnamed)):
        if not group:
            continue
        lines.append(f"### {heading}")
        for a in group:
            via = f" via {_md(a['via'])}" if a.get("via") else ""
            via += f" (citing {_md(a['cites'])})" if a.get("cites") else ""
            hedge = " *(hedged)*" if a.get("hedged") else ""
            label, who = cue_label(a["cue"]), f"**{_md(a['source'] or 'unnamed source')}**{via}"
            lead = f"{_md(label)} {who}" if cue_goes_first(label) else f"{who} ({_md(label)})"
            lines.append(
                f"- {lead}: {_md(said_text(a))}{hedge} [{a['article']}:{a['start']}-{a['end']}]"
                + "".join(f" [copy {_md(c)}]" for c in a.get("copies", []))
            )
        lines.append("")
    return "\n".join(lines)


@register_renderer("markdown")
def render_markdown(stories: list[Story], out: IO[str]) -> None:
    out.write("# consilience brief\n\n")
    if not stories:
        out.write("No stories.\n")
    for s in stories:
        out.write(story_markdown(s) + "\n")
