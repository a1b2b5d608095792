"""The sections of a 2008-template report (years 2010–2018): 概述 with numbered items,
主动公开 (content and channels), 回应解读 (from 2016), 依申请, 咨询, 复议诉讼, 收费,
机构建设, 会议培训; problems and the 附表 are written by the caller."""
from __future__ import annotations

from nlp.synth.doc import Block
from nlp.synth.phrases import OVERVIEW_OPEN_2008, REQUESTS_NONE
from nlp.synth.prose import ORDINALS, Ctx, breakdown, review_sentences

OVERVIEW_ITEMS = (
    (("加强组织领导", "健全机构，重视组织建设", "全面部署工作"), ("organisation",),
     "{self}{高度重视|始终重视}政府信息公开工作，{成立|调整}了以{主要负责人|分管领导}为组长的政府信息公开工作领导小组，{由|明确}{办公室|综合科}{负责日常工作|具体承办}，{各科室|各股室}{负责信息的收集和报送|明确一名信息员}，{形成了|建立了}{上下联动、分工协作|职责明确、运转顺畅}的工作机制。"),
    (("健全制度，规范公开程序", "建立健全配套制度", "规范制度，着重措施落实"), ("organisation",),
     "{先后|}{制定|完善}了政府信息主动公开、依申请公开、保密审查、{考核评议|责任追究}等{制度|工作制度}，{严格|认真}落实“{谁公开、谁审查、谁负责|先审查、后公开}”的要求，{做到|确保}{公开程序规范|信息发布准确无误}。"),
    (("加强网站建设，拓宽公开渠道", "抓好门户网站维护", "完善公开载体"), ("channels",),
     "{充分|积极}{利用|发挥}{门户网站|政府网站}{作为政府信息公开第一平台的作用|信息量大、覆盖面广的优势}，{及时|定期}更新{工作动态、政策法规|办事指南、通知公告}等{栏目|内容}，{同时|并}{利用|通过}{公开栏|电子显示屏|{app}}等{载体|形式}{公开|发布}政府信息。"),
    (("开展学习培训", "加强业务培训"), ("oversight",),
     "{经常性|定期}{组织|开展}{业务培训|专题学习}，{把|将}《条例》{纳入|列入}{干部学习|理论学习}内容，{不断|进一步}提高{工作人员|信息员}的{业务能力|信息处理能力}。"),
    (("强化监督检查", "加强督查考核"), ("oversight",),
     "{将|把}政府信息公开工作{纳入|列入}{年度目标管理考核|绩效考核}，{定期|不定期}{开展|组织}{督查|检查}，{对|针对}发现的问题{及时|限期}整改，{设立|公布}{监督电话|举报箱}，{广泛|主动}接受社会监督。"),
    (("编制公开目录和指南", "进一步编制政府信息公开目录和指南"), ("content",),
     "{按照|根据}{上级要求|《条例》规定}，{编制|更新}了{政府信息公开目录和公开指南|本机关政府信息公开指南}，{明确|列明}了公开的{范围|内容}、{形式|方式}和{申请程序|受理机构}，{方便|便于}公众{查阅|获取}。"),
)
CHANNELS = (
    ("website", ("政府网站", "互联网", "门户网站"), ("channels", "content"),
     "{群众|市民}{可以|}通过{site}查阅{self}{主动公开的|}政府信息，{全年|本年度}{通过网站|在网站上}{发布|公开}信息[web.total]。"),
    ("reading", ("公共查阅点", "查阅场所"), ("channels",),
     "在{hall}{设立|设置}政府信息公开查阅点[reading_points#]，{提供|放置}{政策资料|办事指南}{供群众免费查阅|方便群众查阅}。"),
    ("wechat", ("政务微信", "微信公众号"), ("channels", "content"), "{通过|利用}{app}{发布|推送}{政务|各类}信息[wechat.posts]。"),
    ("weibo", ("政务微博",), ("channels", "content"), "{开通|通过}政务微博{发布|转发}信息[weibo.posts]。"),
    ("gazette", ("政府公报",), ("channels",), "{通过|在}{《{place}政府公报》|政府公报}{刊登|公开}{规范性文件|政府文件}等信息。"),
    ("press", ("新闻发布会",), ("channels", "interaction"), "全年{召开|举办}新闻发布会[press#]。"),
    ("board", ("公开栏", "宣传栏"), ("channels",), "在办公场所设立政务公开栏，{公开|公示}{机构设置、办事指南|办事程序、收费标准}等{信息|内容}。"),
    ("other", ("其他渠道", "其它渠道"), ("channels",), "{通过|采取}{现场接待|电话解答|发放宣传资料}等方式为{群众|市民}提供信息服务。"),
)
PRESS_ZERO = "{全年|<Y>年}[!press:召开]新闻发布会。"
REQUEST_CHANNELS = (("requests.received.online", "网络申请"), ("requests.received.in_person", "当面申请"),
                    ("requests.received.letter", "信函申请"), ("requests.received.fax", "传真申请"),
                    ("requests.received.email", "电子邮件申请"), ("requests.received.phone", "电话申请"))
ANSWERS = (("requests.answered.granted", "同意公开"), ("requests.answered.partial", "同意部分公开"),
           ("requests.answered.already_public", "属于已主动公开范围"), ("requests.answered.refused.total", "不同意公开"),
           ("requests.answered.not_this_body", "不属于本机关公开"), ("requests.answered.not_exist", "信息不存在"))


def overview(c: Ctx, heading: str) -> None:
    rng, w = c.rng, c.w
    c.heading(heading, 1)
    p = c.para()
    w.fill(p, rng.choice(OVERVIEW_OPEN_2008))
    if rng.random() < 0.5:
        p.add(rng.choice(("主要开展了以下几个方面的工作：", "主要做了以下工作：", "")))
    c.doc.add(p)
    if rng.random() < 0.3:
        return
    items = rng.sample(OVERVIEW_ITEMS, rng.randint(2, 5))
    for i, (titles, labels, t) in enumerate(items):
        head = f"（{ORDINALS[i]}）{rng.choice(titles)}"
        if rng.random() < 0.6:  # seed 000: the item's title opens its paragraph
            p = c.para(labels, level=2)
            p.add(head + rng.choice(("。", "；", "。")))
        else:
            c.heading(head, 2)
            p = c.para(labels)
        w.fill(p, t)
        c.doc.add(p)


def proactive(c: Ctx, heading: str) -> None:
    rng, w, facts = c.rng, c.w, c.w.facts
    c.heading(heading, 1)
    c.heading(f"（一）{rng.choice(('公开的主要内容', '主动公开的主要内容', '公开内容'))}", 2)
    p = c.para(("content",))
    total = w.fill(p, "{全年|<Y>年}{共|累计}主动公开政府信息[proactive.total]")[0]
    if rng.random() < 0.6:
        breakdown(c, p, total, "web.cat", complete=rng.random() < 0.6)
    p.add("。")
    if facts.get("proactive.normative_docs") and facts["proactive.normative_docs"].value and rng.random() < 0.6:
        w.fill(p, "{全年|}主动公开规范性文件[proactive.normative_docs]。")
    w.fill(p, "{公开的信息主要包括|主要公开了}{机构职能、领导分工|机构设置、工作职责}、{政策法规|规范性文件}、{规划计划|工作计划}、{topic}等{方面的信息|内容}。")
    c.doc.add(p)
    c.heading(f"（二）{rng.choice(('公开形式', '公开渠道', '公开的主要渠道'))}", 2)
    usable = []
    for key, names, labels, t in CHANNELS:
        fact = {"website": "web.total", "reading": "reading_points", "wechat": "wechat.posts",
                "weibo": "weibo.posts", "press": "press"}.get(key)
        if key == "gazette" and not c.body.is_government:
            continue
        if key == "press" and fact in facts and not facts[fact].value:
            t = PRESS_ZERO
        elif fact and (fact not in facts or not facts[fact].value):
            continue
        usable.append((names, labels, t))
    picked = usable[: rng.randint(2, min(5, len(usable)))] if len(usable) >= 2 else usable
    mark = rng.choice(("{}、", "{}."))
    for i, (names, labels, t) in enumerate(picked):
        number = mark.format(i + 1)
        p = c.para(labels, level=3)
        p.add(number + rng.choice(names) + rng.choice(("：", "。", "。")))
        w.fill(p, t)
        c.doc.add(p)


def response(c: Ctx, heading: str) -> None:
    w = c.w
    c.heading(heading, 1)
    p = c.para(("interaction",))
    w.fill(p, "{全年|<Y>年}回应公众关注热点或重大舆情[hotspots#]，发布政策解读稿件[interpretations]")
    if w.facts["press"].value:
        w.fill(p, "，{参加或举办|召开}新闻发布会[press#]")
    if w.facts["interviews"].value:
        w.fill(p, "，开展政府网站在线访谈[interviews#]")
    p.add("。")
    c.doc.add(p)


def requests(c: Ctx, heading: str) -> None:
    rng, w, facts = c.rng, c.w, c.w.facts
    c.heading(heading, 1)
    p = c.para(("requests",))
    if not facts["requests.received.total"].value:
        w.fill(p, rng.choice(REQUESTS_NONE))
        c.doc.add(p)
        return
    total = w.fill(p, "{全年|<Y>年}{共|}{收到|受理}政府信息公开申请[requests.received.total]")[0]
    parts = [(k, name) for k, name in REQUEST_CHANNELS if k in facts and facts[k].value]
    if len(parts) >= 2 and rng.random() < 0.7:
        p.add("，其中")
        pieces = []
        for j, (k, name) in enumerate(parts):
            if j:
                p.add("、")
            p.add(name)
            pieces.append(w.state(p, k))
        w.group("breakdown", total, pieces, True)
    p.add("。")
    done, on_time = facts["requests.completed.total"], facts["requests.completed.on_time"]
    if done.value and rng.random() < 0.6:
        t = w.fill(p, "{已|}办结[requests.completed.total]")[0]
        if facts["requests.completed.extended"].value:
            a = w.fill(p, "，其中按时办结[requests.completed.on_time]、延期办结[requests.completed.extended]")
            w.group("breakdown", t, a, True)
        elif "pct.on_time" in facts:
            w.fill(p, "，其中按时办结[requests.completed.on_time]，按时办结率[pct.on_time]")
        p.add("。")
    answers = [(k, name) for k, name in ANSWERS if facts[k].value]
    if answers and rng.random() < 0.6:
        p.add(rng.choice(("在答复的申请中，", "从答复情况看，")))
        for j, (k, name) in enumerate(answers[: rng.randint(1, len(answers))]):
            if j:
                p.add("，")
            p.add(name + rng.choice(("", "的")))
            w.state(p, k)
        p.add("。")
    c.doc.add(p)


def consult(c: Ctx, heading: str) -> None:
    rng, w = c.rng, c.w
    c.heading(heading, 1)
    p = c.para(("interaction",))
    total = w.fill(p, "{全年|<Y>年度}{共|}{接受|受理}{群众|公众|市民}咨询[consult.total~#]")[0]
    keys = [k for k in ("consult.onsite", "consult.phone", "consult.online") if w.facts[k].value]
    names = {"consult.onsite": "现场咨询", "consult.phone": "电话咨询", "consult.online": "网上咨询"}
    if len(keys) >= 2 and rng.random() < 0.8:
        p.add("，其中")
        parts = []
        for j, k in enumerate(keys):
            if j:
                p.add("、")
            p.add(names[k])
            parts.append(w.state(p, k, approx_ok=total.claim["qualifier"] != "exact"))
        w.group("breakdown", total, parts, True)
    p.add("。")
    w.fill(p, "咨询内容主要涉及{topics}等方面{，均及时作了解答|}。")
    c.doc.add(p)


def review(c: Ctx, heading: str) -> None:
    w = c.w
    c.heading(heading, 1)
    p = c.para(("oversight",))
    review_sentences(c, p)
    if w.facts.get("complaints.total") and w.facts["complaints.total"].value:
        w.fill(p, "{全年|}{收到|受理}{有关政府信息公开的|}举报投诉[complaints.total]，{均已|已全部}{处理|办结}。")
    c.doc.add(p)


def fees(c: Ctx, heading: str) -> None:
    c.heading(heading, 1)
    p = c.para(("requests",))
    c.w.fill(p, "{全年|本年度}{self}[!fees.collected:收取]{任何|}{政府信息公开|依申请公开}{相关|}费用，{免费|无偿}为{申请人|公众}提供政府信息。")
    c.doc.add(p)


def organisation(c: Ctx, heading: str) -> None:
    rng, w, facts = c.rng, c.w, c.w.facts
    c.heading(heading, 1)
    p = c.para(("organisation",))
    w.fill(p, "{self}{由|明确}{办公室|信息中心}{负责|承担}政府信息公开{日常|具体}工作")
    if facts["staff.fulltime"].value and facts["staff.parttime"].value:
        total = w.fill(p, "，{现有|配备}工作人员[staff.total#]")[0]
        parts = w.fill(p, "，其中专职[staff.fulltime#]、兼职[staff.parttime#]")
        w.group("breakdown", total, parts, True)
    elif facts["staff.total"].value:
        w.fill(p, "，{现有|配备}工作人员[staff.total#]，均为兼职")
    p.add("。")
    if facts["budget.special"].value:
        w.fill(p, "{全年|本年度}政府信息公开专项经费[budget.special]。")
    c.doc.add(p)


def meetings(c: Ctx, heading: str) -> None:
    w = c.w
    c.heading(heading, 1)
    p = c.para(("oversight", "organisation"))
    ts = []
    if w.facts["meetings.count"].value:
        ts.append("{全年|}召开政府信息公开工作{会议|专题会议}[meetings.count#]")
    if w.facts["training.sessions"].value:
        ts.append("举办{各类|业务}培训班[training.sessions#]，{培训|参训}人员[training.participants]")
    if ts:
        w.fill(p, "，".join(ts) + "。")
    else:
        w.fill(p, "{积极|按时}参加{上级|}组织的{网站管理和信息公开|业务}培训。")
    c.doc.add(p)


def appendix(c: Ctx, heading: str, table: Block) -> None:
    c.heading(heading, 1)
    c.doc.add(table)


SECTIONS = (
    ("overview", ("概述", "总体情况", "基本情况"), True),
    ("proactive", ("主动公开政府信息情况", "主动公开政府信息的情况"), True),
    ("response", ("回应关切及政策解读情况", "回应解读情况"), False),
    ("requests", ("依申请公开政府信息情况", "依申请公开政府信息办理情况"), True),
    ("consult", ("咨询处理情况", "政府信息公开咨询处理情况"), False),
    ("review", ("复议、诉讼和申诉情况", "行政复议、行政诉讼和申诉情况", "因政府信息公开申请行政复议、提起行政诉讼的情况"), True),
    ("fees", ("政府信息公开的收费及减免情况", "政府信息公开收费和减免情况"), True),
    ("organisation", ("机构建设和经费保障情况",), False),
    ("meetings", ("政府信息公开会议和培训情况",), False),
    ("problems", ("存在的主要问题和改进措施", "主要问题和改进措施", "政府信息公开工作存在的主要问题及改进情况"), True),
)
# how the preamble names each section when it lists the report's contents
CONTENTS = {
    "overview": ("概述", "总体情况"), "proactive": ("主动公开政府信息情况", "主动公开"), "response": ("回应解读情况", "回应关切和政策解读"),
    "requests": ("依申请公开政府信息情况", "依申请公开"), "consult": ("咨询处理", "咨询处理情况"),
    "review": ("复议、诉讼和申诉情况", "行政复议、诉讼和申诉"), "fees": ("政府信息公开的收费及减免情况", "收费及减免情况"),
    "organisation": ("机构建设和经费保障",), "meetings": ("政府信息公开会议和培训情况", "会议和培训情况"),
    "problems": ("主要问题和改进措施", "存在的主要问题及改进情况"), "appendix": ("附表",),
}
WRITERS = {"overview": overview, "proactive": proactive, "response": response, "requests": requests,
           "consult": consult, "review": review, "fees": fees, "organisation": organisation, "meetings": meetings}


def plan_sections(c: Ctx, with_appendix: bool) -> list[tuple[str, str]]:
    """(kind, title) of the sections this report has, in template order."""
    out = []
    for kind, titles, required in SECTIONS:
        if kind == "response" and "hotspots" not in c.w.facts:
            continue
        if not required and c.rng.random() < (0.25 if with_appendix else 0.5):
            continue
        out.append((kind, c.rng.choice(titles)))
    if with_appendix:
        out.append(("appendix", "附表"))
    return out


def heading_number(i: int) -> str:
    return (ORDINALS[i] if i < 10 else "十" + ORDINALS[i - 10]) + "、"
