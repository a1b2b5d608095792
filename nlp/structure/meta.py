"""Report metadata: year, issuing body, region, publication date, template.

The patterns read the canonical text as it is: digits may be full-width (``int`` reads
them) and PDF text puts spaces around numbers ("2024 年 1 月"), so every pattern allows
them; only the body name found is repaired (known artefacts, OCR confusions)."""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from nlp.model import Meta, Table
from nlp.normalize import repaired

_D = "[0-9０-９]"
_S = r"[ \t\u3000]*"
_YEAR = rf"((?:19|20|１９|２０){_D}{{2}})"
_MD = rf"({_D}{{1,2}})"
_TITLE_YEAR = re.compile(_YEAR + _S + r"年度?")
_STAT_PERIOD = re.compile(r"统计(?:期限|周期|时限|时间|区间|范围)[^。\n]{0,30}?" + _YEAR + _S + r"年[^。]{0,30}?(?:至|到|—|-)[^。]{0,6}?(?:" + _YEAR + _S + r"年)?")
_REPORT_OF_YEAR = re.compile(_YEAR + _S + r"年度?(?:的)?(?:政府|政务)?信息公开(?:工作)?(?:年度)?报告")
_PUBLISHED_LINE = re.compile(r"^\s*[(（]?\s*" + _YEAR + _S + "年" + _S + _MD + _S + "月" + _S + _MD + _S + r"日\s*[)）]?\s*$")
_PUBLISHED_LABEL = re.compile(r"(?:发布时间|发布日期|公开日期|成文日期|日期)\s*[:：]\s*" + _YEAR + r"[年\-./]" + _MD + r"[月\-./]" + _MD)
_TITLE_TAIL = re.compile(r"(?:关于)?(?:" + _YEAR + r"年度?)?(?:的)?(?:政府|政务)?信息公开.*$")
_ORG_TAIL = r"(?:人民政府办公室|人民政府|[\u4e00-\u9fff]{2,14}?(?:局|委员会|办公室|管委会|管理委员会|厅|中心))"
_ORG = re.compile(
    r"(?<![《“\"])((?:[\u4e00-\u9fff]{2,9}?(?:省|自治区|市|州|盟|地区))?[\u4e00-\u9fff]{1,8}?(?:市|县|区|旗)"
    + _ORG_TAIL + ")"
)
# every name has a county-level mark (市县区旗) followed by a body's tail, at most 20
# characters (9 + 3 of a province, 8 of a place) after the name's start
_ORG_MARK = re.compile(r"[市县区旗](?=" + _ORG_TAIL + ")")
_ORG_REACH = 20
_YEAR_MARK = re.compile(_YEAR + r"年度?")
_YEARS = re.compile(_YEAR + _S + r"年")
_SIGNATURE_ORG = re.compile(r"^\s*([\u4e00-\u9fff（）()]{3,30}(?:局|委员会|委|办公室|政府|管委会|厅|中心|院))\s*$")


def _first_lines(text: str, n: int = 4) -> list[str]:
    """The first ``n`` non-empty lines (Markdown '#' marks dropped), read from the head of
    the text when they all lie in it."""
    for size in (300, 1000):  # the lines before the last of a head are the text's own
        head = text[:size]
        if len(head) < len(text):
            out = _non_empty(head.splitlines()[:-1], n)  # the last line of the head may be cut
            if len(out) >= n:
                return out
    return _non_empty(text.splitlines(), n)


def _non_empty(lines: list[str], n: int) -> list[str]:
    out = []
    for line in lines:
        s = line.strip().lstrip("#").strip()
        if s:
            out.append(s)
        if len(out) >= n:
            break
    return out


def title_line(norm: str) -> str | None:
    lines = ["".join(s.split()) for s in _first_lines(norm, 3)]  # blanks dropped
    for k, t in enumerate(lines):
        if ("报告" in t and len(t) <= 60) or ("信息公开" in t and len(t) <= 40 and _TITLE_YEAR.search(t)):
            # a title broken over two lines with the body alone above it
            # ("青禾县民政局" / "2023年度政府信息公开工作年度报告")
            if k > 0 and _SIGNATURE_ORG.match(lines[k - 1]) and not _TITLE_TAIL.sub("", _YEAR_MARK.sub("", t)).strip("：: "):
                return lines[k - 1] + t
            return t
    return None


def find_year(norm: str, title: str | None, published: str | None) -> int | None:
    if title:
        m = _TITLE_YEAR.search(title)
        if m:
            return int(m.group(1))
    m = _STAT_PERIOD.search(norm[:3000])
    if m:
        return int(m.group(2) or m.group(1))
    m = _REPORT_OF_YEAR.search(norm[:3000])
    if m:
        return int(m.group(1))
    if published:
        y, mo = int(published[:4]), int(published[5:7])
        return y - 1 if mo <= 6 else y
    years = Counter(int(y) for y in _YEARS.findall(norm[:2000]))
    return years.most_common(1)[0][0] if years else None


def find_published(norm: str, page_meta: dict) -> str | None:
    if page_meta.get("published"):
        return page_meta["published"]
    head = norm[:600]
    for line in head.splitlines()[:8]:
        m = _PUBLISHED_LINE.match(line)
        if m:
            return _iso(m)
    m = _PUBLISHED_LABEL.search(head)
    if m:
        return _iso(m)
    tail_lines = [ln for ln in norm[-400:].splitlines() if ln.strip()][-3:]
    for line in reversed(tail_lines):
        m = _PUBLISHED_LINE.match(line)
        if m:
            return _iso(m)
    return None


def _iso(m: re.Match) -> str | None:
    y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}"


def find_body(norm: str, title: str | None, page_meta: dict) -> str | None:
    if title:
        body = _TITLE_TAIL.sub("", title)
        body = _YEAR_MARK.sub("", body).strip("：: ")
        if 2 <= len(body) <= 30:
            return body
    if page_meta.get("publisher"):
        return page_meta["publisher"]
    tail = [ln.strip() for ln in norm[-300:].splitlines() if ln.strip()]
    for line in tail[-3:]:
        m = _SIGNATURE_ORG.match(line)
        if m:
            return m.group(1)
    counts: Counter = Counter()
    first: dict[str, int] = {}
    for m in _org_names(norm[:1500]):
        org = _trim_to_place(m.group(1))
        counts[org] += 1
        first.setdefault(org, m.start())
    if counts:
        return max(counts, key=lambda k: (counts[k], -first[k]))
    return None


def _org_names(head: str):
    """_ORG.finditer(head), trying only the starts within reach before a county-level
    mark (a regex search would try every position: 10× slower)."""
    pos = 0  # where the next name may start
    for mark in _ORG_MARK.finditer(head):
        j = mark.start()
        i = max(pos, j - _ORG_REACH)
        while i < j:
            m = _ORG.match(head, i)  # the lookbehind still sees head[i - 1]
            if m:
                yield m
                i = pos = m.end()
            else:
                i += 1
        pos = max(pos, j)


_PLACE_START = re.compile(r"[\u4e00-\u9fff]{2}(?:省|自治区|市|县|区|旗|州)")


def _trim_to_place(org: str) -> str:
    """'年及时调整衡阳市民政局' → '衡阳市民政局': an organisation name starts at its place name."""
    m = _PLACE_START.search(org)
    return org[m.start():] if m else org


@lru_cache(maxsize=4096)
def find_region(body: str | None) -> str | None:
    """Province, city and county of the body (cpca's gazetteer), e.g. 湖南省衡阳市."""
    if not body:
        return None
    import cpca  # a gazetteer of Chinese administrative divisions; loaded on first use

    # cpca's per-string lookup (what cpca.transform calls for each row, without
    # building a pandas DataFrame: 0.1 ms instead of 50 ms a report)
    one = getattr(cpca, "_get_one_addr", None)
    row = one(body, False, {}) if one else cpca.transform([body]).iloc[0].to_dict()
    parts = [v for v in (row.get(c) for c in ("省", "市", "区")) if isinstance(v, str) and v]
    # cpca fills in the levels above a name it knows; keep its answer only when the
    # body itself names one of the places (an unknown county is not 重庆市县)
    named = [p for p in parts if len(p) >= 2 and (p in body or (len(p) >= 3 and p[:-1] in body))]
    if not named:
        return None
    out: list[str] = []
    for p in parts:
        if p not in out:
            out.append(p)
    return "".join(out)


def _marks_2021(ind: str) -> bool:
    return ind.endswith((".issued", ".repealed", ".in_force")) or ".other.overdue_correction." in ind


def _marks_2019(ind: str) -> bool:
    return ind.endswith((".new_made", ".new_published", ".public_total", ".items_last_year", ".items_change"))


@lru_cache(maxsize=1)
def _template_markers() -> tuple[frozenset, frozenset, frozenset]:
    """Every taxonomy id, those only the 2021 template has, and those only the 2019 one has."""
    from nlp.structure.labeller import all_indicator_ids

    ids = frozenset(all_indicator_ids())
    return ids, frozenset(filter(_marks_2021, ids)), frozenset(filter(_marks_2019, ids))


def find_template(year: int | None, tables: list[Table], norm: str) -> str:
    kinds = {t.kind for t in tables}
    # only 第二十条 and 依申请 cells have ids that tell the two new templates apart
    inds = {c.indicator for t in tables if t.kind in ("art20", "requests") for c in t.cells}
    inds.discard(None)  # the cells without an id (tested after: cheaper than one by one)
    inds.discard("")
    known, only_2021, only_2019 = _template_markers()
    if not inds.isdisjoint(only_2021):
        return "2021"
    other = inds - known  # ids outside the taxonomy's list (none expected): test them one by one
    if any(_marks_2021(i) for i in other):
        return "2021"
    if not inds.isdisjoint(only_2019) or any(_marks_2019(i) for i in other):
        return "2019"
    if "appendix_2008" in kinds:
        return "2008"
    if "国办公开办函〔2021〕30号" in norm or "国办公开办函[2021]30号" in norm:
        return "2021"
    if kinds & {"art20", "requests", "review_litigation"} or "第二十条" in norm:
        if year is not None and year <= 2020:
            return "2019"
        return "2021"
    if year is None:
        return "unknown"
    if year <= 2018:
        return "2008"
    return "2019" if year <= 2020 else "2021"


HEAD_CHARS = 2500
TAIL_CHARS = 400


def extract_meta(text: str, tables: list[Table], page_meta: dict | None = None) -> Meta:
    """Metadata from the head and tail of the report: the middle of a report never
    names its year, body or date first."""
    page_meta = page_meta or {}
    norm = text if len(text) <= HEAD_CHARS + TAIL_CHARS else text[:HEAD_CHARS] + "\n" + text[-TAIL_CHARS:]
    title = title_line(norm)
    if not title and page_meta.get("title"):
        title = re.sub(r"\s+", "", page_meta["title"]).split("-")[0]
    published = find_published(norm, page_meta)
    year = find_year(norm, title, published)
    body = find_body(norm, title, page_meta)
    if body:
        body = repaired(body)  # known artefacts and OCR confusions (沐阳 → 沭阳)
    return Meta(
        year=year,
        body=body,
        region=find_region(body),
        published=published,
        template=find_template(year, tables, norm),
    )
