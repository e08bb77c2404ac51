"""Incremental story clustering with stable ids.

Each article becomes a sparse TF-IDF vector (sublinear tf, smoothed idf) over
normalised content tokens, plus entity terms (the caller's NER strings, or
capitalised word sequences when it has none). A story is the running sum of
its articles' vectors (its centroid). A new article is compared with the
centroids of the stories that share its heaviest terms (an inverted index from
term to story, so the cost stays near-linear) and joins the best one when the
cosine, damped by the distance in days when both sides have dates, passes
``JOIN_THRESHOLD``; otherwise it starts a story. When an article also matches
a second story strongly and the two stories' centroids agree, the two merge
and the merge is recorded. Copies found by ``dedup.CopyIndex`` always join the
story of their original.

Stability: a story that gets no new article keeps its id and members; the
only other change is a recorded merge into another story. A story's id is
"s-" + 10 hex chars of sha1(first article id).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import pickle
import re
from collections import Counter
from dataclasses import dataclass, field

from .dedup import CopyIndex

FORMAT_VERSION = 1
TOP_TERMS = 100  # terms kept per article vector
QUERY_TERMS = 20  # heaviest article terms used to look up candidate stories
INDEX_TERMS = 25  # heaviest article terms under which its story is indexed
SCAN_ALL = 50  # with this few stories, score them all
POSTING_CAP = 300  # most recent stories read per posting list
MAX_CANDIDATES = 15  # stories scored per article (those sharing the most query-term weight)
CENTROID_CAP = 400  # centroid terms kept (pruned to CENTROID_KEEP when exceeded)
CENTROID_KEEP = 250
ENTITY_WEIGHT = 1.5
TITLE_WEIGHT = 2.0
JOIN_THRESHOLD = 0.13
MERGE_THRESHOLD = 0.30  # the article's score against the second story
MERGE_CENTROIDS = 0.10  # the two stories' mean pairwise cosine
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


_STEMS: dict[str, str] = {}


def stem(word: str) -> str:
    """A light suffix stripper: enough to join 'flooded', 'floods' and 'flooding'."""
    out = _STEMS.get(word)
    if out is None:
        out = _stem(word)
        if len(_STEMS) < 500_000:
            _STEMS[word] = out
    return out


def _stem(word: str) -> str:
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


def entity_key(name: str) -> str:
    words = [stem(w) for w in _TOKEN.findall(name)]
    words = [w for w in words if w not in STOPWORDS]
    return "e:" + " ".join(words) if words else ""


def capitalised_entities(text: str) -> list[str]:
    """Capitalised word sequences, skipping a lone sentence-initial function word."""
    out = []
    for m in _CAPSEQ.finditer(text):
        words = m.group(0).split()
        while words and words[0] in _ENTITY_STOP:
            words = words[1:]
        if words:
            out.append(" ".join(words))
    return out


_WORDKEY: dict[str, str] = {}  # token as written -> term ("" for a stop word)


def term_counts(text: str, title: str | None = None, entities: list[str] | None = None) -> Counter:
    counts: Counter = Counter()
    for source, weight in ((text, 1.0), (title or "", TITLE_WEIGHT)):
        if not source:
            continue
        for tok in _TOKEN.findall(source):
            key = _WORDKEY.get(tok)
            if key is None:
                low = tok.lower()
                key = "" if len(tok) < 3 or low in STOPWORDS else stem(low)
                if len(_WORDKEY) < 500_000:
                    _WORDKEY[tok] = key
            if key:
                counts[key] += weight
    if entities is None:
        entities = capitalised_entities(text) + (capitalised_entities(title) if title else [])
    for ent in entities:
        key = entity_key(ent)
        if key and " " in key or (key and key[2:] not in STOPWORDS and len(key) > 4):
            counts[key] += 1.0
    return counts


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


def _cos(a: dict, b: dict, norm_b: float = 1.0) -> float:
    if len(a) > len(b):
        a, b = b, a
    get = b.get
    return sum(w * get(t, 0.0) for t, w in a.items()) / (norm_b or 1.0)


def day_factor(day: int | None, lo: int | None, hi: int | None) -> float:
    if day is None or lo is None or hi is None:
        return 1.0
    gap = max(0, lo - day, day - hi) - DAYS_FREE
    if gap <= 0:
        return 1.0
    return 1.0 / (1.0 + gap / DAYS_HALF)


class _Story:
    __slots__ = ("centroid", "norm", "members", "lo", "hi", "history")

    def __init__(self) -> None:
        self.centroid: dict[int, float] = {}
        self.norm = 0.0
        self.members: list[str] = []
        self.lo: int | None = None
        self.hi: int | None = None
        self.history: list[dict] = []

    def add_vector(self, vec: dict[int, float]) -> None:
        c = self.centroid
        for t, w in vec.items():
            c[t] = c.get(t, 0.0) + w
        if len(c) > CENTROID_CAP:
            keep = sorted(c.items(), key=lambda kv: -kv[1])[:CENTROID_KEEP]
            self.centroid = c = dict(keep)
        self.norm = math.sqrt(sum(w * w for w in c.values()))

    def add_day(self, day: int | None) -> None:
        if day is None:
            return
        self.lo = day if self.lo is None else min(self.lo, day)
        self.hi = day if self.hi is None else max(self.hi, day)

    def __getstate__(self):
        return (self.centroid, self.norm, self.members, self.lo, self.hi, self.history)

    def __setstate__(self, state):
        self.centroid, self.norm, self.members, self.lo, self.hi, self.history = state


class StoryIndex:
    """Persistent, incremental clusterer; ``to_bytes`` is stored between ingests."""

    def __init__(self) -> None:
        self.version = FORMAT_VERSION
        self.vocab: dict[str, int] = {}
        self.terms: list[str] = []
        self.df: list[int] = []
        self.n_docs = 0
        self.vectors: dict[str, dict[int, float]] = {}  # article id -> normalised top-term vector
        self.days: dict[str, int | None] = {}
        self.story_of: dict[str, str] = {}
        self.stories: dict[str, _Story] = {}
        self.alias: dict[str, str] = {}  # absorbed story id -> surviving story id
        self.postings: dict[int, list[str]] = {}
        self.indexed: dict[str, set[int]] = {}  # story -> terms it is posted under
        self.copies = CopyIndex()
        self.copy_of: dict[str, str | None] = {}
        self.placement: dict[str, dict] = {}  # article id -> how it was placed

    # -- persistence ---------------------------------------------------------------
    def to_bytes(self) -> bytes:
        return pickle.dumps(self.__dict__, protocol=pickle.HIGHEST_PROTOCOL)

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

    # -- vectors -------------------------------------------------------------------
    def _term_id(self, term: str) -> int:
        tid = self.vocab.get(term)
        if tid is None:
            tid = self.vocab[term] = len(self.terms)
            self.terms.append(term)
            self.df.append(0)
        return tid

    def _vector(self, counts: dict[int, float]) -> dict[int, float]:
        n = self.n_docs
        df = self.df
        terms = self.terms
        weights = {}
        for t, c in counts.items():
            w = (1.0 + math.log(c)) * (math.log((n + 1) / (df[t] + 1)) + 1.0)
            if terms[t].startswith("e:"):
                w *= ENTITY_WEIGHT
            weights[t] = w
        if len(weights) > TOP_TERMS:
            weights = dict(sorted(weights.items(), key=lambda kv: -kv[1])[:TOP_TERMS])
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        return {t: w / norm for t, w in weights.items()}

    def resolve(self, story_id: str) -> str:
        while story_id in self.alias:
            story_id = self.alias[story_id]
        return story_id

    def _candidates(self, vec: dict[int, float]) -> set[str]:
        if len(self.stories) <= SCAN_ALL:
            return set(self.stories)
        hits: Counter = Counter()
        top = sorted(vec.items(), key=lambda kv: -kv[1])[:QUERY_TERMS]
        for t, w in top:
            posting = self.postings.get(t)
            if posting:
                for sid in posting[-POSTING_CAP:]:
                    hits[sid] += w
        found: set[str] = set()
        for sid, _ in hits.most_common(MAX_CANDIDATES):
            found.add(self.resolve(sid))
        return found

    def _score(self, vec: dict[int, float], day: int | None, sid: str) -> float:
        st = self.stories[sid]
        # Average cosine to the story's articles (average linkage), damped by the date gap.
        return _cos(vec, st.centroid, len(st.members)) * day_factor(day, st.lo, st.hi)

    def _index_story(self, sid: str, vec: dict[int, float]) -> None:
        have = self.indexed.setdefault(sid, set())
        for t, _ in sorted(vec.items(), key=lambda kv: -kv[1])[:INDEX_TERMS]:
            if t not in have:
                have.add(t)
                self.postings.setdefault(t, []).append(sid)

    # -- the main call -------------------------------------------------------------------
    def add(self, articles: list[StoryInput]) -> StoryUpdate:
        """Place new articles in stories. Articles already placed keep their story."""
        update = StoryUpdate()
        prepared = []
        seen: set[str] = set()
        for art in articles:
            if art.id in self.story_of or art.id in seen:
                continue
            seen.add(art.id)
            counts = term_counts(art.text, art.title, art.entities)
            ids = {self._term_id(t): c for t, c in counts.items()}
            for t in ids:
                self.df[t] += 1
            self.n_docs += 1
            prepared.append((art, ids, parse_day(art.published)))
        # Oldest first when dates are known, so stories grow forward in time.
        prepared.sort(key=lambda p: (p[2] is None, p[2] or 0))
        for art, ids, day in prepared:
            self._place(art, ids, day, update)
        for art in articles:
            update.assignments[art.id] = self.resolve(self.story_of[art.id])
            update.copy_of[art.id] = self.copy_of.get(art.id)
        update.new_stories = [s for s in update.new_stories if s in self.stories]
        return update

    def _place(self, art: StoryInput, ids: dict[int, float], day: int | None, update: StoryUpdate) -> None:
        vec = self._vector(ids)
        original = self.copies.add(art.id, art.text)
        scores = {sid: self._score(vec, day, sid) for sid in self._candidates(vec)}
        ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
        info: dict = {"score": 0.0, "copy_of": original}
        if original is not None and original in self.story_of:
            best = self.resolve(self.story_of[original])
            info.update(reason="copy", score=round(scores.get(best, 1.0), 3))
        elif ranked and ranked[0][1] >= JOIN_THRESHOLD:
            best = ranked[0][0]
            info.update(reason="similar", score=round(ranked[0][1], 3))
        else:
            best = story_id_for(art.id)
            while best in self.stories or best in self.alias:  # a hash clash: keep ids unique
                best = story_id_for(best)
            self.stories[best] = _Story()
            self.stories[best].history.append({"event": "created", "by": art.id})
            update.new_stories.append(best)
            info.update(reason="new", score=round(ranked[0][1], 3) if ranked else 0.0)
            if ranked:
                info["nearest_story"] = ranked[0][0]
        if info["reason"] != "new":
            # A strong bridge to another story merges the two, when the two stories
            # (without the bridge) are also close on average.
            for sid, score in ranked:
                if score < MERGE_THRESHOLD:
                    break
                if sid == best or sid not in self.stories:
                    continue
                a, b = self.stories[sid], self.stories[best]
                cc = _cos(a.centroid, b.centroid, len(a.members) * len(b.members))
                if cc >= MERGE_CENTROIDS:
                    best = self._merge(sid, best, art.id, score, cc, update)
        st = self.stories[best]
        st.members.append(art.id)
        st.add_vector(vec)
        st.add_day(day)
        self.vectors[art.id] = vec
        self.days[art.id] = day
        self.story_of[art.id] = best
        self.copy_of[art.id] = original
        self._index_story(best, vec)
        info["story"] = best
        self.placement[art.id] = info

    def _merge(self, a: str, b: str, bridge: str, score: float, cc: float, update: StoryUpdate) -> str:
        """Merge two stories; the larger (then older) survives. Returns the survivor."""
        sa, sb = self.stories[a], self.stories[b]
        if (len(sa.members), b) > (len(sb.members), a):
            a, b, sa, sb = b, a, sb, sa
        absorbed, survivor = a, b
        for aid in sa.members:
            self.story_of[aid] = survivor
            sb.members.append(aid)
            sb.add_day(self.days.get(aid))
        c = sb.centroid
        for t, w in sa.centroid.items():
            c[t] = c.get(t, 0.0) + w
        sb.add_vector({})
        for t in self.indexed.pop(absorbed, set()):
            if t not in self.indexed.setdefault(survivor, set()):
                self.indexed[survivor].add(t)
                self.postings.setdefault(t, []).append(survivor)
        sb.history.append({"event": "merged", "absorbed": absorbed, "bridge": bridge,
                           "score": round(score, 3), "centroid_cosine": round(cc, 3),
                           "absorbed_history": sa.history})
        del self.stories[absorbed]
        self.alias[absorbed] = survivor
        update.merges.append((absorbed, survivor))
        return survivor

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

    def _named(self, items) -> list[str]:
        out = []
        for t in items:
            name = self.terms[t]
            out.append(name[2:] if name.startswith("e:") else name)
        return out

    def explain_pair(self, a: str, b: str) -> dict:
        va, vb = self.vectors.get(a), self.vectors.get(b)
        if va is None or vb is None:
            missing = [x for x in (a, b) if x not in self.vectors]
            return {"error": f"unknown article id(s): {', '.join(missing)}"}
        sa, sb = self.resolve(self.story_of[a]), self.resolve(self.story_of[b])
        shared = sorted(set(va) & set(vb), key=lambda t: -(va[t] * vb[t]))
        da, db = self.days.get(a), self.days.get(b)
        return {
            "articles": [a, b],
            "stories": [sa, sb],
            "same_story": sa == sb,
            "cosine": round(_cos(va, vb), 3),
            "score_a_to_story_b": round(self._score(va, da, sb), 3),
            "score_b_to_story_a": round(self._score(vb, db, sa), 3),
            "days_apart": abs(da - db) if da is not None and db is not None else None,
            "shared_entities": self._named(t for t in shared if self.terms[t].startswith("e:"))[:20],
            "shared_terms": self._named(t for t in shared if not self.terms[t].startswith("e:"))[:20],
            "copy": self.copies.similarity(a, b),
            "copy_of": {a: self.copy_of.get(a), b: self.copy_of.get(b)},
            "thresholds": {"join": JOIN_THRESHOLD, "merge": MERGE_THRESHOLD},
        }

    def explain(self, story_id: str) -> dict:
        sid = self.resolve(story_id)
        st = self.stories.get(sid)
        if st is None:
            return {"error": f"unknown story {story_id}"}
        top = sorted(st.centroid.items(), key=lambda kv: -kv[1])
        ents = [t for t, _ in top if self.terms[t].startswith("e:")][:15]
        words = [t for t, _ in top if not self.terms[t].startswith("e:")][:25]
        members = st.members
        pairwise = []
        if len(members) <= 40:
            for i, x in enumerate(members):
                for y in members[i + 1 :]:
                    pairwise.append({"a": x, "b": y, "cosine": round(_cos(self.vectors[x], self.vectors[y]), 3)})
        return {
            "story": sid,
            "requested": story_id,
            "articles": [
                {"id": a, "centroid_score": round(self._score(self.vectors[a], self.days.get(a), sid), 3),
                 **self.placement.get(a, {})}
                for a in members
            ],
            "independent_sources": self.independent_sources(sid),
            "shared_entities": self._named(ents),
            "shared_terms": self._named(words),
            "pairwise": pairwise,
            "history": st.history,
            "absorbed": sorted(k for k in self.alias if self.resolve(k) == sid),
            "thresholds": {"join": JOIN_THRESHOLD, "merge": MERGE_THRESHOLD, "merge_centroids": MERGE_CENTROIDS},
        }
