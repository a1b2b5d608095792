"""CJK characters and the spacing of text: Han counts, whitespace collapsed in a line
(nothing for a wrap between CJK characters), a cell's lines joined."""
from __future__ import annotations

import re

_HAN = re.compile(r"[\u4e00-\u9fff]+")
WS = re.compile(r"\s+")


def is_cjk(ch: str) -> bool:
    o = ord(ch)
    return (0x2E80 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or 0xFE30 <= o <= 0xFE4F
            or 0xFF00 <= o <= 0xFFEF or 0x2018 <= o <= 0x201F or o >= 0x20000)


def han(s: str) -> int:
    """How many Chinese characters s has."""
    return sum(map(len, _HAN.findall(s)))


def collapse(s: str, offs: list[int]) -> tuple[str, list[int]]:
    """Strip a line; a whitespace run inside it becomes one space (a wrap between CJK: nothing)."""
    if not WS.search(s):
        return s, offs
    out: list[str] = []
    out_offs: list[int] = []
    pos, n = 0, len(s)
    for m in WS.finditer(s):
        i, j = m.span()
        out.append(s[pos:i])
        out_offs += offs[pos:i]
        pos = j
        if i == 0 or j == n:  # leading or trailing
            continue
        run = m.group()
        wrap = "\n" in run or "\r" in run
        if not (wrap and is_cjk(s[i - 1]) and is_cjk(s[j])):
            out.append(run[0] if run[0] in " \u3000" else " ")
            out_offs.append(offs[i])
    out.append(s[pos:])
    out_offs += offs[pos:]
    return "".join(out), out_offs


def join_cell(lines: list) -> tuple[str, list[int]]:
    """(text, offsets) lines of one cell as one string: nothing between CJK characters, a
    space otherwise (None: no line)."""
    text, offs = "", []
    for line in lines:
        if line is None or not line[0]:
            continue
        if text and not (is_cjk(text[-1]) and is_cjk(line[0][0])):
            text += " "
            offs.append(offs[-1] + 1)
        text += line[0]
        offs += line[1]
    return text, offs
