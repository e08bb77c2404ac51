"""The orchestrator: the only code that touches the store.

read -> clean -> (skip stored) -> parse once -> attributions + claims -> store
-> story index -> briefs. Every stage it calls is a pure function over plain
dataclasses, so the same stages can run inside a Dask task.
"""

from __future__ import annotations

import pickle
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Protocol

from .brief import build_story
from .clean import clean_article
from .ingest import read_inputs
from .models import Article, Attribution, Claim, InputError, Story
from .store import SQLiteStore, open_store

STORY_STATE_KEY = "story_index"
PARSE_CHUNK = 128
MAX_ARTICLE_CHARS = 1_000_000  # a longer "article" is a dump or a book, not news
ENTITY_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"}


class Reporter(Protocol):
    """Where progress and per-input problems go (a rich bar in the CLI)."""

    def error(self, err: InputError) -> None: ...
    def note(self, message: str) -> None: ...
    def start(self, total: int, label: str) -> None: ...
    def advance(self, n: int = 1) -> None: ...
    def finish(self) -> None: ...


class SilentReporter:
    def error(self, err: InputError) -> None:
        pass

    def note(self, message: str) -> None:
        pass

    def start(self, total: int, label: str) -> None:
        pass

    def advance(self, n: int = 1) -> None:
        pass

    def finish(self) -> None:
        pass


@dataclass
class IngestReport:
    read: int = 0
    added: list[str] = field(default_factory=list)
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (input path, stored id)
    conflicts: list[tuple[str, str]] = field(default_factory=list)  # same id, other content
    errors: list[InputError] = field(default_factory=list)
    article_ids: list[str] = field(default_factory=list)  # every input article, new or not
    merges: list[tuple[str, str]] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return bool(self.errors)


@dataclass
class AnalyzeResult:
    report: IngestReport
    stories: list[Story]


def analyse_article(doc, article: Article) -> tuple[list[Attribution], list[Claim], list[str]]:
    """Everything one parsed article yields: attributions, claims, entity strings."""
    from .claims.attribution import extract_attributions
    from .claims.extract import extract_claims

    attributions = extract_attributions(doc, article.id)
    claims = extract_claims(doc, article.id, attributions)
    entities = [e.text for e in doc.ents if e.label_ in ENTITY_LABELS]
    return attributions, claims, entities


def _extract_chunks(chunks: Iterable[list[Article]], errors: list[InputError], reporter: Reporter,
                    ) -> Iterator[list[tuple[Article, list[Attribution], list[Claim], list[str]]]]:
    """Parse and extract each chunk of articles, yielding (article, attributions, claims,
    entities) per chunk for the caller to store in one transaction. An article whose
    extraction fails is reported and left out: one odd article must not sink the rest."""
    from .nlp import parse

    for chunk in chunks:
        done = []
        for article, doc in zip(chunk, parse(a.text for a in chunk)):
            try:
                atts, claims, ents = analyse_article(doc, article)
            except Exception as exc:
                err = InputError(article.path or article.id, f"claim extraction failed: {type(exc).__name__}: {exc}")
                errors.append(err)
                reporter.error(err)
                continue
            done.append((article, atts, claims, ents))
            reporter.advance()
        yield done


def _read_and_clean(paths: Iterable[str], store: SQLiteStore, report: IngestReport, reporter: Reporter) -> list[Article]:
    fresh: dict[str, Article] = {}
    for item in read_inputs(paths, skip=store.own_files()):
        if isinstance(item, InputError):
            report.errors.append(item)
            reporter.error(item)
            continue
        report.read += 1
        article = clean_article(item)
        if not article.text.strip():
            err = InputError(article.path or "?", "no article text left after removing page furniture")
            report.errors.append(err)
            reporter.error(err)
            continue
        if len(article.text) > MAX_ARTICLE_CHARS:
            err = InputError(article.path or "?", f"article text too long ({len(article.text):,} characters > {MAX_ARTICLE_CHARS:,})")
            report.errors.append(err)
            reporter.error(err)
            continue
        existing = store.find_existing(article) or (article.id if article.id in fresh else None)
        if existing:
            stored = store.get_article(existing) or fresh.get(existing)
            same = stored is not None and stored.metadata.get("content_hash") == article.metadata.get("content_hash")
            if article.explicit_id and not same:
                report.conflicts.append((article.path or "?", existing))
                reporter.note(f"{article.path}: id {existing} is already stored with other content; kept the stored one")
            else:
                report.duplicates.append((article.path or "?", existing))
            report.article_ids.append(existing)
            continue
        fresh[article.id] = article
        report.article_ids.append(article.id)
    return list(fresh.values())


def ingest(
    paths: Iterable[str], store: SQLiteStore, reporter: Reporter | None = None, stats: bool = True
) -> IngestReport:
    """Read, clean, parse, extract and store new articles; then place them in stories.

    With ``stats`` the stories that changed are briefed once and their figures
    (dispute counts ...) recorded for the story list (see :func:`refresh_story_stats`).
    """
    from .stories import StoryInput

    reporter = reporter or SilentReporter()
    report = IngestReport()
    new_articles = _read_and_clean(paths, store, report, reporter)
    entities: dict[str, list[str]] = {}
    if new_articles:
        reporter.start(len(new_articles), "Parsing and extracting claims")
        chunks = (new_articles[i : i + PARSE_CHUNK] for i in range(0, len(new_articles), PARSE_CHUNK))
        for analysed in _extract_chunks(chunks, report.errors, reporter):
            with store.transaction() as tx:
                for article, atts, claims, ents in analysed:
                    store.add_article(tx, article, claims, atts, extraction_version())
                    entities[article.id] = ents
                    report.added.append(article.id)
        reporter.finish()
    stale = store.count_stale_extractions(extraction_version())
    if stale:
        reporter.note(f"{stale} stored article(s) were extracted by another version of consilience; "
                      "`consilience reextract` (same --db) extracts their claims again")

    # Articles stored without a story (new ones, or left by an interrupted run).
    unplaced = store.articles_without_story()
    if unplaced:
        reporter.note(f"Grouping {len(unplaced)} new article(s) into stories")
        index = _story_index(store, reporter)
        update = index.add(
            [
                StoryInput(id=a.id, text=a.text, title=a.title, published=a.published, entities=entities.get(a.id))
                for a in unplaced
            ]
        )
        titles = {}
        by_id = {a.id: a for a in unplaced}
        for aid, sid in update.assignments.items():
            if sid not in titles and by_id[aid].title:
                titles[sid] = by_id[aid].title
        with store.transaction() as tx:
            store.assign_stories(tx, update.assignments, update.copy_of, titles, update.merges)
            store.set_state(tx, STORY_STATE_KEY, index.to_bytes())
        report.merges.extend(update.merges)
    if stats and (unplaced or report.added):
        refresh_story_stats(store, store.story_ids_for(report.article_ids + [a.id for a in unplaced]))
    return report


@dataclass
class ReextractReport:
    stale: int = 0
    updated: list[str] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return bool(self.errors)


def reextract(store: SQLiteStore, reporter: Reporter | None = None, stats: bool = True) -> ReextractReport:
    """Extract again the claims and attributions of stored articles that other code
    extracted (an older consilience, another model), from their stored text.

    Each chunk is swapped in one transaction, so an interrupted run leaves every
    article with the old extraction or the new, never half of each. An article
    whose extraction fails keeps what it had. The stories touched are briefed
    again when ``stats`` is set.
    """
    reporter = reporter or SilentReporter()
    version = extraction_version()
    stale = store.stale_extractions(version)
    report = ReextractReport(stale=len(stale))
    if not stale:
        return report
    reporter.start(len(stale), "Extracting claims again")
    chunks = (store.articles(stale[i : i + PARSE_CHUNK]) for i in range(0, len(stale), PARSE_CHUNK))
    for redone in _extract_chunks(chunks, report.errors, reporter):
        with store.transaction() as tx:
            for article, atts, claims, _ in redone:
                store.replace_extraction(tx, article, claims, atts, version)
                report.updated.append(article.id)
    reporter.finish()
    if stats and report.updated:
        refresh_story_stats(store, store.story_ids_for(report.updated))
    return report


def _story_index(store: SQLiteStore, reporter: Reporter):
    """The stored story index; one in an older format is rebuilt from the stored
    stories as they are (no story changes), so an upgrade loses nothing."""
    from .stories import StoryIndex, StoryInput

    blob = store.get_state(STORY_STATE_KEY)
    if not blob:
        return StoryIndex()
    try:
        return StoryIndex.from_bytes(blob)
    except (ValueError, TypeError, AttributeError, EOFError, pickle.UnpicklingError) as exc:
        reporter.note(f"Rebuilding the story index from the stored stories ({exc})")
    rows = {r["id"]: r for r in store.article_rows() if r["story_id"]}
    placed = store.articles(rows)
    return StoryIndex.adopt(
        [StoryInput(id=a.id, text=a.text, title=a.title, published=a.published) for a in placed],
        {a.id: rows[a.id]["story_id"] for a in placed},
        {a.id: rows[a.id]["copy_of"] for a in placed},
    )


def refresh_story_stats(store: SQLiteStore, story_ids: Iterable[str]) -> int:
    """Brief the given stories whose recorded brief is missing or stale, and record it
    with its figures (the web app's story list and `report` read them). Returns how
    many were briefed."""
    version = brief_version()
    wanted = list(dict.fromkeys(story_ids))
    fresh = store.story_stats(version, wanted)
    todo = [sid for sid in wanted if sid not in fresh]
    for i in range(0, len(todo), 200):
        briefs = [brief_for(store, sid) for sid in todo[i : i + 200]]
        with store.transaction() as tx:
            store.put_story_stats(tx, briefs, version)
    return len(todo)


@lru_cache(maxsize=1)
def extraction_version() -> str:
    """A fingerprint of what turns a stored text into claims and attributions: the
    extraction code, the shipped cue model and the spaCy pipeline. An article stored
    with another is stale (`consilience reextract`)."""
    import hashlib
    from importlib import metadata
    from pathlib import Path

    from .nlp import MODEL_NAME

    root = Path(__file__).resolve().parent
    digest = hashlib.sha1()
    files = [root / "nlp.py", root / "models.py", root / "data" / "attribution_cue_model.json",
             *(root / "claims").rglob("*.py")]
    for path in sorted(files):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes())
    for package in ("spacy", MODEL_NAME):
        try:
            digest.update(f"{package}=={metadata.version(package)}".encode())
        except metadata.PackageNotFoundError:  # a model loaded from a path
            digest.update(package.encode())
    return digest.hexdigest()[:16]


@lru_cache(maxsize=1)
def brief_version() -> str:
    """A fingerprint of the code that builds briefs: a recorded brief from other code is stale."""
    import hashlib
    from pathlib import Path

    root = Path(__file__).resolve().parent
    digest = hashlib.sha1()
    # What build_story runs: brief, models, compare (but stance, which it does not use) and
    # the claims helpers compare imports. Extraction code (attribution ...) runs at ingest.
    modules = [root / "brief.py", root / "models.py", *(root / "compare").glob("*.py"),
               *(root / "claims" / name for name in ("extract.py", "quantities.py", "speakers.py"))]
    for path in sorted(p for p in modules if not p.name.startswith("stance")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def recorded_brief(store: SQLiteStore, story_id: str) -> Story | None:
    """The brief recorded at ingest, when the code that recorded it built briefs as this code does."""
    from .store.sqlite import story_from_dict

    recorded = store.stored_brief(story_id, brief_version())
    if recorded is None:
        return None
    try:
        return story_from_dict(recorded)
    except (TypeError, KeyError):  # recorded by code with other fields
        return None


def stored_or_built_brief(store: SQLiteStore, story_id: str) -> Story:
    """The recorded brief of a story when it is still valid, else a freshly built one."""
    story = recorded_brief(store, story_id)
    return story if story is not None else brief_for(store, story_id)


def brief_for(store: SQLiteStore, story_id: str, articles: list[Article] | None = None,
              claims: dict[str, list[Claim]] | None = None) -> Story:
    """Build the cited brief of one stored story (from its articles and claims when already loaded)."""
    ids = store.story_article_ids(story_id)
    return build_story(
        story_id,
        store.articles(ids) if articles is None else articles,
        store.claims(ids) if claims is None else claims,
        store.attributions(ids),
        store.copy_of(ids),
        title=store.story_title(story_id),
    )


def analyze_paths(
    paths: Iterable[str], db: str = "consilience.db", all_stories: bool = False, reporter: Reporter | None = None
) -> AnalyzeResult:
    """The main job: ingest ``paths`` into ``db`` and brief the stories they touch."""
    store = open_store(db)
    try:
        report = ingest(paths, store, reporter, stats=False)
        if all_stories:
            story_ids = [s["id"] for s in store.story_rows()]
        else:
            story_ids = store.story_ids_for(report.article_ids)
        refresh_story_stats(store, story_ids)  # brief and record the stories not recorded yet
        stories = [stored_or_built_brief(store, sid) for sid in story_ids]
        return AnalyzeResult(report=report, stories=stories)
    finally:
        store.close()
