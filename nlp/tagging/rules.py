"""Labelling rules: small functions that each vote for one label or abstain.

The functions read the section kind, the titles above a passage, lexicons and patterns,
all in ``nlp/resources/tagging/rules.yaml``.  ``apply_rules(views)`` runs them over a
report's passages in order (the stance of a list item depends on the list it continues)
and aggregates the votes: a label's rule score is the noisy-OR of the weights of the
functions that voted for it; the label is on when the score reaches the threshold.

Three constraints of the guideline (corpora/gold/GUIDELINE.md) are applied after the vote:
no label in front matter (``silent_kinds``); only stance labels inside the problems part;
no topic label on a passage that is wholly a plan.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable, Optional

from nlp.resources import load_yaml
from nlp.tagging.context import PassageView
from nlp.tagging.schema import LABELS, STANCES, TOPICS

_DIGIT = re.compile(r"[0-9]")


@dataclass(frozen=True)
class Rules:
    threshold: float
    weights: dict
    section_kinds: dict
    silent_kinds: frozenset
    stance_kind: str
    lexicons: dict  # label → (strong terms, weak terms)
    lex_min: int
    lex_dense: int
    problem: tuple
    response: tuple
    commitment: tuple
    part_commitment: tuple
    plan_labels: tuple
    stance_titles: dict
    plan_start: re.Pattern
    overview_kinds: frozenset


def _compile(patterns) -> tuple:
    return tuple(re.compile(p) for p in patterns)


@lru_cache(maxsize=1)
def rules() -> Rules:
    d = load_yaml("tagging/rules.yaml")
    lex = {k: (tuple(v.get("strong", [])), tuple(v.get("weak", []))) for k, v in d["lexicons"].items()}
    return Rules(
        float(d["threshold"]), dict(d["weights"]), dict(d["section_kinds"]), frozenset(d["silent_kinds"]),
        d["stance_kind"], lex, int(d["lexicon_scores"]["min"]), int(d["lexicon_scores"]["dense"]),
        _compile(d["problem_patterns"]), _compile(d["response_patterns"]), _compile(d["commitment_patterns"]),
        _compile(d["stance_part_commitments"]), _compile(d["plan_labels"]),
        {k: tuple(v) for k, v in d["stance_titles"].items()}, re.compile(d["plan_start"]),
        frozenset(d["overview_kinds"]),
    )


# ---------------------------------------------------------------- cues on text

@lru_cache(maxsize=8192)
def lexicon_score(text: str, label: str) -> int:
    strong, weak = rules().lexicons[label]
    return 2 * sum(1 for t in strong if t in text) + sum(1 for t in weak if t in text)


def _mask(text: str, patterns) -> tuple[str, int]:
    """Text with every match replaced by a placeholder of the same length; match count."""
    n = 0
    for pat in patterns:
        def sub(m):
            nonlocal n
            n += 1
            return "□" * len(m.group(0))
        text = pat.sub(sub, text)
    return text, n


@dataclass(frozen=True)
class Stance:
    """Stance cues of a passage: answers to problems are masked first, then problems, and
    commitments are looked for in what is left (so 有待进一步 is a problem, not a plan)."""

    problems: int
    commitments: int
    plan_label: bool


@lru_cache(maxsize=4096)
def stance_cues(text: str, in_part: bool) -> Stance:
    r = rules()
    rest, answers = _mask(text, r.response)
    rest, problems = _mask(rest, r.problem)
    commitments = sum(1 for p in r.commitment if p.search(rest))
    if in_part:
        commitments += answers + sum(1 for p in r.part_commitment if p.search(rest))
    plan_label = any(p.search(text) for p in r.plan_labels)
    return Stance(problems, commitments, plan_label)


@lru_cache(maxsize=1024)
def title_stance(title: str) -> frozenset[str]:
    return frozenset({label for label, words in rules().stance_titles.items() if any(w in title for w in words)})


def is_plan(view: PassageView) -> bool:
    """Wholly a plan: starts with a commitment and reports no figures."""
    return bool(rules().plan_start.search(view.text)) and not _DIGIT.search(view.text)


# ---------------------------------------------------------------- labelling functions

@dataclass
class State:
    """What the functions remember while walking a report: the stance of the list under
    way in each problems part."""

    stance: dict = field(default_factory=dict)  # top section id → set of stance labels


LF = Callable[[PassageView, State], Optional[str]]


def _in_part(v: PassageView) -> bool:
    return v.top_kind == rules().stance_kind or v.kind == rules().stance_kind


def lf_section_kind(v: PassageView, s: State) -> str | None:
    if v.is_heading:
        return None
    return rules().section_kinds.get(v.kind)


def make_heading_lf(label: str) -> LF:
    def lf(v: PassageView, s: State) -> str | None:
        if not v.is_heading:
            return None
        if label in STANCES:
            return label if _in_part(v) and label in title_stance(v.title) else None
        if rules().section_kinds.get(v.kind) == label and not _in_part(v):
            return label
        strong, weak = rules().lexicons[label]
        return label if any(t in v.title for t in strong + weak) else None
    lf.__name__ = f"heading_title:{label}"
    return lf


def make_title_lexicon_lf(label: str) -> LF:
    def lf(v: PassageView, s: State) -> str | None:
        if v.is_heading:
            return None
        return label if any(t in title for title in v.titles for t in rules().lexicons[label][0]) else None
    lf.__name__ = f"title_lexicon:{label}"
    return lf


def make_lexicon_lf(label: str, dense: bool) -> LF:
    def lf(v: PassageView, s: State) -> str | None:
        if v.is_heading:
            return None
        r = rules()
        need = r.lex_dense if dense or (v.kind in r.overview_kinds and len(v.titles) <= 1) else r.lex_min
        return label if lexicon_score(v.text, label) >= need else None
    lf.__name__ = f"{'lexicon_dense' if dense else 'lexicon'}:{label}"
    return lf


def lf_problem_cue(v: PassageView, s: State) -> str | None:
    if v.is_heading:
        return None
    need = 1 if _in_part(v) else 2
    return "problems" if stance_cues(v.text, _in_part(v)).problems >= need else None


def lf_commitment(v: PassageView, s: State) -> str | None:
    if v.is_heading:
        return None
    return "improvements" if stance_cues(v.text, _in_part(v)).commitments else None


def make_stance_context_lf(label: str) -> LF:
    """In the problems part, a passage with no cue of its own continues the stance of the
    list before it (or takes the one its title names)."""

    def lf(v: PassageView, s: State) -> str | None:
        if v.is_heading or not _in_part(v):
            return None
        c = stance_cues(v.text, True)
        if c.problems or c.commitments:
            return None
        own = title_stance(v.title) if v.title and v.titles and v.title != v.titles[0] else frozenset()
        stance = own if len(own) == 1 else s.stance.get(v.top_id, set())
        return label if label in stance else None
    lf.__name__ = f"stance_context:{label}"
    return lf


def _update_state(v: PassageView, s: State) -> None:
    if not _in_part(v):
        return
    if v.is_heading:
        t = title_stance(v.title)
        if len(t) == 1:
            s.stance[v.top_id] = set(t)
        return
    c = stance_cues(v.text, True)
    if c.commitments or c.plan_label:
        s.stance[v.top_id] = {"improvements"}
    elif c.problems:
        s.stance[v.top_id] = {"problems"}


def _weight_of(name: str) -> float:
    return float(rules().weights[name.split(":")[0]])


@lru_cache(maxsize=1)
def labelling_functions() -> tuple[LF, ...]:
    fns: list[LF] = [lf_section_kind]
    for label in LABELS:
        fns.append(make_heading_lf(label))
    for label in TOPICS:
        fns += [make_title_lexicon_lf(label), make_lexicon_lf(label, False), make_lexicon_lf(label, True)]
    fns += [lf_problem_cue, lf_commitment]
    for label in STANCES:
        fns.append(make_stance_context_lf(label))
    return tuple(fns)


# ---------------------------------------------------------------- aggregation

@dataclass
class RuleResult:
    votes: dict[str, list[str]]  # label → names of the functions that voted for it
    scores: dict[str, float]     # label → rule score in [0, 1]
    labels: list[str]
    blocked: frozenset = frozenset()  # labels the guideline's constraints rule out here
    in_part: bool = False             # the passage is in the problems part


def _name(fn) -> str:
    n = fn.__name__
    return n[3:] if n.startswith("lf_") else n


def apply_rules(views: list[PassageView]) -> list[RuleResult]:
    r = rules()
    state = State()
    out = []
    for v in views:
        votes: dict[str, list[str]] = {}
        for fn in labelling_functions():
            label = fn(v, state)
            if label is not None:
                votes.setdefault(label, []).append(_name(fn))
        _update_state(v, state)
        blocked: set[str] = set()
        if v.kind in r.silent_kinds or v.top_kind in r.silent_kinds:
            blocked = set(LABELS)
        elif _in_part(v) or is_plan(v):
            blocked = set(TOPICS)
        scores = {}
        for label in LABELS:
            if label in blocked or label not in votes:
                scores[label] = 0.0
                continue
            miss = 1.0
            for name in votes[label]:
                miss *= 1.0 - _weight_of(name)
            scores[label] = round(1.0 - miss, 6)
        labels = [x for x in LABELS if scores[x] >= r.threshold]
        out.append(RuleResult({k: votes[k] for k in LABELS if k in votes}, scores, labels, frozenset(blocked), _in_part(v)))
    return out


def clear_caches() -> None:
    """Forget per-text results (benchmarks measure a first pass over unseen text)."""
    for fn in (lexicon_score, stance_cues, title_stance):
        fn.cache_clear()
