"""Numbers as reports write them: Arabic, Chinese numerals, money, percentages and
approximations ("2000余", "近300", "200多"), each with the interval it means."""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

_DIGITS = "零一二三四五六七八九"
_UNITS = ["", "十", "百", "千"]


def chinese(n: int, two: bool = False) -> str:
    """0 <= n < 10**8 as a Chinese numeral: 12 → 十二, 3400 → 三千四百, 105 → 一百零五.
    ``two`` writes a leading 2 as 两 (两次, 两千)."""
    if n < 0 or n >= 10**8:
        raise ValueError(n)
    if n == 0:
        return "零"
    if n >= 10000:
        high, low = divmod(n, 10000)
        s = chinese(high, two) + "万"
        if low:
            s += ("零" if low < 1000 else "") + _below_10k(low, False)
        return s
    s = _below_10k(n, two)
    return s


def _below_10k(n: int, two: bool) -> str:
    digits = [int(c) for c in f"{n:04d}"]
    out = []
    zero = False
    started = False
    for i, d in enumerate(digits):
        unit = _UNITS[3 - i]
        if d == 0:
            zero = started
            continue
        if zero:
            out.append("零")
            zero = False
        if d == 1 and unit == "十" and not started:
            out.append("十")
        elif d == 2 and two and not started and unit != "十":
            out.append("两" + unit)
        else:
            out.append(_DIGITS[d] + unit)
        started = True
    return "".join(out)


def round_down(n: int, keep: int) -> int:
    """n with all but its first ``keep`` significant digits set to zero (2347, 2 → 2300)."""
    if n < 10:
        return n
    step = 10 ** max(len(str(n)) - keep, 0)
    return n // step * step


def money_wan(yuan: Decimal, places: int = 2) -> str:
    """元 amount as 万元 text without the unit: 7599000 → '759.90'."""
    q = Decimal(1).scaleb(-places)
    return str((yuan / Decimal(10000)).quantize(q, rounding=ROUND_HALF_UP))


def percent_text(num: int, den: int, places: int) -> tuple[str, float]:
    """100*num/den rounded half-up to ``places`` decimals: (text, value)."""
    q = Decimal(1).scaleb(-places) if places else Decimal(1)
    v = (Decimal(num) * 100 / Decimal(den)).quantize(q, rounding=ROUND_HALF_UP)
    return str(v), float(v)


def _under_format(stated: int) -> str:
    return "不足{n}{u}" if stated % 2 else "不到{n}{u}"


def as_number(d: Decimal) -> int | float:
    return int(d) if d == d.to_integral_value() else float(d)


def approx(value: int, style: str, keep: int = 1) -> tuple[str, int, int | None, int | None, str] | None:
    """An approximate way of writing ``value``: (format with ``{n}`` for the number and ``{u}``
    for the unit — 2000余人次, 近300条, 40人次以上 —, stated number, low, high, qualifier) or
    None when the style does not suit the value.  The true value always lies inside [low, high]."""
    if value < 20:
        return None
    if style in ("yu", "duo"):  # 2000余 / 200多: more than the stated number (the project's gold leaves high open)
        stated = round_down(value, keep)
        if stated == value:
            return None
        marker = "余" if style == "yu" else "多"
        return "{n}" + marker + "{u}", stated, stated, None, "more_than"
    if style == "jin":  # 近300: a little under the stated number
        step = 10 ** max(len(str(value)) - keep, 0)
        stated = -(-value // step) * step
        if stated == value or value < stated * 0.9:
            return None
        return "近{n}{u}", stated, 0, stated, "less_than"
    if style in ("yue", "zuoyou"):  # 约2000 / 2000左右: within ±10 %
        stated = round_down(value + 10 ** max(len(str(value)) - keep, 0) // 2, keep)
        if stated == 0 or abs(value - stated) > stated * 0.05 or stated == value:
            return None
        fmt = "约{n}{u}" if style == "yue" else "{n}{u}左右"
        return fmt, stated, int(stated * 0.9), int(stated * 1.1 + 0.5), "approx"
    if style in ("over", "above"):  # 超过2000 / 2000以上
        stated = round_down(value, keep)
        if stated == value and style == "over":
            return None
        if style == "over":
            return "超过{n}{u}", stated, stated, None, "more_than"
        return "{n}{u}以上", stated, stated, None, "at_least"
    if style == "under":  # 不足300 / 不到300
        step = 10 ** max(len(str(value)) - keep, 0)
        stated = -(-value // step) * step
        if stated == value:
            stated += step
        return _under_format(stated), stated, 0, stated, "less_than"
    raise ValueError(style)
