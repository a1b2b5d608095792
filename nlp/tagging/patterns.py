"""Faster forms of regular expressions that are only searched for (match or not).

Python's ``re`` finds a pattern that starts with a literal quickly (it looks for the
literal first), but tries a pattern that starts with an optional group at every position
of the text.  For a search that only asks *whether* there is a match, a leading optional
group ``(?:…)?`` can be dropped: where the pattern matches with the group, the rest
matches just after it (lookarounds see the same text), and where the rest matches, the
pattern matches with the group empty."""
from __future__ import annotations

import re


def _group_end(s: str) -> int:
    """Index of the parenthesis closing the group that ``s[0]`` opens (-1: none)."""
    depth, i, in_class = 0, 0, False
    while i < len(s):
        c = s[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
            i += 1 if s[i + 1:i + 2] == "^" else 0
            i += 1 if s[i + 1:i + 2] == "]" else 0  # a leading ] is a member, not the end
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return -1


def _strip_optional_group(s: str) -> str | None:
    """``s`` without its leading non-capturing optional group; None when it has none."""
    if not s.startswith("(?:"):
        return None
    end = _group_end(s)
    if end < 0 or s[end + 1:end + 2] != "?" or s[end + 2:end + 3] in ("?", "+"):
        return None  # not optional, or lazy / possessive (possessive can change the answer)
    group = s[:end + 1]
    if re.compile(group).groups:  # a capturing group inside: keep the numbering
        return None
    return s[end + 2:]


def search_form(p: re.Pattern) -> re.Pattern:
    """A pattern that matches somewhere in a text exactly when ``p`` does."""
    s = p.pattern
    while isinstance(s, str) and (rest := _strip_optional_group(s)) is not None:
        s = rest
    return p if s == p.pattern else re.compile(s, p.flags)
