"""Incremental story clustering with stable ids.

Each article becomes a sparse TF-IDF vector (sublinear tf, smoothed idf from
the document frequencies seen so far) over normalised content words; the
title and the lead (the first ``LEAD_TOKENS`` words: news puts the event
first) count double. Named entities (the caller's NER strings, or capitalised
word sequences when it has none) are kept beside the vector to explain a
story, not to build it: an entity alone (a governor, a company) links
different events.

Clustering is average linkage, the standard agglomerative criterion, done
incrementally. A story keeps the sum of its articles' vectors, so the mean
cosine between two groups of articles is one sparse dot product of their sums
divided by the product of their sizes. Each ``add`` call:

1. finds copies (``dedup.CopyIndex``, MinHash LSH); a copy always joins the
   story of its original;
2. finds candidate neighbours of each new article: stored stories through an
   inverted index (term -> stories posted under it, most recent
   ``POSTING_CAP`` read) and the other new articles through a batch index of
   the same kind, so the cost stays near-linear (no all-pairs);
3. starts from the new articles as singletons and the stored stories they
   touch as fixed groups, and merges the pair of neighbouring groups with the
   highest mean cosine (damped by the gap in days when dates are known) while
   it is at least ``JOIN_THRESHOLD``. Two stored stories only merge through new
   articles and when their own articles are related (mean cosine at least
   ``MERGE_THRESHOLD``); the merge is recorded;
4. lets a new article still left alone join the nearest story of at least
   ``ATTACH_MIN`` articles at a lower bar (``ATTACH_THRESHOLD``) when that story
   is clearly nearer than the next (``ATTACH_MARGIN`` times its score): a broad
   story's mean cosine to one of its own articles can fall under the join bar,
   and the margin keeps out an article whose own story has not arrived yet.

Stability: a stored story is never split; one that gets no new article keeps
its id and members, and the only other change is a recorded merge into
another story (the larger, then older, survives). A new story's id is "s-" +
10 hex chars of sha1(its first article id).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import heapq
import pickle
import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import repeat
from operator import add, itemgetter

import numpy as np

from .dedup import CopyIndex
from .memo import WordMemo

FORMAT_VERSION = 2
TOP_TERMS = 100  # terms kept per article vector
LEAD_TOKENS = 60  # the lead: the first words of the body, weighted like the title
LEAD_WEIGHT = 2.0
TITLE_WEIGHT = 2.0
QUERY_TERMS = 20  # heaviest article terms used to look up candidates
INDEX_TERMS = 25  # heaviest article terms under which an article (and its story) is posted
SCAN_ALL = 50  # with this few stories, score them all
POSTING_CAP = 200  # most recent entries read per posting list
MAX_CANDIDATES = 10  # stored stories scored per article (those sharing the most query-term weight)
MAX_NEIGHBOURS = 10  # other new articles scored per article
CENTROID_CAP = 1200  # terms kept in a story's vector sum (pruned to CENTROID_KEEP when exceeded)
CENTROID_KEEP = 800
GROUP_CAP = 4 * CENTROID_CAP  # a group's sum during one add call is pruned later (it is scored, not stored)
REFRESH_GROWTH = 1.5  # a story touched after the collection grew this much since its vectors were made
# gets them made again with the current idf (amortised: each article is re-weighted O(log n) times)
ENTITY_CAP = 60  # entity counts kept per story
JOIN_THRESHOLD = 0.2  # mean cosine between two groups for them to be one story
MERGE_THRESHOLD = 0.05  # mean cosine between two stored stories for a bridge to merge them
ATTACH_THRESHOLD = 0.12  # a lone new article joins its nearest story (of ATTACH_MIN+ articles) at this mean cosine
ATTACH_MIN = 2
ATTACH_MARGIN = 1.5  # ... when that story scores this many times the next nearest
DAYS_FREE = 3  # date gap (days) with no penalty
DAYS_HALF = 14  # extra days over which the score is halved

_TOKEN = re.compile(r"[^\W\d_][\w'’-]*[^\W_]|[^\W\d_]", re.UNICODE)
_CAPSEQ = re.compile(r"\b(?:[A-Z][\w'’-]*[a-z][\w'’-]*|[A-Z]{2,})(?:\s+(?:of\s+|the\s+|de\s+)?(?:[A-Z][\w'’-]*|[A-Z]{2,}))*")
STOPWORDS = frozenset(
    """a about above after again against all almost also although am among an and another any anyone anything
    are around as at away back be became because become been before being below between both but by can
    cannot could did do does doing done down during each either else even ever every few for from further
    get gets getting got had has have having he her here hers herself him himself his how however i if in
    into is it its itself just last least less let like made make makes many may me might more most much
    must my myself near need never new next no nor not now of off often on once one only onto or other
    others otherwise our ours ourselves out over own per perhaps put rather really said same say saying
    says see seem seemed seems several shall she should show since so some someone something sometimes
    still such take than that the their theirs them themselves then there therefore these they thing
    things this those though through thus to together told too toward towards under unless until up upon
    us use used using very via want was way we well were what whatever when where whether which while who
    whoever whole whom whose why will with within without would yet you your yours yourself yourselves
    mr mrs ms according reported reports report reportedly told tell tells including include includes
    two three first second time times year years day days week weeks month months today yesterday
    tomorrow people just now also going go goes went come comes came know known""".split()
)
_ENTITY_STOP = frozenset(
    """The A An This That These Those It He She They We I In On At For But And Or If When While After Before
    According However Mr Mrs Ms Dr Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February
    March April May June July August September October November December""".split()
)


@dataclass
class StoryInput:
    id: str
    text: str
    title: str | None = None
    published: str | None = None  # ISO date or None
    entities: list[str] | None = None  # NER entity strings when the caller has them


@dataclass
class StoryUpdate:
    assignments: dict[str, str] = field(default_factory=dict)  # article id -> story id
    copy_of: dict[str, str | None] = field(default_factory=dict)  # article id -> original it copies
    merges: list[tuple[str, str]] = field(default_factory=list)  # (absorbed, surviving)
    new_stories: list[str] = field(default_factory=list)


# -- text features ---------------------------------------------------------------


def _stem(word: str) -> str:
    """A light suffix stripper: enough to join 'flooded', 'floods' and 'flooding'."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    w = w.strip("'-")
    n = len(w)
    if n <= 4:
        return w
    for suffix, repl in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if w.endswith(suffix) and n - len(suffix) >= 3:
            if suffix == "s" and w.endswith(("ss", "us", "is")):
                return w
            if suffix == "es" and not w.endswith(("ches", "shes", "sses", "xes", "zes")):
                return w[:-1]
            w = w[: -len(suffix)] + repl
            if suffix in ("ing", "ed") and len(w) > 3 and w[-1] == w[-2] and w[-1] not in "lsz":
                w = w[:-1]
            return w
    return w


stem = WordMemo(_stem)  # the stem of a word, memoised: the same words recur in every article


def entity_key(name: str) -> str:
    words = [stem(w) for w in _TOKEN.findall(name)]
    words = [w for w in words if w not in STOPWORDS]
    return "e:" + " ".join(words) if words else ""


def _word_key(tok: str) -> str:
    """The term a token as written counts under ("" for a stop word or a short word)."""
    low = tok.lower()
    return "" if len(tok) < 3 or low in STOPWORDS else stem(low)


_term_keys = WordMemo(_word_key)


def term_counts(text: str, title: str | None = None) -> Counter:
    """Content-word counts; the title and the lead of the body weigh more."""
    counts: Counter = Counter()
    for source, weight, lead in ((text, 1.0, LEAD_TOKENS), (title or "", TITLE_WEIGHT, 0)):
        if not source:
            continue
        keys = _term_keys.many(_TOKEN.findall(source))
        for key in keys[:lead]:
            if key:
                counts[key] += weight * LEAD_WEIGHT
        # the rest counted in C; new terms still enter in order of first use (ties in later sorts
        # keep the order of the text)
        for key, n in Counter(keys[lead:]).items():
            if key:
                counts[key] += weight * n
    return counts


def _capitalised_key(seq: str) -> str:
    """The entity key of one capitalised sequence, or "" (a lone function word, a short or stop word)."""
    words = seq.split()
    while words and words[0] in _ENTITY_STOP:
        words = words[1:]
    key = entity_key(" ".join(words)) if words else ""
    if key and not (" " in key or (key[2:] not in STOPWORDS and len(key) > 4)):
        key = ""
    return key


_entity_key_of = WordMemo(_capitalised_key)


def entity_keys(text: str, title: str | None = None, entities: list[str] | None = None) -> set[str]:
    if entities is None:
        seqs = _CAPSEQ.findall(text) + (_CAPSEQ.findall(title) if title else [])
        out = set(_entity_key_of.many(seqs))
        out.discard("")
        return out
    out = set()
    for ent in entities:
        key = entity_key(ent)
        if key and (" " in key or (key[2:] not in STOPWORDS and len(key) > 4)):
            out.add(key)
    return out


def parse_day(published: str | None) -> int | None:
    if not published:
        return None
    m = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", published)
    if not m:
        return None
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3])).toordinal()
    except ValueError:
        return None


def story_id_for(article_id: str) -> str:
    return "s-" + hashlib.sha1(article_id.encode("utf-8")).hexdigest()[:10]


def _dot(a: dict, b: dict) -> float:
    if len(a) > len(b):
        a, b = b, a
    if len(a) <= 300:
        # an article against a story: a C-level key intersection (most terms are not shared)
        return sum([a[t] * b[t] for t in a.keys() & b.keys()])
    # two big sums share most terms: look the smaller one's terms up in the other
    get = b.get
    return sum([w * get(t, 0.0) for t, w in a.items()])


def _cos(a: dict, b: dict, norm_b: float = 1.0) -> float:
    return _dot(a, b) / (norm_b or 1.0)


def day_factor(day: int | None, lo: int | None, hi: int | None) -> float:
    if day is None or lo is None or hi is None:
        return 1.0
    gap = max(0, lo - day, day - hi) - DAYS_FREE
    if gap <= 0:
        return 1.0
    return 1.0 / (1.0 + gap / DAYS_HALF)


def _range_factor(lo1, hi1, lo2, hi2) -> float:
    if lo1 is None or lo2 is None:
        return 1.0
    gap = max(0, lo1 - hi2, lo2 - hi1) - DAYS_FREE
    return 1.0 if gap <= 0 else 1.0 / (1.0 + gap / DAYS_HALF)


def _add_into(acc: dict, vec: dict, cap: int = CENTROID_CAP) -> dict:
    """``acc += vec``, then :func:`_prune` at ``cap``."""
    get = acc.get
    acc.update(zip(vec.keys(), map(add, map(get, vec.keys(), repeat(0.0)), vec.values())))
    return _prune(acc, cap)


def _prune(acc: dict, cap: int = CENTROID_CAP) -> dict:
    """Past ``cap`` terms, only the heaviest (``CENTROID_KEEP`` of each ``CENTROID_CAP``) are kept."""
    if len(acc) > cap:
        acc = dict(sorted(acc.items(), key=itemgetter(1), reverse=True)[: cap * CENTROID_KEEP // CENTROID_CAP])
    return acc


def _pack(counts: dict[int, float]) -> bytes:
    """Term counts in one bytes object (int32 term ids, then float32 counts): small in memory and blob."""
    n = len(counts)
    return (np.fromiter(counts.keys(), dtype=np.int32, count=n).tobytes()
            + np.fromiter(counts.values(), dtype=np.float32, count=n).tobytes())


def _top_hits(postings: dict, query: list[tuple[int, float]], k: int) -> list:
    """The k entries sharing the most query-term weight (the most recent ``POSTING_CAP`` of each
    term's posting list read); ties keep first-seen order, like ``Counter.most_common``."""
    hits: dict = {}
    get = hits.get
    for t, w in query:
        posting = postings.get(t)
        if posting:
            # hits[x] += w for each entry, in C (an id is posted once per term, so the lazy reads
            # all see the values from before this term)
            part = posting[-POSTING_CAP:]
            hits.update(zip(part, map(add, map(get, part, repeat(0.0)), repeat(w))))
    return [x for x, _ in heapq.nlargest(k, hits.items(), key=itemgetter(1))]


def _arrays(vec: dict[int, float]) -> tuple[np.ndarray, np.ndarray]:
    n = len(vec)
    return np.fromiter(vec.keys(), dtype=np.int64, count=n), np.fromiter(vec.values(), dtype=np.float64, count=n)


def _packed_vector(packed: bytes, idf: np.ndarray) -> dict[int, float]:
    """An article's vector from its packed counts: sublinear tf times idf, the ``TOP_TERMS``
    heaviest terms (ties in text order), unit length."""
    ids, w = _packed_arrays(packed, idf)
    return dict(zip(ids.tolist(), w.tolist()))


def _packed_arrays(packed: bytes, idf: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    n = len(packed) // 8
    ids = np.frombuffer(packed, dtype=np.int32, count=n)
    counts = np.frombuffer(packed, dtype=np.float32, count=n, offset=4 * n).astype(np.float64)
    w = (1.0 + np.log(counts)) * idf[ids]
    if n > TOP_TERMS:
        keep = np.argsort(-w, kind="stable")[:TOP_TERMS]  # stable, like sorted(): ties keep the same terms
        ids, w = ids[keep], w[keep]
    return ids, w / (np.sqrt(np.dot(w, w)) or 1.0)


class _Story:
    __slots__ = ("centroid", "members", "lo", "hi", "history", "entities", "stamp")

    def __init__(self) -> None:
        self.centroid: dict[int, float] = {}  # sum of the member vectors (pruned)
        self.members: list[str] = []
        self.lo: int | None = None
        self.hi: int | None = None
        self.history: list[dict] = []
        self.entities: dict[int, int] = {}  # entity term -> articles naming it
        self.stamp = 0  # collection size when the member vectors were last weighted

    def add_day(self, day: int | None) -> None:
        if day is None:
            return
        self.lo = day if self.lo is None else min(self.lo, day)
        self.hi = day if self.hi is None else max(self.hi, day)

    def add_entities(self, ents) -> None:
        e = self.entities
        for t in ents:
            e[t] = e.get(t, 0) + 1
        if len(e) > ENTITY_CAP * 2:
            self.entities = dict(sorted(e.items(), key=itemgetter(1), reverse=True)[:ENTITY_CAP])

    def __getstate__(self):
        return (self.centroid, self.members, self.lo, self.hi, self.history, self.entities, self.stamp)

    def __setstate__(self, state):
        self.centroid, self.members, self.lo, self.hi, self.history, self.entities, self.stamp = state


class _Group:
    """A group during one ``add`` call: new articles, stored stories, or both."""

    __slots__ = ("sum", "n", "new", "old", "old_sum", "old_n", "lo", "hi", "nbrs", "version", "alive")

    def __init__(self) -> None:
        self.sum: dict[int, float] = {}
        self.n = 0
        self.new: list[int] = []  # indexes of new articles
        self.old: list[str] = []  # stored story ids
        self.old_sum: dict[int, float] | None = None
        self.old_n = 0
        self.lo: int | None = None
        self.hi: int | None = None
        self.nbrs: set[int] = set()
        self.version = 0
        self.alive = True


class StoryIndex:
    """Persistent, incremental clusterer; ``to_bytes`` is stored between ingests."""

    def __init__(self) -> None:
        self.version = FORMAT_VERSION
        self.vocab: dict[str, int] = {}
        self.terms: list[str] = []
        self.df: list[int] = []
        self.n_docs = 0
        self.counts: dict[str, bytes] = {}  # article id -> packed term counts (its vector is weighted from them)
        self.entities: dict[str, tuple[int, ...]] = {}  # article id -> entity term ids
        self.days: dict[str, int | None] = {}
        self.story_of: dict[str, str] = {}
        self.stories: dict[str, _Story] = {}
        self.alias: dict[str, str] = {}  # absorbed story id -> surviving story id
        self.postings: dict[int, list[str]] = {}
        self.indexed: dict[str, set[int]] = {}  # story -> terms it is posted under
        self.copies = CopyIndex()
        self.copy_of: dict[str, str | None] = {}
        self.placement: dict[str, tuple[str, float]] = {}  # article id -> (how it was placed, score)

    # -- persistence ---------------------------------------------------------------
    def to_bytes(self) -> bytes:
        state = {k: v for k, v in self.__dict__.items() if k != "_idf_cache"}
        return pickle.dumps(state, protocol=pickle.HIGHEST_PROTOCOL)

    @classmethod
    def from_bytes(cls, data: bytes) -> StoryIndex:
        state = pickle.loads(data)
        if isinstance(state, cls):  # an older blob that pickled the object itself
            state = state.__dict__
        if not isinstance(state, dict) or state.get("version") != FORMAT_VERSION:
            raise ValueError("story index blob has an unknown format; rebuild the index")
        obj = cls.__new__(cls)
        obj.__dict__.update(state)
        return obj

    @classmethod
    def adopt(cls, articles: list[StoryInput], story_of: dict[str, str],
              copy_of: dict[str, str | None]) -> StoryIndex:
        """An index over articles already placed in stories, for a database whose stored
        index is in an older format: every article keeps its story and copy link, so no
        stored story changes; only later ingests cluster."""
        index = cls()
        counts = [index._count(art) for art in articles]
        for art, c in zip(articles, counts, strict=True):
            sid = story_of[art.id]
            st = index.stories.get(sid)
            if st is None:
                st = index.stories[sid] = _Story()
                st.stamp = index.n_docs
                st.history.append({"event": "adopted", "by": art.id})
            vec = _packed_vector(_pack(c), index._idf_array())
            day = parse_day(art.published)
            st.members.append(art.id)
            st.centroid = _add_into(st.centroid, vec)
            st.add_day(day)
            ents = tuple(index._term_id(k) for k in sorted(entity_keys(art.text, art.title, art.entities)))
            st.add_entities(ents)
            index.entities[art.id] = ents
            index.counts[art.id] = _pack(c)
            index.days[art.id] = day
            index.story_of[art.id] = sid
            index.copy_of[art.id] = copy_of.get(art.id)
            index.copies.add(art.id, art.text)
            index._index_story(sid, sorted(vec.items(), key=itemgetter(1), reverse=True))
            index.placement[art.id] = ("adopted", 0.0)
        return index

    # -- vectors -------------------------------------------------------------------
    def _term_id(self, term: str) -> int:
        tid = self.vocab.get(term)
        if tid is None:
            tid = self.vocab[term] = len(self.terms)
            self.terms.append(term)
            self.df.append(0)
        return tid

    def _count(self, art: StoryInput) -> dict[int, float]:
        """The article's term counts by term id; the collection's document frequencies grow."""
        ids = {self._term_id(t): c for t, c in term_counts(art.text, art.title).items()}
        for t in ids:
            self.df[t] += 1
        self.n_docs += 1
        return ids

    def vector(self, article_id: str) -> dict[int, float] | None:
        """The article's vector, weighted with the current idf."""
        packed = self.counts.get(article_id)
        return _packed_vector(packed, self._idf_array()) if packed is not None else None

    def resolve(self, story_id: str) -> str:
        while story_id in self.alias:
            story_id = self.alias[story_id]
        return story_id

    def _story_candidates(self, top: list[tuple[int, float]]) -> list[str]:
        if len(self.stories) <= SCAN_ALL:
            return list(self.stories)
        found = _top_hits(self.postings, top, MAX_CANDIDATES)
        return list(dict.fromkeys(self.resolve(sid) for sid in found))

    def _index_story(self, sid: str, top: list[tuple[int, float]]) -> None:
        """Post the story under an article's heaviest terms (``top``: (term, weight), heaviest first)."""
        have = self.indexed.setdefault(sid, set())
        for t, _ in top[:INDEX_TERMS]:
            if t not in have:
                have.add(t)
                self.postings.setdefault(t, []).append(sid)

    # -- the main call -------------------------------------------------------------------
    def add(self, articles: list[StoryInput]) -> StoryUpdate:
        """Place new articles in stories. Articles already placed keep their story."""
        update = StoryUpdate()
        fresh: list[StoryInput] = []
        seen: set[str] = set()
        for art in articles:
            if art.id in self.story_of or art.id in seen:
                continue
            seen.add(art.id)
            fresh.append(art)
        if fresh:
            self._add_new(fresh, update)
        for art in articles:
            update.assignments[art.id] = self.resolve(self.story_of[art.id])
            update.copy_of[art.id] = self.copy_of.get(art.id)
        update.new_stories = [s for s in update.new_stories if s in self.stories]
        return update

    def _add_new(self, fresh: list[StoryInput], update: StoryUpdate) -> None:
        days = [parse_day(a.published) for a in fresh]
        # Oldest first when dates are known (then input order): copies point at the earlier article.
        order = sorted(range(len(fresh)), key=lambda i: (days[i] is None, days[i] or 0, i))
        fresh = [fresh[i] for i in order]
        days = [days[i] for i in order]
        counts = [self._count(art) for art in fresh]
        packed = [_pack(c) for c in counts]
        idf = self._idf_array()  # one idf for the whole batch, as _vector would use
        vecs = [_packed_vector(p, idf) for p in packed]
        tops = [sorted(v.items(), key=itemgetter(1), reverse=True) for v in vecs]
        originals = [self.copies.add(art.id, art.text) for art in fresh]
        pos = {art.id: i for i, art in enumerate(fresh)}

        # Groups: every new article, and every stored story a new article may join.
        groups: list[_Group] = []
        for i, vec in enumerate(vecs):
            g = _Group()
            g.sum, g.n, g.new, g.lo, g.hi = dict(vec), 1, [i], days[i], days[i]
            groups.append(g)
        story_group: dict[str, int] = {}

        def group_of_story(sid: str) -> int:
            gi = story_group.get(sid)
            if gi is None:
                st = self.stories[sid]
                if self.n_docs >= REFRESH_GROWTH * st.stamp:
                    self._reweight(st)
                g = _Group()
                g.sum, g.n, g.old, g.lo, g.hi = dict(st.centroid), len(st.members), [sid], st.lo, st.hi
                g.old_sum, g.old_n = st.centroid, len(st.members)
                gi = story_group[sid] = len(groups)
                groups.append(g)
            return gi

        # Candidate neighbours: stored stories (posting lists) and new articles (a batch index).
        batch_postings: dict[int, list[int]] = {}
        edges: list[tuple[int, int]] = []
        for i, top in enumerate(tops):
            query = top[:QUERY_TERMS]
            for sid in self._story_candidates(query):
                edges.append((i, group_of_story(sid)))
            if len(fresh) <= SCAN_ALL:  # a small batch: every pair
                edges.extend((i, j) for j in range(i))
            else:
                edges.extend((i, j) for j in _top_hits(batch_postings, query, MAX_NEIGHBOURS))
            for t, _ in top[:INDEX_TERMS]:
                batch_postings.setdefault(t, []).append(i)

        # Copies join their original first: the original's story, or its group in this batch.
        forced: list[tuple[int, int]] = []
        for i, orig in enumerate(originals):
            if orig is None:
                continue
            if orig in pos:
                forced.append((pos[orig], i))
            elif orig in self.story_of:
                forced.append((group_of_story(self.resolve(self.story_of[orig])), i))

        parent = list(range(len(groups)))

        def find(x: int) -> int:
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        bridged: list[tuple[str, str, list[int], float, float]] = []
        # Dot products of two live groups' sums, by (lower, higher) group index. A sum is linear, so
        # when two groups merge, their neighbour's products with both sides add up to its product with
        # the merged group: a group joining a big story rarely needs a dot product of big sums again.
        dots: dict[tuple[int, int], float] = {}

        def group_dot(a: int, b: int) -> float:
            key = (a, b) if a < b else (b, a)
            v = dots.get(key)
            if v is None:
                v = dots[key] = _dot(groups[a].sum, groups[b].sum)
            return v

        def merge(a: int, b: int, score: float) -> int:
            ga, gb = groups[a], groups[b]
            if len(ga.sum) < len(gb.sum):
                a, b, ga, gb = b, a, gb, ga
            if ga.old and gb.old:
                cc = _dot(ga.old_sum, gb.old_sum) / (ga.old_n * gb.old_n)
                bridged.append((ga.old[0], gb.old[0], ga.new + gb.new, score, cc))
            if dots:
                dots.pop((a, b) if a < b else (b, a), None)
                for d in ga.nbrs | gb.nbrs:
                    va = dots.pop((a, d) if a < d else (d, a), None)
                    vb = dots.pop((b, d) if b < d else (d, b), None)
                    if va is not None and vb is not None:
                        dots[(a, d) if a < d else (d, a)] = va + vb
            ga.sum = _add_into(ga.sum, gb.sum, GROUP_CAP)
            ga.n += gb.n
            ga.new += gb.new
            ga.old += gb.old
            if gb.old_sum is not None:
                ga.old_sum = gb.old_sum if ga.old_sum is None else _add_into(dict(ga.old_sum), gb.old_sum)
                ga.old_n += gb.old_n
            for x in (gb.lo, gb.hi):
                if x is not None:
                    ga.lo = x if ga.lo is None else min(ga.lo, x)
                    ga.hi = x if ga.hi is None else max(ga.hi, x)
            ga.nbrs |= gb.nbrs
            ga.nbrs.discard(a)
            ga.nbrs.discard(b)
            ga.version += 1
            gb.alive = False
            gb.nbrs = set()
            parent[b] = a
            return a

        for a, b in forced:
            ra, rb = find(a), find(b)
            if ra != rb:
                merge(ra, rb, 1.0)

        for a, b in edges:
            ra, rb = find(a), find(b)
            if ra != rb:
                groups[ra].nbrs.add(rb)
                groups[rb].nbrs.add(ra)

        related_cache: dict[tuple, bool] = {}
        stored_arrays: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        scratch: list[np.ndarray] = []  # a dense row over the vocabulary, all zeros between uses

        def stored_dot(x: str, y: str) -> float:
            # Two stored stories' sums (up to CENTROID_CAP terms each, mostly shared) in numpy: each
            # sum becomes an array once per add call, and one is spread into a dense row to gather from.
            if not scratch:
                scratch.append(np.zeros(len(self.terms)))
            row = scratch[0]
            ax, ay = (stored_arrays.get(sid) for sid in (x, y))
            if ax is None:
                ax = stored_arrays[x] = _arrays(self.stories[x].centroid)
            if ay is None:
                ay = stored_arrays[y] = _arrays(self.stories[y].centroid)
            row[ax[0]] = ax[1]
            out = float(row[ay[0]] @ ay[1])
            row[ax[0]] = 0.0
            return out

        def stored_related(ga: _Group, gb: _Group) -> bool:
            # The same two sets of stored stories meet again and again (each new article that joins
            # one of them brings the other as a neighbour): their big sums are compared once.
            key = (tuple(ga.old), tuple(gb.old)) if ga.old[0] < gb.old[0] else (tuple(gb.old), tuple(ga.old))
            ok = related_cache.get(key)
            if ok is None:
                if len(ga.old) == 1 and len(gb.old) == 1:
                    both = stored_dot(ga.old[0], gb.old[0])
                else:
                    both = _dot(ga.old_sum, gb.old_sum)
                ok = related_cache[key] = both / (ga.old_n * gb.old_n) >= MERGE_THRESHOLD
            return ok

        def score(a: int, b: int) -> float:
            ga, gb = groups[a], groups[b]
            if ga.old and gb.old and not stored_related(ga, gb):
                # Two stored stories become one only when their own articles are related.
                return -1.0
            s = group_dot(a, b) / (ga.n * gb.n)
            return s * _range_factor(ga.lo, ga.hi, gb.lo, gb.hi)

        heap: list = []
        for a, g in enumerate(groups):
            if not g.alive:
                continue
            for b in g.nbrs:
                if a < b:
                    s = score(a, b)
                    if s >= JOIN_THRESHOLD:
                        heap.append((-s, a, b, g.version, groups[b].version))
        heapq.heapify(heap)
        while heap:
            neg, a, b, va, vb = heapq.heappop(heap)
            ga, gb = groups[a], groups[b]
            if not (ga.alive and gb.alive):
                continue
            if ga.version != va or gb.version != vb:  # stale: score the pair again
                s = score(a, b)
                if s >= JOIN_THRESHOLD:
                    heapq.heappush(heap, (-s, a, b, ga.version, gb.version))
                continue
            # Neighbours of the side with fewer of them are scored against the merged group now;
            # the other side's pairs are in the heap already and get rescored when popped.
            eager = set(ga.nbrs if len(ga.nbrs) <= len(gb.nbrs) else gb.nbrs)
            c = merge(a, b, -neg)
            dead = b if c == a else a
            gc = groups[c]
            for d in gc.nbrs:
                nb = groups[d].nbrs
                nb.discard(dead)
                nb.add(c)
            for d in eager:
                if d == a or d == b or not groups[d].alive:
                    continue
                s = score(c, d)
                if s >= JOIN_THRESHOLD:
                    x, y = (c, d) if c < d else (d, c)
                    heapq.heappush(heap, (-s, x, y, groups[x].version, groups[y].version))

        # A new article still alone joins the clearly nearest story of several articles at a lower bar.
        attach = []
        for a, g in enumerate(groups):
            if not g.alive or g.old or g.n != 1:
                continue
            best, best_s, second = -1, 0.0, 0.0
            for b in g.nbrs:
                gb = groups[b]
                if gb.alive and gb.n >= ATTACH_MIN:
                    s = score(a, b)
                    if s > best_s:
                        best, best_s, second = b, s, best_s
                    elif s > second:
                        second = s
            if best >= 0 and best_s >= ATTACH_THRESHOLD and best_s >= ATTACH_MARGIN * second:
                attach.append((a, best, best_s))
        attached = {groups[a].new[0] for a, _, _ in attach}
        for a, b, s in attach:
            ra, rb = find(a), find(b)
            if ra != rb:
                merge(rb, ra, s)

        self._commit(fresh, days, packed, vecs, tops, originals, groups, find, bridged, attached, update)

    def _reweight(self, st: _Story) -> None:
        """Weight the story's articles again with the current idf (the collection has grown)."""
        idf = self._idf_array()
        parts = [_packed_arrays(self.counts[aid], idf) for aid in st.members]
        ids = np.concatenate([p[0] for p in parts])
        terms, where = np.unique(ids, return_inverse=True)
        sums = np.bincount(where, weights=np.concatenate([p[1] for p in parts]), minlength=len(terms))
        if len(terms) > CENTROID_CAP:  # the exact sum's heaviest terms
            keep = np.argsort(-sums, kind="stable")[:CENTROID_KEEP]
            terms, sums = terms[keep], sums[keep]
        st.centroid = dict(zip(terms.tolist(), sums.tolist()))
        st.stamp = self.n_docs

    def _idf_array(self) -> np.ndarray:
        """The idf of every term as an array, made once per collection size (reweighting reads it
        for whole stories at a time)."""
        cached = getattr(self, "_idf_cache", None)
        if cached is not None and cached[0] == self.n_docs and len(cached[1]) == len(self.df):
            return cached[1]
        start = len(cached[1]) if cached is not None and cached[0] == self.n_docs else 0
        # the same collection size with new terms (entity keys): only the new terms' idf is made
        df = np.fromiter(self.df[start:], dtype=np.float64, count=len(self.df) - start)
        idf = np.log((self.n_docs + 1) / (df + 1.0)) + 1.0
        self._idf_cache = (self.n_docs, np.concatenate([cached[1], idf]) if start else idf)
        return self._idf_cache[1]

    def _commit(self, fresh, days, packed, vecs, tops, originals, groups, find, bridged, attached, update) -> None:
        done: set[int] = set()
        for gi in range(len(groups)):
            r = find(gi)
            if r in done or not groups[r].alive:
                continue
            done.add(r)
            g = groups[r]
            if not g.new:
                continue
            new_ids = sorted(g.new)
            if g.old:
                # The larger (then older, by id) stored story survives; the others merge into it.
                olds = sorted(g.old, key=lambda s: (-len(self.stories[s].members), s))
                sid = olds[0]
                for other in olds[1:]:
                    why = next((x for x in bridged if other in (x[0], x[1])), None)
                    self._merge(other, sid, [fresh[i].id for i in new_ids], why, update)
            else:
                sid = story_id_for(fresh[new_ids[0]].id)
                while sid in self.stories or sid in self.alias:  # a hash clash: keep ids unique
                    sid = story_id_for(sid)
                self.stories[sid] = _Story()
                self.stories[sid].stamp = self.n_docs
                self.stories[sid].history.append({"event": "created", "by": fresh[new_ids[0]].id})
                update.new_stories.append(sid)
            st = self.stories[sid]
            for i in new_ids:
                art = fresh[i]
                vec = vecs[i]
                st.members.append(art.id)
                st.centroid = _add_into(st.centroid, vec, GROUP_CAP)
                st.add_day(days[i])
                ents = tuple(self._term_id(k) for k in sorted(entity_keys(art.text, art.title, art.entities)))
                st.add_entities(ents)
                self.entities[art.id] = ents
                self.counts[art.id] = packed[i]
                self.days[art.id] = days[i]
                self.story_of[art.id] = sid
                self.copy_of[art.id] = originals[i]
                self._index_story(sid, tops[i])
            if len(st.centroid) > CENTROID_CAP:  # pruned once per story and batch
                st.centroid = _prune(st.centroid)
            for i in new_ids:
                art = fresh[i]
                if originals[i] is not None:
                    reason = "copy"
                elif i in attached:
                    reason = "nearest"  # joined at the lower bar for a lone article
                elif not g.old and i == new_ids[0]:
                    reason = "new"
                else:
                    reason = "similar"
                s = (_dot(vecs[i], st.centroid) - 1.0) / (len(st.members) - 1) if len(st.members) > 1 else 0.0
                self.placement[art.id] = (reason, round(s, 3))

    def _merge(self, absorbed: str, survivor: str, bridge: list[str], why, update: StoryUpdate) -> None:
        sa, sb = self.stories[absorbed], self.stories[survivor]
        for aid in sa.members:
            self.story_of[aid] = survivor
            sb.members.append(aid)
            sb.add_day(self.days.get(aid))
        sb.centroid = _add_into(sb.centroid, sa.centroid)
        sb.stamp = min(sb.stamp, sa.stamp)
        for t, c in sa.entities.items():
            sb.entities[t] = sb.entities.get(t, 0) + c
        for t in self.indexed.pop(absorbed, set()):
            if t not in self.indexed.setdefault(survivor, set()):
                self.indexed[survivor].add(t)
                self.postings.setdefault(t, []).append(survivor)
        sb.history.append({"event": "merged", "absorbed": absorbed, "bridge": bridge[0] if len(bridge) == 1 else bridge,
                           "score": round(why[3], 3) if why else None,
                           "stories_cosine": round(why[4], 3) if why else None,
                           "absorbed_history": sa.history})
        del self.stories[absorbed]
        self.alias[absorbed] = survivor
        update.merges.append((absorbed, survivor))

    # -- inspection --------------------------------------------------------------------
    def story_ids(self) -> list[str]:
        return list(self.stories)

    def members(self, story_id: str) -> list[str]:
        st = self.stories.get(self.resolve(story_id))
        return list(st.members) if st else []

    def assignments(self) -> dict[str, str]:
        return dict(self.story_of)

    def independent_sources(self, story_id: str) -> int:
        return len({self.copy_of.get(a) or a for a in self.members(story_id)})

    def copy_groups(self, story_id: str) -> list[list[str]]:
        """The story's articles grouped by the original they copy (one group per independent source)."""
        groups: dict[str, list[str]] = {}
        for a in self.members(story_id):
            groups.setdefault(self.copy_of.get(a) or a, []).append(a)
        return list(groups.values())

    def _named(self, items) -> list[str]:
        out = []
        for t in items:
            name = self.terms[t]
            out.append(name[2:] if name.startswith("e:") else name)
        return out

    def _mean_to_story(self, aid: str, sid: str) -> float:
        """Mean cosine of an article to the other articles of a story (damped by dates)."""
        st = self.stories[sid]
        vec = self.vector(aid)
        inside = self.resolve(self.story_of.get(aid, "")) == sid
        n = len(st.members) - (1 if inside else 0)
        if n <= 0:
            return 0.0
        return (_dot(vec, st.centroid) - (1.0 if inside else 0.0)) / n * day_factor(self.days.get(aid), st.lo, st.hi)

    def explain_pair(self, a: str, b: str) -> dict:
        va, vb = self.vector(a), self.vector(b)
        if va is None or vb is None:
            missing = [x for x in (a, b) if x not in self.counts]
            return {"error": f"unknown article id(s): {', '.join(missing)}"}
        sa, sb = self.resolve(self.story_of[a]), self.resolve(self.story_of[b])
        shared = sorted(set(va) & set(vb), key=lambda t: -(va[t] * vb[t]))
        ents = sorted(set(self.entities.get(a, ())) & set(self.entities.get(b, ())), key=lambda t: self.terms[t])
        da, db = self.days.get(a), self.days.get(b)
        return {
            "articles": [a, b],
            "stories": [sa, sb],
            "same_story": sa == sb,
            "cosine": round(_cos(va, vb), 3),
            "score_a_to_story_b": round(self._mean_to_story(a, sb), 3),
            "score_b_to_story_a": round(self._mean_to_story(b, sa), 3),
            "days_apart": abs(da - db) if da is not None and db is not None else None,
            "shared_entities": self._named(ents)[:20],
            "shared_terms": self._named(shared)[:20],
            "copy": self.copies.similarity(a, b),
            "copy_of": {a: self.copy_of.get(a), b: self.copy_of.get(b)},
            "thresholds": {"join": JOIN_THRESHOLD, "merge": MERGE_THRESHOLD},
        }

    def explain(self, story_id: str) -> dict:
        sid = self.resolve(story_id)
        st = self.stories.get(sid)
        if st is None:
            return {"error": f"unknown story {story_id}"}
        n = len(st.members)
        top = sorted(st.centroid.items(), key=itemgetter(1), reverse=True)
        ents = sorted(((t, c) for t, c in st.entities.items() if c >= 2 or n == 1), key=lambda kv: (-kv[1], kv[0]))
        members = st.members
        pairwise = []
        if len(members) <= 40:
            vecs = {a: self.vector(a) for a in members}
            for i, x in enumerate(members):
                for y in members[i + 1 :]:
                    pairwise.append({"a": x, "b": y, "cosine": round(_cos(vecs[x], vecs[y]), 3)})
        cohesion = (_dot(st.centroid, st.centroid) - n) / (n * (n - 1)) if n > 1 else None
        return {
            "story": sid,
            "requested": story_id,
            "articles": [{"id": a, "reason": self.placement.get(a, ("?", 0.0))[0],
                          "score_when_placed": self.placement.get(a, ("?", 0.0))[1],
                          "copy_of": self.copy_of.get(a), "story": sid,
                          "mean_cosine_to_others": round(self._mean_to_story(a, sid), 3)} for a in members],
            "independent_sources": self.independent_sources(sid),
            "copy_groups": [g for g in self.copy_groups(sid) if len(g) > 1],
            "shared_entities": [{"entity": self._named([t])[0], "articles": c} for t, c in ents[:15]],
            "shared_terms": self._named(t for t, _ in top[:25]),
            "mean_pairwise_cosine": round(cohesion, 3) if cohesion is not None else None,
            "pairwise": pairwise,
            "history": st.history,
            "absorbed": sorted(k for k in self.alias if self.resolve(k) == sid),
            "thresholds": {"join": JOIN_THRESHOLD, "merge": MERGE_THRESHOLD},
        }
