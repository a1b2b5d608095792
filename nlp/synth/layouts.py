"""Tables as real reports lay them out, written piece by piece so offsets are known.

- ``cell_per_line``: one cell per line, each cell closed by a line holding only ``|``
  (the scraped 2008 附表, seed 000);
- ``pipe_merged``: one row per line, merged cells written as empty fields
  (``| | 5.属于三类内部事务信息 | 0 |``, the sample report);
- ``pipe_scraped``: only the cells a row really has, then as many bare pipes as cells
  are missing (``第二十条第(一)项 | ||||``, seeds 003/004);
- ``markdown``: GitHub tables, merged cells empty, a ``---`` row after the first;
- ``html``: ``<table>`` with rowspan/colspan.
"""
from __future__ import annotations

import html
import random

from nlp.synth.doc import Grid, GridCell


class Out:
    """Text being written; a piece written through it learns its offsets."""

    def __init__(self, escape: bool = False):
        self.parts: list[str] = []
        self.pos = 0
        self.escape = escape

    def write(self, s: str) -> None:
        if s:
            self.parts.append(s)
            self.pos += len(s)

    def pieces(self, pieces) -> None:
        for p in pieces:
            text = html.escape(p.text, quote=False) if self.escape else p.text
            p.start = self.pos
            self.write(text)
            p.end = self.pos

    def text(self) -> str:
        return "".join(self.parts)


def expand(grid: Grid) -> list[list[GridCell | None]]:
    """The grid with every covered position of a merged cell as None."""
    taken: dict[tuple[int, int], bool] = {}
    out: list[list[GridCell | None]] = []
    for r, row in enumerate(grid.rows):
        line: list[GridCell | None] = []
        c = 0
        cells = iter(row)
        while c < grid.ncols:
            if taken.get((r, c)):
                line.append(None)
                c += 1
                continue
            cell = next(cells, None)
            if cell is None:
                line.append(None)
                c += 1
                continue
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    taken[(r + dr, c + dc)] = True
            line.append(cell)
            line.extend([None] * (cell.colspan - 1))
            c += cell.colspan
        out.append(line)
    return out


def pipe_merged(out: Out, grid: Grid) -> None:
    for line in expand(grid):
        last = len(line) - 1
        for i, cell in enumerate(line):
            if cell is None or not cell.text:
                if cell is not None:
                    out.pieces(cell.pieces)
                out.write("|" if i == last else "| ")
            else:
                out.pieces(cell.pieces)
                out.write(" |" if i == last else " | ")
        out.write("\n")


def pipe_scraped(out: Out, grid: Grid) -> None:
    for row in grid.rows:
        for i, cell in enumerate(row):
            if i:
                out.write(" | ")
            out.pieces(cell.pieces)
        pad = grid.ncols - len(row)
        out.write(" | " + "|" * pad if pad > 0 else " |")
        out.write("\n")


def markdown(out: Out, grid: Grid) -> None:
    for r, line in enumerate(expand(grid)):
        out.write("|")
        for cell in line:
            out.write(" ")
            if cell is not None:
                out.pieces(cell.pieces)
            out.write(" |")
        out.write("\n")
        if r == 0:
            out.write("|" + "---|" * len(line) + "\n")


def cell_per_line(out: Out, grid: Grid, rng: random.Random) -> None:
    for row in grid.rows:
        for cell in row:
            text = cell.text
            if text:
                if len(text) > 8 and cell.pieces[0].cell is None and rng.random() < 0.04:
                    cut = rng.randint(3, len(text) - 1)  # a label wrapped by the scraper
                    cell.pieces[0].text = text[:cut] + "\n" + text[cut:]
                out.pieces(cell.pieces)
                out.write("\n")
            out.write("|\n")


def html_table(out: Out, grid: Grid, rng: random.Random) -> None:
    word = rng.random() < 0.5  # Word-exported cells wrap their text in <p>
    out.write('<table border="1" cellspacing="0" cellpadding="0" style="border-collapse:collapse;width:100%">\n<tbody>\n')
    for row in grid.rows:
        out.write("<tr>")
        for cell in row:
            attrs = ""
            if cell.rowspan > 1:
                attrs += f' rowspan="{cell.rowspan}"'
            if cell.colspan > 1:
                attrs += f' colspan="{cell.colspan}"'
            out.write(f"<td{attrs}>")
            if word and cell.text:
                out.write('<p style="text-align:center">')
            if cell.text:
                out.pieces(cell.pieces)
            elif rng.random() < 0.3:
                out.write("&nbsp;")
            if word and cell.text:
                out.write("</p>")
            out.write("</td>")
        out.write("</tr>\n")
    out.write("</tbody>\n</table>\n")


def render_text_table(out: Out, grid: Grid, layout: str, rng: random.Random) -> None:
    if layout == "cell_per_line":
        cell_per_line(out, grid, rng)
    elif layout == "pipe_scraped":
        pipe_scraped(out, grid)
    elif layout == "markdown":
        markdown(out, grid)
    else:
        pipe_merged(out, grid)
