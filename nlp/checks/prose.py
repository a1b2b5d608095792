"""Prose against the tables, prose against itself, and percentages (rules/prose.yaml)."""
from __future__ import annotations

import math
import re

from nlp.checks.base import Finding, Summary, Values, cell_evidence, evidence, fmt_num, in_money, rule_by_id, sentence_at
from nlp.claims import Claim
from nlp.model import Report
from nlp.normalize import halfwidth

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

# what may stand between a figure and its share: "208件（17.46%）", "15件，占办结总数的23.80%",
# "按时办结104件，按时办结率93%", "17篇，占比超八成"
_PCT_AFTER = re.compile(r"^[\s（(，,]*(?:[^，。；\d]{0,10}?(?:占比|占|比例为|比重为|率|率为|率达|率达到)[^，。；\d]{0,8}?)?[\s]*$")
_NAMED_BASE = re.compile(r"占([^，。；\d]{1,8}?)(?:总数|总量)?的")


def check_percentages(report: Report, claims: list[Claim], breakdowns: list[dict], summary: Summary) -> list[Finding]:
    """A percentage right after a figure is recomputed as figure / base, with the rounding
    the report wrote.  The base is the figure's 其中 total; failing that it is inferred
    (see ``_base_of``) and a disagreement is only a warning."""
    r = _r("PERCENT_RECOMPUTED")
    part_total = {id(p): b["total"] for b in breakdowns for p in b["parts"]}
    shares = []  # (index of the figure, its percent claim, the gap between them)
    for i, (prev, c) in enumerate(zip(claims, claims[1:])):
        if c.kind != "percent" or prev.kind not in ("count", "money"):
            continue
        gap = report.text[prev.end : c.start]
        if len(gap) <= 20 and _PCT_AFTER.match(gap):
            shares.append((i, c, gap))
    share_ids = {id(claims[i]) for i, _, _ in shares}
    out = []
    for i, c, gap in shares:
        prev = claims[i]
        total, inferred = part_total.get(id(prev)), False
        if total is None:
            total, inferred = _base_of(report.text, claims, i, gap, share_ids, shares), True
        if total is None or not total.value or total.qualifier != "exact" or prev.qualifier != "exact":
            summary.add(r["id"], "not_assessable")
            continue
        exact = prev.value / total.value * 100
        written = re.sub(r"\s+", "", halfwidth(c.text))  # "3.2 3%": a stray space is not a digit
        decimals = len(re.sub(r"\D", "", written.split(".")[1])) if "." in written else 0
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
        out.append(Finding(report.doc_id, r["id"], "percent", "warning" if inferred else r["severity"], msg, ev, expected, c.value))
    return out


_NEW_TOTAL = re.compile(r"^(?:全年|全县|全市|全区|今年|本年)?(?:共|累计|合计|总计)|办结|结转")
_BASE_IN_SENTENCE = re.compile(r"(?:在|从)?([^，。；\d]{1,6}?)的(?:申请|件|事项)?中")


def _base_of(text: str, claims: list[Claim], i: int, gap: str, share_ids: set, shares: list) -> Claim | None:
    """The figure a share is taken of when no 其中 says it, found only where the text is
    clear about it: the base the text names ("占办结总数的", "办结的申请中，…") or, for shares
    written one after another ("予以公开17件（58.62%），部分公开1件（3.45%）……"), the figure
    before them that equals their sum.  A rate names its own numerator ("按时办结率"): the
    figure before it must be that one.  Otherwise the share is not assessed."""
    part = claims[i]
    rate = re.search(r"([^，。；\d]{2,8})率", gap)
    if rate and rate.group(1).lstrip("，, ") not in part.clause:
        return None  # "办理诉求10件，办结率100%": the rate is not 10's share of anything
    run = [part]
    k = i - 1
    while k >= 0 and (id(claims[k]) in share_ids or claims[k].kind == "percent") and part.start - claims[k].end < 200:
        if id(claims[k]) in share_ids:
            run.insert(0, claims[k])
        k -= 1
    j = i + 1
    while j < len(claims) and (id(claims[j]) in share_ids or claims[j].kind == "percent") and claims[j].start - part.end < 200:
        if id(claims[j]) in share_ids:
            run.append(claims[j])
        j += 1
    # the figures listed beside the share without one of their own ("自然人申请18件，占82%；
    # 法人或其他组织申请2件") belong to the same whole
    end = text.find("。", part.end)
    end = len(text) if end < 0 else end
    while j < len(claims) and claims[j].start < end and claims[j].kind == part.kind and claims[j].unit == part.unit \
            and not _NEW_TOTAL.search(claims[j].clause):
        run.append(claims[j])
        j += 1
    first = run[0]
    candidates = [c for c in claims if c.end <= first.start and first.start - c.end < 300 and id(c) not in share_ids
                  and c.kind == part.kind and c.unit == part.unit and c.qualifier == "exact" and not c.zero and c.value]
    sentence_start = max(text.rfind("。", 0, first.start), text.rfind("\n", 0, first.start)) + 1
    named = _NAMED_BASE.search(gap) or _BASE_IN_SENTENCE.search(text, sentence_start, first.start)
    if named:
        hits = [c for c in candidates if named.group(1) and named.group(1)[-2:] in c.clause]
        return hits[-1] if hits else None
    if len(run) >= 2:
        total = sum(x.value for x in run)
        same = [c for c in candidates if abs(c.value - total) < 1e-9]
        return same[-1] if same else None
    return None


def _n(v):
    return int(v) if isinstance(v, float) and v.is_integer() else v
