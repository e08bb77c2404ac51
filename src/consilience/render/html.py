"""Self-contained HTML briefs: one page per story, inline CSS, no scripts.

The same view model and templates serve ``consilience report`` (static files)
and ``consilience serve`` (the web app); only the links differ (see
:class:`ReportLinks` and the web app's own links object).

Everything taken from articles is untrusted: it is only ever inserted as
escaped text (Jinja autoescape), never into ``href``/``src``. Anchors use
slugs derived from ids, never the raw ids.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any
from urllib.parse import quote

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape

from ..models import Article, Claim, Story
from . import cue_label, said_text

MATRIX_MAX_SINGLE = 60  # single-source rows shown in the matrix; the rest are listed
MATRIX_MAX_CORROBORATED = 80
MATRIX_MAX_COLUMNS = 40  # a 200-article story gets the 40 articles that carry the most findings
WHO_MAX = 300  # who-said-what rows on the page; the JSON twin has them all

_SAFE_ID = re.compile(r"[A-Za-z0-9_-]{1,80}")


def slug(value: str) -> str:
    """A token safe in an HTML id, a URL fragment and a file name."""
    if _SAFE_ID.fullmatch(value):
        return value
    return "x" + hashlib.sha1(value.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def cite_id(article_id: str, start: int) -> str:
    return f"cite-{slug(article_id)}-{int(start)}"


def article_anchor(article_id: str) -> str:
    return f"article-{slug(article_id)}"


class ReportLinks:
    """Links between the static files written by ``consilience report``."""

    home = "index.html"

    def story(self, story_id: str) -> str:
        return f"{slug(story_id)}.html"

    def story_json(self, story_id: str) -> str | None:
        return None

    def article(self, article_id: str, story_id: str | None = None) -> str:
        prefix = self.story(story_id) if story_id else ""
        return f"{prefix}#{article_anchor(article_id)}"

    def cite(self, article_id: str, start: int) -> str:
        return f"#{cite_id(article_id, start)}"


class WebLinks(ReportLinks):
    """Links inside the web app."""

    home = "/"

    def story(self, story_id: str) -> str:
        return "/stories/" + quote(story_id, safe="")

    def story_json(self, story_id: str) -> str | None:
        return self.story(story_id) + ".json"

    def article(self, article_id: str, story_id: str | None = None) -> str:
        return "/articles/" + quote(article_id, safe="")


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("consilience.render", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["cite_id"] = cite_id
    env.globals["cue_label"] = cue_label
    env.globals["said_text"] = said_text
    env.globals["article_anchor"] = article_anchor
    return env


# -- view model -----------------------------------------------------------------------


@dataclass
class Cell:
    status: str  # agree | dispute | reports | silent
    label: str
    href: str | None = None
    title: str = ""

    def html(self) -> str:
        """The <td> (pre-rendered: a big matrix has tens of thousands of cells)."""
        if self.href:
            return (f'<td class="{_esc(self.status)}"><a class="cell {_esc(self.status)}" href="{_esc(self.href)}" '
                    f'title="{_esc(self.title)}">{_esc(self.label)}</a></td>')
        return _plain_cell(self.status, self.label, self.title)


@lru_cache(maxsize=4096)
def _esc(value: str) -> str:
    return str(escape(value))


@lru_cache(maxsize=4096)
def _plain_cell(status: str, label: str, title: str) -> str:
    return f'<td class="{_esc(status)}"><span class="cell {_esc(status)}" title="{_esc(title)}">{_esc(label)}</span></td>'


@dataclass
class Row:
    kind: str  # disputed | corroborated | single
    label: str
    statement: str
    href: str | None
    cells: list[Cell]
    note: str = ""

    @property
    def cells_html(self) -> Markup:
        return Markup("".join(c.html() for c in self.cells))


@dataclass
class StoryView:
    story: Story
    summary: str
    columns: list[dict[str, Any]]
    rows: list[Row]
    hidden_rows: int
    extra_single: list[Any]
    timeline: list[dict[str, Any]]
    texts: list[dict[str, Any]]
    short: dict[str, str] = field(default_factory=dict)
    hidden_columns: int = 0
    who: list[dict[str, Any]] = field(default_factory=list)
    hidden_who: int = 0


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def summary_text(story: Story) -> str:
    """One plain-text paragraph: size, independence, disputes, top corroborated finding."""
    n, k = len(story.articles), story.independent_sources
    outlets = sorted({a.outlet for a in story.articles if a.outlet})
    parts = [f"{_plural(n, 'article')} from {_plural(k, 'independent source')}"]
    if outlets:
        shown = ", ".join(outlets[:4]) + (f" and {len(outlets) - 4} more" if len(outlets) > 4 else "")
        parts[0] += f" ({shown})"
    copies = sum(1 for a in story.articles if a.copy_of)
    if copies:
        parts[0] += f"; {_plural(copies, 'article')} copy another"
    text = parts[0] + "."
    external = [d for d in story.disputed if not d.internal]
    if story.disputed:
        abouts = "; ".join(d.about for d in story.disputed[:3])
        more = f" and {len(story.disputed) - 3} more" if len(story.disputed) > 3 else ""
        text += f" Sources conflict on {_plural(len(story.disputed), 'point')}"
        if len(external) != len(story.disputed):
            text += f" ({len(story.disputed) - len(external)} within a single article)"
        text += f": {abouts}{more}."
        first = story.disputed[0]
        if len(first.sides) >= 2:
            a, b = first.sides[0], first.sides[1]
            text += (
                f" On {first.about}, {'; '.join(a.sources) or 'one side'} say {a.value}, "
                f"while {'; '.join(b.sources) or 'the other side'} say {b.value}."
            )
    else:
        text += " No conflicting claims were found."
    if story.corroborated:
        best = max(story.corroborated, key=lambda f: (f.independent_sources, len(f.articles)))
        statement = " ".join(best.statement.split())
        if len(statement) > 240:
            statement = statement[:239] + "…"
        text += (
            f" Best corroborated ({_plural(best.independent_sources, 'independent source')}): "
            f"“{statement}”"
        )
    else:
        text += " No finding is corroborated by two independent sources yet."
    if story.single_source:
        text += f" {_plural(len(story.single_source), 'further claim')} rest on a single source."
    return text


def _attributed_spans(story: Story) -> dict[str, list[tuple[int, int]]]:
    out: dict[str, list[tuple[int, int]]] = {}
    for a in story.attributions:
        if a.get("source"):
            out.setdefault(a["article"], []).append((a["start"], a["end"]))
    return out


def _hedge_index(claims: dict[str, list[Claim]] | None) -> dict[tuple[str, int], bool]:
    out: dict[tuple[str, int], bool] = {}
    for aid, items in (claims or {}).items():
        for c in items:
            out[(aid, c.start)] = out.get((aid, c.start), False) or c.hedged or bool(c.source)
    return out


def _cell_for(article_id: str, citations, hedged_default: bool, hedges, attributed, links) -> Cell:
    cite = next((c for c in citations if c.article == article_id), None)
    if cite is None:
        return Cell("agree", "agrees", None, "listed as agreeing")
    reported = hedges.get((article_id, cite.start))
    if reported is None:
        reported = hedged_default
    if not reported:
        reported = any(s <= cite.start < e or cite.start <= s < cite.end for s, e in attributed.get(article_id, ()))
    href = links.cite(article_id, cite.start)
    if reported:
        return Cell("reports", "reports", href, "hedged or attributed to someone else")
    return Cell("agree", "agrees", href, "states it")


def _short_labels(story: Story) -> dict[str, str]:
    return {a.id: f"[{i + 1}]" for i, a in enumerate(story.articles)}


def matrix_columns(story: Story) -> list[str]:
    """Article ids shown as matrix columns: all, or the ones in the most findings, in story order."""
    ids = [a.id for a in story.articles]
    if len(ids) <= MATRIX_MAX_COLUMNS:
        return ids
    weight = dict.fromkeys(ids, 0)
    for d in story.disputed:
        for side in d.sides:
            for aid in side.articles:
                weight[aid] = weight.get(aid, 0) + 100
    for f in story.corroborated:
        for aid in f.articles:
            weight[aid] = weight.get(aid, 0) + 10
    for f in story.single_source:
        for aid in f.articles:
            weight[aid] = weight.get(aid, 0) + 1
    keep = set(sorted(ids, key=lambda a: -weight[a])[:MATRIX_MAX_COLUMNS])
    return [a for a in ids if a in keep]


def matrix(story: Story, claims: dict[str, list[Claim]] | None, links) -> tuple[list[Row], int, list[Any]]:
    """Rows of findings × columns of articles; each cell a status with a text label."""
    hedges = _hedge_index(claims)
    attributed = _attributed_spans(story)
    ids = matrix_columns(story)
    rows: list[Row] = []

    for d in story.disputed:
        for side in d.sides:
            others = {aid for s in d.sides if s is not side for aid in s.articles}
            own = set(side.articles)
            cells = []
            for aid in ids:
                if aid in own:
                    cells.append(_cell_for(aid, side.citations, False, hedges, attributed, links))
                elif aid in others:
                    other = next(s for s in d.sides if s is not side and aid in s.articles)
                    cite = next((c for c in other.citations if c.article == aid), None)
                    cells.append(Cell("dispute", "disputes", links.cite(aid, cite.start) if cite else None,
                                      f"says {other.value}"))
                else:
                    cells.append(Cell("silent", "silent"))
            first = side.citations[0] if side.citations else None
            rows.append(Row(
                "disputed", f"Disputed: {d.about}", side.value,
                links.cite(first.article, first.start) if first else None, cells,
                note="sources: " + "; ".join(side.sources) if side.sources else "",
            ))

    def finding_rows(findings, kind, label):
        for f in findings:
            own = set(f.articles)
            cells = [
                _cell_for(aid, f.citations, f.hedged, hedges, attributed, links) if aid in own
                else Cell("silent", "silent")
                for aid in ids
            ]
            first = f.citations[0] if f.citations else None
            note = f"{_plural(f.independent_sources, 'independent source')}"
            if f.party_only:
                note += "; all from one party to the conflict"
            if f.disputed:
                note += "; in dispute: " + "; ".join(f.disputed)
            rows.append(Row(kind, label, f.statement,
                            links.cite(first.article, first.start) if first else None, cells, note=note))

    finding_rows(story.corroborated[:MATRIX_MAX_CORROBORATED], "corroborated", "Corroborated")
    finding_rows(story.single_source[:MATRIX_MAX_SINGLE], "single", "Single source")
    hidden = max(0, len(story.corroborated) - MATRIX_MAX_CORROBORATED) + max(
        0, len(story.single_source) - MATRIX_MAX_SINGLE
    )
    extra = story.corroborated[MATRIX_MAX_CORROBORATED:] + story.single_source[MATRIX_MAX_SINGLE:]
    return rows, hidden, extra


def marked_text(
    text: str, spans: list[tuple[int, int]], article_id: str, anchors: list[tuple[int, int]] | None = None
) -> Markup:
    """Escaped article text with <mark id="cite-ARTICLE-START"> around cited spans.

    ``anchors`` are further spans (other claims) that get a link target, a
    ``<span class="claim" id=...>``, but no highlight unless jumped to.
    Overlapping spans are cut at every boundary so elements never nest; the
    piece that begins at a span's start carries that start's id.
    """
    n = len(text)
    clean = sorted({(max(0, s), min(n, e)) for s, e in spans if 0 <= s < e and s < n})
    quiet = sorted({(max(0, s), min(n, e)) for s, e in anchors or () if 0 <= s < e and s < n} - set(clean))
    if not clean and not quiet:
        return Markup(escape(text))
    starts = {s for s, _ in clean} | {s for s, _ in quiet}
    bounds = sorted({0, n, *(b for span in clean for b in span), *(b for span in quiet for b in span)})
    index = {b: i for i, b in enumerate(bounds)}
    delta = [0] * len(bounds)
    delta_quiet = [0] * len(bounds)
    for s, e in clean:
        delta[index[s]] += 1
        delta[index[e]] -= 1
    for s, e in quiet:
        delta_quiet[index[s]] += 1
        delta_quiet[index[e]] -= 1
    out: list[str] = []
    depth = depth_quiet = 0
    for i, (lo, hi) in enumerate(zip(bounds, bounds[1:])):
        depth += delta[i]
        depth_quiet += delta_quiet[i]
        piece = escape(text[lo:hi])
        ident = f' id="{cite_id(article_id, lo)}"' if lo in starts else ""
        if depth > 0:
            out.append(f'<mark{ident}>{piece}</mark>' if ident else f'<mark class="cont">{piece}</mark>')
        elif depth_quiet > 0 and ident:
            out.append(f'<span class="claim"{ident}>{piece}</span>')
        else:
            out.append(piece)
    return Markup("".join(out))


def citation_roles(story: Story) -> dict[str, dict[int, str]]:
    """Per article, sentence start -> what the brief cites it for: "disputed",
    "corroborated", "single source" or "attributed" (the strongest role wins)."""
    rank = {"disputed": 0, "corroborated": 1, "single source": 2, "attributed": 3}
    out: dict[str, dict[int, str]] = {}

    def add(article: str, start: int, role: str) -> None:
        roles = out.setdefault(article, {})
        if start not in roles or rank[role] < rank[roles[start]]:
            roles[start] = role

    for d in story.disputed:
        for side in d.sides:
            for c in side.citations:
                add(c.article, c.start, "disputed")
    for f in story.corroborated:
        for c in f.citations:
            add(c.article, c.start, "corroborated")
    for f in story.single_source:
        for c in f.citations:
            add(c.article, c.start, "single source")
    for a in story.attributions:
        add(a["article"], a["start"], "attributed")
    return out


def key_spans(story: Story) -> dict[str, list[tuple[int, int]]]:
    """The sentences worth highlighting: those cited for a dispute or a corroborated finding."""
    spans: dict[str, list[tuple[int, int]]] = {}
    for f in story.corroborated:
        for c in f.citations:
            spans.setdefault(c.article, []).append((c.start, c.end))
    for d in story.disputed:
        for side in d.sides:
            for c in side.citations:
                spans.setdefault(c.article, []).append((c.start, c.end))
    return spans


def cited_spans(story: Story) -> dict[str, list[tuple[int, int]]]:
    spans: dict[str, list[tuple[int, int]]] = {}

    def add(c):
        spans.setdefault(c.article, []).append((c.start, c.end))

    for f in story.corroborated + story.single_source:
        for c in f.citations:
            add(c)
    for d in story.disputed:
        for side in d.sides:
            for c in side.citations:
                add(c)
    for a in story.attributions:
        spans.setdefault(a["article"], []).append((a["start"], a["end"]))
    return spans


def timeline(story: Story, links) -> list[dict[str, Any]]:
    items = []
    for a in story.articles:
        if a.published:
            items.append({
                "date": a.published, "what": a.title or "(untitled)", "outlet": a.outlet,
                "href": links.article(a.id, story.id) if isinstance(links, WebLinks) else f"#{article_anchor(a.id)}",
            })
    items.sort(key=lambda i: i["date"])
    return items


def story_view(
    story: Story,
    articles: dict[str, Article],
    claims: dict[str, list[Claim]] | None = None,
    links=None,
) -> StoryView:
    links = links or ReportLinks()
    rows, hidden, extra = matrix(story, claims, links)
    spans, keys = cited_spans(story), key_spans(story)
    short = _short_labels(story)
    shown = set(matrix_columns(story))
    columns = [
        {"id": a.id, "short": short[a.id], "outlet": a.outlet or "outlet unknown", "title": a.title or ""}
        for a in story.articles if a.id in shown
    ]
    texts = []
    for a in story.articles:
        art = articles.get(a.id)
        if art is None:
            continue
        texts.append({
            "id": a.id, "anchor": article_anchor(a.id), "short": short[a.id], "title": art.title,
            "outlet": art.outlet, "published": art.published,
            "html": marked_text(art.text, keys.get(a.id, []), a.id, spans.get(a.id, [])),
        })
    return StoryView(
        story=story, summary=summary_text(story), columns=columns, rows=rows, hidden_rows=hidden,
        extra_single=extra, timeline=timeline(story, links), texts=texts, short=short,
        hidden_columns=len(story.articles) - len(columns), who=story.attributions[:WHO_MAX],
        hidden_who=max(0, len(story.attributions) - WHO_MAX),
    )


def render_story_page(view: StoryView, links=None, standalone: bool = True) -> str:
    links = links or ReportLinks()
    return environment().get_template("story.html").render(v=view, s=view.story, links=links,
                                                            standalone=standalone)


def render_index_page(rows: list[dict[str, Any]], links=None, **extra) -> str:
    links = links or ReportLinks()
    return environment().get_template("index.html").render(stories=rows, links=links, **extra)


# -- the static report ---------------------------------------------------------------


def index_rows(stories: list[Story]) -> list[dict[str, Any]]:
    rows = []
    for s in stories:
        dates = sorted(a.published for a in s.articles if a.published)
        rows.append({
            "id": s.id, "title": s.title, "n_articles": len(s.articles),
            "independent_sources": s.independent_sources, "disputes": len(s.disputed),
            "outlets": sorted({a.outlet for a in s.articles if a.outlet}),
            "first": dates[0] if dates else None, "last": dates[-1] if dates else None,
        })
    return rows


def index_markdown(rows: list[dict[str, Any]]) -> str:
    from .markdown import _md

    lines = ["# consilience report", ""]
    if not rows:
        lines.append("No stories.")
    for r in rows:
        lines.append(
            f"- [{_md(r['title'] or '(untitled story)')}]({slug(r['id'])}.md): "
            f"{_plural(r['n_articles'], 'article')}, {_plural(r['independent_sources'], 'independent source')}, "
            f"{_plural(r['disputes'], 'dispute')}"
        )
    return "\n".join(lines) + "\n"


def brief_with_sources(store, story_id: str) -> tuple[Story, dict[str, Article], dict[str, list[Any]]]:
    """The story's brief (recorded at ingest when still valid, else built now), with the
    articles and claims loaded for rendering."""
    from ..pipeline import brief_for, recorded_brief

    ids = store.story_article_ids(story_id)
    articles = store.articles(ids)
    by_id = {a.id: a for a in articles}
    story = recorded_brief(store, story_id)
    if story is not None:
        return story, by_id, store.claim_flags(ids)  # the matrix needs only each claim's start, hedged and source
    claims = store.claims(ids)
    return brief_for(store, story_id, articles, claims), by_id, claims


def _write_story(store, sid: str, out, links) -> dict[str, Any]:
    from .markdown import story_markdown

    story, articles, claims = brief_with_sources(store, sid)
    view = story_view(story, articles, claims, links)
    name = slug(sid)
    (out / f"{name}.html").write_text(render_story_page(view, links), encoding="utf-8")
    md = story_markdown(story)
    md += f"\n\n[All stories](index.md) · [HTML page]({name}.html)\n"
    (out / f"{name}.md").write_text(md, encoding="utf-8")
    return index_rows([story])[0]


_WORKER: dict[str, Any] = {}


def _worker_init(db_path: str, out_dir: str) -> None:
    from pathlib import Path

    from ..store import open_store

    _WORKER.update(store=open_store(db_path), out=Path(out_dir), links=ReportLinks())


def _worker_run(story_ids: list[str]) -> list[dict[str, Any]]:
    return [_write_story(_WORKER["store"], sid, _WORKER["out"], _WORKER["links"]) for sid in story_ids]


def write_report(store, story_ids: list[str], out_dir, jobs: int = 1) -> int:
    """Write index.html, index.md and <story>.html / <story>.md for each story.

    With ``jobs`` > 1 the stories are briefed and rendered by that many worker
    processes, each with its own read connection to ``store.path``.
    """
    from pathlib import Path

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    links = ReportLinks()
    if jobs > 1 and len(story_ids) >= 4 * jobs:
        import multiprocessing as mp

        size = max(1, min(50, len(story_ids) // (jobs * 4)))
        chunks = [story_ids[i : i + size] for i in range(0, len(story_ids), size)]
        ctx = mp.get_context("spawn")
        with ctx.Pool(jobs, initializer=_worker_init, initargs=(store.path, str(out))) as pool:
            rows = [row for part in pool.map(_worker_run, chunks) for row in part]
    else:
        rows = [_write_story(store, sid, out, links) for sid in story_ids]
    (out / "index.html").write_text(render_index_page(rows, links, show_disputes=True), encoding="utf-8")
    (out / "index.md").write_text(index_markdown(rows), encoding="utf-8")
    return len(rows)
