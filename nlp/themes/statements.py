"""Problem and improvement passages → single statements.

A report's passages of kind ``problems_improvements`` (存在的主要问题及改进情况) are split into
statements: each enumerated item (一是/二是, （一）, 1、, ①, 首先 …) is one statement; free
text is split into sentences (。！？ and ；), and a problem sentence whose comma clauses each
end with a shortcoming (有待提高, 不够及时, 滞后 …) into those clauses.  Labels (存在的主要
问题：, 改进情况：), lead-ins (……主要表现在：) and sentences announcing improvements
(下阶段，我们着力从以下几个方面加以改进：) are not statements: they only say whether what
follows is a problem or an improvement.  Rules: ``nlp/resources/themes/splitting.yaml``.

Offsets are canonical; a statement starts at its marker (一是……) and ends before its
closing punctuation.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from nlp.model import Report, Section
from nlp.normalize import halfwidth, to_simplified
from nlp.resources import load_yaml
from nlp.themes.departments import department_type, province
from nlp.themes.segment import Piece, Segment, rules, segments

PROBLEM = "problem"
IMPROVEMENT = "improvement"
KINDS = (PROBLEM, IMPROVEMENT)
REGION_KIND = "problems_improvements"

_TRAIL = " \t\u3000\u00a0\r\n。;；,，:：!！?？、.．"
_LEAD = " \t\u3000\u00a0\r\n#"
_WS = re.compile(r"\s+")


@dataclass
class Statement:
    doc_id: str
    source: str
    start: int
    end: int
    kind: str
    text: str  # canonical text[start:end]
    clean: str  # repaired copy for matching: marker, spaces and line breaks removed
    headline: str  # first sentence of clean (an item's title)
    marker: str | None
    section_id: str | None
    year: int | None
    body: str | None
    region: str | None
    province: str | None
    department: str
    theme: str = ""
    score: float = 0.0
    hits: dict = field(default_factory=dict)  # theme → (weight, keywords, first position)

    @property
    def key(self) -> tuple[str, int, int]:
        return (self.source, self.start, self.end)

    def record(self) -> dict:
        """The `gongkai themes` record of ../shared/CONTRACT.md (plus region and department)."""
        return {
            "doc_id": self.doc_id, "source": self.source, "start": self.start, "end": self.end, "kind": self.kind,
            "theme": self.theme, "score": self.score, "year": self.year, "body": self.body,
            "region": self.region, "department": self.department,
        }


@dataclass
class _Cfg:
    cues: list[tuple[str, re.Pattern]]
    label: re.Pattern
    label_max: int
    opener: re.Pattern
    lead_in_end: re.Pattern
    shortcoming: list[re.Pattern]
    min_chars: int
    empty: set[str]
    mixed_title: re.Pattern
    framing: re.Pattern


@lru_cache(maxsize=1)
def _cfg() -> _Cfg:
    d = load_yaml("themes/splitting.yaml")
    return _Cfg(
        cues=[(c["mode"], re.compile(c["pattern"])) for c in d["cues"]],
        label=re.compile("^" + d["label_words"] + "+$"),
        label_max=int(d["label_max_chars"]),
        opener=re.compile(d["improvement_openers"]),
        lead_in_end=re.compile(d["lead_in_end"]),
        shortcoming=[re.compile(p) for p in d["shortcoming_clause_end"]],
        min_chars=int(d["min_chars"]),
        empty=set(d["empty_statements"]),
        mixed_title=re.compile(d["mixed_title"]),
        framing=re.compile(d["framing"]),
    )


def _squash(s: str) -> str:
    return _WS.sub("", s)


def cue_mode(text: str) -> str | None:
    """problem / improvement when the text names what follows, else None."""
    t = _squash(text)
    for mode, pat in _cfg().cues:
        if pat.search(t):
            return mode
    return None


def is_label(text: str) -> bool:
    """存在的主要问题： / 改进情况： / 2024年工作中存在问题的改进情况 — names, not statements."""
    t = _squash(text).strip(_TRAIL)
    return 0 < len(t) <= _cfg().label_max and bool(_cfg().label.match(t)) and cue_mode(t) is not None


def is_announcement(text: str) -> bool:
    """A sentence that says what comes next (下阶段，我们着力从以下几个方面加以改进：)."""
    t = _squash(text)
    if cue_mode(t) is None:
        return False
    return t.endswith((":", "：")) or bool(re.search(r"以下|如下|[一二三四五六七八九十两几多]个方面", t))


def is_framing(text: str) -> bool:
    """……取得了一定成效，但也存在一些不足。 — admits shortcomings without naming one."""
    t = _squash(text)
    return not opens_improvements(t) and bool(_cfg().framing.search(t))


def opens_improvements(text: str) -> bool:
    return bool(_cfg().opener.match(_squash(text).lstrip(_LEAD)))


def _shortcoming_clauses(text: str, start: int) -> list[tuple[int, int]] | None:
    """Comma clauses of a problem sentence when every clause ends with a shortcoming."""
    parts: list[tuple[int, int]] = []
    s = start
    for m in re.finditer(r"[,，]", text):
        parts.append((s, start + m.start()))
        s = start + m.end()
    parts.append((s, start + len(text)))
    if len(parts) < 2:
        return None
    for a, b in parts:
        clause = _squash(text[a - start : b - start]).strip(_TRAIL)
        if len(clause) < 4 or not any(p.search(clause) for p in _cfg().shortcoming):
            return None
    return parts


# ---------------------------------------------------------------- regions of a report


def regions(report: Report) -> list[Section]:
    """Outermost sections of kind problems_improvements (a 2021-template report read from
    PDF may have two: 上年问题的改进情况 and 本年存在的主要问题)."""
    by_id = {s.id: s for s in report.sections}
    out = []
    for s in report.sections:
        if s.kind != REGION_KIND:
            continue
        parent = by_id.get(s.parent) if s.parent else None
        if parent is None or parent.kind != REGION_KIND:
            out.append(s)
    return out


def _heading_lines(report: Report, sec: Section) -> set[int]:
    """Starts of lines in the region that hold only a heading."""
    out = set()
    for s in report.sections:
        if sec.start <= s.start < sec.end:
            eol = report.text.find("\n", s.start)
            line = report.text[s.start : eol if eol != -1 else len(report.text)]
            rest = _squash(halfwidth(line)).strip(_TRAIL)
            if len(rest) <= len(_squash(s.title)) + 6:
                out.add(s.start)
    return out


def _region_end(report: Report, sec: Section) -> int:
    end = sec.end
    for t in report.tables:
        if sec.start < t.start < end:
            end = t.start
    return end


# ---------------------------------------------------------------- splitting


@dataclass
class _Open:
    """An item being collected."""

    start: int
    marker: str | None
    kind: str
    sure: bool
    pieces: list[Piece] = field(default_factory=list)
    across: bool = False  # a heading-only item takes the paragraphs under it


class Span(NamedTuple):
    start: int
    end: int
    kind: str
    marker: str | None
    sure: bool  # the kind comes from a cue in the text or an unambiguous title


class _Splitter:
    """Walks the segments of a section, keeping the current kind (mode) and whether a cue
    stated it (``sure``) or it is the default of a mixed title (问题及改进情况: problems first)."""

    def __init__(self, text: str, mode: str, sure: bool):
        self.text = text
        self.mode = mode
        self.sure = sure
        # start, end, kind, marker, paragraph, retractable (a whole free sentence), sure
        self.spans: list[tuple[int, int, str, str | None, int, bool, bool]] = []
        self.item: _Open | None = None
        self.sentence: list[Piece] = []
        self.sentence_kind = mode
        self.sentence_sure = sure
        self.para = -1
        self.introduced = False  # a label or an announcement was the last thing read

    # statements out
    def close_item(self) -> None:
        it, self.item = self.item, None
        if it and it.pieces:
            self.spans.append((it.start, it.pieces[-1].end, it.kind, it.marker, self.para, False, it.sure))

    def close_sentence(self) -> None:
        ps, self.sentence = self.sentence, []
        if not ps:
            return
        a, b = ps[0].start, ps[-1].end
        kind, sure = self.sentence_kind, self.sentence_sure
        if kind == PROBLEM:
            t = self.text[a:b].rstrip(_TRAIL)
            clauses = _shortcoming_clauses(t, a)
            if clauses:
                self.spans.extend((x, y, kind, None, self.para, False, sure) for x, y in clauses)
                return
        self.spans.append((a, b, kind, None, self.para, True, sure))

    def set_mode(self, text: str) -> None:
        if cue_mode(text):
            self.mode, self.sure = title_mode(text)

    def free(self, p: Piece) -> None:
        self.introduced = False
        if not self.sentence:
            self.sentence_kind, self.sentence_sure = self.mode, self.sure
        self.sentence.append(p)
        if p.bare and p.bare[-1] in rules().sentence_end:
            self.close_sentence()

    def lead_in(self) -> None:
        """Item one follows: the text just before it introduces the list (……主要表现在：,
        为进一步……，一是, 针对上述问题，……；) and is not a statement."""
        if self.sentence:
            self.set_mode(" ".join(p.bare for p in self.sentence))
            self.sentence = []
            return
        if self.introduced or not self.spans or not self.spans[-1][5]:
            return
        a, b, _, _, para, _, _ = self.spans[-1]
        t = _squash(self.text[a:b])
        cfg = _cfg()
        same = para == self.para
        prev = para == self.para - 1
        if (same and (cue_mode(t) or cfg.lead_in_end.search(t))) or (
            prev and (cfg.lead_in_end.search(t) or (cue_mode(t) and len(t) <= 80))
        ):
            self.spans.pop()
            self.set_mode(t)

    # one piece after the first of a segment
    def piece(self, p: Piece) -> None:
        t = p.bare
        if is_label(t) or is_announcement(t):
            self.close_item()
            self.close_sentence()
            self.set_mode(t)
            self.introduced = True
            return
        if not self.item and not self.sentence and is_framing(t):
            self.mode, self.sure = PROBLEM, True  # what follows an admission is the problems
            self.introduced = True
            return
        if opens_improvements(t):
            self.close_item()
            self.close_sentence()
            self.mode, self.sure = IMPROVEMENT, True
            self.free(p)
            return
        if self.item:
            self.item.pieces.append(p)
            self.introduced = False
        else:
            self.free(p)

    def segment(self, seg: Segment) -> None:
        if seg.para != self.para and not (self.item and self.item.across):
            self.close_item()
            self.close_sentence()
        pieces = list(seg.pieces)
        if seg.marker is not None:
            self.close_item()
            self.para = seg.para
            if seg.first:
                self.lead_in()
            self.close_sentence()
            if pieces and is_label(pieces[0].bare):
                self.set_mode(pieces.pop(0).bare)  # （二）整改措施。 — a label, not an item
                self.introduced = True
            elif pieces:
                self.introduced = False
                self.item = _Open(seg.start, seg.marker, self.mode, self.sure, [pieces.pop(0)], across=seg.heading_only)
        self.para = seg.para
        for p in pieces:
            self.piece(p)

    def finish(self) -> list[Span]:
        self.close_item()
        self.close_sentence()
        return [Span(a, b, k, m, sure) for a, b, k, m, _, _, sure in self.spans]


def title_mode(title: str) -> tuple[str, bool]:
    """The kind a section title names first, and whether it names only that one
    (存在的主要问题及改进情况 names both: problems come first, but that is a guess)."""
    mode = cue_mode(title)
    if mode is None:
        return PROBLEM, False
    return mode, mode == IMPROVEMENT or not _cfg().mixed_title.search(_squash(title))


def split_spans(report: Report, sec: Section, mode: str | None = None) -> list[Span]:
    """The statements of one problems/improvements section; ``mode`` is the kind of what
    comes first (default: what the section title names)."""
    text = report.text
    end = _region_end(report, sec)
    segs = segments(text, sec.start, end, _heading_lines(report, sec))
    sp = _Splitter(text, *((mode, True) if mode else title_mode(sec.title)))
    for seg in segs:
        sp.segment(seg)
    return [_trim(text, s) for s in sp.finish()]


def _trim(text: str, s: Span) -> Span:
    a, b = s.start, s.end
    while a < b and text[a] in _LEAD:
        a += 1
    while b > a and text[b - 1] in _TRAIL:
        b -= 1
    return s._replace(start=a, end=b)


# ---------------------------------------------------------------- statements of a report


def _norm_slice(report: Report, a: int, b: int) -> str:
    """The repaired copy (nlp.normalize) of canonical text[a:b]."""
    n = report.norm
    i = bisect.bisect_left(n.origin, a, 0, len(n.text))
    j = bisect.bisect_left(n.origin, b, 0, len(n.text))
    return n.text[i:j]


@lru_cache(maxsize=1)
def _marker_at_start() -> re.Pattern:
    return re.compile("^(?:" + "|".join(m.pattern.pattern for m in rules().markers) + ")")


def _strip_marker(clean: str) -> str:
    return _marker_at_start().sub("", clean, count=1)


def clean_text(report: Report, a: int, b: int) -> str:
    t = to_simplified(halfwidth(_norm_slice(report, a, b)))
    t = re.sub(r"\n[ \t]*[—\-–_ ]*\d{1,3}[—\-–_ ]*[ \t]*(?=\n)", "", t)  # page numbers inside
    return _strip_marker(_squash(t))


def _headline(clean: str) -> str:
    m = re.search(r"[。!?;:；：！？]", clean)
    return clean[: m.start()] if m else clean


def extract(report: Report, use_tagging: bool | None = None) -> list[Statement]:
    """Problem and improvement statements of one report, in text order.

    ``use_tagging``: None uses the passage classifier (nlp.tagging) when it is importable,
    to find problem/improvement passages outside the sections and to decide the kind of
    a statement where it is sure; False uses the section rules alone."""
    from nlp.themes.tagging_adapter import apply_passage_labels

    cfg = _cfg()
    spans: list[tuple[Span, str | None]] = []
    secs = regions(report)
    for sec in secs:
        spans.extend((sp, sec.id) for sp in split_spans(report, sec))
    if use_tagging is not False:
        spans = apply_passage_labels(report, secs, spans, required=use_tagging is True)
    meta = report.meta
    dept = department_type(meta.body)
    prov = province(meta.region)
    out: list[Statement] = []
    seen = set()
    for (a, b, kind, marker, _sure), sid in sorted(spans, key=lambda x: (x[0].start, x[0].end)):
        if (a, b) in seen:
            continue
        seen.add((a, b))
        clean = clean_text(report, a, b)
        core = re.sub(r"[^\w]", "", clean)
        if len(core) < cfg.min_chars or core in cfg.empty:
            continue
        out.append(Statement(
            doc_id=report.doc_id, source=report.source, start=a, end=b, kind=kind, text=report.text[a:b],
            clean=clean, headline=_headline(clean) if marker else clean, marker=marker, section_id=sid,
            year=meta.year, body=meta.body, region=meta.region, province=prov, department=dept,
        ))
    return out
