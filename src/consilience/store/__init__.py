"""Stores keep articles, claims, attributions and stories between runs.

SQLite is the default (an embedded file, no server). Another backend registers
itself in STORES and implements the same methods as SQLiteStore.
"""

from __future__ import annotations

from collections.abc import Callable

from .sqlite import SCHEMA_VERSION, SQLiteStore

STORES: dict[str, Callable[[str], SQLiteStore]] = {"sqlite": SQLiteStore}


def open_store(location: str, kind: str = "sqlite") -> SQLiteStore:
    return STORES[kind](location)


__all__ = ["SQLiteStore", "SCHEMA_VERSION", "STORES", "open_store"]
