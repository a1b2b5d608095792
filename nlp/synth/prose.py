"""The sections of a report, written into a :class:`Doc` in the order its template allows.

2019/2021: title, preamble, 一、总体情况 with several （一）（二） sub-sections, the three
tables, 五、存在的主要问题及改进情况, 六、其他需要报告的事项.  2008: 概述, 主动公开,
回应解读, 依申请, 咨询, 复议诉讼, 收费, 机构, 会议培训, 问题和改进, 附表 (some optional).
Every paragraph carries the passage labels of what it says.
"""
from __future__ import annotations

import random
from dataclasses import dataclass

from nlp.synth import phrases as P
from nlp.synth.bodies import Body
from nlp.synth.doc import Block, Doc, Para, Piece
from nlp.synth.figures import Figures
from nlp.synth.numerals import chinese
from nlp.synth.say import Writer, facts_of

ORDINALS = "一二三四五六七八九十"


@dataclass
class Ctx:
    rng: random.Random
    body: Body
    year: int
    template: str
    fmt: str
    f: Figures
    w: Writer
    doc: Doc
    published: tuple[int, int, int]

    def para(self, labels: tuple[str, ...] = (), level: int = 0) -> Para:
        return Para("para", level, labels)

    def heading(self, text: str, level: int) -> None:
        self.doc.add(Block("heading", [Piece(text)], level))


# topics that only exist from a given year
_TOPIC_SINCE = {"乡村振兴": 2018, "营商环境": 2017, "家庭医生签约": 2016, "节能降碳": 2021, "老旧小区改造": 2019,
                "课后服务": 2018, "国土空间规划": 2019, "困境儿童保障": 2016, "城市燃气安全": 2021}


def words(rng: random.Random, body: Body, year: int) -> dict:
    stem = body.place[:-1]  # 青禾县 → 青禾
    slug = "".join(rng.choice("abcdefghjklmnpqrstwxyz") for _ in range(rng.randint(2, 4)))
    dept_word = {"人民政府": "发布", "人民政府办公室": "发布"}.get(body.dept.key, body.dept.key)
    area = rng.choice(("0731", "0734", "0577", "0527", "0851", "0371", "0551", "0791"))
    topics = [t for t in body.dept.topics if _TOPIC_SINCE.get(t, 0) <= year]
    rng.shuffle(topics)
    return {
        "self": body.own,
        "short": body.short,
        "name": body.name,
        "place": body.place,
        "stem": stem,
        "lvl": body.level,
        "lead": body.leadership,
        "prov": body.province,
        "upper": "省、市" if body.county else "省",
        "site": (f"{body.place}人民政府门户网站", f"{body.place}人民政府网站", "政府信息公开专栏", f"{body.short}网站"),
        "url": f"http://www.{slug}.gov.cn",
        "app": f"“{stem}{dept_word}”微信公众号" if year >= 2013 else f"“{stem}{dept_word}”政务微博",
        "topic": tuple(topics),
        "topics": "、".join(topics[:3]),
        "hall": (f"{body.level}政务服务中心", "便民服务大厅", f"{body.level}图书馆"),
        "nm": "政务新媒体" if year >= 2016 else "政务微博" if year >= 2012 else "政府网站",
        "video": "短视频" if year >= 2018 else "在线访谈",
        "era": ("“十四五”规划实施", "高质量发展") if year >= 2021 else ("“放管服”改革", "优化营商环境") if year >= 2017 else ("转变政府职能",),
        "address": f"{body.place}{rng.choice(('人民', '建设', '文化', '解放', '新华', '迎宾'))}{rng.choice(('路', '大道', '街'))}{rng.randint(1, 299)}号",
        "postcode": f"{rng.randint(10, 85)}{rng.randint(0, 9999):04d}",
        "phone": f"{area}-{rng.randint(2, 8)}{rng.randint(0, 9999999):07d}",
    }


# ------------------------------------------------------------------ shared pieces


def title(c: Ctx) -> None:
    name, y = c.body.name, c.year
    forms = [f"{name}{y}年政府信息公开工作年度报告", f"{name}{y}年度政府信息公开工作年度报告",
             f"{y}年{name}政府信息公开工作年度报告", f"{name}关于{y}年政府信息公开工作的年度报告"]
    if c.template == "2008":
        forms += [f"{name}{y}年信息公开年度报告", f"{y}年度{name}政府信息公开工作年度报告"]
    text = c.rng.choice(forms)
    c.doc.info["title"] = text
    r = c.rng.random()
    c.doc.info["title_layout"] = "one_line"
    if c.fmt == "md" and r < 0.3:
        text = f"{name} {y} 年 政府信息公开工作年度报告"  # OCR spacing
        c.doc.info["title_layout"] = "spaced"
    elif c.fmt != "html" and r < 0.4:
        text = f"{name}\n{y}年{c.rng.choice(('', '度'))}政府信息公开工作年度报告"  # the body on a line of its own
        c.doc.info["title_layout"] = "two_lines"
    elif c.fmt == "txt" and c.template == "2008" and r < 0.5:
        c.doc.info["untitled"] = True  # scraped without its title (seeds 000, 004): dateline and signature remain
        c.doc.info["title_layout"] = "untitled"
    c.doc.add(Block("title", [Piece(text)]))


def dateline(c: Ctx) -> None:
    y, m, d = c.published
    open_, close = ("(", ")") if c.template == "2008" and c.rng.random() < 0.5 else ("（", "）")
    c.doc.add(Block("dateline", [Piece(f"{open_}{y}年{m}月{d}日{close}")]))


def preamble(c: Ctx, contents: list[str]) -> None:
    rng, w = c.rng, c.w
    p = c.para()
    if c.template == "2008" and rng.random() < 0.4:
        p.add("编制说明：")
    bank = P.PREAMBLE_BASIS_2021 + P.PREAMBLE_BASIS if c.template == "2021" else P.PREAMBLE_BASIS
    w.fill(p, rng.choice(bank))
    if contents and rng.random() < 0.7:
        joiner = rng.choice(("、", "，"))
        n = chinese(len(contents))  # the report describing itself: not a claim
        lead, tail = rng.choice((("全文包括", f"{n}个部分"), ("内容包括：", f"{n}部分组成"), ("报告全文包括", "等部分"),
                                 ("全文由", f"{n}个部分组成"), ("主要内容包括", "")))
        p.add(f"{lead}{joiner.join(contents)}{tail}。")
    w.fill(p, rng.choice(P.PREAMBLE_PERIOD))
    if rng.random() < 0.5:
        w.fill(p, rng.choice(P.PREAMBLE_ONLINE))
    c.doc.add(p)


def signature(c: Ctx) -> None:
    y, m, d = c.published
    c.doc.add(Block("signature", [Piece(c.body.name)]))
    c.doc.add(Block("signature", [Piece(f"{y}年{m}月{d}日")]))


def sentences(c: Ctx, bank, n: int, need_nonzero: bool = True) -> list[str]:
    """Up to n templates of ``bank`` whose facts the report has (and are not zero), no two
    stating the same fact."""
    ok = [t for t in bank if c.w.can(t) and (not need_nonzero or all(c.w.facts[k].value for k in facts_of(t)))]
    c.rng.shuffle(ok)
    out: list[str] = []
    seen: set[str] = set()
    for t in ok:
        keys = set(facts_of(t))
        if keys & seen:
            continue
        seen |= keys
        out.append(t)
    return out[:n]


def enumerate_into(c: Ctx, items: list[tuple[str, str]], labels, style: str, lead: str = "") -> None:
    """items: (short lead, template). style: plain (one paragraph), inline (一是…二是… in one
    paragraph) or lines (one paragraph per 一是)."""
    if style == "lines":
        if lead:
            p = c.para(labels)
            p.add(lead)
            c.doc.add(p)
        for i, (head, t) in enumerate(items):
            p = c.para(labels, level=5)
            p.add(f"{ORDINALS[i]}是{head}。")
            c.w.fill(p, t)
            c.doc.add(p)
        return
    p = c.para(labels)
    p.add(lead)
    for i, (head, t) in enumerate(items):
        if style == "inline":
            p.add(f"{ORDINALS[i]}是{head}。")
        c.w.fill(p, t)
    c.doc.add(p)


# ------------------------------------------------------------------ 2019 / 2021 总体情况

LEADS = {
    "management": ("严格属性审查", "动态更新目录", "强化保密审查"),
    "platform": ("办好政府网站", "用好政务新媒体", "办好政务微博", "编好政府公报", "建好公开专区"),
    "interaction": ("做好政策解读", "丰富解读形式", "加强发布解读", "回应社会关切", "畅通互动渠道", "公开建议提案办理结果"),
    "oversight": ("加强组织领导", "强化考核培训", "主动接受监督", "开展常态检查"),
}
BANKS = {"management": P.MANAGEMENT, "platform": P.PLATFORM, "interaction": P.INTERACTION, "oversight": P.OVERSIGHT}
TOPIC_LABELS = {
    "proactive": ("content",), "requests": ("requests",), "management": ("content", "organisation"),
    "platform": ("channels",), "interaction": ("interaction",), "oversight": ("organisation", "oversight"),
}
EXTRA_LABELS = {  # what a sentence adds to its paragraph's labels
    "hotline.orders": ("channels",), "staff.fulltime": ("organisation",), "training.sessions": ("oversight",),
    "wechat.posts": ("content",), "interpretations": ("interaction",),
}


def overview_2021(c: Ctx, heading: str) -> None:
    rng = c.rng
    c.heading(heading, 1)
    p = c.para()
    c.w.fill(p, rng.choice(P.OVERVIEW_OPEN))
    if rng.random() < 0.35:
        t = c.w.pick(P.OVERVIEW_SUMMARY, need_nonzero=True)
        if t:
            c.w.fill(p, t)
            p.label("content", "requests")
    c.doc.add(p)
    topics = ["proactive", "requests", "management", "platform", "oversight"]
    if rng.random() < 0.6:
        topics.insert(rng.choice((1, 2, 4)), "interaction")
    for optional in ("management", "platform", "oversight", "interaction"):
        if optional in topics and len(topics) > 3 and rng.random() < 0.2:
            topics.remove(optional)
    if rng.random() < 0.25 and len(topics) > 3:
        i = rng.randrange(2, len(topics) - 1)
        topics[i], topics[i + 1] = topics[i + 1], topics[i]
    for i, topic in enumerate(topics):
        subsection(c, i, topic)


def subsection(c: Ctx, i: int, topic: str) -> None:
    rng = c.rng
    title_text = f"（{ORDINALS[i]}）{rng.choice(P.SUB_TITLES[topic])}"
    start = len(c.doc.blocks)
    if topic == "proactive":
        proactive_2021(c)
    elif topic == "requests":
        requests_2021(c)
    else:
        bank = BANKS[topic]
        picked = sorted((bank.index(t), t) for t in sentences(c, bank, rng.randint(2, 3)))
        labels = TOPIC_LABELS[topic]
        for _, t in picked:
            for key, extra in EXTRA_LABELS.items():
                if f"[{key}" in t:
                    labels = tuple(dict.fromkeys(labels + extra))
        leads = LEADS[topic]
        items = [(leads[min(j, len(leads) - 1)], t) for j, t in picked]
        enumerate_into(c, items, labels, rng.choice(("plain", "inline", "inline", "lines")))
    first = c.doc.blocks[start] if start < len(c.doc.blocks) else None
    if first is not None and first.kind == "para" and first.level == 0 and rng.random() < 0.35:
        first.pieces.insert(0, Piece(title_text + rng.choice(("。", "。", "："))))
        first.level = 2
    else:
        c.doc.blocks.insert(start, Block("heading", [Piece(title_text)], 2))


def proactive_2021(c: Ctx) -> None:
    rng, w = c.rng, c.w
    p = c.para(("content",))
    exact = rng.random() < 0.75
    total = w.fill(p, rng.choice(P.PROACTIVE_TOTAL if exact else P.PROACTIVE_TOTAL_APPROX))[0]
    listed = exact and total.claim["qualifier"] == "exact" and rng.random() < 0.7
    if listed:
        breakdown(c, p, total, "web.cat", complete=rng.random() < 0.6)
    change = w.facts["proactive.change"].value
    if rng.random() < 0.4 and change:
        if listed:  # after a 其中 list the change gets a sentence of its own
            p.add("。")
            related = w.fill(p, rng.choice(P.CHANGE_SENTENCE_UP if change > 0 else P.CHANGE_SENTENCE_DOWN))
        else:
            related = w.fill(p, rng.choice(P.CHANGE_UP if change > 0 else P.CHANGE_DOWN))
            if rng.random() < 0.3:
                related += w.fill(p, P.CHANGE_WITH_PREV[0])
        w.group("change", total, related, True)
    p.add("。")
    if rng.random() < 0.5:
        w.fill(p, rng.choice(P.KEY_AREAS))
    c.doc.add(p)
    bank = P.NORMATIVE_2021 if c.template == "2021" else P.NORMATIVE_2019
    ts = sentences(c, bank, 1) + sentences(c, P.DECISIONS, 1)
    if ts and rng.random() < 0.75:
        p = c.para(("content",))
        for t in ts:
            w.fill(p, t)
        c.doc.add(p)
    if rng.random() < 0.5:
        p = c.para(("content",))
        w.fill(p, rng.choice(P.KEY_AREAS))
        c.doc.add(p)


def breakdown(c: Ctx, p: Para, total: Piece, prefix: str, complete: bool) -> None:
    """"，其中工作动态72条、通知公告25条…": all parts (complete) or some, ending in 等."""
    rng, w = c.rng, c.w
    names = w.facts[prefix + ".names"] if prefix + ".names" in w.facts else w.facts["web.cat.names"]
    keys = [k for k in (f"{prefix}.{i}" for i in range(len(names))) if w.facts[k].value]
    if len(keys) < 2:
        return
    if not complete:
        keys = rng.sample(keys, rng.randint(1, len(keys) - 1))
    p.add(rng.choice(("，其中", "。其中，", "，其中包括")))
    sep = rng.choice(("、", "，", "；"))
    parts = []
    for j, key in enumerate(keys):
        if j:
            p.add(sep)
        name = names[int(key.rsplit(".", 1)[1])]
        suffixes = ("", "类") if name.endswith(("信息", "数据")) else ("", "类", "类信息", "信息")
        p.add(name + rng.choice(suffixes) if rng.random() < 0.5 else name)
        parts.append(w.state(p, key))
    if not complete:
        p.add("等")
    w.group("breakdown", total, parts, complete)


def requests_2021(c: Ctx) -> None:
    rng, w, facts = c.rng, c.w, c.w.facts
    p = c.para(("requests",))
    if not facts["requests.received.total"].value and not facts["requests.carried_over.total"].value:
        w.fill(p, rng.choice(P.REQUESTS_NONE))
    else:
        carried, forward = facts["requests.carried_over.total"].value, facts["requests.carried_forward.total"].value
        if not carried and not forward and rng.random() < 0.8:
            received = result = w.fill(p, rng.choice(P.REQUESTS_SIMPLE))[0]  # all received, all done
        else:
            flow = w.fill(p, P.REQUESTS_FLOW[0] if not carried or not forward else rng.choice(P.REQUESTS_FLOW))
            w.group("flow", None, flow, True)
            received, result = flow[0], flow[2]
        if rng.random() < 0.4 and facts["requests.received.orgs"].value:
            t = rng.choice([t for t in P.REQUESTS_APPLICANTS if w.can(t)])
            parts = [q for q in w.fill(p, t) if q.claim["kind"] == "count"]
            w.group("breakdown", received, parts, True)
        r = rng.random()
        if r < 0.3 or (r < 0.6 and "pct.r.other" not in facts):
            parts = w.fill(p, P.REQUESTS_RESULTS[0])
            w.group("breakdown", result, parts, True)
        elif r < 0.6:
            parts = [q for q in w.fill(p, P.REQUESTS_RESULTS_PCT[0]) if q.claim["kind"] == "count"]
            w.group("breakdown", result, parts, True)
        elif r < 0.85 and "pct.disclosed" in facts and result is not received:
            w.fill(p, rng.choice(P.REQUESTS_SHARE))
    if rng.random() < 0.35:
        review_sentences(c, p)
        p.label("oversight")
    c.doc.add(p)
    if rng.random() < 0.6:
        p = c.para(("requests",))
        for t in sentences(c, P.REQUESTS_PROCESS, rng.randint(1, 2), need_nonzero=False):
            w.fill(p, t)
        c.doc.add(p)


def review_sentences(c: Ctx, p: Para) -> None:
    rng, w, facts = c.rng, c.w, c.w.facts
    review, litigation = facts["review.total"].value, facts["litigation.total"].value
    if review and litigation:
        w.fill(p, rng.choice(P.REVIEW_SOME))
    elif review:
        w.fill(p, rng.choice(P.REVIEW_ONLY))
        w.fill(p, rng.choice(P.LITIGATION_ZERO))
    elif litigation:
        w.fill(p, rng.choice(P.LITIGATION_ONLY))
    else:
        w.fill(p, rng.choice(P.REVIEW_ZERO))
        w.fill(p, rng.choice(P.LITIGATION_ZERO))


# ------------------------------------------------------------------ problems and improvements


def problems(c: Ctx, heading: str) -> None:
    rng = c.rng
    c.heading(heading, 1)
    themes = dict(P.THEMES)
    if c.template != "2008":
        themes.update(P.THEMES_2019)
    if c.year <= 2016:
        themes.update(P.THEMES_2008)
        themes.pop("standards", None)
    chosen = rng.sample(sorted(themes), rng.randint(2, 4))
    probs = [rng.choice(themes[k][0]) for k in chosen]
    fixes = [rng.choice(themes[k][1]) for k in chosen]
    if rng.random() < 0.3 and len(fixes) > 2:
        fixes = fixes[:-1]
    style = rng.choice(("sub", "sub", "colon", "lines"))
    if c.template == "2021" and c.year >= 2022 and rng.random() < 0.35:
        style = "last_year"
    if style == "last_year":
        c.heading(f"（一）{rng.choice(('上年度问题整改情况', f'{c.year - 1}年工作中存在问题的改进情况'))}", 2)
        done = [t + rng.choice(("，取得了一定成效", "，效果较为明显", "")) for t in fixes]
        _enum(c, ("improvements",), P.LAST_YEAR_LEAD, done, rng.choice(("inline", "lines")))
        c.heading(f"（二）{rng.choice(('存在的主要问题', f'{c.year}年工作中存在的主要问题'))}", 2)
        _enum(c, ("problems",), P.PROBLEMS_LEAD, probs, "inline")
        c.heading(f"（三）{rng.choice(('改进措施', '下一步工作打算', '改进情况'))}", 2)
        _enum(c, ("improvements",), P.IMPROVE_LEAD, [rng.choice(themes[k][1]) for k in chosen], "inline")
    elif style == "sub":
        c.heading(f"（一）{rng.choice(('存在的主要问题', '存在的问题', '主要问题'))}", 2)
        _enum(c, ("problems",), P.PROBLEMS_LEAD, probs, "inline")
        c.heading(f"（二）{rng.choice(('改进情况', '改进措施', '下一步工作打算', '整改措施'))}", 2)
        _enum(c, ("improvements",), P.IMPROVE_LEAD, fixes, rng.choice(("inline", "inline", "lines")))
    elif style == "colon":
        _enum(c, ("problems",), (rng.choice(("存在的主要问题：", "存在的问题主要是：")),), probs, "inline")
        _enum(c, ("improvements",), (rng.choice(("改进情况：", "改进措施：", "下一步工作打算：")),), fixes, "inline")
    else:
        _enum(c, ("problems",), P.PROBLEMS_LEAD, probs, "inline", tail=rng.choice(("下一步工作打算：", "下阶段，我们将着力从以下几个方面加以改进：", "")))
        _enum(c, ("improvements",), ("",), fixes, "lines")


def _enum(c: Ctx, labels, leads, items: list[str], style: str, tail: str = "") -> None:
    rng, w = c.rng, c.w
    lead = rng.choice(leads)
    if style == "lines":
        if lead:
            p = c.para(labels)
            w.fill(p, lead)
            c.doc.add(p)
        for i, t in enumerate(items):
            p = c.para(labels, level=5)
            p.add(f"{ORDINALS[i]}是")
            w.fill(p, t)
            p.add("。")
            c.doc.add(p)
        return
    p = c.para(labels)
    w.fill(p, lead)
    for i, t in enumerate(items):
        p.add(f"{ORDINALS[i]}是")
        w.fill(p, t)
        p.add("；" if i < len(items) - 1 else "。")
    if tail:
        p.add(tail)
    c.doc.add(p)


def other_matters(c: Ctx, heading: str) -> None:
    rng, w = c.rng, c.w
    c.heading(heading, 1)
    if c.template == "2019" and rng.random() < 0.3:
        c.doc.add(Para().add("无。" if rng.random() < 0.5 else "无").block)
        return
    p = c.para(("requests",))
    if c.template == "2021" or rng.random() < 0.5:
        bank = P.FEE_SOME if w.facts["fee.info"].value else P.FEE_ZERO
        w.fill(p, rng.choice(bank))
        c.doc.add(p)
    for t in sentences(c, P.OTHER_MATTERS, 1 if rng.random() < 0.6 else 0):
        q = c.para(("interaction",) if "npc" in t else ("oversight",))
        w.fill(q, t)
        c.doc.add(q)
    if not p.block.pieces and len(c.doc.blocks) and c.doc.blocks[-1].kind == "heading":
        c.doc.add(Para().add("无。").block)
