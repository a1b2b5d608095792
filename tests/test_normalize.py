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
