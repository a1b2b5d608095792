"""The consistency checker: exact findings on the seeds, and for every rule a passing
case (the consistent sample reports) and a failing one (the same report with one figure
changed)."""
import pytest

import nlp
from conftest import SAMPLE, SEEDS, real
from nlp.checks import check, check_many
from nlp.checks.base import rules_of
from nlp.ingest import load_bytes
from nlp.structure import structure

DEMO21 = (SAMPLE / "demo-2021-template.txt").read_text(encoding="utf-8")
DEMO08 = (SAMPLE / "demo-2008-template.txt").read_text(encoding="utf-8")


def run(text, name="x.txt"):
    report = structure(load_bytes(text.encode("utf-8"), name))
    findings, summary = check(report)
    return report, findings, summary


def mutate(text, old, new, count=1):
    assert text.count(old) >= count, old
    return text.replace(old, new, count)


def by_rule(findings, rule):
    return [f for f in findings if f.rule == rule]


# ----------------------------------------------------------------------------- passing


@pytest.mark.parametrize("text", [DEMO21, DEMO08], ids=["2021", "2008"])
def test_consistent_sample_reports_raise_nothing(text):
    _, findings, summary = run(text)
    assert findings == []
    assert summary.failed == 0 and summary.passed > 60


def test_every_table_rule_is_evaluated_and_passes_on_a_sample():
    passed = set()
    for text in (DEMO21, DEMO08):
        _, _, summary = run(text)
        passed |= {k for k, v in summary.by_rule.items() if v["passed"]}
    table_rules = {r["id"] for r in rules_of("table_internal")}
    assert table_rules <= passed


# ----------------------------------------------------------------------------- failing: 2021 tables

REQ_ROW = "一、本年新收政府信息公开申请数量 | | 40 | 3 | 0 | 0 | 2 | 0 | 45 |"


def test_req_balance_and_row_total():
    text = mutate(DEMO21, REQ_ROW, REQ_ROW.replace("| 40 |", "| 41 |"))
    report, findings, _ = run(text)
    cell_at = text.index(REQ_ROW.replace("| 40 |", "| 41 |")) + len("一、本年新收政府信息公开申请数量 | | ")
    bal = by_rule(findings, "REQ_BALANCE")
    assert [(f.expected, f.actual, f.severity, f.kind) for f in bal] == [(43, 44, "error", "table_internal")]
    assert "自然人" in bal[0].message
    assert {"start": cell_at, "end": cell_at + 2, "text": "41", "value": 41, "role": "left",
            "indicator": "requests.received.natural_person"} in bal[0].evidence
    row = by_rule(findings, "REQ_ROW_TOTAL")
    assert [(f.expected, f.actual) for f in row] == [(46, 45)]


def test_req_result_total():
    text = mutate(DEMO21, "| （七）总计 | | 42 |", "| （七）总计 | | 43 |")
    _, findings, _ = run(text)
    f = by_rule(findings, "REQ_RESULT_TOTAL")
    assert [(x.expected, x.actual) for x in f] == [(42, 43)]


@pytest.mark.parametrize(
    "old,new,rule,expected,actual",
    [
        ("2 | 1 | 0 | 0 | 3 | 1 |", "2 | 1 | 0 | 0 | 4 | 1 |", "REVIEW_TOTAL", 3, 4),
        ("3 | 1 | 0 | 0 | 0 | 1 | 0 |", "3 | 1 | 0 | 0 | 0 | 2 | 0 |", "LITIGATION_DIRECT_TOTAL", 1, 2),
        ("| 0 | 0 | 0 | 0 | 0 |\n五、", "| 0 | 0 | 0 | 0 | 1 |\n五、", "LITIGATION_AFTER_REVIEW_TOTAL", 0, 1),
    ],
)
def test_review_litigation_totals(old, new, rule, expected, actual):
    _, findings, _ = run(mutate(DEMO21, old, new))
    assert [(f.rule, f.expected, f.actual) for f in findings] == [(rule, expected, actual)]


# ----------------------------------------------------------------------------- failing: 2008 附表


@pytest.mark.parametrize(
    "label,old,new,rule,expected,actual",
    [
        ("(一)收到申请数", "12", "13", "A08_RECEIVED", 12, 13),
        ("1.按时办结数", "11", "10", "A08_COMPLETED", 11, 12),
        ("2.同意公开答复数", "6", "7", "A08_ANSWERED", 13, 12),
        ("涉及个人隐私", "1", "2", "A08_REFUSED", 2, 1),
        ("2.兼职人员数", "3", "4", "A08_STAFF", 5, 4),
        ("(一)维持具体行政行为数", "1", "2", "A08_REVIEW", 2, 1),
        ("(二)被依法纠错数", "0", "1", "A08_REVIEW", 2, 1),
        ("3.政务微博公开政府信息数", "80", "600", "A08_CHANNEL_WITHIN_TOTAL", 520, 600),
        ("其中:主动公开规范性文件数", "12", "530", "A08_NORMATIVE_WITHIN_TOTAL", 520, 530),
        ("其中:主要负责同志参加新闻发布会次数", "1", "4", "A08_LEADER_PRESS", 3, 4),
        ("其中:主要负责同志参加政府网站在线访谈次数", "1", "3", "A08_LEADER_INTERVIEWS", 2, 3),
        ("(三)接受培训人员数", "120", "500", "A08_CUMULATIVE", 500, 400),
    ],
)
def test_2008_rules(label, old, new, rule, expected, actual):
    unit = DEMO08.split(f"{label}\n|\n")[1].split("\n")[0]
    before = f"{label}\n|\n{unit}\n|\n{old}\n|\n"
    text = mutate(DEMO08, before, f"{label}\n|\n{unit}\n|\n{new}\n|\n")
    _, findings, _ = run(text)
    got = [(f.expected, f.actual) for f in by_rule(findings, rule)]
    assert (expected, actual) in got


def test_2008_received_and_answered_ordering_rules():
    # 收到 10, 答复 12, 办结 12: two warnings besides the broken sum
    text = mutate(DEMO08, "(一)收到申请数\n|\n件\n|\n12\n|\n", "(一)收到申请数\n|\n件\n|\n10\n|\n")
    _, findings, _ = run(text)
    assert [(f.rule, f.severity, f.expected, f.actual) for f in findings if f.rule.endswith("WITHIN_RECEIVED")] == [
        ("A08_ANSWERED_WITHIN_RECEIVED", "warning", 10, 12), ("A08_COMPLETED_WITHIN_RECEIVED", "warning", 10, 12)]


def test_2008_litigation_rule():
    text = mutate(DEMO08, "五、行政诉讼数量\n|\n件\n|\n0\n|\n", "五、行政诉讼数量\n|\n件\n|\n2\n|\n")
    _, findings, _ = run(text)
    assert [(f.expected, f.actual) for f in by_rule(findings, "A08_LITIGATION")] == [(0, 2)]


# ----------------------------------------------------------------------------- prose


def test_prose_against_table():
    text = mutate(DEMO21, "收到政府信息公开申请45件", "收到政府信息公开申请47件")
    _, findings, _ = run(text)
    (f,) = findings
    start = text.index("47件")
    assert (f.rule, f.kind, f.severity, f.expected, f.actual) == ("PROSE_TABLE_MISMATCH", "prose_table", "error", 45, 47)
    assert f.evidence[0] == {"start": start, "end": start + 3, "text": "47件", "value": 47, "role": "prose"}
    assert f.evidence[1]["indicator"] == "requests.received.total" and f.evidence[1]["value"] == 45


def test_prose_interval_is_checked_as_an_interval():
    ok = mutate(DEMO21, "收到政府信息公开申请45件", "收到政府信息公开申请40余件")
    assert run(ok)[1] == []
    bad = mutate(DEMO21, "收到政府信息公开申请45件", "收到政府信息公开申请50余件")
    assert [(f.rule, f.expected, f.actual) for f in run(bad)[1]] == [("PROSE_TABLE_MISMATCH", 45, 50)]


def test_zero_statement_against_a_nonzero_cell():
    text = mutate(DEMO21, "本年度未收取信息处理费。", "本年度未发生行政复议案件。")
    _, findings, _ = run(text)
    assert [(f.rule, f.expected, f.actual) for f in findings] == [("PROSE_TABLE_ZERO", 3, 0)]


def test_breakdown_exceeding_its_total():
    text = mutate(DEMO21, "其中政策文件86条", "其中政策文件1300条")
    _, findings, _ = run(text)
    assert [(f.rule, f.severity, f.expected, f.actual) for f in findings] == [("BREAKDOWN_EXCEEDS_TOTAL", "error", 1250, 1300)]
    assert [e["role"] for e in findings[0].evidence] == ["total", "part"]


def test_exhaustive_breakdown_falling_short_and_partial_list_not_flagged():
    short = mutate(DEMO21, "其中政策文件86条。", "其中政策文件86条，其他信息1000条。")
    assert [(f.rule, f.severity, f.expected, f.actual) for f in run(short)[1]] == [("BREAKDOWN_FALLS_SHORT", "warning", 1250, 1086)]
    partial = mutate(DEMO21, "其中政策文件86条。", "其中政策文件86条，通知公告100条等。")
    assert run(partial)[1] == []


def test_two_statements_of_one_quantity():
    text = mutate(DEMO21, "本年度未收取信息处理费。", "全年召开新闻发布会3次。新闻发布会全年共召开5次。")
    _, findings, _ = run(text)
    assert [(f.rule, f.expected, f.actual) for f in findings] == [("PROSE_SAME_QUANTITY_DISAGREES", 3, 5)]
    same = mutate(DEMO21, "本年度未收取信息处理费。", "全年召开新闻发布会3次。新闻发布会全年共召开3次。")
    assert run(same)[1] == []


def test_percentage_recomputed_with_its_rounding():
    ok = mutate(DEMO21, "其中政策文件86条。", "其中政策文件86条（6.88%）。")
    assert run(ok)[1] == []
    bad = mutate(DEMO21, "其中政策文件86条。", "其中政策文件86条（7.88%）。")
    assert [(f.rule, f.kind, f.expected, f.actual) for f in run(bad)[1]] == [("PERCENT_RECOMPUTED", "percent", 6.88, 7.88)]


def test_stale_and_future_years_and_impossible_dates():
    stale = mutate(DEMO21, "2023年，青禾县人民政府深入推进政务公开", "2021年，青禾县人民政府深入推进政务公开")
    (f,) = run(stale)[1]
    assert (f.rule, f.kind, f.expected, f.actual) == ("STALE_YEAR", "temporal", 2023, 2021)
    assert f.evidence[0]["text"] == "2021年"
    future = mutate(DEMO21, "2023年，青禾县人民政府深入推进政务公开", "2027年，青禾县人民政府深入推进政务公开")
    assert [(f.rule, f.actual) for f in run(future)[1]] == [("FUTURE_YEAR", 2027)]
    bad_date = mutate(DEMO21, "（2024年1月20日）", "（2024年2月30日）")
    assert [(f.rule, f.actual) for f in run(bad_date)[1]] == [("IMPOSSIBLE_DATE", "2024年2月30日")]
    past_reference = mutate(DEMO21, "2023年，青禾县人民政府深入推进政务公开", "与2022年相比，青禾县人民政府深入推进政务公开")
    assert run(past_reference)[1] == []


def test_template_completeness():
    no_other = DEMO21[: DEMO21.index("六、其他需要报告的事项")]
    assert [(f.rule, f.expected) for f in run(no_other)[1]] == [("MISSING_SECTION", "other")]
    no_review = DEMO21[: DEMO21.index("行政复议 | | |")] + DEMO21[DEMO21.index("五、存在的主要问题"):]
    assert ("MISSING_TABLE", "review_litigation") in [(f.rule, f.expected) for f in run(no_review)[1]]
    blank = mutate(DEMO21, "行政处罚 | 265 |", "行政处罚 |  |")
    assert [(f.rule, f.actual) for f in run(blank)[1]] == [("BLANK_CELLS", 1)]
    # a 复议/诉讼 cell has no row label: the message names its column in Chinese
    blank_review = mutate(DEMO21, "2 | 1 | 0 | 0 | 3 | 1 | 0 | 0 | 0 | 1 |", "2 | 1 | 0 | 0 | 3 | 1 |  | 0 | 0 | 1 |")
    (f,) = run(blank_review)[1]
    assert (f.rule, f.actual) == ("BLANK_CELLS", 1)
    assert f.message.endswith("有1个空白单元格（应填数字，没有的填0）：未经复议直接起诉结果纠正")
    at = blank_review.index("2 | 1 | 0 | 0 | 3 | 1 |  |") + len("2 | 1 | 0 | 0 | 3 | 1 |")
    assert [(e["indicator"], e["start"], e["end"]) for e in f.evidence] == [("litigation.direct.corrected", at, at)]


def test_blank_total_is_not_assessed_as_zero():
    text = mutate(DEMO21, "四、结转下年度继续办理 | | 1 | 1 | 0 | 0 | 0 | 0 | 2 |", "四、结转下年度继续办理 | | 1 | 1 | 0 | 0 | 0 | 0 |  |")
    _, findings, summary = run(text)
    assert [f.rule for f in findings] == ["BLANK_CELLS"]
    assert summary.by_rule["REQ_BALANCE"]["not_assessable"] == 1


# ----------------------------------------------------------------------------- cross-report


def test_carry_over_continuity_across_years():
    this = DEMO21.replace("2023", "2024").replace("（2024年1月20日）", "（2025年1月18日）")
    this = mutate(this, "二、上年结转政府信息公开申请数量 | | 3 | 0 | 0 | 0 | 0 | 0 | 3 |", "二、上年结转政府信息公开申请数量 | | 5 | 0 | 0 | 0 | 0 | 0 | 5 |")
    this = this.replace("上年结转3件", "上年结转5件")
    this = mutate(this, "一、本年新收政府信息公开申请数量 | | 40 | 3 | 0 | 0 | 2 | 0 | 45 |", "一、本年新收政府信息公开申请数量 | | 38 | 3 | 0 | 0 | 2 | 0 | 43 |")
    this = this.replace("收到政府信息公开申请45件", "收到政府信息公开申请43件")
    prev = structure(load_bytes(DEMO21.encode(), "2023.txt"))
    cur = structure(load_bytes(this.encode(), "2024.txt"))
    findings, _ = check_many([prev, cur])
    assert findings[prev.doc_id] == []
    assert [(f.rule, f.kind, f.expected, f.actual) for f in findings[cur.doc_id]] == [("CARRY_OVER_CONTINUITY", "cross_report", 2, 5)]
    other = [e for e in findings[cur.doc_id][0].evidence if e.get("doc_id") == prev.doc_id]
    assert other and other[0]["source"] == "2023.txt" and other[0]["value"] == 2


def test_cumulative_continuity_across_years():
    nxt = DEMO08.replace("2016", "2017").replace("（2017年3月10日）", "（2018年3月9日）")
    # 2017: 520 this year; 历年累计 should be 3100 + 520 = 3620 but says 3500
    nxt = nxt.replace("条\n|\n520\n|\n3100\n|\n", "条\n|\n520\n|\n3500\n|\n")
    prev = structure(load_bytes(DEMO08.encode(), "2016.txt"))
    cur = structure(load_bytes(nxt.encode(), "2017.txt"))
    findings, _ = check_many([prev, cur])
    got = [(f.rule, f.expected, f.actual) for f in findings[cur.doc_id] if f.rule == "CUMULATIVE_CONTINUITY"]
    assert ("CUMULATIVE_CONTINUITY", 3620, 3500) in got


# ----------------------------------------------------------------------------- the real seeds


def seed(name):
    r = nlp.read(real(SEEDS / name))
    return r, check(r)[0]


def test_seed_000_real_contradictions():
    r, findings = seed("000_457548a6ce8d5a87.txt")
    got = [(f.rule, f.severity, f.expected, f.actual) for f in findings]
    assert got == [
        ("STALE_YEAR", "warning", 2016, 2015),
        ("PROSE_TABLE_MISMATCH", "error", 0, 4),
        ("A08_RECEIVED", "error", 4, 0),
        ("A08_ANSWERED_WITHIN_RECEIVED", "warning", 0, 4),
        ("BLANK_CELLS", "info", 0, 8),
    ]
    stale = findings[0]
    assert r.text[stale.evidence[0]["start"] : stale.evidence[0]["end"]] == "2015年"
    prose = findings[1]
    assert r.text[prose.evidence[0]["start"] : prose.evidence[0]["end"]] == "4条"
    assert prose.evidence[1]["indicator"] == "requests.received.total"
    # 444 in the prose agrees with the 附表 and raises nothing
    assert not any("444" in e["text"] for f in findings for e in f.evidence)


def test_seed_001_breakdowns_add_up():
    _, findings = seed("001_ff39032f2697628d.txt")
    assert findings == []


def test_seed_002_real_contradictions_and_consistent_approximate_breakdown():
    r, findings = seed("002_4b1efffe85272978.txt")
    assert [(f.rule, f.expected, f.actual) for f in findings] == [
        ("PROSE_SAME_QUANTITY_DISAGREES", 68, 70), ("STALE_YEAR", 2016, 2014)]
    assert [e["text"] for e in findings[0].evidence] == ["68条", "70余条"]


@pytest.mark.parametrize("name", ["003_f212208c6db53b6f.txt", "004_4c21ac5b5858e8ab.txt"])
def test_seeds_003_004_consistent_partial_lists_not_flagged(name):
    _, findings = seed(name)
    assert findings == []


# ----------------------------------------------------------------------------- rules added for reports without tables

NO_TABLE = ("青禾县民政局2016年政府信息公开工作年度报告\n"
            "一、概述\n我局认真贯彻《条例》，扎实推进政府信息公开工作。\n"
            "二、主动公开政府信息情况\n"
            "全年累计主动公开政府信息664条。\n"
            "1.互联网。群众可以通过县政府网站查阅，本年度通过网站公开信息600条。\n"
            "三、依申请公开政府信息情况\n"
            "全年共受理政府信息公开申请12件，其中网络申请8件、当面申请3件、信函申请1件。\n"
            "四、复议、诉讼和申诉情况\n全年未发生政府信息公开行政复议。\n"
            "五、存在的主要问题及改进措施\n一是信息更新不够及时。\n")


def test_prose_arithmetic_without_a_table():
    assert run(NO_TABLE)[1] == []
    _, findings, _ = run(mutate(NO_TABLE, "网站公开信息600条", "网站公开信息716条"))
    assert [(f.rule, f.kind, f.severity, f.expected, f.actual) for f in findings] == [
        ("PROSE_ARITHMETIC", "prose_internal", "warning", 664, 716)]
    assert [e["text"] for e in findings[0].evidence] == ["716条", "664条"]


def test_stale_year_of_a_dated_document_and_a_paragraph_opening():
    budget = mutate(DEMO21, "本年度未收取信息处理费。", "按时公开2023年部门预算和2022年部门决算。")
    assert run(budget)[1] == []
    old_budget = mutate(DEMO21, "本年度未收取信息处理费。", "按时公开2020年部门预算。")
    assert [(f.rule, f.expected, f.actual) for f in run(old_budget)[1]] == [("STALE_YEAR_CONTEXT", 2023, 2020)]
    opening = mutate(DEMO21, "县政府办公室统筹主动公开工作，设立政务公开专区3个。", "县政府办公室统筹主动公开工作。\n2019年，我县坚持公开为常态。")
    assert [(f.rule, f.actual) for f in run(opening)[1]] == [("STALE_YEAR", 2019)]


def test_share_of_a_list_recomputed_against_the_figure_it_adds_up_to():
    ok = mutate(DEMO21, "全年共收到政府信息公开申请45件", "全年共收到政府信息公开申请45件，自然人申请40件，占88.9%；法人或其他组织申请5件")
    assert run(ok)[1] == []
    bad = mutate(DEMO21, "全年共收到政府信息公开申请45件", "全年共收到政府信息公开申请45件，自然人申请40件，占80.9%；法人或其他组织申请5件")
    assert [(f.rule, f.severity, f.expected, f.actual) for f in run(bad)[1]] == [("PERCENT_RECOMPUTED", "warning", 88.89, 80.9)]
    rate = mutate(DEMO21, "全年共收到政府信息公开申请45件", "全年办理群众诉求10件，办结率100%。全年共收到政府信息公开申请45件")
    assert run(rate)[1] == []  # 办结率 is not 10's share of anything the text names


# ----------------------------------------------------------------------------- the committed sample corpus


def test_sample_corpus_shows_every_finding_kind_and_clean_reports_stay_silent():
    import json

    from nlp.checks import KINDS

    gen = SAMPLE / "generated"
    truth = {t["file"]: t for t in map(json.loads, (gen / "truth.jsonl").read_text(encoding="utf-8").splitlines())}
    reports = [nlp.read(gen / name) for name in sorted(truth)]
    findings, _ = check_many(reports)
    kinds = {f.kind for fs in findings.values() for f in fs}
    assert kinds == set(KINDS)
    for r in reports:
        t = truth[r.source.split("/")[-1]]
        loud = [f.rule for f in findings[r.doc_id] if f.severity != "info"]
        if not t["faults"]:
            assert loud == [], r.source
        else:  # every injected fault is caught, at the figure truth.jsonl names
            for fault in t["faults"]:
                assert any(e["start"] < fault["end"] and fault["start"] < e["end"]
                           for f in findings[r.doc_id] if f.severity != "info" for e in f.evidence if "doc_id" not in e), (r.source, fault)
