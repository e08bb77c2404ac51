"""Renderers turn Story briefs into output. JSON is the contract; the others
render the same data. Plugins add a renderer with :func:`register_renderer`."""

from __future__ import annotations

from collections.abc import Callable
from typing import IO

from ..models import Story

Renderer = Callable[[list[Story], IO[str]], None]
RENDERERS: dict[str, Renderer] = {}


def register_renderer(name: str) -> Callable[[Renderer], Renderer]:
    def wrap(fn: Renderer) -> Renderer:
        RENDERERS[name] = fn
        return fn

    return wrap


def cue_label(cue: str | None) -> str:
    """A cue as a reader sees it in "speaker cue: content" lines: without the colon or
    comma PolNeAR counts in the cue ("said:" would print "said::") and not capitalised
    by the sentence it opened ("According to" reads "according to")."""
    label = (cue or "").strip().rstrip(":,").rstrip()
    if len(label) > 1 and label[0].isupper() and label[1].islower() and not label.startswith("I "):
        label = label[0].lower() + label[1:]
    return label


def cue_goes_first(label: str) -> bool:
    """Whether a cue reads before its source: "according to Police", not "Police according to"."""
    return label.startswith("according to")


def said_text(entry: dict) -> str:
    """What a "who said what" line quotes: the content, and what a content noun sums up
    ("a claim (that is, engineers warned of cracks in the dam)")."""
    content = entry.get("content") or ""
    stands_for = entry.get("stands_for")
    return f"{content} (that is, {stands_for})" if stands_for else content


def render(stories: list[Story], fmt: str, out: IO[str]) -> None:
    from . import json_out, markdown, terminal  # noqa: F401  (register themselves)

    RENDERERS[fmt](stories, out)
