"""One consistent set of figures per report: every table cell of its template (all table
identities hold) and the quantities its prose states (which agree with the tables).

Identities kept by construction:
- 2019/2021 依申请: per applicant column 本年新收 + 上年结转 = （七）总计 + 结转下年度;
  （七）总计 = the sum of its result rows; the 总计 column = the sum of the six applicant columns;
- 复议/诉讼: each 总计 = 维持 + 纠正 + 其他 + 尚未审结;
- 2008 附表: 收到申请数 = its channels; 办结 = 按时 + 延期; 答复数 = its answers;
  不同意公开 = its 其中 rows; 从事人员 = 专职 + 兼职; 复议/诉讼数量 = their outcomes.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from decimal import Decimal

from nlp.synth.bodies import Body

APPLICANTS = ("natural_person", "business", "research", "public_interest", "legal_service", "other_org")
COLUMNS = APPLICANTS + ("total",)

RESULT_ROWS_2021 = (
    "requests.result.disclosed", "requests.result.partial",
    "requests.result.withheld.state_secret", "requests.result.withheld.law_prohibited",
    "requests.result.withheld.security_stability", "requests.result.withheld.third_party",
    "requests.result.withheld.internal_affairs", "requests.result.withheld.process_info",
    "requests.result.withheld.enforcement_files", "requests.result.withheld.query_matters",
    "requests.result.unavailable.not_held", "requests.result.unavailable.need_create",
    "requests.result.unavailable.unclear",
    "requests.result.not_processed.petition", "requests.result.not_processed.duplicate",
    "requests.result.not_processed.publication", "requests.result.not_processed.massive_repeat",
    "requests.result.not_processed.confirm_reissue",
    "requests.result.other.overdue_correction", "requests.result.other.unpaid_fees",
    "requests.result.other.other_reason",
)
RESULT_ROWS_2019 = RESULT_ROWS_2021[:18] + ("requests.result.other",)
# how often each result happens (relative weights)
_RESULT_WEIGHT = {
    "disclosed": 40, "partial": 6, "state_secret": 0.2, "law_prohibited": 0.3, "security_stability": 0.3,
    "third_party": 1.5, "internal_affairs": 1.5, "process_info": 1.5, "enforcement_files": 0.8,
    "query_matters": 1.5, "not_held": 22, "need_create": 2, "unclear": 1.5, "petition": 3,
    "duplicate": 2.5, "publication": 0.3, "massive_repeat": 0.4, "confirm_reissue": 0.4,
    "overdue_correction": 3, "unpaid_fees": 0.2, "other_reason": 6, "other": 9,
}
REVIEW_BLOCKS = ("review", "litigation.direct", "litigation.after_review")
OUTCOMES = ("upheld", "corrected", "other", "pending", "total")

# rough yearly scale of administrative decisions by department (low, high)
_LICENSING = {"民政": (30, 600), "人社": (100, 4000), "教育": (10, 400), "财政": (0, 60), "自然资源": (100, 2500),
              "生态环境": (20, 500), "住建": (200, 3500), "交通运输": (300, 9000), "农业农村": (50, 1500),
              "卫健": (200, 3000), "市场监管": (1000, 20000), "发改": (20, 400), "人民政府": (0, 30),
              "人民政府办公室": (0, 0)}
_PENALTY = {"民政": (0, 5), "人社": (0, 40), "教育": (0, 3), "财政": (0, 12), "自然资源": (10, 260),
            "生态环境": (10, 220), "住建": (5, 160), "交通运输": (100, 5000), "农业农村": (5, 120),
            "卫健": (20, 450), "市场监管": (100, 2500), "发改": (0, 10), "人民政府": (0, 0), "人民政府办公室": (0, 0)}
_REQUESTS = {"人民政府": (40, 1500), "自然资源": (10, 300), "住建": (5, 200), "人民政府办公室": (5, 120)}


@dataclass
class Fact:
    """A quantity the prose may state."""

    value: int | float
    unit: str | None
    indicator: str | None = None
    kind: str = "count"  # count, money, percent, change
    places: int | None = None  # decimals written (percentages, changes in %)
    of: tuple[str, str] | None = None  # a percentage: the facts it is computed from


@dataclass
class Figures:
    template: str
    year: int
    cells: dict[str, int | float | None] = field(default_factory=dict)  # table cells in table order
    units: dict[str, str | None] = field(default_factory=dict)  # the unit the table states for a cell
    facts: dict[str, Fact] = field(default_factory=dict)
    extra: dict = field(default_factory=dict)  # layout hints: blank zero columns, money style …

    def get(self, indicator: str) -> int | float:
        """A cell's value, blank counted as 0."""
        v = self.cells.get(indicator)
        return v or 0


def _between(rng: random.Random, lo: int, hi: int) -> int:
    """A skewed draw in [lo, hi]: small values are more common, as in real reports."""
    if hi <= lo:
        return lo
    return lo + int((hi - lo) * rng.random() ** 2.2)


def split(rng: random.Random, total: int, weights: list[float]) -> list[int]:
    """Random non-negative integers with the given sum, roughly proportional to weights."""
    if total <= 0:
        return [0] * len(weights)
    jitter = [w * rng.uniform(0.3, 1.7) for w in weights]
    s = sum(jitter) or 1.0
    parts = [int(total * w / s) for w in jitter]
    rest = total - sum(parts)
    while rest > 0:
        i = rng.choices(range(len(weights)), weights=[w + 1e-9 for w in jitter])[0]
        parts[i] += 1
        rest -= 1
    return parts


# ----------------------------------------------------------------- 2019 / 2021 tables


def make_art20(rng: random.Random, body: Body, template: str, f: Figures) -> None:
    key = body.dept.key
    city_gov = key == "人民政府" and body.county is None
    cells = f.cells
    for row in ("rules", "normative_docs"):
        if row == "rules" and not city_gov:
            issued = repealed = in_force = 0
        else:
            issued = _between(rng, 0, 6 if row == "rules" else 16)
            repealed = _between(rng, 0, 5)
            in_force = issued + _between(rng, 0, 70 if city_gov else 40)
        if template == "2021":
            cells[f"proactive.{row}.issued"] = issued
            cells[f"proactive.{row}.repealed"] = repealed
            cells[f"proactive.{row}.in_force"] = in_force
        else:
            published = issued if rng.random() < 0.8 else _between(rng, 0, issued)
            cells[f"proactive.{row}.new_made"] = issued
            cells[f"proactive.{row}.new_published"] = published
            cells[f"proactive.{row}.public_total"] = max(in_force, published)
    lic = _between(rng, *_LICENSING[key])
    pen = _between(rng, *_PENALTY[key])
    enf = _between(rng, 0, 60 if key in ("市场监管", "生态环境", "交通运输") else 4 if pen else 0)
    if template == "2021":
        cells["proactive.licensing.decisions"] = lic
        cells["proactive.penalty.decisions"] = pen
        cells["proactive.enforcement.decisions"] = enf
        fee = Decimal(0)
        if key in ("自然资源", "住建", "市场监管", "交通运输", "人民政府") and rng.random() < 0.5:
            fee = Decimal(_between(rng, 100, 400000)) / 100
        cells["proactive.fees.amount"] = _money_value(fee)
        f.units.update({k: "件" for k in cells})
        f.units["proactive.fees.amount"] = "万元"
        return
    for row, decisions in (("licensing", lic), ("other_services", _between(rng, 0, 40)),
                           ("penalty", pen), ("enforcement", enf)):
        last = _between(rng, 0, 60) if decisions else 0
        cells[f"proactive.{row}.items_last_year"] = last
        cells[f"proactive.{row}.items_change"] = _between(rng, -min(last, 3), 6) if last else 0
        cells[f"proactive.{row}.decisions"] = decisions
    last = _between(rng, 0, 12)
    cells["proactive.fees.items_last_year"] = last
    cells["proactive.fees.items_change"] = -_between(rng, 0, min(last, 2)) if last else 0
    items = _between(rng, 0, 30)
    cells["proactive.procurement.items"] = items
    amount = Decimal(_between(rng, 2000000, 800000000) * items // 30) / 100 if items else Decimal(0)
    wan = rng.random() < 0.4
    f.extra["procurement_wan"] = wan
    if wan:
        amount = (amount / 10000).quantize(Decimal("0.01"))
        cells["proactive.procurement.amount"] = _money_value(amount)
    else:
        cells["proactive.procurement.amount"] = _money_value(amount)
    f.units.update({k: "件" for k in cells})
    f.units["proactive.procurement.amount"] = "万元" if wan else None


def _money_value(d: Decimal) -> int | float:
    return int(d) if d == d.to_integral_value() else float(d)


def make_requests(rng: random.Random, body: Body, template: str, f: Figures, prev: Figures | None) -> None:
    lo, hi = _REQUESTS.get(body.dept.key, (0, 60))
    received_total = 0 if rng.random() < 0.12 else _between(rng, lo, hi)
    org_share = rng.uniform(0.0, 0.25)
    orgs = split(rng, round(received_total * org_share), [5, 0.4, 0.3, 2, 0.8])
    received = [received_total - sum(orgs)] + orgs
    if prev is not None and "requests.carried_forward.total" in prev.cells:
        carried = [prev.get(f"requests.carried_forward.{c}") for c in APPLICANTS]
    else:
        carried = [_between(rng, 0, max(1, n // 8)) if n else 0 for n in received]
        if rng.random() < 0.4:
            carried = [0] * 6
    rows = RESULT_ROWS_2021 if template == "2021" else RESULT_ROWS_2019
    weights = [_RESULT_WEIGHT[r.rsplit(".", 1)[-1]] for r in rows]
    results = {r: [0] * 6 for r in rows}
    forward = [0] * 6
    for c in range(6):
        avail = received[c] + carried[c]
        forward[c] = _between(rng, 0, max(0, avail // 10)) if avail and rng.random() < 0.45 else 0
        for r, n in zip(rows, split(rng, avail - forward[c], weights)):
            results[r][c] = n
    cells = f.cells

    def put(base: str, values: list[int]) -> None:
        for c, v in zip(APPLICANTS, values):
            cells[f"{base}.{c}"] = v
        cells[f"{base}.total"] = sum(values)

    put("requests.received", received)
    put("requests.carried_over", carried)
    for r in rows:
        put(r, results[r])
    put("requests.result", [sum(results[r][c] for r in rows) for c in range(6)])
    put("requests.carried_forward", forward)
    for k in cells:
        if k.startswith("requests."):
            f.units[k] = "件"
    if rng.random() < 0.15:  # applicant columns with nothing in them are often left blank
        for col in APPLICANTS[1:]:
            keys = [k for k in cells if k.startswith("requests.") and k.endswith("." + col)]
            if not any(cells[k] for k in keys):
                for k in keys:
                    cells[k] = None


def make_review(rng: random.Random, body: Body, f: Figures) -> None:
    gov = body.is_government or body.dept.key in ("自然资源", "住建")
    for block in REVIEW_BLOCKS:
        hi = {"review": 30 if gov else 4, "litigation.direct": 10 if gov else 2, "litigation.after_review": 8 if gov else 1}[block]
        total = 0 if rng.random() < 0.55 else _between(rng, 0, hi)
        parts = split(rng, total, [6, 1.2, 1.5, 2])
        for name, v in zip(OUTCOMES, parts + [total]):
            f.cells[f"{block}.{name}"] = v
            f.units[f"{block}.{name}"] = "件"


# ----------------------------------------------------------------- 2008 附表


def make_appendix_2008(rng: random.Random, body: Body, year: int, f: Figures) -> None:
    c = f.cells
    new_media = year >= 2016
    proactive = _between(rng, 40, 2500 if body.is_government else 900)
    c["proactive.total"] = proactive
    c["proactive.normative_docs"] = _between(rng, 0, 25)
    c["proactive.normative_docs_issued"] = _between(rng, 0, c["proactive.normative_docs"])
    c["proactive.channel.gazette"] = _between(rng, 0, proactive // 10) if body.is_government else 0
    c["proactive.channel.website"] = proactive - _between(rng, 0, proactive // 12)
    if new_media:
        c["proactive.channel.weibo"] = _between(rng, 0, proactive // 2) if rng.random() < 0.5 else 0
        c["proactive.channel.wechat"] = _between(rng, 0, proactive // 2) if rng.random() < 0.7 else 0
    c["proactive.channel.other"] = _between(rng, 0, proactive // 5)
    if new_media:
        c["response.hotspots"] = _between(rng, 0, 12)
        press = _between(rng, 0, 6)
        c["response.press_conferences"] = press
        c["response.press_conferences.leader"] = _between(rng, 0, press)
        talks = _between(rng, 0, 4)
        c["response.online_interviews"] = talks
        c["response.online_interviews.leader"] = _between(rng, 0, talks)
        c["response.interpretations"] = _between(rng, 0, 30)
        c["response.weibo_wechat"] = _between(rng, 0, 10)
        c["response.other"] = _between(rng, 0, 5)
    received = 0 if rng.random() < 0.2 else _between(rng, 1, 300 if body.is_government else 40)
    channels = ["in_person", "fax", "online", "letter"] + (["email", "phone"] if f.extra.get("more_channels") else [])
    for ch, n in zip(channels, split(rng, received, [3, 0.2, 5, 1.5, 1, 0.5][: len(channels)])):
        c[f"requests.received.{ch}"] = n
    c["requests.received.total"] = received
    completed = received - (_between(rng, 0, received // 10) if received > 5 else 0)
    extended = _between(rng, 0, completed // 8)
    c["requests.completed.total"] = completed
    c["requests.completed.on_time"] = completed - extended
    c["requests.completed.extended"] = extended
    answers = ["already_public", "granted", "partial", "refused", "not_this_body", "not_exist", "clarify", "other_route"]
    parts = dict(zip(answers, split(rng, completed, [4, 20, 2, 1.5, 3, 3, 1, 1])))
    c["requests.answered.total"] = completed
    for a in answers[:3]:
        c[f"requests.answered.{a}"] = parts[a]
    c["requests.answered.refused.total"] = parts["refused"]
    reasons = ["state_secret", "commercial_secret", "privacy", "security", "not_gov_info", "other_law"]
    for r, n in zip(reasons, split(rng, parts["refused"], [1, 1, 2, 0.5, 3, 1])):
        c[f"requests.answered.refused.{r}"] = n
    for a in answers[4:]:
        c[f"requests.answered.{a}"] = parts[a]
    for block in ("review", "litigation"):
        total = 0 if rng.random() < 0.75 else _between(rng, 1, 6)
        up, corr, oth = split(rng, total, [5, 1, 1])
        c[f"{block}.total"] = total
        c[f"{block}.upheld"] = up
        c[f"{block}.corrected"] = corr
        c[f"{block}.other"] = oth
    c["complaints.total"] = _between(rng, 0, 15)
    c["fees.collected"] = 0
    c["organisation.units"] = rng.choice((1, 1, 1, 2))
    c["organisation.reading_points"] = _between(rng, 0, 4)
    full, part = _between(rng, 0, 3), _between(rng, 1, 6)
    c["staff.total"] = full + part
    c["staff.fulltime"] = full
    c["staff.parttime"] = part
    c["budget.special"] = _money_value(Decimal(_between(rng, 0, 1200)) / 100) if rng.random() < 0.5 else 0
    c["meetings.count"] = _between(rng, 0, 6)
    sessions = _between(rng, 0, 6)
    c["training.sessions"] = sessions
    c["training.participants"] = sessions * _between(rng, 8, 80) if sessions else 0
    units = {"proactive.normative_docs_issued": "件", "fees.collected": "万元", "budget.special": "万元",
             "organisation.units": "个", "organisation.reading_points": "个", "staff.total": "人",
             "staff.fulltime": "人", "staff.parttime": "人", "training.participants": "人次",
             "response.interpretations": "篇"}
    for k in c:
        area = k.split(".")[0]
        f.units[k] = units.get(k) or {"proactive": "条", "response": "次", "meetings": "次", "training": "次"}.get(area, "件")
    # zero review/litigation rows are often left blank
    if rng.random() < 0.35:
        for block in ("review", "litigation"):
            if c[f"{block}.total"] == 0:
                for k in ("total", "upheld", "corrected", "other"):
                    c[f"{block}.{k}"] = None


def make_figures(rng: random.Random, body: Body, template: str, year: int, prev: Figures | None) -> Figures:
    f = Figures(template, year)
    if template == "2008":
        f.extra["more_channels"] = year <= 2013 and rng.random() < 0.5
        make_appendix_2008(rng, body, year, f)
    else:
        make_art20(rng, body, template, f)
        make_requests(rng, body, template, f, prev)
        make_review(rng, body, f)
    return f
