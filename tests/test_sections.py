"""The shortcuts of the section builder and of the metadata reader give what the plain
ways would: headings read without translating a slice with nothing full-width, paragraphs placed without a search,
names sought only near a place mark, the rules skipped when none is found."""
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nlp.ingest import load
from nlp.normalize import _rules, halfwidth, repaired, to_simplified
from nlp.structure import structure
from nlp.structure.meta import _ORG, _org_names
from nlp.structure.sections import _NOISE, _NOISE_FIRST, heading_at, section_at

SAMPLE = Path(__file__).resolve().parents[1] / "corpora" / "sample"


@pytest.mark.parametrize(
    "line, expected",
    [
        ("一、总体情况", (1, 0, 6)),
        ("（一）全面部署工作；局领导班子高度重视", (2, 0, 9)),
        ("　　１．主动公开情况：本年度……", (3, 2, 10)),
        ("## 二、主动公开政府信息情况", (1, 3, 15)),
        ("# 附表", (6, 2, 4)),
        ("（３）", None),  # a bare number
        ("2023年，我局认真贯彻落实", None),
        ("（二）" + "长" * 60 + "；后文", None),  # no title end within reach
    ],
)
def test_heading_at(line, expected):
    assert heading_at(line) == expected


def _reports():
    files = sorted(p for p in SAMPLE.rglob("*") if p.suffix in {".txt", ".md", ".html"} and p.name != "README.md")
    return [structure(load(p)) for p in files[:12]]


def test_passages_lie_in_the_section_found_by_search():
    for r in _reports():
        starts = [s.start for s in r.sections]
        for p in r.passages:
            assert p.section_id == section_at(r.sections, p.start, starts)


def test_org_names_are_those_of_a_full_search():
    texts = [r.text[:1500] for r in _reports()]
    texts += ["衡阳市民政局、《青禾县民政局》和湖南省衡阳市衡山县人民政府办公室", "市县区旗" * 30]
    for t in texts:
        assert [(m.start(), m.group(1)) for m in _org_names(t)] == [(m.start(), m.group(1)) for m in _ORG.finditer(t)]


@pytest.mark.parametrize("body", ["沐阳县人民政府", "衡阳市民政局", "2024 年 1 月", "201612月底", "ＡＢ局"])
def test_repaired_as_every_rule_applied(body):
    t = to_simplified(halfwidth(body))
    for _, pattern, repl in _rules():
        t = pattern.sub(repl, t)
    assert repaired(body) == t


@settings(max_examples=500, deadline=None)
@given(st.from_regex(_NOISE, fullmatch=True))
def test_noise_first_characters_cover_the_noise_pattern(line):
    # build_sections tries _NOISE only on short lines starting with one of _NOISE_FIRST
    # or a digit: every line the pattern matches must pass that screen
    s = line.strip()
    assert not s or s[0] in _NOISE_FIRST or s[0].isdecimal()
