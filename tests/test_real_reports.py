"""Year, template, body and sections of every real report available in ../shared."""
import pytest

import nlp
from conftest import CORPUS, SEEDS, real

EXPECTED = [
    # file, year, template, body (None where the report never names itself), published
    (SEEDS / "000_457548a6ce8d5a87.txt", 2016, "2008", None, "2017-03-08"),
    (SEEDS / "001_ff39032f2697628d.txt", 2016, "2008", "株洲云龙示范区", "2017-03-15"),
    (SEEDS / "002_4b1efffe85272978.txt", 2016, "2008", "衡山县民政局", None),
    (SEEDS / "003_f212208c6db53b6f.txt", 2020, "2019", "文成县人力资源和社会保障局", None),
    (SEEDS / "004_4c21ac5b5858e8ab.txt", 2020, "2019", "衡阳市民政局", "2021-01-29"),
    (CORPUS / "shanghai-stcsm-2024.txt", 2024, "2021", "上海市科委", None),
    (CORPUS / "shanghai-gov-office-2025.txt", 2025, "2021", "上海市人民政府办公厅", None),
    (CORPUS / "shuyang-county-gov-2025.md", 2025, "2021", "沭阳县人民政府", "2026-01-23"),
]


@pytest.mark.parametrize("path,year,template,body,published", EXPECTED, ids=lambda x: getattr(x, "name", None))
def test_meta(path, year, template, body, published):
    m = nlp.read(real(path)).meta
    assert (m.year, m.template, m.body, m.published) == (year, template, body, published)


TOP_KINDS = {
    "000_457548a6ce8d5a87.txt": ["overview", "proactive", "response", "requests", "consultation", "review_litigation",
                                 "fees", "organisation", "meetings_training", "problems_improvements", "appendix_table"],
    "001_ff39032f2697628d.txt": ["overview", "proactive", "requests", "consultation", "review_litigation", "problems_improvements"],
    "002_4b1efffe85272978.txt": ["overview", "proactive", "requests", "consultation", "review_litigation", "fees", "problems_improvements"],
    "003_f212208c6db53b6f.txt": ["overview", "proactive", "requests", "review_litigation", "problems_improvements", "other"],
    "004_4c21ac5b5858e8ab.txt": ["overview", "proactive", "requests", "review_litigation", "problems_improvements", "other"],
    "shuyang-county-gov-2025.md": ["overview", "proactive", "requests", "review_litigation", "problems_improvements", "other"],
}


@pytest.mark.parametrize("name,kinds", sorted(TOP_KINDS.items()))
def test_top_level_sections(name, kinds):
    path = SEEDS / name if name[0].isdigit() else CORPUS / name
    r = nlp.read(real(path))
    assert [s.kind for s in r.sections if s.level == 1] == kinds
    for s in r.sections:
        assert r.text[s.start : s.start + 40].find(s.title[:4]) >= 0 or s.level == 0


def test_problems_section_children_stay_problems():
    r = nlp.read(real(SEEDS / "003_f212208c6db53b6f.txt"))
    sub = [s for s in r.sections if s.parent == "s8"]
    assert [s.title for s in sub] == ["(一)完善主动公开工作", "(二)提升信息公开化水平", "(三)加强信息公开的及时性"]
    assert {s.kind for s in sub} == {"problems_improvements"}


def test_passages_are_paragraphs_not_tables():
    r = nlp.read(real(SEEDS / "000_457548a6ce8d5a87.txt"))
    table = r.tables[0]
    assert all(p.end <= table.start or p.start >= table.end for p in r.passages)
    texts = [r.text[p.start : p.end] for p in r.passages]
    assert "共计答复市民网上咨询信件83条,其中局长信箱15条,市长信箱36条,行政审批系统32条。" in texts


def test_pdf_text_lines_are_joined_into_paragraphs():
    r = nlp.read(real(CORPUS / "shanghai-stcsm-2024.txt"))
    texts = [r.text[p.start : p.end] for p in r.passages]
    para = next(t for t in texts if t.startswith("全年收到政府信息公开申请"))
    assert para.endswith("转下一\n年度办理答复的有 1 件。")


def test_markdown_tables_of_ocr_report():
    r = nlp.read(real(CORPUS / "shuyang-county-gov-2025.md"))
    cells = {c.indicator: c.value for t in r.tables for c in t.cells}
    assert cells["proactive.licensing.decisions"] == 517645
    assert cells["proactive.fees.amount"] == 4068.208
    assert cells["requests.received.total"] == 713
    assert cells["requests.result.withheld.query_matters.natural_person"] == 9
    assert cells["requests.result.other.overdue_correction.total"] == 9
    assert cells["requests.carried_forward.total"] == 31
    assert cells["review.total"] == 61
    assert cells["litigation.direct.total"] == 3
    assert cells["litigation.after_review.total"] == 10
