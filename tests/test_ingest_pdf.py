"""nlp.ingest.pdf: tables from the page geometry, reflowed prose, page furniture gone.

Real reports are read from ../shared/corpus (skipped when absent); the project's own
fixtures (tests/fixtures/pdf, made by tests/fixtures/docx/make_fixtures.py from an
invented report) are committed, so no test needs LibreOffice.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("pdfplumber")

import nlp  # noqa: E402
from nlp.ingest import IngestError, load, load_bytes  # noqa: E402
from nlp.ingest.align import complete_tables  # noqa: E402
from nlp.structure.layouts import read_text_tables  # noqa: E402

from conftest import assert_qinghe_read, cells_by_indicator, CORPUS, real  # noqa: E402

FIXTURES = Path(__file__).resolve().parent / "fixtures"
QINGHE = FIXTURES / "pdf" / "qinghe-2023.pdf"
QINGHE_NARROW = FIXTURES / "pdf" / "qinghe-2023-narrow.pdf"
SCAN = FIXTURES / "pdf" / "scan.pdf"
EXPECTED = json.loads((FIXTURES / "docx" / "qinghe-2023.json").read_text(encoding="utf-8"))
COLS = ["natural_person", "business", "research", "public_interest", "legal_service", "other_org", "total"]

# 淮安市人民政府 2024, table 3 (收到和处理政府信息公开申请情况), read by hand from the
# rendered pages 4 and 5 of the PDF (the table breaks after 「1.本机关不掌握相关政府信息」).
HUAIAN_TABLE3 = {
    "requests.received": [3001, 53, 0, 0, 61, 4, 3119],
    "requests.carried_over": [34, 0, 0, 0, 0, 0, 34],
    "requests.result.disclosed": [1288, 21, 0, 0, 50, 3, 1362],
    "requests.result.partial": [447, 7, 0, 0, 0, 0, 454],
    "requests.result.withheld.state_secret": [2, 0, 0, 0, 0, 0, 2],
    "requests.result.withheld.law_prohibited": [30, 1, 0, 0, 0, 0, 31],
    "requests.result.withheld.security_stability": [5, 0, 0, 0, 0, 0, 5],
    "requests.result.withheld.third_party": [6, 0, 0, 0, 0, 0, 6],
    "requests.result.withheld.internal_affairs": [7, 1, 0, 0, 0, 0, 8],
    "requests.result.withheld.process_info": [12, 0, 0, 0, 0, 0, 12],
    "requests.result.withheld.enforcement_files": [9, 0, 0, 0, 0, 0, 9],
    "requests.result.withheld.query_matters": [105, 0, 0, 0, 0, 0, 105],
    "requests.result.unavailable.not_held": [746, 12, 0, 0, 10, 1, 769],
    "requests.result.unavailable.need_create": [11, 0, 0, 0, 0, 0, 11],
    "requests.result.unavailable.unclear": [1, 0, 0, 0, 0, 0, 1],
    "requests.result.not_processed.petition": [56, 6, 0, 0, 0, 0, 62],
    "requests.result.not_processed.duplicate": [25, 0, 0, 0, 0, 0, 25],
    "requests.result.not_processed.publication": [0, 0, 0, 0, 0, 0, 0],
    "requests.result.not_processed.massive_repeat": [0, 0, 0, 0, 0, 0, 0],
    "requests.result.not_processed.confirm_reissue": [1, 0, 0, 0, 0, 0, 1],
    "requests.result.other.overdue_correction": [67, 3, 0, 0, 1, 0, 71],
    "requests.result.other.unpaid_fees": [6, 0, 0, 0, 0, 0, 6],
    "requests.result.other.other_reason": [108, 2, 0, 0, 0, 0, 110],
    "requests.result": [2932, 53, 0, 0, 61, 4, 3050],
    "requests.carried_forward": [103, 0, 0, 0, 0, 0, 103],
}
HUAIAN_REVIEW = [72, 64, 178, 37, 351, 13, 4, 8, 1, 26, 12, 1, 1, 6, 20]
HUAIAN_ART20 = {
    "proactive.rules.issued": 1, "proactive.rules.repealed": 0, "proactive.rules.in_force": 11,
    "proactive.normative_docs.issued": 8, "proactive.normative_docs.repealed": 26,
    "proactive.normative_docs.in_force": 66, "proactive.licensing.decisions": 447228,
    "proactive.penalty.decisions": 3985758, "proactive.enforcement.decisions": 88283,
    "proactive.fees.amount": 96171.6,
}


@pytest.fixture(scope="module")
def huaian():
    return nlp.read(real(CORPUS / "huaian-gov-2024.pdf"))


# ---------------------------------------------------------------- the real PDF


def test_huaian_table3_every_cell(huaian):
    cells = cells_by_indicator(huaian)
    requests = [t for t in huaian.tables if t.kind == "requests"]
    assert len(requests) == 1 and requests[0].layout == "pdf" and not requests[0].notes
    assert len(requests[0].cells) == 25 * 7
    for base, values in HUAIAN_TABLE3.items():
        for col, value in zip(COLS, values):
            cell = cells[f"{base}.{col}"]
            assert cell.value == value, (base, col, cell.value)
            assert huaian.text[cell.start:cell.end] == str(value)  # offsets point at the cell
    got = lambda ind: cells[ind].value  # noqa: E731
    # 本年新收 + 上年结转 = （七）总计 + 结转下年度 (3119 + 34 = 3050 + 103)
    assert got("requests.received.total") + got("requests.carried_over.total") \
        == got("requests.result.total") + got("requests.carried_forward.total") == 3153


def test_huaian_other_tables(huaian):
    cells = cells_by_indicator(huaian)
    for ind, value in HUAIAN_ART20.items():
        assert cells[ind].value == value, ind
    review = next(t for t in huaian.tables if t.kind == "review_litigation")
    assert [c.value for c in review.cells] == HUAIAN_REVIEW
    assert cells["proactive.fees.amount"].unit == "万元"


def test_huaian_meta_and_sections(huaian):
    assert (huaian.meta.year, huaian.meta.template, huaian.meta.body) == (2024, "2021", "淮安市人民政府")
    top = [s.kind for s in huaian.sections if s.level == 1]
    assert top == ["overview", "proactive", "requests", "review_litigation", "problems_improvements", "other"]
    assert [s.title for s in huaian.sections if s.level == 2][:2] == ["（一）主动公开情况", "（二）依申请公开情况"]


def test_huaian_text_reflowed_without_page_furniture(huaian):
    text = huaian.text
    assert text.startswith("淮安市人民政府2024年政府信息公开工作年度报告\n")
    for page_number in ("- 1 -", "-1-", "- 4 -", "-4-"):
        assert page_number not in text
    # a paragraph running over the page 1/2 break is one line
    assert "“建设‘四最’一流营商环境高质量推进产业发展”" in text
    assert "\n（二）依申请公开情况。" in text and "答复3050件（含上年度结转申请34件，另有103件顺延到下年度答复）" in text
    # the vertical header and a label wrapped inside its cell come out whole
    assert "三、本年度办理结果 | （一）予以公开 | 1288" in text
    assert "（四）无法提供 | 1.本机关不掌握相关政府信息 | 746" in text
    assert "\n1、申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 | 67" not in text  # grouped
    assert "1、申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 | 67 | 3" in text


def test_huaian_positions_map_back_to_pages():
    doc = load(real(CORPUS / "huaian-gov-2024.pdf"))
    assert doc.fmt == "pdf" and len(doc.positions) == len(doc.text)
    i = doc.text.index("3119件")
    page, x, y = doc.positions[i]
    assert page == 2 and 400 < x < 450 and 250 < y < 265
    requests = doc.tables[1]
    first = requests.rows[3][1]  # 一、本年新收 … 自然人
    assert first.text == "3001" and doc.positions[first.start][0] == 4
    cont = next(row for row in requests.rows if row[0].text.startswith("2.没有现成信息"))
    assert doc.positions[cont[1].start][0] == 5  # after the page break, same table


def test_huaian_prose_claims_found_with_offsets(huaian):
    from nlp.claims import extract

    claims = {(c.text, c.value) for c in extract(huaian)}
    for text, value in [("3119件", 3119), ("3050件", 3050), ("34件", 34), ("103件", 103), ("351件", 351),
                        ("46件", 46), ("12场", 12), ("3940元", 3940)]:
        assert (text, value) in claims, text
    for c in extract(huaian):
        assert huaian.text[c.start:c.end] == c.text
    approx = next(c for c in extract(huaian) if c.text == "5500余条")
    assert approx.qualifier == "more_than" and approx.low == 5500


def test_huaian_check_table_arithmetic_holds(huaian):
    from nlp.checks import check

    findings, _ = check(huaian)
    assert not [f for f in findings if f.kind in ("table_internal", "template")]


def test_huaian_check_raises_no_finding(huaian):
    from nlp.checks import check
    from nlp.claims import extract

    assert [f.rule for f in check(huaian)[0]] == []
    # the bracketed aside and the two 其中 lists are read as written
    got = {c.text: (c.indicator, c.breakdown and c.breakdown["role"]) for c in extract(huaian)}
    assert got["3050件"] == ("requests.result.total", None)
    assert got["34件"] == ("requests.carried_over.total", None)
    assert got["103件"] == ("requests.carried_forward.total", None)
    assert got["351件"] == ("review.total", "total")
    assert got["46件"][1] == "total"


# ---------------------------------------------------------------- the project's fixtures


@pytest.mark.parametrize("path", [QINGHE, QINGHE_NARROW], ids=["fixture", "narrow-labels"])
def test_fixture_every_cell(path):
    r = nlp.read(path)
    assert_qinghe_read(r, EXPECTED)
    assert all(not t.notes for t in r.tables)


@pytest.mark.parametrize("path", [QINGHE, QINGHE_NARROW], ids=["fixture", "narrow-labels"])
def test_fixture_layout_features(path):
    doc = load(path)
    text = doc.text
    assert "青禾县人民政府政务公开专栏" not in text  # running header
    assert not any(f"- {n} -" in text or f"-{n}-" in text for n in range(1, 6))  # page numbers
    # the paragraph that runs over the page 1/2 break is one line
    assert "提供便利。同时在各乡镇便民服务中心设置公开栏，定期更新惠民政策和办事指南，方便群众就近获取信息。推进基层" in text
    assert "\n二、主动公开政府信息情况\n" in text and "\n（五）监督保障。" in text
    requests = doc.tables[1]
    assert requests.layout == "pdf" and len(requests.rows) == 28  # one table over the page break, header once
    assert text.count("（本列数据的勾稽关系为") == 1
    assert "三、本年度办理结果 | （一）予以公开 | 101" in text  # vertical header, one char per line
    assert "（五）不予处理 | 1.信访举报投诉类申请 | 9" in text  # merged label cut by the page break
    assert "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 | 6 | 1" in text  # wrapped label
    review = doc.tables[2]
    assert [c.text for c in review.rows[1][:5]] == ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]  # tbRl text


def test_fixture_check_raises_nothing():
    from nlp.checks import check

    assert check(nlp.read(QINGHE))[0] == []


def test_scanned_pdf_is_a_clear_error():
    with pytest.raises(IngestError) as e:
        load(SCAN)
    assert e.value.type == "no_text_layer" and "OCR" in e.value.message


def test_broken_pdf_is_an_error_not_a_crash():
    with pytest.raises(IngestError) as e:
        load_bytes(b"%PDF-1.4 not really", "x.pdf")
    assert e.value.type == "unsupported_format" and "PDF" in e.value.message


def test_pdf_reading_is_deterministic():
    a, b = load(QINGHE), load(QINGHE)
    assert a.text == b.text and a.tables == b.tables and a.positions == b.positions and a.doc_id == b.doc_id


# ---------------------------------------------------------------- template-aware recovery


def _completed(path):
    """What ``structure`` gives once it calls ``complete_tables`` (see nlp/ingest/align.py)."""
    doc = load(path)
    report = nlp.read(path)
    raws = list(doc.tables) + read_text_tables(doc.text)
    complete_tables(report.tables, raws, report.text, report.meta.template)
    return report


def test_label_less_rows_are_placed_by_template_order_and_identities():
    r = _completed(real(CORPUS / "shanghai-stcsm-2024.txt"))
    cells = cells_by_indicator(r)
    # rows whose labels text extraction tore away, placed between their labelled neighbours
    assert [cells[f"requests.result.partial.{c}"].value for c in COLS] == [0] * 7
    assert [cells[f"requests.result.withheld.internal_affairs.{c}"].value for c in COLS] == [1, 0, 0, 0, 0, 0, 1]
    assert [cells[f"requests.result.unavailable.not_held.{c}"].value for c in COLS] == [4, 0, 0, 0, 0, 0, 4]
    assert [cells[f"requests.result.unavailable.need_create.{c}"].value for c in COLS] == [6, 0, 0, 0, 0, 0, 6]
    assert [cells[f"requests.result.other.overdue_correction.{c}"].value for c in COLS] == [8, 2, 0, 0, 0, 0, 10]
    notes = [n for t in r.tables for n in t.notes]
    placed = [n for n in notes if "has no label" in n]
    assert len(placed) == 10 and all("confidence medium" in n for n in placed)  # 结转下年度 总计 is blank
    assert not [n for n in notes if "is not a row of the 依申请 table" in n]
    # the figures add up: the sub-rows of （七）总计 in the 总计 column
    parts = [k for k in cells if k.startswith("requests.result.") and k.endswith(".total") and k != "requests.result.total"]
    assert sum(cells[k].value for k in parts) == cells["requests.result.total"].value == 35


def test_recovery_never_guesses_when_placements_are_ambiguous():
    from nlp.ingest.align import recover_request_rows
    from nlp.structure.labeller import label_table

    text = ("三、收到和处理政府信息公开申请情况\n"
            "一、本年新收政府信息公开申请数量 | 5 | 0 | 0 | 0 | 0 | 0 | 5\n"
            "| 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n"
            "四、结转下年度继续办理 | 0 | 0 | 0 | 0 | 0 | 0 | 0\n")
    raws = read_text_tables(text)
    tables = [label_table(t, text, f"t{i}") for i, t in enumerate(raws)]
    pairs = [(t, rw) for t, rw in zip(tables, raws) if t.kind == "requests"]
    assert pairs, [t.kind for t in tables]
    recover_request_rows(pairs)
    notes = [n for t, _ in pairs for n in t.notes]
    assert any("not placed" in n for n in notes)
    assert not any(c.indicator and ".result." in c.indicator for t, _ in pairs for c in t.cells)
