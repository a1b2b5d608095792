"""The indexed page with what the rules say about it: which elements are dropped, the
text under an element, and text nodes read as lines (and table cells) with their source
offsets."""
from __future__ import annotations

from operator import itemgetter

from .offsets import align
from .rules import Rules, element_attrs
from .text import WS, collapse, join_cell
from .tree import Tree


class Page:
    """The indexed page with what the rules say about it: which elements are dropped
    (``dropped``, grown while the article is chosen and cleaned), and where each text node
    is in the source."""

    def __init__(self, root, src: str, rules: Rules) -> None:
        self.tree = tree = Tree(root)
        self.rules = rules
        self.flat_offs, self.at, self.placed = align(tree.strings, src)
        self.visible = bytearray(not s.isspace() for s in tree.strings)  # per text node
        verdicts = self._verdicts()
        self.attrs = list(map(itemgetter(0), verdicts))  # (tag, id, classes), see element_attrs
        self.dropped = bytearray(map(itemgetter(1), verdicts))
        self.candidate = list(map(itemgetter(2), verdicts))  # container selectors matched
        self.grid: dict[int, bool] = {}
        self.tables = 0

    def _verdicts(self) -> list[tuple]:
        """Per node, what the rules say about it (see _judge), judging each distinct
        (tag, class, id, style) once."""
        seen: dict = {None: (None, False, None)}  # comments and processing instructions
        return [seen.get(raw) or seen.setdefault(raw, self._judge(*raw)) for raw in self.tree.raw]

    def _judge(self, tag: str, el_class: str, el_id: str, style: str) -> tuple:
        """(attrs, dropped everywhere, matching container selectors) of an element."""
        attrs = element_attrs(tag.lower(), el_id, el_class)
        drops = self.rules.drops(attrs, el_class, el_id, style)
        return attrs, drops, self.rules.container_index.matching(attrs)

    # ---- text nodes and lines

    def offsets(self, node: int) -> list[int]:
        """Source offset of each character of a text node."""
        at = self.at[node]
        if at < 0:
            return list(self.placed[node])
        return self.flat_offs[at:at + len(self.tree.strings[node])]

    def end_offset(self, node: int) -> int:
        """Source offset just after a text node's last character."""
        at = self.at[node]
        if at < 0:
            return self.placed[node][-1] + 1
        return self.flat_offs[at + len(self.tree.strings[node]) - 1] + 1

    def line(self, nodes) -> tuple[str, list[int]] | None:
        """Text nodes as one line (text, offsets), whitespace collapsed; None if nothing is
        visible."""
        strings = self.tree.strings
        if len(nodes) == 1:
            text = strings[nodes[0]]
            return None if text.isspace() else collapse(text, self.offsets(nodes[0]))
        text = "".join([strings[k] for k in nodes])
        if not text or text.isspace():
            return None
        offs: list[int] = []
        for k in nodes:
            offs += self.offsets(k)
        return collapse(text, offs)

    # ---- table cells

    def cell_text(self, cell: int) -> tuple[str, list[int]]:
        """A cell's text and offsets: its lines (see cell_lines) joined."""
        one = self._one_line(cell)
        if one is None:
            return join_cell([self.line(nodes) for nodes in self.cell_lines(cell)])
        line = self.line(one)
        return line if line is not None else ("", [])

    def _one_line(self, cell: int) -> range | None:
        """The text nodes from the cell's first to its last visible one, if no line ends
        between them and nothing inside is dropped (the usual cell); else None."""
        tree = self.tree
        stop = tree.end[cell]
        if self.dropped.find(1, cell + 1, stop) >= 0:
            return None
        a = self.visible.find(1, tree.first[cell], tree.last[cell])
        if a < 0:
            return range(0)
        b = self.visible.rfind(1, tree.first[cell], tree.last[cell])
        if a == b:
            return range(a, a + 1)
        j = tree.breaks.find(1, cell + 1, stop)
        while j >= 0:
            if a < tree.first[j] <= b or (tree.is_block[j] and a < tree.last[j] <= b):
                return None
            j = tree.breaks.find(1, j + 1, stop)
        return range(a, b + 1)

    def cell_lines(self, cell: int) -> list[list[int]]:
        """The text nodes of a cell, line by line: a line ends where a block starts or ends
        or at a <br>, as on the page (tables inside a cell are flattened the same way)."""
        cuts = self.line_breaks(cell)
        lines: list[list[int]] = []
        line: list[int] = []
        c = 0
        for a, b in self.ranges(cell, False):
            while a < b:
                while c < len(cuts) and cuts[c] <= a:
                    if line:
                        lines.append(line)
                        line = []
                    c += 1
                upto = cuts[c] if c < len(cuts) and cuts[c] < b else b
                line += range(a, upto)
                a = upto
        if line:
            lines.append(line)
        return lines

    def line_breaks(self, i: int) -> list[int]:
        """Text-node positions under i where a line ends: before each kept block or <br>
        and after each kept block."""
        tree = self.tree
        cuts = []
        j, stop = tree.breaks.find(1, i + 1, tree.end[i]), tree.end[i]
        while j >= 0:
            if not self.dropped_below(j, i):
                cuts.append(tree.first[j])
                if tree.is_block[j]:
                    cuts.append(tree.last[j])
            j = tree.breaks.find(1, j + 1, stop)
        return sorted(cuts)

    # ---- elements

    def next_table(self) -> int:
        self.tables += 1
        return self.tables

    def kept(self, i: int) -> bool:
        return bool(self.tree.tag[i]) and not self.dropped[i]

    def dropped_below(self, i: int, top: int) -> bool:
        """Whether i or one of its ancestors strictly below top is dropped."""
        parent, dropped = self.tree.parent, self.dropped
        while i != top and i >= 0:
            if dropped[i]:
                return True
            i = parent[i]
        return False

    def is_grid(self, i: int) -> bool:
        """A data table of its own (not a layout wrapper around another table); tables in
        a cell are flattened instead (see cell_lines)."""
        if self.tree.tag[i] != "table":
            return False
        if i not in self.grid:
            self.grid[i] = not self._wrapper(i)
        return self.grid[i]

    def _wrapper(self, table: int) -> bool:
        """A table holding another table, with at most one cell per row: layout."""
        tree = self.tree
        nested = len(tree.within("table", table)) > (tree.els[table].tag == "table")
        return nested and all(len(tree.cells(tr)) <= 1 for tr in tree.rows(table))

    # ---- text under an element

    def ranges(self, i: int, loose: bool) -> list[tuple[int, int]]:
        """Text-node ranges under i, leaving out dropped elements (and with ``loose``, nested
        blocks) but not their tails."""
        if not self.kept(i):
            return []
        tree = self.tree
        ranges = []
        a, j, stop = tree.first[i], i + 1, tree.end[i]
        while True:
            d = self.dropped.find(1, j, stop)
            if loose:
                b = tree.is_block.find(1, j, stop)
                if b >= 0 and (d < 0 or b < d):
                    d = b
            if d < 0:
                break
            ranges.append((a, tree.first[d]))
            a, j = tree.last[d], tree.end[d]
        ranges.append((a, tree.last[i]))
        return ranges

    def plain(self, i: int, loose: bool = False) -> str:
        """All text under i, skipping dropped elements (and with ``loose``, nested blocks),
        whitespace collapsed."""
        strings = self.tree.strings
        text = "".join(s for a, b in self.ranges(i, loose) for s in strings[a:b])
        return WS.sub(" ", text).strip()

    def text(self, i: int) -> tuple[str, str]:
        """(all text, link text) under i, skipping dropped elements, whitespace collapsed."""
        strings, node_link = self.tree.strings, self.tree.node_link
        parts, links = [], []
        for a, b in self.ranges(i, False):
            parts += strings[a:b]
            links += [s for s, link in zip(strings[a:b], node_link[a:b]) if link >= i]
        return WS.sub(" ", "".join(parts)).strip(), WS.sub(" ", "".join(links)).strip()
