"""Passage tagging: rules, the shipped model, the combination policy, records, CLI
functions, the spaCy factory, gold files and agreement."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import nlp
from nlp.model import Passage, Report, Section
from nlp.tagging import LABELS, tag_report
from nlp.tagging.agreement import agreement, cohen_kappa
from nlp.tagging.combine import combine
from nlp.tagging.context import views
from nlp.tagging.gold import GOLD_PASSAGES, read_gold
from nlp.tagging.linear import DEFAULT_MODEL, LinearTagger, load_default
from nlp.tagging.rules import RuleResult, apply_rules, stance_cues
from tests.conftest import CORPUS, REPO, SEEDS, real


def _report(parts: list[tuple[str, str, str]]) -> Report:
    """A report built by hand: (section title, section kind, passage text) in order;
    passages under one title share a section; a passage equal to its title is a heading."""
    text, sections, passages = "", [], []
    for title, kind, body in parts:
        if not sections or sections[-1].title != title:
            sections.append(Section(f"s{len(sections) + 1}", title, 1, kind, len(text), len(text)))
        start = len(text)
        text += body + "\n"
        sections[-1].end = len(text)
        passages.append(Passage(f"p{len(passages) + 1}", sections[-1].id, start, start + len(body)))
    return Report("test", "test", text, sections=sections, passages=passages)


def _labels(path: Path, policy: str = "combined") -> dict[int, list[str]]:
    r = nlp.read(real(path))
    return {t.start: t.labels for t in tag_report(r, policy=policy)}


def _start_of(path: Path, needle: str) -> int:
    r = nlp.read(real(path))
    hit = [p.start for p in r.passages if needle in r.text[p.start:p.end]]
    assert len(hit) == 1, needle
    return hit[0]


SEED_001 = SEEDS / "001_ff39032f2697628d.txt"
SEED_002 = SEEDS / "002_4b1efffe85272978.txt"
SEED_003 = SEEDS / "003_f212208c6db53b6f.txt"


# ------------------------------------------------------------ problems vs improvements in the seeds

@pytest.mark.parametrize("policy", ["rules", "combined"])
def test_seed_002_problems_then_improvements(policy):
    got = _labels(SEED_002, policy)
    assert got[_start_of(SEED_002, "一是信息化建设资金短缺")] == ["problems"]
    assert got[_start_of(SEED_002, "一是进一步加大投入")] == ["improvements"]
    assert got[_start_of(SEED_002, "二是进一步完善网站")] == ["improvements"]
    assert got[_start_of(SEED_002, "三是进一步推行电子政务")] == ["improvements"]
    assert got[_start_of(SEED_002, "七、政府信息公开工作存在的主要问题及改进情况")] == ["problems", "improvements"]


@pytest.mark.parametrize("policy", ["rules", "combined"])
def test_seed_001_passage_with_both(policy):
    got = _labels(SEED_001, policy)
    assert got[_start_of(SEED_001, "一是部分单位认识不足")] == ["problems", "improvements"]
    for item in ("（一）加大信息公开网建设", "（二）深入推进重点信息公开", "（三）加强制度建设和基础建设"):
        assert got[_start_of(SEED_001, item.replace("（", "(").replace("）", ")"))] == ["improvements"]


@pytest.mark.parametrize("policy", ["rules", "combined"])
def test_seed_003_problems_part(policy):
    got = _labels(SEED_003, policy)
    assert got[_start_of(SEED_003, "存在的问题主要是")] == ["problems", "improvements"]
    assert got[_start_of(SEED_003, "(一)完善主动公开工作")] == ["improvements"]
    assert got[_start_of(SEED_003, "(三)加强信息公开的及时性")] == ["improvements"]


def test_problems_part_in_all_seeds_matches_gold():
    """Every passage of every seed's problems part gets exactly the gold stance labels."""
    gold = read_gold()
    checked = 0
    for path in sorted(real(SEEDS).glob("*.txt")):
        r = nlp.read(path)
        tags = {(t.start, t.end): t for t in tag_report(r)}
        part = [s for s in r.sections if s.kind == "problems_improvements"]
        for g in gold[path.name]:
            if any(s.start <= g.start < s.end for s in part):
                assert tags[(g.start, g.end)].labels == list(g.labels), (path.name, g.start)
                checked += 1
    assert checked == 16  # 000: 1, 001: 4, 002: 5, 003: 4, 004: 2


# ------------------------------------------------------------ rules on invented text

def test_stance_cues_mask_problems_before_commitments():
    c = stance_cues("一是网站互动栏目有待进一步完善；二是解读形式单一。", in_part=True)
    assert (c.problems, c.commitments) == (2, 0)  # 有待, 形式单一; 进一步 is masked
    c = stance_cues("针对上述问题，我们将进一步加强培训。", in_part=True)
    assert c.problems == 0 and c.commitments == 2
    assert stance_cues("下步工作打算：", in_part=True).plan_label


def test_rules_on_invented_report():
    r = _report([
        ("", "preamble", "某某局2023年政府信息公开工作年度报告"),
        ("（一）主动公开情况", "proactive", "全年主动公开政府信息320条，其中规范性文件6件，财政预决算信息4条。"),
        ("（二）依申请公开情况", "requests", "全年共收到政府信息公开申请12件，均在法定期限内答复。"),
        ("（三）政府信息公开平台建设", "platform", "充分发挥门户网站第一平台作用，政务微信公众号推送信息35条，粉丝数达1万人。"),
        ("（四）监督保障", "organisation", "成立政务公开工作领导小组，明确专人负责；将政务公开纳入年度绩效考核，组织业务培训2次。"),
        ("五、存在的主要问题及改进情况", "problems_improvements", "五、存在的主要问题及改进情况"),
        ("五、存在的主要问题及改进情况", "problems_improvements", "一是信息更新不够及时；二是解读形式较为单一。下一步，我局将从以下方面加以改进："),
        ("五、存在的主要问题及改进情况", "problems_improvements", "一是加强网站内容保障。"),
        ("六、其他需要报告的事项", "other", "今后将进一步扩大公开范围，加强业务培训。"),
    ])
    got = [x.labels for x in apply_rules(views(r))]
    assert got == [
        [],
        ["content"],
        ["requests"],
        ["channels"],
        ["organisation", "oversight"],
        ["problems", "improvements"],
        ["problems", "improvements"],
        ["improvements"],
        ["improvements"],
    ]


def test_rule_votes_name_the_functions():
    r = _report([("（二）依申请公开情况", "requests", "全年共收到政府信息公开申请12件，均已答复。")])
    res = apply_rules(views(r))[0]
    # lexicon score 4: 公开申请 (strong, 2) + 申请 + 答复 (weak, 1 each) → also dense
    assert res.votes["requests"] == ["section_kind", "title_lexicon:requests", "lexicon:requests", "lexicon_dense:requests"]
    assert res.scores["requests"] == pytest.approx(1 - 0.4 * 0.55 * 0.55 * 0.4)
    assert res.labels == ["requests"]


# ------------------------------------------------------------ combination policy

def _rule(scores: dict, blocked=(), in_part=False) -> RuleResult:
    full = {x: scores.get(x, 0.0) for x in LABELS}
    return RuleResult({}, full, [x for x in LABELS if full[x] >= 0.5], frozenset(blocked), in_part)


def test_policy_mean_of_model_and_rules():
    proba = {x: 0.0 for x in LABELS} | {"content": 0.9, "channels": 0.56, "requests": 0.3}
    labels, scores = combine(_rule({"channels": 0.45, "requests": 0.6}), proba)
    assert scores["content"] == pytest.approx(0.45)    # the model alone at 0.9 is not enough
    assert scores["channels"] == pytest.approx(0.505)  # both lean yes: on
    assert scores["requests"] == pytest.approx(0.45)   # rules alone at 0.6 are not enough
    assert labels == ["channels"]


def test_policy_constraints_and_stance_from_rules():
    proba = {x: 0.9 for x in LABELS}
    labels, scores = combine(_rule({"problems": 0.8}, blocked=LABELS[:6], in_part=True), proba)
    assert labels == ["problems"]
    assert scores["improvements"] == 0.0 and scores["problems"] == 0.8 and scores["content"] == 0.0
    labels, _ = combine(_rule({}, blocked=LABELS), proba)
    assert labels == []


def test_policy_rules_and_model_alone():
    proba = {x: 0.0 for x in LABELS} | {"oversight": 0.7}
    assert combine(_rule({"requests": 0.6}), proba, "rules")[0] == ["requests"]
    assert combine(_rule({"requests": 0.6}), proba, "model")[0] == ["oversight"]
    assert combine(_rule({"requests": 0.6}), None, "combined")[0] == ["requests"]  # no model: rules
    with pytest.raises(ValueError):
        combine(_rule({}), proba, "vote")


# ------------------------------------------------------------ the shipped model

def test_shipped_model_loads_and_is_small():
    m = load_default()
    assert m is not None and m.version == "1.0.0" and tuple(m.labels) == LABELS
    size = sum(p.stat().st_size for p in DEFAULT_MODEL.iterdir())
    assert size < 3_000_000
    meta = json.loads((DEFAULT_MODEL / "model.json").read_text(encoding="utf-8"))
    assert meta["hyperparameters"]["seed"] == 0 and meta["training"]["real"]["gold_passages"] == 236


def test_model_probabilities_on_invented_passages():
    r = _report([
        ("（二）依申请公开情况", "requests", "全年共收到政府信息公开申请12件，上年结转2件，均在法定期限内答复。"),
        ("（三）政策解读与回应关切", "response", "全年发布政策解读稿件15篇，回应社会关切舆情3次，在线访谈2次。"),
    ])
    p = load_default().predict_proba(views(r))
    assert p[0]["requests"] > 0.9 and max(v for k, v in p[0].items() if k != "requests") < 0.3
    assert p[1]["interaction"] > 0.9 and p[1]["requests"] < 0.3
    assert all(0.0 <= v <= 1.0 for row in p for v in row.values())


def test_model_round_trip(tmp_path):
    m = LinearTagger(LABELS, {"w:申请": (2.0, tuple(float(i) for i in range(8))), "k=requests": (1.0, (0.5,) * 8)},
                     (0.0,) * 8, ((1.0, 0.0),) * 8, {"version": "0.0.1"})
    m.save(tmp_path / "m")
    again = LinearTagger.load(tmp_path / "m")
    assert again.vocab == m.vocab and again.intercept == m.intercept and again.version == "0.0.1"
    first = (tmp_path / "m" / "weights.tsv.gz").read_bytes()
    m.save(tmp_path / "m2")
    assert (tmp_path / "m2" / "weights.tsv.gz").read_bytes() == first  # byte-identical
    # decision: sublinear tf-idf, l2 norm: x = (2.0, 0.5·(1+ln 1)) → normalised
    s = again.decision(["w:申请", "k=requests", "unknown"])
    norm = (2.0 ** 2 + 1.0 ** 2) ** 0.5
    assert s[3] == pytest.approx((2.0 * 3 + 1.0 * 0.5) / norm)


def test_model_matches_scikit_learn(tmp_path):
    """The plain-Python model scores exactly what the scikit-learn pipeline scores."""
    pytest.importorskip("sklearn")
    import numpy as np

    from nlp.tagging import train as T

    r = _report([
        ("（一）主动公开", "proactive", "全年主动公开信息120条。"),
        ("（二）依申请公开", "requests", "收到申请5件，均已答复。"),
        ("（三）解读回应", "response", "发布政策解读8篇，回应关切2次。"),
        ("（四）监督保障", "organisation", "成立领导小组，开展培训3次，纳入考核。"),
        ("五、存在的主要问题及改进情况", "problems_improvements", "一是更新不够及时。下一步将加强培训。"),
    ] * 2)
    vs = views(r)
    feats = [f for f in __import__("nlp.tagging.features", fromlist=["x"]).passage_features(vs)]
    examples = [T.Example(f"r{i % 2}", v, f, tuple(x.labels), False) for i, (v, f, x) in enumerate(zip(vs, feats, apply_rules(vs)))]
    old = T.MIN_DF
    T.MIN_DF = 1
    try:
        model = T.fit(examples)
        vec = T._vectorizer().fit([e.feats for e in examples])
        X = vec.transform([e.feats for e in examples])
        y = np.array([1 if "requests" in e.labels else 0 for e in examples])
        clf = T._classifier().fit(X, y, sample_weight=np.ones(len(y)))
    finally:
        T.MIN_DF = old
    j = LABELS.index("requests")
    ours = [model.decision(f)[j] for f in feats]
    assert ours == pytest.approx(list(clf.decision_function(X)), abs=1e-4)


# ------------------------------------------------------------ records and CLI functions

def test_contract_record_of_seed_002():
    r = nlp.read(real(SEED_002))
    tags = tag_report(r)
    assert len(tags) == len(r.passages) == 32
    rec = tags[29].record()
    assert sorted(rec) == ["doc_id", "end", "labels", "passage_id", "scores", "start"]
    assert (rec["doc_id"], rec["passage_id"], rec["start"], rec["end"]) == (r.doc_id, "p30", 2294, 2359)
    assert rec["labels"] == ["improvements"] and sorted(rec["scores"]) == sorted(LABELS)
    assert tag_report(r) == tags  # deterministic


def _app():
    import typer

    from nlp.tagging.cli import evaluate_tag, tag, train

    app = typer.Typer()
    app.command()(tag)
    app.command()(train)
    ev = typer.Typer()
    ev.command("tag")(evaluate_tag)
    app.add_typer(ev, name="evaluate")
    return app


def test_cli_tag_jsonl_and_csv(tmp_path):
    from typer.testing import CliRunner

    src = tmp_path / "r.txt"
    src.write_text("某局2020年政府信息公开工作年度报告\n三、依申请公开情况\n全年收到政府信息公开申请3件，均已答复。\n", encoding="utf-8")
    runner = CliRunner()
    res = runner.invoke(_app(), ["tag", str(src), "--format", "jsonl"])
    assert res.exit_code == 0, res.output
    recs = [json.loads(x) for x in res.output.splitlines()]
    assert [x["labels"] for x in recs] == [[], ["requests"]]  # a bare heading line is no passage
    res = runner.invoke(_app(), ["tag", str(src), "--format", "csv", "--policy", "rules"])
    lines = res.output.splitlines()
    assert lines[0] == "doc_id,passage_id,start,end,labels,scores" and len(lines) == 3
    res = runner.invoke(_app(), ["tag", str(tmp_path / "missing.txt"), "--format", "jsonl"])
    errors = [json.loads(x) for x in res.output.splitlines() if x.startswith("{")]
    assert res.exit_code == 1 and [e["error"]["type"] for e in errors] == ["missing"]


def test_cli_train_writes_a_loadable_model(tmp_path):
    pytest.importorskip("sklearn")
    from typer.testing import CliRunner

    gold = tmp_path / "gold"
    gold.mkdir()
    res = CliRunner().invoke(_app(), ["train", "--gold", str(gold), "--out", str(tmp_path / "m"), "--synth", "0",
                                       "--shared", str(tmp_path), "--version", "0.9.0"])
    assert res.exit_code == 0, res.output
    m = LinearTagger.load(tmp_path / "m")
    assert m.version == "0.9.0" and m.meta["training"]["sample"]["reports"] == 2


# ------------------------------------------------------------ spaCy

def test_spacy_factory_puts_scores_on_doc_cats():
    pytest.importorskip("spacy")
    from nlp.tagging.spacy_textcat import tagging_pipeline

    pipe = tagging_pipeline()
    doc = pipe("全年共收到政府信息公开申请12件，上年结转2件，均在法定期限内答复。")
    assert sorted(doc.cats) == sorted(LABELS)
    assert doc.cats["requests"] > 0.5 and max(v for k, v in doc.cats.items() if k != "requests") < 0.5
    report = pipe(real(SEED_002).read_text(encoding="utf-8"))
    spans = report.spans["passages"]
    assert len(spans) == 32
    assert spans[29]._.labels == ["improvements"] and spans[29].text.strip().startswith("一是进一步加大投入")


# ------------------------------------------------------------ gold and agreement

def test_gold_files_cover_every_passage():
    gold = read_gold()
    assert sum(len(v) for v in gold.values()) == 236 and len(gold) == 9
    for name, items in gold.items():
        path = SEEDS / name if (SEEDS / name).exists() else CORPUS / name
        r = nlp.read(real(path))
        assert [(g.start, g.end) for g in items] == [(p.start, p.end) for p in r.passages], name
    sample = (GOLD_PASSAGES / "SAMPLE_FOR_SECOND_ANNOTATOR.jsonl").read_text(encoding="utf-8").splitlines()
    keys = {(g.file, g.start, g.end) for v in gold.values() for g in v}
    assert len(sample) == 80 and all((d["file"], d["start"], d["end"]) in keys for d in map(json.loads, sample))


def test_cohen_kappa():
    a = [True, True, False, False, True, False, False, False]
    b = [True, False, False, False, True, False, True, False]
    # po = 6/8; pa = 3/8, pb = 3/8; pe = 9/64 + 25/64 = 34/64
    assert cohen_kappa(a, b) == pytest.approx((0.75 - 34 / 64) / (1 - 34 / 64))
    assert cohen_kappa([True, False], [True, False]) == 1.0
    assert cohen_kappa([False, False], [False, False]) is None


def test_agreement_between_folders(tmp_path):
    for folder, labels in (("a", [["requests"], ["problems"]]), ("b", [["requests"], ["improvements"]])):
        (tmp_path / folder).mkdir()
        with open(tmp_path / folder / "x.jsonl", "w", encoding="utf-8") as fh:
            for i, lab in enumerate(labels):
                fh.write(json.dumps({"file": "x.txt", "start": i * 10, "end": i * 10 + 5, "labels": lab}) + "\n")
    res = agreement(tmp_path / "a", tmp_path / "b")
    assert res["passages"] == 2
    assert res["labels"]["requests"]["kappa"] == 1.0
    assert res["labels"]["problems"]["kappa"] == 0.0
    assert res["labels"]["content"]["kappa"] is None
    assert res["exact_match"] == 0.5


def test_repo_layout():
    assert (REPO / "corpora" / "gold" / "GUIDELINE.md").exists()
    assert (REPO / "models" / "MODEL_CARD.md").exists()
