"""The claim grammar: numbers in prose → Claim (value or interval, unit, kind).

Numbers are found with regular expressions on the repaired copy of the text
(:mod:`nlp.normalize`), then checked against what a number can be instead of a quantity
(dates, phone and document numbers, ordinals, set phrases…).  All word lists are data
(``nlp/resources/claims.yaml``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from nlp.claims.numerals import to_number
from nlp.resources import load_yaml

NUM = (
    r"\d+(?:,\d{3})*(?:\.\d+)?(?:[十百千万亿]+(?:\d+[十百千万]?)*)?"
    r"|[零〇一二两三四五六七八九十百千万亿]+(?:点[零〇一二三四五六七八九]+)?"
)
_CJK_NUM = re.compile(r"^[零〇一二两三四五六七八九十百千万亿点]+$")


@dataclass
class Claim:
    start: int  # canonical offsets
    end: int
    text: str
    value: float | int
    low: float | int | None
    high: float | int | None
    unit: str | None
    qualifier: str
    kind: str
    indicator: str | None = None
    confidence: float = 0.0
    clause: str = ""  # the words before the number, back to the previous punctuation
    after: str = ""  # the words after it, up to the next punctuation
    context: str = ""  # the clause around it, 、-lists included
    scope: str = ""  # words of what it is part of (a 其中 part: its total's words)
    nstart: int = 0  # offsets in the repaired copy
    nend: int = 0
    zero: bool = False
    section_id: str | None = None
    breakdown: dict | None = None
    extra: dict = field(default_factory=dict)


def _alt(words) -> str:
    return "|".join(re.escape(str(w)) for w in sorted({str(w) for w in words}, key=len, reverse=True))


@lru_cache(maxsize=1)
def cfg() -> dict:
    d = load_yaml("claims.yaml")
    units = d["units"]
    count_units = list(units["count"])
    money = dict(units["money"])
    pct = list(units["percent"])
    tenths = list(units.get("tenths", []))
    all_units = count_units + list(money) + pct + tenths
    prefix_q = {w: q for q, ws in d["prefixes"].items() for w in ws}
    suffix_q = {w: q for q, ws in d["suffixes"].items() for w in ws}
    infix_q = {w: q for q, ws in d["infixes"].items() for w in ws}
    pattern = re.compile(
        rf"(?P<pre>{_alt(prefix_q)})?(?P<pct>百分之)?(?P<num>{NUM})(?P<infix>{_alt(infix_q)})?"
        rf"(?P<unit>{_alt(all_units)})?(?P<suffix>{_alt(suffix_q)})?"
    )
    return {
        "pattern": pattern,
        "count_units": set(count_units),
        "money": money,
        "percent_units": set(pct),
        "tenths": set(tenths),
        "prefix_q": prefix_q,
        "suffix_q": suffix_q,
        "infix_q": infix_q,
        "duration": re.compile(rf"^(?:{_alt(d['duration_units'])})"),
        "tolerance": float(d["approx_tolerance"]),
        "change": re.compile(rf"(?:{_alt(d['change_words'])})[^，。；,;]{{0,4}}$"),
        "set_phrases": re.compile(_alt(d["set_phrases"])),
        "ordinal": re.compile(rf"(?:{_alt(d['ordinal_prefixes'])})[\s:：]*$"),
        "zero": d["zero"],
    }


# spans of the repaired text that hold numbers which are not quantities
_EMAIL = r"|[\w.-]+@[\w.-]+"
_NOT_QUANTITY_SOURCE = (
    r"https?://[^\s，。；）)]+|www\.[^\s，。；）)]+" + _EMAIL +  # URLs, e-mail
    r"|\(?0\d{2,3}\)?[-—－–]?\d{7,8}(?:[-—－–]\d{1,4})?|(?<!\d)1[3-9]\d{9}(?!\d)"  # phones
    r"|[〔\[【（(]\s*(?:19|20)\d{2}\s*[〕\]】）)]\s*(?:第\s*)?\d+\s*号?"  # document numbers 〔2021〕30号
    r"|[\u4e00-\u9fff]{1,6}[〔\[【]\d{4}[〕\]】]\d+号"
    r"|(?:19|20)\d{2}\s*[-—－–~～至到]\s*(?:19|20)\d{2}\s*年?"  # year ranges 2024－2027
    r"|(?:19|20)\d{2}年(?:度)?(?:\d{1,2}月(?:\d{1,2}[日号])?(?:\d{1,2}[:：]\d{2})?)?(?:[-—－–至到]\d{1,2}月(?:\d{1,2}[日号])?)?"
    r"|\d{1,2}月\d{1,2}[日号](?:[-—－–至到]\d{1,2}[日号])?|\d{1,2}月份?(?:[-—－–至到]\d{1,2}月份?)?"
    r"|(?:19|20)\d{2}[-./]\d{1,2}[-./]\d{1,2}(?:[T\s]\d{1,2}:\d{2}(?::\d{2})?)?|\d{1,2}[:：]\d{2}(?::\d{2})?"
    r"|(?:19|20)\d{2}(?:版|届|年度)"
    r"|[A-Za-z]+\d+[A-Za-z\d]*|\d+[A-Za-z]+[A-Za-z\d]*"  # codes like 5G, A1
    r"|\d{6,}(?=[^\d]{0,2}(?:号|编码|代码))"
    r"|[（(][^（()）]{0,40}?计\s*[1一]\s*[条次件个][）)]"  # counting rules: (不同方式回应同一热点计1次)
)
_NOT_QUANTITY = re.compile(_NOT_QUANTITY_SOURCE)
# the same without the e-mail alternative, for a window with no "@" (where it cannot
# match): that alternative alone tries a run of Chinese characters from every position
_NOT_QUANTITY_NO_AT = re.compile(_NOT_QUANTITY_SOURCE.replace(_EMAIL, "", 1))
_LIST_MARKER = re.compile(r"(?m)^[ \t\u3000#]*(?:[(（]\s*(?:\d+|[一二三四五六七八九十]+)\s*[)）]|\d+\s*[、.．](?!\d)|[一二三四五六七八九十]+\s*[、.．])")
_SELF_DESCRIPTION = re.compile(r"^(?:个)?(?:部分|方面|项内容|大部分)")
_CLAUSE_SPLIT = re.compile(r"[，,。；;！？!?：:、]")


_WINDOW = 40


def _blocked(text: str, a: int, b: int) -> bool:
    """Does the number at [a, b) sit inside a date, phone or document number, a list
    marker or a set phrase?  Searched in a window around it, not over the whole text."""
    lo, hi = max(0, a - _WINDOW), min(len(text), b + _WINDOW)
    not_quantity = _NOT_QUANTITY if "@" in text[lo:hi] else _NOT_QUANTITY_NO_AT
    for pat in (not_quantity, _LIST_MARKER, cfg()["set_phrases"]):
        for m in pat.finditer(text, lo, hi):
            if m.start() < b and a < m.end():
                return True
            if m.start() >= b:
                break
    return False


_REMARK = re.compile(r"[（(][^（()）]*[）)]")
_SPACES = re.compile(r"\s+")
_SENTENCE_SPLIT = re.compile(r"[。；;！？\n]")
_PHRASE_SPLIT = re.compile(r"[，,。；;！？\n]")
_BRACKET_SPLIT = re.compile(r"[（(]")
_REST_SPLIT = re.compile(r"[，,。；;\n]")
_MAGNITUDE_ONLY = re.compile(r"[百千万亿]+")
_TENTHS_NUM = re.compile(r"[一二三四五六七八九十]|\d|10")
_MONEY_SUBJECT = re.compile(r"费用|经费|资金|支出|处理费")
_EARLIER_FIGURE = re.compile(r"\d+(?:\.\d+)?\s*(?:万元|亿元|元|人次|件次|[件条次篇人名个项期场份家户例起]|%)")


def clause_before(text: str, pos: int, limit: int = 60) -> str:
    """The words before ``pos`` back to the previous punctuation, line wraps removed;
    for a number right after a colon ('政策解读稿件发布数：4篇') the words before the colon."""
    seg = text[max(0, pos - limit) : pos]
    parts = _CLAUSE_SPLIT.split(seg)
    last = parts[-1] if parts else ""
    # a line break ends the clause unless it is a wrap inside a sentence: the line
    # before a heading's break is short ("三、回应关切及政策解读情况")
    nl = last.rfind("\n")
    if nl >= 0:
        nl_abs = pos - len(last) + nl
        line_before = text[text.rfind("\n", 0, nl_abs) + 1 : nl_abs]
        if len(line_before.strip()) < 20 or "#" in line_before:
            last = last[nl + 1 :]
    # words before an earlier figure in the clause belong to that figure:
    # "答复3050件(含上年度结转申请|34件" → "含上年度结转申请"
    last = _EARLIER_FIGURE.split(last)[-1].lstrip("（(")
    clause = _SPACES.sub("", last)
    if not clause and len(parts) > 1 and seg.rstrip()[-1:] in ":：":
        sentence = _SENTENCE_SPLIT.split(seg)[-1]
        clause = _SPACES.sub("", _REMARK.sub("", sentence))
    return clause


def sentence_around(text: str, a: int, b: int, limit: int = 80) -> str:
    """The clause around a number: back to the previous and on to the next ，。；"""
    before = _PHRASE_SPLIT.split(text[max(0, a - limit) : a])[-1]
    after = _PHRASE_SPLIT.split(text[b : b + limit], 1)[0]
    return _SPACES.sub("", _REMARK.sub("", before) + text[a:b] + _REMARK.sub("", after))


def clause_after(text: str, pos: int, limit: int = 30) -> str:
    """The words after a number up to the next punctuation; an aside in brackets
    ("3050件（含上年度结转申请34件）") is not what the number counts."""
    seg = _BRACKET_SPLIT.split(text[pos : pos + limit], 1)[0]
    return _SPACES.sub("", _CLAUSE_SPLIT.split(seg, 1)[0])


def _out(v: Decimal, as_float: bool) -> float | int:
    if not as_float and v == v.to_integral_value():
        return int(v)
    return float(v)


_GLUED_BEFORE = re.compile(r"[A-Za-z\d.]")
_ENDS_CLAUSE = re.compile(r"[，,。；;、）)\s]|$")
_GLUED_AFTER = re.compile(r"[A-Za-z]")
_QUANTITY_WORD_BEFORE = re.compile(r"[数量达为有计共约至]$|数[:：]?$")
_YEAR = re.compile(r"(?:19|20)\d{2}")


def find_claims(text: str, segments: list[tuple[int, int]] | None = None) -> list[Claim]:
    """Numeric claims of ``text`` (offsets into ``text``; the caller maps them back),
    searched only inside ``segments`` (default: all of it)."""
    c = cfg()
    claims: list[Claim] = []
    for seg_a, seg_b in segments if segments is not None else [(0, len(text))]:
        claims.extend(_claims_in(text, seg_a, seg_b, c))
    return claims


def _claims_in(text: str, seg_a: int, seg_b: int, c: dict) -> list[Claim]:
    claims: list[Claim] = []
    for m in c["pattern"].finditer(text, seg_a, seg_b):
        num = m.group("num")
        a, b = m.span()
        na, nb = m.span("num")
        cjk = bool(_CJK_NUM.match(num))
        unit = m.group("unit")
        pct_cn = m.group("pct")
        after = text[m.end("infix") if m.group("infix") else nb :]
        if unit is None and c["duration"].match(after):
            continue  # 10日内, 8年, 3个月, 第一季度…
        if (unit is None or unit in ("部", "个", "项")) and _SELF_DESCRIPTION.match(after):
            continue  # 六个部分, 十一部分, 三个方面
        if unit == "个" and (c["duration"].match(after[1:]) or _SELF_DESCRIPTION.match(after[1:])):
            continue  # 3个月, 六个部分
        if c["ordinal"].search(text[max(0, na - 6) : na]):
            continue
        magnitude_only = bool(_MAGNITUDE_ONLY.fullmatch(num))  # 十 alone is ten
        if cjk and not pct_cn and not (magnitude_only and m.group("pre")):
            if unit is None or num == "几":
                continue  # Chinese numerals count only with a unit
            if num in ("一", "两") and not _ENDS_CLAUSE.match(text, m.end()):
                continue  # 一个重要……, 一项工作: an article; "专职一人，" is a count
            if magnitude_only:
                continue
        if unit in c["tenths"] and not _TENTHS_NUM.fullmatch(num):
            continue
        # letters or digits glued on: not a free-standing number
        if (na > 0 and _GLUED_BEFORE.match(text, na - 1)) or (unit is None and _GLUED_AFTER.match(text, nb)):
            continue
        if unit is None and not pct_cn:
            if _YEAR.fullmatch(num) or after[:1] in ("年", "月", "日"):
                continue  # a bare year, or part of a date
            if m.group("infix") is None and m.group("pre") is None and not _QUANTITY_WORD_BEFORE.search(text[max(0, a - 2) : a]):
                continue  # a bare number: kept only when the words before it name a quantity
        if _blocked(text, na, nb):  # the costliest test, so the last
            continue
        value = to_number(num)
        if value is None:
            continue
        qualifier = "exact"
        if m.group("pre"):
            qualifier = c["prefix_q"][m.group("pre")]
        if m.group("infix"):
            qualifier = c["infix_q"][m.group("infix")]
        if m.group("suffix"):
            qualifier = c["suffix_q"][m.group("suffix")]
        kind = "count"
        as_float = "." in num
        out_unit = unit
        if pct_cn:
            kind, out_unit = "percent", "%"
        if unit in c["money"]:
            kind, out_unit = "money", "元"
            value = value * c["money"][unit]
        elif unit in c["percent_units"]:
            kind = "percent"
        elif unit in c["tenths"]:
            kind, out_unit = "percent", "%"
            value = value * 10
        if kind == "percent" and c["change"].search(text[max(0, a - 12) : a]):
            kind = "change"
        if unit == "个百分点":
            kind = "change"
        tol = Decimal(str(c["tolerance"]))
        if qualifier == "exact":
            low = high = value
        elif qualifier in ("more_than", "at_least"):
            low, high = value, None
        elif qualifier in ("less_than", "at_most"):
            low, high = Decimal(0), value
        else:
            low, high = value * (1 - tol), value * (1 + tol)
        claims.append(
            Claim(
                start=a, end=b, text=text[a:b], value=_out(value, as_float), unit=out_unit,
                low=_out(low, as_float or qualifier == "approx"),
                high=None if high is None else _out(high, as_float or qualifier == "approx"),
                qualifier=qualifier, kind=kind, clause=clause_before(text, a), nstart=a, nend=b,
                after=clause_after(text, b), context=sentence_around(text, a, b),
            )
        )
    return claims


@lru_cache(maxsize=1)
def _zero_patterns() -> tuple[re.Pattern, ...]:
    z = cfg()["zero"]
    return (
        re.compile(z["after_colon"]),
        re.compile(rf"(?:{_alt(z['verbs'])})|没有(?=(?:{_alt(z['meiyou_objects'])}))"),
        re.compile(rf"(?<![\u4e00-\u9fff])无(?=(?:{_alt(z['wu_subjects'])}))|(?<=[局委办府])无(?=(?:{_alt(z['wu_subjects'])}))"),
    )


def find_zero_claims(text: str) -> list[Claim]:
    """Statements that a quantity is zero: '…数：无。', '未发生……', '无依申请公开'."""
    out = []
    for k, p in enumerate(_zero_patterns()):
        for m in p.finditer(text):
            a, b = m.span(1) if k == 0 else m.span()
            if k == 0 and not text[a:b]:
                continue
            clause = clause_before(text, a, 80)
            after = clause_after(text, b, 60)
            rest = _REST_SPLIT.split(text[b : b + 60], 1)[0]
            money = _MONEY_SUBJECT.search(rest) is not None  # "未发生……有关的费用支出": no money spent
            out.append(Claim(start=a, end=b, text=text[a:b], value=0, low=0, high=0, unit="元" if money else None,
                             qualifier="exact", kind="money" if money else "count", clause=clause, after=after,
                             context=sentence_around(text, a, b),
                             nstart=a, nend=b, zero=True))
    return out
