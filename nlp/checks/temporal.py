"""Years and dates in the prose: stale years copied from an old report, years after the
report, impossible dates (rules/prose.yaml, kind `temporal`)."""
from __future__ import annotations

import calendar
import re

from nlp.checks.base import Finding, Summary, evidence, rule_by_id
from nlp.claims import Claim
from nlp.model import Report

_YEAR = re.compile(r"(?<![0-9０-９])((?:19|20|１９|２０)[0-9０-９]{2})\s*年(?:度)?")
_DATE = re.compile(r"(?<![0-9])(?:((?:19|20)[0-9]{2})\s*年\s*)?([0-9]{1,2})\s*月\s*([0-9]{1,2})\s*[日号]")
_SENT_END = "。；;！？\n"
_RANGE = re.compile(r"\s*(?:[0-9]{1,2}\s*月(?:[0-9]{1,2}\s*日)?)?\s*(?:至|到|—|－|-|~|～)")
_CLAUSE_START = "。；;：:，,！？\n)）、"
_FUTURE_MARKERS = ("前", "力争", "计划", "到", "底", "目标", "将", "预计", "规划", "至", "—", "-", "－")


def _sentence(text: str, a: int, b: int) -> tuple[int, int]:
    s = a
    while s > 0 and text[s - 1] not in _SENT_END:
        s -= 1
    e = b
    while e < len(text) and text[e] not in _SENT_END:
        e += 1
    return s, e


def _in_title_or_quote(text: str, pos: int) -> bool:
    for open_, close in (("《", "》"), ("“", "”"), ("〔", "〕"), ("（", "）"), ("(", ")")):
        o = text.rfind(open_, max(0, pos - 60), pos)
        if o >= 0 and text.rfind(close, o, pos) < 0:
            return True
    return False


def check_temporal(report: Report, claims: list[Claim], summary: Summary) -> list[Finding]:
    year = report.meta.year
    text = report.text
    tables = [(t.start, t.end) for t in report.tables]
    out: list[Finding] = []
    if year is None:
        summary.add("STALE_YEAR", "not_assessable")
        return out
    stale, future = rule_by_id("prose", "STALE_YEAR"), rule_by_id("prose", "FUTURE_YEAR")
    ctx_rule = rule_by_id("prose", "STALE_YEAR_CONTEXT")
    for m in _YEAR.finditer(text):
        y = int(m.group(1))
        a, b = m.span()
        if any(s <= a < e for s, e in tables) or _in_title_or_quote(text, a):
            continue
        s, e = _sentence(text, a, b)
        sentence = text[s:e]
        if y < year:
            # the year opens a clause and the sentence states this year's figures
            before = text[s:a].rstrip()
            opens = not before or before[-1] in _CLAUSE_START or re.search(r"[、.．]\S{0,12}$", before) is not None
            has_claim = any(s <= c.start < e for c in claims)
            past_ref = any(w in sentence for w in stale["past_markers"]) or _RANGE.match(text, b) is not None
            para_opening = _para_opening(text, a, b)
            lag = _context_lag(text, b)
            if lag is not None:
                ok = year - y <= lag[1]
                summary.add(ctx_rule["id"], "passed" if ok else "failed")
                if not ok:
                    msg = ctx_rule["message"].format(year=y, after=lag[0], report_year=year, expected=year - lag[1],
                                                     sentence=sentence.strip())
                    out.append(Finding(report.doc_id, ctx_rule["id"], "temporal", ctx_rule["severity"], msg,
                                       [evidence(a, b, text[a:b], y, "year")], year - lag[1], y))
                continue
            if not ((opens and has_claim) or para_opening):
                continue
            if past_ref:
                summary.add(stale["id"], "passed")
                continue
            summary.add(stale["id"], "failed")
            figures = [c for c in claims if s <= c.start < e]
            ev = [evidence(a, b, text[a:b], y, "year")] + [evidence(c.start, c.end, c.text, c.value, "statement") for c in figures]
            msg = stale["message"].format(year=y, report_year=year, sentence=sentence.strip())
            out.append(Finding(report.doc_id, stale["id"], "temporal", stale["severity"], msg, ev, year, y))
        elif y > year + 1:
            if any(w in sentence for w in _FUTURE_MARKERS):
                continue
            summary.add(future["id"], "failed")
            msg = future["message"].format(year=y, report_year=year, sentence=sentence.strip())
            out.append(Finding(report.doc_id, future["id"], "temporal", future["severity"], msg,
                               [evidence(a, b, text[a:b], y, "year")], None, y))
    out += _impossible_dates(report, summary)
    return out


def _para_opening(text: str, a: int, b: int) -> bool:
    """'2016年，我局……' opening a paragraph (after a line start or a heading's colon)."""
    line_start = text.rfind("\n", 0, a) + 1
    before = text[line_start:a].strip(" \t\u3000#")
    follows = text[b : b + 2].lstrip()[:1]
    return (not before or before[-1:] in "：:") and follows in ("，", ",")


def _context_lag(text: str, b: int) -> tuple[str, int] | None:
    for ctx in rule_by_id("prose", "STALE_YEAR_CONTEXT")["contexts"]:
        if text.startswith(ctx["after"], b) or text[b : b + len(ctx["after"]) + 1].lstrip("度").startswith(ctx["after"]):
            return ctx["after"], int(ctx["max_lag"])
    return None


def _impossible_dates(report: Report, summary: Summary) -> list[Finding]:
    r = rule_by_id("prose", "IMPOSSIBLE_DATE")
    out = []
    for m in _DATE.finditer(report.text):
        y = int(m.group(1)) if m.group(1) else (report.meta.year or 2001)
        mo, d = int(m.group(2)), int(m.group(3))
        ok = 1 <= mo <= 12 and 1 <= d <= calendar.monthrange(y, mo)[1] if 1 <= mo <= 12 else False
        summary.add(r["id"], "passed" if ok else "failed")
        if not ok:
            a, b = m.span()
            out.append(Finding(report.doc_id, r["id"], "temporal", r["severity"], r["message"].format(date=m.group(0)),
                               [evidence(a, b, m.group(0), None, "date")], None, m.group(0)))
    return out
