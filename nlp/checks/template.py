"""What the template requires: its parts, its tables, numbers in its cells (rules/template.yaml)."""
from __future__ import annotations

from nlp.checks.base import Finding, Summary, cell_evidence, rule_by_id
from nlp.model import Report
from nlp.resources import load_yaml
from nlp.structure.labeller import indicator_name

SECTION_NAMES = {
    "overview": "总体情况/概述", "proactive": "主动公开政府信息情况", "requests": "收到和处理政府信息公开申请情况",
    "review_litigation": "政府信息公开行政复议、行政诉讼情况", "problems_improvements": "存在的主要问题及改进情况",
    "other": "其他需要报告的事项",
}


def check_template(report: Report, summary: Summary) -> list[Finding]:
    tmpl = report.meta.template
    out: list[Finding] = []
    if tmpl == "unknown":
        summary.add("MISSING_SECTION", "not_assessable")
        return out
    required = load_yaml("sections.yaml")["required"].get(tmpl, [])
    kinds = {s.kind for s in report.sections}
    r = rule_by_id("template", "MISSING_SECTION")
    for kind in required:
        ok = kind in kinds
        summary.add(r["id"], "passed" if ok else "failed")
        if not ok:
            out.append(Finding(report.doc_id, r["id"], "template", r["severity"],
                               r["message"].format(template=tmpl, section=SECTION_NAMES.get(kind, kind)), [], kind, None))
    r = rule_by_id("template", "MISSING_TABLE")
    if tmpl in r["templates"]:
        tkinds = {t.kind for t in report.tables if t.cells}
        for kind, name in r["required"].items():
            ok = kind in tkinds
            summary.add(r["id"], "passed" if ok else "failed")
            if not ok:
                out.append(Finding(report.doc_id, r["id"], "template", r["severity"],
                                   r["message"].format(template=tmpl, table=name), [], kind, None))
    r = rule_by_id("template", "BLANK_CELLS")
    for t in report.tables:
        if t.kind == "unknown":
            continue
        blank = [c for c in t.cells if c.indicator and c.value is None]
        summary.add(r["id"], "failed" if blank else "passed")
        if blank:
            labels = "、".join(dict.fromkeys(c.label or indicator_name(c.indicator) for c in blank[:40]))
            msg = r["message"].format(table=f"表{t.id}（{t.kind}）", n=len(blank), labels=labels[:120])
            out.append(Finding(report.doc_id, r["id"], "template", r["severity"], msg,
                               [cell_evidence(c, "blank") for c in blank], 0, len(blank)))
    return out
