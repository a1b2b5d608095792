"""nlp.ingest.html: a whole web page → canonical report text, offsets, tables, page meta."""
from __future__ import annotations

import html as htmllib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nlp.ingest.html import HtmlText, html_to_text

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"

PAGE = """<!DOCTYPE html>
<html><head>
<meta charset="utf-8">
<title>某某局2023年政府信息公开工作年度报告_某某市人民政府</title>
<script>var nav = "首页";</script>
<style>.x { color: red }</style>
</head>
<body>
<header class="top"><a href="/">首页</a> <a href="/fan">繁體版</a> <a href="/wza">无障碍</a></header>
<div class="nav"><ul><li><a href="/a">走进某某</a></li><li><a href="/b">政务公开</a></li></ul></div>
<div class="main">
  <div class="side"><ul>
    <li><a href="/n1">关于开展安全生产检查的通知公告</a></li>
    <li><a href="/n2">某某局召开年度工作会议的新闻报道</a></li>
    <li><a href="/n3">关于某某政策的解读文章标题</a></li></ul></div>
  <div class="detail">
    <h1 class="article-title">某某局2023年政府信息公开工作年度报告</h1>
    <div class="tools">字号：<a>大</a> <a>中</a> <a>小</a> 【<a>打印</a>】【<a>关闭</a>】</div>
    <div id="zoom">
      <p>&nbsp;&nbsp;\u3000\u3000根据《中华人民共和国政府信息公开条例》要求，现公布本机关
      年度报告。</p>
      <p><strong>一、总体情况</strong></p>
      <p>本年度主动公开政府信息<span>120</span>条。</p>
      <p>&nbsp;</p>
      <p></p>
      <p>六、其他需要报告的事项</p>
      <p>无。</p>
      <div class="bdsharebuttonbox">分享到：<a>微信</a><a>微博</a></div>
      <div>扫一扫在手机打开当前页</div>
      <h4>相关链接</h4>
      <ul><li><a href="/l1">某某市人民政府网</a></li><li><a href="/l2">某某省人民政府网</a></li></ul>
    </div>
  </div>
</div>
<footer>版权所有：某某市人民政府 主办</footer>
<iframe src="/footer.html"></iframe>
</body></html>"""

PAGE_TEXT = """某某局2023年政府信息公开工作年度报告
根据《中华人民共和国政府信息公开条例》要求，现公布本机关年度报告。
一、总体情况
本年度主动公开政府信息120条。

六、其他需要报告的事项
无。"""

TABLE_PAGE = """<div class="TRS_Editor">
<p>三、收到和处理政府信息公开申请情况</p>
<table border="1">
  <tbody>
  <tr><td colspan="3" rowspan="2">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td>
      <td colspan="2">申请人情况</td></tr>
  <tr><td>自然人</td><td>商业<br>
      企业</td></tr>
  <tr><td colspan="3">一、本年新收政府信息公开申请数量</td><td>26</td><td></td></tr>
  <tr><td rowspan="2">三、本年度办理结果</td><td colspan="2">（一）予以公开</td><td> 26 </td><td>&nbsp;</td></tr>
  <tr><td colspan="2">Total
      count</td><td>26</td><td>0</td></tr>
  </tbody>
</table>
<p>四、政府信息公开行政复议、行政诉讼情况</p>
</div>"""


def check_invariants(html: str, r: HtmlText) -> None:
    """What every result must satisfy, whatever the input."""
    assert isinstance(r.text, str)
    assert len(r.source_offsets) == len(r.text) + 1
    assert all(0 <= o <= len(html) for o in r.source_offsets)
    assert "\n\n\n" not in r.text
    for line in r.text.split("\n"):
        assert line == line.strip()
    for table in r.tables:
        assert table.layout == "html"
        assert 0 <= table.start <= table.end <= len(r.text)
        for row in table.rows:
            for cell in row:
                assert table.start <= cell.start <= cell.end <= table.end
                assert r.text[cell.start:cell.end] == cell.text
                assert cell.rowspan >= 1 and cell.colspan >= 1


def assert_offsets_point_at_source(html: str, r: HtmlText) -> None:
    """Ordinary characters come from the very source character; entities from their '&'."""
    for i, ch in enumerate(r.text):
        src = r.source_offsets[i]
        if ch.isspace() or ch == "|":  # separators are synthesised
            continue
        if html[src] == "&":
            end = html.index(";", src) + 1
            assert ch in htmllib.unescape(html[src:end]), (i, ch, html[src:end])
        else:
            assert html[src] == ch, (i, ch, html[src:src + 10])


# ---------------------------------------------------------------- chrome and spam

def test_article_only_chrome_removed():
    r = html_to_text(PAGE)
    assert r.text == PAGE_TEXT
    for word in ("首页", "繁體版", "无障碍", "走进某某", "通知公告", "字号", "打印", "关闭",
                 "分享到", "扫一扫", "相关链接", "人民政府网", "版权所有", "var nav"):
        assert word not in r.text
    check_invariants(PAGE, r)
    assert_offsets_point_at_source(PAGE, r)
    assert r.tables == []


def test_title_from_page_title_and_meta_from_title_tag():
    r = html_to_text(PAGE)
    assert r.text.split("\n")[0] == "某某局2023年政府信息公开工作年度报告"
    assert r.page_meta == {"title": "某某局2023年政府信息公开工作年度报告"}


def test_spam_blocks_removed_whole():
    html = """<div id="zoom">
      <p>一、总体情况</p>
      <p>本机关认真落实政府信息公开条例，全年主动公开信息120条。</p>
      <div style="display:none"><a href="http://x">澳门威尼斯人</a><a href="http://y">在线注册</a></div>
      <div class="links"><p>最新网址</p><p><a href="http://z">澳门葡京赌场官网</a> 百家乐 注册送礼</p></div>
      <p>我局与香港、澳门特别行政区有关部门开展交流。</p>
      <a href="http://c">bet365 体育在线</a>
      <p>二、主动公开政府信息情况</p>
    </div>"""
    r = html_to_text(html)
    assert r.text == ("一、总体情况\n本机关认真落实政府信息公开条例，全年主动公开信息120条。\n"
                      "最新网址\n我局与香港、澳门特别行政区有关部门开展交流。\n二、主动公开政府信息情况")
    for word in ("威尼斯人", "葡京", "百家乐", "bet365", "注册"):
        assert word not in r.text
    check_invariants(html, r)
    assert_offsets_point_at_source(html, r)


def test_related_lists_go_but_lookalike_report_text_stays():
    html = """<div class="article-content">
      <p>相关信息已按规定在本机关门户网站公开，接受社会监督。</p>
      <table><tr><td>关闭</td><td>打印</td></tr></table>
      <p>（三）关闭网站1个。</p>
      <div class="box"><h4>相关阅读：</h4><ul><li><a href="1">某某局2022年报告</a></li></ul>
        <ol><li><a href="2">某某局2021年报告</a></li></ol></div>
      <div class="more">相关文章：<a href="a">第一篇</a> <a href="b">第二篇</a></div>
    </div>"""
    r = html_to_text(html)
    check_invariants(html, r)
    assert r.text == "相关信息已按规定在本机关门户网站公开，接受社会监督。\n关闭 | 打印\n（三）关闭网站1个。"
    assert len(r.tables) == 1


# ---------------------------------------------------------------- tables

def test_table_rows_cells_spans_and_offsets():
    r = html_to_text(TABLE_PAGE)
    check_invariants(TABLE_PAGE, r)
    assert_offsets_point_at_source(TABLE_PAGE, r)
    assert r.text == (
        "三、收到和处理政府信息公开申请情况\n"
        "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | 申请人情况\n"
        "自然人 | 商业企业\n"
        "一、本年新收政府信息公开申请数量 | 26 |\n"
        "三、本年度办理结果 | （一）予以公开 | 26 |\n"
        "Total count | 26 | 0\n"
        "四、政府信息公开行政复议、行政诉讼情况")
    [table] = r.tables
    shape = [[(c.text, c.rowspan, c.colspan) for c in row] for row in table.rows]
    assert shape == [
        [("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 2, 3), ("申请人情况", 1, 2)],
        [("自然人", 1, 1), ("商业企业", 1, 1)],
        [("一、本年新收政府信息公开申请数量", 1, 3), ("26", 1, 1), ("", 1, 1)],
        [("三、本年度办理结果", 2, 1), ("（一）予以公开", 1, 2), ("26", 1, 1), ("", 1, 1)],
        [("Total count", 1, 2), ("26", 1, 1), ("0", 1, 1)],
    ]
    lines = r.text.split("\n")
    assert r.text[table.start:table.end] == "\n".join(lines[1:6])
    empty = table.rows[2][2]
    assert empty.start == empty.end


def test_nested_table_flattened_into_cell():
    html = """<div id="zoom"><p>表格如下，请查阅本年度的数据情况说明。</p>
      <table><tr><td>项目</td><td><table><tr><td>甲</td><td>乙</td></tr><tr><td>1</td></tr></table></td></tr>
      <tr><td>合计</td><td>2</td></tr></table></div>"""
    r = html_to_text(html)
    check_invariants(html, r)
    [table] = r.tables
    assert [[c.text for c in row] for row in table.rows] == [["项目", "甲乙 1"], ["合计", "2"]]


def test_layout_wrapper_table_is_not_a_table():
    html = """<div id="zoom"><table><tr><td>
      <p>一、总体情况</p><p>本年度主动公开政府信息若干条，具体如下。</p>
      <table><tr><td>规章</td><td>0</td></tr><tr><td>规范性文件</td><td>8</td></tr></table>
      </td></tr></table></div>"""
    r = html_to_text(html)
    check_invariants(html, r)
    assert r.text == "一、总体情况\n本年度主动公开政府信息若干条，具体如下。\n规章 | 0\n规范性文件 | 8"
    [table] = r.tables
    assert [[c.text for c in row] for row in table.rows] == [["规章", "0"], ["规范性文件", "8"]]


def test_info_grid_outside_container_is_meta_not_table():
    html = """<html><body>
      <table class="table_content">
        <tr><td>名称</td><td colspan="3">某某区教育局2022年政府信息公开工作年度报告</td></tr>
        <tr><td>索引号</td><td>11320000/2023-00001</td><td>发布机构</td><td>某某区教育局</td></tr>
        <tr><td>成文日期</td><td>2023年1月10日</td><td>公开日期</td><td>2023年1月20日</td></tr>
      </table>
      <div class="article-content"><p>根据《中华人民共和国政府信息公开条例》，特编制本报告。</p></div>
    </body></html>"""
    r = html_to_text(html)
    check_invariants(html, r)
    assert r.text == "根据《中华人民共和国政府信息公开条例》，特编制本报告。"
    assert r.tables == []
    assert r.page_meta == {"title": "某某区教育局2022年政府信息公开工作年度报告",
                           "publisher": "某某区教育局", "published": "2023-01-20",
                           "index": "11320000/2023-00001"}


def test_meta_tags_and_inline_labels():
    html = """<html><head><meta name="ArticleTitle" content="某某县2021年政府信息公开工作年度报告">
      <meta name="PubDate" content="2022-1-8 10:20"></head><body>
      <div class="info"><span>来源：http://www.example.gov.cn</span><span>发布机构：某某县人民政府办公室</span></div>
      <div id="zoom"><p>本报告由某某县人民政府办公室编制，内容包括总体情况等部分。</p></div></body></html>"""
    r = html_to_text(html)
    assert r.page_meta == {"title": "某某县2021年政府信息公开工作年度报告",
                           "publisher": "某某县人民政府办公室", "published": "2022-01-08"}


# ---------------------------------------------------------------- picking the article

def test_density_picks_the_prose_not_the_menus():
    html = """<html><body>
      <div class="menu-box"><a href="1">首页</a><a href="2">机构概况</a><a href="3">政务公开</a>
        <a href="4">关于做好政府信息公开工作的通知</a><a href="5">关于印发实施方案的通知文件</a></div>
      <div class="wrap"><div class="box">
        <p>一、总体情况</p>
        <p>本年度，本机关坚持以公开为常态、不公开为例外，全面推进决策、执行、管理、服务、结果公开。</p>
        <p>二、存在的主要问题及改进情况</p>
        <p>信息公开的及时性还有待提高，下一步将加强培训。</p>
      </div></div>
      <div class="bottom">主办单位：某某县人民政府办公室</div></body></html>"""
    r = html_to_text(html)
    check_invariants(html, r)
    assert r.text.split("\n") == [
        "一、总体情况",
        "本年度，本机关坚持以公开为常态、不公开为例外，全面推进决策、执行、管理、服务、结果公开。",
        "二、存在的主要问题及改进情况", "信息公开的及时性还有待提高，下一步将加强培训。"]


def test_line_rendering_breaks_and_whitespace():
    html = ("<div id='zoom'><p>\u3000\u3000第一行内容，用于测试首行缩进的去除效果。<br>第二行<br><br><br>"
            "第三行 a\t\tb\u3000c</p><div><div>甲</div></div><p>乙<br></p>"
            "<ul><li>one</li><li>two</li></ul><p>Line\nwrap 中文\n换行</p></div>")
    r = html_to_text(html)
    check_invariants(html, r)
    assert r.text == ("第一行内容，用于测试首行缩进的去除效果。\n第二行\n\n第三行 a b\u3000c\n甲\n乙\n"
                      "one\ntwo\nLine wrap 中文换行")
    assert_offsets_point_at_source(html, r)


# ---------------------------------------------------------------- robustness

@pytest.mark.parametrize("html", [
    "", "   ", "\n", "<", ">", "<<>>", "&", "&amp", "<!-- only a comment -->", "<html></html>",
    "plain text, not html", "纯文本内容", "<p>unclosed <b>bold <table><tr><td>cell",
    "</div></p></table>", "<td rowspan='x' colspan='-3'>a</td>", "<td rowspan=99999>a</td>",
    "<?xml version='1.0' encoding='utf-8'?><p>x</p>", "\x00<p>\x01\x02</p>", "a\r\nb\rc",
    "<div>" * 400 + "深", "<table>" * 50 + "<td>x", "<script>never closed", '<p title="unterminated>x</p>',
])
def test_never_raises(html):
    r = html_to_text(html)
    check_invariants(html, r)
    assert html_to_text(html) == r


def test_empty_input_is_empty_text():
    assert html_to_text("") == HtmlText("", [0], [], {})
    assert html_to_text("<html><body>  </body></html>").text == ""


PIECES = ["<p>", "</p>", "<div id='zoom'>", "</div>", "<br>", "<table>", "</table>", "<tr>",
          "<td rowspan='2'>", "<td colspan=3>", "</td>", "<th>", "<a href='x'>", "</a>", "<!--",
          "-->", "<script>", "</script>", "&nbsp;", "&amp;", "&#20013;", "\u3000", " ", "\n", "\t",
          "中文", "数据26", "abc", "|", "澳门博彩", "相关链接", "<h1>", "</h1>", "<", ">", "&"]


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=5)),
                                     max_size=60).map("".join)))
def test_property_arbitrary_input(html):
    r = html_to_text(html)
    check_invariants(html, r)
    assert html_to_text(html) == r  # deterministic


# ---------------------------------------------------------------- the real page

def test_real_page_shuyang_fgj_2023():
    path = CORPUS / "shuyang-fgj-2023.html"
    if not path.exists():
        pytest.skip("../shared not present: real reports live outside the repo")
    html = path.read_text(encoding="utf-8")
    r = html_to_text(html)
    check_invariants(html, r)
    assert_offsets_point_at_source(html, r)
    assert r.text.split("\n")[0] == "沭阳县发展和改革局2023年政府信息公开年度报告"
    assert "一、总体情况" in r.text and "六、其他需要报告的事项" in r.text
    for word in ("走进沭阳", "繁體版", "无障碍", "首页", "采集时间", "名称 |", "索引号"):
        assert word not in r.text
    assert r.text.rstrip().endswith("沭阳县发展和改革局\n2024年1月17日")
    # The page has four <table>s: the site's info grid (名称/索引号/发布机构…, outside the
    # article, so not a table of the report) and three in the article: the 第二十条 table
    # (14 rows), the 依申请 table (28 rows) and the 复议/诉讼 table (4 rows).
    assert [len(t.rows) for t in r.tables] == [14, 28, 4]
    requests = r.tables[1]
    [new] = [row for row in requests.rows if "一、本年新收政府信息公开申请数量" in row[0].text]
    assert [c.text for c in new] == ["一、本年新收政府信息公开申请数量", "26", "", "", "", "", "", "26"]
    assert new[0].colspan == 3
    assert requests.rows[0][0].rowspan == 3 and requests.rows[0][0].colspan == 3
    assert [c.text for c in requests.rows[2]][:2] == ["商业企业", "科研机构"]
    assert [c.colspan for c in r.tables[2].rows[0]] == [5, 10]
    assert r.page_meta["published"] == "2024-01-17"
    assert r.page_meta["publisher"] == "沭阳县发展和改革局"
    assert r.page_meta["title"] == "沭阳县发展和改革局2023年政府信息公开年度报告"
