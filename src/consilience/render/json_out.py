"""JSON and JSON Lines output of briefs."""

from __future__ import annotations

import json
from typing import IO

from ..models import Story
from . import register_renderer


def dumps(obj) -> str:
    return json.dumps(obj, ensure_ascii=False)


@register_renderer("json")
def render_json(stories: list[Story], out: IO[str]) -> None:
    json.dump({"stories": [s.to_dict() for s in stories]}, out, ensure_ascii=False, indent=2)
    out.write("\n")


@register_renderer("jsonl")
def render_jsonl(stories: list[Story], out: IO[str]) -> None:
    for s in stories:
        out.write(dumps(s.to_dict()) + "\n")
