"""Claim → indicator id, from the words before the number and the section it sits in
(rules in ``nlp/resources/links.yaml``)."""
from __future__ import annotations

import re
from functools import lru_cache

from nlp.claims.grammar import Claim
from nlp.resources import load_yaml

@lru_cache(maxsize=1)
def rules() -> list[dict]:
    out = load_yaml("links.yaml")["rules"]
    for r in out:  # "is any of these words in the text" as one search in C
        for key in ("any", "not", "also"):
            words = r.get(key) or []
            r[f"_{key}"] = re.compile("|".join(map(re.escape, words))) if words else None
    return out


def link(claim: Claim, section_kind: str | None, template: str) -> tuple[str | None, float]:
    """(indicator, confidence in 0..1) for a claim; (None, 0.0) when no rule fits."""
    if claim.kind in ("percent", "change") or claim.clause.endswith("等"):
        return None, 0.0  # a rate, or a number counting several things ("……文件等243件")
    # the words before the number name it; only failing that, the words after it
    # a zero statement names its subject after the verb ("未发生行政复议案件")
    passes = ((claim.clause + claim.text + claim.after, 2.0),) if claim.zero else ((claim.clause, 2.0), (claim.after, 1.75))
    for words, base in passes:
        best = _best(claim, words, base, section_kind, template)
        if best is not None:
            break
    if best is None or best[0] < 1.5:
        return None, 0.0
    return best[2], round(min(1.0, best[0] / 3.0), 2)


@lru_cache(maxsize=1024)
def _candidates(template: str, zero: bool, unit: str | None, money: bool) -> tuple[tuple[int, dict], ...]:
    """(order, rule) of the rules that may link a claim of this template, unit and kind."""
    out = []
    for order, r in enumerate(rules()):
        if r.get("templates") and template not in r["templates"]:
            continue
        if not zero and r.get("units") and unit not in r["units"] and unit is not None:
            continue
        if money and "元" not in r.get("units", []):
            continue
        out.append((order, r))
    return tuple(out)


def _best(claim: Claim, words: str, base: float, section_kind, template):
    best: tuple[float, int, str] | None = None
    for order, r in _candidates(template, claim.zero, claim.unit, claim.kind == "money"):
        if r["_any"] is None or r["_any"].search(words) is None:
            continue
        # a zero statement's subject is spread over its sentence: what rules a link out
        # may stand anywhere in it
        if r["_not"] is not None and r["_not"].search((words + claim.context if claim.zero else words) + claim.scope):
            continue
        if r["_also"] is not None and r["_also"].search(words + claim.scope) is None:
            continue
        score = base + r.get("weight", 0)  # rules are listed most specific first: ties go to the earlier
        if r.get("sections"):
            score += 1.0 if section_kind in r["sections"] else -0.5
        if claim.unit is None and not claim.zero:
            score -= 0.5
        if best is None or score > best[0]:
            best = (score, order, r["indicator"])
    return best
