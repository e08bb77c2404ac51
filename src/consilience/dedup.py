"""Near-duplicates and syndication: MinHash LSH over word shingles.

A wire story reprinted with a new headline, a cut ending or an added
paragraph keeps most of its 5-word shingles, so its MinHash lands in the same
LSH bucket as the original and its estimated Jaccard similarity stays high.
"""

from __future__ import annotations

import re

import numpy as np
from datasketch import MinHash, MinHashLSH

SHINGLE = 5
NUM_PERM = 64
LSH_THRESHOLD = 0.4
_WORD = re.compile(r"[a-z0-9]+")
_PERMS = MinHash(num_perm=NUM_PERM, seed=7, scheme="affine32")  # permutations are shared by every MinHash


def shingles(text: str) -> set[str]:
    words = _WORD.findall(text.lower())
    if len(words) < SHINGLE:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


def minhash(sh: set[str]) -> MinHash:
    m = MinHash(num_perm=NUM_PERM, seed=7, permutations=_PERMS.permutations, scheme="affine32")
    m.update_batch([s.encode("utf-8") for s in sh])
    return m


class CopyIndex:
    """Finds, for each new article, the earlier article it copies (if any)."""

    def __init__(self) -> None:
        self.lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
        self.hashes: dict[str, np.ndarray] = {}
        self.copy_root: dict[str, str] = {}

    def add(self, article_id: str, text: str) -> str | None:
        """Index the article; return the id of the original it copies, or None."""
        m = minhash(shingles(text))
        original = None
        best = 0.0
        for cand in self.lsh.query(m):
            other = MinHash(num_perm=NUM_PERM, seed=7, hashvalues=self.hashes[cand],
                            permutations=_PERMS.permutations, scheme="affine32")
            score = m.jaccard(other)
            if score > best:
                best, original = score, cand
        if original is not None and best < LSH_THRESHOLD:
            original = None
        if article_id not in self.hashes:
            self.lsh.insert(article_id, m)
            self.hashes[article_id] = m.hashvalues
        root = self.copy_root.get(original, original) if original else None
        if root:
            self.copy_root[article_id] = root
        return root
