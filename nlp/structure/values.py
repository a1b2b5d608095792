"""A table cell's text → (value, unit).  Blank is None, never 0."""
from __future__ import annotations

import re
from functools import lru_cache

from nlp.normalize import halfwidth

_NUM = re.compile(
    r"^(?P<sign>[+\-−]?)\s*(?P<num>\d{1,3}(?:[,，]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*"
    r"(?P<unit>万元|亿元|千元|元|条|件|个|人次|人|次|篇|项|场|期|份|家|户|名|%|％)?$"
)
BLANK = {"", "-", "—", "–", "──", "/", "\\", "／", "--", "——", "空", "null"}
ZERO_WORDS = {"无", "零", "〇"}


def is_blank(raw: str) -> bool:
    value, unit, ok = parse_value(raw)
    return ok and value is None


def _squash(raw: str) -> str:
    return re.sub(r"\s+", "", halfwidth(raw))


@lru_cache(maxsize=65536)
def parse_value(raw: str) -> tuple[float | int | None, str | None, bool]:
    """Return (value, unit, ok).  ``ok`` is False when the text is not a number at all
    (a label); a blank cell is ok with value None."""
    s = _squash(raw)
    if s in BLANK:
        return None, None, True
    if s in ZERO_WORDS:
        return 0, None, True
    m = _NUM.match(s)
    if not m:
        return None, None, False
    num = m.group("num").replace(",", "").replace("，", "")
    value: float | int = float(num) if "." in num else int(num)
    if m.group("sign") in {"-", "−"}:
        value = -value
    unit = m.group("unit")
    if unit == "％":
        unit = "%"
    return value, unit, True


def is_number(raw: str) -> bool:
    value, _, ok = parse_value(raw)
    return ok and value is not None
