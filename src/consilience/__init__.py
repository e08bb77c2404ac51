"""consilience: where independent news sources converge and where they conflict."""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["analyze", "__version__"]


def analyze(paths, db: str = "consilience.db", all_stories: bool = False):
    """Read, store, cluster and compare the articles under ``paths``.

    Returns the list of :class:`consilience.models.Story` briefs for the stories
    the inputs belong to (every story with ``all_stories=True``).
    """
    from .pipeline import analyze_paths

    return analyze_paths(paths, db=db, all_stories=all_stories).stories
