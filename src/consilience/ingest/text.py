"""Plain-text reader: the first line is the title when it looks like one."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from ..models import Article, InputError
from . import decode_utf8, register_reader

_SENTENCE_END = re.compile(r"[.;:,]\s*$")


def looks_like_title(line: str, rest: str) -> bool:
    """A short line without sentence punctuation, followed by a body."""
    line = line.strip()
    if not line or not rest.strip():
        return False
    words = line.split()
    return 2 <= len(words) <= 30 and len(line) <= 250 and not _SENTENCE_END.search(line)


def split_title(text: str) -> tuple[str | None, str]:
    stripped = text.lstrip("\n\r \t")
    first, _, rest = stripped.partition("\n")
    if looks_like_title(first, rest):
        return first.strip(), rest
    return None, text


class TextReader:
    name = "text"

    def sniff(self, path: Path, head: bytes) -> int:
        return 30 if path.suffix.lower() in {".txt", ".text", ".md", ""} else 10

    def read(self, path: Path, data: bytes) -> Iterator[Article | InputError]:
        text = decode_utf8(data, str(path))
        if isinstance(text, InputError):
            yield text
            return
        if not text.strip():
            yield InputError(str(path), "no text (only whitespace)")
            return
        title, body = split_title(text)
        yield Article(id="", title=title, text=body, path=str(path))


register_reader(TextReader())
