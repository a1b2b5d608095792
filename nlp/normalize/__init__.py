"""Repairs for matching that never move offsets in the canonical text.

``normalize(text)`` returns a :class:`NormText`: a repaired copy plus, for every
character of the copy, the canonical offset it came from.  Stages match on the copy and
report spans with :meth:`NormText.span` in canonical offsets.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from nlp.resources import load_yaml


@dataclass
class NormText:
    text: str
    origin: list[int]  # origin[i] = canonical offset of text[i]; len(text) + 1 entries
    applied: tuple[str, ...] = ()

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Canonical (start, end) of the repaired span text[start:end]."""
        if end <= start:
            pos = self.origin[start]
            return pos, pos
        return self.origin[start], self.origin[end - 1] + 1


_FULLWIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_FULLWIDTH[0x3000] = 0x20


# the same mapping as a list indexed by code point (the Basic Multilingual Plane; the
# IndexError beyond it leaves a character alone): str.translate reads it twice as fast
_HALFWIDTH_TABLE = list(range(0x10000))
for _cp, _to in _FULLWIDTH.items():
    _HALFWIDTH_TABLE[_cp] = _to


def halfwidth(text: str) -> str:
    """Full-width ASCII and ideographic space to half-width; same length."""
    if len(text) < 256:
        return text.translate(_HALFWIDTH_TABLE)
    # a whole report: the same mapping over the code points as one NumPy array (8× faster)
    points = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32).copy()
    points[(points >= 0xFF01) & (points <= 0xFF5E)] -= 0xFEE0
    points[points == 0x3000] = 0x20
    return points.tobytes().decode("utf-32-le", "surrogatepass")


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional → Simplified with OpenCC, keeping the length (character by character
    where a phrase conversion would change it)."""
    conv = _t2s().convert(text)
    if len(conv) == len(text):
        return conv
    out = []
    for ch in text:
        c = _t2s().convert(ch)
        out.append(c if len(c) == 1 else ch)
    return "".join(out)


def _sub_with_map(text: str, origin: list[int], pattern: re.Pattern, repl: str):
    """re.sub that also carries the origin map through each replacement."""
    out: list[str] = []
    new_origin: list[int] = []
    pos = 0
    changed = False
    for m in pattern.finditer(text):
        a, b = m.span()
        out.append(text[pos:a])
        new_origin.extend(origin[pos:a])
        old = text[a:b]
        new = m.expand(repl)
        if old != new:
            changed = True
        new_origin.extend(_map_replacement(old, new, origin[a : b + 1]))
        out.append(new)
        pos = b
    if not changed:
        return text, origin, False
    out.append(text[pos:])
    new_origin.extend(origin[pos:])
    return "".join(out), new_origin, True


def _map_replacement(old: str, new: str, old_origin: list[int]) -> list[int]:
    """Origins for the characters of ``new``: a kept character keeps its origin, an
    inserted one takes the origin of the next kept character (or of the match end)."""
    if not old:
        return [old_origin[0]] * len(new)
    res: list[int | None] = [None] * len(new)
    sm = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for block in sm.get_matching_blocks():
        for k in range(block.size):
            res[block.b + k] = old_origin[block.a + k]
    if not any(r is not None for r in res):
        # wholly rewritten (e.g. an artefact string → 数据): spread over the old span
        m, n = len(old), len(new)
        if n == 1:
            return [old_origin[0]]
        return [old_origin[round(i * (m - 1) / (n - 1))] for i in range(n)]
    nxt = old_origin[len(old)] if len(old_origin) > len(old) else old_origin[-1]
    for i in range(len(new) - 1, -1, -1):
        if res[i] is None:
            res[i] = nxt
        else:
            nxt = res[i]
    return res  # type: ignore[return-value]


FAMILIES = ("artefacts", "ocr", "spacing", "wraps", "dates")


@lru_cache(maxsize=8)
def _rules(families: tuple[str, ...] = FAMILIES) -> list[tuple[str, re.Pattern, str]]:
    data = load_yaml("normalize.yaml")
    rules = []
    for family in families:
        for r in data.get(family, []):
            rules.append((r["id"], re.compile(r["pattern"]), r["replacement"]))
    return rules


@lru_cache(maxsize=8)
def _any_rule(families: tuple[str, ...] = FAMILIES) -> re.Pattern | None:
    """One pattern found wherever any rule's is: a text it misses no rule changes.  None
    when a rule refers back to its own groups (they are renumbered in the union)."""
    patterns = [p.pattern for _, p, _ in _rules(families)]
    if any(re.search(r"\\[1-9]|\(\?P=", p) for p in patterns):
        return None
    try:
        return re.compile("|".join(f"(?:{p})" for p in patterns))
    except re.error:
        return None


@lru_cache(maxsize=4096)
def repaired(text: str) -> str:
    """The repaired text alone, without the offset map (what ``normalize(text).text`` is),
    for short strings such as a body name (cached: the same names recur across reports)."""
    t = to_simplified(halfwidth(text))
    any_rule = _any_rule(FAMILIES)
    if any_rule is not None and not any_rule.search(t):
        return t  # one search instead of a substitution per rule
    for _, pattern, repl in _rules(FAMILIES):
        t = pattern.sub(repl, t)
    return t


def normalize(text: str, keep_lines: bool = False) -> NormText:
    """Repair a copy of ``text`` for matching (see ``nlp/resources/normalize.yaml``).
    ``keep_lines`` leaves hard line wraps alone (for line-based readers)."""
    t = to_simplified(halfwidth(text))
    origin = list(range(len(text) + 1))
    applied = []
    families = tuple(f for f in FAMILIES if not (keep_lines and f == "wraps"))
    for rule_id, pattern, repl in _rules(families):
        t, origin, changed = _sub_with_map(t, origin, pattern, repl)
        if changed:
            applied.append(rule_id)
    return NormText(t, origin, tuple(applied))
