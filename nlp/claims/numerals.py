"""Numeral strings → numbers: Arabic, Chinese (cn2an), mixed (3千4百, 1.2万), with
multipliers.  Decimals keep the digits as written (``Decimal``)."""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

CN_DIGITS = "零〇一二两三四五六七八九"
CN_UNITS = "十百千万亿"
MULT = {"十": 10, "百": 100, "千": 1000, "万": 10_000, "亿": 100_000_000}
MAX_VALUE = Decimal(10) ** 15  # anything larger is not a quantity a report states

_ARABIC = re.compile(r"^\d+(?:,\d{3})*(?:\.\d+)?$")
_MIXED = re.compile(r"^(\d+(?:\.\d+)?)([十百千万亿]+)((?:\d+[十百千万]?)*)$")


def to_number(s: str) -> Decimal | None:
    """The value of a numeral as written, or None when it is not a sensible number."""
    s = s.strip()
    if not s:
        return None
    try:
        if _ARABIC.match(s):
            v = Decimal(s.replace(",", ""))
        elif _MIXED.match(s):
            v = _mixed(s)
        elif re.fullmatch(r"[十百千万亿]+", s) and s[0] != "十":
            v = Decimal(1)  # 破亿, 破千万: a bare magnitude
            for ch in s:
                v *= MULT[ch]
        elif all(ch in CN_DIGITS + CN_UNITS + "点" for ch in s):
            v = _chinese(s)
        else:
            return None
    except (InvalidOperation, ValueError, KeyError):
        return None
    if v is None or v < 0 or v > MAX_VALUE:
        return None
    return v


def _mixed(s: str) -> Decimal | None:
    """'1.2万' → 12000; '3千4百' → 3400; '2万5千' → 25000."""
    total = Decimal(0)
    for num, unit in re.findall(r"(\d+(?:\.\d+)?)([十百千万亿]*)", s):
        mult = Decimal(1)
        for ch in unit:
            mult *= MULT[ch]
        total += Decimal(num) * mult
    return total


def _chinese(s: str) -> Decimal | None:
    if s.count("点") > 1:
        return None
    if re.fullmatch(r"[零〇一二两三四五六七八九]{2,}", s):
        # 二〇二〇 is a digit-by-digit numeral (a year or a code), not a quantity
        return None
    import cn2an

    try:
        v = cn2an.cn2an(s.replace("两", "二"), "strict")
    except Exception:  # cn2an raises plain ValueError/KeyError on malformed numerals
        try:
            v = cn2an.cn2an(s.replace("两", "二"), "normal")
        except Exception:
            return None
    return Decimal(str(v))
