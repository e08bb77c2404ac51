"""Plain dataclasses passed between stages.

Stages are pure functions over batches of these, so the same code runs in the
CLI, the web app and a Dask task. Only the orchestrator touches the store.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

Offsets = tuple[int, int]


@dataclass
class Article:
    """One news article as read from an input, before or after cleaning."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None  # ISO 8601 date or datetime when known
    author: str | None = None
    language: str | None = None
    path: str | None = None  # where it was read from (file, file:line, warc#record)
    metadata: dict[str, Any] = field(default_factory=dict)
    explicit_id: bool = False  # True when the input gave the id (JSONL "id")

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class InputError:
    """A problem with one input; the batch goes on without it."""

    path: str
    reason: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.reason}"


@dataclass
class Attribution:
    """Who said what in one article: source, cue and content as character spans.

    Offsets are into the article text as stored. ``source`` is the resolved,
    normalised speaker name (a pronoun resolved to the person it stands for),
    or None when the source is unnamed or absent.
    """

    article: str
    source: str | None
    cue: str
    content: str
    source_spans: list[Offsets] = field(default_factory=list)
    cue_spans: list[Offsets] = field(default_factory=list)
    content_spans: list[Offsets] = field(default_factory=list)
    via: str | None = None
    source_kind: str = "unnamed"  # person | official | media | unnamed
    # the title the article gives a named source ("Ukrainian President"), or the role a
    # source goes by when its article names no holder ("Ukraine's president"): how a
    # story names a role from another article
    source_role: str | None = None
    hedges: list[str] = field(default_factory=list)
    hedge_spans: list[Offsets] = field(default_factory=list)
    start: int = 0  # sentence (or sentences) holding the attribution
    end: int = 0
    # what a content noun sums up, for a reader: "a claim" in "engineers warned of cracks
    # in the dam, a claim Hydrovolt denied" stands for "engineers warned of cracks in the
    # dam" (PolNeAR's content stays the noun)
    stands_for: str | None = None
    # whom the source names as its own source in a citing aside: "NRK reported, citing
    # police, that ..." -> "police" (via is the reverse: who carried the source's words)
    cites: str | None = None

    @property
    def hedged(self) -> bool:
        return bool(self.hedges)


@dataclass
class Quantity:
    """A count or amount stated in a claim: "two soldiers" -> 2.0 of "soldier"."""

    value: float
    noun: str  # lemma of what is counted, "" when unknown
    text: str
    start: int
    end: int
    approximate: bool = False  # "about", "nearly", "more than"
    event: str = ""  # lemma of the event the count belongs to: "captured two soldiers" -> "capture"
    modal: bool = False  # "may grow to", "could reach": a projection, not a fact
    earlier: bool = False  # "previously released two videos": an earlier event, not this one


@dataclass
class Claim:
    """One sentence-level claim of an article, with everything the comparer needs."""

    article: str
    start: int
    end: int
    text: str
    hedges: list[str] = field(default_factory=list)
    hedge_spans: list[Offsets] = field(default_factory=list)
    source: str | None = None  # who the claim is attributed to, when anyone
    via: str | None = None
    cites: str | None = None  # whom that source cites for it ("NRK, citing police")
    quantities: list[Quantity] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    dates: list[str] = field(default_factory=list)
    actors: list[str] = field(default_factory=list)
    negated: bool = False
    # term keys of the events the sentence says did not happen or denies ("did not leak",
    # "denied the video was staged" -> leak, stage); None in claims stored before it was kept
    negated_events: list[str] | None = None
    denied_by: str | None = None  # "..., a claim Hydrovolt denied": a party the sentence says denies it
    source_phrase: str | None = None  # a source with no name, as written: "officials", "nurses at the hospital"
    lemmas: list[str] = field(default_factory=list)  # content term keys, for alignment
    events: list[str] = field(default_factory=list)  # term keys of its event verbs (not "say")
    is_title: bool = False

    @property
    def hedged(self) -> bool:
        return bool(self.hedges)


@dataclass
class Citation:
    article: str
    start: int
    end: int
    text: str


@dataclass
class Finding:
    statement: str
    articles: list[str]
    hedged: bool
    citations: list[Citation]
    # Corroboration strength: copies and relays of one party count once.
    level: str = "single"  # single | corroborated (2 independent sources) | strong (3+)
    independent_sources: int = 1
    parties: list[str] = field(default_factory=list)  # who the finding rests on, one entry per independent source
    party_only: bool = False  # every source is one party to the conflict (e.g. only Ukrainian officials)
    disputed: list[str] = field(default_factory=list)  # disputes its own sentences are sides of ("number of ...")


@dataclass
class DisputeSide:
    value: str
    articles: list[str]
    sources: list[str]
    citations: list[Citation]
    party: str | None = None  # the party a place/actor/attribution side resolves to, when known


@dataclass
class Dispute:
    about: str
    sides: list[DisputeSide]
    kind: str = "number"  # number | place | date | actor | polarity | attribution
    explanation: str = ""  # one human-readable sentence saying why the sides conflict
    internal: bool = False  # True when the conflict is inside one article


@dataclass
class ArticleRef:
    id: str
    title: str | None
    outlet: str | None
    published: str | None
    path: str | None
    copy_of: str | None = None


@dataclass
class Story:
    """The consolidated, cited brief of one story: the JSON contract."""

    id: str
    title: str
    articles: list[ArticleRef]
    corroborated: list[Finding] = field(default_factory=list)
    disputed: list[Dispute] = field(default_factory=list)
    single_source: list[Finding] = field(default_factory=list)
    attributions: list[dict[str, Any]] = field(default_factory=list)
    independent_sources: int = 0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
