"""Exactly one fault per faulty report, of one of six kinds (CONTRACT.md `check` kinds):

- ``prose_table``: a prose figure no longer equals its table cell;
- ``table_internal``: a table cell breaks a table identity;
- ``prose_internal``: a part of a complete prose breakdown no longer adds up;
- ``percent``: a percentage no longer follows from the numbers the prose states;
- ``temporal``: the report year in prose becomes an old year;
- ``cross_report``: 上年结转 disagrees with the same body's previous 结转下年度 (made in the
  figures, see :func:`shift_carried_over`, so the report itself stays consistent).

Each candidate is chosen so that the change creates no second kind of finding.
"""
from __future__ import annotations

import random
import re

from nlp.synth.doc import Doc, Piece
from nlp.synth.figures import APPLICANTS, Figures
from nlp.synth.say import Writer

KINDS = ("table_internal", "prose_table", "prose_internal", "percent", "temporal", "cross_report")
_ARABIC = re.compile(r"^([0-9]+(?:\.[0-9]+)?)")  # an exact claim written in Arabic digits
_BREAKDOWN_PARTS = ("web.cat.", "consult.", "interp.", "npc.", "cppcc.")  # parts that are no table cell
# table cells that take part in an identity (2019/2021 依申请 and 复议诉讼, 2008 附表)
_IDENTITY_2008 = ("requests.", "staff.", "review.", "litigation.")


def shift_carried_over(rng: random.Random, f: Figures) -> dict:
    """Make this year's 上年结转 differ from last year's 结转下年度 while every identity of the
    table still holds (the extra cases are counted as 予以公开)."""
    d = rng.randint(1, 6)
    col = rng.choice(APPLICANTS[:1] * 3 + APPLICANTS[1:2])
    original = f.cells["requests.carried_over.total"]
    for base in ("requests.carried_over", "requests.result.disclosed", "requests.result"):
        f.cells[f"{base}.{col}"] = (f.cells[f"{base}.{col}"] or 0) + d
        f.cells[f"{base}.total"] += d
    return {"kind": "cross_report", "indicator": "requests.carried_over.total", "original": original,
            "changed": f.cells["requests.carried_over.total"]}


def _grouped(w: Writer) -> set[int]:
    ids = set()
    for g in w.groups:
        if g["total"] is not None:
            ids.add(id(g["total"]))
        ids.update(id(p) for p in g["parts"])
    return ids


def _exact_arabic(p: Piece) -> bool:
    c = p.claim
    return c is not None and c["qualifier"] == "exact" and bool(_ARABIC.match(p.text)) and "," not in p.text


def _bump(rng: random.Random, v: int) -> int:
    step = max(1, round(abs(v) * rng.uniform(0.05, 0.3)))
    new = v + rng.choice((-1, 1)) * step
    return new if new >= 0 and new != v else v + step


def _retext(p: Piece, new) -> None:
    m = _ARABIC.match(p.text)
    num = m.group(1)
    text = f"{new:.{len(num.split('.')[1])}f}" if "." in num else str(new)
    p.text = text + p.text[m.end(1):]


def candidates(doc: Doc, w: Writer, f: Figures) -> dict[str, list]:
    grouped = _grouped(w)
    exact_keys = {k for k, q in w.stated if q.claim["qualifier"] == "exact" and q.text != "未"}
    in_percent = {part for key, q in w.stated if q.claim["kind"] == "percent" for part in (w.facts[key].of or ())}
    stated_indicators = {p.claim["indicator"] for _, p in w.stated if p.claim.get("indicator")}
    out: dict[str, list] = {k: [] for k in KINDS}
    for key, p in w.stated:
        c = p.claim
        ind = c.get("indicator")
        if (_exact_arabic(p) and c["kind"] == "count" and ind and f.cells.get(ind) is not None
                and f.cells[ind] == c["value"] and id(p) not in grouped and key not in in_percent):
            out["prose_table"].append(p)
        if c["kind"] == "percent" and _exact_arabic(p):
            of = w.facts[key].of
            if of and of[0] in exact_keys and of[1] in exact_keys:
                out["percent"].append(p)
    for g in w.groups:
        if g["kind"] != "breakdown" or not g["complete"] or not _exact_arabic(g["total"]):
            continue
        if all(_exact_arabic(q) for q in g["parts"]):
            out["prose_internal"] += [q for q in g["parts"] if q.claim["fact"].startswith(_BREAKDOWN_PARTS)]
    first_para = next((b for b in doc.blocks if b.kind == "para"), None)
    for b in doc.blocks:
        if b.kind == "para" and b is not first_para:
            out["temporal"] += [p for p in b.pieces if p.year and p.text == str(f.year)]
        for g in b.grids:
            for row in g.rows:
                for cell in row:
                    for p in cell.pieces:
                        if p.cell and _identity_cell(p.cell, f) and p.cell not in stated_indicators \
                                and f.cells.get(p.cell) is not None and p.text.isdigit():
                            out["table_internal"].append(p)
    return out


def _identity_cell(ind: str, f: Figures) -> bool:
    if ind.startswith(("requests.carried_over", "requests.carried_forward")):
        return False
    if f.template == "2008":
        return ind.startswith(_IDENTITY_2008)
    # an applicant column or an outcome, never a 总计 the prose may sum
    return ind.startswith(("requests.", "review.", "litigation.")) and not ind.endswith(".total")


def inject(rng: random.Random, kind: str, doc: Doc, w: Writer, f: Figures) -> dict | None:
    """Change one figure of the written report; returns the fault (with its piece) or None
    when the report offers no place for this kind."""
    options = candidates(doc, w, f).get(kind) or []
    if not options:
        return None
    p = rng.choice(options)
    if kind == "temporal":
        old = f.year - rng.randint(2, 6)
        fault = {"kind": kind, "original": f.year, "changed": old, "indicator": None}
        p.text = str(old)
    elif kind == "table_internal":
        v = f.cells[p.cell]
        new = _bump(rng, v)
        p.text = str(new)
        fault = {"kind": kind, "original": v, "changed": new, "indicator": p.cell}
    elif kind == "percent":
        v = p.claim["value"]
        places = len(p.text.rstrip("%").split(".")[1]) if "." in p.text else 0
        delta = rng.choice((-1, 1)) * rng.uniform(2, 15)
        new = round(v + delta if 0 <= v + delta <= 100 else v - delta, places)
        new = int(new) if places == 0 else new
        _retext(p, new)
        _set(p, new)
        fault = {"kind": kind, "original": v, "changed": new, "indicator": None}
    else:  # prose_table, prose_internal
        v = p.claim["value"]
        new = _bump(rng, v)
        _retext(p, new)
        _set(p, new)
        fault = {"kind": kind, "original": v, "changed": new, "indicator": p.claim.get("indicator") if kind == "prose_table" else None}
    fault["piece"] = p
    return fault


def _set(p: Piece, v) -> None:
    p.claim.update(value=v, low=v, high=v)
