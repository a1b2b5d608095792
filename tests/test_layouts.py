from nlp.ingest import load_bytes
from nlp.structure import structure
from nlp.structure.labeller import split_flattened
from nlp.structure.layouts import read_cell_per_line, read_pipe_rows


def test_cell_per_line_rows_and_offsets():
    text = "指 标\n|\n单位\n|\n数量\n|\n一、主动公开情况\n|\n—\n|\n|\n(一)主动公开政府信息数\n|\n条\n|\n444\n|\n三、依申请公开情\n况\n|\n—\n|\n|\n"
    (t,) = read_cell_per_line(text)
    assert [[c.text for c in row] for row in t.rows] == [
        ["指 标", "单位", "数量"],
        ["一、主动公开情况", "—", ""],
        ["(一)主动公开政府信息数", "条", "444"],
        ["三、依申请公开情\n况", "—", ""],
    ]
    for row in t.rows:
        for c in row:
            assert text[c.start : c.end] == c.text


def test_pipe_rows_and_markdown_separator():
    text = "| 信息内容 | 本年制发件数 |\n|---|---|\n| 规章 | 3 |\n\n正文"
    (t,) = read_pipe_rows(text)
    assert t.layout == "markdown"
    assert [[c.text for c in r] for r in t.rows] == [["信息内容", "本年制发件数"], ["规章", "3"]]


def test_flattened_row_is_split_by_the_column_sum():
    assert split_flattened("200 000121", 7) == [20, 0, 0, 0, 0, 1, 21]
    assert split_flattened("0000000", 7) == [0] * 7


def test_flattened_row_that_is_ambiguous_is_refused():
    # 1,1,0,0,0,0,2 / 11,0,0,0,0,0,11 ... several splits add up: say so, guess nothing
    assert split_flattened("11000011", 7) is None
    assert split_flattened("12345", 7) is None


def test_flattened_requests_table_gets_indicators_and_a_note():
    text = "三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量200 000121\n"
    r = structure(load_bytes(text.encode(), "x.txt"))
    (t,) = r.tables
    got = {c.indicator: (c.value, text[c.start : c.end]) for c in t.cells}
    assert got["requests.received.natural_person"] == (20, "20")
    assert got["requests.received.other_org"] == (1, "1")
    assert got["requests.received.total"] == (21, "21")
    assert "read as [20, 0, 0, 0, 0, 1, 21]" in t.notes[0]


def test_ambiguous_flattened_row_is_reported_not_guessed():
    text = "三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量11000011\n"
    r = structure(load_bytes(text.encode(), "x.txt"))
    (t,) = r.tables
    assert t.cells == []
    assert "cannot split" in t.notes[0]
