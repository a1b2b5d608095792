"""A PDF report → canonical text, tables read from the page geometry, and positions.

pdfplumber gives every character with its box and every ruling line and rectangle edge.
From those:

- **tables** are the cell boxes the ruling lines make (pdfplumber's ``lines`` strategy);
  a cell's text is the characters whose centre lies in its box, lines joined (a row label
  wrapped inside its cell, a vertical header set one character per line); a table that
  ends a page and one that starts the next page with the same left and right edges are
  one table (a header row the word processor repeated is dropped, a merged label cell cut
  by the page break is joined);
- **page furniture** (page numbers such as "- 4 -" or "— 1 —", running headers and
  footers) is dropped by position and pattern, also where it falls beside a table;
- **prose** is reflowed: the lines of a paragraph, also across a page break, are joined;
  headings (一、, （一）…), indented first lines and short last lines start and end
  paragraphs.

Tables are written into the text as ``cell | cell | …`` rows (:mod:`nlp.ingest.grid`),
so every ``RawCell`` points at its text.  ``positions[i]`` is the (page, x, y) of
character ``i`` of the text (1-based page, PDF points from the page's top left).
The rules (zones, patterns, tolerances) are data: ``nlp/resources/pdf.yaml``.
"""
from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from nlp.ingest.errors import IngestError
from nlp.ingest.grid import GridCell, Piece, TextBuilder, is_cjk, join_pieces
from nlp.model import RawTable
from nlp.resources import load_yaml

_NUMERIC = re.compile(r"[\d.,，%％\s\-—]+")


@dataclass
class PdfText:
    text: str
    positions: list  # (page, x, y) of every character of text
    tables: list[RawTable]
    page_meta: dict
    pages: int


# ---------------------------------------------------------------- rules


@dataclass(frozen=True)
class _Rules:
    header_zone: float
    footer_zone: float
    run_gap: float
    running_min_pages: int
    page_number: re.Pattern
    space_gap: float
    column_gap: float
    line_tolerance: float
    full_slack: float
    indent: float
    size_tolerance: float
    max_leading: float
    title_ratio: float
    heading: re.Pattern
    min_columns: int
    min_filled: int
    edge_tolerance: float
    join_tolerance: float
    settings: dict
    min_chars: int


@lru_cache(maxsize=1)
def rules() -> _Rules:
    d = load_yaml("pdf.yaml")
    m, t, r, tb = d["margins"], d["text"], d["reflow"], d["tables"]
    return _Rules(
        header_zone=m["header_zone"], footer_zone=m["footer_zone"], run_gap=m["run_gap"],
        running_min_pages=m["running_min_pages"],
        page_number=re.compile("|".join(f"(?:{p})" for p in d["page_number"])),
        space_gap=t["space_gap"], column_gap=t["column_gap"], line_tolerance=t["line_tolerance"],
        full_slack=r["full_slack"], indent=r["indent"], size_tolerance=r["size_tolerance"],
        max_leading=r["max_leading"], title_ratio=r["title_ratio"],
        heading=re.compile("(?:" + "|".join(d["headings"]) + ")"),
        min_columns=tb["min_columns"], min_filled=tb["min_filled"],
        edge_tolerance=tb["edge_tolerance"], join_tolerance=tb["join_tolerance"],
        settings=dict(tb["settings"]), min_chars=d["scan"]["min_chars"],
    )


# ---------------------------------------------------------------- glyphs and lines


@dataclass(slots=True)
class Glyph:
    text: str
    page: int
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    upright: bool = True

    @property
    def mid(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def position(self) -> tuple[int, float, float]:
        return (self.page, round(self.x0, 1), round(self.top, 1))


@dataclass
class Line:
    glyphs: list[Glyph]  # left to right
    piece: Piece = field(default_factory=Piece)

    @property
    def page(self) -> int:
        return self.glyphs[0].page

    @property
    def x0(self) -> float:
        return self.glyphs[0].x0

    @property
    def x1(self) -> float:
        return max(g.x1 for g in self.glyphs)

    @property
    def top(self) -> float:
        return min(g.top for g in self.glyphs)

    @property
    def bottom(self) -> float:
        return max(g.bottom for g in self.glyphs)

    @property
    def size(self) -> float:
        return Counter(round(g.size, 1) for g in self.glyphs).most_common(1)[0][0]


def group_lines(glyphs: list[Glyph], r: _Rules) -> list[Line]:
    """Glyphs → lines, top to bottom; each line's glyphs left to right."""
    lines: list[list[Glyph]] = []
    for g in sorted(glyphs, key=lambda g: (g.mid, g.x0)):
        if lines:
            cur = lines[-1]
            ref = cur[0]
            if abs(g.mid - ref.mid) <= r.line_tolerance * min(g.size, ref.size):
                cur.append(g)
                continue
        lines.append([g])
    out = []
    for gl in lines:
        gl.sort(key=lambda g: g.x0)
        out.append(Line(gl, line_piece(gl, r)))
    return out


def line_piece(glyphs: list[Glyph], r: _Rules) -> Piece:
    """The text of one line: a space only where the gap is a real one."""
    text: list[str] = []
    pos: list = []
    prev = None
    for g in glyphs:
        if prev is not None:
            gap = g.x0 - prev.x1
            size = max(g.size, prev.size)
            latin = not is_cjk(prev.text[-1]) and not is_cjk(g.text[0])
            if gap > r.column_gap * size or (latin and gap > r.space_gap * size):
                text.append(" ")
                pos.append(prev.position)
        text.append(g.text)
        pos.extend([g.position] * len(g.text))
        prev = g
    return Piece("".join(text), pos)


def cell_piece(glyphs: list[Glyph], r: _Rules) -> Piece:
    """A cell's text: its lines joined; a cell of rotated glyphs reads top to bottom."""
    if not glyphs:
        return Piece()
    if sum(not g.upright for g in glyphs) > len(glyphs) / 2:
        ordered = sorted(glyphs, key=lambda g: (-round(g.x0 / max(g.size, 1)), g.top))
        return Piece("".join(g.text for g in ordered), [g.position for g in ordered for _ in g.text])
    return join_pieces([ln.piece for ln in group_lines(glyphs, r)])


# ---------------------------------------------------------------- pages


@dataclass
class TablePart:
    """The piece of a table on one page: its cell boxes and the glyphs in each."""

    page: int
    bbox: tuple[float, float, float, float]
    boxes: list[tuple[float, float, float, float]]
    glyphs: list[list[Glyph]]


@dataclass
class Page:
    number: int
    width: float
    height: float
    glyphs: list[Glyph]
    parts: list[TablePart] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)

    def blocks(self) -> list:
        """Lines and table parts, top to bottom."""
        items = [(ln.top, 1, ln) for ln in self.lines] + [(p.bbox[1], 0, p) for p in self.parts]
        return [x for _, _, x in sorted(items, key=lambda t: (t[0], t[1]))]


def _glyphs(page, number: int) -> list[Glyph]:
    out = []
    w, h = page.width, page.height
    for c in page.chars:
        t = c.get("text") or ""
        if not t.strip():
            continue
        if c["x1"] < 0 or c["x0"] > w or c["bottom"] < 0 or c["top"] > h:
            continue  # outside the visible page
        out.append(Glyph(t, number, c["x0"], c["x1"], c["top"], c["bottom"], c.get("size") or (c["bottom"] - c["top"]),
                         bool(c.get("upright", True))))
    return out


def _cluster(values: list[float], tol: float) -> list[float]:
    """Sorted representative values: values within ``tol`` of the previous one merge."""
    out: list[list[float]] = []
    for v in sorted(values):
        if out and v - out[-1][-1] <= tol:
            out[-1].append(v)
        else:
            out.append([v])
    return [sum(g) / len(g) for g in out]


def _index(edges: list[float], v: float) -> int:
    return min(range(len(edges)), key=lambda i: abs(edges[i] - v))


def _find_parts(page, number: int, glyphs: list[Glyph], r: _Rules) -> tuple[list[TablePart], list[Glyph]]:
    """Tables on one page and the glyphs left outside them."""
    parts: list[TablePart] = []
    free = list(glyphs)
    for t in page.find_tables(r.settings):
        boxes = [tuple(c) for c in t.cells]
        if not boxes:
            continue
        xs = _cluster([b[0] for b in boxes] + [b[2] for b in boxes], r.edge_tolerance)
        if len(xs) - 1 < r.min_columns:
            continue
        inside: list[list[Glyph]] = [[] for _ in boxes]
        rest = []
        for g in free:
            cx, cy = (g.x0 + g.x1) / 2, g.mid
            k = next((i for i, b in enumerate(boxes) if b[0] <= cx <= b[2] and b[1] <= cy <= b[3]), None)
            if k is None:
                rest.append(g)
            else:
                inside[k].append(g)
        if sum(1 for gl in inside if gl) < r.min_filled:
            continue
        parts.append(TablePart(number, tuple(t.bbox), boxes, inside))
        free = rest
    return parts, free


def _read_pages(pdf) -> tuple[list[Page], list]:
    """The pages' glyphs, and the pdfplumber pages (deduplicated: fake bold drawn twice)."""
    pages, plumbed = [], []
    for i, p in enumerate(pdf.pages, start=1):
        p = p.dedupe_chars()
        pages.append(Page(i, float(p.width), float(p.height), _glyphs(p, i)))
        plumbed.append(p)
    return pages, plumbed


# ---------------------------------------------------------------- page furniture


def _runs(line: Line, r: _Rules) -> list[list[Glyph]]:
    """A line split where glyphs lie far apart: a page number beside other text is a run."""
    runs = []
    cur = [line.glyphs[0]]
    for g in line.glyphs[1:]:
        if g.x0 - cur[-1].x1 > r.run_gap * max(g.size, cur[-1].size):
            runs.append(cur)
            cur = []
        cur.append(g)
    runs.append(cur)
    return runs


def drop_furniture(pages: list[Page], r: _Rules) -> int:
    """Remove page numbers and running headers/footers; return how many glyphs went.

    In the header and footer zones: a run that is a decorated page number ("- 4 -",
    "第4页") goes wherever it is, also inside a table; a bare number goes when it is
    alone on its line outside tables; text outside tables that recurs (digits masked)
    on ``running_min_pages`` pages is a running header or footer."""
    candidates = []  # (page, run, text, alone, in_table)
    for pg in pages:
        top, bottom = r.header_zone * pg.height, (1 - r.footer_zone) * pg.height
        in_zone = lambda g: g.bottom <= top or g.top >= bottom  # noqa: E731
        in_table = {id(g) for p in pg.parts for gl in p.glyphs for g in gl}
        zone = [g for g in pg.glyphs if in_zone(g)] + [g for p in pg.parts for gl in p.glyphs for g in gl if in_zone(g)]
        for ln in group_lines(zone, r):
            runs = _runs(ln, r)
            for run in runs:
                text = "".join(g.text for g in run).strip()
                candidates.append((pg, run, text, len(runs) == 1, id(run[0]) in in_table))
    key = lambda s: re.sub(r"\d+", "#", re.sub(r"\s+", "", s))  # noqa: E731
    pages_with = Counter(k for _, k in {(pg.number, key(t)) for pg, _, t, _, inside in candidates if not inside})
    gone = set()
    for pg, run, text, alone, inside in candidates:
        if r.page_number.fullmatch(text) and not text.isdigit():
            gone.update(id(g) for g in run)
        elif not inside and alone and (text.isdigit() and len(text) <= 4 or pages_with[key(text)] >= r.running_min_pages):
            gone.update(id(g) for g in run)
    for pg in pages:
        pg.glyphs = [g for g in pg.glyphs if id(g) not in gone]
        for p in pg.parts:
            p.glyphs = [[g for g in gl if id(g) not in gone] for gl in p.glyphs]
    return len(gone)


# ---------------------------------------------------------------- tables across pages


def _joined_parts(pages: list[Page], r: _Rules) -> list:
    """All blocks of the document in reading order; a table continued on the next page
    is one block (a list of TableParts)."""
    out: list = []
    prev_page_blocks: list = []
    for pg in pages:
        blocks = pg.blocks()
        for k, b in enumerate(blocks):
            if isinstance(b, TablePart):
                last = out[-1] if out else None
                if (k == 0 and isinstance(last, list) and prev_page_blocks and last[-1] is prev_page_blocks[-1]
                        and last[-1].page == pg.number - 1
                        and abs(last[-1].bbox[0] - b.bbox[0]) <= r.join_tolerance
                        and abs(last[-1].bbox[2] - b.bbox[2]) <= r.join_tolerance):
                    last.append(b)
                else:
                    out.append([b])
            else:
                out.append(b)
        prev_page_blocks = blocks
    return out


def _row_texts(cells: list[GridCell], row: int) -> list[str]:
    return [c.content.text for c in sorted(cells, key=lambda c: c.col) if c.row == row]


def table_cells(parts: list[TablePart], r: _Rules) -> list[GridCell]:
    """Cell grid of a table made of one part per page."""
    xs: list[float] = []
    for p in parts:  # a later page's edges snap to the first page's (pages shift a little)
        for v in _cluster([v for b in p.boxes for v in (b[0], b[2])], r.edge_tolerance):
            near = min(xs, key=lambda x: abs(x - v), default=None)
            if near is None or abs(near - v) > (r.join_tolerance if p is not parts[0] else 0):
                xs.append(v)
        xs.sort()
    cells: list[GridCell] = []
    offset = 0
    for p in parts:
        ys = _cluster([v for b in p.boxes for v in (b[1], b[3])], r.edge_tolerance)
        part = []
        for box, gl in zip(p.boxes, p.glyphs):
            c0, c1 = _index(xs, box[0]), _index(xs, box[2])
            r0, r1 = _index(ys, box[1]), _index(ys, box[3])
            if c1 <= c0 or r1 <= r0:
                continue
            part.append(GridCell(offset + r0, c0, cell_piece(gl, r), r1 - r0, c1 - c0))
        nrows = len(ys) - 1
        if cells:
            part, nrows = _drop_repeated_header(cells, part, offset, nrows)
            _continue_cells(cells, part, offset)
        cells += part
        offset += nrows
    return _renumber(cells)


def _drop_repeated_header(cells: list[GridCell], part: list[GridCell], offset: int, nrows: int):
    """Rows at the top of a continued part that repeat the table's first rows go."""
    k = 0
    while k < nrows:
        head = _row_texts(cells, k)
        row = _row_texts(part, offset + k)
        if not head or head != row or not any(head):
            break
        k += 1
    if not k:
        return part, nrows
    kept = [c for c in part if c.row >= offset + k]
    for c in kept:
        c.row -= k
    return kept, nrows - k


def _is_num(cell: GridCell) -> bool:
    return bool(cell.content.text) and bool(_NUMERIC.fullmatch(cell.content.text))


def _continue_cells(cells: list[GridCell], part: list[GridCell], boundary: int) -> None:
    """Join what the page break cut: a row broken across the pages, or merged label cells.

    A row broken across pages: the new part's first row has text but is empty wherever
    the last row above has numbers; each of its cells goes on the cell above it.
    Otherwise, in the first row, a label cell with another label cell to its right (a
    group label such as 「（四）无法提供」 or the vertical 「三、本年度办理结果」) continues
    the cell above it when it is empty or does not start a new item."""
    first = sorted((c for c in part if c.row == boundary), key=lambda c: c.col)
    above = {(c.col, c.colspan): c for c in cells if c.row + c.rowspan == boundary}
    last_row = [c for c in above.values() if c.row == max(x.row for x in above.values())] if above else []
    numbers = [c for c in last_row if _is_num(c)]
    if first and numbers and not any(_is_num(c) for c in first) and any(c.content.text for c in first) \
            and all(not c.content.text for c in first if any(_overlaps(c, n) for n in numbers)):
        for c in first:
            _extend(above.get((c.col, c.colspan)), c, part)
        return
    labels = []
    for c in first:
        if _is_num(c):
            break
        labels.append(c)
    heading = rules().heading
    for c in labels[:-1]:
        a = above.get((c.col, c.colspan))
        if a is not None and not (c.content.text and (not a.content.text or heading.match(c.content.text))):
            _extend(a, c, part)


def _overlaps(a: GridCell, b: GridCell) -> bool:
    return a.col < b.col + b.colspan and b.col < a.col + a.colspan


def _extend(a: GridCell | None, c: GridCell, part: list[GridCell]) -> None:
    """Cell ``c`` (first row of a page) is the rest of cell ``a`` (last row before it)."""
    if a is None:
        return
    if c.content.text:
        a.content = join_pieces([a.content, c.content])
    a.rowspan += c.rowspan
    part.remove(c)


def _renumber(cells: list[GridCell]) -> list[GridCell]:
    """Drop grid rows and columns no cell starts in (thin slivers between edges)."""
    rows = sorted({c.row for c in cells})
    cols = sorted({c.col for c in cells})
    rmap = {v: i for i, v in enumerate(rows)}
    cmap = {v: i for i, v in enumerate(cols)}
    out = []
    for c in cells:
        end_r = sum(1 for v in rows if c.row <= v < c.row + c.rowspan)
        end_c = sum(1 for v in cols if c.col <= v < c.col + c.colspan)
        out.append(GridCell(rmap[c.row], cmap[c.col], c.content, max(end_r, 1), max(end_c, 1)))
    return out


# ---------------------------------------------------------------- prose


@dataclass
class _Metrics:
    body_size: float
    left: float
    right: float


def _metrics(lines: list[Line]) -> _Metrics:
    if not lines:
        return _Metrics(12.0, 0.0, 0.0)
    sizes = Counter()
    for ln in lines:
        sizes[round(ln.size)] += len(ln.glyphs)
    body = sizes.most_common(1)[0][0]
    body_lines = [ln for ln in lines if abs(ln.size - body) <= 1]
    left = Counter(round(ln.x0) for ln in body_lines).most_common(1)[0][0]
    right = Counter(round(ln.x1) for ln in body_lines).most_common(1)[0][0]
    return _Metrics(float(body), float(left), float(right))


def _continues(a: Line, b: Line, m: _Metrics, r: _Rules) -> bool:
    """Does line ``b`` carry on the paragraph that line ``a`` is in?"""
    if b.page not in (a.page, a.page + 1):
        return False
    title_a, title_b = a.size >= r.title_ratio * m.body_size, b.size >= r.title_ratio * m.body_size
    if title_a or title_b:
        return (title_a and title_b and abs(a.size - b.size) <= 0.5 and a.page == b.page
                and b.top - a.bottom <= r.max_leading * a.size
                and not r.heading.match(b.piece.text))
    if abs(a.size - b.size) > r.size_tolerance:
        return False
    if a.page == b.page and b.top - a.bottom > r.max_leading * a.size:
        return False
    if a.x1 < m.right - r.full_slack * a.size:
        return False
    if b.x0 > m.left + r.indent * b.size:
        return False
    return not r.heading.match(b.piece.text)


# ---------------------------------------------------------------- the whole document


def pdf_to_text(data: bytes) -> PdfText:
    """Canonical text, tables and positions of a PDF; IngestError if it cannot be read."""
    try:
        import pdfplumber
    except ImportError as exc:  # pragma: no cover - a dependency of the package
        raise IngestError("unsupported_format", "reading PDF needs pdfplumber: pip install pdfplumber") from exc
    r = rules()
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        with pdf:
            return _convert(pdf, r)
    except IngestError:
        raise
    except Exception as exc:  # pdfminer's many parse errors, encrypted files
        name = type(exc).__name__
        hint = "it is encrypted" if "Password" in name or "Encrypt" in name else f"{name}: {exc}"[:200]
        raise IngestError("unsupported_format", f"not a readable PDF ({hint})") from exc


def _convert(pdf, r: _Rules) -> PdfText:
    pages, plumbed = _read_pages(pdf)
    visible = sum(len(p.glyphs) for p in pages)
    if visible < r.min_chars:
        raise IngestError(
            "no_text_layer",
            f"the PDF has no text layer ({len(pages)} page(s), {visible} characters of text): it looks "
            "scanned; OCR is not supported yet, run the file through OCR first",
        )
    cid = sum(1 for p in pages for g in p.glyphs if g.text.startswith("(cid:"))
    if cid > visible / 2:
        raise IngestError("no_text_layer", "the PDF's fonts carry no Unicode text (only glyph ids): treat it as a scan and OCR it")
    for pg, plumb in zip(pages, plumbed):
        pg.parts, pg.glyphs = _find_parts(plumb, pg.number, pg.glyphs, r)
    drop_furniture(pages, r)
    for pg in pages:
        pg.lines = group_lines([g for g in pg.glyphs if g.upright], r)
    metrics = _metrics([ln for pg in pages for ln in pg.lines])
    builder = TextBuilder("pdf")
    para: list[Line] = []

    def flush() -> None:
        if para:
            builder.line(join_pieces([ln.piece for ln in para]))
            para.clear()

    for block in _joined_parts(pages, r):
        if isinstance(block, list):
            flush()
            builder.table(table_cells(block, r))
        elif para and _continues(para[-1], block, metrics, r):
            para.append(block)
        else:
            flush()
            para.append(block)
    flush()
    text, positions, tables = builder.result()
    return PdfText(text, positions, tables, {"pages": len(pages)}, len(pages))
