"""Claim → indicator id, from the words before the number and the section it sits in
(rules in ``nlp/resources/links.yaml``)."""
from __future__ import annotations

from functools import lru_cache

from nlp.claims.grammar import Claim
from nlp.resources import load_yaml

# claims in these units are never a disclosure indicator (equipment ages, money, rates)
_NEVER = {"%", "元", "个百分点"}


@lru_cache(maxsize=1)
def rules() -> list[dict]:
    return load_yaml("links.yaml")["rules"]


def link(claim: Claim, section_kind: str | None, template: str) -> tuple[str | None, float]:
    """(indicator, confidence in 0..1) for a claim; (None, 0.0) when no rule fits."""
    if claim.unit in _NEVER or claim.kind in ("percent", "change", "money"):
        return None, 0.0
    best: tuple[float, int, str] | None = None
    for order, r in enumerate(rules()):
        if r.get("templates") and template not in r["templates"]:
            continue
        if not claim.zero and r.get("units") and claim.unit not in r["units"] and claim.unit is not None:
            continue
        # the words before the number name it; failing that, the words after it
        # ("有 1 件涉及……的行政复议")
        for words, base in ((claim.clause, 2.0), (claim.after, 1.75)):
            hit = next((w for w in r["any"] if w in words), None)
            if hit is not None:
                break
        if hit is None or any(w in words for w in r.get("not", [])):
            continue
        score = base + min(len(hit), 8) / 8
        if r.get("sections"):
            score += 1.0 if section_kind in r["sections"] else -0.5
        if claim.unit is None and not claim.zero:
            score -= 0.5
        if best is None or score > best[0]:
            best = (score, order, r["indicator"])
    if best is None or best[0] < 2.0:
        return None, 0.0
    return best[2], round(min(1.0, best[0] / 4.0), 2)
