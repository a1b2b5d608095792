"""Passage tagging: the eight multi-label passage labels of DESIGN.md.

Labelling rules (``rules``; data in ``nlp/resources/tagging/``) and a linear model
(``linear``; the shipped default under ``models/``) each score every passage; ``combine``
merges them by the written policy.  ``tag_report(report)`` gives one
:class:`PassageTags` per passage, whose ``record()`` is the ``gongkai tag`` contract record.
"""
from __future__ import annotations

from nlp.tagging.schema import LABELS, PassageTags

__all__ = ["LABELS", "PassageTags", "tag_report", "default_model"]


def default_model():
    """The shipped default model (``models/tagger-v1``), loaded once."""
    from nlp.tagging.linear import load_default

    return load_default()


def tag_report(report, model=None, policy: str = "combined") -> list[PassageTags]:
    """Labels and scores for every passage of ``report``.

    ``policy`` is ``combined`` (default), ``rules`` or ``model``; ``model`` defaults to the
    shipped one."""
    from nlp.tagging.combine import tag_views
    from nlp.tagging.context import views

    return tag_views(views(report), report.doc_id, model=model, policy=policy)
