"""Consistency checks: a report against itself (tables, prose, percentages, years,
template) and the same body's reports across years.

``check(report)`` → (findings, summary); ``check_many(reports)`` adds the cross-report
rules.  Every rule is data under ``nlp/resources/rules/`` (id, severity, message)."""
from __future__ import annotations

from nlp.checks.base import KINDS, Finding, ProseValues, Summary, Values
from nlp.checks.cross import check_cross
from nlp.checks.prose import check_breakdowns, check_percentages, check_prose_table, check_same_quantity
from nlp.checks.table import check_prose_arithmetic, check_tables
from nlp.checks.temporal import check_temporal
from nlp.checks.template import check_template
from nlp.claims import extract
from nlp.model import Report

__all__ = ["KINDS", "Finding", "Summary", "check", "check_many"]


def check(report: Report, kinds: set[str] | None = None, summary: Summary | None = None) -> tuple[list[Finding], Summary]:
    kinds = set(kinds or KINDS)
    summary = summary or Summary()
    values = Values(report)
    claims = extract(report)
    breakdowns = report.extra.get("breakdowns", [])
    found: list[Finding] = []
    if "table_internal" in kinds:
        found += check_tables(report, values, summary)
    if "prose_table" in kinds:
        found += check_prose_table(report, values, claims, summary)
    if "prose_internal" in kinds:
        found += check_breakdowns(report, breakdowns, summary)
        found += check_same_quantity(report, claims, breakdowns, summary)
        found += check_prose_arithmetic(report, ProseValues(claims), values, summary)
    if "percent" in kinds:
        found += check_percentages(report, claims, breakdowns, summary)
    if "temporal" in kinds:
        found += check_temporal(report, claims, summary)
    if "template" in kinds:
        found += check_template(report, summary)
    return sort_findings(found), summary


def check_many(reports: list[Report], kinds: set[str] | None = None) -> tuple[dict[str, list[Finding]], dict[str, Summary]]:
    kinds = set(kinds or KINDS)
    findings: dict[str, list[Finding]] = {}
    summaries: dict[str, Summary] = {}
    for r in reports:
        findings[r.doc_id], summaries[r.doc_id] = check(r, kinds)
    if "cross_report" in kinds:
        for f in check_cross(reports, summaries):
            findings[f.doc_id] = sort_findings(findings[f.doc_id] + [f])
    return findings, summaries


_SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


def sort_findings(found: list[Finding]) -> list[Finding]:
    def key(f: Finding):
        first = min((e["start"] for e in f.evidence if "doc_id" not in e), default=-1)
        return (first, _SEVERITY_ORDER[f.severity], f.rule, f.message)

    return sorted(found, key=key)
