"""The same body's consecutive reports: 上年结转 against last year's 结转下年度, and 历年累计
continuity (rules/cross_report.yaml).  A finding belongs to the later report."""
from __future__ import annotations

import re
from collections import defaultdict

from nlp.checks.base import Finding, Summary, Values, cell_evidence, fmt_num, rule_by_id
from nlp.model import Report


def body_key(body: str | None) -> str | None:
    if not body:
        return None
    return re.sub(r"[\s（）()]", "", body)


def check_cross(reports: list[Report], summaries: dict[str, Summary]) -> list[Finding]:
    groups: dict[str, list[Report]] = defaultdict(list)
    for r in reports:
        key = body_key(r.meta.body)
        if key and r.meta.year:
            groups[key].append(r)
    out: list[Finding] = []
    for key in sorted(groups):
        by_year = {}
        for r in sorted(groups[key], key=lambda r: (r.meta.year, r.doc_id)):
            by_year.setdefault(r.meta.year, r)
        for year, this in by_year.items():
            prev = by_year.get(year - 1)
            if prev is None:
                continue
            tv, pv = Values(this), Values(prev)
            out += _carry_over(this, prev, tv, pv, summaries[this.doc_id])
            out += _cumulative(this, prev, tv, pv, summaries[this.doc_id])
    return out


def _carry_over(this: Report, prev: Report, tv: Values, pv: Values, summary: Summary) -> list[Finding]:
    r = rule_by_id("cross_report", "CARRY_OVER_CONTINUITY")
    a, b = tv.value(r["this_year"]), pv.value(r["last_year"])
    if a is None or b is None:
        summary.add(r["id"], "not_assessable")
        return []
    ok = a == b
    summary.add(r["id"], "passed" if ok else "failed")
    if ok:
        return []
    ev = [cell_evidence(c, "this_year") for c in tv.evidence_cells(r["this_year"])]
    ev += [dict(cell_evidence(c, "last_year"), doc_id=prev.doc_id, source=prev.source) for c in pv.evidence_cells(r["last_year"])]
    msg = r["message"].format(actual=fmt_num(a), expected=fmt_num(b), prev_year=prev.meta.year)
    return [Finding(this.doc_id, r["id"], "cross_report", r["severity"], msg, ev, b, a)]


def _cumulative(this: Report, prev: Report, tv: Values, pv: Values, summary: Summary) -> list[Finding]:
    r = rule_by_id("cross_report", "CUMULATIVE_CONTINUITY")
    out = []
    for ind in sorted(i for i in tv.cells if i.endswith(".cumulative")):
        base = ind[: -len(".cumulative")]
        cur, prev_cum, this_year = tv.value(ind), pv.value(ind), tv.value(base)
        if None in (cur, prev_cum, this_year):
            summary.add(r["id"], "not_assessable")
            continue
        expected = prev_cum + this_year
        ok = cur == expected
        summary.add(r["id"], "passed" if ok else "failed")
        if ok:
            continue
        ev = [cell_evidence(tv.cells[ind], "this_year"), cell_evidence(tv.cells[base], "this_year")]
        ev += [dict(cell_evidence(pv.cells[ind], "last_year"), doc_id=prev.doc_id, source=prev.source)]
        msg = r["message"].format(ind_name=tv.label(ind), actual=fmt_num(cur), prev=fmt_num(prev_cum),
                                  this=fmt_num(this_year), expected=fmt_num(expected))
        out.append(Finding(this.doc_id, r["id"], "cross_report", r["severity"], msg, ev, expected, cur))
    return out
