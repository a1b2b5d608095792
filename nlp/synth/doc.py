"""The report being written: blocks of pieces, before any file format.

A *piece* is the smallest run of text the generator knows something about: a claim, a
table cell, a year.  Damage and faults rewrite pieces in place, and the renderers record
where each piece lands, so every annotation keeps its exact offsets whatever happens to
the text around it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Piece:
    text: str
    claim: dict | None = None  # value, low, high, unit, qualifier, kind, indicator (+ private keys)
    cell: str | None = None  # indicator of a table cell
    year: bool = False  # a year in prose (a candidate for a stale-year fault)
    start: int = -1  # offsets in the canonical text, set by the renderer
    end: int = -1


@dataclass
class GridCell:
    pieces: list[Piece]
    rowspan: int = 1
    colspan: int = 1
    header: bool = False

    @property
    def text(self) -> str:
        return "".join(p.text for p in self.pieces)


@dataclass
class Grid:
    """A table as its template lays it out (merged cells as spans)."""

    kind: str  # appendix_2008, art20, requests, review
    ncols: int
    rows: list[list[GridCell]]
    caption: str = ""  # a line written just above the table (e.g. 行政诉讼（复议后起诉）)


@dataclass
class Block:
    kind: str  # title, dateline, heading, para, table, signature
    pieces: list[Piece] = field(default_factory=list)
    level: int = 0  # heading level; for a para, the level of the heading it opens with (0: none)
    labels: tuple[str, ...] = ()
    grids: list[Grid] = field(default_factory=list)
    layout: str = ""  # table layout chosen for the format
    traditional: bool = False  # damage: written in Traditional script

    @property
    def text(self) -> str:
        return "".join(p.text for p in self.pieces)


class Para:
    """Writes the pieces of one block."""

    def __init__(self, kind: str = "para", level: int = 0, labels: tuple[str, ...] = ()):
        self.block = Block(kind, [], level, labels)

    def add(self, text: str) -> "Para":
        if text:
            pieces = self.block.pieces
            if pieces and pieces[-1].claim is None and pieces[-1].cell is None and not pieces[-1].year:
                pieces[-1].text += text
            else:
                pieces.append(Piece(text))
        return self

    def claim(self, text: str, meta: dict) -> Piece:
        p = Piece(text, claim=meta)
        self.block.pieces.append(p)
        return p

    def year(self, y: int, suffix: str = "年") -> "Para":
        self.block.pieces.append(Piece(str(y), year=True))
        return self.add(suffix)

    def label(self, *labels: str) -> "Para":
        self.block.labels = tuple(dict.fromkeys(self.block.labels + labels))
        return self

    @property
    def text(self) -> str:
        return self.block.text


@dataclass
class Doc:
    blocks: list[Block] = field(default_factory=list)
    info: dict[str, Any] = field(default_factory=dict)

    def add(self, block: Block | Para) -> Block:
        b = block.block if isinstance(block, Para) else block
        self.blocks.append(b)
        return b

    def pieces(self):
        """Every piece in text order, with its block."""
        for b in self.blocks:
            for p in b.pieces:
                yield b, p
            for g in b.grids:
                for row in g.rows:
                    for c in row:
                        for p in c.pieces:
                            yield b, p
