"""gongkai: read Chinese government information-disclosure annual reports into checked,
structured data.  ``import nlp; r = nlp.read(path)``."""
from __future__ import annotations

from pathlib import Path

from nlp.ingest import IngestError, load
from nlp.model import Report

__version__ = "0.1.0"
__all__ = ["read", "spacy_pipeline", "IngestError", "Report", "__version__"]


def read(path: str | Path) -> Report:
    """Read one report file into the structured model (raises IngestError)."""
    from nlp.structure import structure

    return structure(load(path))


def spacy_pipeline(segmenter: str = "jieba"):
    """A spaCy ``Language`` exposing the same results on ``Doc`` (``doc.spans["claims"]``)."""
    from nlp.spacy_component import spacy_pipeline as build

    return build(segmenter)
