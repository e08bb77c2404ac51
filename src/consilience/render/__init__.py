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


def render(stories: list[Story], fmt: str, out: IO[str]) -> None:
    from . import json_out, markdown, terminal  # noqa: F401  (register themselves)

    RENDERERS[fmt](stories, out)
