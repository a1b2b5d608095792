"""Template-aware table recovery: the 2021 template's fixed layout and arithmetic.

``complete_tables(tables, raw_tables, text, template)`` runs once per report, after the
labeller, and changes the labelled tables in place:

1. **Blank rows of real grids.**  In a table read from a page layout (PDF, Word) a row of
   the template whose cells are all blank is still a row: its cells come out with
   ``value None`` (a blank template gives the whole indicator grid; blank is not 0).
2. **Rows whose label was lost** (text extraction tore labels and values apart, as in
   ``shanghai-stcsm-2024.txt``).  In the 依申请 table(s) of a 2021 report, rows of seven
   values with no label are placed on the template's rows (``nlp/resources/align.yaml``)
   between their labelled neighbours, keeping their order.  When as many rows as free
   template rows lie between two labelled rows the placement is forced; otherwise every
   order-keeping placement is tried against the template's identities (per column
   第一项+第二项 = （七）总计+第四项 and （七）总计 = the sum of its sub-rows; per row the
   six applicant columns add up to 总计) and used only when exactly one fits.  Every
   placement is written to ``Table.notes`` with its confidence (``high``: all column
   identities checked and hold; ``medium``: the identities cannot all be checked;
   ``low``: an identity fails); a row that cannot be placed is noted and left unlabelled.
   Nothing is placed silently.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from itertools import combinations

from nlp.model import Cell, RawCell, RawTable, Table
from nlp.resources import load_yaml

GRID_LAYOUTS = frozenset({"pdf", "docx"})
_GROUPS = {"不予公开", "无法提供", "不予处理", "其他处理", "本年度办理结果"}


@dataclass(frozen=True)
class _Spec:
    rows: tuple[str, ...]
    columns: tuple[str, ...]
    column_identities: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]
    max_alignments: int


@lru_cache(maxsize=1)
def spec() -> _Spec:
    d = load_yaml("align.yaml")
    req = d["requests_2021"]
    rows = tuple(req["rows"])
    parts = rows[rows.index("requests.carried_over") + 1: rows.index("requests.result")]

    def expand(names):
        return tuple(p for n in names for p in (parts if n == "parts" else (n,)))

    ids = tuple((i["name"], expand(i["sum"]), expand(i["equals"])) for i in req["column_identities"])
    return _Spec(rows, tuple(req["columns"]), ids, d["max_alignments"])


def _labeller():
    from nlp.structure import labeller  # the labeller's label matching, shared

    return labeller


def _value(raw: str):
    from nlp.structure.values import parse_value

    return parse_value(raw)


def _is_value(c: RawCell) -> bool:
    return _value(c.text)[2]


def _is_number(c: RawCell) -> bool:
    from nlp.structure.values import is_number

    return is_number(c.text)


def _row_label(base: str) -> str:
    row = next((r for r in _labeller().taxonomy().req_rows if r["id"] == base), None)
    return row["aliases"][0] if row else base


# ---------------------------------------------------------------- entry point


def complete_tables(tables: list[Table], raw_tables: list[RawTable], text: str, template: str) -> None:
    """Fill blank template rows of real grids and place label-less 依申请 rows (in place)."""
    raws = {(r.start, r.layout): r for r in raw_tables}
    pairs = [(t, raws.get((t.start, t.layout))) for t in tables]
    pairs = [(t, r) for t, r in pairs if r is not None]
    for table, raw in pairs:
        if raw.layout in GRID_LAYOUTS:
            if table.kind == "requests":
                _blank_request_rows(table, raw)
            elif table.kind == "review_litigation":
                _blank_review_row(table, raw)
    if template == "2021":
        recover_request_rows([(t, r) for t, r in pairs if t.kind == "requests"])


# ---------------------------------------------------------------- blank grids


def _blank_request_rows(table: Table, raw: RawTable) -> None:
    lab = _labeller()
    cols = spec().columns
    have = {c.row for c in table.cells}
    # rows with no cell yet that end in seven blanks
    blank = {r for r, row in enumerate(raw.rows)
             if r not in have and len(row) >= len(cols) + 1 and all(_is_value(c) and not _is_number(c) for c in row[-len(cols):])}
    if not blank:
        return
    bases = {c.indicator.rsplit(".", 1)[0] for c in table.cells if c.indicator}
    group = None
    for r, row in enumerate(raw.rows):
        labels = [lab.norm_label(c.text) for c in row if c.text.strip() and not _is_value(c)]
        group = next((x for x in labels if x in _GROUPS), group)
        if r not in blank or not labels:
            continue
        values = row[-len(cols):]
        found = lab.match_request_row(labels, group)
        if found is None or found["id"] in bases:
            continue
        if found.get("group") in _GROUPS and found["group"] != "本年度办理结果":
            group = found["group"]
        label = "".join(c.text.strip() for c in row[: -len(cols)])
        for j, c in enumerate(values):
            k = len(row) - len(cols) + j
            table.cells.append(Cell(f"{found['id']}.{cols[j]}", r, k, None, c.text, "件", c.start, c.end, label))
        bases.add(found["id"])
    table.cells.sort(key=lambda c: (c.row, c.col))


def _blank_review_row(table: Table, raw: RawTable) -> None:
    if table.cells:
        return
    cols = _labeller().taxonomy().review_cols
    for r, row in enumerate(raw.rows):
        if len(row) == len(cols) and all(_is_value(c) and not _is_number(c) for c in row):
            table.cells = [Cell(cols[k], r, k, None, c.text, "件", c.start, c.end) for k, c in enumerate(row)]
            return


# ---------------------------------------------------------------- label recovery


@dataclass
class _Row:
    table: Table
    r: int
    cells: list[tuple[int, RawCell]]  # the seven value cells and their places in the row
    base: str | None  # template row, when labelled
    values: list = field(default_factory=list)  # the seven values (a labelled row's, from its cells)


def _rows(pairs) -> list[_Row]:
    """Labelled rows (anchors) and label-less rows of seven values, in text order."""
    cols = spec().columns
    out = []
    for table, raw in pairs:
        by_row: dict[int, str] = {}
        for c in table.cells:
            if c.row not in by_row and c.indicator and c.indicator.startswith("requests."):
                by_row[c.row] = c.indicator.rsplit(".", 1)[0]
        for r, row in enumerate(raw.rows):
            if r in by_row:
                out.append(_Row(table, r, [], by_row[r]))  # values read when needed
                continue
            k = len(row)
            while k and _is_value(row[k - 1]):
                k -= 1
            values = list(enumerate(row))[k:]
            while len(values) > len(cols) and not values[0][1].text.strip():
                values = values[1:]  # an empty label cell
            if len(values) == len(cols) and not any(c.text.strip() for c in row[:k]) \
                    and any(_is_number(c) for _, c in values):
                parsed = [_value(c.text) for _, c in values]
                out.append(_Row(table, r, values, None, [v if ok else None for v, _, ok in parsed]))
    return out


def _read_labelled(rows: list[_Row]) -> None:
    """The seven values of each labelled row, from its cells of the row's template row."""
    cols = spec().columns
    by_table: dict[int, dict[int, list[Cell]]] = {}  # table → row → its cells
    for row in rows:
        if row.base is None:
            continue
        per_row = by_table.get(id(row.table))
        if per_row is None:
            per_row = by_table[id(row.table)] = {}
            for c in row.table.cells:
                per_row.setdefault(c.row, []).append(c)
        row.values = [None] * len(cols)
        for c in per_row.get(row.r, []):
            if c.indicator and c.indicator.rsplit(".", 1)[0] == row.base:
                col = c.indicator.rsplit(".", 1)[1]
                if col in cols:
                    row.values[cols.index(col)] = c.value


def _grid(rows: list[_Row], placed: dict[int, str]) -> dict[str, list]:
    """base → the seven values, from labelled rows and the placement being tried."""
    grid: dict[str, list] = {}
    for i, row in enumerate(rows):
        base = row.base or placed.get(i)
        if base is not None:
            grid.setdefault(base, row.values)
    return grid


def check_identities(grid: dict[str, list]) -> tuple[int, int, list[str]]:
    """(holds, fails, what failed) of the column identities over a grid."""
    holds, fails, failed = 0, 0, []
    s = spec()
    for name, left, right in s.column_identities:
        for j, col in enumerate(s.columns):
            a = [grid.get(b, [None] * 7)[j] for b in left]
            b = [grid.get(b, [None] * 7)[j] for b in right]
            if any(v is None for v in a + b):
                continue
            if abs(sum(a) - sum(b)) < 1e-6:
                holds += 1
            else:
                fails += 1
                failed.append(f"{name} in column {col}: {sum(a):g} ≠ {sum(b):g}")
    return holds, fails, failed


def _row_sum_ok(values: list) -> bool | None:
    if any(v is None for v in values):
        return None
    return abs(sum(values[:-1]) - values[-1]) < 1e-6


def recover_request_rows(pairs: list[tuple[Table, RawTable]]) -> None:
    rows = _rows(pairs)
    loose = [i for i, row in enumerate(rows) if row.base is None]
    if not loose:
        return
    _read_labelled(rows)
    s = spec()
    first = pairs[0][0] if pairs else None
    index = {b: k for k, b in enumerate(s.rows)}
    anchors = [(i, index[row.base]) for i, row in enumerate(rows) if row.base in index]
    if any(b <= a for (_, a), (_, b) in zip(anchors, anchors[1:])):
        first.notes.append("label-less value rows not placed: the labelled rows are not in the template's order")
        return
    # segments of label-less rows between labelled neighbours, with the free template rows
    bounds = [(-1, -1)] + anchors + [(len(rows), len(s.rows))]
    forced: dict[int, str] = {}
    open_segments = []
    for (i0, t0), (i1, t1) in zip(bounds, bounds[1:]):
        seg = [i for i in loose if i0 < i < i1]
        if not seg:
            continue
        free = [s.rows[t] for t in range(t0 + 1, t1)]
        if len(seg) > len(free):
            _note(rows[seg[0]].table, f"{len(seg)} label-less value rows (rows {_where(rows, seg)}) but only "
                  f"{len(free)} template rows between their labelled neighbours: not placed")
        elif len(seg) == len(free):
            forced.update({i: b for i, b in zip(seg, free)})
        else:
            open_segments.append((seg, free))
    chosen: dict[int, str] = dict(forced)
    how: dict[int, str] = {i: "the only template row left in order between labelled rows" for i in forced}
    for seg, free in open_segments:
        fits = []
        n = 0
        for combo in combinations(free, len(seg)):
            n += 1
            if n > s.max_alignments:
                fits = None
                break
            trial = dict(forced)
            trial.update(zip(seg, combo))
            _, fails, _ = check_identities(_grid(rows, trial))
            if not fails:
                fits.append(combo)
                if len(fits) > 1:
                    break
        if fits and len(fits) == 1:
            chosen.update(zip(seg, fits[0]))
            how.update({i: "the only order-keeping placement where the template identities hold" for i in seg})
        else:
            why = "too many placements to try" if fits is None else (
                "no placement fits the template identities" if not fits else "several placements fit")
            _note(rows[seg[0]].table, f"{len(seg)} label-less value rows (rows {_where(rows, seg)}) for "
                  f"{len(free)} free template rows: not placed ({why})")
    if not chosen:
        return
    holds, fails, failed = check_identities(_grid(rows, chosen))
    total = len(s.column_identities) * len(s.columns)
    confidence = "low" if fails else "high" if holds == total else "medium"
    detail = f"{holds} of {total} column identities checked and hold" + (f"; fails: {'; '.join(failed[:3])}" if fails else "")
    for i, base in sorted(chosen.items()):
        _place(rows[i], base, f"{how[i]}; confidence {confidence} ({detail})")


def _where(rows: list[_Row], seg: list[int]) -> str:
    return ", ".join(f"{rows[i].table.id}:{rows[i].r}" for i in seg)


def _note(table: Table, note: str) -> None:
    if note not in table.notes:
        table.notes.append(note)


def _place(row: _Row, base: str, why: str) -> None:
    cols = spec().columns
    table = row.table
    label = _row_label(base)
    stale = f"row {row.r} 「"
    table.notes = [n for n in table.notes if not (n.startswith(stale) and "is not a row of the 依申请 table" in n)]
    sums = _row_sum_ok(row.values)
    extra = "" if sums is not False else "; its six applicant columns do not add up to 总计"
    table.notes.append(f"row {row.r} has no label: its values are read as 「{label}」 ({base}), {why}{extra}")
    for j, (k, c) in enumerate(row.cells):
        value, unit, ok = _value(c.text)
        table.cells.append(Cell(f"{base}.{cols[j]}", row.r, k, value if ok else None, c.text, unit or "件",
                                c.start, c.end, label))
    table.cells.sort(key=lambda c: (c.row, c.col))
