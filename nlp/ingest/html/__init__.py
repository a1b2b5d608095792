"""A whole government web page → the report's canonical text.

``html_to_text`` keeps the article only (a known content container, else the block with
most Chinese prose), drops site chrome and injected spam (rules in
``nlp/resources/html.yaml``), renders blocks as lines and every ``<tr>`` as
``cell | cell | cell`` (the cells also come out as :class:`RawTable` rows), and maps each
character of the text back to its position in the input string.

This module puts the steps together; each step has its own module:

- :mod:`.rules`: the rules file, loaded and compiled once
- :mod:`.tree`: the parsed page, indexed in one walk
- :mod:`.offsets`: where each text node is in the source
- :mod:`.text`: CJK characters and the spacing of lines
- :mod:`.page`: the indexed page with the rules' verdicts; text under an element, as lines
- :mod:`.article`: choosing the article, dropping chrome and spam in it, its title element
- :mod:`.render`: the article as lines and table rows
- :mod:`.meta`: page metadata (title, publisher, dates ...)
"""
from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from nlp.model import RawCell, RawTable

from .article import ArticlePage
from .meta import page_meta
from .render import Renderer
from .rules import RULES_PATH, Rules, load_rules

__all__ = ["HtmlText", "html_to_text", "RULES_PATH"]


@dataclass
class HtmlText:
    text: str
    source_offsets: list[int]
    tables: list[RawTable] = field(default_factory=list)
    page_meta: dict = field(default_factory=dict)


def html_to_text(html: str) -> HtmlText:
    """Canonical text, offset map, tables and page metadata of a web page; never raises."""
    rules = load_rules()  # a broken rules file is an error, not an empty page
    try:
        return _convert(html, rules)
    except Exception:  # arbitrary input: a page we cannot read has no text
        return HtmlText("", [0], [], {})


def _convert(html: str, rules: Rules) -> HtmlText:
    if not isinstance(html, str) or not html.strip():
        return HtmlText("", [0], [], {})
    parser = etree.HTMLParser(encoding="utf-8")
    root = etree.fromstring(html.encode("utf-8", "replace"), parser)
    if root is None:  # nothing but comments
        return HtmlText("", [0], [], {})
    page = ArticlePage(root, html, rules)
    container = page.container()
    page.drop_inside(container)
    title_el = page.title_element(container)
    meta = page_meta(page, title_el)

    renderer = Renderer(page)
    if title_el is not None:
        renderer.render(title_el)
        renderer.out.end_line()
    lines = renderer.render(container).out_lines()
    if title_el is not None and len(lines) > 1 and lines[0] and lines[1] \
            and lines[0].text == lines[1].text:
        lines = lines[1:]  # the article repeats its title
    out = _assemble(lines, meta)
    # lxml repairs broken markup ("<!-->0"): a position past the input is its end
    if max(out.source_offsets) > len(html):
        out.source_offsets = [min(o, len(html)) for o in out.source_offsets]
    return out


def _assemble(lines: list, meta: dict) -> HtmlText:
    kept: list = []
    for line in lines:  # no blank line at the ends, never two in a row
        if line is None and (not kept or kept[-1] is None):
            continue
        kept.append(line)
    while kept and kept[-1] is None:
        kept.pop()

    parts: list[str] = []
    offsets: list[int] = []
    tables: dict[int, RawTable] = {}
    pos, end = 0, 0
    for k, line in enumerate(kept):
        if k:
            parts.append("\n")
            offsets.append(end)
            pos += 1
        if line is None:
            continue
        parts.append(line.text)
        offsets.extend(line.offs)
        if line.offs:
            end = line.offs[-1] + 1
        if line.table is not None:
            table = tables.setdefault(line.table, RawTable("html", pos, pos, []))
            table.end = pos + len(line.text)
            table.rows.append([RawCell(s, pos + a, pos + b, rowspan, colspan)
                               for s, a, b, rowspan, colspan in line.cells])
        pos += len(line.text)
    offsets.append(end)
    return HtmlText("".join(parts), offsets, [tables[k] for k in sorted(tables)], meta)
