import re

import pytest

from conftest import SAMPLE
from nlp.segment import Segmenter, read_userdict

CJK = re.compile("[\u4e00-\u9fff]")


def test_userdict_lines():
    assert read_userdict(["政府信息公开 20 n", "信息孤岛", "# note", "", "政民互动 n"]) == [
        ("政府信息公开", 20, "n"), ("信息孤岛", None, None), ("政民互动", None, "n")]


def test_jieba_backend_and_private_words():
    plain = Segmenter(backend="jieba", hmm=False)
    own = Segmenter([("信息孤岛", 2000, None)], backend="jieba", hmm=False)
    assert "信息孤岛" not in plain.lcut("信息孤岛现象较严重")
    assert own.lcut("信息孤岛现象较严重")[0] == "信息孤岛"


def test_rjieba_gives_jiebas_chinese_tokens():
    pytest.importorskip("rjieba")
    words = [("信息孤岛", 2000, None)]
    jb, rj = Segmenter(words, backend="jieba"), Segmenter(words, backend="rjieba")
    for path in sorted(SAMPLE.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            assert [w for w in jb.lcut(line) if CJK.search(w)] == [w for w in rj.lcut(line) if CJK.search(w)], line
