"""A whole government web page → the report's canonical text.

``html_to_text`` keeps the article only (a known content container, else the block with
most Chinese prose), drops site chrome and injected spam (rules in
``nlp/resources/html.yaml``), renders blocks as lines and every ``<tr>`` as
``cell | cell | cell`` (the cells also come out as :class:`RawTable` rows), and maps each
character of the text back to its position in the input string.

lxml gives no character offsets, so the offset map comes from aligning lxml's text nodes,
in document order, with the input's character data (tags and comments removed, entities
decoded).
"""
from __future__ import annotations

import html as htmllib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import lxml.html
import yaml

from nlp.model import RawCell, RawTable

RULES_PATH = Path(__file__).resolve().parent.parent / "resources" / "html.yaml"

BLOCK = frozenset(
    "address article aside blockquote body caption center dd div dl dt fieldset figcaption "
    "figure form h1 h2 h3 h4 h5 h6 hr html li main ol p pre section table tbody td tfoot th "
    "thead tr ul".split()
)
_TABLE_PARTS = frozenset(("table", "tr", "td", "th"))
_CANDIDATES = frozenset("article blockquote body center div form main section td".split())
_HAN = re.compile(r"[\u4e00-\u9fff]")
_WS = re.compile(r"\s+")
_DATE = re.compile(r"(\d{4})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})")
_SITE_SUFFIX = re.compile(r"\s*[-_|–—]+\s*")
_WINDOW = 2000  # how far ahead a text node is looked for in the source


@dataclass
class HtmlText:
    text: str
    source_offsets: list[int]
    tables: list[RawTable] = field(default_factory=list)
    page_meta: dict = field(default_factory=dict)


def html_to_text(html: str) -> HtmlText:
    """Canonical text, offset map, tables and page metadata of a web page; never raises."""
    rules = _rules()  # a broken rules file is an error, not an empty page
    try:
        return _convert(html, rules)
    except Exception:  # arbitrary input: a page we cannot read has no text
        return HtmlText("", [0], [], {})


# ---------------------------------------------------------------- rules

def _selector(text: str):
    m = re.fullmatch(r"([A-Za-z][\w:-]*)?((?:[#.][\w-]+)*)", text.strip())
    if not m:
        raise ValueError(f"unsupported selector in {RULES_PATH.name}: {text!r}")
    tag = (m[1] or "").lower()
    quals = re.findall(r"([#.])([\w-]+)", m[2])
    ids = {v.lower() for k, v in quals if k == "#"}
    classes = {v.lower() for k, v in quals if k == "."}

    def matches(el, attrs=None) -> bool:
        el_tag, el_id, el_classes = attrs or _attrs(el)
        if tag and el_tag != tag:
            return False
        if ids and el_id not in ids:
            return False
        return classes <= el_classes

    return matches


class _SelectorIndex:
    """Selectors filed under the tag, id or class they need, so an element is tried only
    against the few that could match it."""

    def __init__(self, texts: list[str]):
        self.by_key: dict[tuple[str, str], list] = {}
        self.order: list[str] = []
        for text in texts:
            m = re.fullmatch(r"([A-Za-z][\w:-]*)?((?:[#.][\w-]+)*)", text.strip())
            if not m:
                raise ValueError(f"unsupported selector in {RULES_PATH.name}: {text!r}")
            quals = re.findall(r"([#.])([\w-]+)", m[2])
            key = next((("#" if k == "#" else ".", v.lower()) for k, v in quals), ("tag", (m[1] or "").lower()))
            self.by_key.setdefault(key, []).append((len(self.order), _selector(text)))
            self.order.append(text)

    def any(self, el, attrs) -> bool:
        return next(self.matching(el, attrs), None) is not None

    def matching(self, el, attrs):
        """Positions (in the rules' order) of the selectors the element matches."""
        tag, el_id, classes = attrs
        keys = [("tag", tag), ("#", el_id)] + [(".", c) for c in classes]
        hits = sorted({k for key in keys for k, s in self.by_key.get(key, ()) if s(el, attrs)})
        return iter(hits)


def _attrs(el) -> tuple[str, str, frozenset]:
    """An element's tag, id and classes, lower-cased: read once, matched by every selector."""
    return _tag(el), (el.get("id") or "").lower(), frozenset((el.get("class") or "").lower().split())


def _any(patterns, flags=0):
    return re.compile("|".join(f"(?:{p})" for p in patterns) or r"(?!)", flags)


@dataclass
class _Rules:
    containers: list
    container_min_chars: int
    title_selectors: list
    title_levels: int
    drop_tags: frozenset
    drop_selectors: list
    drop_index: "_SelectorIndex"
    container_index: "_SelectorIndex"
    drop_class_id: re.Pattern
    hidden_style: re.Pattern
    chrome_max: int
    chrome: re.Pattern
    related_heading: re.Pattern  # a block that is only a 相关链接 heading
    related_list: re.Pattern  # a block starting with one
    link_tags: frozenset
    link_min: int
    link_ratio: float
    spam: re.Pattern
    page_meta: dict

    def drops(self, el) -> bool:
        attrs = _attrs(el)
        if attrs[0] in self.drop_tags or self.drop_index.any(el, attrs):
            return True
        names = (el.get("class") or "").split() + [el.get("id") or ""]
        if any(n and self.drop_class_id.fullmatch(n) for n in names):
            return True
        return bool(self.hidden_style.search(el.get("style") or ""))


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    raw = yaml.safe_load(RULES_PATH.read_text(encoding="utf-8"))
    return _Rules(
        containers=[_selector(s) for s in raw["containers"]],
        container_min_chars=raw["container_min_chars"],
        title_selectors=[_selector(s) for s in raw["title_selectors"]],
        title_levels=raw["title_levels"],
        drop_tags=frozenset(raw["drop_tags"]),
        drop_selectors=[_selector(s) for s in raw["drop_selectors"]],
        drop_index=_SelectorIndex(raw["drop_selectors"]),
        container_index=_SelectorIndex(raw["containers"]),
        drop_class_id=_any(raw["drop_class_id"], re.I),
        hidden_style=re.compile(raw["hidden_style"], re.I),
        chrome_max=raw["chrome_text"]["max_chars"],
        chrome=_any(raw["chrome_text"]["patterns"]),
        related_heading=re.compile(r"\W*(?:%s)\W*" % "|".join(map(re.escape, raw["related"]))),
        related_list=re.compile(r"\W*(?:%s)" % "|".join(map(re.escape, raw["related"]))),
        link_tags=frozenset(raw["link_dense"]["tags"]),
        link_min=raw["link_dense"]["min_links"],
        link_ratio=raw["link_dense"]["min_ratio"],
        spam=_any(raw["spam"]),
        page_meta=raw["page_meta"],
    )


# ---------------------------------------------------------------- tree helpers

def _tag(el) -> str:
    return el.tag.lower() if isinstance(el.tag, str) else ""


def _walk(root, enter):
    """Document-order events ("start"|"end", el, entered); children are visited only if entered."""
    if not enter(root):
        yield "start", root, False
        yield "end", root, False
        return
    yield "start", root, True
    stack = [(root, iter(root))]
    while stack:
        el, children = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            yield "end", el, True
            continue
        entered = enter(child)
        yield "start", child, entered
        if entered:
            stack.append((child, iter(child)))
        else:
            yield "end", child, False


def _text_nodes(root, enter):
    """(element, key, string) for every text (key 0) and tail (key 1) under root, in order."""
    for ev, el, entered in _walk(root, enter):
        if ev == "start" and entered and isinstance(el.tag, str) and el.text:
            yield el, 0, el.text
        elif ev == "end" and el is not root and el.tail:
            yield el, 1, el.tail


def _is_cjk(ch: str) -> bool:
    o = ord(ch)
    return (0x2E80 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or 0xFE30 <= o <= 0xFE4F
            or 0xFF00 <= o <= 0xFFEF or 0x2018 <= o <= 0x201F or o >= 0x20000)


def _han(s: str) -> int:
    return len(_HAN.findall(s))


# ---------------------------------------------------------------- source alignment

_MARKUP = re.compile(
    r"<!--.*?(?:-->|\Z)"
    r"|<[!?][^>]*>?"
    r"|</?(?P<name>[A-Za-z][^\s/>]*)(?:[^>\"']|\"[^\"]*\"|'[^']*')*>"
    r"|&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);?",
    re.S,
)
_RAW_END = {name: re.compile(rf"</{name}\s*>", re.I) for name in ("script", "style")}


def _flatten(src: str) -> tuple[str, list[int]]:
    """The character data of ``src`` (what text nodes are made of) and each char's offset."""
    chars: list[str] = []
    offs: list[int] = []

    def plain(a: int, b: int) -> None:
        for i in range(a, b):
            ch = src[i]
            if ch == "\r":
                if src.startswith("\n", i + 1):
                    continue
                ch = "\n"
            chars.append(ch)
            offs.append(i)

    pos = 0
    while True:
        m = _MARKUP.search(src, pos)
        plain(pos, m.start() if m else len(src))
        if m is None:
            break
        pos = m.end()
        token = m.group()
        if token[0] == "&":
            decoded = htmllib.unescape(token)
            if decoded == token:
                plain(m.start(), m.end())
            else:
                chars.extend(decoded)
                offs.extend([m.start()] * len(decoded))
        elif m["name"] and token[1] != "/" and m["name"].lower() in _RAW_END:
            end = _RAW_END[m["name"].lower()].search(src, pos)
            plain(pos, end.start() if end else len(src))
            pos = end.start() if end else len(src)
    return "".join(chars), offs


def _align(root, src: str) -> dict:
    """{(element, key): offsets} for every text node, key 0 = .text, 1 = .tail."""
    flat, offs = _flatten(src)
    spans: dict = {}
    cur = 0
    for el, key, s in _text_nodes(root, lambda el: True):
        n = len(s)
        p = cur if flat.startswith(s, cur) else flat.find(s, cur, cur + n + _WINDOW)
        if p >= 0:
            spans[(el, key)] = offs[p:p + n]
            cur = p + n
            continue
        found = []
        for ch in s:  # lxml changed the text: place it character by character
            p = flat.find(ch, cur, cur + _WINDOW)
            if p >= 0:
                cur = p + 1
            found.append(offs[p] if p >= 0 else (offs[cur] if cur < len(offs) else len(src)))
        spans[(el, key)] = found
    return spans


# ---------------------------------------------------------------- rendering

@dataclass
class _Line:
    text: str
    offs: list[int]
    cells: list = field(default_factory=list)  # (element, text, start, end) relative to line
    table: int | None = None


def _collapse(chars: list[str], offs: list[int]) -> tuple[str, list[int]]:
    """Strip a line; a whitespace run inside it becomes one space (a wrap between CJK: nothing)."""
    out: list[str] = []
    out_offs: list[int] = []
    i, n = 0, len(chars)
    while i < n:
        ch = chars[i]
        if not ch.isspace():
            out.append(ch)
            out_offs.append(offs[i])
            i += 1
            continue
        j = i
        while j < n and chars[j].isspace():
            j += 1
        wrap = "\n" in chars[i:j] or "\r" in chars[i:j]
        if out and j < n and not (wrap and _is_cjk(out[-1]) and _is_cjk(chars[j])):
            out.append(ch if ch in " \u3000" else " ")
            out_offs.append(offs[i])
        i = j
    return "".join(out), out_offs


class _Out:
    """Lines being written; None stands for one blank line."""

    def __init__(self) -> None:
        self.lines: list[_Line | None] = []
        self.chars: list[str] = []
        self.offs: list[int] = []
        self.content = 0  # text nodes with visible characters written so far
        self.last = 0  # source offset just after the last character written

    def add(self, s: str, offs: list[int]) -> None:
        if s:
            self.chars.extend(s)
            self.offs.extend(offs)
            self.last = offs[-1] + 1
            self.content += not s.isspace()

    def end_line(self) -> None:
        text, offs = _collapse(self.chars, self.offs)
        if text:
            self.lines.append(_Line(text, offs))
        self.chars, self.offs = [], []

    def blank(self) -> None:
        self.end_line()
        self.lines.append(None)

    def br(self) -> None:
        if any(not c.isspace() for c in self.chars):
            self.end_line()
        else:
            self.blank()

    def put(self, line: _Line) -> None:
        self.end_line()
        self.lines.append(line)
        self.content += 1


def _join_cell(lines: list) -> tuple[str, list[int]]:
    """Lines of one cell as one string: nothing between CJK characters, a space otherwise."""
    text, offs = "", []
    for line in lines:
        if line is None or not line.text:
            continue
        if text and not (_is_cjk(text[-1]) and _is_cjk(line.text[0])):
            text += " "
            offs.append(offs[-1] + 1)
        text += line.text
        offs += line.offs
    return text, offs


def _own_rows(table) -> list:
    def owner(tr):
        return next((a for a in tr.iterancestors() if _tag(a) == "table"), None)
    return [tr for tr in table.iter("tr") if owner(tr) is table]


def _cells(tr) -> list:
    return [c for c in tr if _tag(c) in ("td", "th")]


def _span(el, name: str) -> int:
    m = re.match(r"\s*(\d+)", el.get(name) or "")
    return min(max(int(m[1]), 1), 1000) if m else 1


class _Renderer:
    def __init__(self, page: "_Page", in_cell: bool = False) -> None:
        self.page = page
        self.in_cell = in_cell
        self.out = _Out()

    def _is_grid(self, el) -> bool:
        """A data table of its own (not flattened into a cell, not a layout wrapper)."""
        if self.in_cell or _tag(el) != "table":
            return False
        wrapper = any(t is not el for t in el.iter("table")) and all(
            len(_cells(tr)) <= 1 for tr in _own_rows(el))
        return not wrapper

    def _enter(self, el) -> bool:
        return isinstance(el.tag, str) and el not in self.page.drop and not self._is_grid(el)

    def render(self, root) -> "_Renderer":
        marks = {}
        for ev, el, entered in _walk(root, self._enter):
            tag = _tag(el)
            if ev == "start":
                if not entered:
                    if tag and el not in self.page.drop and self._is_grid(el):
                        self._table(el)
                    continue
                if tag == "br":
                    self.out.br()
                elif tag in BLOCK:
                    self.out.end_line()
                marks[el] = self.out.content
                self.out.add(*self.page.node(el, 0))
            else:
                if entered and tag in BLOCK:
                    if tag == "p" and marks.get(el) == self.out.content:
                        self.out.blank()  # an empty paragraph is a paragraph gap
                    else:
                        self.out.end_line()
                if el is not root:
                    self.out.add(*self.page.node(el, 1))
        return self

    def _table(self, table) -> None:
        tid = self.page.next_table()
        for caption in table.iterchildren("caption"):
            if caption not in self.page.drop:
                self.render(caption)
        self.out.end_line()
        for tr in _own_rows(table):
            if any(a in self.page.drop for a in _between(tr, table)):
                continue
            cells = [c for c in _cells(tr) if c not in self.page.drop]
            if cells:
                self.out.put(self._row(cells, tid))

    def _row(self, cells: list, tid: int) -> _Line:
        text, offs, spans = "", [], []
        near = self.out.last

        def put(s: str, o: list[int]) -> None:
            nonlocal text
            if s:
                if text:
                    text += " "
                    offs.append(near)
                text += s
                offs.extend(o)

        for k, cell in enumerate(cells):
            if k:
                put("|", [near])
            s, o = _join_cell(_Renderer(self.page, in_cell=True).render(cell).out_lines())
            start = len(text) + (1 if text and s else 0)
            put(s, o)
            spans.append((cell, s, start, len(text)))
            if o:
                near = o[-1] + 1
        self.out.last = near
        return _Line(text, offs, spans, tid)

    def out_lines(self) -> list:
        self.out.end_line()
        return self.out.lines


def _between(el, top) -> list:
    """el and its ancestors strictly below top (empty if el is top)."""
    if el is top:
        return []
    chain = [el]
    for a in el.iterancestors():
        if a is top:
            break
        chain.append(a)
    return chain


# ---------------------------------------------------------------- the page

class _Page:
    def __init__(self, root, src: str, rules: _Rules) -> None:
        self.root = root
        self.rules = rules
        self.spans = _align(root, src)
        self.drop = {el for el in root.iter() if isinstance(el.tag, str) and rules.drops(el)}
        self.tables = 0

    def node(self, el, key: int) -> tuple[str, list[int]]:
        s = el.text if key == 0 else el.tail
        if not s or (key == 0 and not isinstance(el.tag, str)):
            return "", []
        return s, self.spans.get((el, key)) or [0] * len(s)

    def next_table(self) -> int:
        self.tables += 1
        return self.tables

    def kept(self, el) -> bool:
        return isinstance(el.tag, str) and el not in self.drop

    def text(self, el, loose: bool = False) -> tuple[str, str]:
        """(all text, link text) under el, skipping dropped elements (and with ``loose``,
        nested blocks), whitespace collapsed."""
        def enter(e) -> bool:
            return self.kept(e) and not (loose and e is not el and _tag(e) in BLOCK)

        parts, links = [], []
        for node, key, s in _text_nodes(el, enter):
            parts.append(s)
            holder = node if key == 0 else node.getparent()
            if _tag(el) == "a" or any(_tag(a) == "a" for a in _between(holder, el)):
                links.append(s)
        return _WS.sub(" ", "".join(parts)).strip(), _WS.sub(" ", "".join(links)).strip()

    # ---- choosing the article

    def container(self):
        # one pass over the tree: each element is read once and filed under the known
        # container selectors (in their order of preference) it matches
        found: list[list] = [[] for _ in self.rules.containers]
        for el in self.root.iter():
            if not isinstance(el.tag, str) or el in self.drop:
                continue
            for k in self.rules.container_index.matching(el, _attrs(el)):
                found[k].append(el)
        for els in found:
            best, best_n = None, 0
            for el in els:
                all_text, link_text = self.text(el)
                n = _han(all_text) - _han(link_text)
                if n > best_n:
                    best, best_n = el, n
            if best is not None and best_n >= self.rules.container_min_chars:
                return best
        return self.densest()

    def densest(self):
        """The element with most Chinese prose under it (paragraphs count for their parent and,
        half, grandparent), scaled down by the share of link text; the body if no element
        holds ``container_min_chars``."""
        score: dict = {}
        total: dict = {}
        linked: dict = {}
        for node, key, s in _text_nodes(self.root, self.kept):
            n = _han(s)
            holder = node if key == 0 else node.getparent()
            if not n or holder is None:
                continue
            chain = [holder, *holder.iterancestors()]
            in_link = any(_tag(a) == "a" for a in chain)
            for a in chain:
                total[a] = total.get(a, 0) + n
                linked[a] = linked.get(a, 0) + (n if in_link else 0)
            if in_link or self.rules.spam.search(s):
                continue
            block = next((a for a in chain if _tag(a) in BLOCK), None)
            if block is not None:  # the paragraph, its parent, half to its grandparent
                for a, weight in zip([block, *block.iterancestors()], (1.0, 1.0, 0.5)):
                    score[a] = score.get(a, 0) + n * weight
        best, best_score = None, float(self.rules.container_min_chars) - 0.5
        for el in self.root.iter():
            if el in score and _tag(el) in _CANDIDATES:
                value = score[el] * (1 - linked[el] / total[el])
                if value > best_score:
                    best, best_score = el, value
        if best is not None:
            return best
        body = self.root.find("body")
        return body if body is not None else self.root

    def drop_inside(self, container) -> None:
        """Tool bars, related lists, link lists and spam blocks inside the article (the
        insides of tables are left alone)."""
        rules = self.rules
        blocks = [el for ev, el, entered in _walk(container, self.kept)
                  if ev == "start" and entered and el is not container and _tag(el) in BLOCK
                  and not any(_tag(a) in _TABLE_PARTS for a in _between(el, container))]
        for el in blocks:
            if any(a in self.drop for a in _between(el, container)):
                continue
            text, links = self.text(el)
            heading = rules.related_heading.fullmatch(text)
            if heading:
                self.drop.update(self._lists_after(el))
            if heading or self._is_chrome(el, text, links):
                self.drop.add(el)
        self._drop_spam(container, [el for el in blocks
                                    if not any(a in self.drop for a in _between(el, container))])

    def _is_chrome(self, el, text: str, links: str) -> bool:
        rules = self.rules
        if len(text) <= rules.chrome_max and rules.chrome.search(text):
            return True
        if rules.related_list.match(text) and len(links) >= 0.5 * len(text):
            return True
        n_links = sum(1 for a in el.iter("a") if self.kept(a) and a.text_content().strip())
        return (_tag(el) in rules.link_tags and n_links >= rules.link_min
                and len(links) >= rules.link_ratio * len(text) and next(el.iter("table"), None) is None)

    def _lists_after(self, heading):
        """The link lists right after a 相关链接 heading."""
        for sib in heading.itersiblings():
            if not self.kept(sib):
                continue
            text, links = self.text(sib)
            if _tag(sib) in ("ul", "ol", "dl") or (text and len(links) >= 0.5 * len(text)):
                yield sib
            elif text:
                break

    def _drop_spam(self, container, blocks) -> None:
        """The innermost block carrying spam goes whole; spam loose in a wrapper block (or in
        the container) takes only the inline elements that carry it."""
        spam = self.rules.spam
        for el in [container, *blocks]:
            if not spam.search(self.text(el, loose=True)[0]):
                continue
            if el is not container and not any(_tag(c) in BLOCK for c in el.iterdescendants()):
                self.drop.add(el)
                continue
            for child in el:
                if self.kept(child) and _tag(child) not in BLOCK and spam.search(self.text(child)[0]):
                    self.drop.add(child)

    def title_element(self, container):
        """The report title shown just above the container, if the container has no h1:
        the nearest preceding match of the first title selector that has one, looking in
        the container's parent, then grandparent ..."""
        if any(not any(a in self.drop for a in _between(h1, container)) for h1 in container.iter("h1")):
            return None
        ancestors = set(container.iterancestors())
        anc = container
        for _ in range(self.rules.title_levels):
            anc = anc.getparent()
            if anc is None:
                return None
            preceding = []
            for el in anc.iter():
                if el is container:
                    break
                if isinstance(el.tag, str) and el not in ancestors:
                    preceding.append(el)
            for matches in self.rules.title_selectors:
                hits = [el for el in preceding if matches(el) and self._title_ok(el)]
                if hits:
                    return hits[-1]
        return None

    def _title_ok(self, el) -> bool:
        if any(a in self.drop and _tag(a) != "header" for a in [el, *el.iterancestors()]):
            return False
        text = self.text(el)[0]
        return 4 <= len(text) <= 150 and _han(text) > 0 and not self.rules.spam.search(text)


# ---------------------------------------------------------------- page metadata

def _label_values(root, labels: list[str]) -> dict:
    """First value in the page for each info-grid label (名称, 发布机构, 公开日期 ...)."""
    values: dict = {}
    inline = re.compile("(%s)\\s*[：:]" % "|".join(map(re.escape, labels))) if labels else None
    for el in root.iter():
        if inline is None or not isinstance(el.tag, str) or _tag(el) in ("script", "style"):
            continue
        own = _WS.sub("", el.text_content()).rstrip("：:")
        if own in labels:
            nxt = el.getnext()
            while nxt is not None and not isinstance(nxt.tag, str):
                nxt = nxt.getnext()
            value = nxt.text_content() if nxt is not None else (el.tail or "")
            values.setdefault(own, value)
        elif el.text and len(own) <= 300:
            m = inline.match(el.text.strip())
            if m:
                rest = _WS.sub(" ", el.text_content()).strip()[m.end():]
                cut = inline.search(rest)
                values.setdefault(m[1], rest[:cut.start()] if cut else rest)
    return values


def _meta_value(key: str, value) -> str | None:
    if not value:
        return None
    value = _WS.sub(" ", value).strip()
    if key == "published":
        m = _DATE.search(value)
        if not m:
            return None
        y, mo, d = int(m[1]), int(m[2]), int(m[3])
        return f"{y:04d}-{mo:02d}-{d:02d}" if 1 <= mo <= 12 and 1 <= d <= 31 else None
    if not value or len(value) > 150 or re.match(r"(?i)https?://|www\.", value):
        return None
    return value


def _page_meta(page: _Page, title_el) -> dict:
    root = page.root
    metas: dict = {}
    for m in root.iter("meta"):
        name = (m.get("name") or m.get("property") or "").strip().lower()
        if name and (m.get("content") or "").strip():
            metas.setdefault(name, m.get("content"))
    spec = page.rules.page_meta
    labels = _label_values(root, [lab for s in spec.values() for lab in s.get("labels") or []])
    found: dict = {}
    for key, s in spec.items():
        sources = [metas.get(n.lower()) for n in s.get("meta") or []]
        sources += [labels.get(lab) for lab in s.get("labels") or []]
        value = next((v for v in (_meta_value(key, x) for x in sources) if v), None)
        if value:
            found[key] = value
    if "title" not in found:
        title = root.find(".//title")
        candidates = [page.text(title_el)[0] if title_el is not None else None,
                      _SITE_SUFFIX.split(title.text_content().strip())[0] if title is not None else None]
        value = next((v for v in (_meta_value("title", c) for c in candidates) if v), None)
        if value:
            found["title"] = value
    return found


# ---------------------------------------------------------------- putting it together

def _convert(html: str, rules: _Rules) -> HtmlText:
    if not isinstance(html, str) or not html.strip():
        return HtmlText("", [0], [], {})
    parser = lxml.html.HTMLParser(encoding="utf-8")
    root = lxml.html.document_fromstring(html.encode("utf-8", "replace"), parser=parser)
    page = _Page(root, html, rules)
    container = page.container()
    page.drop_inside(container)
    title_el = page.title_element(container)
    meta = _page_meta(page, title_el)

    renderer = _Renderer(page)
    if title_el is not None:
        renderer.render(title_el)
        renderer.out.end_line()
    lines = renderer.render(container).out_lines()
    if title_el is not None and len(lines) > 1 and lines[0] and lines[1] \
            and lines[0].text == lines[1].text:
        lines = lines[1:]  # the article repeats its title
    out = _assemble(lines, meta)
    # lxml repairs broken markup ("<!-->0"): a position past the input is its end
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
            table.rows.append([
                RawCell(s, pos + a, pos + b, _span(cell, "rowspan"), _span(cell, "colspan"))
                for cell, s, a, b in line.cells])
        pos += len(line.text)
    offsets.append(end)
    return HtmlText("".join(parts), offsets, [tables[k] for k in sorted(tables)], meta)
