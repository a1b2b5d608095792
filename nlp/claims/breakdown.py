"""'其中' breakdowns: a total with its parts, marked exhaustive or partial.

A breakdown starts at 其中 (或 包括/分别为) after a claim; its total is the nearest claim
before the marker in the same sentence, its parts are the claims after it up to the end
of the sentence (or the next 其中) in the same kind of unit.  It is *exhaustive* when a
part is a residual category (其他/其它/其余) or the parts add up; *partial* when the list
ends in 等 or is plainly a sample.  Only exhaustive lists may be checked for shortfall.
"""
from __future__ import annotations

import re

from nlp.claims.grammar import Claim

_MARKER = re.compile(r"其中[:：，,]?|包括[:：]?|分别为|分别是")
_RESIDUAL = re.compile(r"(?<!或)其[他它](?!组织)|其余|另有|剩余")
_NEW_STATEMENT = re.compile(r"^(?:全年|全县|全市|全区|今年|本年)?(?:共|累计|合计|总计)")
_ETC = re.compile(r"^[^。；;]{0,3}等")


def find_breakdowns(text: str, claims: list[Claim]) -> list[dict]:
    """Breakdowns over ``claims`` (sorted, offsets into ``text``); sets ``claim.breakdown``."""
    out: list[dict] = []
    for m in _MARKER.finditer(text):
        pos = m.start()
        sent_start = _sentence_start(text, pos)
        ends = [i for i in (text.find("。", m.end()), text.find("\n\n", m.end())) if i >= 0]
        sent_end = min(ends) if ends else len(text)
        before = [c for c in claims if sent_start <= c.start and c.end <= pos and not c.zero and not _in_brackets(text, c)]
        if not before and not text[sent_start:pos].strip():
            # "……办结1191件。其中，予以公开208件……": 其中 opening a sentence refers to
            # the last figure of the sentence before
            prev_start = _sentence_start(text, sent_start - 1)
            before = [c for c in claims if prev_start <= c.start and c.end <= sent_start and not c.zero and not _in_brackets(text, c)]
        if not before:
            continue
        total = before[-1]
        nxt = _MARKER.search(text, m.end(), sent_end)
        stop = nxt.start() if nxt else sent_end
        if nxt:
            # "……尚未审结37件；政府信息公开行政诉讼46件，其中……": the figure before the next
            # 其中 is that list's total, not one more part of this one
            own = [c for c in claims if m.end() <= c.start and c.end <= stop and not c.zero]
            if own and re.search(r"[；;。]", text[m.end() : own[-1].start]):
                stop = own[-1].start
        parts = []
        partial_marked = False
        for c in claims:
            if m.end() <= c.start < stop and not c.zero and _same_kind(total, c) and not _in_brackets(text, c):
                if parts and _NEW_STATEMENT.search(c.clause):
                    break  # "；共办理718件": a new statement, not one more part
                gap = text[(parts[-1].end if parts else m.end()) : c.start]
                if re.search(r"[；;]", gap) and re.search(r"[，,]", re.split(r"[；;]", gap)[-1]):
                    break  # "…20项；推行……，公布……14项": the list ended at ；
                parts.append(c)
                if _ETC.match(text[c.end : stop]):
                    partial_marked = True  # "……12条等；" ends the list
                    break
        if not parts:
            continue
        residual = any(_RESIDUAL.search(c.clause) for c in parts)
        bid = f"b{len(out) + 1}"
        b = {"id": bid, "total": total, "parts": parts,
             "exhaustive": (residual or _looks_complete(total, parts)) and not partial_marked,
             "partial": partial_marked, "marker": (m.start(), m.end())}
        out.append(b)
        if total.breakdown is None:
            total.breakdown = {"id": bid, "role": "total", "exhaustive": b["exhaustive"]}
        for c in parts:
            c.breakdown = {"id": bid, "role": "part", "exhaustive": b["exhaustive"]}
            c.scope = total.clause  # the total's words may rule a part's link out
    return out


# units that count the same kind of thing (documents, items): 21条 of which 17篇
_ITEM_UNITS = {"条", "篇", "件", "份", "个", "项"}


def _looks_complete(total: Claim, parts: list[Claim]) -> bool:
    """A list that reads as the whole of its total: every part's name stands in the
    total's own words ("人大代表建议和政协提案13件，其中人大代表建议4件、政协提案9件"), or
    three parts or more that cover most of it."""
    names = [re.sub(r"^(?:其中|包括|分别为|分别是)[:：，,]?", "", p.clause) for p in parts]
    if len(parts) >= 2 and all(n and n in total.clause for n in names):
        return True
    if len(parts) < 3 or total.qualifier != "exact" or not total.value:
        return False
    exact_sum = sum(p.value for p in parts)
    return 0.8 * total.value <= exact_sum <= total.value * 1.2


def _sentence_start(text: str, pos: int) -> int:
    """Sentences end at 。！？ or a blank line; a single newline may be a PDF line wrap."""
    lo = max(0, pos - 300)
    cut = max(text.rfind(ch, lo, pos) for ch in ("。", "！", "？"))
    blank = text.rfind("\n\n", lo, pos)
    return max(cut + 1, blank + 2 if blank >= 0 else 0, lo)


def _same_kind(total: Claim, part: Claim) -> bool:
    if total.kind != part.kind:
        return False
    if total.kind == "money":
        return True
    if total.unit in _ITEM_UNITS and part.unit in _ITEM_UNITS:
        return True
    return total.unit == part.unit


def _in_brackets(text: str, c: Claim) -> bool:
    """Inside （…）: an aside ("含上年结转189件", "17.46%"), not a figure of the list."""
    opened = max(text.rfind("（", max(0, c.start - 30), c.start), text.rfind("(", max(0, c.start - 30), c.start))
    if opened < 0:
        return False
    closed = max(text.rfind("）", opened, c.start), text.rfind(")", opened, c.start))
    return closed < 0
