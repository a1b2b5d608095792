"""Page metadata (title, publisher, dates ...) from ``<meta>`` tags, info-grid labels
(名称：…, 发布机构：…) and the title element or ``<title>``."""
from __future__ import annotations

import re
from itertools import accumulate

from .page import Page
from .rules import Rules
from .text import WS
from .tree import Tree

_DATE = re.compile(r"(\d{4})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})")
_SITE_SUFFIX = re.compile(r"\s*[-_|–—]+\s*")


def _label_values(tree: Tree, rules: Rules) -> dict:
    """First value in the page for each info-grid label (名称, 发布机构, 公开日期 ...)."""
    values: dict = {}
    labels, inline = rules.labels, rules.label_inline
    if inline is None:
        return values
    clean, starts = _label_holders(tree, rules)
    for i in sorted(clean | starts):
        if tree.tag[i] in ("script", "style"):
            continue
        content = tree.content(i)
        own = WS.sub("", content).rstrip("：:") if i in clean else None
        if own in labels:
            j = tree.end[i]
            while j < len(tree.els) and tree.parent[j] == tree.parent[i] and not tree.tag[j]:
                j = tree.end[j]
            nxt = j if j < len(tree.els) and tree.parent[j] == tree.parent[i] else None
            value = tree.content(nxt) if nxt is not None else (tree.els[i].tail or "")
            values.setdefault(own, value)
            continue
        text = tree.strings[tree.text_node[i]] if tree.text_node[i] >= 0 else None
        if not text:
            continue
        m = inline.match(text.strip())
        if m and len(own if own is not None else WS.sub("", content).rstrip("：:")) <= 300:
            rest = WS.sub(" ", content).strip()[m.end():]
            cut = inline.search(rest)
            values.setdefault(m[1], rest[:cut.start()] if cut else rest)
    return values


def _label_holders(tree: Tree, rules: Rules) -> tuple[set, set]:
    """The elements that may be a label (their text has label characters and nothing but
    those, spaces and colons) and those whose own text starts with "label：" (only these
    can give a value)."""
    strings, holder, parent = tree.strings, tree.holder, tree.parent
    first, last = tree.first, tree.last
    foreign = [rules.not_label.search(s) is not None for s in strings]
    dirty = list(accumulate(foreign, initial=0))  # text nodes with a foreign character so far
    clean: set = set()
    if "" in rules.labels:  # an empty label: an element without text is one
        clean.update(i for i, tag in enumerate(tree.tag) if tag)
    for k, s in enumerate(strings):
        if foreign[k] or not rules.label_char.search(s):
            continue
        i = holder[k]  # it and the elements above it, up to the first with foreign text
        while i >= 0 and i not in clean and dirty[first[i]] == dirty[last[i]]:
            clean.add(i)
            i = parent[i]
    inline, text_node = rules.label_inline, tree.text_node
    starts = {holder[k] for k, s in enumerate(strings)
              if text_node[holder[k]] == k and inline.match(s.strip())}
    return clean, starts


def _meta_value(key: str, value) -> str | None:
    if not value:
        return None
    value = WS.sub(" ", value).strip()
    if key == "published":
        m = _DATE.search(value)
        if not m:
            return None
        y, mo, d = int(m[1]), int(m[2]), int(m[3])
        return f"{y:04d}-{mo:02d}-{d:02d}" if 1 <= mo <= 12 and 1 <= d <= 31 else None
    if not value or len(value) > 150 or re.match(r"(?i)https?://|www\.", value):
        return None
    return value


def page_meta(page: Page, title_el: int | None) -> dict:
    tree = page.tree
    metas: dict = {}
    for i in tree.by_tag.get("meta", ()):
        m = tree.els[i]
        name = (m.get("name") or m.get("property") or "").strip().lower()
        if name and (m.get("content") or "").strip():
            metas.setdefault(name, m.get("content"))
    spec = page.rules.page_meta
    labels = _label_values(tree, page.rules)
    found: dict = {}
    for key, s in spec.items():
        sources = [metas.get(n.lower()) for n in s.get("meta") or []]
        sources += [labels.get(lab) for lab in s.get("labels") or []]
        value = next((v for v in (_meta_value(key, x) for x in sources) if v), None)
        if value:
            found[key] = value
    if "title" not in found:
        title = next((i for i in tree.by_tag.get("title", ()) if i), None)
        candidates = [
            page.plain(title_el) if title_el is not None else None,
            _SITE_SUFFIX.split(tree.content(title).strip())[0] if title is not None else None]
        value = next((v for v in (_meta_value("title", c) for c in candidates) if v), None)
        if value:
            found["title"] = value
    return found
