"""The page rules (``nlp/resources/html.yaml``), loaded and compiled once: selectors
(indexed by the tag, id or class they need), container, chrome, spam and metadata-label
patterns."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from nlp.resources import parse_yaml

RULES_PATH = Path(__file__).resolve().parent.parent.parent / "resources" / "html.yaml"


def _parse_selector(text: str) -> tuple[str, list[tuple[str, str]]]:
    """A selector's tag (lower-cased, "" for any) and its ("#"|".", name) qualifiers."""
    m = re.fullmatch(r"([A-Za-z][\w:-]*)?((?:[#.][\w-]+)*)", text.strip())
    if not m:
        raise ValueError(f"unsupported selector in {RULES_PATH.name}: {text!r}")
    return (m[1] or "").lower(), re.findall(r"([#.])([\w-]+)", m[2])


def _selector(text: str):
    """A test on an element's (tag, id, classes), see :func:`element_attrs`."""
    tag, quals = _parse_selector(text)
    ids = {v.lower() for k, v in quals if k == "#"}
    classes = {v.lower() for k, v in quals if k == "."}

    def matches(attrs) -> bool:
        el_tag, el_id, el_classes = attrs
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
            tag, quals = _parse_selector(text)
            key = next(((k, v.lower()) for k, v in quals), ("tag", tag))
            self.by_key.setdefault(key, []).append((len(self.order), _selector(text)))
            self.order.append(text)

    def _tried(self, attrs) -> list:
        """(position, selector) of every selector filed under one of the element's keys."""
        tag, el_id, classes = attrs
        by_key = self.by_key
        tried = [*by_key.get(("tag", tag), ()), *by_key.get(("#", el_id), ())]
        for c in classes:
            tried += by_key.get((".", c), ())
        return tried

    def any(self, attrs) -> bool:
        return any(s(attrs) for _, s in self._tried(attrs))

    def matching(self, attrs) -> list[int]:
        """Positions (in the rules' order) of the selectors the element matches."""
        return sorted({k for k, s in self._tried(attrs) if s(attrs)})


def element_attrs(tag: str, el_id: str, el_class: str) -> tuple[str, str, frozenset]:
    """An element's tag, id and classes, lower-cased: read once, matched by every selector."""
    return tag, el_id.lower(), frozenset(el_class.lower().split())


def _any(patterns, flags=0):
    return re.compile("|".join(f"(?:{p})" for p in patterns) or r"(?!)", flags)


@dataclass
class Rules:
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
    labels: list  # every page_meta label, in order
    label_inline: re.Pattern | None  # "label：" at the start of a text
    not_label: re.Pattern  # a character no label (nor the space and colons around it) has
    label_char: re.Pattern  # a character of a label

    def drops(self, attrs, el_class: str, el_id: str, style: str) -> bool:
        if attrs[0] in self.drop_tags or self.drop_index.any(attrs):
            return True
        names = el_class.split() + [el_id]
        if any(n and self.drop_class_id.fullmatch(n) for n in names):
            return True
        return bool(self.hidden_style.search(style))


@lru_cache(maxsize=1)
def load_rules() -> Rules:
    raw = parse_yaml(RULES_PATH.read_text(encoding="utf-8"))
    labels = [lab for s in raw["page_meta"].values() for lab in s.get("labels") or []]
    label_chars = "".join(map(re.escape, sorted(set("".join(labels)))))
    return Rules(
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
        labels=labels,
        label_inline=re.compile("(%s)\\s*[：:]" % "|".join(map(re.escape, labels))) if labels else None,
        not_label=re.compile("[^\\s：:%s]" % label_chars),
        label_char=re.compile("[%s]" % label_chars) if label_chars else re.compile(r"(?!)"),
    )
