"""A problems/improvements passage → paragraphs → segments (enumerated items or free text)
→ pieces.  Every span is in canonical offsets; matching runs on the half-width copy of
the text (same length), so ``（一）`` and ``(一)``, ``：`` and ``:`` are one pattern.

The rules (markers, where they may open an item, piece ends) are in
``nlp/resources/themes/splitting.yaml``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from nlp.normalize import halfwidth
from nlp.resources import load_yaml

_NOISE = re.compile(
    r"^[ \t\u3000\u00a0]*(?:[—\-－–_ ]*(?:第\s*)?\d{1,3}\s*(?:页)?[—\-－–_ ]*(?:共\s*\d+\s*页)?"
    r"|相关阅读[:：]?|相关链接[:：]?|扫一扫在手机打开当前页|打印本页|关闭窗口|【打印】|【关闭】"
    # the signature under the last section: the body's name and the date, alone on their lines
    r"|[\u4e00-\u9fff]{2,30}(?:局|委员会|委|办公室|办公厅|政府|管委会|厅|中心|院|所)"
    r"|[(（]?\s*[0-9]{4}\s*年\s*[0-9]{1,2}\s*月\s*[0-9]{1,2}\s*日\s*[)）]?)[ \t\u3000\u00a0]*$"
)
_SPACE = " \t\u3000\u00a0\r"


@dataclass(frozen=True)
class Marker:
    name: str
    pattern: re.Pattern
    first: re.Pattern
    anywhere: bool


@dataclass
class Rules:
    markers: list[Marker]
    marker_after: str
    strong_after: str
    piece_end: str
    sentence_end: str


@lru_cache(maxsize=1)
def rules() -> Rules:
    d = load_yaml("themes/splitting.yaml")
    markers = [Marker(m["name"], re.compile(m["pattern"]), re.compile(m["first"]), bool(m["anywhere"])) for m in d["markers"]]
    return Rules(markers, d["marker_after"], d["strong_after"], d["piece_end"], d["sentence_end"])


@dataclass
class Piece:
    """Text up to and including one of the piece-ending characters (or the paragraph end)."""

    start: int
    end: int
    text: str  # half-width copy of text[start:end]

    @property
    def bare(self) -> str:
        return self.text.strip(_SPACE + "\n")


@dataclass
class Segment:
    """An enumerated item (``marker`` set) or a run of free text, within one paragraph."""

    para: int
    start: int
    marker: str | None = None
    first: bool = False  # the marker of item one (一是, （一）, 1、 …)
    pieces: list[Piece] = field(default_factory=list)
    heading_only: bool = False  # a heading line with no sentence after it


def _lines(text: str, a: int, b: int):
    pos = a
    for raw in text[a:b].split("\n"):
        yield pos, pos + len(raw.rstrip("\r"))
        pos += len(raw) + 1


def _wrap_width(text: str, lines: list[tuple[int, int]], piece_end: str, heading_lines: set[int]) -> int | None:
    """Hard-wrapped text (PDF extraction) ends many long lines mid-sentence: then a line
    that ends with a full stop only closes a paragraph when it is shorter than the wrap
    width.  Headings and lines that open with a marker say nothing about wrapping."""
    body = [text[s:e].strip(_SPACE) for s, e in lines if s not in heading_lines]
    body = [x for x in body if x and not _NOISE.match(x) and not _starts_with_marker(x)]
    if len(body) < 4:
        return None
    width = sorted(len(x) for x in body)[int(0.9 * (len(body) - 1))]
    wrapped = [x for x in body if x[-1] not in piece_end and x[-1] not in "”\"）)" and len(x) >= 0.8 * width]
    if len(wrapped) < 2 or len(wrapped) / len(body) < 0.3:
        return None
    return width


def _starts_with_marker(line: str) -> bool:
    s = halfwidth(line).lstrip(_SPACE + "#")
    return any(m.pattern.match(s) for m in rules().markers)


def paragraphs(text: str, a: int, b: int, heading_lines: set[int]) -> list[tuple[int, int, bool]]:
    """Paragraphs of text[a:b] as (start, end, is_heading_line): blank lines, page numbers,
    heading lines and lines that end a sentence close a paragraph; hard-wrapped lines are
    joined.  ``heading_lines`` holds the start offsets of lines that are only a heading."""
    r = rules()
    lines = list(_lines(text, a, b))
    width = _wrap_width(text, lines, r.piece_end, heading_lines)
    out: list[tuple[int, int, bool]] = []
    cur: list[tuple[int, int]] = []

    def close(heading: bool = False):
        if cur:
            s0, e0 = cur[0][0], cur[-1][1]
            out.append((s0, s0 + len(text[s0:e0].rstrip(_SPACE)), heading))
            cur.clear()

    for s, e in lines:
        line = text[s:e]
        st = line.strip(_SPACE)
        if not st or _NOISE.match(line):
            close()
            continue
        if cur and _starts_with_marker(line):
            close()
        lead = len(line) - len(line.lstrip(_SPACE))
        cur.append((s + lead, e))
        last = halfwidth(st)[-1]
        if s in heading_lines:
            close(heading=len(cur) == 1)
        elif last in r.piece_end and (width is None or len(st) < width - 1):
            close()
    close()
    return out


def _marker_spans(h: str, ps: int, pe: int) -> list[tuple[int, int, Marker]]:
    """Enumeration markers in the half-width paragraph h[ps:pe]."""
    r = rules()
    begin = ps
    while begin < pe and h[begin] in _SPACE + "#":
        begin += 1
    found: list[tuple[int, int, Marker]] = []
    for m in r.markers:
        for x in m.pattern.finditer(h, begin, pe):
            i = x.start()
            if i != begin:
                j = i - 1
                while j >= begin and h[j] in " \t\u3000\u00a0":
                    j -= 1
                prev = h[j] if j >= begin else "\n"
                if m.anywhere and prev not in r.marker_after:
                    continue
                if not m.anywhere and prev not in r.strong_after:
                    continue
            found.append((i, x.end(), m))
    found.sort(key=lambda t: (t[0], -(t[1] - t[0])))
    kept: list[tuple[int, int, Marker]] = []
    for f in found:
        if not kept or f[0] >= kept[-1][1]:
            kept.append(f)
    return kept


def _pieces(text: str, h: str, a: int, b: int) -> list[Piece]:
    end_chars = rules().piece_end
    out: list[Piece] = []
    s = a
    for i in range(a, b):
        if h[i] in end_chars:
            # a closing quote or bracket right after the stop belongs to the piece
            j = i + 1
            while j < b and h[j] in "”’\"')】」』":
                j += 1
            if text[s:j].strip(_SPACE + "\n"):
                out.append(Piece(s, j, h[s:j]))
            s = j
    if s < b and text[s:b].strip(_SPACE + "\n"):
        out.append(Piece(s, b, h[s:b]))
    return [p for p in out if p.start < p.end]


def segments(text: str, a: int, b: int, heading_lines: set[int]) -> list[Segment]:
    """Items and free runs of text[a:b], in text order."""
    h = halfwidth(text)
    out: list[Segment] = []
    for n, (ps, pe, heading) in enumerate(paragraphs(text, a, b, heading_lines)):
        marks = _marker_spans(h, ps, pe)
        cuts = [(ms, me, m) for ms, me, m in marks]
        pos = ps
        if not cuts or cuts[0][0] > ps:
            free_end = cuts[0][0] if cuts else pe
            pieces = _pieces(text, h, pos, free_end)
            if pieces:
                out.append(Segment(n, pieces[0].start, pieces=pieces))
        for k, (ms, me, m) in enumerate(cuts):
            end = cuts[k + 1][0] if k + 1 < len(cuts) else pe
            seg = Segment(n, ms, marker=h[ms:me], first=bool(m.first.match(h[ms:me])))
            seg.pieces = _pieces(text, h, me, end)
            seg.heading_only = heading and len(cuts) == 1
            out.append(seg)
    return out
