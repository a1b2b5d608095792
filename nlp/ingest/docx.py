"""A Word report → canonical text and its real tables.

``.docx`` is read with python-docx's XML: body paragraphs and tables in document order
(content controls opened, deleted revisions, field codes and the VML copy of text boxes
left out).  A table is read from its grid: ``gridSpan`` gives a cell's colspan,
``vMerge`` its rowspan, ``gridBefore`` skips grid columns; a merged cell's text appears
once, at its first row and column.  Lines are written as the other readers do
(:mod:`nlp.ingest.grid`).  Page headers and footers are not part of the body and never
reach the text.

``.doc`` (the old binary format) is converted to ``.docx`` by LibreOffice when its
``soffice``/``libreoffice`` program is installed; without it the error says what to
install.
"""
from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from nlp.ingest.errors import IngestError
from nlp.ingest.grid import GridCell, Piece, TextBuilder, join_pieces
from nlp.model import RawTable

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_SKIP = {W + "del", W + "delText", W + "instrText", W + "rPr", W + "pPr", W + "tblPr", W + "tcPr", W + "trPr",
         MC_FALLBACK}
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
CONVERT_TIMEOUT = 180


@dataclass
class DocxText:
    text: str
    tables: list[RawTable]
    page_meta: dict = field(default_factory=dict)


# ---------------------------------------------------------------- .doc


def libreoffice() -> str | None:
    """The LibreOffice program, if installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def doc_to_docx(data: bytes, timeout: int = CONVERT_TIMEOUT) -> bytes:
    """Convert a binary Word file to .docx with LibreOffice (headless)."""
    exe = libreoffice()
    if exe is None:
        raise IngestError(
            "unsupported_format",
            "Word .doc files are read through LibreOffice, which is not installed: install libreoffice "
            "(e.g. apt-get install libreoffice-writer-nogui) or save the file as .docx",
        )
    with tempfile.TemporaryDirectory(prefix="gongkai-doc-") as tmp:
        src = Path(tmp) / "report.doc"
        src.write_bytes(data)
        profile = (Path(tmp) / "profile").as_uri()  # a private profile: runs never lock each other
        cmd = [exe, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "docx", "--outdir", tmp, str(src)]
        try:
            proc = subprocess.run(cmd, capture_output=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired as exc:
            raise IngestError("unreadable", f"LibreOffice took more than {timeout} s to convert the .doc file") from exc
        out = Path(tmp) / "report.docx"
        if not out.exists():
            err = (proc.stderr or proc.stdout or b"").decode("utf-8", "replace").strip()[:200]
            raise IngestError("unreadable", f"LibreOffice could not convert the .doc file ({err or 'no output'})")
        return out.read_bytes()


# ---------------------------------------------------------------- .docx


def docx_to_text(data: bytes) -> DocxText:
    """Canonical text and tables of a .docx; IngestError if it is not one."""
    if data.startswith(OLE_MAGIC):  # a .doc saved under a .docx name
        data = doc_to_docx(data)
    try:
        import docx
    except ImportError as exc:  # pragma: no cover - a dependency of the package
        raise IngestError("unsupported_format", "reading Word files needs python-docx: pip install python-docx") from exc
    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise IngestError("unsupported_format", f"not a readable Word .docx file ({type(exc).__name__})") from exc
    except Exception as exc:  # python-docx/lxml parse errors of a damaged package
        raise IngestError("unsupported_format", f"not a readable Word .docx file ({type(exc).__name__}: {exc})"[:200]) from exc
    builder = TextBuilder("docx")
    _blocks(document.element.body, builder)
    text, _, tables = builder.result()
    meta = {}
    title = (document.core_properties.title or "").strip()
    if title:
        meta["title"] = title
    return DocxText(text, tables, meta)


def _blocks(parent, builder: TextBuilder) -> None:
    for el in parent.iterchildren():
        if el.tag == W + "p":
            for line in paragraph_lines(el):
                builder.line(line)
        elif el.tag == W + "tbl":
            builder.table(table_cells(el))
        elif el.tag in (W + "sdt", W + "sdtContent", W + "customXml"):
            _blocks(el.find(W + "sdtContent") if el.tag == W + "sdt" else el, builder)


def paragraph_lines(p) -> list[Piece]:
    """A paragraph's text; a manual line break (w:br, w:cr) starts a new line."""
    lines = [[]]

    def walk(el) -> None:
        for child in el.iterchildren():
            tag = child.tag
            if tag in _SKIP or not isinstance(tag, str):
                continue
            if tag == W + "t":
                lines[-1].append(child.text or "")
            elif tag == W + "tab":
                lines[-1].append(" ")
            elif tag in (W + "br", W + "cr"):
                if child.get(W + "type") in (None, "textWrapping"):
                    lines.append([])
            elif tag == W + "noBreakHyphen":
                lines[-1].append("-")
            elif tag == W + "sym":
                continue
            else:
                walk(child)

    walk(p)
    return [Piece("".join(parts)) for parts in lines]


def _cell_text(tc) -> Piece:
    lines: list[Piece] = []
    for el in tc.iter(W + "p"):
        lines += paragraph_lines(el)
    return join_pieces(lines)


def _int(el, name: str, default: int) -> int:
    if el is None:
        return default
    try:
        return int(el.get(W + name, default))
    except ValueError:
        return default


def table_cells(tbl) -> list[GridCell]:
    """The grid of a Word table, merged cells once with their spans."""
    cells: list[GridCell] = []
    open_cells: dict[int, GridCell] = {}  # grid column → the cell a vMerge continues
    for r, tr in enumerate(tbl.iterchildren(W + "tr")):
        trpr = tr.find(W + "trPr")
        col = _int(trpr.find(W + "gridBefore") if trpr is not None else None, "val", 0)
        for tc in tr.iterchildren(W + "tc"):
            pr = tc.find(W + "tcPr")
            span = max(1, _int(pr.find(W + "gridSpan") if pr is not None else None, "val", 1))
            vm = pr.find(W + "vMerge") if pr is not None else None
            text = _cell_text(tc)
            above = open_cells.get(col)
            if vm is not None and vm.get(W + "val") in (None, "continue") and above is not None \
                    and above.row + above.rowspan == r:
                above.rowspan += 1
                if text:
                    above.content = join_pieces([above.content, text])
            else:
                cell = GridCell(r, col, text, 1, span)
                cells.append(cell)
                for k in range(col, col + span):
                    open_cells[k] = cell
            col += span
    return cells
