"""Department type and province of an issuing body (rules in
``nlp/resources/themes/departments.yaml``)."""
from __future__ import annotations

import re
from functools import lru_cache

from nlp.normalize import halfwidth, to_simplified
from nlp.resources import load_yaml

_PROVINCE = re.compile(r"^(北京市|天津市|上海市|重庆市|香港特别行政区|澳门特别行政区|.{2,7}?(?:省|自治区))")


@lru_cache(maxsize=1)
def _rules():
    return load_yaml("themes/departments.yaml")


@lru_cache(maxsize=4096)
def department_type(body: str | None) -> str:
    """民政, 人社, 教育, 发改, 科技, 办公厅, 人民政府 … from the body's name; 未知 without a body."""
    d = _rules()
    if not body:
        return d["unknown"]
    name = re.sub(r"\s+", "", to_simplified(halfwidth(body)))
    for group, text in (("offices", name), ("departments", name.replace("人民政府", "")), ("governments", name)):
        for entry in d[group]:
            if any(k in text for k in entry["keywords"]):
                return entry["type"]
    return d["other"]


def province(region: str | None) -> str | None:
    """The province-level part of a region string (湖南省衡阳市衡山县 → 湖南省)."""
    if not region:
        return None
    m = _PROVINCE.match(region)
    return m.group(1) if m else region
