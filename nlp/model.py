"""The one data model every stage reads and adds to.

All offsets are Python string indices (code points, end exclusive) into the report's
canonical text (``Report.text``), as ``../shared/CONTRACT.md`` requires.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any


@dataclass
class Span:
    start: int
    end: int


@dataclass(slots=True)
class RawCell:
    """A table cell as laid out in the source, before any indicator is known."""

    text: str
    start: int
    end: int
    rowspan: int = 1
    colspan: int = 1


@dataclass
class RawTable:
    """Rows of raw cells found by a layout reader (pipe rows, cell-per-line, HTML, Markdown)."""

    layout: str
    start: int
    end: int
    rows: list[list[RawCell]]


@dataclass(slots=True)
class Cell:
    indicator: str | None
    row: int
    col: int
    value: float | int | None
    raw: str
    unit: str | None
    start: int
    end: int
    label: str = ""


@dataclass
class Table:
    id: str
    kind: str  # appendix_2008, art20, requests, review_litigation, unknown
    layout: str
    start: int
    end: int
    cells: list[Cell] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    variant: str = ""  # the template the column layout was read as (第二十条 tables)


@dataclass
class Section:
    id: str
    title: str
    level: int
    kind: str
    start: int
    end: int
    parent: str | None = None


@dataclass
class Passage:
    id: str
    section_id: str | None
    start: int
    end: int


@dataclass
class Meta:
    year: int | None = None
    body: str | None = None
    region: str | None = None
    published: str | None = None
    template: str = "unknown"


@dataclass
class Report:
    doc_id: str
    source: str
    text: str
    meta: Meta = field(default_factory=Meta)
    sections: list[Section] = field(default_factory=list)
    passages: list[Passage] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    # stage outputs added later (claims, findings, labels) live here by name
    extra: dict[str, Any] = field(default_factory=dict)

    @cached_property
    def norm(self):
        """The repaired copy of the text for matching (nlp.normalize), made on first use."""
        from nlp.normalize import normalize

        return normalize(self.text)
