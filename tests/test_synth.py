"""The sample-corpus generator (nlp.synth): deterministic, covers every template and
format, and its truth agrees with what the reports say and with what the parser reads."""
from __future__ import annotations

import json
import random
import re
from collections import Counter, defaultdict

import cn2an
import pytest

import nlp
from nlp.ingest import doc_id_for, load
from nlp.normalize import halfwidth, to_simplified
from nlp.synth import generate, generate_one, iter_reports

N, SEED = 40, 20240101
LABELS = {"organisation", "channels", "content", "requests", "interaction", "oversight", "problems", "improvements"}
FAULT_KINDS = {"table_internal", "prose_table", "prose_internal", "percent", "temporal", "cross_report"}
QUALIFIERS = {"exact", "approx", "more_than", "at_least", "less_than", "at_most"}
# Layouts real reports use that the parser does not read right yet: none at present.
KNOWN_PARSER_GAPS: dict = {}


def _gap(r) -> str | None:
    return next((field for (key, value), field in KNOWN_PARSER_GAPS.items() if r["layout"][key] == value), None)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    out = tmp_path_factory.mktemp("synth")
    records = generate(N, SEED, out)
    texts = {r["file"]: load(out / r["file"]).text for r in records}
    return out, records, texts


def _files(path):
    return {p.name: p.read_bytes() for p in sorted(path.iterdir())}


def test_same_seed_same_bytes_different_seed_different(tmp_path):
    generate(8, 7, tmp_path / "a")
    generate(8, 7, tmp_path / "b")
    generate(8, 8, tmp_path / "c")
    a, b, c = _files(tmp_path / "a"), _files(tmp_path / "b"), _files(tmp_path / "c")
    assert a == b
    assert len(a) == 9  # 8 reports + truth.jsonl
    assert a["truth.jsonl"] != c["truth.jsonl"]
    assert set(a.values()) != set(c.values())


def test_generate_one_is_deterministic_in_memory():
    one = generate_one(random.Random(3), 0)
    assert one == generate_one(random.Random(3), 0)
    text, ext, truth = one
    assert ext in ("txt", "md", "html") and truth["file"].endswith("." + ext)
    assert truth["doc_id"] == doc_id_for(text.encode("utf-8"))


def test_every_template_and_format_appears(corpus):
    _, records, _ = corpus
    assert {(r["template"], r["format"]) for r in records} == {(t, f) for t in ("2008", "2019", "2021") for f in ("txt", "md", "html")}
    years = {"2008": range(2010, 2019), "2019": range(2019, 2021), "2021": range(2021, 2026)}
    assert all(r["year"] in years[r["template"]] for r in records)


def test_truth_file_is_sorted_json_lines(corpus):
    out, records, _ = corpus
    lines = (out / "truth.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(x) for x in lines] == records
    assert all(x == json.dumps(json.loads(x), ensure_ascii=False, sort_keys=True) for x in lines)
    for r in records:
        assert r["doc_id"] == doc_id_for((out / r["file"]).read_bytes())


def test_fault_free_reports_parse_to_the_truth(corpus):
    out, records, _ = corpus
    clean = [r for r in records if not r["faults"]]
    assert len(clean) >= N // 2
    for r in clean:
        report = nlp.read(out / r["file"])
        got = [(c.indicator, c.value) for t in report.tables for c in t.cells if c.indicator]
        assert got == [(c["indicator"], c["value"]) for c in r["cells"]], r["file"]
        assert (report.meta.year, report.meta.template) == (r["year"], r["template"]), r["file"]
        if _gap(r) != "body":
            assert report.meta.body == r["body"], r["file"]


def test_body_on_its_own_line_above_the_title():
    from nlp.ingest import load_bytes
    from nlp.structure import structure

    text = ("青禾县民政局\n2023年度政府信息公开工作年度报告\n"
            "本报告电子版可在青禾县人民政府门户网站下载。\n一、总体情况\n"
            "2023年，我局通过青禾县人民政府门户网站主动公开政府信息120条。\n")
    assert structure(load_bytes(text.encode("utf-8"), "x.txt")).meta.body == "青禾县民政局"


def _number(text: str) -> float:
    """The number a claim's text states (damage undone: full-width digits, spaces, Traditional)."""
    s = re.sub(r"[\s,]+", "", to_simplified(halfwidth(text)))
    if s.startswith("百分之百"):
        return 100.0
    s = s.replace("百分之", "")
    m = re.search(r"[0-9]+(?:\.[0-9]+)?", s)
    if m:
        v = float(m.group())
        return v * 10000 if s[m.end():].startswith("万") else v
    m = re.search(r"[零一二两三四五六七八九十百千万]+", s)
    return float(cn2an.cn2an(m.group(), "smart")) if m else 0.0


def test_claims_sit_at_their_offsets_and_state_their_value(corpus):
    _, records, texts = corpus
    kinds = Counter()
    for r in records:
        text = texts[r["file"]]
        for c in r["claims"]:
            assert text[c["start"]:c["end"]] == c["text"], (r["file"], c)
            assert c["qualifier"] in QUALIFIERS and c["kind"] in ("count", "money", "percent", "change")
            kinds[c["kind"]] += 1
            if c["text"].startswith("未"):  # a zero stated in words: 未发生, 未收到
                assert c["value"] == 0 and c["qualifier"] == "exact"
                continue
            assert _number(c["text"]) == pytest.approx(abs(c["value"])), (r["file"], c)
            if c["low"] is not None:
                assert c["low"] <= c["value"]
            if c["high"] is not None:
                assert c["value"] <= c["high"] or c["qualifier"] == "less_than"
    assert all(kinds[k] for k in ("count", "money", "percent", "change"))
    texts_all = [c["text"] for r in records for c in r["claims"]]
    assert any("余" in t or "多" in t for t in texts_all)  # approximate figures
    assert any(re.search(r"[一二两三四五六七八九十]", t) for t in texts_all)  # Chinese numerals


def test_fault_offsets_hold_the_changed_figure(corpus):
    _, records, texts = corpus
    faulty = [r for r in records if r["faults"]]
    assert 0.15 * N <= len(faulty) <= 0.5 * N
    seen = set()
    for r in faulty:
        assert len(r["faults"]) == 1
        f = r["faults"][0]
        assert f["kind"] in FAULT_KINDS and f["original"] != f["changed"]
        assert _number(texts[r["file"]][f["start"]:f["end"]]) == pytest.approx(f["changed"]), (r["file"], f)
        seen.add(f["kind"])
    assert len(seen) >= 4


def _cells(r):
    return {c["indicator"]: c["value"] or 0 for c in r["cells"]}


def test_table_identities_hold_in_fault_free_figures(corpus):
    _, records, _ = corpus
    checked = Counter()
    for r in records:
        if r["faults"] or not r["cells"]:
            continue
        v = _cells(r)
        if r["template"] == "2008":
            channels = [k for k in v if k.startswith("requests.received.") and k != "requests.received.total"]
            assert v["requests.received.total"] == sum(v[k] for k in channels)
            assert v["requests.completed.total"] == v["requests.completed.on_time"] + v["requests.completed.extended"]
            answers = ("already_public", "granted", "partial", "refused.total", "not_this_body", "not_exist", "clarify", "other_route")
            assert v["requests.answered.total"] == sum(v[f"requests.answered.{a}"] for a in answers)
            reasons = [k for k in v if k.startswith("requests.answered.refused.") and k != "requests.answered.refused.total"]
            assert v["requests.answered.refused.total"] == sum(v[k] for k in reasons)
            assert v["staff.total"] == v["staff.fulltime"] + v["staff.parttime"]
            for block in ("review", "litigation"):
                assert v[f"{block}.total"] == v[f"{block}.upheld"] + v[f"{block}.corrected"] + v[f"{block}.other"]
        else:
            cols = ("natural_person", "business", "research", "public_interest", "legal_service", "other_org")
            rows = sorted({k.rsplit(".", 1)[0] for k in v if k.startswith("requests.result.") and k.count(".") >= 3})
            for col in cols + ("total",):
                assert v[f"requests.received.{col}"] + v[f"requests.carried_over.{col}"] == \
                    v[f"requests.result.{col}"] + v[f"requests.carried_forward.{col}"]
                assert v[f"requests.result.{col}"] == sum(v[f"{row}.{col}"] for row in rows)
            for row in {k.rsplit(".", 1)[0] for k in v if k.startswith("requests.")}:
                assert v[f"{row}.total"] == sum(v[f"{row}.{c}"] for c in cols)
            for block in ("review", "litigation.direct", "litigation.after_review"):
                assert v[f"{block}.total"] == sum(v[f"{block}.{o}"] for o in ("upheld", "corrected", "other", "pending"))
        checked[r["template"]] += 1
    assert set(checked) == {"2008", "2019", "2021"}


def test_consecutive_reports_of_a_body_carry_over(corpus):
    _, records, _ = corpus
    by_body = defaultdict(dict)
    for r in records:
        by_body[r["body"]][r["year"]] = r
    pairs = 0
    for years in by_body.values():
        for y, r in years.items():
            prev = years.get(y - 1)
            if prev is None or "2008" in (r["template"], prev["template"]):
                continue
            pairs += 1
            this, last = _cells(r)["requests.carried_over.total"], _cells(prev)["requests.carried_forward.total"]
            if any(f["kind"] == "cross_report" for f in r["faults"]):
                assert this != last
            else:
                assert this == last
    assert pairs >= 1
    assert len({r["body"] for r in records}) < len(records)  # some bodies report in several years


def test_passages_are_labelled_paragraphs(corpus):
    _, records, texts = corpus
    for r in records:
        text = texts[r["file"]]
        spans = [(p["start"], p["end"]) for p in r["passages"]]
        assert spans == sorted(spans) and all(a < b for a, b in spans)
        assert all(spans[i][1] <= spans[i + 1][0] for i in range(len(spans) - 1))
        labels = set()
        for p in r["passages"]:
            assert set(p["labels"]) <= LABELS
            assert text[p["start"]].strip() and text[p["end"] - 1].strip()
            labels.update(p["labels"])
        assert {"problems", "improvements", "requests"} <= labels, r["file"]
        for c in r["claims"]:
            assert any(a <= c["start"] and c["end"] <= b for a, b in spans), (r["file"], c["text"])


def test_web_pages_predicted_text_is_what_ingest_reads(corpus):
    _, records, _ = corpus
    predicted = [g.truth for g in iter_reports(N, SEED)]  # offsets from the predicted page text
    assert predicted == records
