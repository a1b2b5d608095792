"""How rules and model are combined (the policy MODEL_CARD.md states and the tests hold).

``rules``    the rules alone: rule scores, labels where a score reaches the rules' threshold.
``model``    the model alone: calibrated probabilities, labels where p ≥ 0.5.
``combined`` (the default):
  1. the guideline's constraints, which the rules know, are hard: a label the rules block
     (front matter; topic labels in the problems part; topic labels of a pure plan) gets
     score 0;
  2. in the problems part the stance labels (problems, improvements) are the rules'
     (their scores are the rule scores): the list context decides there, and the rules
     read it;
  3. every other label gets the mean of the model probability and the rule score, and is
     on when that mean is ≥ 0.5 — so a label needs the model to be confident on its own
     (p ≥ 0.5 + (0.5 − rule score)), or the rules and the model to agree.
Without a model, ``combined`` falls back to ``rules``.
"""
from __future__ import annotations

from nlp.tagging.context import PassageView
from nlp.tagging.rules import RuleResult, apply_rules, rules
from nlp.tagging.schema import LABELS, STANCES, PassageTags

POLICIES = ("combined", "rules", "model")
THRESHOLD = 0.5


def combine(rule: RuleResult, proba: dict[str, float] | None, policy: str = "combined") -> tuple[list[str], dict[str, float]]:
    if policy not in POLICIES:
        raise ValueError(f"unknown policy {policy!r}; one of {', '.join(POLICIES)}")
    if policy == "rules" or proba is None:
        scores = dict(rule.scores)
        return [x for x in LABELS if scores[x] >= rules().threshold], scores
    if policy == "model":
        scores = {x: float(proba[x]) for x in LABELS}
        return [x for x in LABELS if scores[x] >= THRESHOLD], scores
    scores = {}
    for x in LABELS:
        if x in rule.blocked:
            scores[x] = 0.0
        elif rule.in_part and x in STANCES:
            scores[x] = rule.scores[x]
        else:
            scores[x] = (float(proba[x]) + rule.scores[x]) / 2.0
    rule_threshold = rules().threshold
    labels = [x for x in LABELS if scores[x] >= (rule_threshold if rule.in_part and x in STANCES else THRESHOLD)]
    return labels, scores


def reads_model(rule: RuleResult) -> bool:
    """Whether ``combined`` reads the model's probabilities for the passage: not when the
    rules block every label, nor in the problems part (topics blocked, stances the rules')."""
    return any(x not in rule.blocked and not (rule.in_part and x in STANCES) for x in LABELS)


def tag_views(vs: list[PassageView], doc_id: str, model=None, policy: str = "combined") -> list[PassageTags]:
    from nlp.tagging.linear import load_default

    if model is None and policy != "rules":
        model = load_default()
        if model is None and policy == "model":
            raise FileNotFoundError("no tagging model: train one with `gongkai train` or set GONGKAI_TAG_MODEL")
    rule = apply_rules(vs)
    probas: list = [None] * len(vs)
    if model is not None and policy != "rules":
        # the model scores only the passages whose probabilities the policy reads; the
        # others get an empty dict (a policy that read it would fail, not guess)
        wanted = [i for i, r in enumerate(rule) if policy == "model" or reads_model(r)]
        probas = [{}] * len(vs)
        found = model.predict_proba([vs[i] for i in wanted], [rule[i].context for i in wanted])
        for i, p in zip(wanted, found):
            probas[i] = p
    out = []
    for v, r, p in zip(vs, rule, probas):
        labels, scores = combine(r, p, policy)
        out.append(PassageTags(doc_id, v.passage_id, v.start, v.end, labels, scores))
    return out
