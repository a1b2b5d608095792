"""Table layouts in plain text → RawTable (rows of cells with canonical offsets).

Layouts seen in real reports:
- ``cell_per_line``: one cell per line, cells closed by a line holding only ``|``
  (the 2008 附表 as scraped, seed 000);
- ``pipe``: one row per line, cells split by ``|``, merged cells left empty (seeds 003,
  004; Markdown tables are the same with outer pipes and a ``---`` separator row);
- ``flat``: a row label followed by its numbers on one line, with no separators
  ("行政许可 97", "一、本年新收政府信息公开申请数量200 000121").
HTML tables come from :mod:`nlp.ingest.html` already as RawTables.
"""
from __future__ import annotations

import re

from nlp.model import RawCell, RawTable

_SEPARATOR_ROW = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_HEADER_WORD = re.compile(r"^(指\s*标|单\s*位|数\s*量|本年度|本年|历年累计|累计|计量单位|统计指标|项\s*目|序号)$")
_FLAT_ROW = re.compile(
    r"^(?P<label>[^|\n]*?[\u4e00-\u9fff）)”\"])[ \t\u3000]*(?P<nums>[0-9０-９][0-9０-９ \t.,，+\-]*)$"
)
_NUMS_ONLY = re.compile(r"^[0-9０-９]+([ \t]+[0-9０-９]+){4,}$")


def _lines_list(text: str) -> list[tuple[int, int, str]]:
    out = []
    pos = 0
    for raw in text.split("\n"):
        line = raw[:-1] if raw.endswith("\r") else raw
        out.append((pos, pos + len(line), line))
        pos += len(raw) + 1
    return out


def _outside(lines, skip):
    """The lines that do not start inside a ``skip`` span (sorted, merged); a line that
    does is given as None, so readers still see the break it makes."""
    if not skip:
        return lines
    out = []
    k = 0
    for item in lines:
        a = item[0]
        while k < len(skip) and skip[k][1] <= a:
            k += 1
        out.append(None if k < len(skip) and skip[k][0] <= a else item)
    return out


_WS = " \t\u3000\u00a0\r\n"


def _cell(text: str, a: int, b: int) -> RawCell:
    """The cell text[a:b] without surrounding white space, with its own offsets."""
    part = text[a:b]
    core = part.strip(_WS)
    if not core:
        return RawCell("", a, a)
    lead = len(part) - len(part.lstrip(_WS))
    return RawCell(core, a + lead, a + lead + len(core))


# a line holding only "|" (the regex engine scans for the literal newline first)
_BAR_LINE = re.compile(r"\n[^\S\n]*\|[^\S\n]*(?:\n|$)")


def read_cell_per_line(text: str, lines=None) -> list[RawTable]:
    """Tables written one cell per line with lone ``|`` lines closing each cell."""
    if not _BAR_LINE.search("\n" + text[:200]) and not _BAR_LINE.search(text):
        return []
    lines = lines if lines is not None else _lines_list(text)
    bar = [ln.strip() == "|" for (_, _, ln) in lines]
    tables: list[RawTable] = []
    i = 0
    n = len(lines)
    while i < n:
        if not bar[i]:
            i += 1
            continue
        # a run of bars no more than 3 lines apart
        first = i
        last = i
        j = i + 1
        while j < n:
            if bar[j]:
                last = j
                j += 1
                continue
            k = j
            while k < n and not bar[k] and k - last <= 3:
                k += 1
            if k < n and bar[k] and k - last <= 3:
                j = k
                continue
            break
        if first == last:  # a single stray bar is not a table
            i = last + 1
            continue
        cells: list[RawCell] = []
        # first cell: the line just above the first bar
        seg_start = first - 1 if first > 0 and lines[first - 1][2].strip() else first
        prev = seg_start
        for b in range(first, last + 1):
            if not bar[b]:
                continue
            if prev == b:  # empty cell: two bars in a row
                pos = lines[b][0]
                cells.append(RawCell("", pos, pos))
            else:
                a = lines[prev][0]
                e = lines[b - 1][1]
                cells.append(_cell(text, a, e))
            prev = b + 1
        width = 0
        for c in cells:
            if _HEADER_WORD.match(c.text.replace(" ", "")):
                width += 1
            else:
                break
        width = width if width >= 2 else 3
        rows = [cells[k : k + width] for k in range(0, len(cells), width)]
        start = lines[seg_start][0]
        end = lines[last][1]
        tables.append(RawTable("cell_per_line", start, end, rows))
        i = last + 1
    return tables


def _split_pipe_line(text: str, a: int, b: int) -> list[RawCell]:
    """The cells of one ``a | b | c`` line (outer pipes of Markdown dropped), each with
    its own offsets; the hot loop of table reading, so ``_cell`` is inlined."""
    line = text[a:b]
    parts = line.split("|")
    cells = []
    pos = a
    ws = _WS
    for part in parts:
        core = part.strip(ws)
        if core:
            lead = len(part) - len(part.lstrip(ws))
            cells.append(RawCell(core, pos + lead, pos + lead + len(core)))
        else:
            cells.append(RawCell("", pos, pos))
        pos += len(part) + 1
    s = line.strip()
    if s.startswith("|") and cells and cells[0].text == "":
        cells = cells[1:]
    if s.endswith("|") and cells and cells[-1].text == "" and len(parts) > 2:
        cells = cells[:-1]
    return cells


def read_pipe_rows(text: str, lines=None, skip=()) -> list[RawTable]:
    """Runs of consecutive lines with ``|``-separated cells (Markdown included), outside
    the ``skip`` spans (tables already read from HTML, sorted and merged)."""
    if "|" not in text:
        return []
    lines = _outside(lines if lines is not None else _lines_list(text), skip)
    tables: list[RawTable] = []
    run: list[tuple[int, int, str]] = []

    def flush():
        if not run:
            return
        rows = []
        markdown = run[0][2].lstrip().startswith("|")
        for a, b, ln in run:
            if _SEPARATOR_ROW.match(ln):
                continue
            rows.append(_split_pipe_line(text, a, b))
        if rows and (len(rows) > 1 or len(rows[0]) > 1):
            tables.append(RawTable("markdown" if markdown else "pipe", run[0][0], run[-1][1], rows))
        run.clear()

    for item in lines:
        if item is not None and "|" in item[2] and len(item[2].strip()) > 1:
            run.append(item)
        else:
            flush()
    flush()
    return tables


def merge_spans(spans) -> list[tuple[int, int]]:
    """Spans sorted, overlapping ones joined."""
    out: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def read_flat_rows(text: str, taken: list[tuple[int, int]], lines=None) -> list[RawTable]:
    """Runs of lines 'label numbers' or 'numbers numbers …' outside other tables.

    Only candidates: whether a run is a table at all is decided by the labeller, which
    keeps a flat table only when its row labels are the template's.
    """
    lines = _outside(lines if lines is not None else _lines_list(text), merge_spans(taken))
    tables: list[RawTable] = []
    run: list[list[RawCell]] = []
    run_span = [0, 0]

    def flush():
        if run:
            tables.append(RawTable("flat", run_span[0], run_span[1], list(run)))
            run.clear()

    for item in lines:
        if item is None:
            flush()  # inside another table
            continue
        a, b, ln = item
        s = ln.strip()
        if not s or not s[-1].isdigit() or "|" in s:
            flush()  # a flat row ends with a number
            continue
        m = _FLAT_ROW.match(ln)
        if m and len(m.group("label")) <= 60:
            la, lb = m.span("label")
            na, nb = m.span("nums")
            row = [_cell(text, a + la, a + lb)] + _split_numbers(text, a + na, a + nb)
        elif _NUMS_ONLY.match(s):
            row = _split_numbers(text, a, b)
        else:
            flush()
            continue
        if not run:
            run_span[0] = a
        run_span[1] = b
        run.append(row)
    flush()
    return tables


def _split_numbers(text: str, a: int, b: int) -> list[RawCell]:
    """Numbers separated by whitespace, each a cell; a run of digits with single spaces
    inside may be one flattened row (the labeller decides)."""
    cells = []
    for m in re.finditer(r"[^ \t\u3000]+", text[a:b]):
        cells.append(RawCell(m.group(0), a + m.start(), a + m.end()))
    return cells


def read_text_tables(text: str, skip=()) -> list[RawTable]:
    """All tables in a plain-text/Markdown canonical text, in text order, outside the
    ``skip`` spans (tables already read from HTML, whose rendering is in the text)."""
    skip = merge_spans(skip)
    lines = _lines_list(text)
    tables = read_cell_per_line(text, lines) + read_pipe_rows(text, lines, skip)
    taken = [(t.start, t.end) for t in tables] + skip
    tables += read_flat_rows(text, taken, lines)
    tables.sort(key=lambda t: t.start)
    return tables
