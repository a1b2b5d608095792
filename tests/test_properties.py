"""Property-based tests: the table and heading parsers never raise on arbitrary text."""
from hypothesis import given, settings
from hypothesis import strategies as st

from nlp.ingest import IngestError, load_bytes
from nlp.structure import structure
from nlp.structure.layouts import read_text_tables
from nlp.structure.sections import build_sections

ALPHABET = st.sampled_from(list("一二三四五六七八九十、（）()|.．0123456789 \n\t-—公开申请数量总计第二十条项规章年月日是：；。#|") + ["\r\n", "指标", "单位", "予以公开", "本年新收政府信息公开申请数量"])
TEXT = st.lists(ALPHABET, max_size=200).map("".join)


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_layouts_and_sections_never_raise_and_offsets_hold(text):
    tables = read_text_tables(text)
    for t in tables:
        for row in t.rows:
            for c in row:
                assert text[c.start : c.end] == c.text
    sections, passages = build_sections(text, [(t.start, t.end) for t in tables])
    for s in sections:
        assert 0 <= s.start <= s.end <= len(text)
    for p in passages:
        assert 0 <= p.start < p.end <= len(text)


@settings(max_examples=200, deadline=None)
@given(TEXT)
def test_whole_structure_never_raises(text):
    try:
        r = structure(load_bytes(("公开\n" + text).encode("utf-8"), "x.txt"))
    except IngestError:
        return
    for t in r.tables:
        for c in t.cells:
            assert 0 <= c.start <= c.end <= len(r.text)
