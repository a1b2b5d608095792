"""Paragraphs and cell grids → canonical text, ``RawTable``s and a position map.

The page readers (:mod:`nlp.ingest.pdf`, :mod:`nlp.ingest.docx`) find paragraphs and
table cells; this module writes them out the way the HTML reader does: one paragraph per
line, each table row as one ``cell | cell | …`` line holding the cells that start in that
row (a merged cell's text appears once, at its first row and column, with its
``rowspan``/``colspan``), and every cell as a :class:`RawCell` whose offsets point at its
text.  Each character of the text keeps a position in the source (a PDF page and point,
or ``None`` where the source has no geometry); characters the writer adds (line breaks,
``|`` separators) take the position of the character before them.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from nlp.model import RawCell, RawTable

Position = Any  # (page, x, y) for PDF; None where the source has no geometry


@dataclass
class Piece:
    """Text with one source position per character."""

    text: str = ""
    pos: list = field(default_factory=list)

    def __post_init__(self) -> None:
        if len(self.pos) != len(self.text):
            self.pos = (list(self.pos) + [None] * len(self.text))[: len(self.text)]

    def __bool__(self) -> bool:
        return bool(self.text)

    def strip(self) -> "Piece":
        a, b = 0, len(self.text)
        while a < b and self.text[a].isspace():
            a += 1
        while b > a and self.text[b - 1].isspace():
            b -= 1
        return Piece(self.text[a:b], self.pos[a:b])


def is_cjk(ch: str) -> bool:
    o = ord(ch)
    return (0x2E80 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or 0xFE30 <= o <= 0xFE4F
            or 0xFF00 <= o <= 0xFFEF or 0x2018 <= o <= 0x201F or 0x3000 <= o <= 0x303F
            or o >= 0x20000)


def join_pieces(pieces: list[Piece]) -> Piece:
    """Lines of one paragraph or cell as one string: nothing where a line break falls
    between CJK characters (a wrap), one space between other text."""
    out = Piece()
    for p in pieces:
        p = p.strip()
        if not p:
            continue
        if out.text and not (is_cjk(out.text[-1]) or is_cjk(p.text[0])):
            out.text += " "
            out.pos.append(out.pos[-1])
        out.text += p.text
        out.pos += p.pos
    return out


@dataclass
class GridCell:
    row: int
    col: int
    content: Piece
    rowspan: int = 1
    colspan: int = 1


class TextBuilder:
    """Writes lines and tables; ``result()`` gives (text, positions, tables)."""

    def __init__(self, layout: str) -> None:
        self.layout = layout
        self.chars: list[str] = []
        self.pos: list[Position] = []
        self.tables: list[RawTable] = []

    def _sep(self) -> None:
        if self.chars:
            self.chars.append("\n")
            self.pos.append(self.pos[-1])

    def _put(self, piece: Piece) -> None:
        self.chars.extend(piece.text)
        self.pos.extend(piece.pos)

    def line(self, piece: Piece) -> None:
        piece = piece.strip()
        if piece:
            self._sep()
            self._put(piece)

    def table(self, cells: list[GridCell]) -> RawTable | None:
        """Write a grid of cells; cells are rendered in (row, col) order."""
        if not cells:
            return None
        by_row: dict[int, list[GridCell]] = {}
        for c in sorted(cells, key=lambda c: (c.row, c.col)):
            by_row.setdefault(c.row, []).append(c)
        rows: list[list[RawCell]] = []
        start = None
        for r in sorted(by_row):
            self._sep()
            line_start = len(self.chars)
            if start is None:
                start = line_start
            near = self.pos[-1] if self.pos else None
            row: list[RawCell] = []
            for k, cell in enumerate(by_row[r]):
                if k:
                    sep = " |" if len(self.chars) > line_start else "|"
                    self.chars.extend(sep)
                    self.pos.extend([near] * len(sep))
                content = cell.content.strip()
                if content and k:
                    self.chars.append(" ")
                    self.pos.append(near)
                a = len(self.chars)
                self._put(content)
                row.append(RawCell(content.text, a, len(self.chars), cell.rowspan, cell.colspan))
                if content.pos:
                    near = content.pos[-1]
            rows.append(row)
        table = RawTable(self.layout, start, len(self.chars), rows)
        self.tables.append(table)
        return table

    def result(self) -> tuple[str, list[Position], list[RawTable]]:
        return "".join(self.chars), self.pos, self.tables
