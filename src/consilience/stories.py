"""Incremental story clustering with stable ids.

Each article becomes a TF-IDF vector over content words (entity strings count
double). A new article joins the story of its most similar earlier article
when the cosine passes a threshold; candidates come from an inverted index on
each article's top terms, so cost stays near-linear. Stories that get no new
article never change. When a new article strongly matches two stories, they
merge and the merge is recorded. Copies (dedup.CopyIndex) always join their
original's story.
"""

from __future__ import annotations

import hashlib
import math
import pickle
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from .dedup import CopyIndex

TOP_TERMS = 40
POSTING_CAP = 400
JOIN_THRESHOLD = 0.18
CENTROID_WEIGHT = 0.5  # blend of nearest-article and story-centroid similarity
MERGE_THRESHOLD = 0.40
MAX_DAYS_APART = 10
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+")
STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further had has
    have having he her here hers herself him himself his how i if in into is it its itself just me more
    most my myself no nor not now of off on once only or other our ours ourselves out over own same she
    should so some such than that the their theirs them themselves then there these they this those
    through to too under until up very was we were what when where which while who whom why will with
    would you your yours yourself said says say told according mr mrs ms one two new like first last
    year years week month day time people also could may might however since still even many much""".split()
)


@dataclass
class StoryInput:
    id: str
    text: str
    title: str | None = None
    published: str | None = None
    entities: list[str] | None = None


@dataclass
class StoryUpdate:
    assignments: dict[str, str] = field(default_factory=dict)
    copy_of: dict[str, str | None] = field(default_factory=dict)
    merges: list[tuple[str, str]] = field(default_factory=list)
    new_stories: list[str] = field(default_factory=list)


def _stem(word: str) -> str:
    w = word.lower().strip("'-")
    for suffix in ("'s", "ing", "ed", "es", "s"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 4:
            return w[: -len(suffix)]
    return w


def terms(text: str, title: str | None, entities: list[str] | None) -> Counter:
    counts: Counter = Counter()
    for source, weight in ((text, 1), (title or "", 2)):
        for w in _WORD.findall(source):
            if w.lower() in STOPWORDS or len(w) < 3:
                continue
            counts[_stem(w)] += weight
    for ent in entities or []:
        key = "ent:" + " ".join(_stem(w) for w in _WORD.findall(ent))
        if key != "ent:":
            counts[key] += 2
    return counts


def _day(published: str | None) -> int | None:
    if not published:
        return None
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", published)
    if not m:
        return None
    import datetime as dt

    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3])).toordinal()
    except ValueError:
        return None


class StoryIndex:
    """Persistent, incremental clusterer. Pickled into the store between runs."""

    def __init__(self) -> None:
        self.df: Counter = Counter()
        self.n_docs = 0
        self.vectors: dict[str, dict[str, float]] = {}
        self.days: dict[str, int | None] = {}
        self.postings: dict[str, list[str]] = defaultdict(list)
        self.story_of: dict[str, str] = {}
        self.members: dict[str, list[str]] = defaultdict(list)
        self.copy_of: dict[str, str | None] = {}
        self.copies = CopyIndex()
        self.history: dict[str, list[dict]] = defaultdict(list)
        self.scores: dict[str, dict] = {}
        self.centroids: dict[str, dict[str, float]] = defaultdict(dict)

    # -- persistence ------------------------------------------------------------
    def to_bytes(self) -> bytes:
        return pickle.dumps(self, protocol=pickle.HIGHEST_PROTOCOL)

    @classmethod
    def from_bytes(cls, data: bytes) -> StoryIndex:
        obj = pickle.loads(data)
        if not isinstance(obj, cls):
            raise TypeError("not a StoryIndex")
        return obj

    # -- vectors -------------------------------------------------------------
    def _vector(self, counts: Counter) -> dict[str, float]:
        n = self.n_docs
        weights = {t: (1 + math.log(c)) * (math.log((n + 1) / (self.df[t] + 1)) + 1) for t, c in counts.items()}
        top = sorted(weights.items(), key=lambda kv: -kv[1])[:TOP_TERMS]
        norm = math.sqrt(sum(w * w for _, w in top)) or 1.0
        return {t: w / norm for t, w in top}

    @staticmethod
    def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
        if len(a) > len(b):
            a, b = b, a
        return sum(w * b.get(t, 0.0) for t, w in a.items())

    def _candidates(self, vec: dict[str, float]) -> set[str]:
        found: set[str] = set()
        for t in vec:
            posting = self.postings.get(t)
            if posting:
                found.update(posting[-POSTING_CAP:])
        return found

    # -- the main call -----------------------------------------------------------
    def add(self, articles: list[StoryInput]) -> StoryUpdate:
        update = StoryUpdate()
        prepared = []
        for art in articles:
            counts = terms(art.text, art.title, art.entities)
            self.df.update(counts.keys())
            self.n_docs += 1
            prepared.append((art, counts))
        for art, counts in prepared:
            if art.id in self.story_of:  # already placed: idempotent
                update.assignments[art.id] = self.story_of[art.id]
                update.copy_of[art.id] = self.copy_of.get(art.id)
                continue
            vec = self._vector(counts)
            day = _day(art.published)
            original = self.copies.add(art.id, art.text)
            best_story, best_score, per_story = None, 0.0, {}
            for cand in self._candidates(vec):
                other_day = self.days.get(cand)
                if day is not None and other_day is not None and abs(day - other_day) > MAX_DAYS_APART:
                    continue
                score = self._cosine(vec, self.vectors[cand])
                sid = self.story_of[cand]
                if score > per_story.get(sid, 0.0):
                    per_story[sid] = score
            for sid, near in per_story.items():
                per_story[sid] = (1 - CENTROID_WEIGHT) * near + CENTROID_WEIGHT * self._centroid_cosine(vec, sid)
            if original and original in self.story_of:
                best_story, best_score = self.story_of[original], 1.0
            elif per_story:
                best_story, best_score = max(per_story.items(), key=lambda kv: kv[1])
            if best_story is None or best_score < JOIN_THRESHOLD:
                best_story = "s-" + hashlib.sha1(art.id.encode("utf-8")).hexdigest()[:10]
                update.new_stories.append(best_story)
                self.history[best_story].append({"event": "created", "by": art.id})
            else:
                # A strong bridge to other stories merges them into this one.
                for sid, score in sorted(per_story.items()):
                    if sid != best_story and score >= MERGE_THRESHOLD and best_score >= MERGE_THRESHOLD:
                        self._merge(sid, best_story, art.id, score)
                        update.merges.append((sid, best_story))
            self.story_of[art.id] = best_story
            self.members[best_story].append(art.id)
            self.vectors[art.id] = vec
            centroid = self.centroids[best_story]
            for t, w in vec.items():
                centroid[t] = centroid.get(t, 0.0) + w
            self.days[art.id] = day
            self.copy_of[art.id] = original
            self.scores[art.id] = {"story": best_story, "score": round(best_score, 3), "copy_of": original}
            for t in vec:
                self.postings[t].append(art.id)
            update.assignments[art.id] = best_story
            update.copy_of[art.id] = original
        # A merge may have moved articles assigned earlier in this batch.
        for aid in update.assignments:
            update.assignments[aid] = self.story_of[aid]
        return update

    def _centroid_cosine(self, vec: dict[str, float], story_id: str) -> float:
        centroid = self.centroids.get(story_id)
        if not centroid:
            return 0.0
        norm = math.sqrt(sum(w * w for w in centroid.values())) or 1.0
        return sum(w * centroid.get(t, 0.0) for t, w in vec.items()) / norm

    def _merge(self, absorbed: str, survivor: str, bridge: str, score: float) -> None:
        target = self.centroids[survivor]
        for t, w in self.centroids.pop(absorbed, {}).items():
            target[t] = target.get(t, 0.0) + w
        for aid in self.members.pop(absorbed, []):
            self.story_of[aid] = survivor
            self.members[survivor].append(aid)
        self.history[survivor].append({"event": "merged", "absorbed": absorbed, "bridge": bridge,
                                       "score": round(score, 3)})

    # -- inspection ---------------------------------------------------------------
    def independent_sources(self, story_id: str) -> int:
        return len({self.copy_of.get(a) or a for a in self.members.get(story_id, [])})

    def explain_pair(self, a: str, b: str) -> dict:
        va, vb = self.vectors.get(a), self.vectors.get(b)
        if va is None or vb is None:
            return {"error": "unknown article id"}
        shared = sorted(set(va) & set(vb), key=lambda t: -(va[t] * vb[t]))
        return {
            "articles": [a, b],
            "same_story": self.story_of.get(a) == self.story_of.get(b),
            "cosine": round(self._cosine(va, vb), 3),
            "shared_entities": [t[4:] for t in shared if t.startswith("ent:")],
            "shared_terms": [t for t in shared if not t.startswith("ent:")][:20],
            "copy": self.copy_of.get(b) == a or self.copy_of.get(a) == b,
        }

    def explain(self, story_id: str) -> dict:
        members = self.members.get(story_id, [])
        if not members:
            return {"error": f"unknown story {story_id}"}
        term_count: Counter = Counter()
        for aid in members:
            term_count.update(self.vectors[aid].keys())
        shared = [t for t, c in term_count.most_common() if c >= max(2, len(members) // 2)]
        return {
            "story": story_id,
            "articles": [{"id": a, **self.scores.get(a, {})} for a in members],
            "independent_sources": self.independent_sources(story_id),
            "shared_entities": [t[4:] for t in shared if t.startswith("ent:")][:20],
            "shared_terms": [t for t in shared if not t.startswith("ent:")][:30],
            "history": self.history.get(story_id, []),
            "thresholds": {"join": JOIN_THRESHOLD, "merge": MERGE_THRESHOLD},
        }
