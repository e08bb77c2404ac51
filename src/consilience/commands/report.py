"""`consilience report`: self-contained HTML and Markdown briefs in a folder."""

from __future__ import annotations

import click

from ._common import DB_OPTION, open_db


@click.command("report")
@click.argument("story_ids", nargs=-1)
@click.option("--all", "all_stories", is_flag=True, help="Report every stored story.")
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False),
              help="Folder to write index.html, index.md and one .html and .md per story.")
@click.option("--jobs", "-j", type=click.IntRange(1, 64), default=None,
              help="Worker processes for briefing and rendering (default: CPUs, at most 8).")
@DB_OPTION
def command(story_ids: tuple[str, ...], all_stories: bool, out_dir: str, jobs: int | None, db: str) -> None:
    """Write a static report: one HTML page and one Markdown file per story.

    Pages are self-contained (inline CSS, no scripts, no external assets), so
    the folder can be opened from disk, mailed or archived. Each story page has
    a summary, the articles and which are copies, a claims × sources matrix,
    the disputes with both sides quoted, who said what, a timeline, and the
    article texts: every cited sentence is a link target, and those cited for
    a dispute or a corroborated finding are highlighted. Briefs recorded at
    ingest are reused while the story and the brief code are unchanged.

    \b
    Examples:
      consilience report --all --out report/
      consilience report s-1a2b3c4d5e --out report/ --db news.db
      consilience report --all --out report/ --jobs 4
    """
    from ..render.html import write_report

    if not story_ids and not all_stories:
        raise click.UsageError("name STORY_IDs or pass --all")
    if story_ids and all_stories:
        raise click.UsageError("pass either STORY_IDs or --all, not both")
    store = open_db(db)
    try:
        known = [s["id"] for s in store.story_summaries()]
        if all_stories:
            wanted = known
        else:
            missing = [s for s in story_ids if s not in set(known)]
            if missing:
                raise click.ClickException(f"no such story: {', '.join(missing)} (see `consilience stories`)")
            wanted = list(dict.fromkeys(story_ids))
        if jobs is None:
            import os

            jobs = max(1, min(8, os.cpu_count() or 1))
        written = write_report(store, wanted, out_dir, jobs=jobs)
    finally:
        store.close()
    click.echo(f"wrote {written} stor{'y' if written == 1 else 'ies'} to {out_dir}/index.html", err=True)
