"""RawTable → Table: decide the table kind and give every value cell its indicator.

Kinds (from ``nlp/resources/indicators.yaml``): ``appendix_2008`` (指标|单位|数量),
``art20`` (第二十条 items), ``requests`` (7 applicant columns), ``review_litigation``
(15 columns).  Row labels are matched on a normalised form (numbering, remarks in
brackets, spaces and quotes removed); what cannot be placed is said in ``Table.notes``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations

from nlp.model import Cell, RawCell, RawTable, Table
from nlp.normalize import halfwidth, to_simplified
from nlp.resources import load_yaml
from nlp.structure.values import is_blank, is_number, parse_value

_NUMBERING = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+[、.．]\s*|其中[:：]?|第[一二三四五六七八九十]+[项部分])+"
)
_REMARK = re.compile(r"[（(][^（()）]*[）)]")
_DROP = re.compile(r"[\s“”\"'‘’、，,。:：;；]")
_ART20 = re.compile(r"第二十条第?[（(]?([一二三四五六七八九十]+)[）)]?项?")


@lru_cache(maxsize=65536)
def norm_label(s: str) -> str:
    s = to_simplified(halfwidth(s))
    s = re.sub(r"\s+", "", s)
    s = _NUMBERING.sub("", s)
    s = _REMARK.sub("", s)
    return _DROP.sub("", s)


@dataclass
class _Tax:
    rows2008: list[dict]
    groups2008: dict[str, list[str]]
    art20: dict
    req_rows: list[dict]
    req_cols: list[str]
    review_cols: list[str]
    names: dict[str, str]  # indicator → how a message names it, where cells have no row label


@lru_cache(maxsize=1)
def taxonomy() -> _Tax:
    d = load_yaml("indicators.yaml")
    a = d["appendix_2008"]
    for r in a["rows"]:
        r["_aliases"] = [norm_label(x) for x in r["aliases"]]
    for r in d["requests"]["rows"]:
        r["_aliases"] = [norm_label(x) for x in r["aliases"]]
    return _Tax(
        rows2008=a["rows"],
        groups2008={g: [norm_label(x) for x in v] for g, v in a["groups"].items()},
        art20=d["art20"],
        req_rows=d["requests"]["rows"],
        req_cols=[c["id"] for c in d["requests"]["columns"]],
        review_cols=list(d["review_litigation"]["columns"]),
        names=dict(d["review_litigation"].get("names", {})),
    )


def indicator_name(indicator: str | None) -> str:
    """The name a message gives an indicator whose cell has no row label (the 复议/诉讼
    columns): from the taxonomy, else the id itself."""
    return taxonomy().names.get(indicator or "", indicator or "")


def all_indicator_ids() -> list[str]:
    """Every indicator id the taxonomy can give a cell, sorted."""
    t = taxonomy()
    ids = {r["id"] for r in t.rows2008}
    ids |= {r["id"] + ".cumulative" for r in t.rows2008}
    for item in t.art20["items"].values():
        for row in item["rows"]:
            for col in set(item["order_2019"]) | set(item["order_2021"]):
                ids.add(f"proactive.{row}.{col}")
    ids |= {f"{r['id']}.{c}" for r in t.req_rows for c in t.req_cols}
    ids |= set(t.review_cols)
    return sorted(ids)


# ----------------------------------------------------------------------------- kinds


def detect_kind(raw: RawTable, context: str) -> str:
    labels = [x for x in map(_label_text, [c.text for row in raw.rows for c in row]) if x is not None]
    joined = "".join(labels)
    votes = list(map(_label_votes, labels))
    scores = {"appendix_2008": sum(v[0] for v in votes), "art20": 0, "requests": sum(v[1] for v in votes), "review_litigation": 0}
    if "指标" in joined and "单位" in joined:
        scores["appendix_2008"] += 5
    if "第二十条" in joined:
        scores["art20"] += 10
    if any(k in joined for k in ("规章", "行政许可", "行政处罚", "行政强制", "行政事业性收费", "政府集中采购")):
        scores["art20"] += 3
    if "勾稽关系" in joined or "申请人情况" in joined:
        scores["requests"] += 5
    if "行政复议" in joined or "结果维持" in joined or "结果纠正" in joined:
        scores["review_litigation"] += 5
    if any(len(row) >= 15 and sum(1 for c in row if _num(c)) == 15 for row in raw.rows):
        scores["review_litigation"] += 3
    if not any(scores.values()) and raw.layout != "flat":  # a flat line needs its own evidence
        tail = to_simplified(halfwidth(context[-120:]))
        if "第二十条" in tail:
            scores["art20"] += 1
        elif "复议" in tail or "诉讼" in tail:
            scores["review_litigation"] += 1
        elif "申请" in tail:
            scores["requests"] += 1
    best = max(scores, key=lambda k: (scores[k], k))
    return best if scores[best] > 0 else "unknown"


@lru_cache(maxsize=65536)
def _label_text(text: str) -> str | None:
    """A cell's normalised label, or None when the cell is a value (a number or blank)."""
    return None if parse_value(text)[2] else norm_label(text)


@lru_cache(maxsize=65536)
def _label_votes(label: str) -> tuple[int, int]:
    """(is a 2008 row alias, ends with a 依申请 row alias) of a normalised label; labels
    repeat from report to report, so each is looked at once."""
    a08, req_tail = _alias_sets()
    return int(label in a08), int(req_tail.search(label) is not None)


@lru_cache(maxsize=1)
def _alias_sets() -> tuple[frozenset, re.Pattern]:
    """2008 row aliases, and one pattern for 'a label ending with a 依申请 row alias'."""
    t = taxonomy()
    a08 = frozenset(a for r in t.rows2008 for a in r["_aliases"])
    req = sorted({a for r in t.req_rows for a in r["_aliases"] if len(a) > 3}, key=len, reverse=True)
    return a08, re.compile("(?:" + "|".join(map(re.escape, req)) + ")$")


def _num(c: RawCell) -> bool:
    return is_number(c.text)


# ----------------------------------------------------------------------------- labelling


def label_table(raw: RawTable, text: str, table_id: str, template_hint: str | None = None) -> Table:
    context = text[max(0, raw.start - 200) : raw.start]
    kind = detect_kind(raw, context)
    table = Table(table_id, kind, raw.layout, raw.start, raw.end)
    if kind == "appendix_2008":
        _label_2008(raw, table)
    elif kind == "art20":
        _label_art20(raw, table, template_hint, context)
    elif kind == "requests":
        _label_requests(raw, table, text)
    elif kind == "review_litigation":
        _label_review(raw, table, context)
    else:
        _label_unknown(raw, table)
    return table


def _value_cell(indicator, r, c, cell: RawCell, default_unit=None, label="") -> Cell:
    value, unit, _ = parse_value(cell.text)  # not a number: value None
    return Cell(indicator, r, c, value, cell.text, unit or default_unit, cell.start, cell.end, label)


def _label_unknown(raw: RawTable, table: Table) -> None:
    for r, row in enumerate(raw.rows):
        for c, cell in enumerate(row):
            if _num(cell):
                table.cells.append(_value_cell(None, r, c, cell))


# --- 2008 附表 ---------------------------------------------------------------------


def _group_of(label: str, current: str | None) -> str | None:
    return _group_named(label) or current


@lru_cache(maxsize=4096)
def _group_named(label: str) -> str | None:
    for g, aliases in taxonomy().groups2008.items():
        if any(a and a in label for a in aliases):
            return g
    return None


@lru_cache(maxsize=8192)
def match_2008(label: str, group: str | None) -> dict | None:
    cands = []
    for r in taxonomy().rows2008:
        for a in r["_aliases"]:
            if label == a:
                cands.append((3, len(a), r))
            elif a and (a in label or (label in a and len(label) >= 4)):
                cands.append((1, len(a), r))
    if not cands:
        return None
    cands.sort(key=lambda x: (x[2]["group"] == group, x[0], x[1]), reverse=True)
    return cands[0][2]


_TOP_ITEM = re.compile(r"^\s*[一二三四五六七八九十]+[、.．]")


def _label_2008(raw: RawTable, table: Table) -> None:
    group = None
    cumulative_col = None
    header_done = False
    for r, row in enumerate(raw.rows):
        if not row:
            continue
        labels = [norm_label(c.text) for c in row]
        if not header_done and any(x in ("指标", "单位", "数量", "本年度", "历年累计") for x in labels):
            for k, lab in enumerate(labels):
                if "累计" in lab:
                    cumulative_col = k
            header_done = True
            continue
        label = labels[0]
        group = _group_of(label, group) if _TOP_ITEM.match(row[0].text) else group
        spec = match_2008(label, group)
        unit_raw = row[1].text.strip() if len(row) > 2 else ""
        unit = unit_raw if unit_raw and not is_blank(unit_raw) and not _num(row[1]) else None
        value_cells = list(enumerate(row))[2:] if len(row) > 2 else list(enumerate(row))[1:]
        if spec is None:
            if any(_num(c) for _, c in value_cells):
                table.notes.append(f"row {r} 「{row[0].text.strip()}」 has numbers but no known indicator")
            continue
        for c, cell in value_cells:
            ind = spec["id"] + (".cumulative" if cumulative_col is not None and c == cumulative_col else "")
            table.cells.append(_value_cell(ind, r, c, cell, unit or spec.get("unit"), row[0].text.strip()))


# --- 第二十条 -----------------------------------------------------------------------


@lru_cache(maxsize=1024)
def _art20_columns(header: tuple, order: tuple) -> tuple:
    """The column ids of a 第二十条 item's value cells: from its header when every header
    cell names one column, else the template's order."""
    cols_spec = taxonomy().art20["columns"]
    found = []
    for h in header:
        hits = [cid for cid, al in cols_spec.items() if any(norm_label(a) == h or (h and norm_label(a).startswith(h) and len(h) >= 4) for a in al)]
        hits = [x for x in hits if x in order] or hits
        found.append(hits[0] if len(hits) == 1 else None)
    if found and all(found) and len(found) == len(set(found)):
        return tuple(found)
    return order


def _guess_art20_template(raw: RawTable, hint: str | None) -> str:
    words = "".join(norm_label(c.text) for row in raw.rows for c in row)
    if any(k in words for k in ("制发件数", "废止件数", "现行有效", "本年处理决定数量", "本年收费金额")):
        return "2021"
    if any(k in words for k in ("新制作", "新公开", "对外公开总数", "上一年项目数量", "本年增", "采购项目")):
        return "2019"
    return "2021" if hint == "2021" else "2019" if hint == "2019" else "2021"


@lru_cache(maxsize=4096)
def _art20_item(first_cell: str) -> str | None:
    """「（一）」 when a row's first cell names 第二十条第（一）项."""
    m = _ART20.search(to_simplified(halfwidth(first_cell)))
    return f"（{m.group(1)}）" if m else None


@lru_cache(maxsize=8192)
def _art20_row(label: str, current: str | None) -> tuple[str | None, str | None]:
    """(row id, item) of a 第二十条 row label, the current item's rows tried first."""
    items = taxonomy().art20["items"]
    item = items.get(current) if current else None
    for key, spec in ([(current, item)] if item else []) + list(items.items()):
        for rid, aliases in spec["rows"].items():
            if any(norm_label(a) == label for a in aliases):
                return rid, key
    return None, None


def _label_art20(raw: RawTable, table: Table, hint: str | None, context: str) -> None:
    items = taxonomy().art20["items"]
    units = taxonomy().art20.get("units", {})
    tmpl = _guess_art20_template(raw, hint)
    table.variant = tmpl
    current = None
    m = None
    # "二十" is written the same in both scripts and at both widths: no need to convert
    # the context when it is absent
    for m in _ART20.finditer(to_simplified(halfwidth(context))) if "二十" in context else ():
        pass
    if m:
        current = f"（{m.group(1)}）"
    header: list[str] = []
    header_raw = ""
    for r, row in enumerate(raw.rows):
        cells = [c for c in row if c.text.strip()]
        if not cells:
            continue
        item_key = _art20_item(cells[0].text)
        if item_key:
            current = item_key
            header = []
            header_raw = ""
            continue
        label = norm_label(cells[0].text)
        if label == "信息内容":
            header = [norm_label(c.text) for c in row[1:] if c.text.strip()]
            header_raw = halfwidth("".join(c.text for c in row)).replace("：", ":").replace(" ", "")
            continue
        row_id, key = _art20_row(label, current)
        if row_id:
            item, current = items[key], key
        if not row_id:
            if any(_num(c) for c in cells[1:]):
                table.notes.append(f"row {r} 「{cells[0].text.strip()}」 is not a 第二十条 row")
            continue
        cols = _art20_columns(tuple(header), tuple(item["order_2021"] if tmpl == "2021" else item["order_2019"]))
        values = [(k, c) for k, c in enumerate(row) if k > 0 and (c.text.strip() or k <= len(cols))][: len(cols)]
        for j, (k, cell) in enumerate(values):
            col = cols[j] if j < len(cols) else None
            if col is None:
                continue
            ind = f"proactive.{row_id}.{col}"
            unit = units.get(col, "件")
            if unit == "money":  # only what the header or the cell states; never guessed
                unit = "万元" if "万元" in header_raw else "元" if "(单位:元)" in header_raw else None
            table.cells.append(_value_cell(ind, r, k, cell, unit, cells[0].text.strip()))


# --- 依申请 7 columns ----------------------------------------------------------------


def match_request_row(labels: list[str], group: str | None) -> dict | None:
    return _match_request_row(tuple(labels), group)


@lru_cache(maxsize=8192)
def _match_request_row(labels: tuple[str, ...], group: str | None) -> dict | None:
    """The taxonomy row a 依申请 row's labels name (the same labels recur in every report)."""
    rows = taxonomy().req_rows
    for lab in reversed(labels):
        if not lab:
            continue
        exact = [r for r in rows if lab in r["_aliases"]]
        if len(exact) > 1:
            exact.sort(key=lambda r: r.get("group") == group, reverse=True)
        if exact:
            return exact[0]
        pref = [r for r in rows if any(len(a) >= 5 and (lab.startswith(a) or a.startswith(lab) and len(lab) >= 6) for a in r["_aliases"])]
        if pref:
            return pref[0]
    return None


@lru_cache(maxsize=256)
def _request_ids(row_id: str) -> tuple[str, ...]:
    return tuple(f"{row_id}.{c}" for c in taxonomy().req_cols)


_GROUPS = frozenset({"不予公开", "无法提供", "不予处理", "其他处理", "本年度办理结果"})


def _label_requests(raw: RawTable, table: Table, text: str) -> None:
    ncols = len(taxonomy().req_cols)
    group = None
    out = table.cells
    for r, row in enumerate(raw.rows):
        label_cells = []
        value_cells = []  # (column, cell, parsed)
        first_value = len(row) - ncols
        for k, c in enumerate(row):
            pv = parse_value(c.text)
            if value_cells or (pv[2] and (pv[0] is not None or (label_cells and k >= first_value))):
                value_cells.append((k, c, pv))
            else:
                label_cells.append(c)
        while value_cells and len(value_cells) > ncols and not value_cells[-1][1].text.strip():
            value_cells.pop()
        labels = [norm_label(c.text) for c in label_cells]
        for lab in labels:
            if lab in _GROUPS:
                group = lab
        if not any(pv[0] is not None for _, _, pv in value_cells):
            continue
        spec = _match_request_row(tuple(labels), group)
        label_text = "".join(c.text.strip() for c in label_cells)
        if spec is None:
            table.notes.append(f"row {r} 「{label_text}」 is not a row of the 依申请 table")
            continue
        if spec.get("group") in _GROUPS:
            group = spec["group"] if spec["group"] != "本年度办理结果" else group
        ids = _request_ids(spec["id"])
        if 1 <= len(value_cells) < ncols and all(c.text.strip().isdigit() for _, c, _ in value_cells):
            _split_request_row(r, value_cells, ids, label_text, table, text)
            continue
        if len(value_cells) != ncols:
            table.notes.append(f"row {r} 「{label_text}」 has {len(value_cells)} values for {ncols} columns")
        for ind, (k, cell, (value, unit, _)) in zip(ids, value_cells):
            out.append(Cell(ind, r, k, value, cell.text, unit or "件", cell.start, cell.end, label_text))


def _split_request_row(r: int, value_cells: list, ids: tuple, label_text: str, table: Table, text: str) -> None:
    """A row whose column separators were lost ("200 000121"): split by the column sum."""
    a, b = value_cells[0][1].start, value_cells[-1][1].end
    cell = RawCell(text[a:b], a, b)
    split = split_flattened(cell.text, len(ids))
    if split is None:
        table.notes.append(f"row {r} 「{label_text}」: cannot split the digits 「{cell.text}」 into {len(ids)} columns unambiguously")
        return
    table.notes.append(f"row {r} 「{label_text}」: digits 「{cell.text}」 read as {split} (the only split where the columns add up)")
    for ind, (a, b, v) in zip(ids, split_spans(cell, split)):
        table.cells.append(Cell(ind, r, value_cells[0][0], v, cell.text[a - cell.start : b - cell.start], "件", a, b, label_text))


def split_flattened(raw: str, ncols: int) -> list[int] | None:
    """Split a run of digits that lost its column separators into ``ncols`` numbers so
    that the first ``ncols-1`` add up to the last (the 总计 column).  Spaces in the run
    are kept as boundaries.  Returns None when no split or more than one split fits."""
    s = halfwidth(raw).strip()
    if not re.fullmatch(r"[0-9]+(?:[ \t]+[0-9]+)*", s):
        return None
    digits = s.replace(" ", "").replace("\t", "")
    if len(digits) < ncols or len(digits) > 40:
        return None
    forced = set()
    pos = 0
    for part in re.split(r"[ \t]+", s)[:-1]:
        pos += len(part)
        forced.add(pos)
    inner = range(1, len(digits))
    free = [p for p in inner if p not in forced]
    need = ncols - 1 - len(forced)
    if need < 0:
        return None
    found = []
    for extra in combinations(free, need):
        cuts = sorted(forced | set(extra))
        parts = [digits[a:b] for a, b in zip([0] + cuts, cuts + [len(digits)])]
        if any(len(p) > 1 and p[0] == "0" for p in parts):
            continue
        nums = [int(p) for p in parts]
        if sum(nums[:-1]) == nums[-1]:
            found.append(nums)
            if len(found) > 1:
                return None
    return found[0] if found else None


def split_spans(cell: RawCell, nums: list[int]) -> list[tuple[int, int, int]]:
    """Canonical spans of each number of a flattened split."""
    out = []
    i = 0
    text = cell.text
    for n in nums:
        digits = str(n)
        while i < len(text) and not text[i].isdigit():
            i += 1
        a = i
        k = 0
        while k < len(digits) and i < len(text):
            if text[i].isdigit():
                k += 1
            i += 1
        out.append((cell.start + a, cell.start + i, n))
    return out


# --- 复议/诉讼 15 columns -------------------------------------------------------------


def _label_review(raw: RawTable, table: Table, context: str) -> None:
    cols = taxonomy().review_cols
    blocks = {"review": cols[0:5], "direct": cols[5:10], "after_review": cols[10:15]}
    # the block a 5-value row belongs to is named by the last line above the table
    above = [ln for ln in context.splitlines() if ln.strip() and "|" not in ln]
    ctx = re.sub(r"\s+", "", to_simplified(halfwidth(above[-1]))) if above else ""
    for r, row in enumerate(raw.rows):
        nums = [(k, c) for k, c in enumerate(row) if _num(c) or (is_blank(c.text) and k < 15)]
        labels = [c for c in row if not _num(c) and not is_blank(c.text)]
        if not any(_num(c) for _, c in nums):
            continue
        nums = [(k, c) for k, c in enumerate(row) if not labels or c not in labels]
        if len(nums) >= 15:
            targets = cols
        elif len(nums) == 5:
            which = "review"
            if "复议后起诉" in ctx:
                which = "after_review"
            elif "未经复议" in ctx or "直接起诉" in ctx:
                which = "direct"
            targets = blocks[which]
        else:
            table.notes.append(f"row {r} has {len(nums)} values, expected 15 (or 5 per block)")
            targets = cols[: len(nums)]
        for j, (k, cell) in enumerate(nums[: len(targets)]):
            table.cells.append(_value_cell(targets[j], r, k, cell, "件"))
