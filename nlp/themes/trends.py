"""Theme shares by year, region (province) and department type.

One row per (kind, dimension, group, theme): ``n`` statements of that kind in the group
with that theme, ``total`` statements of that kind in the group, ``share = n / total``.
Groups without a value (a report without a year) are ``未知``.  Every theme of the run
appears in every group (with n = 0), so tables and plots line up.
"""
from __future__ import annotations

from collections import Counter

from nlp.themes.model import Theme
from nlp.themes.statements import KINDS, Statement

DIMENSIONS = ("year", "region", "department")
UNKNOWN = "未知"


def group_of(s: Statement, dimension: str) -> str:
    value = {"year": s.year, "region": s.province, "department": s.department}[dimension]
    return str(value) if value not in (None, "") else UNKNOWN


def _group_order(groups: set[str]) -> list[str]:
    known = sorted(g for g in groups if g != UNKNOWN)
    return known + ([UNKNOWN] if UNKNOWN in groups else [])


def trends(statements: list[Statement], themes: list[Theme]) -> list[dict]:
    names = {t.id: t.name for t in themes}
    used = [t.id for t in themes if t.statements]
    rows = []
    for kind in KINDS:
        ss = [s for s in statements if s.kind == kind]
        for dim in DIMENSIONS:
            counts = Counter((group_of(s, dim), s.theme) for s in ss)
            totals = Counter(group_of(s, dim) for s in ss)
            for g in _group_order(set(totals)):
                for tid in used:
                    n = counts[(g, tid)]
                    rows.append({"kind": kind, "dimension": dim, "group": g, "theme": tid, "theme_name": names[tid],
                                 "n": n, "total": totals[g], "share": round(n / totals[g], 4)})
    return rows


def share_table(rows: list[dict], kind: str, dimension: str) -> tuple[list[str], list[str], list[list[float]]]:
    """(groups, themes, shares[theme][group]) for plotting."""
    sel = [r for r in rows if r["kind"] == kind and r["dimension"] == dimension]
    groups: list[str] = []
    themes: list[str] = []
    for r in sel:
        if r["group"] not in groups:
            groups.append(r["group"])
        if r["theme"] not in themes:
            themes.append(r["theme"])
    share = {(r["theme"], r["group"]): r["share"] for r in sel}
    return groups, themes, [[share.get((t, g), 0.0) for g in groups] for t in themes]
