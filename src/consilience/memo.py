"""A bounded memo for per-word functions on hot paths (stemming, term keys, word hashes).

News text repeats a small vocabulary, so the hot loops look words up far more
often than they compute them. ``WordMemo.many`` maps a whole token list in one
C-level pass when every word is known, which is the common case.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class WordMemo(Generic[T]):
    """``func``'s results by word, keeping at most ``cap`` of them (memory stays bounded on any corpus)."""

    def __init__(self, func: Callable[[str], T], cap: int = 500_000) -> None:
        self.func = func
        self.cap = cap
        self.cache: dict[str, T] = {}

    def __call__(self, word: str) -> T:
        out = self.cache.get(word)
        if out is None:
            out = self.func(word)
            if len(self.cache) < self.cap:
                self.cache[word] = out
        return out

    def many(self, words: list[str]) -> list[T]:
        try:  # every word seen before: one C-level pass
            return list(map(self.cache.__getitem__, words))
        except KeyError:
            return list(map(self, words))
