"""Prose against the tables, prose against itself, and percentages (rules/prose.yaml)."""
from __future__ import annotations

import math
import re

from nlp.checks.base import Finding, Summary, Values, cell_evidence, evidence, fmt_num, in_money, rule_by_id, sentence_at
from nlp.claims import Claim
from nlp.model import Report

INF = math.inf


def _r(rule_id: str) -> dict:
    return rule_by_id("prose", rule_id)


def claim_ev(c: Claim, role: str) -> dict:
    return evidence(c.start, c.end, c.text, c.value, role)


def interval_text(c: Claim) -> str:
    if c.qualifier == "exact":
        return f"即{fmt_num(c.value)}"
    hi = "∞" if c.high is None else fmt_num(c.high)
    words = {"more_than": "多于", "at_least": "不少于", "less_than": "少于", "at_most": "不多于", "approx": "约"}
    return f"{words.get(c.qualifier, '')}{fmt_num(c.value)}，区间[{fmt_num(c.low)}, {hi}]"


def contains(c: Claim, v: float) -> bool:
    """Does the claim's interval hold the value?  余/多/近 are strict, 以上/以下 are not."""
    lo = c.low if c.low is not None else -INF
    hi = c.high if c.high is not None else INF
    eps = 1e-6 * max(1.0, abs(v))
    if c.qualifier == "more_than":
        return v - lo > eps
    if c.qualifier == "less_than":
        return hi - v > eps
    return lo - eps <= v <= hi + eps


# --------------------------------------------------------------------------- prose vs table


def check_prose_table(report: Report, values: Values, claims: list[Claim], summary: Summary) -> list[Finding]:
    out = []
    for c in claims:
        if not c.indicator:
            continue
        rid = "PROSE_TABLE_ZERO" if c.zero else "PROSE_TABLE_MISMATCH"
        rule = _r(rid)
        cells = values.evidence_cells(c.indicator)
        v = values.value(c.indicator)
        if not cells or v is None:
            summary.add(rid, "not_assessable")
            continue
        unit = cells[0].unit
        if c.kind == "money":
            v = in_money(v, unit)
        ok = (v == 0) if c.zero else contains(c, v)
        summary.add(rid, "passed" if ok else "failed")
        if ok:
            continue
        severity = rule["severity"] if c.confidence >= rule["min_confidence_for_error"] else "warning"
        a, b = sentence_at(report.text, c.start, c.end)
        label = values.label(c.indicator)
        cell_txt = f"{fmt_num(values.value(c.indicator))}{unit or ''}"
        msg = rule["message"].format(text=c.text, interval=interval_text(c), label=label, cell=cell_txt,
                                     sentence=report.text[a:b].strip())
        ev = [claim_ev(c, "prose")] + [cell_evidence(x, "table") for x in cells]
        out.append(Finding(report.doc_id, rid, "prose_table", severity, msg, ev, _n(v), c.value))
    return out


# --------------------------------------------------------------------------- prose vs prose


def _sum_bounds(parts: list[Claim]) -> tuple[float, float, bool]:
    lo = sum(p.low or 0 for p in parts)
    hi = sum(INF if p.high is None else p.high for p in parts)
    strict = any(p.qualifier == "more_than" for p in parts)
    return lo, hi, strict


def check_breakdowns(report: Report, breakdowns: list[dict], summary: Summary) -> list[Finding]:
    out = []
    for b in breakdowns:
        total: Claim = b["total"]
        parts: list[Claim] = b["parts"]
        lo, hi, strict = _sum_bounds(parts)
        t_lo = total.low or 0
        t_hi = INF if total.high is None else total.high
        exceeds = lo > t_hi + 1e-9 or (strict and lo >= t_hi and t_hi < INF)
        summary.add("BREAKDOWN_EXCEEDS_TOTAL", "failed" if exceeds else "passed")
        ev = [claim_ev(total, "total")] + [claim_ev(p, "part") for p in parts]
        if exceeds:
            r = _r("BREAKDOWN_EXCEEDS_TOTAL")
            out.append(Finding(report.doc_id, r["id"], "prose_internal", r["severity"],
                               r["message"].format(parts=fmt_num(lo), total=total.text), ev, total.value, _n(lo)))
            continue
        if not b["exhaustive"]:
            summary.add("BREAKDOWN_FALLS_SHORT", "not_assessable")
            continue
        short = hi < t_lo - 1e-9 or (total.qualifier == "more_than" and hi <= t_lo)
        summary.add("BREAKDOWN_FALLS_SHORT", "failed" if short else "passed")
        if short:
            r = _r("BREAKDOWN_FALLS_SHORT")
            out.append(Finding(report.doc_id, r["id"], "prose_internal", r["severity"],
                               r["message"].format(parts=fmt_num(hi), total=total.text), ev, total.value, _n(hi)))
    return out


def check_same_quantity(report: Report, claims: list[Claim], breakdowns: list[dict], summary: Summary) -> list[Finding]:
    r = _r("PROSE_SAME_QUANTITY_DISAGREES")
    subjects = r["subjects"]
    in_breakdown = {id(p) for b in breakdowns for p in b["parts"]}
    keyed = []
    for c in claims:
        if c.zero or id(c) in in_breakdown or "其中" in c.clause or c.kind not in ("count", "money") or "等" in c.clause:
            continue
        subj = frozenset(s for s in subjects if s in c.clause)
        if subj:
            keyed.append((subj, c))
    out = []
    seen = set()
    for i, (s1, c1) in enumerate(keyed):
        for s2, c2 in keyed[i + 1 :]:
            if s1 != s2 or c1.unit != c2.unit or c1.indicator != c2.indicator:
                continue
            key = (c1.start, c2.start)
            if key in seen:
                continue
            seen.add(key)
            agree = _intervals_meet(c1, c2)
            summary.add(r["id"], "passed" if agree else "failed")
            if not agree:
                msg = r["message"].format(a=c1.text, b=c2.text)
                out.append(Finding(report.doc_id, r["id"], "prose_internal", r["severity"], msg,
                                   [claim_ev(c1, "statement"), claim_ev(c2, "statement")], c1.value, c2.value))
    return out


def _intervals_meet(a: Claim, b: Claim) -> bool:
    def bounds(c):
        lo = c.low or 0
        hi = INF if c.high is None else c.high
        return lo, hi, c.qualifier == "more_than", c.qualifier == "less_than"

    alo, ahi, a_open_lo, a_open_hi = bounds(a)
    blo, bhi, b_open_lo, b_open_hi = bounds(b)
    lo = max(alo, blo)
    hi = min(ahi, bhi)
    if lo < hi:
        return True
    if lo > hi:
        return False
    # touching at one point: only if neither side excludes it
    open_at = (a_open_lo and alo == lo) or (b_open_lo and blo == lo) or (a_open_hi and ahi == hi) or (b_open_hi and bhi == hi)
    return not open_at


# --------------------------------------------------------------------------- percentages

_PCT_AFTER = re.compile(r"^[\s（(，,]*(?:占比|占|比例为|比重为)?[\s]*$")


def check_percentages(report: Report, claims: list[Claim], breakdowns: list[dict], summary: Summary) -> list[Finding]:
    """A percentage right after a part of a breakdown ("208件（17.46%）", "17篇，占比超八成")
    is recomputed as part / total, with the rounding the report wrote."""
    r = _r("PERCENT_RECOMPUTED")
    part_total = {id(p): b["total"] for b in breakdowns for p in b["parts"]}
    out = []
    for prev, c in zip(claims, claims[1:]):
        if c.kind != "percent" or id(prev) not in part_total:
            continue
        gap = report.text[prev.end : c.start]
        if len(gap) > 6 or not _PCT_AFTER.match(gap):
            continue
        total = part_total[id(prev)]
        if not total.value or total.qualifier != "exact" or prev.qualifier != "exact":
            summary.add(r["id"], "not_assessable")
            continue
        exact = prev.value / total.value * 100
        decimals = len(c.text.split(".")[1].rstrip("%％ ")) if "." in c.text else 0
        if c.qualifier == "exact":
            ok = abs(exact - c.value) <= 0.5 * 10 ** (-decimals) + 1e-9
        else:
            ok = contains(c, exact)
        summary.add(r["id"], "passed" if ok else "failed")
        if ok:
            continue
        expected = round(exact, max(decimals, 2))
        msg = r["message"].format(part=prev.text, total=total.text, expected=fmt_num(expected), stated=c.text)
        ev = [claim_ev(c, "percent"), claim_ev(prev, "numerator"), claim_ev(total, "denominator")]
        out.append(Finding(report.doc_id, r["id"], "percent", r["severity"], msg, ev, expected, c.value))
    return out


def _n(v):
    return int(v) if isinstance(v, float) and v.is_integer() else v
