"""Numeric claims in prose: values or intervals with units, 其中 breakdowns, indicator links.

``extract(report)`` returns the report's claims with canonical offsets, in text order.
Numbers inside tables are cells, not claims.
"""
from __future__ import annotations

from nlp.claims.breakdown import find_breakdowns
from nlp.claims.grammar import Claim, find_claims, find_zero_claims
from nlp.claims.link import link
from nlp.model import Report
from nlp.structure.sections import section_at

__all__ = ["Claim", "extract"]


def extract(report: Report) -> list[Claim]:
    if "claims" in report.extra:
        return report.extra["claims"]
    norm = report.norm
    text = norm.text
    tables = sorted((norm_pos(norm, t.start), norm_pos(norm, t.end)) for t in report.tables)
    prose, pos = [], 0
    for a, b in tables:  # numbers inside tables are cells, not claims
        if a > pos:
            prose.append((pos, a))
        pos = max(pos, b)
    prose.append((pos, len(text)))
    found = find_claims(text, prose) + [z for z in find_zero_claims(text) if not any(a <= z.nstart < b for a, b in tables)]
    found.sort(key=lambda c: (c.nstart, c.nend))
    found = _drop_nested(found)
    spans = {id(c): norm.span(c.nstart, c.nend) for c in found}  # canonical offsets
    found = [c for c in found if not _table_debris(report, *spans[id(c)])]
    # breakdowns read the repaired text (c.start is still an offset into it), and run
    # before linking: parts carry their total's words
    breakdowns = find_breakdowns(text, found)
    kinds = {s.id: s.kind for s in report.sections}
    starts = [s.start for s in report.sections]
    for c in found:
        c.start, c.end = spans[id(c)]
        c.text = report.text[c.start : c.end]
        c.section_id = section_at(report.sections, c.start, starts)
        c.indicator, c.confidence = link(c, kinds.get(c.section_id), report.meta.template)
    for b in breakdowns:
        # a part names a share of its total: it may be a sub-indicator of the total's
        # area ("其中网络申请40件" of 收到申请), never a quantity of another area
        # ("其中政策解读198条" of 主动公开政府信息 is not the 解读稿件 count)
        area = b["total"].indicator.split(".")[0] if b["total"].indicator else None
        for p in b["parts"]:
            if p.indicator and area and p.indicator.split(".")[0] != area:
                p.indicator, p.confidence = None, 0.0
    report.extra["claims"] = found
    report.extra["breakdowns"] = breakdowns
    return found


def norm_pos(norm, canonical: int) -> int:
    """The first position in the repaired copy at or after a canonical offset."""
    import bisect

    return bisect.bisect_left(norm.origin, canonical)


def _drop_nested(claims: list[Claim]) -> list[Claim]:
    out: list[Claim] = []
    for c in claims:
        if out and c.nstart < out[-1].nend:
            if (c.nend - c.nstart) > (out[-1].nend - out[-1].nstart):
                out[-1] = c
            continue
        out.append(c)
    return out


_SENTENCE_MARKS = set("。，,；;：:！？")


def _table_debris(report: Report, start: int, end: int) -> bool:
    """A number on a short line with no sentence punctuation, in a part of the report
    that holds tables: a cell or note that a PDF extraction tore out of its table
    ("（其中修订 16 件）"), not prose."""
    a = report.text.rfind("\n", 0, start) + 1
    b = report.text.find("\n", end)
    line = report.text[a : b if b >= 0 else len(report.text)].strip()
    if len(line) > 24 or _SENTENCE_MARKS & set(line):
        return False
    top = next((s for s in report.sections if s.level == 1 and s.start <= start < s.end), None)
    return top is not None and any(top.start <= t.start < top.end for t in report.tables)
