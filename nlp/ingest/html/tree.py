"""The parsed page, indexed in one walk.

The parsed page is read once (:class:`Tree`): every node gets an index in document order,
so a subtree is an index range, and the text nodes (each element's ``.text`` and ``.tail``)
get their own list in document order, so the text under an element is a range of that list.
Everything after (choosing the article, dropping chrome, rendering, page metadata) works on
these indices instead of walking lxml again.
"""
from __future__ import annotations

from bisect import bisect_left

BLOCK = frozenset(
    "address article aside blockquote body caption center dd div dl dt fieldset figcaption "
    "figure form h1 h2 h3 h4 h5 h6 hr html li main ol p pre section table tbody td tfoot th "
    "thead tr ul".split()
)
_BREAKS = BLOCK | {"br"}  # what starts a new line


def _raw(tag: str, el, names: list[str]) -> tuple[str, str, str, str]:
    """(tag, class, id, style) as written, "" for a missing attribute (names: those present)."""
    return (tag, el.get("class") or "" if "class" in names else "",
            el.get("id") or "" if "id" in names else "",
            el.get("style") or "" if "style" in names else "")


class Tree:
    """Every node of the page (elements, comments, processing instructions) in document
    order, read in one walk; node i's subtree is the index range ``[i, end[i])``.

    The text nodes (``.text`` of elements, ``.tail`` of every node but the root) are listed
    in document order too; the text under element i is the range ``[first[i], last[i])``
    of that list, and leaving out a descendant d means leaving out ``[first[d], last[d])``
    (its tail comes right after)."""

    def __init__(self, root) -> None:
        self.els = list(root.iter())
        n = len(self.els)
        self.tag = [""] * n  # lower-cased; "" for comments and processing instructions
        self.parent = [-1] * n
        self.end = [n] * n
        self.first = [0] * n
        self.last = [0] * n
        self.text_node = [-1] * n  # text node of .text, -1 if none
        self.tail_node = [-1] * n
        self.raw: list = [None] * n  # (tag, class, id, style) of elements, as written
        self.strings: list[str] = []  # the text nodes
        self.holder: list[int] = []  # element a text node is in (a tail's: the parent)
        self.by_tag: dict[str, list[int]] = {}  # raw tag → elements, in order
        self._read()
        self.is_block = bytearray(map(BLOCK.__contains__, self.tag))
        self.breaks = bytearray(map(_BREAKS.__contains__, self.tag))  # what starts a line
        self.link = self._nearest_link()
        self.node_link = [self.link[h] for h in self.holder]  # per text node

    def _read(self) -> None:
        """One walk in document order; a node's subtree ends (and its tail follows) when
        the next node is not below it."""
        els, strings, holder, raw = self.els, self.strings, self.holder, self.raw
        tags, parent, end, first, last = self.tag, self.parent, self.end, self.first, self.last
        text_node, tail_node, by_tag = self.text_node, self.tail_node, self.by_tag
        path: list[int] = [0]  # from the root to the previous node
        path_els: list = [els[0]]
        n_text = 0  # text nodes so far
        for i, el in enumerate(els):
            if i:
                up = el.getparent()
                while path_els[-1] is not up:
                    k = path.pop()
                    end[k], last[k] = i, n_text
                    tail = path_els.pop().tail
                    if tail:
                        tail_node[k] = n_text
                        n_text += 1
                        strings.append(tail)
                        holder.append(parent[k])
                parent[i] = path[-1]
                path.append(i)
                path_els.append(el)
            first[i] = n_text
            tag = el.tag
            if not isinstance(tag, str):
                continue
            names = el.keys()
            raw[i] = _raw(tag, el, names) if names else (tag, "", "", "")
            by_tag.setdefault(tag, []).append(i)
            tags[i] = tag.lower()
            text = el.text
            if text:
                text_node[i] = n_text
                n_text += 1
                strings.append(text)
                holder.append(i)
        for k, done in zip(reversed(path), reversed(path_els)):
            end[k], last[k] = len(els), n_text
            tail = done.tail if k else None
            if tail:
                tail_node[k] = n_text
                n_text += 1
                strings.append(tail)
                holder.append(parent[k])

    def _nearest_link(self) -> list[int]:
        """Per node, the nearest <a> at or above it (-1: none)."""
        found = [-1] * len(self.els)
        for i, tag in enumerate(self.tag):
            if tag == "a":
                found[i:self.end[i]] = [i] * (self.end[i] - i)
        return found

    def nearest_block(self, i: int) -> int:
        """The nearest block element at or above i (-1: none)."""
        while i >= 0 and not self.is_block[i]:
            i = self.parent[i]
        return i

    # ---- navigation

    def children(self, i: int):
        j, end = i + 1, self.end[i]
        while j < end:
            yield j
            j = self.end[j]

    def ancestors(self, i: int):
        i = self.parent[i]
        while i >= 0:
            yield i
            i = self.parent[i]

    def within(self, tag: str, i: int) -> list[int]:
        """Elements with this (raw) tag in i's subtree, i included, in order."""
        found = self.by_tag.get(tag, [])
        return found[bisect_left(found, i):bisect_left(found, self.end[i])]

    def content(self, i: int) -> str:
        """All text under i (lxml's text_content)."""
        return "".join(self.strings[self.first[i]:self.last[i]])

    def rows(self, table: int) -> list[int]:
        """The table's own <tr>s (not those of tables inside it)."""
        return [tr for tr in self.within("tr", table) if self._table_of(tr) == table]

    def _table_of(self, i: int) -> int:
        """The nearest <table> above i, -1 if none."""
        return next((a for a in self.ancestors(i) if self.tag[a] == "table"), -1)

    def cells(self, tr: int) -> list[int]:
        return [c for c in self.children(tr) if self.tag[c] in ("td", "th")]
