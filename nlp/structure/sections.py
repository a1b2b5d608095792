"""Headings → a section tree with kinds; paragraphs → passages.

Works on the canonical text line by line; table spans are skipped.  A heading whose
line goes on after its title (``（一）全面部署工作；局领导班子……``) opens a section
and its whole line is also the first passage of that section.
"""
from __future__ import annotations

import bisect
import re
from functools import lru_cache

from nlp.model import Passage, Section
from nlp.normalize import halfwidth, to_simplified
from nlp.structure.layouts import merge_spans
from nlp.resources import load_yaml

_BLANKS = " \t\u3000\u00a0"
# what a heading starts with after the blanks, but for Markdown '#' marks
_NUMERALS = "一二三四五六七八九十（(0123456789０１２３４５６７８９"
_HASHES = r"([ \t\u3000]*#{1,6}[ \t]*)"  # Markdown '#' marks: group 1
# the '#' marks and the blanks before a heading's number
_HEAD_PREFIX = re.compile(rf"{_HASHES}?[{_BLANKS}]*")
# the same, matching only where a heading can start ('#' or a numeral after the blanks):
# other lines skip the heading patterns, most of them on their first character
_HEAD = re.compile(rf"(?:{_HASHES}|(?=[{_BLANKS}]*[#{_NUMERALS}]))[{_BLANKS}]*")
_HEAD_FIRST = frozenset(_BLANKS + "#" + _NUMERALS)
# what halfwidth changes: a slice without any is read as it is (~20 ns a character saved)
_WIDE = re.compile("[\uff01-\uff5e\u3000]")
_NOISE = re.compile(
    r"^\s*(?:[—\-－–_ ]*第?\s*\d{1,3}\s*页?[—\-－–_ ]*(?:共\s*\d+\s*页)?|正文|扫一扫在手机打开当前页|相关阅读[:：]?|打印本页|关闭窗口)\s*$"
)
# the first character (after blanks) of every _NOISE line but a page number's digit
_NOISE_FIRST = frozenset("—-－–_第正扫相打关")
# sub-sections of these take their own kind from their title; others inherit the parent's
_OPEN_KINDS = {"overview", "preamble", "other"}
_SENTENCE_END = set("。！？!?；;：:」』”）)")


@lru_cache(maxsize=1)
def _cfg():
    d = load_yaml("sections.yaml")
    # one pattern, one alternative per level in the file's order: the first that matches
    # gives the level (m.lastgroup), as trying the levels one by one would
    levels = re.compile("|".join(f"(?P<l{x['level']}>{x['pattern']})" for x in d["heading_levels"]))
    level_of = {g: int(g[1:]) for g in levels.groupindex}  # group name → level
    kinds = [(k["kind"], k["keywords"]) for k in d["kinds"]]
    return levels, level_of, re.compile(d["title_end"]), int(d["max_title_chars"]), kinds


@lru_cache(maxsize=1)
def _strong_kinds() -> frozenset[str]:
    return frozenset(load_yaml("sections.yaml").get("strong_kinds", []))


@lru_cache(maxsize=8192)
def section_kind(title: str) -> str | None:
    t = re.sub(r"\s+", "", to_simplified(halfwidth(title)))
    for kind, keywords in _cfg()[4]:
        if any(k in t for k in keywords):
            return kind
    return None


def heading_at(line: str) -> tuple[int, int, int] | None:
    """(level, title_start, title_end) within ``line`` if it opens a section."""
    return _heading(line, _HEAD_PREFIX.match(line))


@lru_cache(maxsize=8192)
def _candidate(line: str) -> tuple | None:
    """For a line that may open a section: (level, title_start, title_end, Markdown '#'
    count, whether text follows the title, title, its kind), or None (cached: template
    headings recur)."""
    p = _HEAD.match(line)
    h = p and _heading(line, p)
    if not h:
        return None
    level, t0, t1 = h
    tail = t1 < len(line) and bool(line[t1:].strip(" \t\u3000。；;：:"))
    title = line[t0:t1].strip()
    return level, t0, t1, line.count("#", 0, t0) if p.lastindex else 0, tail, title, section_kind(title)


def _heading(line: str, p: re.Match) -> tuple[int, int, int] | None:
    """heading_at, given the match of the blanks and '#' marks at the line start."""
    levels, level_of, title_end, max_chars, _ = _cfg()
    off = p.end()
    body = line[off : off + max_chars + 60]  # headings and titles sit at the line start
    size = len(body.rstrip())  # halfwidth would keep what is blank blank
    if _WIDE.search(body):
        body = halfwidth(body)
    m = levels.match(body)
    if m:
        level = level_of[m.lastgroup]
        start = m.end()
        if size <= start:
            return None  # a bare number is not a heading
        e = title_end.search(body, start)
        if e and e.start() - start <= max_chars:
            end = e.start()
        elif len(line) - off <= max_chars + 8 or (level <= 2 and p.lastindex):
            end = size
        else:
            return None
        if end <= start:
            return None
        return level, off, off + end
    if p.lastindex and size:  # a Markdown heading without numbering
        return 6, off, off + size
    return None


def _runs(text: str, spans: list[tuple[int, int]]):
    """(start, lines) for each run of lines outside the table spans (sorted, not
    overlapping), and (-1, None) where a table's lines are jumped over, not read."""
    pos = 0
    n = len(text)
    k = 0
    while pos <= n:
        while k < len(spans) and spans[k][1] <= pos:
            k += 1
        if k < len(spans) and spans[k][0] <= pos:
            nxt = text.find("\n", spans[k][1])
            if nxt < 0:
                return
            pos = nxt + 1
            yield -1, None  # a table ends the paragraph before it
            continue
        # the run ends at the first line starting at or after the next span's start
        stop = text.find("\n", spans[k][0] - 1) + 1 if k < len(spans) else 0
        if stop <= 0:
            stop = n + 1
        yield pos, text[pos : stop - 1].split("\n")
        pos = stop


def build_sections(text: str, skip: list[tuple[int, int]]) -> tuple[list[Section], list[Passage]]:
    heads: list[tuple] = []  # (line_start, level, markdown_hashes, title, kind)
    # (start, end, number of headings before): a paragraph lies in the section of the
    # last heading before it (s0, the preamble, before the first), which runs past it
    paras: list[tuple[int, int, int]] = []
    pa = pb = -1  # the paragraph being read (pa < 0: none)

    def close():  # the paragraph being read ends (called only when there is one)
        nonlocal pa
        paras.append((pa, pb, len(heads)))
        pa = -1

    prev = ""  # the previous line of text, stripped ("" after a break)
    cr = "\r" in text
    noise = _NOISE.match
    for pos, lines in _runs(text, merge_spans(skip)):
        if lines is None:
            if pa >= 0:
                close()
            prev = ""
            continue
        for line in lines:
            a = pos
            pos += len(line) + 1
            if cr and line.endswith("\r"):
                line = line[:-1]
            s = line.strip()
            if not s:
                if pa >= 0:
                    close()
                prev = ""
                continue
            if len(s) < 30 and (s[0] in _NOISE_FIRST or s[0].isdecimal()) and noise(line):
                continue
            h = _candidate(line) if line[0] in _HEAD_FIRST else None
            if h:
                if pa >= 0:
                    close()
                level, t0, t1, hashes, tail, title, own = h
                if level == 1 and hashes:
                    # OCR Markdown numbers table rows 一、二、 under a deeper '#': not a new part
                    top = [x for x in heads if x[1] == 1]
                    if top and top[-1][2] and hashes > top[-1][2]:
                        level = 6
                heads.append((a, level, hashes, title, own))
                if tail:
                    pa, pb = a, a + len(line)
                    prev = s
                else:
                    prev = ""
                continue
            lead = len(line) - len(line.lstrip(_BLANKS)) if line[0] in _BLANKS else 0
            if pa >= 0 and (prev[-1:] in _SENTENCE_END or len(prev) < 20 or lead >= 2):
                close()
            if pa < 0:
                pa = a + lead
            pb = a + len(line)
            prev = s
    if pa >= 0:
        close()

    sections: list[Section] = []
    stack: list[Section] = []
    if heads and text[: heads[0][0]].strip() or not heads:
        first = heads[0][0] if heads else len(text)
        sections.append(Section("s0", "", 0, "preamble", 0, first))
    strong = _strong_kinds()
    n = len(text)
    for i, (a, level, _, title, own) in enumerate(heads):
        # a section ends where the next heading of the same or a higher level starts
        while stack and stack[-1].level >= level:
            stack.pop().end = a
        parent = stack[-1] if stack else None
        if parent is None:
            kind = own or ("preamble" if level == 6 and not any(x[1] < 6 for x in heads[:i]) else "other")
        elif parent.kind in _OPEN_KINDS or own in strong:
            kind = own or parent.kind
        else:
            kind = parent.kind
        sec = Section(f"s{i + 1}", title, level, kind, a, n, parent.id if parent else None)
        sections.append(sec)
        stack.append(sec)
    passages = [Passage(f"p{i}", f"s{h}", a, b) for i, (a, b, h) in enumerate(paras, 1)]
    return sections, passages


def section_at(sections: list[Section], pos: int, starts: list[int] | None = None) -> str | None:
    """Id of the deepest section holding ``pos``: the last one starting at or before it
    that still runs past it (sections are in text order and nest)."""
    starts = starts if starts is not None else [s.start for s in sections]
    for k in range(bisect.bisect_right(starts, pos) - 1, -1, -1):
        if sections[k].start <= pos < sections[k].end:
            return sections[k].id
    return None
