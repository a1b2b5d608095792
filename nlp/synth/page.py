"""A Doc → a whole government web page: header and navigation, an info grid, the article
(title, paragraphs, tables), 扫一扫在手机打开当前页, a share bar, related links, a footer.

Pieces learn their offsets in the page source; :func:`to_canonical` moves them into the
canonical text that ``nlp.ingest`` reads from the page.
"""
from __future__ import annotations

import random

from nlp.synth.doc import Doc
from nlp.synth.layouts import Out, html_table

NAV = ("首页", "走进{place}", "政务公开", "政务服务", "互动交流", "数据开放", "专题专栏")
CONTAINERS = ('<div id="zoom" class="article-content">', '<div class="TRS_Editor">', '<div class="pages_content" id="UCAP-CONTENT">',
              '<div class="article_content">', '<div id="fontzoom" class="detail-content">')
SPAM = ("澳门威尼斯人娱乐城官网注册即送彩金，真人荷官在线发牌", "百家乐在线开户送88元，时时彩稳赚计划", "葡京赌场最新网址，老虎机天天返水",
        "六合彩开奖结果查询，澳门金沙娱乐城手机版下载")


def render_html(doc: Doc, rng: random.Random, site: str, body: str, published: tuple[int, int, int]) -> str:
    out = Out(escape=True)
    y, m, d = published
    title = doc.info["title"]
    place = doc.info.get("place", "")
    out.write('<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n')
    out.write(f"<title>{title}-{site}</title>\n")
    out.write(f'<meta name="SiteName" content="{site}">\n<meta name="ArticleTitle" content="{title}">\n')
    out.write(f'<meta name="PubDate" content="{y}-{m:02d}-{d:02d} {rng.randint(8, 17):02d}:{rng.randint(0, 59):02d}">\n')
    out.write(f'<meta name="ContentSource" content="{body}">\n')
    out.write('<link rel="stylesheet" href="/static/css/common.css">\n<script src="/static/js/jquery.min.js"></script>\n</head>\n<body>\n')
    out.write('<div class="top-bar"><div class="container"><span class="fl">欢迎访问' + site + '</span>'
              '<span class="fr"><a href="javascript:void(0)">无障碍浏览</a> <a href="javascript:void(0)">繁體版</a> '
              '<a href="/m/">移动版</a></span></div></div>\n')
    out.write('<header class="site-header"><div class="logo"><a href="/">' + site + '</a></div>\n<nav class="main-nav"><ul>')
    for item in NAV:
        out.write(f'<li><a href="/{rng.randint(100, 999)}/">{item.format(place=place)}</a></li>')
    out.write("</ul></nav></header>\n")
    out.write('<div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; '
              '<a href="/zwgk/ndbg/">政府信息公开年报</a></div>\n')
    out.write('<div class="xxgk-info"><table class="info-table"><tr><td>索引号</td>'
              f'<td>{rng.randint(10**8, 10**9 - 1)}/{y}-{rng.randint(1, 99999):05d}</td><td>分类</td><td>政府信息公开年报</td></tr>'
              f'<tr><td>发布机构</td><td>{body}</td><td>公开日期</td><td>{y}-{m:02d}-{d:02d}</td></tr>'
              f'<tr><td>名称</td><td colspan="3">{title}</td></tr></table></div>\n')
    out.write('<div class="article">\n')
    inside_title = rng.random() < 0.5
    if not inside_title:
        _title(out, doc)
    out.write(f'<div class="article-info">发布时间：{y}-{m:02d}-{d:02d} 来源：{body} 浏览次数：<span id="hits">{rng.randint(30, 9000)}</span></div>\n')
    out.write(rng.choice(CONTAINERS) + "\n")
    if rng.random() < 0.3:  # a tool bar inside the article, which the reader must drop
        out.write('<div class="article-tools"><span>扫一扫在手机打开当前页</span></div>\n')
    if inside_title:
        _title(out, doc)
    spam_at = rng.randrange(2, max(3, len(doc.blocks) - 2)) if doc.info.get("spam") else -1
    for i, b in enumerate(doc.blocks):
        if i == spam_at:
            hidden = ' style="display:none"' if rng.random() < 0.3 else ""
            out.write(f'<div class="clear"{hidden}><p><a href="http://www.{rng.randint(1000, 9999)}vip.com">{rng.choice(SPAM)}</a></p></div>\n')
        if b.kind == "title":
            continue
        if b.kind == "table":
            for grid in b.grids:
                if grid.caption:
                    out.write("<p><strong>")
                    out.write(grid.caption)
                    out.write("</strong></p>\n")
                html_table(out, grid, rng)
            continue
        if b.kind == "heading":
            out.write('<p style="text-indent:2em"><strong>' if b.level > 1 else '<p style="text-indent:2em;font-weight:bold">')
            out.pieces(b.pieces)
            out.write("</strong></p>\n" if b.level > 1 else "</p>\n")
        elif b.kind in ("dateline", "signature"):
            align = "center" if b.kind == "dateline" else "right"
            out.write(f'<p style="text-align:{align}">')
            out.pieces(b.pieces)
            out.write("</p>\n")
        else:
            out.write('<p style="text-indent:2em;line-height:2">')
            out.pieces(b.pieces)
            out.write("</p>\n")
    out.write("</div>\n")
    out.write('<div class="qrcode"><img src="/static/img/qr.png" alt=""><p>扫一扫在手机打开当前页</p></div>\n')
    out.write('<div class="bdsharebuttonbox"><span>分享到：</span><a class="bds_weixin" title="分享到微信">微信</a>'
              '<a class="bds_tsina" title="分享到新浪微博">微博</a><a class="bds_qzone" title="分享到QQ空间">QQ空间</a></div>\n')
    out.write('<div class="print-close"><a href="javascript:window.print()">【打印本页】</a> '
              '<a href="javascript:window.close()">【关闭窗口】</a></div>\n</div>\n')
    out.write('<div class="related"><h3>相关阅读</h3><ul>')
    for k in range(1, rng.randint(2, 4)):
        out.write(f'<li><a href="/zwgk/ndbg/{y - k}/">{body}{y - k}年政府信息公开工作年度报告</a></li>')
    out.write("</ul></div>\n")
    out.write(f'<footer class="site-footer"><p>主办：{site}办公室　承办：{place}大数据中心</p>'
              f'<p>网站标识码：{rng.randint(10**9, 10**10 - 1)}　备案号：ICP备{rng.randint(10**7, 10**8 - 1)}号</p></footer>\n')
    out.write("</body>\n</html>\n")
    return out.text()


def _title(out: Out, doc: Doc) -> None:
    title_block = next(b for b in doc.blocks if b.kind == "title")
    out.write('<h1 class="article-title">')
    out.pieces(title_block.pieces)
    out.write("</h1>\n")


def predict_canonical(doc: Doc) -> str:
    """The canonical text ``nlp.ingest`` makes of the page, predicted from the Doc: one line
    per block, a table row as its cell texts between `` | `` (empty cells leave only their bar),
    chrome and spam gone.  Pieces get their offsets in it."""
    out = Out()
    first = True

    def newline():
        nonlocal first
        if not first:
            out.write("\n")
        first = False

    title_block = next(b for b in doc.blocks if b.kind == "title")
    newline()
    out.pieces(title_block.pieces)
    for b in doc.blocks:
        if b.kind == "title":
            continue
        if b.kind == "table":
            for grid in b.grids:
                if grid.caption:
                    newline()
                    out.write(grid.caption)
                for row in grid.rows:
                    newline()
                    started = False
                    for k, cell in enumerate(row):
                        if k:
                            out.write(" |" if started else "|")
                            started = True
                        if cell.text:
                            if started:
                                out.write(" ")
                            out.pieces(cell.pieces)
                            started = True
            continue
        newline()
        out.pieces(b.pieces)
    return out.text()


def ingest_text(source: str) -> str:
    from nlp.ingest import load_bytes

    return load_bytes(source.encode("utf-8"), "page.html").text


def to_canonical(source: str, doc: Doc) -> str:
    """Read the page as the project reads it and move every piece's offsets from the page
    source into the canonical text; returns the canonical text."""
    from nlp.ingest import load_bytes

    ing = load_bytes(source.encode("utf-8"), "page.html")
    inverse: dict[int, int] = {}
    for i, so in enumerate(ing.source_offsets[:-1]):
        inverse.setdefault(so, i)
    for _, p in doc.pieces():
        if p.start < 0:
            continue
        if p.end <= p.start:
            p.start = p.end = -1
            continue
        a, b = inverse.get(p.start), inverse.get(p.end - 1)
        if a is None or b is None:
            p.start = p.end = -1
        else:
            p.start, p.end = a, b + 1
    return ing.text
