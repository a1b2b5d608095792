"""Findings, per-report summaries and the indicator values the rules read."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from nlp.model import Cell, Report
from nlp.resources import load_yaml
from nlp.structure.labeller import indicator_name

KINDS = ("table_internal", "prose_internal", "prose_table", "percent", "cross_report", "temporal", "template")
SEVERITIES = ("error", "warning", "info")
MONEY_SCALE = {"元": 1, "千元": 1000, "万元": 10_000, "亿元": 100_000_000}


@dataclass
class Finding:
    doc_id: str
    rule: str
    kind: str
    severity: str
    message: str
    evidence: list[dict]
    expected: float | int | str | None = None
    actual: float | int | str | None = None

    def record(self) -> dict:
        return {"doc_id": self.doc_id, "rule": self.rule, "kind": self.kind, "severity": self.severity,
                "message": self.message, "evidence": self.evidence, "expected": self.expected, "actual": self.actual}


@dataclass
class Summary:
    """What was checked, so a user can tell 'consistent' from 'not checked'."""

    evaluated: int = 0
    passed: int = 0
    failed: int = 0
    not_assessable: int = 0
    by_rule: dict = field(default_factory=dict)

    def add(self, rule: str, outcome: str) -> None:
        self.by_rule.setdefault(rule, {"passed": 0, "failed": 0, "not_assessable": 0})[outcome] += 1
        if outcome == "not_assessable":
            self.not_assessable += 1
            return
        self.evaluated += 1
        if outcome == "passed":
            self.passed += 1
        else:
            self.failed += 1

    def record(self, doc_id: str) -> dict:
        return {"doc_id": doc_id, "summary": {"evaluated": self.evaluated, "passed": self.passed, "failed": self.failed,
                                               "not_assessable": self.not_assessable, "by_rule": self.by_rule}}


def evidence(start: int, end: int, text: str, value, role: str, **more) -> dict:
    ev = {"start": start, "end": end, "text": text, "value": value, "role": role}
    ev.update(more)
    return ev


def cell_evidence(c: Cell, role: str) -> dict:
    return evidence(c.start, c.end, c.raw, c.value, role, indicator=c.indicator)


@lru_cache(maxsize=None)
def rules_of(name: str) -> list[dict]:
    return load_yaml(f"rules/{name}.yaml")["rules"]


def rule_by_id(name: str, rule_id: str) -> dict:
    return next(r for r in rules_of(name) if r["id"] == rule_id)


def fmt_num(v) -> str:
    if v is None:
        return "空白"
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


class Values:
    """Indicator → cell of one report (the first cell of each id), plus derived sums."""

    def __init__(self, report: Report):
        self.cells: dict[str, Cell] = {}
        for t in report.tables:
            for c in t.cells:
                if c.indicator and c.indicator not in self.cells:
                    self.cells[c.indicator] = c
        self.derived: dict[str, tuple[float, list[Cell]]] = {}
        for spec in load_yaml("rules/derived.yaml")["derived"]:
            if report.meta.template not in spec.get("templates", [report.meta.template]):
                continue
            for binding in expand(spec.get("for_each")):
                ind = spec["id"].format(**binding)
                if ind in self.cells:
                    continue
                parts = [p.format(**binding) for p in spec["sum"]]
                if all(p in self.cells for p in parts):
                    cells = [self.cells[p] for p in parts]
                    self.derived[ind] = (sum(c.value or 0 for c in cells), cells)

    def has(self, ind: str) -> bool:
        return ind in self.cells or ind in self.derived

    def value(self, ind: str):
        if ind in self.cells:
            return self.cells[ind].value
        if ind in self.derived:
            return self.derived[ind][0]
        return None

    def evidence_cells(self, ind: str) -> list[Cell]:
        if ind in self.cells:
            return [self.cells[ind]]
        if ind in self.derived:
            return self.derived[ind][1]
        return []

    def label(self, ind: str) -> str:
        cells = self.evidence_cells(ind)
        return cells[0].label if cells and cells[0].label else indicator_name(ind)


class ProseValues(Values):
    """Indicator → the figure the prose states for it (exact figures, stated once or
    always the same), shaped like table cells so the table rules can read them."""

    def __init__(self, claims):
        self.cells = {}
        self.derived = {}
        seen: dict[str, set] = {}
        for c in claims:
            if not c.indicator or c.qualifier != "exact" or c.kind not in ("count",):
                continue
            seen.setdefault(c.indicator, set()).add(c.value)
            if c.indicator not in self.cells:
                self.cells[c.indicator] = Cell(c.indicator, 0, 0, c.value, c.text, c.unit, c.start, c.end, c.clause)
        for ind, vals in seen.items():
            if len(vals) > 1:  # the prose disagrees with itself: another rule says so
                del self.cells[ind]


@lru_cache(maxsize=1)
def _tax():
    return load_yaml("indicators.yaml")


def expand(for_each) -> list[dict]:
    """Bindings for a rule's `for_each`: columns, rows, cumulative, or an explicit map."""
    if not for_each:
        return [{}]
    tax = _tax()
    if for_each == "columns":
        return [{"col": c["id"], "col_name": c["aliases"][0]} for c in tax["requests"]["columns"]]
    if for_each == "rows":
        return [{"row": r["id"], "row_name": r["aliases"][0]} for r in tax["requests"]["rows"]]
    if for_each == "cumulative":
        return [{"ind": r["id"], "ind_name": r["aliases"][0]} for r in tax["appendix_2008"]["rows"]]
    if for_each == "year_columns":
        return [{"c": "", "col_name": "本年度"}, {"c": ".cumulative", "col_name": "历年累计"}]
    if isinstance(for_each, dict):
        import itertools

        keys = sorted(for_each)
        out = []
        for combo in itertools.product(*(for_each[k] for k in keys)):
            b = dict(zip(keys, combo))
            if "c" in b:
                b["col_name"] = "历年累计" if b["c"] else "本年度"
            out.append(b)
        return out
    raise ValueError(f"unknown for_each: {for_each!r}")


def in_money(value, unit: str | None):
    """A table value in 元, when its unit is a money unit."""
    if value is None or unit not in MONEY_SCALE:
        return value
    return value * MONEY_SCALE[unit]


_SENT_END = re.compile(r"[。；;！？\n]")


def sentence_at(text: str, start: int, end: int) -> tuple[int, int]:
    a = start
    while a > 0 and not _SENT_END.match(text[a - 1]):
        a -= 1
    b = end
    while b < len(text) and not _SENT_END.match(text[b]):
        b += 1
    return a, min(len(text), b + 1)
