"""RSS/Atom reader (feedparser): one article per entry, content else summary."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from ..models import Article, InputError
from . import register_reader

_FEED_ROOT = re.compile(rb"<(?:rss|feed|rdf:RDF)\b", re.I)
_BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr"}


def fragment_to_text(fragment: str) -> str:
    """HTML fragment -> plain text with one paragraph per line."""
    if "<" not in fragment:
        return fragment.strip()
    import lxml.html

    try:
        root = lxml.html.fromstring(f"<div>{fragment}</div>")
    except Exception:  # lxml raises several types on junk markup
        return re.sub(r"<[^>]+>", " ", fragment).strip()
    for bad in root.xpath("//script|//style|//iframe|//noscript"):
        bad.drop_tree()
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag.lower() in _BLOCKS:
            el.tail = "\n" + (el.tail or "")
    text = root.text_content()
    lines = [re.sub(r"[ \t\xa0]+", " ", ln).strip() for ln in text.splitlines()]
    return "\n".join(ln for ln in lines if ln)


class FeedReader:
    name = "feed"

    def sniff(self, path: Path, head: bytes) -> int:
        if _FEED_ROOT.search(head):
            return 98
        return 50 if path.suffix.lower() in {".rss", ".atom", ".xml"} else 0

    def read(self, path: Path, data: bytes) -> Iterator[Article | InputError]:
        import feedparser

        where = str(path)
        parsed = feedparser.parse(data)
        if parsed.get("bozo"):
            exc = parsed.get("bozo_exception")
            name = type(exc).__name__ if exc else ""
            if "Encoding" not in name:  # charset overrides are harmless
                line = getattr(exc, "getLineNumber", lambda: None)()
                reason = str(exc).strip() or name
                yield InputError(where, f"malformed or truncated feed: {reason}", line=line)
                return
        if not parsed.entries:
            yield InputError(where, "feed has no entries")
            return
        outlet = parsed.feed.get("title")
        for i, entry in enumerate(parsed.entries, start=1):
            html = ""
            if entry.get("content"):
                html = entry.content[0].get("value", "")
            if not html.strip():
                html = entry.get("summary", "")
            text = fragment_to_text(html)
            if not text.strip():
                yield InputError(where, f"entry {i} has neither content nor summary")
                continue
            published = entry.get("published") or entry.get("updated")
            yield Article(
                id="",
                title=entry.get("title"),
                text=text,
                url=entry.get("link"),
                outlet=outlet,
                published=_iso(entry.get("published_parsed") or entry.get("updated_parsed")) or published,
                author=entry.get("author"),
                path=f"{where}#entry{i}",
                metadata={"feed": outlet} if outlet else {},
            )


def _iso(struct) -> str | None:
    if not struct:
        return None
    import time

    return time.strftime("%Y-%m-%dT%H:%M:%SZ", struct)


register_reader(FeedReader())
