"""nlp.ingest.docx: Word reports from their real table objects, merged cells once.

The blank national template is read from ../shared/corpus (skipped when absent); the
filled-in copy is made here with python-docx; the project's own invented report is in
tests/fixtures/docx.  The .doc path needs LibreOffice and is skipped without it.
"""
from __future__ import annotations

import io
import json
import shutil
import subprocess
from pathlib import Path

import pytest

docx = pytest.importorskip("docx")

import nlp  # noqa: E402
from nlp.ingest import IngestError, load, load_bytes  # noqa: E402
from nlp.ingest.align import complete_tables, spec  # noqa: E402
from nlp.ingest.docx import OLE_MAGIC  # noqa: E402
from nlp.structure.layouts import read_text_tables  # noqa: E402

from conftest import assert_qinghe_read, cells_by_indicator, CORPUS, real  # noqa: E402

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "docx"
QINGHE = FIXTURES / "qinghe-2023.docx"
EXPECTED = json.loads((FIXTURES / "qinghe-2023.json").read_text(encoding="utf-8"))
COLS = list(spec().columns)
ART20_IDS = [f"proactive.{row}.{col}" for row in ("rules", "normative_docs") for col in ("issued", "repealed", "in_force")] + [
    "proactive.licensing.decisions", "proactive.penalty.decisions", "proactive.enforcement.decisions", "proactive.fees.amount"]
REVIEW_IDS = ["review.upheld", "review.corrected", "review.other", "review.pending", "review.total"] + [
    f"litigation.{b}.{k}" for b in ("direct", "after_review") for k in ("upheld", "corrected", "other", "pending", "total")]


def completed(path_or_bytes, name="report.docx"):
    """The report as ``structure`` gives it once it calls ``complete_tables``."""
    doc = load(path_or_bytes) if isinstance(path_or_bytes, Path) else load_bytes(path_or_bytes, name)
    from nlp.structure import structure

    report = structure(doc)
    raws = list(doc.tables) + read_text_tables(doc.text)
    complete_tables(report.tables, raws, report.text, report.meta.template)
    return report


# ---------------------------------------------------------------- the national template


def test_blank_template_gives_the_whole_grid_with_empty_values():
    r = completed(real(CORPUS / "template-2021.docx"))
    kinds = [t.kind for t in r.tables]
    assert kinds == ["art20", "requests", "review_litigation"] and all(t.layout == "docx" for t in r.tables)
    cells = cells_by_indicator(r)
    requests = {k: c for k, c in cells.items() if k.startswith("requests.")}
    # the 2021 template's 依申请 table: 25 value rows × 7 columns
    assert sorted(requests) == sorted(f"{row}.{col}" for row in spec().rows for col in COLS)
    assert len(requests) == 25 * 7
    assert [k for k in cells if k.startswith("proactive.")] == ART20_IDS
    assert [c.indicator for c in r.tables[2].cells] == REVIEW_IDS
    assert all(c.value is None for c in cells.values())  # blank is not 0
    for c in cells.values():
        assert r.text[c.start:c.end] == c.raw == ""
    assert r.meta.template == "2021"


def test_blank_template_text_has_merged_cells_once():
    doc = load(real(CORPUS / "template-2021.docx"))
    assert doc.fmt == "docx" and [len(t.rows) for t in doc.tables] == [14, 28, 4]
    assert doc.text.count("三、本年度办理结果") == 1 and doc.text.count("（三）不予公开") == 1
    assert "\n商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他\n" in doc.text  # "商业/企业" joined
    header = doc.tables[1].rows[0]
    assert (header[0].rowspan, header[0].colspan, header[1].colspan) == (3, 3, 7)


def fill_template(values: dict) -> bytes:
    """The blank template with every value cell filled in, the way a body fills it in Word."""
    d = docx.Document(str(real(CORPUS / "template-2021.docx")))
    art20, req, review = d.tables
    spots = {2: ("rules", 3), 3: ("normative_docs", 3), 6: ("licensing.decisions", 1), 9: ("penalty.decisions", 1),
             10: ("enforcement.decisions", 1), 13: ("fees.amount", 1)}
    for r, (row, n) in spots.items():
        cells = art20.rows[r].cells
        if n == 3:
            for k, col in enumerate(("issued", "repealed", "in_force")):
                cells[1 + k].text = str(values[f"proactive.{row}.{col}"])
        else:
            cells[1].text = str(values[f"proactive.{row}"])
    for k, base in enumerate(spec().rows):
        cells = req.rows[3 + k].cells
        for j, col in enumerate(COLS):
            cells[3 + j].text = str(values[f"{base}.{col}"])
    for j, ind in enumerate(REVIEW_IDS):
        review.rows[3].cells[j].text = str(values[ind])
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def test_filled_in_template_round_trips():
    from nlp.structure import structure

    r = structure(load_bytes(fill_template(EXPECTED), "filled.docx"))
    got = {k: c.value for k, c in cells_by_indicator(r).items()}
    assert got == EXPECTED
    assert all(not t.notes for t in r.tables)


# ---------------------------------------------------------------- the project's fixture


def test_fixture_docx_every_cell_and_prose():
    r = nlp.read(QINGHE)
    assert_qinghe_read(r, EXPECTED)
    assert "青禾县人民政府政务公开专栏" not in r.text  # page header: not part of the body
    lines = r.text.split("\n")
    assert lines[:2] == ["青禾县人民政府", "2023年政府信息公开工作年度报告"]
    assert "一、总体情况" in lines and "三、收到和处理政府信息公开申请情况" in lines
    assert "三、本年度办理结果 | （一）予以公开 | 101 | 15 | 1 | 0 | 4 | 1 | 122" in lines


def test_docx_reading_is_deterministic():
    a, b = load(QINGHE), load(QINGHE)
    assert a.text == b.text and a.tables == b.tables


def test_broken_docx_is_an_error_not_a_crash():
    with pytest.raises(IngestError) as e:
        load_bytes(b"PK\x03\x04 not a zip at all", "x.docx")
    assert e.value.type == "unsupported_format"


# ---------------------------------------------------------------- .doc


def test_doc_without_libreoffice_says_what_to_install(monkeypatch):
    import nlp.ingest.docx as reader

    monkeypatch.setattr(reader, "libreoffice", lambda: None)
    with pytest.raises(IngestError) as e:
        load_bytes(OLE_MAGIC + b"\x00" * 600, "old.doc")
    assert e.value.type == "unsupported_format" and "libreoffice" in e.value.message.lower()


@pytest.mark.skipif(not (shutil.which("soffice") or shutil.which("libreoffice")),
                    reason="LibreOffice is not installed: .doc files are converted with it")
def test_doc_is_read_through_libreoffice(tmp_path):
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    subprocess.run([exe, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
                    "--convert-to", "doc", "--outdir", str(tmp_path), str(QINGHE)],
                   check=True, capture_output=True, timeout=300)
    r = nlp.read(tmp_path / "qinghe-2023.doc")
    assert {k: c.value for k, c in cells_by_indicator(r).items()} == EXPECTED
