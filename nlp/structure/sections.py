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

_MD_HASH = re.compile(r"^[ \t\u3000]*#{1,6}[ \t]*")
_NOISE = re.compile(
    r"^\s*(?:[—\-－–_ ]*第?\s*\d{1,3}\s*页?[—\-－–_ ]*(?:共\s*\d+\s*页)?|正文|扫一扫在手机打开当前页|相关阅读[:：]?|打印本页|关闭窗口)\s*$"
)
# sub-sections of these take their own kind from their title; others inherit the parent's
_OPEN_KINDS = {"overview", "preamble", "other"}
# the first characters a heading can start with: other lines skip heading_at
_HEAD_START = re.compile(r"[ \t\u3000\u00a0]*(?:#|[一二三四五六七八九十（(0-9０-９])")
_SENTENCE_END = set("。！？!?；;：:」』”）)")


@lru_cache(maxsize=1)
def _cfg():
    d = load_yaml("sections.yaml")
    # one pattern, one alternative per level in the file's order: the first that matches
    # gives the level (m.lastgroup), as trying the levels one by one would
    levels = re.compile("|".join(f"(?P<l{x['level']}>{x['pattern']})" for x in d["heading_levels"]))
    kinds = [(k["kind"], k["keywords"]) for k in d["kinds"]]
    return levels, re.compile(d["title_end"]), int(d["max_title_chars"]), kinds


@lru_cache(maxsize=1)
def _strong_kinds() -> frozenset[str]:
    return frozenset(load_yaml("sections.yaml").get("strong_kinds", []))


@lru_cache(maxsize=8192)
def section_kind(title: str) -> str | None:
    t = re.sub(r"\s+", "", to_simplified(halfwidth(title)))
    for kind, keywords in _cfg()[3]:
        if any(k in t for k in keywords):
            return kind
    return None


def heading_at(line: str) -> tuple[int, int, int] | None:
    """(level, title_start, title_end) within ``line`` if it opens a section."""
    levels, title_end, max_chars, _ = _cfg()
    m0 = _MD_HASH.match(line)
    off = m0.end() if m0 else 0
    while off < len(line) and line[off] in " \t\u3000\u00a0":
        off += 1
    body = halfwidth(line[off : off + max_chars + 60])  # headings and titles sit at the line start
    m = levels.match(body)
    if m:
        level = int(m.lastgroup[1:])
        rest = body[m.end():]
        if not rest.strip():
            return None  # a bare number is not a heading
        e = title_end.search(body, m.end())
        if e and e.start() - m.end() <= max_chars:
            end = e.start()
        elif len(line) - off <= max_chars + 8:
            end = len(body.rstrip())
        elif level <= 2 and m0:
            end = len(body.rstrip())
        else:
            return None
        if end <= m.end():
            return None
        return level, off, off + end
    if m0 and body.strip():  # a Markdown heading without numbering
        return 6, off, off + len(body.rstrip())
    return None


def _lines(text: str, spans: list[tuple[int, int]]):
    """(start, line) of every line outside the table spans (sorted, not overlapping):
    a table's lines are jumped over, not read."""
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
            yield -1, ""  # a table ends the paragraph before it
            continue
        end = text.find("\n", pos)
        if end < 0:
            end = n
        line = text[pos:end]
        if line.endswith("\r"):
            line = line[:-1]
        yield pos, line
        pos = end + 1


def build_sections(text: str, skip: list[tuple[int, int]]) -> tuple[list[Section], list[Passage]]:
    spans = merge_spans(skip)

    heads: list[tuple] = []  # (line_start, level, t0, t1, inline, markdown_hashes)
    paras: list[list[tuple[int, int]]] = []
    current: list[tuple[int, int]] = []

    def close():
        if current:
            paras.append(list(current))
            current.clear()

    prev = ""  # the previous line of text, stripped ("" after a break)
    for pos, line in _lines(text, spans):
        a, b = pos, pos + len(line)
        s = line.strip()
        noise = len(s) < 30 and _NOISE.match(line) is not None
        if not s or noise:
            if not noise:
                close()
            prev = "" if not s else prev
            continue
        h = heading_at(line) if _HEAD_START.match(line) else None
        if h:
            close()
            level, t0, t1 = h
            hashes = line[:t0].count("#")
            if level == 1 and hashes:
                # OCR Markdown numbers table rows 一、二、 under a deeper '#': not a new part
                top = [x for x in heads if x[1] == 1]
                if top and top[-1][5] and hashes > top[-1][5]:
                    level = 6
            tail = line[t1:].strip(" \t\u3000。；;：:")
            heads.append((a, level, a + t0, a + t1, bool(tail), line[:t0].count("#")))
            if tail:
                current.append((a, b))
                prev = s
            else:
                prev = ""
            continue
        lead = len(line) - len(line.lstrip(" \t\u3000\u00a0"))
        if current and (prev[-1:] in _SENTENCE_END or len(prev) < 20 or lead >= 2):
            close()
        current.append((a + lead, b))
        prev = s
    close()

    sections: list[Section] = []
    stack: list[Section] = []
    if heads and text[: heads[0][0]].strip() or not heads:
        first = heads[0][0] if heads else len(text)
        sections.append(Section("s0", "", 0, "preamble", 0, first))
    ends = _section_ends(heads, len(text))
    for i, (a, level, t0, t1, *_rest) in enumerate(heads):
        end = ends[i]
        while stack and stack[-1].level >= level:
            stack.pop()
        parent = stack[-1] if stack else None
        title = text[t0:t1].strip()
        own = section_kind(title)
        if parent is None:
            kind = own or ("preamble" if level == 6 and not any(x[1] < 6 for x in heads[:i]) else "other")
        elif parent.kind in _OPEN_KINDS or own in _strong_kinds():
            kind = own or parent.kind
        else:
            kind = parent.kind
        sec = Section(f"s{i + 1}", title, level, kind, a, end, parent.id if parent else None)
        sections.append(sec)
        stack.append(sec)
    passages = []
    starts = [sec.start for sec in sections]
    for para in paras:
        a, b = para[0][0], para[-1][1]
        passages.append(Passage(f"p{len(passages) + 1}", section_at(sections, a, starts), a, b))
    return sections, passages


def _section_ends(heads: list[tuple], n: int) -> list[int]:
    """Each section ends where the next heading of the same or a higher level starts."""
    ends = [n] * len(heads)
    open_: list[int] = []  # indexes of sections still open, levels increasing
    for i, (a, level, *_rest) in enumerate(heads):
        while open_ and heads[open_[-1]][1] >= level:
            ends[open_.pop()] = a
        open_.append(i)
    return ends


def section_at(sections: list[Section], pos: int, starts: list[int] | None = None) -> str | None:
    """Id of the deepest section holding ``pos``: the last one starting at or before it
    that still runs past it (sections are in text order and nest)."""
    starts = starts if starts is not None else [s.start for s in sections]
    for k in range(bisect.bisect_right(starts, pos) - 1, -1, -1):
        if sections[k].start <= pos < sections[k].end:
            return sections[k].id
    return None
