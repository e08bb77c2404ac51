"""HTML page reader: trafilatura finds the article body and its metadata."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

from ..models import Article, InputError
from . import register_reader

_HTML_START = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S)
_HTML_ANY = re.compile(rb"<(?:html|body|div|p|article|head|title)\b", re.I)
_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([\w-]+)""", re.I)


def decode_html(data: bytes) -> str:
    """Decode with the page's declared charset, else UTF-8, else a lenient guess."""
    m = _CHARSET.search(data[:4096])
    for enc in ([m.group(1).decode("ascii", "ignore")] if m else []) + ["utf-8"]:
        try:
            return data.decode(enc)
        except (LookupError, UnicodeDecodeError):
            continue
    raise UnicodeDecodeError("utf-8", data, 0, 1, "not valid in the declared or default charset")


def is_truncated(html: str) -> bool:
    """A full page (doctype/<html>) that never closes was cut off in transit."""
    lowered = html[-2000:].lower()
    return "</html>" not in lowered and "</body>" not in lowered


def html_to_article(html: str, where: str, url: str | None = None) -> Article | InputError:
    import trafilatura

    if not html.strip():
        return InputError(where, "empty HTML")
    raw = trafilatura.extract(
        html,
        url=url,
        output_format="json",
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
    )
    if not raw:
        return InputError(where, "no article text found in HTML")
    doc = json.loads(raw)
    text = doc.get("text") or doc.get("raw_text") or ""
    if not text.strip():
        return InputError(where, "no article text found in HTML")
    return Article(
        id="",
        title=doc.get("title"),
        text=text,
        url=url or doc.get("source") or doc.get("url"),
        outlet=doc.get("sitename") or doc.get("source-hostname") or doc.get("hostname"),
        published=doc.get("date"),
        author=doc.get("author"),
        path=where,
        metadata={k: doc[k] for k in ("description", "categories", "tags") if doc.get(k)},
    )


class HtmlReader:
    name = "html"

    def sniff(self, path: Path, head: bytes) -> int:
        if _HTML_START.match(head):
            return 95
        if path.suffix.lower() in {".html", ".htm", ".xhtml"}:
            return 80
        return 40 if _HTML_ANY.search(head) else 0

    def read(self, path: Path, data: bytes) -> Iterator[Article | InputError]:
        where = str(path)
        try:
            html = decode_html(data)
        except UnicodeDecodeError:
            yield InputError(where, "HTML is not valid in its declared charset or UTF-8")
            return
        if _HTML_START.match(data[:4096]) and is_truncated(html):
            yield InputError(where, "truncated HTML: the page ends before </body></html>")
            return
        yield html_to_article(html, where)


register_reader(HtmlReader())
