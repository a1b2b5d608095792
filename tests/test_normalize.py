from nlp.normalize import halfwidth, normalize


def canon(text, norm, needle):
    i = norm.text.index(needle)
    a, b = norm.span(i, i + len(needle))
    return text[a:b]


def test_stray_space_in_date_is_removed_and_maps_back():
    text = "(2017年3 月8日)"
    n = normalize(text)
    assert n.text == "(2017年3月8日)"
    assert canon(text, n, "3月8日") == "3 月8日"
    assert n.applied == ("space_in_number_or_date",)


def test_dropped_year_and_month_marks_are_restored():
    assert normalize("截止到201612月底").text == "截止到2016年12月底"
    assert normalize("截止20161231日收到4例").text == "截止2016年12月31日收到4例"
    assert normalize("截至1231日,办结927件次").text == "截至12月31日,办结927件次"
    n = normalize("截止20161231日")
    # the inserted 年 and 月 map to real characters of the canonical text
    assert canon("截止20161231日", n, "2016年12月31日") == "20161231日"


def test_hengyang_artefact_is_undone_for_matching():
    text = "统计中共衡阳市委、衡阳市人大、衡阳市政府、衡阳市政协等信息"
    n = normalize(text)
    assert n.text == "统计数据等信息"
    assert canon(text, n, "数据") == "中共衡阳市委、衡阳市人大、衡阳市政府、衡阳市政协"


def test_fullwidth_and_traditional():
    assert halfwidth("２０２０年１２条，") == "2020年12条,"
    n = normalize("政府資訊公開４４４條")
    assert n.text == "政府资讯公开444条"
    assert len(n.origin) == len(n.text) + 1


def test_pdf_spaces_around_numbers():
    text = "市科委通过部门网站当年发布政府信息 393 件"
    n = normalize(text)
    assert n.text.endswith("政府信息393件")
    assert canon(text, n, "393件") == "393 件"


def test_ocr_place_name():
    assert normalize("沐阳县人民政府").text == "沭阳县人民政府"


def test_untouched_text_is_identity():
    text = "一、概述\n共计公开444条。"
    n = normalize(text)
    assert n.text == text and n.origin == list(range(len(text) + 1)) and n.applied == ()


# The rules' patterns start with a character so the regex engine can skip ahead; these are
# the plain lookbehind-first forms they replace.  Both must find the same matches.
PLAIN_FORMS = {
    "space_in_number_or_date": r"(?<=[0-9年月日.%])[ \t\u00a0]+(?=[0-9年月日号%])",
    "space_around_number": r"(?<=[\u4e00-\u9fff，。、；：（）])[ \t\u00a0]+(?=[0-9])|(?<=[0-9])[ \t\u00a0]+(?=[\u4e00-\u9fff，。、；：（）%])",
    "date_missing_year_month_marks": r"(?<![0-9])(20[0-9]{2})(1[0-2]|0[1-9])([0-3][0-9])日",
    "date_missing_year_mark": r"(?<![0-9])(20[0-9]{2})(1[0-2]|0?[1-9])月",
    "date_missing_month_mark": r"(?<![0-9年.])(1[0-2])(3[01])日",
    "wrap_after_number": r"(?<=[^\n]{19}[0-9])[ \t]*\n[ \t]*(?=[\u4e00-\u9fff%])",
    "wrap_before_number": r"(?<=[^\n]{19}[\u4e00-\u9fff])[ \t]*\n[ \t]*(?=[0-9]+[^0-9、.．])",
}


def test_fast_patterns_match_exactly_where_the_plain_forms_do():
    import random
    import re

    from conftest import SAMPLE
    from nlp.normalize import _rules, to_simplified

    texts = [to_simplified(halfwidth(p.read_text(encoding="utf-8"))) for p in sorted(SAMPLE.rglob("*.txt"))]
    rng = random.Random(7)
    damaged = []
    for t in texts:  # scrape damage: spaces, tabs and line breaks anywhere
        chars = list(t)
        for _ in range(300):
            chars.insert(rng.randrange(len(chars) + 1), rng.choice([" ", "\n", " \n", "\t", "\u00a0", "  ", "\n "]))
        damaged.append("".join(chars))
    texts += damaged + ["2019年", "12019年31日", "x20191月", "20231231日", "1231日", "a1231日", "年1231日", "20201231日",
                        "一" * 19 + "5 \n 件", "一" * 19 + "\n12件", " 5", "5 "]
    fast = {rule_id: pattern for rule_id, pattern, _ in _rules()}
    for rule_id, plain in PLAIN_FORMS.items():
        slow = re.compile(plain)
        matches = 0
        for t in texts:
            want = [(m.span(), m.groups()) for m in slow.finditer(t)]
            assert [(m.span(), m.groups()) for m in fast[rule_id].finditer(t)] == want, (rule_id, t[:40])
            matches += len(want)
        assert matches > 0, rule_id  # each rule is exercised, not only agreed on for no match


def test_halfwidth_of_long_and_short_text_is_the_same_mapping():
    every = "".join(chr(i) for i in range(0x110000))  # surrogates included
    long_form = halfwidth(every)  # the NumPy path
    short_form = "".join(halfwidth(every[i : i + 200]) for i in range(0, len(every), 200))  # str.translate
    assert long_form == short_form
    assert halfwidth("２０２３年　第１季度，（一）" * 20)[:14] == "2023年 第1季度,(一)"
