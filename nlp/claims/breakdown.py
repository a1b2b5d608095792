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
_RESIDUAL = re.compile(r"其他|其它|其余|另有|剩余")
_ETC = re.compile(r"^[^。；;]{0,3}等")


def find_breakdowns(text: str, claims: list[Claim]) -> list[dict]:
    """Breakdowns over ``claims`` (sorted, offsets into ``text``); sets ``claim.breakdown``."""
    out: list[dict] = []
    for m in _MARKER.finditer(text):
        pos = m.start()
        sent_start = max(text.rfind("。", 0, pos), text.rfind("\n", 0, pos)) + 1
        ends = [i for i in (text.find("。", m.end()), text.find("\n", m.end())) if i >= 0]
        sent_end = min(ends) if ends else len(text)
        before = [c for c in claims if sent_start <= c.start and c.end <= pos and not c.zero]
        if not before:
            continue
        total = before[-1]
        nxt = _MARKER.search(text, m.end(), sent_end)
        stop = nxt.start() if nxt else sent_end
        parts = []
        partial_marked = False
        for c in claims:
            if m.end() <= c.start < stop and not c.zero and _same_kind(total, c):
                parts.append(c)
                if _ETC.match(text[c.end : stop]):
                    partial_marked = True  # "……12条等；" ends the list
                    break
        if not parts:
            continue
        residual = any(_RESIDUAL.search(c.clause) for c in parts)
        bid = f"b{len(out) + 1}"
        b = {"id": bid, "total": total, "parts": parts, "exhaustive": residual and not partial_marked,
             "partial": partial_marked, "marker": (m.start(), m.end())}
        out.append(b)
        if total.breakdown is None:
            total.breakdown = {"id": bid, "role": "total", "exhaustive": b["exhaustive"]}
        for c in parts:
            c.breakdown = {"id": bid, "role": "part", "exhaustive": b["exhaustive"]}
    return out


def _same_kind(total: Claim, part: Claim) -> bool:
    if total.kind != part.kind:
        return False
    if total.kind == "money":
        return True
    return total.unit == part.unit or total.unit is None or part.unit is None
