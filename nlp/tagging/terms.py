"""Which terms of a fixed list occur in a text, found by a regular expression (matched in
C) instead of one substring test per term.

The expression is the terms' trie, so at a position it matches the longest term starting
there.  Searching again from the next position after every match visits every position
where a term starts; every term starting at a position is a prefix of the longest one
there, and a term found shows that each term it contains occurs.  So ``present(text)``
is exactly ``{t for t in terms if t in text}``, overlapping and nested terms included."""
from __future__ import annotations

import re


def trie_pattern(words) -> str:
    """A pattern matching exactly ``words`` (non-empty), the longest one at a position."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}  # a word ends here

    def alternatives(node: dict) -> str:
        alts = [re.escape(ch) + alternatives(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 and "" not in node else "(?:" + "|".join(alts) + ")"
        return body + "?" if "" in node else body  # greedy: the longer word first

    return alternatives(trie)


class Terms:
    def __init__(self, terms):
        self.terms = tuple(dict.fromkeys(terms))  # distinct, in first-seen order
        words = [t for t in self.terms if t]
        self._search = re.compile(trie_pattern(words)).search if words else None
        self._within = {u: frozenset(t for t in words if t in u) for u in words}  # u → terms it contains
        self._always = frozenset({""} & set(self.terms))  # "" is in every text

    def present(self, text: str) -> frozenset[str]:
        if self._search is None:
            return self._always
        within, found = self._within, []
        m = self._search(text)
        while m:
            found.append(within[m.group()])
            m = self._search(text, m.start() + 1)
        return self._always.union(*found)
