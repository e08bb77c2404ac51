"""WARC reader (warcio): HTML response records, then the HTML path."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

from ..models import Article, InputError
from . import register_reader
from .html import decode_html, html_to_article


def _one_line(exc: Exception, limit: int = 100) -> str:
    """A short printable reason: warcio quotes the raw bytes of a bad first line."""
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    if "first line:" in text:
        text = text.split("first line:")[0].strip().rstrip(",")
    text = "".join(ch if ch.isprintable() and ord(ch) < 0x250 else "?" for ch in text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


class WarcReader:
    name = "warc"

    def sniff(self, path: Path, head: bytes) -> int:
        if head.startswith(b"WARC/"):
            return 100
        if path.name.endswith((".warc", ".warc.gz")):
            return 90
        return 0

    def read(self, path: Path, data: bytes) -> Iterator[Article | InputError]:
        from warcio.archiveiterator import ArchiveIterator
        from warcio.exceptions import ArchiveLoadFailed

        where = str(path)
        found = 0
        try:
            for n, record in enumerate(ArchiveIterator(io.BytesIO(data)), start=1):
                if record.rec_type != "response":
                    continue
                ctype = (record.http_headers.get_header("Content-Type") or "") if record.http_headers else ""
                if "html" not in ctype.lower():
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI")
                rec_where = f"{where}#record{n}"
                body = record.content_stream().read()
                try:
                    html = decode_html(body)
                except UnicodeDecodeError:
                    yield InputError(rec_where, "HTML record is not valid in its charset")
                    continue
                found += 1
                yield html_to_article(html, rec_where, url=url)
        except (ArchiveLoadFailed, EOFError, OSError, ValueError, AttributeError, KeyError) as exc:
            # warcio raises AttributeError/KeyError on records with missing headers
            reason = ("a record lacks required WARC headers" if isinstance(exc, (AttributeError, KeyError))
                      else _one_line(exc))
            yield InputError(where, f"malformed or truncated WARC: {reason}")
            return
        if not found:
            yield InputError(where, "WARC holds no HTML response records")


register_reader(WarcReader())
