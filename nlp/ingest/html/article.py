"""Finding the article on a page: its content container (a known one, else the block
with most Chinese prose), the chrome and spam dropped inside it, and the title element
shown above it."""
from __future__ import annotations

from .page import Page
from .text import han

_TABLE_PARTS = frozenset(("table", "tr", "td", "th"))
_CANDIDATES = frozenset("article blockquote body center div form main section td".split())


class ArticlePage(Page):
    """A page that finds its article (and drops what is not part of it)."""

    # ---- choosing the article

    def container(self) -> int:
        # each kept element is filed under the known container selectors (in their order
        # of preference) it matches
        found: list[list] = [[] for _ in self.rules.containers]
        for i, matching in enumerate(self.candidate):
            if matching and not self.dropped[i]:
                for k in matching:
                    found[k].append(i)
        for els in found:
            best, best_n = None, 0
            for i in els:
                all_text, link_text = self.text(i)
                n = han(all_text) - han(link_text)
                if n > best_n:
                    best, best_n = i, n
            if best is not None and best_n >= self.rules.container_min_chars:
                return best
        return self.densest()

    def densest(self) -> int:
        """The element with most Chinese prose under it (paragraphs count for their parent and,
        half, grandparent), scaled down by the share of link text; the body if no element
        holds ``container_min_chars``."""
        tree = self.tree
        n_els = len(tree.els)
        own_total, own_linked = [0] * n_els, [0] * n_els
        score: dict = {}
        spam = self.rules.spam
        for a, b in self.ranges(0, False):
            for k in range(a, b):
                s = tree.strings[k]
                n = han(s)
                if not n:
                    continue
                holder = tree.holder[k]
                in_link = tree.link[holder] >= 0
                own_total[holder] += n
                if in_link:
                    own_linked[holder] += n
                if in_link or spam.search(s):
                    continue
                block = tree.nearest_block(holder)
                if block >= 0:  # the paragraph, its parent, half to its grandparent
                    for el, weight in zip((block, *tree.ancestors(block)), (1.0, 1.0, 0.5)):
                        score[el] = score.get(el, 0) + n * weight
        total, linked = self._subtree_sums(own_total), self._subtree_sums(own_linked)
        best, best_score = None, float(self.rules.container_min_chars) - 0.5
        for i in sorted(score):
            if tree.tag[i] in _CANDIDATES:
                value = score[i] * (1 - linked[i] / total[i])
                if value > best_score:
                    best, best_score = i, value
        if best is not None:
            return best
        body = next((c for c in tree.children(0) if tree.els[c].tag == "body"), None)
        return body if body is not None else 0

    def _subtree_sums(self, own: list[int]) -> list[int]:
        """Per element, the sum of ``own`` over its subtree."""
        total = own[:]
        parent = self.tree.parent
        for i in range(len(total) - 1, 0, -1):
            if total[i]:
                total[parent[i]] += total[i]
        return total

    def drop_inside(self, container: int) -> None:
        """Tool bars, related lists, link lists and spam blocks inside the article (the
        insides of tables are left alone)."""
        rules = self.rules
        blocks = self._blocks(container)
        for el in blocks:
            if self.dropped_below(el, container):
                continue
            text, links = self.text(el)
            heading = rules.related_heading.fullmatch(text)
            if heading:
                for sib in self._lists_after(el):
                    self.dropped[sib] = 1
            if heading or self._is_chrome(el, text, links):
                self.dropped[el] = 1
        self._drop_spam(container, [el for el in blocks if not self.dropped_below(el, container)])

    def _blocks(self, container: int) -> list[int]:
        """The kept block elements inside the container, not in tables, in document order."""
        tree = self.tree
        blocks = []
        if not self.kept(container):
            return blocks
        i, stop = container + 1, tree.end[container]
        while i < stop:
            if not self.kept(i) or tree.tag[i] in _TABLE_PARTS:
                i = tree.end[i]
                continue
            if tree.is_block[i]:
                blocks.append(i)
            i += 1
        return blocks

    def _is_chrome(self, el: int, text: str, links: str) -> bool:
        rules, tree = self.rules, self.tree
        if len(text) <= rules.chrome_max and rules.chrome.search(text):
            return True
        if rules.related_list.match(text) and len(links) >= 0.5 * len(text):
            return True
        return (tree.tag[el] in rules.link_tags and len(links) >= rules.link_ratio * len(text)
                and not tree.within("table", el) and self._links(el) >= rules.link_min)

    def _links(self, el: int) -> int:
        """Kept <a>s under el that have text."""
        tree = self.tree
        return sum(1 for a in tree.within("a", el)
                   if not self.dropped[a] and tree.content(a).strip())

    def _lists_after(self, heading: int):
        """The link lists right after a 相关链接 heading."""
        tree = self.tree
        parent = tree.parent[heading]
        sib, stop = tree.end[heading], tree.end[parent]
        while sib < stop:
            if self.kept(sib):
                text, links = self.text(sib)
                if tree.tag[sib] in ("ul", "ol", "dl") or (text and len(links) >= 0.5 * len(text)):
                    yield sib
                elif text:
                    break
            sib = tree.end[sib]

    def _drop_spam(self, container: int, blocks: list[int]) -> None:
        """The innermost block carrying spam goes whole; spam loose in a wrapper block (or in
        the container) takes only the inline elements that carry it."""
        spam, tree = self.rules.spam, self.tree
        for el in [container, *blocks]:
            if not spam.search(self.plain(el, loose=True)):
                continue
            if el != container and tree.is_block.find(1, el + 1, tree.end[el]) < 0:
                self.dropped[el] = 1
                continue
            for child in tree.children(el):
                if self.kept(child) and not tree.is_block[child] and spam.search(self.plain(child)):
                    self.dropped[child] = 1

    def title_element(self, container: int) -> int | None:
        """The report title shown just above the container, if the container has no h1:
        the nearest preceding match of the first title selector that has one, looking in
        the container's parent, then grandparent ..."""
        tree = self.tree
        if any(not self.dropped_below(h1, container) for h1 in tree.within("h1", container)):
            return None
        ancestors = set(tree.ancestors(container))
        anc = container
        for _ in range(self.rules.title_levels):
            anc = tree.parent[anc]
            if anc < 0:
                return None
            preceding = [i for i in range(anc, container) if tree.tag[i] and i not in ancestors]
            for matches in self.rules.title_selectors:
                hit = next((i for i in reversed(preceding)
                            if matches(self.attrs[i]) and self._title_ok(i)), None)
                if hit is not None:
                    return hit
        return None

    def _title_ok(self, el: int) -> bool:
        tree = self.tree
        if any(self.dropped[a] and tree.tag[a] != "header" for a in (el, *tree.ancestors(el))):
            return False
        text = self.plain(el)
        return 4 <= len(text) <= 150 and han(text) > 0 and not self.rules.spam.search(text)
