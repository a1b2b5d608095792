"""The theme stage (nlp.themes): problem/improvement statements, themes, follow-up across
years, outputs, plots with Chinese labels, the notebook."""
from __future__ import annotations

import csv
import json
import types
from functools import lru_cache
from pathlib import Path

import pytest

pytest.importorskip("sklearn", reason="the theme stage needs scikit-learn (add it to pyproject)")
pytest.importorskip("matplotlib", reason="the theme stage plots with matplotlib (add it to pyproject)")

import nlp  # noqa: E402
from conftest import CORPUS, SAMPLE, SEEDS, real  # noqa: E402
from nlp.themes import run_themes  # noqa: E402
from nlp.themes.departments import department_type, province  # noqa: E402
from nlp.themes.followup import THRESHOLD, similarity  # noqa: E402
from nlp.themes.model import assign_themes  # noqa: E402
from nlp.themes.statements import extract, is_announcement, is_label  # noqa: E402
from nlp.themes.taxonomy import best_theme, match  # noqa: E402


@lru_cache(maxsize=None)
def _read(path: str):
    return nlp.read(path)


def _real(name: str) -> str:
    return str(real((SEEDS if name[0].isdigit() else CORPUS) / name))


def _statements(path: str, **kw):
    return extract(_read(path), use_tagging=False, **kw)


# ---------------------------------------------------------------- statements of the real reports

PROBLEMS = {
    "000_457548a6ce8d5a87.txt": [
        (1962, 2033, "网站集约化以来,对新网站的内容保障不够及时,中共衡阳市委、衡阳市人大、衡阳市政府、衡阳市政协迁移的效率较低,造成短时间内网站信息内容匮乏的情况"),
        (2034, 2073, "部分栏目更新不够及时,偶尔存在错别字和排版方面的错误,影响群众正确获取服务信息"),
        (2074, 2099, "局长信箱等与市民互动的栏目里,部分信件解答不够及时"),
    ],
    "001_ff39032f2697628d.txt": [
        (2278, 2313, "一是部分单位认识不足、重视不够,缺乏对政府信息公开工作的自觉性和主动性"),
        (2314, 2353, "二是少数部门公开内容单一,动态类信息多,业务类信息少,公开的信息实用性不是很强"),
        (2354, 2393, "三是少数部门没有将政府信息公开工作作为日常工作处理,而是季度检查时突击公开发布"),
    ],
    "002_4b1efffe85272978.txt": [
        (2018, 2180, "一是信息化建设资金短缺。今年我局虽然投入一部分资金改善了部分信息化建设设备,但投入资金需求量仍然较大。现有的网络设备已经运行超过8年时间,设备已老化,性能已下降,维护费用逐年增加。我局一直考虑更换升级现有设备,对现有网络进行改造,但由于我局信息化建设专项资金有限,这项工作一直没有得到有效开展,设备更换也是零星进行,补漏补缺"),
        (2181, 2282, "二是专业技术人才缺乏。目前我局成立了信息化建设领导小组,但信息中心一直挂靠在局办公室,没有单独的机构和专门的工作人员。信息化建设、维护工作量大、任务繁重,技术力量严重不足,制约了民政系统信息化建设的进程"),
    ],
    "003_f212208c6db53b6f.txt": [
        (3811, 3828, "重点领域信息公开质量仍需进一步提高"),
        (3829, 3845, "局政务网站互动栏目有待进一步完善"),
        (3846, 3866, "政务信息工作动态发布及时性有待进一步提升"),
    ],
    "004_4c21ac5b5858e8ab.txt": [
        (3453, 3464, "民政信息化建设相对滞后"),
        (3465, 3482, "信息孤岛现象较严重、一体化程度不高"),
    ],
    "shanghai-gov-office-2025.txt": [
        (4842, 4877, "一是政策信息分散于多个平台，各类市场\n主体及社会公众获取政策仍不够便利"),
        (4878, 4932, "二是市政府门户网站的用\n户体验有待进一步改善，尤其在页面设计、功能布局和信息检索\n便捷性等方面仍需进一步优化"),
        (4933, 4998, "三是面对政府信息公开申请量持\n续增长的压力，一些单位的服务意识有待进一步加强，高质量回\n应企业群众信息公开需求的能力尚需进一步提高"),
    ],
    "shanghai-stcsm-2024.txt": [
        (4201, 4284, "市科委 2024 年根据本市机构改革工作安排，内设机构和职\n能发生较大调整，原有部门网站政务公开栏目和政府信息公开目\n录结构无法满足机构改革后的市科委政务信息发布需要"),
    ],
    "shuyang-county-gov-2025.md": [
        (6252, 6267, "一是政策解读多样性需进一步加强"),
        (6268, 6283, "二是依申请办件质量需进一步提升"),
        (6284, 6299, "三是联系群众工作需要进一步巩固"),
    ],
    "shuyang-fgj-2023.html": [
        (2444, 2459, "各科室人员信息公开意识有所松懈"),
        (2460, 2480, "部门文件、新政策发布及解读工作主动性不强"),
        (2481, 2499, "政民互动栏目网民留言回复效率有待提高"),
        (2500, 2520, "信息公开队伍专业化能力建设有待进一步提升"),
    ],
}

# improvements: (start, end, first characters)
IMPROVEMENTS = {
    "000_457548a6ce8d5a87.txt": [],
    "001_ff39032f2697628d.txt": [(2415, 2559, "(一)加大信息公开网建设。"), (2561, 2697, "(二)深入推进重点信息公开。"),
                                 (2700, 2808, "(三)加强制度建设和基础建设。")],
    "002_4b1efffe85272978.txt": [(2296, 2356, "一是进一步加大投入。"), (2363, 2494, "二是进一步完善网站。"),
                                 (2501, 2610, "三是进一步推行电子政务提高行政效能。")],
    "003_f212208c6db53b6f.txt": [(3895, 3971, "(一)完善主动公开工作。"), (3973, 4046, "(二)提升信息公开化水平。"),
                                 (4048, 4118, "(三)加强信息公开的及时性。")],
    "004_4c21ac5b5858e8ab.txt": [(3489, 3610, "我局将在高起点、高标准建设")],
    "shanghai-gov-office-2025.txt": [(4329, 4476, "一是进一步提升政策公开质效。"), (4478, 4614, "二是更好发挥政府网站作为"),
                                     (4622, 4724, "三是提高依申请公开办理质量。")],
    "shanghai-stcsm-2024.txt": [(4312, 4347, "一是开设“张江高新\n区”专栏"), (4348, 4373, "二是\n根据市科委新的职能"),
                                (4374, 4391, "三是重新涉\n及部门网站"), (4393, 4442, "目前，“张江高新区”专栏已成功开设")],
    "shuyang-county-gov-2025.md": [(6354, 6405, "一是增加解读的形式"), (6407, 6475, "二是开展考核管理。"),
                                   (6476, 6596, "三是深化基层联动，密切联系群众。")],
    "shuyang-fgj-2023.html": [(2579, 2636, "一是完善主动公开信息联动机制"), (2637, 2693, "二是进一步加强平台建设")],
}


def _readable(name: str) -> str:
    """A real report this checkout can read (PDF and Word need the newer ingest)."""
    path = _real(name)
    try:
        _read(path)
    except nlp.IngestError as exc:
        pytest.skip(f"{name}: {exc.message}")
    return path


def test_pdf_report_statements():
    path = _readable("huaian-gov-2024.pdf")
    got = [(s.kind, s.text[:12]) for s in _statements(path)]
    assert got == [("problem", "一是政策解读质量仍需提升"), ("problem", "二是政务公开队伍建设还需"),
                   ("improvement", "针对存在问题，下一步，我"), ("improvement", "建立健全“传帮带”机制，")]
    assert _statements(path)[0].text == "一是政策解读质量仍需提升，个别单位政策解读内容简单、形式单一"


def test_blank_template_has_no_statements():
    assert _statements(_readable("template-2021.docx")) == []  # （文字描述） is a placeholder


@pytest.mark.parametrize("name", sorted(PROBLEMS))
def test_every_problem_statement_is_found_and_split(name):
    got = [(s.start, s.end, s.text) for s in _statements(_real(name)) if s.kind == "problem"]
    assert got == PROBLEMS[name]


@pytest.mark.parametrize("name", sorted(IMPROVEMENTS))
def test_improvement_statements(name):
    got = [s for s in _statements(_real(name)) if s.kind == "improvement"]
    assert [(s.start, s.end) for s in got] == [(a, b) for a, b, _ in IMPROVEMENTS[name]]
    for s, (_, _, head) in zip(got, IMPROVEMENTS[name]):
        assert s.text.startswith(head)


def test_offsets_point_into_the_canonical_text():
    for name in PROBLEMS:
        r = _read(_real(name))
        for s in _statements(_real(name)):
            assert r.text[s.start:s.end] == s.text
            assert s.text == s.text.strip() and s.text[-1] not in "。；;，,：:"


def test_an_announcement_of_improvements_is_not_a_problem():
    path = _real("001_ff39032f2697628d.txt")
    r = _read(path)
    cue = r.text.index("下阶段，我们着力从以下几个方面加以改进：") if "下阶段，" in r.text else r.text.index("下阶段,")
    assert is_announcement(r.text[cue:r.text.index("\n", cue)])
    assert not any(s.start <= cue < s.end for s in _statements(path))
    # and the lead-in before the problems (……主要表现在:) is not one either
    assert min(s.start for s in _statements(path)) == 2278


def test_metadata_on_statements():
    s = _statements(_real("002_4b1efffe85272978.txt"))[0]
    assert (s.year, s.body, s.region, s.province, s.department) == (2016, "衡山县民政局", "湖南省衡阳市衡山县", "湖南省", "民政")
    assert s.doc_id == _read(_real("002_4b1efffe85272978.txt")).doc_id
    assert _statements(_real("000_457548a6ce8d5a87.txt"))[0].department == "未知"  # the report never names its body


# ---------------------------------------------------------------- splitting rules on small reports


def _report(tmp_path: Path, body: str, year: int, section: str, name: str = "r.txt"):
    text = (f"{body}{year}年政府信息公开工作年度报告\n一、总体情况\n{year}年，我局全年主动公开政府信息120条。\n"
            f"{section}\n三、其他需要报告的事项\n无。\n")
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def _split(tmp_path, section: str):
    r = nlp.read(_report(tmp_path, "青禾县教育局", 2019, section))
    return [(s.kind, s.text) for s in extract(r, use_tagging=False)]


def test_labels_semicolons_and_numbered_items(tmp_path):
    got = _split(tmp_path, "二、存在的主要问题及改进情况\n存在的主要问题：一是部分栏目更新不够及时，个别栏目长期未更新；二是专业技术人才缺乏。\n"
                           "改进情况：1、加强业务培训，提高工作人员能力；2、加快栏目更新速度。")
    assert got == [("problem", "一是部分栏目更新不够及时，个别栏目长期未更新"), ("problem", "二是专业技术人才缺乏"),
                   ("improvement", "1、加强业务培训，提高工作人员能力"), ("improvement", "2、加快栏目更新速度")]


def test_framing_free_sentences_and_heading_items(tmp_path):
    got = _split(tmp_path, "二、存在的主要问题和改进措施\n我局政府信息公开工作取得了一定成效，但也存在一些不足。部分单位对政务公开重视程度不够；"
                           "网站互动栏目留言回复不够及时；经费保障不足。\n下一步，我局将重点做好以下工作：\n（一）加强队伍建设\n"
                           "定期组织业务培训。提高工作人员业务水平。\n（二）完善考核机制\n将政务公开纳入年度考核。")
    assert got == [("problem", "部分单位对政务公开重视程度不够"), ("problem", "网站互动栏目留言回复不够及时"), ("problem", "经费保障不足"),
                   ("improvement", "（一）加强队伍建设\n定期组织业务培训。提高工作人员业务水平"),
                   ("improvement", "（二）完善考核机制\n将政务公开纳入年度考核")]


def test_comma_clauses_split_only_when_each_names_a_shortcoming(tmp_path):
    got = _split(tmp_path, "二、存在的主要问题\n公开内容不够全面，政策解读形式单一，互动回应有待加强。"
                           "由于人员变动频繁，信息更新不够及时。")
    assert got == [("problem", "公开内容不够全面"), ("problem", "政策解读形式单一"), ("problem", "互动回应有待加强"),
                   ("problem", "由于人员变动频繁，信息更新不够及时")]


def test_admission_then_reference_back(tmp_path):
    got = _split(tmp_path, "二、存在的主要问题及改进情况\n对照新要求，还有一些需要加强和改进的地方。主要表现在：一是政策解读质量仍需提升；"
                           "二是队伍建设还需加强。\n针对存在问题，下一步，我局将加强政策解读；建立传帮带机制。")
    assert got == [("problem", "一是政策解读质量仍需提升"), ("problem", "二是队伍建设还需加强"),
                   ("improvement", "针对存在问题，下一步，我局将加强政策解读"), ("improvement", "建立传帮带机制")]


def test_opener_switches_to_improvements(tmp_path):
    got = _split(tmp_path, "二、存在的主要问题及改进措施\n存在的主要问题：一是部分科室对信息公开重视不够；二是网站栏目更新不够及时。"
                           "下一步，我局将加强培训，提高信息公开质量。")
    assert got == [("problem", "一是部分科室对信息公开重视不够"), ("problem", "二是网站栏目更新不够及时"),
                   ("improvement", "下一步，我局将加强培训，提高信息公开质量")]


def test_nothing_to_report(tmp_path):
    assert _split(tmp_path, "二、存在的主要问题及改进情况\n无。") == []


def test_labels_and_announcements():
    for t in ["存在的主要问题：", "改进情况:", "（二）整改措施。", "2024 年工作中存在问题的改进情况", "下步工作打算:", "存在的问题主要是:"]:
        assert is_label(t.replace("（二）", "")), t
    for t in ["经费保障不足。", "部分单位认识不足", "一是信息化建设资金短缺。"]:
        assert not is_label(t), t
    assert is_announcement("今后，我们将从三个方面进一步深化完善政府信息公开工作:")
    assert is_announcement("根据上述问题，市科委采取以下措施：")
    assert not is_announcement("部分栏目更新不够及时。")


# ---------------------------------------------------------------- departments


@pytest.mark.parametrize("body,dept", [
    ("衡山县民政局", "民政"), ("衡阳市人力资源和社会保障局", "人社"), ("文成县人力资源和社会保障局", "人社"),
    ("沭阳县发展和改革局", "发改"), ("上海市科委", "科技"), ("上海市科学技术委员会", "科技"), ("上海市人民政府办公厅", "办公厅"),
    ("衡阳市人民政府办公室", "办公厅"), ("沭阳县人民政府", "人民政府"), ("株洲云龙示范区", "开发区"), ("青禾县教育局", "教育"),
    ("某市卫生健康委员会", "卫健"), ("某县人民政府国有资产监督管理委员会", "国资"), ("某某协会", "其他"), (None, "未知"),
])
def test_department_type(body, dept):
    assert department_type(body) == dept


def test_province():
    assert [province(x) for x in ("湖南省衡阳市衡山县", "上海市", "江苏省宿迁市沭阳县", "广西壮族自治区南宁市", None)] == \
        ["湖南省", "上海市", "江苏省", "广西壮族自治区", None]


# ---------------------------------------------------------------- themes


@pytest.mark.parametrize("text,theme", [
    ("部分单位认识不足、重视不够,缺乏对政府信息公开工作的自觉性和主动性", "awareness"),
    ("部分栏目更新不够及时", "timeliness"),
    ("网站栏目更新不够及时", "timeliness"),  # the most specific keyword wins a tie
    ("信息化建设资金短缺", "funding"),
    ("专业技术人才缺乏", "staffing"),
    ("信息孤岛现象较严重、一体化程度不高", "platform"),
    ("政策解读多样性需进一步加强", "policy"),
    ("政民互动栏目网民留言回复效率有待提高", "interaction"),
    ("依申请办件质量需进一步提升", "requests"),
    ("将县直单位政务公开实效纳入高质量考核范围", "oversight"),
    ("严格落实信息公开属性源头认定机制", "standardisation"),
    ("持续强化基层政务公开专区建设", "grassroots"),
    ("下一步,我局将加强培训,全年计划举办培训班3次,提高信息公开质量", "staffing"),  # named first
])
def test_seed_theme_by_keywords(text, theme):
    assert best_theme(match(text))[0] == theme


def test_headline_counts_double():
    w_head = match("进一步加大投入。进一步加大民政信息化投入", headline="进一步加大投入")
    w_none = match("进一步加大投入。进一步加大民政信息化投入")
    assert w_head["funding"][0] == 3 * 2 + 2 and w_none["funding"][0] == 3 + 2  # 加大投入 in the headline, then 投入


def test_gold_agreement():
    """The hand-labelled statements of corpora/gold/themes: every span found, kinds right,
    themes as a careful reader assigned them (in-sample: the lexicon was written while
    reading these reports)."""
    from nlp.themes.gold import evaluate

    real(SEEDS)
    res = evaluate(CORPUS.parent)
    assert res["missing"] == [] and res["bad_heads"] == 0
    assert res["statements"] == {"gold": 46, "predicted": 46, "exact": 46, "recall": 1.0, "precision": 1.0}
    assert res["kind_accuracy"] == 1.0
    assert res["themes"]["accuracy"] == 0.9348 and res["themes"]["lenient_accuracy"] == 1.0
    assert res["themes"]["kappa"] == 0.9238
    assert res["problems_only"] == {"n": 24, "accuracy": 0.9167, "kappa": 0.9046}
    assert res["themes"]["disagreements"] == [{"gold": "awareness", "model": "staffing", "count": 1},
                                              {"gold": "platform", "model": "standardisation", "count": 1},
                                              {"gold": "policy", "model": "platform", "count": 1}]


def _fake(clean: str, i: int, kind="problem", body="青禾县教育局", year=2020):
    from nlp.themes.statements import Statement

    return Statement(doc_id=f"d{i % 3}", source=f"f{i % 3}.txt", start=i * 100, end=i * 100 + len(clean), kind=kind, text=clean,
                     clean=clean, headline=clean, marker=None, section_id=None, year=year, body=body, region=None,
                     province=None, department="教育")


UNPLACED = ["机构改革后职能调整较大", "机构改革后内设机构变化", "机构改革带来职能划转", "疫情防控期间线下查阅暂停",
            "疫情防控导致现场查阅受限", "疫情期间线下服务暂停", "档案移交工作进展缓慢", "档案数字化移交滞后"]


def test_discovered_themes_are_deterministic_and_named():
    def run(seed):
        ss = [_fake(t, i) for i, t in enumerate(UNPLACED)]
        themes = assign_themes(ss, seed=seed)
        return [(s.clean, s.theme, s.score) for s in ss], [(t.id, t.name, t.statements) for t in themes if t.origin == "discovered"]

    first = run(0)
    assert first == run(0)
    found = dict((c, t) for c, t, _ in first[0])
    assert all(t.startswith("new_") for t in found.values())
    assert found["机构改革后职能调整较大"] == found["机构改革后内设机构变化"] == found["机构改革带来职能划转"]
    assert found["疫情防控期间线下查阅暂停"] == found["疫情防控导致现场查阅受限"]
    assert found["档案移交工作进展缓慢"] == found["档案数字化移交滞后"]
    assert len(set(found.values())) == 3  # k chosen by silhouette
    assert [(i, name) for i, name, _ in first[1]] == [("new_01", "机构·改革·职能"), ("new_02", "疫情·暂停·期间"),
                                                       ("new_03", "档案·移交·工作进展")]


# ---------------------------------------------------------------- follow-up and repeats


def test_threshold_separates_distinct_statements_from_edited_copies():
    statements = [s.clean for name in PROBLEMS for s in _statements(_real(name))]
    worst = max(similarity(a, b) for i, a in enumerate(statements) for b in statements[i + 1:])
    assert worst < 0.55 < THRESHOLD  # distinct real statements (measured max 0.53, with the sample)
    for s in statements:
        assert similarity(s, "2025年" + s) >= THRESHOLD
        assert similarity(s, s + "，影响了公开效果") >= THRESHOLD


def _year_report(tmp_path, body, year, problems, improvements, name):
    return _report(tmp_path, body, year, f"二、存在的主要问题及改进情况\n存在的主要问题：{problems}\n改进情况：{improvements}", name)


def _corpus(tmp_path: Path) -> Path:
    d = tmp_path / "corpus"
    d.mkdir()
    _year_report(d, "青禾县教育局", 2019, "一是部分栏目更新不够及时，个别栏目长期未更新；二是专业技术人才缺乏。",
                 "一是加强业务培训；二是加快栏目更新速度。", "a2019.txt")
    _year_report(d, "青禾县教育局", 2020, "一是部分栏目更新不够及时，个别栏目长期未更新；二是政策解读形式较为单一。",
                 "一是加快栏目更新速度；二是丰富解读形式。", "a2020.txt")
    _year_report(d, "白山市民政局", 2020, "一是部分栏目更新不够及时，个别栏目长期未更新。", "一是健全考核机制。", "b2020.txt")
    return d


def test_repeats_followups_and_boilerplate(tmp_path):
    run = run_themes([_corpus(tmp_path)], None, seed=0, use_tagging=False, progress=False)
    rel = sorted((r["relation"], r["body_a"], r["year_a"], r["body_b"], r["year_b"], r["text_a"], r["similarity"]) for r in run.repeats)
    same = "部分栏目更新不够及时,个别栏目长期未更新"
    assert rel == [
        ("boilerplate", "青禾县教育局", 2019, "白山市民政局", 2020, same, 1.0),
        ("boilerplate", "青禾县教育局", 2020, "白山市民政局", 2020, same, 1.0),
        ("boilerplate_passage", "青禾县教育局", 2019, "白山市民政局", 2020, same + "；专业技术人才缺乏", 0.8346),
        ("boilerplate_passage", "青禾县教育局", 2020, "白山市民政局", 2020, same + "；政策解读形式较为单一", 0.8047),
        ("repeated_improvement", "青禾县教育局", 2019, "青禾县教育局", 2020, "加快栏目更新速度", 1.0),
        ("repeated_problem", "青禾县教育局", 2019, "青禾县教育局", 2020, same, 1.0),
    ]
    fu = [(f["year"], f["next_year"], f["text"], f["theme"], f["repeated"], f["followed_up"], f["next_improvement_text"])
          for f in run.followups]
    assert fu == [
        (2019, 2020, "部分栏目更新不够及时,个别栏目长期未更新", "timeliness", True, True, "加快栏目更新速度"),
        (2019, 2020, "专业技术人才缺乏", "staffing", False, False, "加快栏目更新速度"),
    ]


# ---------------------------------------------------------------- outputs


def _files(d: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(d.iterdir())}


def _demos(tmp_path: Path) -> Path:
    """The two hand-written sample reports (corpora/sample also holds generated ones)."""
    out = tmp_path / "demos"
    out.mkdir()
    for p in sorted(SAMPLE.glob("demo-*.txt")):
        (out / p.name).write_bytes(p.read_bytes())
    return out


def test_outputs_are_written_and_deterministic(tmp_path):
    corpus = _corpus(tmp_path)
    demos = _demos(tmp_path)
    a = run_themes([corpus, demos], tmp_path / "a", seed=0, use_tagging=False, progress=False)
    run_themes([corpus, demos], tmp_path / "b", seed=0, use_tagging=False, progress=False)
    fa, fb = _files(tmp_path / "a"), _files(tmp_path / "b")
    assert sorted(fa) == ["followup.csv", "heatmap_theme_year.png", "repeats.csv", "share_by_department.png", "share_by_region.png",
                          "share_by_year.png", "statements.csv", "summary.html", "themes.csv", "trends.csv"]
    assert fa == fb
    rows = list(csv.DictReader((tmp_path / "a" / "statements.csv").open(encoding="utf-8")))
    assert len(rows) == len(a.statements) == 17
    assert {r["department"] for r in rows} == {"教育", "民政", "人民政府"}
    html = (tmp_path / "a" / "summary.html").read_text(encoding="utf-8")
    assert html.count("data:image/png;base64,") == 4 and "<img" in html and 'src="http' not in html
    trends = list(csv.DictReader((tmp_path / "a" / "trends.csv").open(encoding="utf-8")))
    year = [r for r in trends if r["kind"] == "problem" and r["dimension"] == "year" and r["group"] == "2020"]
    assert abs(sum(float(r["share"]) for r in year) - 1.0) < 1e-3
    assert {r["dimension"] for r in trends} == {"year", "region", "department"}


def test_contract_records_on_stdout(tmp_path):
    import typer
    from typer.testing import CliRunner

    from nlp.themes.cli import themes

    app = typer.Typer()
    app.command()(themes)
    app.command("noop")(lambda: None)  # two commands: typer keeps `themes` as a sub-command
    (tmp_path / "broken.txt").write_bytes(b"\x00\x01\x02" * 100)
    res = CliRunner().invoke(app, ["themes", str(_demos(tmp_path)), str(tmp_path / "broken.txt"), "--format", "jsonl", "--no-tagging"])
    assert res.exit_code == 1  # one file could not be read; the others were
    lines = [json.loads(x) for x in res.stdout.splitlines() if x.startswith("{")]
    recs = [x for x in lines if "error" not in x]
    errors = [x for x in lines if "error" in x]
    assert len(recs) == 7 and len(errors) == 1 and errors[0]["error"]["type"] == "binary"
    for rec in recs:
        assert {"doc_id", "source", "start", "end", "kind", "theme", "score", "year", "body"} <= set(rec)
        assert rec["kind"] in ("problem", "improvement") and 0 <= rec["score"] <= 1
        assert nlp.read(rec["source"]).text[rec["start"]:rec["end"]]
    first = [x for x in res.stdout.splitlines() if x.startswith("{")][0]
    assert list(json.loads(first)) == sorted(json.loads(first))


def test_tagging_adapter_prefers_the_classifier_where_rules_guess(tmp_path):
    from nlp.themes.statements import regions, split_spans
    from nlp.themes.tagging_adapter import apply_passage_labels

    p = _report(tmp_path, "青禾县教育局", 2019, "二、存在的主要问题及改进情况\n部分栏目更新不够及时。\n改进情况：加快栏目更新速度。")
    r = nlp.read(p)
    secs = regions(r)
    spans = [(sp, secs[0].id) for sp in split_spans(r, secs[0])]
    assert [(sp.kind, sp.sure) for sp, _ in spans] == [("problem", False), ("improvement", True)]
    overview = next(s for s in r.sections if s.kind == "overview")
    everything = types.SimpleNamespace(tag_report=lambda rep: [
        {"start": secs[0].start, "end": secs[0].end, "labels": ["improvements"]},  # wrong, and only trusted where rules guess
        {"start": overview.start + 7, "end": overview.end, "labels": {"problems": 0.9, "content": 0.8}},
    ])
    out = apply_passage_labels(r, secs, spans, tagging=everything)
    kinds = [(sp.kind, r.text[sp.start:sp.end]) for sp, _ in sorted(out, key=lambda x: x[0].start)]
    assert kinds == [("problem", "2019年，我局全年主动公开政府信息120条"), ("improvement", "部分栏目更新不够及时"),
                     ("improvement", "加快栏目更新速度")]
    broken = types.SimpleNamespace(tag_report=lambda rep: 1 / 0)
    assert apply_passage_labels(r, secs, spans, tagging=broken) == spans


# ---------------------------------------------------------------- plots: Chinese without tofu


def test_plot_labels_have_glyphs_in_the_cjk_font():
    from nlp.resources import load_yaml
    from nlp.themes.fonts import cjk_font, covers
    from nlp.themes.plots import _TITLES
    from nlp.themes.taxonomy import load_taxonomy

    font = cjk_font()
    if font is None:
        pytest.skip("no font with Chinese glyphs: pip install mplfonts (a project dependency)")
    labels = [t.name for t in load_taxonomy().themes] + [load_taxonomy().other.name]
    deps = load_yaml("themes/departments.yaml")
    labels += [e["type"] for g in ("offices", "departments", "governments") for e in deps[g]] + [deps["other"], deps["unknown"]]
    labels += [x for v in _TITLES.values() for x in v[:3]] + ["主题", "占比", "湖南省", "上海市", "江苏省", "浙江省", "广西壮族自治区"]
    missing = sorted({ch for text in labels for ch in text if not ch.isascii() and not covers(font, ch)})
    assert missing == []
