"""Writing sentences: a small template language and the ways a number can be stated.

Template syntax (compiled once, cached):
- ``{a|b|c}`` one of the alternatives (``{|的}``: optional text);
- ``{name}`` a variable from the writer's context (a string, or a tuple to choose from);
- ``[key]`` the fact ``key`` stated exactly; ``[key~]`` may be approximate ("2000余人次");
  ``[key#]`` may be a Chinese numeral ("十二次"); ``[key~#]`` either;
- ``[!key:发生|收到]`` 未 and one of the verbs, stating that the fact ``key`` is zero (a zero
  claim on 未发生 / 未收到);
- a template starting with ``Σ`` is a complete breakdown: its first fact is the total, the
  others are the parts that add up to it;
- ``<Y>`` the report year, ``<P>`` the year before (not a claim: years never are).
"""
from __future__ import annotations

import random
import re
from functools import lru_cache

from nlp.synth.doc import Para
from nlp.synth.figures import Fact
from nlp.synth.numerals import approx, chinese

_FACT = re.compile(r"\[(!?[\w.]+)(?::([^\]\[{}]*))?([~#]*)\]")
APPROX_STYLES = ("yu", "yu", "duo", "jin", "yue", "zuoyou", "over", "above", "under")


@lru_cache(maxsize=4096)
def compile_template(t: str) -> tuple:
    """Tokens of a template: ("lit", s), ("alt", (tokens, …)), ("var", name),
    ("fact", key, flags), ("year", "Y"|"P").  Alternatives may nest."""
    tokens, pos = _sequence(t, 0, top=True)
    if pos != len(t):
        raise ValueError(f"unbalanced template: {t!r}")
    return tokens


def _sequence(t: str, pos: int, top: bool) -> tuple[tuple, int]:
    out: list = []
    lit: list[str] = []

    def flush():
        if lit:
            out.append(("lit", "".join(lit)))
            lit.clear()

    while pos < len(t):
        ch = t[pos]
        if ch in "|}" and not top:
            break
        if ch == "{":
            flush()
            options = []
            pos += 1
            while True:
                seq, pos = _sequence(t, pos, top=False)
                options.append(seq)
                if pos >= len(t):
                    raise ValueError(f"unclosed {{ in {t!r}")
                if t[pos] == "}":
                    pos += 1
                    break
                pos += 1  # "|"
            if len(options) == 1 and len(options[0]) == 1 and options[0][0][0] == "lit" and options[0][0][1].isascii() and options[0][0][1].isidentifier():
                out.append(("var", options[0][0][1]))
            else:
                out.append(("alt", tuple(options)))
            continue
        if ch == "[":
            m = _FACT.match(t, pos)
            if m:
                flush()
                verbs = tuple(m.group(2).split("|")) if m.group(2) else ("",)
                out.append(("fact", m.group(1), m.group(3), verbs))
                pos = m.end()
                continue
        if ch == "<" and t.startswith(("<Y>", "<P>"), pos):
            flush()
            out.append(("year", t[pos + 1]))
            pos += 3
            continue
        lit.append(ch)
        pos += 1
    flush()
    return tuple(out), pos


@lru_cache(maxsize=4096)
def facts_of(t: str) -> tuple[str, ...]:
    """Every fact a template may state (in any alternative)."""
    t = t.lstrip("Σ")
    out: list[str] = []

    def walk(tokens):
        for tok in tokens:
            if tok[0] == "fact":
                out.append(tok[1].lstrip("!"))
            elif tok[0] == "alt":
                for option in tok[1]:
                    walk(option)

    walk(compile_template(t))
    return tuple(out)


class Writer:
    """Fills templates into a Para; ``facts`` are the report's quantities, ``ctx`` its words."""

    def __init__(self, rng: random.Random, facts: dict[str, Fact], ctx: dict, year: int):
        self.rng = rng
        self.facts = facts
        self.ctx = ctx
        self.year = year
        self.stated: list[tuple[str, object]] = []  # (fact key, piece) of every claim written
        self.groups: list[dict] = []  # breakdowns and flows: {kind, total, parts, complete}

    def can(self, t: str) -> bool:
        return all(k in self.facts for k in facts_of(t))

    def pick(self, templates, need_nonzero: bool = False) -> str | None:
        ok = [t for t in templates if self.can(t) and (not need_nonzero or all(self.facts[k].value for k in facts_of(t)))]
        return self.rng.choice(ok) if ok else None

    def fill(self, para: Para, t: str) -> list:
        """Write template ``t`` into ``para``; returns the claim pieces written, in order."""
        written: list = []
        breakdown = t.startswith("Σ")
        self._tokens(para, compile_template(t[1:] if breakdown else t), written)
        if breakdown:
            self.group("breakdown", written[0], written[1:], True)
        return written

    def _tokens(self, para: Para, tokens: tuple, written: list) -> None:
        rng = self.rng
        for tok in tokens:
            kind = tok[0]
            if kind == "lit":
                para.add(tok[1])
            elif kind == "alt":
                self._tokens(para, rng.choice(tok[1]), written)
            elif kind == "var":
                v = self.ctx[tok[1]]
                para.add(v if isinstance(v, str) else rng.choice(v))
            elif kind == "year":
                if tok[1] == "Y":
                    para.year(self.year, "")
                else:
                    para.add(str(self.year - 1))
            elif tok[1].startswith("!"):
                written.append(self.zero(para, tok[1][1:], "未" + rng.choice(tok[3])))
            else:
                written.append(self.state(para, tok[1], approx_ok="~" in tok[2], chinese_ok="#" in tok[2]))

    def state(self, para: Para, key: str, approx_ok: bool = False, chinese_ok: bool = False):
        fact = self.facts[key]
        text, meta = render(self.rng, fact, approx_ok, chinese_ok)
        meta["fact"] = key
        piece = para.claim(text, meta)
        self.stated.append((key, piece))
        return piece

    def zero(self, para: Para, key: str, word: str = "未"):
        """A zero stated in words (未收到申请): a claim of value 0 on the negation."""
        fact = self.facts[key]
        return para.claim(word, {"indicator": fact.indicator, "kind": fact.kind, "value": 0, "low": 0, "high": 0,
                          "unit": "元" if fact.kind == "money" else None, "qualifier": "exact", "fact": key})

    def group(self, kind: str, total, parts: list, complete: bool) -> None:
        """Record that ``parts`` add up to ``total`` (a breakdown) or balance it (a flow)."""
        self.groups.append({"kind": kind, "total": total, "parts": list(parts), "complete": complete})


def render(rng: random.Random, fact: Fact, approx_ok: bool = False, chinese_ok: bool = False) -> tuple[str, dict]:
    """Text and claim record of one stated quantity."""
    v = fact.value
    base = {"indicator": fact.indicator, "kind": fact.kind}
    if fact.kind == "percent":
        if v == 100 and rng.random() < 0.25:
            return "百分之百", {**base, "value": 100, "low": 100, "high": 100, "unit": "%", "qualifier": "exact"}
        if chinese_ok and float(v).is_integer() and 0 < v < 100 and rng.random() < 0.3:
            return "百分之" + chinese(int(v)), {**base, "value": v, "low": v, "high": v, "unit": "%", "qualifier": "exact"}
        return _percent_str(fact) + "%", {**base, "value": v, "low": v, "high": v, "unit": "%", "qualifier": "exact"}
    if fact.kind == "money":
        return _money(rng, fact, base)
    if fact.kind == "change":  # the magnitude; its direction is in the verb (增加/减少), as the project's claims have it
        v = abs(v)
        return _plain(v, fact) + (fact.unit or ""), {**base, "value": v, "low": v, "high": v, "unit": fact.unit, "qualifier": "exact"}
    unit = fact.unit or ""
    if approx_ok and isinstance(v, int) and v >= 20 and rng.random() < 0.6:
        for _ in range(3):
            a = approx(v, rng.choice(APPROX_STYLES), keep=rng.choice((1, 1, 2)))
            if a:
                fmt, stated, low, high, qual = a
                if stated >= 10000 and stated % 1000 == 0 and (stated >= 100000 or rng.random() < 0.6):
                    num = f"{stated / 10000:g}万"  # 45.9万, 3万
                elif chinese_ok and stated % 100 == 0 and rng.random() < 0.3:
                    num = chinese(stated)
                else:
                    num = str(stated)
                return fmt.format(n=num, u=unit), {**base, "value": stated, "low": low, "high": high, "unit": fact.unit, "qualifier": qual}
    if chinese_ok and isinstance(v, int) and 0 < v and (v <= 30 or (v % 100 == 0 and v < 100000)) and rng.random() < 0.5:
        num = chinese(v, two=v == 2 and unit in ("次", "场", "个", "名", "家", "期", "项", "人"))
    elif isinstance(v, int) and v >= 1000 and rng.random() < 0.06:
        num = f"{v:,}"  # thousands separators, as some reports write them
    else:
        num = _plain(v, fact)
    return num + unit, {**base, "value": v, "low": v, "high": v, "unit": fact.unit, "qualifier": "exact"}


def _plain(v, fact: Fact) -> str:
    if isinstance(v, float):
        return f"{v:.{2 if fact.places is None else fact.places}f}"
    return str(v)


def _percent_str(fact: Fact) -> str:
    v = fact.value
    if fact.places is None or float(v).is_integer():
        return str(int(v)) if float(v).is_integer() else str(v)
    return f"{v:.{fact.places}f}"


def _money(rng: random.Random, fact: Fact, base: dict) -> tuple[str, dict]:
    """Money facts hold 元; they are written in 万元 (759.90万元) or 元 (380元)."""
    yuan = fact.value
    meta = {**base, "value": yuan, "low": yuan, "high": yuan, "unit": "元", "qualifier": "exact"}
    if yuan >= 10000 and (yuan % 100 == 0):
        wan = yuan / 10000
        places = 2 if rng.random() < 0.6 or round(wan, 1) != wan else (1 if round(wan) != wan else 0)
        return f"{wan:.{places}f}万元", meta
    return (f"{yuan:.2f}" if isinstance(yuan, float) and not float(yuan).is_integer() else str(int(yuan))) + "元", meta
