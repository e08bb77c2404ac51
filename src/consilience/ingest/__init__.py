"""Readers: one per input format, each yielding Articles (or InputErrors).

A reader is picked by content first and extension second, so a feed saved as
``.txt`` or a page saved without extension is still read right. Plugins add a
reader with :func:`register_reader`.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Protocol

from ..models import Article, InputError

MAX_FILE_BYTES = int(os.environ.get("CONSILIENCE_MAX_FILE_BYTES", 200 * 1024 * 1024))
SNIFF_BYTES = 4096


class Reader(Protocol):
    name: str

    def sniff(self, path: Path, head: bytes) -> int:
        """How sure this reader is that it can read the file: 0 (no) .. 100."""

    def read(self, path: Path, data: bytes) -> Iterator[Article | InputError]: ...


READERS: dict[str, Reader] = {}


def register_reader(reader: Reader) -> Reader:
    READERS[reader.name] = reader
    return reader


def _load_builtin_readers() -> None:
    from . import feed, html, jsonl, text, warc  # noqa: F401  (they register themselves)


def looks_binary(head: bytes) -> bool:
    """NUL bytes or many control bytes mean this is not a text format."""
    if not head:
        return False
    if b"\x00" in head:
        return True
    control = sum(1 for b in head if b < 9 or 13 < b < 32)
    return control / len(head) > 0.05


def pick_reader(path: Path, head: bytes) -> Reader | None:
    _load_builtin_readers()
    best, best_score = None, 0
    for reader in READERS.values():
        score = reader.sniff(path, head)
        if score > best_score:
            best, best_score = reader, score
    return best


def iter_files(paths: Iterable[str], skip: Iterable[str] = ()) -> Iterator[Path]:
    """Walk directories recursively (sorted, hidden files skipped). Files in ``skip``
    are passed over when a walk meets them: the store's own database (the default,
    ./consilience.db, sits in the folder a user analyses) is not an input."""
    skipped = {os.path.realpath(s) for s in skip}
    skipped_names = {os.path.basename(s) for s in skipped}  # resolve only files that could be one of them
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    path = Path(root) / name
                    if not name.startswith(".") and not (
                            name in skipped_names and os.path.realpath(path) in skipped):
                        yield path
        else:
            yield p


def read_checked(path: Path, where: str | None = None) -> bytes | InputError:
    """A file's bytes, or the error that names why not (as ``where``, the path as the user
    gave it): unreadable, empty, too large."""
    where = where or str(path)
    try:
        size = path.stat().st_size
        if size == 0:
            return InputError(where, "empty file")
        if size > MAX_FILE_BYTES:
            return InputError(where, f"file too large ({size / 1e6:.0f} MB > {MAX_FILE_BYTES / 1e6:.0f} MB limit)")
        return path.read_bytes()
    except OSError as exc:
        return InputError(where, f"cannot read: {exc.strerror or exc}")


def read_path(path: Path) -> Iterator[Article | InputError]:
    """Read one file with the reader its content calls for."""
    where = str(path)
    data = read_checked(path, where)
    if isinstance(data, InputError):
        yield data
        return
    head = data[:SNIFF_BYTES]
    if data.startswith(b"WARC/") or data[:2] == b"\x1f\x8b" and path.name.endswith((".warc.gz", ".warc")):
        pass  # WARC (possibly gzipped) is binary-looking but readable
    elif looks_binary(head):
        if path.name.endswith((".warc.gz", ".warc")):
            yield InputError(where, "malformed WARC: neither a WARC record nor gzip data at the start")
        else:
            yield InputError(where, "binary file, not text, HTML, a feed, JSONL or WARC")
        return
    reader = pick_reader(path, head)
    if reader is None:
        yield InputError(where, "unrecognised format")
        return
    try:
        yield from reader.read(path, data)
    except Exception as exc:  # a reader bug must not stop the batch
        yield InputError(where, f"{reader.name} reader failed: {type(exc).__name__}: {exc}")


def read_stdin_jsonl() -> Iterator[Article | InputError]:
    from .jsonl import parse_jsonl_lines

    yield from parse_jsonl_lines(sys.stdin.buffer.read(), "<stdin>")


def read_inputs(paths: Iterable[str], skip: Iterable[str] = ()) -> Iterator[Article | InputError]:
    """Every article under ``paths``; ``-`` reads JSONL from stdin. Folder walks pass
    over the files in ``skip`` (see ``iter_files``)."""
    skip = tuple(skip)
    for raw in paths:
        if raw == "-":
            yield from read_stdin_jsonl()
            continue
        if not Path(raw).exists():
            yield InputError(raw, "no such file or directory")
            continue
        for path in iter_files([raw], skip):
            yield from read_path(path)


def decode_utf8(data: bytes, where: str, keep_bom: bool = False) -> str | InputError:
    """Strict UTF-8 (a BOM is dropped, or kept as a character when offsets must count it);
    wrong encodings are reported, not guessed."""
    try:
        return data.decode("utf-8" if keep_bom else "utf-8-sig")
    except UnicodeDecodeError as exc:
        bad = data[exc.start : exc.start + 1].hex()
        return InputError(where, f"invalid UTF-8 (byte 0x{bad} at offset {exc.start})")
