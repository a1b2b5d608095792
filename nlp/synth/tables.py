"""The template tables as grids with merged cells, filled with a report's figures.

Row and column labels are the templates' own wording (the 2008 附表, the 2019 trial
template and the 2021 template of 国办公开办函〔2021〕30号); value cells carry their
indicator so every cell's offsets are known after rendering.
"""
from __future__ import annotations

import random

from nlp.synth.doc import Grid, GridCell, Piece
from nlp.synth.figures import COLUMNS, Figures

ART20_ITEMS_2021 = (
    ("（一）", ("本年制发件数", "本年废止件数", "现行有效件数"), (("rules", "规章"), ("normative_docs", "行政规范性文件")),
     ("issued", "repealed", "in_force")),
    ("（五）", ("本年处理决定数量",), (("licensing", "行政许可"),), ("decisions",)),
    ("（六）", ("本年处理决定数量",), (("penalty", "行政处罚"), ("enforcement", "行政强制")), ("decisions",)),
    ("（八）", ("本年收费金额（单位：万元）",), (("fees", "行政事业性收费"),), ("amount",)),
)
ART20_ITEMS_2019 = (
    ("（一）", ("本年新制作数量", "本年新公开数量", "对外公开总数量"), (("rules", "规章"), ("normative_docs", "规范性文件")),
     ("new_made", "new_published", "public_total")),
    ("（五）", ("上一年项目数量", "本年增/减", "处理决定数量"), (("licensing", "行政许可"), ("other_services", "其他对外管理服务事项")),
     ("items_last_year", "items_change", "decisions")),
    ("（六）", ("上一年项目数量", "本年增/减", "处理决定数量"), (("penalty", "行政处罚"), ("enforcement", "行政强制")),
     ("items_last_year", "items_change", "decisions")),
    ("（八）", ("上一年项目数量", "本年增/减"), (("fees", "行政事业性收费"),), ("items_last_year", "items_change")),
    ("（九）", ("采购项目数量", "采购总金额"), (("procurement", "政府集中采购"),), ("items", "amount")),
)
REQUEST_HEAD = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
ORG_COLUMNS = ("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")
WITHHELD = (("state_secret", "1.属于国家秘密"), ("law_prohibited", "2.其他法律行政法规禁止公开"),
            ("security_stability", "3.危及“三安全一稳定”"), ("third_party", "4.保护第三方合法权益"),
            ("internal_affairs", "5.属于三类内部事务信息"), ("process_info", "6.属于四类过程性信息"),
            ("enforcement_files", "7.属于行政执法案卷"), ("query_matters", "8.属于行政查询事项"))
UNAVAILABLE = (("not_held", "1.本机关不掌握相关政府信息"), ("need_create", "2.没有现成信息需要另行制作"),
               ("unclear", "3.补正后申请内容仍不明确"))
NOT_PROCESSED = (("petition", "1.信访举报投诉类申请"), ("duplicate", "2.重复申请"), ("publication", "3.要求提供公开出版物"),
                 ("massive_repeat", "4.无正当理由大量反复申请"),
                 ("confirm_reissue", "5.要求行政机关确认或重新出具已获取信息"))
OTHER_2021 = (("overdue_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
              ("unpaid_fees", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
              ("other_reason", "3.其他"))
OUTCOME_LABELS = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")


def label(text: str, rowspan: int = 1, colspan: int = 1, header: bool = False) -> GridCell:
    return GridCell([Piece(text)], rowspan, colspan, header)


def value(f: Figures, indicator: str, colspan: int = 1, text: str | None = None) -> GridCell:
    return GridCell([Piece(format_value(f, indicator) if text is None else text, cell=indicator)], 1, colspan)


def format_value(f: Figures, indicator: str) -> str:
    v = f.cells.get(indicator)
    if v is None:
        return f.extra.get("blank", "")
    if indicator.endswith(".items_change") and v > 0 and f.extra.get("plus_sign"):
        return f"+{v}"
    if indicator == "proactive.procurement.amount":
        return f"{v:.2f}万元" if f.extra.get("procurement_wan") else (f"{v:.2f}" if v else "0")
    if indicator == "proactive.fees.amount":
        return f"{v:.2f}" if v else "0"
    if isinstance(v, float):
        return f"{v:.2f}".rstrip("0").rstrip(".") if f.extra.get("trim_decimals") else f"{v:.2f}"
    if v >= 1000 and f.extra.get("thousands"):
        return f"{v:,}"
    return str(v)


# ----------------------------------------------------------------- 2019 / 2021


def art20_grid(f: Figures, cut_header: bool = False) -> Grid:
    items = ART20_ITEMS_2021 if f.template == "2021" else ART20_ITEMS_2019
    ncols = 4
    rows: list[list[GridCell]] = []
    for item, headers, row_specs, cols in items:
        rows.append([label(f"第二十条第{item}项", colspan=ncols, header=True)])
        heads = [label("信息内容", header=True)]
        span = ncols - 1 - len(headers)  # the last header takes what is left
        for i, h in enumerate(headers):
            if cut_header and h.startswith("本年新"):
                h = "本年新"
            heads.append(label(h, colspan=1 + (span if i == len(headers) - 1 else 0), header=True))
        rows.append(heads)
        for row_id, row_label in row_specs:
            row = [label(row_label)]
            for i, col in enumerate(cols):
                row.append(value(f, f"proactive.{row_id}.{col}", colspan=1 + (span if i == len(cols) - 1 else 0)))
            rows.append(row)
    return Grid("art20", ncols, rows)


def art20_item_grids(f: Figures) -> list[Grid]:
    """The 第二十条 table cut into one small table per item (Markdown from OCR does this)."""
    whole = art20_grid(f)
    grids: list[Grid] = []
    for row in whole.rows:
        if row[0].text.startswith("第二十条"):
            grids.append(Grid("art20", 0, [], caption=row[0].text))
            continue
        cells = [GridCell(c.pieces, 1, 1, c.header) for c in row]
        grids[-1].rows.append(cells)
        grids[-1].ncols = max(grids[-1].ncols, len(cells))
    return grids


def requests_grid(f: Figures) -> Grid:
    rows: list[list[GridCell]] = [
        [label(REQUEST_HEAD, rowspan=3, colspan=3, header=True), label("申请人情况", colspan=7, header=True)],
        [label("自然人", rowspan=2, header=True), label("法人或其他组织", colspan=5, header=True), label("总计", rowspan=2, header=True)],
        [label(c, header=True) for c in ORG_COLUMNS],
    ]

    def values(base: str) -> list[GridCell]:
        return [value(f, f"{base}.{c}") for c in COLUMNS]

    rows.append([label("一、本年新收政府信息公开申请数量", colspan=3)] + values("requests.received"))
    rows.append([label("二、上年结转政府信息公开申请数量", colspan=3)] + values("requests.carried_over"))
    other = OTHER_2021 if f.template == "2021" else ()
    span = 2 + len(WITHHELD) + len(UNAVAILABLE) + len(NOT_PROCESSED) + (len(other) or 1) + 1
    rows.append([label("三、本年度办理结果", rowspan=span), label("（一）予以公开", colspan=2)] + values("requests.result.disclosed"))
    rows.append([label("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", colspan=2)] + values("requests.result.partial"))
    groups = [("（三）不予公开", "withheld", WITHHELD), ("（四）无法提供", "unavailable", UNAVAILABLE),
              ("（五）不予处理", "not_processed", NOT_PROCESSED)]
    if other:
        groups.append(("（六）其他处理", "other", other))
    for title, group, subrows in groups:
        for i, (sub, sub_label) in enumerate(subrows):
            head = [label(title, rowspan=len(subrows))] if i == 0 else []
            rows.append(head + [label(sub_label)] + values(f"requests.result.{group}.{sub}"))
    if not other:
        rows.append([label("（六）其他处理", colspan=2)] + values("requests.result.other"))
    rows.append([label("（七）总计", colspan=2)] + values("requests.result"))
    rows.append([label("四、结转下年度继续办理", colspan=3)] + values("requests.carried_forward"))
    return Grid("requests", 10, rows)


def review_grid(f: Figures) -> Grid:
    rows = [
        [label("行政复议", colspan=5, header=True), label("行政诉讼", colspan=10, header=True)],
        [label(t, rowspan=2, header=True) for t in OUTCOME_LABELS]
        + [label("未经复议直接起诉", colspan=5, header=True), label("复议后起诉", colspan=5, header=True)],
        [label(t, header=True) for t in OUTCOME_LABELS * 2],
        [value(f, f"{b}.{o}") for b in ("review", "litigation.direct", "litigation.after_review")
         for o in ("upheld", "corrected", "other", "pending", "total")],
    ]
    return Grid("review", 15, rows)


def review_block_grids(f: Figures) -> list[Grid]:
    """The 复议/诉讼 table as three 5-column tables, each under its own caption."""
    out = []
    for block, caption in (("review", "行政复议"), ("litigation.direct", "行政诉讼（未经复议直接起诉）"),
                           ("litigation.after_review", "行政诉讼（复议后起诉）")):
        rows = [[label(t, header=True) for t in OUTCOME_LABELS],
                [value(f, f"{block}.{o}") for o in ("upheld", "corrected", "other", "pending", "total")]]
        out.append(Grid("review", 5, rows, caption=caption))
    return out


# ----------------------------------------------------------------- 2008 附表

# (label, unit, indicator or None for a group/sub-header row); `new_media` rows only from 2016
_APPENDIX = (
    ("一、主动公开情况", "—", None),
    ("（一）主动公开政府信息数（不同渠道和方式公开相同信息计1条）", "条", "proactive.total"),
    ("其中：主动公开规范性文件数", "条", "proactive.normative_docs"),
    ("制发规范性文件总数", "件", "proactive.normative_docs_issued"),
    ("（二）通过不同渠道和方式公开政府信息的情况", "—", None),
    ("政府公报公开政府信息数", "条", "proactive.channel.gazette"),
    ("政府网站公开政府信息数", "条", "proactive.channel.website"),
    ("政务微博公开政府信息数", "条", "proactive.channel.weibo"),
    ("政务微信公开政府信息数", "条", "proactive.channel.wechat"),
    ("其他方式公开政府信息数", "条", "proactive.channel.other"),
    ("、回应解读情况", "—", None),
    ("（一）回应公众关注热点或重大舆情数（不同方式回应同一热点或舆情计1次）", "次", "response.hotspots"),
    ("（二）通过不同渠道和方式回应解读的情况", "—", None),
    ("参加或举办新闻发布会总次数", "次", "response.press_conferences"),
    ("其中：主要负责同志参加新闻发布会次数", "次", "response.press_conferences.leader"),
    ("政府网站在线访谈次数", "次", "response.online_interviews"),
    ("其中：主要负责同志参加政府网站在线访谈次数", "次", "response.online_interviews.leader"),
    ("政策解读稿件发布数", "篇", "response.interpretations"),
    ("微博微信回应事件数", "次", "response.weibo_wechat"),
    ("其他方式回应事件数", "次", "response.other"),
    ("、依申请公开情况", "—", None),
    ("（一）收到申请数", "件", "requests.received.total"),
    ("当面申请数", "件", "requests.received.in_person"),
    ("传真申请数", "件", "requests.received.fax"),
    ("网络申请数", "件", "requests.received.online"),
    ("信函申请数", "件", "requests.received.letter"),
    ("电子邮件申请数", "件", "requests.received.email"),
    ("电话申请数", "件", "requests.received.phone"),
    ("（二）申请办结数", "件", "requests.completed.total"),
    ("按时办结数", "件", "requests.completed.on_time"),
    ("延期办结数", "件", "requests.completed.extended"),
    ("（三）申请答复数", "件", "requests.answered.total"),
    ("属于已主动公开范围数", "件", "requests.answered.already_public"),
    ("同意公开答复数", "件", "requests.answered.granted"),
    ("同意部分公开答复数", "件", "requests.answered.partial"),
    ("不同意公开答复数", "件", "requests.answered.refused.total"),
    ("其中：涉及国家秘密", "件", "requests.answered.refused.state_secret"),
    ("涉及商业秘密", "件", "requests.answered.refused.commercial_secret"),
    ("涉及个人隐私", "件", "requests.answered.refused.privacy"),
    ("危及国家安全、公共安全、经济安全和社会稳定", "件", "requests.answered.refused.security"),
    ("不是《条例》所指政府信息", "件", "requests.answered.refused.not_gov_info"),
    ("法律法规规定的其他情形", "件", "requests.answered.refused.other_law"),
    ("不属于本行政机关公开数", "件", "requests.answered.not_this_body"),
    ("申请信息不存在数", "件", "requests.answered.not_exist"),
    ("告知作出更改补充数", "件", "requests.answered.clarify"),
    ("告知通过其他途径办理数", "件", "requests.answered.other_route"),
    ("、行政复议数量", "件", "review.total"),
    ("（一）维持具体行政行为数", "件", "review.upheld"),
    ("（二）被依法纠错数", "件", "review.corrected"),
    ("（三）其他情形数", "件", "review.other"),
    ("、行政诉讼数量", "件", "litigation.total"),
    ("（一）维持具体行政行为或者驳回原告诉讼请求数", "件", "litigation.upheld"),
    ("（二）被依法纠错数", "件", "litigation.corrected"),
    ("（三）其他情形数", "件", "litigation.other"),
    ("、举报投诉数量", "件", "complaints.total"),
    ("、依申请公开信息收取的费用", "万元", "fees.collected"),
    ("、机构建设和保障经费情况", "—", None),
    ("（一）政府信息公开工作专门机构数", "个", "organisation.units"),
    ("（二）设置政府信息公开查阅点数", "个", "organisation.reading_points"),
    ("（三）从事政府信息公开工作人员数", "人", "staff.total"),
    ("专职人员数（不包括政府公报及政府网站工作人员数）", "人", "staff.fulltime"),
    ("兼职人员数", "人", "staff.parttime"),
    ("（四）政府信息公开专项经费（不包括用于政府公报编辑管理及政府网站建设维护等方面的经费）", "万元", "budget.special"),
    ("、政府信息公开会议和培训情况", "—", None),
    ("（一）召开政府信息公开工作会议或专题会议数", "次", "meetings.count"),
    ("（二）举办各类培训班数", "次", "training.sessions"),
    ("（三）接受培训人员数", "人次", "training.participants"),
)
_TOP = "一二三四五六七八九十"
# rows that continue a 其中 list and carry no number of their own
_UNNUMBERED = {"proactive.normative_docs", "proactive.normative_docs_issued", "response.press_conferences.leader",
               "response.online_interviews.leader"} | {
    f"requests.answered.refused.{r}" for r in ("state_secret", "commercial_secret", "privacy", "security", "not_gov_info", "other_law")}


def appendix_grid(rng: random.Random, f: Figures) -> Grid:
    """The 2008 附表 (指标 | 单位 | 数量) with the rows the figures have; sub-rows numbered 1. 2. …"""
    rows = [[label(rng.choice(("指 标", "指标")), header=True), label("单位", header=True), label("数量", header=True)]]
    top = 0
    sub = 0
    skip_group = False
    for text, unit, ind in _APPENDIX:
        if text.startswith("、") or text.startswith("一、"):
            if text == "、回应解读情况" and "response.hotspots" not in f.cells:
                skip_group = True
                continue
            skip_group = False
            top += 1
            text = _TOP[top - 1] + text.lstrip("一")
            sub = 0
        elif skip_group:
            continue
        if ind is not None and ind not in f.cells:
            continue
        if not text.startswith("（") and text[0] not in _TOP and ind not in _UNNUMBERED:
            sub += 1
            text = f"{sub}.{text}"
        elif text.startswith("（"):
            sub = 0
        if ind is None:
            rows.append([label(text), label(unit), label("")])
        else:
            rows.append([label(text), label(unit), value(f, ind)])
    return Grid("appendix_2008", 3, rows)
