"""The quantities a report's prose may state.  Those that are also table cells take the
cell's value (so prose and tables agree by construction); the rest are drawn here, with
their breakdowns adding up and their percentages computed from what the prose states."""
from __future__ import annotations

import random
from decimal import Decimal

from nlp.synth.bodies import Body
from nlp.synth.figures import APPLICANTS, Fact, Figures, _between, split
from nlp.synth.numerals import percent_text

WEB_CATEGORIES = ("工作动态", "通知公告", "政策文件", "政策解读", "人事信息", "财政信息", "规划计划", "办事指南",
                  "统计数据", "建议提案办理", "重点领域信息", "机构职能", "行政执法信息", "招标采购")
# 2008 附表 cells the prose talks about, and the fact key they become
TABLE_FACTS_2008 = {
    "proactive.total": "proactive.total", "proactive.normative_docs": "proactive.normative_docs",
    "proactive.channel.website": "web.total", "proactive.channel.wechat": "wechat.posts",
    "proactive.channel.weibo": "weibo.posts", "response.interpretations": "interpretations",
    "response.press_conferences": "press", "response.online_interviews": "interviews",
    "response.hotspots": "hotspots", "training.sessions": "training.sessions",
    "training.participants": "training.participants", "meetings.count": "meetings.count",
    "staff.fulltime": "staff.fulltime", "staff.parttime": "staff.parttime", "staff.total": "staff.total",
    "organisation.reading_points": "reading_points", "complaints.total": "complaints.total",
}


def percent(facts: dict, key: str, num: str, den: str, places: int) -> None:
    n, d = facts[num].value, facts[den].value
    if not d:
        return
    _, v = percent_text(n, d, places)
    facts[key] = Fact(v, "%", None, "percent", places, (num, den))


def make_facts(rng: random.Random, body: Body, f: Figures, prev: Figures | None) -> dict[str, Fact]:
    facts: dict[str, Fact] = {}
    year, template = f.year, f.template
    gov = body.is_government

    def put(key, value, unit, indicator=None, kind="count", places=None):
        facts[key] = Fact(value, unit, indicator, kind, places)

    if template == "2008":
        for cell, key in TABLE_FACTS_2008.items():
            v = f.cells.get(cell)
            if v is not None:
                unit = f.units.get(cell)
                put(key, v, unit, cell)
        put("budget.special", _yuan(f.cells.get("budget.special") or 0), "元", "budget.special", "money")
        put("fees.collected", 0, "元", "fees.collected", "money")
        _requests_2008(facts, f)
    else:
        put("proactive.total", _between(rng, 60, 6000 if gov else 1500), "条", "proactive.total")
        if year >= 2013 and rng.random() < 0.8:
            put("wechat.posts", _between(rng, 20, 1800), "条", "proactive.channel.wechat")
        if year <= 2021 and rng.random() < 0.3:
            put("weibo.posts", _between(rng, 10, 900), "条", "proactive.channel.weibo")
        put("interpretations", _between(rng, 1, 60 if gov else 25), "篇", "response.interpretations")
        put("press", _between(rng, 0, 40 if gov else 6), "场", "response.press_conferences")
        put("interviews", _between(rng, 0, 6), "次", "response.online_interviews")
        put("training.sessions", _between(rng, 1, 8), "次", "training.sessions")
        put("training.participants", facts["training.sessions"].value * _between(rng, 10, 90), "人次", "training.participants")
        put("staff.fulltime", _between(rng, 0, 3), "名", "staff.fulltime")
        put("staff.parttime", _between(rng, 1, 8), "名", "staff.parttime")
        _requests_2021(facts, f)
        _art20(facts, f)
    p = facts["proactive.total"].value
    cats = rng.sample(WEB_CATEGORIES, rng.randint(3, 7))
    for i, n in enumerate(split(rng, p, [rng.uniform(0.2, 3) for _ in cats])):
        put(f"web.cat.{i}", n, "条")
    facts["web.cat.names"] = cats  # type: ignore[assignment]
    last = prev.facts.get("proactive.total").value if prev and "proactive.total" in prev.facts else max(1, round(p * rng.uniform(0.6, 1.3)))
    put("proactive.prev", last, "条")
    put("proactive.change", p - last, "条", None, "change")
    if last:
        _, v = percent_text(p - last, last, 1)
        put("proactive.change_pct", v, "%", None, "change", 1)
    if "interpretations" in facts and facts["interpretations"].value >= 3:
        n = facts["interpretations"].value
        put("interpretations.visual", _between(rng, 1, n), "篇")
        percent(facts, "pct.visual", "interpretations.visual", "interpretations", rng.choice((1, 2)))
        for key, part in zip(("interp.text", "interp.graphic", "interp.video"), split(rng, n, [5, 2, 1])):
            put(key, part, "篇")
    consult = _between(rng, 30, 6000)
    put("consult.total", consult, "人次")
    for key, n in zip(("consult.onsite", "consult.phone", "consult.online"), split(rng, consult, [5, 4, 1.5])):
        put(key, n, "人次")
    orders = _between(rng, 10, 3000 if gov else 600)
    put("hotline.orders", orders, "件")
    done = orders - (_between(rng, 0, orders // 40) if rng.random() < 0.4 else 0)
    put("hotline.done", done, "件")
    percent(facts, "pct.hotline", "hotline.done", "hotline.orders", rng.choice((1, 2)))
    put("mailbox.letters", _between(rng, 2, 400), "件")
    put("npc.proposals", _between(rng, 0, 60 if gov else 15), "件")
    put("cppcc.proposals", _between(rng, 0, 80 if gov else 20), "件")
    put("proposals.total", facts["npc.proposals"].value + facts["cppcc.proposals"].value, "件")
    put("zones.count", _between(rng, 1, 20 if gov else 3), "个")
    put("expired.cleaned", _between(rng, 10, 900), "条")
    put("docs.reviewed", _between(rng, 10, 400), "件")
    if gov:
        put("gazette.issues", rng.choice((4, 6, 12, 12, 24)), "期")
    put("followers", _between(rng, 2000, 900000), "人")
    put("invest", _yuan(Decimal(_between(rng, 20, 3000)) / 10), "元", None, "money")
    fee = 0 if rng.random() < 0.85 else _between(rng, 1, 40) * 10 * rng.choice((1, 10))
    put("fee.info", fee, "元", "fees.collected", "money")  # 信息处理费: what 2008 called 依申请公开信息收取的费用
    return facts


def _yuan(wan) -> int | float:
    d = Decimal(str(wan)) * 10000
    return int(d) if d == d.to_integral_value() else float(d)


def _requests_2008(facts: dict, f: Figures) -> None:
    c = f.cells
    for key in ("received.total", "received.in_person", "received.fax", "received.online", "received.letter",
                "received.email", "received.phone", "completed.total", "completed.on_time", "completed.extended",
                "answered.total", "answered.already_public", "answered.granted", "answered.partial",
                "answered.refused.total", "answered.not_this_body", "answered.not_exist", "answered.clarify",
                "answered.other_route"):
        cell = "requests." + key
        if c.get(cell) is not None:
            facts[cell] = Fact(c[cell], "件", cell)
    for block in ("review", "litigation"):  # a blank row in the table is a zero in prose
        facts[f"{block}.total"] = Fact(c.get(f"{block}.total") or 0, "件", f"{block}.total")
    facts["review.corrected"] = Fact(c.get("review.corrected") or 0, "件", "review.corrected")
    if "requests.completed.on_time" in facts:
        percent(facts, "pct.on_time", "requests.completed.on_time", "requests.completed.total", 1)


def _requests_2021(facts: dict, f: Figures) -> None:
    c = f.cells
    for key in ("received", "carried_over", "result", "carried_forward", "result.disclosed", "result.partial"):
        cell = f"requests.{key}.total"
        facts[cell] = Fact(c[cell], "件", cell)
    facts["requests.received.natural_person"] = Fact(c["requests.received.natural_person"] or 0, "件", "requests.received.natural_person")
    orgs = sum(c[f"requests.received.{a}"] or 0 for a in APPLICANTS[1:])
    facts["requests.received.orgs"] = Fact(orgs, "件")
    for group in ("withheld", "unavailable", "not_processed", "other"):
        total = sum(v or 0 for k, v in c.items() if k.startswith(f"requests.result.{group}.") and k.endswith(".total"))
        ind = "requests.result.other.total" if group == "other" and f.template == "2019" else None
        if group == "other" and f.template == "2019":
            total = c["requests.result.other.total"]
        facts[f"requests.result.{group}.sum"] = Fact(total, "件", ind)
    facts["requests.available"] = Fact(c["requests.received.total"] + c["requests.carried_over.total"], "件")
    if c["requests.result.total"]:
        percent(facts, "pct.disclosed", "requests.result.disclosed.total", "requests.result.total", 2)
        for name, key in (("disclosed", "requests.result.disclosed.total"), ("partial", "requests.result.partial.total"),
                          ("withheld", "requests.result.withheld.sum"), ("unavailable", "requests.result.unavailable.sum"),
                          ("not_processed", "requests.result.not_processed.sum"), ("other", "requests.result.other.sum")):
            percent(facts, f"pct.r.{name}", key, "requests.result.total", 2)
    if c["requests.received.total"]:
        percent(facts, "pct.natural", "requests.received.natural_person", "requests.received.total", 1)
    for name in ("review", "litigation.direct", "litigation.after_review"):
        facts[f"{name}.total"] = Fact(c[f"{name}.total"], "件", f"{name}.total")
    facts["review.corrected"] = Fact(c["review.corrected"], "件", "review.corrected")
    lit = c["litigation.direct.total"] + c["litigation.after_review.total"]
    facts["litigation.total"] = Fact(lit, "件", "litigation.total")


def _art20(facts: dict, f: Figures) -> None:
    c = f.cells
    for cell in ("proactive.normative_docs.issued", "proactive.normative_docs.repealed", "proactive.normative_docs.in_force",
                 "proactive.normative_docs.new_made", "proactive.normative_docs.new_published",
                 "proactive.normative_docs.public_total", "proactive.rules.issued", "proactive.rules.new_made",
                 "proactive.licensing.decisions", "proactive.penalty.decisions", "proactive.enforcement.decisions",
                 "proactive.procurement.items"):
        if cell in c:
            facts[cell] = Fact(c[cell], "件" if "procurement" not in cell else "个", cell)
    if "proactive.fees.amount" in c:
        facts["proactive.fees.amount"] = Fact(_yuan(c["proactive.fees.amount"]), "元", "proactive.fees.amount", "money")
    if c.get("proactive.procurement.amount"):
        amount = c["proactive.procurement.amount"]
        yuan = _yuan(amount) if f.extra.get("procurement_wan") else amount
        facts["proactive.procurement.amount"] = Fact(yuan, "元", "proactive.procurement.amount", "money")
