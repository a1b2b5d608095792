"""The fast paths of tagging give what the plain definitions give: the term matcher, the
search forms of patterns, the report-at-once model scoring, and the model skipped where
the combined policy does not read it."""
from __future__ import annotations

import random
import re

import pytest

import nlp
from nlp.tagging import LABELS, tag_report
from nlp.tagging.combine import combine, reads_model
from nlp.tagging.context import views
from nlp.tagging.features import context_stances, features
from nlp.tagging.linear import LinearTagger, load_default
from nlp.tagging.patterns import search_form
from nlp.tagging.rules import _searched, apply_rules, lexicon_scores, rules
from nlp.tagging.terms import Terms
from tests.conftest import SAMPLE


def _sample_reports(n: int = 12):
    paths = sorted(p for p in SAMPLE.rglob("*") if p.suffix in (".txt", ".md", ".html") and p.name != "README.md")
    return [nlp.read(p) for p in paths[:n]]


# ------------------------------------------------------------ terms

def test_terms_present_is_every_substring_test():
    rng = random.Random(0)
    for _ in range(3000):
        terms = rng.sample(["a", "ab", "abc", "b", "bc", "ba", "aba", "", "c.", "a|b", "?", "(a", "bb", "abab", "cab"],
                           rng.randint(0, 8))
        text = "".join(rng.choice("abc.|?(") for _ in range(rng.randint(0, 12)))
        assert Terms(terms).present(text) == {t for t in terms if t in text}, (terms, text)


def test_lexicon_score_counts_distinct_terms():
    lex = rules().lexicons
    rng = random.Random(1)
    terms = [t for strong, weak in lex.values() for t in strong + weak]
    for _ in range(500):
        text = "，".join(rng.sample(terms, 4)) + "".join(rng.sample(terms, 2))
        for label, (strong, weak) in lex.items():
            want = 2 * sum(1 for t in strong if t in text) + sum(1 for t in weak if t in text)
            assert lexicon_scores(text)[label] == want


# ------------------------------------------------------------ search forms

@pytest.mark.parametrize("pattern, form", [
    (r"(?:ab|a)?b", "b"), (r"(?:x[)(]y)?z", "z"), (r"(?:a)?(?:b)?c", "c"), (r"(?:a)?b|c", "b|c"),
    (r"(?:[]a])?b", "b"), (r"(?:\))?b", "b"), (r"(?:a)??b", None), (r"(?:a)?+ab", None), (r"(?:(a))?b\1?", None),
    (r"ab", None),
])
def test_search_form_finds_a_match_exactly_when_the_pattern_does(pattern, form):
    p = re.compile(pattern)
    q = search_form(p)
    assert q.pattern == (form or pattern)
    rng = random.Random(2)
    for _ in range(2000):
        text = "".join(rng.choice("abcxyz()]") for _ in range(rng.randint(0, 8)))
        assert bool(p.search(text)) == bool(q.search(text)), text


def test_search_forms_of_the_rules_on_sample_text():
    texts = [v.text for r in _sample_reports() for v in views(r)]
    r = rules()
    for name, forms in _searched().items():
        for p, q in zip(getattr(r, name), forms):
            assert [bool(p.search(t)) for t in texts] == [bool(q.search(t)) for t in texts], p.pattern


# ------------------------------------------------------------ model scoring

def test_report_scoring_equals_decision_per_passage():
    model = load_default()
    assert model is not None
    for r in _sample_reports():
        vs = views(r)
        ctx = context_stances(vs)
        fast = model.scorer().decisions(vs, ctx)
        for row, v, c in zip(fast, vs, ctx):
            assert list(row) == pytest.approx(model.decision(features(v, c)), abs=1e-9)
        assert [x.context for x in apply_rules(vs)] == ctx


def test_report_scoring_with_a_vocabulary_of_odd_features():
    """Features ``features`` never produces (punctuation in n-grams, blank or punctuation
    words, long n-grams) are never found; everything else is, with its counts."""
    vocab = {}
    for i, f in enumerate(["c:申", "c:申请", "c:请公开", "c:公", "c:，", "c:申，", "c:申请公开", "c:|", "w:申请", "w:，",
                           "w: ", "T:情况", "T:，", "k=requests", "t=requests", "short", "heading", "ctx=problems",
                           "c:0", "c:00件"]):
        vocab[f] = (1.0 + i / 10, tuple(float((i * 7 + j) % 5 - 2) for j in range(len(LABELS))))
    model = LinearTagger(LABELS, vocab, (0.1,) * len(LABELS), ((1.0, 0.0),) * len(LABELS), {})
    r = _sample_reports(3)[0]
    vs = views(r)
    ctx = context_stances(vs)
    for row, v, c in zip(model.scorer().decisions(vs, ctx), vs, ctx):
        assert list(row) == pytest.approx(model.decision(features(v, c)), abs=1e-9)


def test_predict_proba_of_no_passages():
    assert load_default().predict_proba([]) == []


# ------------------------------------------------------------ the model only where it is read

def test_tagging_skips_the_model_only_where_the_policy_ignores_it():
    model = load_default()
    skipped = 0
    for r in _sample_reports():
        vs = views(r)
        rule = apply_rules(vs)
        full = model.predict_proba(vs)  # every passage
        want = [combine(x, p, "combined") for x, p in zip(rule, full)]
        got = [(t.labels, t.scores) for t in tag_report(r, model=model)]
        assert got == want
        skipped += sum(1 for x in rule if not reads_model(x))
    assert skipped > 0
