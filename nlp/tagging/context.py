"""What a tagger sees of a passage: its text (cleaned for matching), the section it sits
in, the titles above it, and whether it is a bare heading."""
from __future__ import annotations

import re
from dataclasses import dataclass

from nlp.model import Report
from nlp.normalize import halfwidth, to_simplified

_SPACE = re.compile(r"\s+")
_TRIM = " \t\u3000。；;：:，,"


def clean(text: str) -> str:
    """Half-width, simplified, without whitespace (PDF line wraps, OCR spacing)."""
    return _SPACE.sub("", to_simplified(halfwidth(text)))


@dataclass(frozen=True)
class PassageView:
    passage_id: str
    start: int
    end: int
    text: str            # cleaned passage text
    kind: str            # kind of the innermost section ('none' outside any)
    top_kind: str        # kind of the top-level section it belongs to
    title: str           # cleaned title of the innermost section
    titles: tuple[str, ...]  # cleaned titles from the top-level section down
    is_heading: bool     # the passage is only its section's title
    section_id: str | None
    top_id: str | None


def views(report: Report) -> list[PassageView]:
    secs = {s.id: s for s in report.sections}
    titles_of: dict = {}  # section id → cleaned title
    above: dict = {}      # section id → what its passages see of the sections

    def title_of(s) -> str:
        if s.id not in titles_of:
            titles_of[s.id] = clean(s.title)
        return titles_of[s.id]

    def sections_of(section_id):
        if section_id not in above:
            chain = []
            s = secs.get(section_id)
            while s is not None:
                chain.append(s)
                s = secs.get(s.parent) if s.parent else None
            chain.reverse()
            inner = chain[-1] if chain else None
            top = chain[0] if chain else None
            titles = tuple(title_of(x) for x in chain if x.title)
            title = title_of(inner) if inner and inner.title else ""
            above[section_id] = (inner, top, title, titles)
        return above[section_id]

    out = []
    for p in report.passages:
        inner, top, title, titles = sections_of(p.section_id)
        text = clean(report.text[p.start:p.end])
        heading = bool(title) and text.strip(_TRIM) == title.strip(_TRIM)
        out.append(PassageView(
            p.id, p.start, p.end, text, inner.kind if inner else "none", top.kind if top else "none",
            title, titles, heading, inner.id if inner else None, top.id if top else None,
        ))
    return out
