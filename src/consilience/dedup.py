"""Near-duplicates and syndication: MinHash LSH over word shingles.

A wire story reprinted with a new headline, a cut ending or an added
paragraph keeps most of its 4-word shingles (hashed with numpy; the
signature goes into datasketch's MinHashLSH), so its MinHash shares LSH bands
with the original. A candidate counts as a copy when the estimated Jaccard
similarity is high, or when nearly all of the shorter text is contained in
the longer one (a cut or an extended reprint). Only the body is shingled:
headlines are what reprints change.
"""

from __future__ import annotations

import re
import zlib

import numpy as np
from datasketch import MinHash, MinHashLSH

SHINGLE = 4
NUM_PERM = 64
LSH_THRESHOLD = 0.3  # candidate retrieval; the decision is below
COPY_JACCARD = 0.5
COPY_CONTAINMENT = 0.8  # share of the shorter text found in the longer one
MIN_CONTAIN_JACCARD = 0.15
_WORD = re.compile(r"\w+")
_SCHEME = "affine32"
_rng = np.random.RandomState(7)
# Multiply-shift hashing: one (odd a, b) pair of 64-bit numbers per permutation.
_A = (_rng.randint(1, 2**31, size=NUM_PERM, dtype=np.uint64) << np.uint64(32)) | _rng.randint(
    1, 2**31, size=NUM_PERM, dtype=np.uint64) | np.uint64(1)
_B = (_rng.randint(0, 2**31, size=NUM_PERM, dtype=np.uint64) << np.uint64(32)) | _rng.randint(
    0, 2**31, size=NUM_PERM, dtype=np.uint64)
_MIX = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0x27D4EB2F165667C5],
                dtype=np.uint64)[:SHINGLE]
_PERMS = MinHash(num_perm=NUM_PERM, seed=7, scheme=_SCHEME).permutations  # only to build MinHash objects
_WORD_HASH: dict[str, int] = {}


def _word_hash(w: str) -> int:
    h = _WORD_HASH.get(w)
    if h is None:
        h = zlib.crc32(w.encode("utf-8"))  # stable across processes (unlike hash())
        if len(_WORD_HASH) < 1_000_000:
            _WORD_HASH[w] = h
    return h


def shingle_hashes(text: str) -> np.ndarray:
    """Distinct 64-bit hashes of the text's SHINGLE-word windows (lowercased words)."""
    words = _WORD.findall(text.lower())
    if not words:
        return np.zeros(0, dtype=np.uint64)
    wh = np.fromiter((_word_hash(w) for w in words), dtype=np.uint64, count=len(words))
    if len(words) < SHINGLE:
        wh = np.concatenate([wh, np.zeros(SHINGLE - len(words), dtype=np.uint64)])
    n = len(wh) - SHINGLE + 1
    with np.errstate(over="ignore"):
        h = np.zeros(n, dtype=np.uint64)
        for i in range(SHINGLE):
            h = (h ^ wh[i : i + n]) * _MIX[i]
            h ^= h >> np.uint64(29)
    return np.unique(h)


def shingles(text: str) -> set[int]:
    return set(shingle_hashes(text).tolist())


def signature(hashes: np.ndarray) -> np.ndarray:
    """MinHash signature (NUM_PERM uint32 values) of a set of shingle hashes."""
    if len(hashes) == 0:
        return np.full(NUM_PERM, 0xFFFFFFFF, dtype=np.uint32)
    with np.errstate(over="ignore"):
        phv = (hashes[:, None] * _A[None, :] + _B[None, :]) >> np.uint64(32)
    return phv.min(axis=0).astype(np.uint32)


def minhash(values: np.ndarray) -> MinHash:
    return MinHash(num_perm=NUM_PERM, seed=7, hashvalues=values, permutations=_PERMS, scheme=_SCHEME)


def copy_score(j: float, size_a: int, size_b: int) -> tuple[float, float]:
    """(Jaccard, containment of the smaller set in the larger) from a Jaccard estimate."""
    small = max(1, min(size_a, size_b))
    inter = j * (size_a + size_b) / (1.0 + j)
    return j, min(1.0, inter / small)


def is_copy(j: float, size_a: int, size_b: int) -> bool:
    j, contain = copy_score(j, size_a, size_b)
    return j >= COPY_JACCARD or (contain >= COPY_CONTAINMENT and j >= MIN_CONTAIN_JACCARD)


class CopyIndex:
    """Finds, for each new article, the earlier article it copies (if any).

    ``add`` returns the *root* original (copies of copies point at the first
    article), so a copy group is all articles sharing one root.
    """

    def __init__(self) -> None:
        self.lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
        self.hashes: dict[str, np.ndarray] = {}
        self.sizes: dict[str, int] = {}
        self.root: dict[str, str] = {}  # copy -> root original

    def __len__(self) -> int:
        return len(self.hashes)

    def match(self, text: str) -> tuple[str | None, float, MinHash, int]:
        """Best earlier copy candidate: (root id or None, jaccard, minhash, shingle count)."""
        sh = shingle_hashes(text)
        sig = signature(sh)
        m = minhash(sig)
        size = len(sh)
        best, best_j = None, 0.0
        if size:
            for cand in self.lsh.query(m):
                j = float(np.count_nonzero(sig == self.hashes[cand])) / NUM_PERM
                if j > best_j and is_copy(j, size, self.sizes[cand]):
                    best, best_j = cand, j
        root = self.root.get(best, best) if best is not None else None
        return root, best_j, m, size

    def add(self, article_id: str, text: str) -> str | None:
        """Index the article; return the id of the original it copies, or None."""
        if article_id in self.hashes:
            return self.root.get(article_id)
        root, _, m, size = self.match(text)
        if size:
            self.lsh.insert(article_id, m, check_duplication=False)
        self.hashes[article_id] = np.asarray(m.hashvalues, dtype=np.uint32)
        self.sizes[article_id] = size
        if root is not None:
            self.root[article_id] = root
        return root

    def similarity(self, a: str, b: str) -> dict:
        """Estimated shingle Jaccard and containment between two indexed articles."""
        if a not in self.hashes or b not in self.hashes:
            return {}
        j = float(np.count_nonzero(self.hashes[a] == self.hashes[b])) / NUM_PERM
        j, contain = copy_score(j, self.sizes[a], self.sizes[b])
        return {"jaccard": round(j, 3), "containment": round(contain, 3),
                "copy": is_copy(j, self.sizes[a], self.sizes[b])}
