import pytest

spacy = pytest.importorskip("spacy")

import nlp  # noqa: E402


def test_claims_on_doc_spans():
    pipe = nlp.spacy_pipeline()
    text = "二、主动公开政府信息情况\n全年主动公开政府信息200多条，其中规范性文件12件。投资三千四百元。"
    doc = pipe(text)
    spans = doc.spans["claims"]
    got = [(s.text, s._.value, s._.low, s._.high, s._.unit, s._.qualifier, s._.kind) for s in spans]
    assert got[0][1:] == (200, 200, None, "条", "more_than", "count")
    assert "200多条" in got[0][0]  # expanded to whole jieba tokens
    assert got[-1][1:] == (3400, 3400, 3400, "元", "exact", "money")
    assert spans[0]._.indicator == "proactive.total"
    assert doc._.report.meta.template in ("2008", "2019", "2021", "unknown")


def test_text_without_report_gives_no_claims():
    doc = nlp.spacy_pipeline()("今天天气很好，气温20度。")
    assert list(doc.spans["claims"]) == []
