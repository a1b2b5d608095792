"""Table arithmetic (勾稽关系): the rules of ``nlp/resources/rules/table_internal.yaml``."""
from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from nlp.checks.base import Finding, Summary, Values, cell_evidence, expand, fmt_num, rules_of
from nlp.model import Report

TOLERANCE = 1e-6


def check_tables(report: Report, values: Values, summary: Summary) -> list[Finding]:
    out: list[Finding] = []
    for bound in _bindings(report.meta.template):
        f = _apply(bound, report, values, summary)
        if f:
            out.append(f)
    return out


@lru_cache(maxsize=16)
def _bindings(template: str | None) -> tuple["_Bound", ...]:
    """Every rule of the template with each of its bindings and the ids it names."""
    out = []
    for rule in rules_of("table_internal"):
        if template not in rule.get("templates", [template]):
            continue
        for binding in expand(rule.get("for_each")):
            out.append(_Bound(rule, binding, tuple(x.format(**binding) for x in rule["left"]),
                              tuple(x.format(**binding) for x in rule["right"]),
                              tuple(x.format(**binding) for x in rule.get("optional", []))))
    return tuple(out)


class _Bound(NamedTuple):
    rule: dict
    binding: dict
    left: tuple[str, ...]
    right: tuple[str, ...]
    optional: tuple[str, ...]


def check_prose_arithmetic(report: Report, prose: "Values", tables: Values, summary: Summary) -> list[Finding]:
    """The table rules over the figures the prose links to indicators, for the rules
    whose cells the report's tables do not have ("全年主动公开政府信息664条" and "通过网站
    公开信息716条" in a report without a 附表)."""
    from nlp.checks.base import rule_by_id

    r = rule_by_id("prose", "PROSE_ARITHMETIC")
    out: list[Finding] = []
    for bound in _bindings(report.meta.template):
        if any(tables.has(i) for i in bound.left + bound.right):
            continue  # the tables speak for these figures
        scratch = Summary()
        f = _apply(bound, report, prose, scratch)
        outcome = "failed" if f else ("passed" if scratch.passed else "not_assessable")
        summary.add(r["id"], outcome)
        if f:
            msg = r["message"].format(inner=f.message.split("：", 1)[-1])
            ev = [dict(e, role=e["role"]) for e in f.evidence]
            out.append(Finding(report.doc_id, r["id"], "prose_internal", r["severity"], msg, ev, f.expected, f.actual))
    return out


def _apply(bound: _Bound, report: Report, values: Values, summary: Summary) -> Finding | None:
    rule, binding, left = bound.rule, bound.binding, bound.left
    right = bound.right + tuple(i for i in bound.optional if values.has(i))
    ids = left + right
    # a blank part counts as 0; a blank total (or a blank on the checked side) is
    # unknown, not 0: the rule cannot be assessed
    blank_total = any(values.value(i) is None and (i in left or i.endswith(".total")) for i in ids)
    if not all(values.has(i) for i in ids) or all(values.value(i) is None for i in ids) or blank_total:
        summary.add(rule["id"], "not_assessable")
        return None
    lsum = sum(values.value(i) or 0 for i in left)
    rsum = sum(values.value(i) or 0 for i in right)
    rel = rule.get("relation", "eq")
    ok = (abs(lsum - rsum) <= TOLERANCE if rel == "eq" else lsum <= rsum + TOLERANCE if rel == "le" else lsum + TOLERANCE >= rsum)
    summary.add(rule["id"], "passed" if ok else "failed")
    if ok:
        return None
    ev = [cell_evidence(c, "left" if i in left else "right") for i in ids for c in values.evidence_cells(i)]
    names = dict(binding)
    if "row" in binding:
        names["row_name"] = values.label(f"{binding['row']}.total") or binding.get("row_name")
    msg = rule["message"].format(expected=fmt_num(rsum), actual=fmt_num(lsum), **names)
    return Finding(report.doc_id, rule["id"], "table_internal", rule["severity"], msg, ev, _n(rsum), _n(lsum))


def _n(v):
    return int(v) if isinstance(v, float) and v.is_integer() else v
