"""The article as lines: a block starts a line, a ``<br>`` ends one, an empty paragraph is
a blank line, and every ``<tr>`` of a data table is one ``cell | cell | cell`` line (its
cells kept for the RawTable)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .page import Page
from .tree import BLOCK

_SPAN = re.compile(r"\s*(\d+)")


@dataclass
class Line:
    text: str
    offs: list[int]
    cells: list = field(default_factory=list)  # (text, start, end, rowspan, colspan), relative to line
    table: int | None = None


class _Out:
    """Lines being written; None stands for one blank line. The line being written is a
    list of text nodes, read when it ends."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.strings = page.tree.strings
        self.lines: list[Line | None] = []
        self.nodes: list[int] = []  # the text nodes of the line being written
        self.content = 0  # text nodes with visible characters written so far
        self.last_node = -1  # the text node written last, if written after last_end was set
        self.last_end = 0

    def last(self) -> int:
        """Source offset just after the last character written."""
        return self.last_end if self.last_node < 0 else self.page.end_offset(self.last_node)

    def add(self, node: int) -> None:
        self.nodes.append(node)
        self.last_node = node
        self.content += not self.strings[node].isspace()

    def end_line(self) -> None:
        if self.nodes:
            line = self.page.line(self.nodes)
            if line is not None:
                self.lines.append(Line(*line))
            self.nodes = []

    def blank(self) -> None:
        self.end_line()
        self.lines.append(None)

    def br(self) -> None:
        if any(not self.strings[k].isspace() for k in self.nodes):
            self.end_line()
        else:
            self.blank()

    def put(self, line: Line) -> None:
        self.end_line()
        self.lines.append(line)
        self.content += 1


def _spans(el) -> tuple[int, int]:
    """A cell's rowspan and colspan."""
    if not el.keys():
        return 1, 1
    return _span(el.get("rowspan")), _span(el.get("colspan"))


def _span(value: str | None) -> int:
    m = _SPAN.match(value) if value else None
    return min(max(int(m[1]), 1), 1000) if m else 1


class Renderer:
    def __init__(self, page: Page) -> None:
        self.page = page
        self.tree = page.tree
        self.out = _Out(page)

    def _enter(self, i: int) -> bool:
        return self.page.kept(i) and not self.page.is_grid(i)

    def render(self, root: int) -> "Renderer":
        """Writes the subtree of root: one walk in document order, a stack of open elements."""
        tree, page = self.tree, self.page
        end = tree.end
        if not self._enter(root):
            if page.kept(root) and page.is_grid(root):
                self._table(root)
            return self
        open_: list[tuple[int, int]] = []  # (element, out.content when it opened)
        i, stop = root, end[root]
        while True:
            while open_ and i >= end[open_[-1][0]]:
                self._close(*open_.pop(), root)
            if i >= stop:
                return self
            if self._enter(i):
                open_.append((i, self._open(i)))
                i += 1
                continue
            if page.kept(i) and page.is_grid(i):
                self._table(i)
            self._write(tree.tail_node[i])
            i = end[i]

    def _write(self, node: int) -> None:
        if node >= 0:
            self.out.add(node)

    def _open(self, i: int) -> int:
        tag = self.tree.tag[i]
        if tag == "br":
            self.out.br()
        elif tag in BLOCK:
            self.out.end_line()
        mark = self.out.content
        self._write(self.tree.text_node[i])
        return mark

    def _close(self, i: int, mark: int, root: int) -> None:
        tag = self.tree.tag[i]
        if tag in BLOCK:
            if tag == "p" and mark == self.out.content:
                self.out.blank()  # an empty paragraph is a paragraph gap
            else:
                self.out.end_line()
        if i != root:
            self._write(self.tree.tail_node[i])

    def _table(self, table: int) -> None:
        tree, page = self.tree, self.page
        tid = page.next_table()
        for caption in tree.children(table):
            if tree.els[caption].tag == "caption" and not page.dropped[caption]:
                self.render(caption)
        self.out.end_line()
        for tr in tree.rows(table):
            if page.dropped_below(tr, table):
                continue
            cells = [c for c in tree.cells(tr) if not page.dropped[c]]
            if cells:
                self.out.put(self._row(cells, tid))

    def _row(self, cells: list[int], tid: int) -> Line:
        """``cell | cell | cell``; separators point just after the text before them."""
        parts: list[str] = []
        offs: list[int] = []
        spans = []
        size = 0  # characters in parts
        near = self.out.last()
        page, els = self.page, self.tree.els
        for k, cell in enumerate(cells):
            if k:
                if size:
                    parts.append(" ")
                    offs.append(near)
                parts.append("|")
                offs.append(near)
                size += 2 if size else 1
            s, o = page.cell_text(cell)
            if s and size:
                parts.append(" ")
                offs.append(near)
                size += 1
            start = size
            parts.append(s)
            offs += o
            size += len(s)
            spans.append((s, start, size, *_spans(els[cell])))
            if o:
                near = o[-1] + 1
        self.out.last_node, self.out.last_end = -1, near
        return Line("".join(parts), offs, spans, tid)

    def out_lines(self) -> list:
        self.out.end_line()
        return self.out.lines
