"""JSON Lines reader: one article per line (``id``, ``title``, ``text``, ...)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from ..models import Article, InputError
from . import register_reader

KNOWN_FIELDS = ("id", "title", "text", "url", "outlet", "published", "author")
TEXT_ALIASES = ("text", "body", "articleBody", "content")


def _as_str(value) -> str | None:
    if value is None:
        return None
    return value if isinstance(value, str) else str(value)


def article_from_record(record: dict, where: str) -> Article | InputError:
    text = next((record[k] for k in TEXT_ALIASES if isinstance(record.get(k), str)), None)
    if text is None:
        return InputError(where, 'no "text" field')
    if not text.strip():
        return InputError(where, '"text" is empty')
    metadata = {k: v for k, v in record.items() if k not in KNOWN_FIELDS and k not in TEXT_ALIASES}
    given_id = _as_str(record.get("id"))
    return Article(
        id=given_id or "",
        explicit_id=bool(given_id),
        title=_as_str(record.get("title")),
        text=text,
        url=_as_str(record.get("url")),
        outlet=_as_str(record.get("outlet")),
        published=_as_str(record.get("published")),
        author=_as_str(record.get("author")),
        path=where,
        metadata=metadata,
    )


def parse_jsonl_lines(data: bytes, name: str) -> Iterator[Article | InputError]:
    for lineno, raw in enumerate(data.splitlines(), start=1):
        if not raw.strip():
            continue
        where = f"{name}:{lineno}"
        try:
            line = raw.decode("utf-8-sig" if lineno == 1 else "utf-8")
        except UnicodeDecodeError as exc:
            yield InputError(name, f"invalid UTF-8 (byte offset {exc.start} in line)", line=lineno)
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(name, f"malformed JSON: {exc.msg} (column {exc.colno})", line=lineno)
            continue
        if not isinstance(record, dict):
            yield InputError(name, f"expected a JSON object, got {type(record).__name__}", line=lineno)
            continue
        result = article_from_record(record, where)
        if isinstance(result, InputError):
            result = InputError(name, result.reason, line=lineno)
        yield result


class JsonlReader:
    name = "jsonl"

    def sniff(self, path: Path, head: bytes) -> int:
        start = head.lstrip()[:1]
        if path.suffix.lower() in {".jsonl", ".ndjson", ".json"}:
            return 90
        return 60 if start == b"{" else 0

    def read(self, path: Path, data: bytes) -> Iterator[Article | InputError]:
        yield from parse_jsonl_lines(data, str(path))


register_reader(JsonlReader())
