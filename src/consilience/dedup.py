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

from .memo import WordMemo

SHINGLE = 4
NUM_PERM = 64
LSH_THRESHOLD = 0.3  # candidate retrieval; the decision is below
COPY_JACCARD = 0.5
COPY_CONTAINMENT = 0.8  # share of the shorter text found in the longer one
MIN_CONTAIN_JACCARD = 0.15
BUCKET_CAP = 16  # ids kept per LSH bucket: a fuller bucket is a band value shared by a whole topic (like a
# stop word), so later articles are not added to it; queries then cost O(bands * BUCKET_CAP) at any size
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


def _word_hash(w: str) -> int:
    return zlib.crc32(w.encode("utf-8"))  # stable across processes (unlike hash())


_word_hashes = WordMemo(_word_hash, cap=1_000_000)


def shingle_hashes(text: str) -> np.ndarray:
    """Distinct 64-bit hashes of the text's SHINGLE-word windows (lowercased words)."""
    words = _WORD.findall(text.lower())
    if not words:
        return np.zeros(0, dtype=np.uint64)
    wh = np.array(_word_hashes.many(words), dtype=np.uint64)
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


def _sig(packed: bytes) -> np.ndarray:
    return np.frombuffer(packed, dtype=np.uint32)


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


class _Buckets:
    """One LSH band's buckets for datasketch: band hash -> the id, or a set of ids when several share it.

    datasketch's default keeps a set per bucket and a list of band hashes per key (for removals, which
    this index never does): several kilobytes per article. This keeps the same lookups in a fraction,
    and stops filling a bucket at ``BUCKET_CAP`` ids.
    """

    def __init__(self) -> None:
        self._dict: dict = {}

    def get(self, key):
        v = self._dict.get(key)
        if v is None:
            return ()
        return v if isinstance(v, set) else (v,)

    def insert(self, key, *vals, **kwargs) -> None:
        d = self._dict
        for v in vals:
            cur = d.get(key)
            if cur is None:
                d[key] = v
            elif isinstance(cur, set):
                if len(cur) < BUCKET_CAP:
                    cur.add(v)
            elif cur != v:
                d[key] = {cur, v}

    def size(self) -> int:
        return len(self._dict)

    def itemcounts(self, **kwargs) -> dict:
        return {k: len(v) if isinstance(v, set) else 1 for k, v in self._dict.items()}


class _NoKeys:
    """Stands in for datasketch's key -> band hashes store: nothing is removed, so nothing is kept."""

    def insert(self, key, *vals, **kwargs) -> None:
        pass

    def __contains__(self, key) -> bool:
        return False

    def size(self) -> int:
        return 0


def _lean_lsh() -> MinHashLSH:
    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    lsh.hashtables = [_Buckets() for _ in range(lsh.b)]
    lsh.keys = _NoKeys()
    return lsh


class CopyIndex:
    """Finds, for each new article, the earlier article it copies (if any).

    ``add`` returns the *root* original (copies of copies point at the first
    article), so a copy group is all articles sharing one root.
    """

    def __init__(self) -> None:
        self.lsh = _lean_lsh()
        self.hashes: dict[str, bytes] = {}  # article id -> its MinHash signature (NUM_PERM uint32)
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
            cands = self.lsh.query(m)
            if cands:
                # All candidates' signatures compared in one numpy call (a full bucket set is hundreds).
                stacked = np.frombuffer(b"".join([self.hashes[c] for c in cands]), dtype=np.uint32)
                agree = np.count_nonzero(stacked.reshape(len(cands), NUM_PERM) == sig, axis=1)
                for k in np.flatnonzero(agree >= MIN_CONTAIN_JACCARD * NUM_PERM).tolist():
                    j = float(agree[k]) / NUM_PERM
                    if j > best_j and is_copy(j, size, self.sizes[cands[k]]):
                        best, best_j = cands[k], j
        root = self.root.get(best, best) if best is not None else None
        return root, best_j, m, size

    def add(self, article_id: str, text: str) -> str | None:
        """Index the article; return the id of the original it copies, or None."""
        if article_id in self.hashes:
            return self.root.get(article_id)
        root, _, m, size = self.match(text)
        if size:
            self.lsh.insert(article_id, m, check_duplication=False)
        self.hashes[article_id] = np.asarray(m.hashvalues, dtype=np.uint32).tobytes()
        self.sizes[article_id] = size
        if root is not None:
            self.root[article_id] = root
        return root

    def similarity(self, a: str, b: str) -> dict:
        """Estimated shingle Jaccard and containment between two indexed articles."""
        if a not in self.hashes or b not in self.hashes:
            return {}
        j = float(np.count_nonzero(_sig(self.hashes[a]) == _sig(self.hashes[b]))) / NUM_PERM
        j, contain = copy_score(j, self.sizes[a], self.sizes[b])
        return {"jaccard": round(j, 3), "containment": round(contain, 3),
                "copy": is_copy(j, self.sizes[a], self.sizes[b])}
