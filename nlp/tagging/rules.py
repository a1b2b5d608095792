"""Labelling rules: small functions that each vote for one label or abstain.

The functions read the section kind, the titles above a passage, lexicons and patterns,
all in ``nlp/resources/tagging/rules.yaml``; what they read of a passage's text and titles
is found once per passage (``cues``; the lexicon terms in one scan, ``terms.py``).
``apply_rules(views)`` runs them over a report's passages in order (the stance of a list
item depends on the list it continues) and aggregates the votes: a label's rule score is
the noisy-OR of the weights of the functions that voted for it; the label is on when the
score reaches the threshold.

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
from nlp.tagging.patterns import search_form
from nlp.tagging.schema import LABELS, STANCES, TOPICS
from nlp.tagging.terms import Terms

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
    terms: Terms          # every lexicon term, matched in one scan
    term_scores: dict     # term → ((label, lexicon score it adds), ...)
    strong_labels: dict   # term → labels it is a strong term of
    any_label: dict       # term → labels it is a term of


def _compile(patterns) -> tuple:
    return tuple(re.compile(p) for p in patterns)


def _term_tables(lex: dict) -> tuple[dict, dict, dict]:
    """Per term: the score it adds to each label (2 per strong listing, 1 per weak one, so
    a term listed twice counts twice, as the per-term sum did), the labels it is strong for
    and the labels it belongs to."""
    scores, strong, named = {}, {}, {}
    for label, (st, wk) in lex.items():
        for t in dict.fromkeys(st + wk):
            scores[t] = scores.get(t, ()) + ((label, 2 * st.count(t) + wk.count(t)),)
            named[t] = named.get(t, frozenset()) | {label}
            if t in st:
                strong[t] = strong.get(t, frozenset()) | {label}
    return scores, strong, named


@lru_cache(maxsize=1)
def rules() -> Rules:
    d = load_yaml("tagging/rules.yaml")
    lex = {k: (tuple(v.get("strong", [])), tuple(v.get("weak", []))) for k, v in d["lexicons"].items()}
    term_scores, strong_labels, any_label = _term_tables(lex)
    return Rules(
        float(d["threshold"]), dict(d["weights"]), dict(d["section_kinds"]), frozenset(d["silent_kinds"]),
        d["stance_kind"], lex, int(d["lexicon_scores"]["min"]), int(d["lexicon_scores"]["dense"]),
        _compile(d["problem_patterns"]), _compile(d["response_patterns"]), _compile(d["commitment_patterns"]),
        _compile(d["stance_part_commitments"]), _compile(d["plan_labels"]),
        {k: tuple(v) for k, v in d["stance_titles"].items()}, re.compile(d["plan_start"]),
        frozenset(d["overview_kinds"]),
        Terms(term_scores), term_scores, strong_labels, any_label,
    )


@lru_cache(maxsize=1)
def _searched() -> dict[str, tuple[re.Pattern, ...]]:
    """The patterns that are only searched for (not masked), in their faster search forms."""
    r = rules()
    return {"commitment": tuple(map(search_form, r.commitment)),
            "part_commitment": tuple(map(search_form, r.part_commitment)),
            "plan_labels": tuple(map(search_form, r.plan_labels))}


# ---------------------------------------------------------------- cues on text

def lexicon_scores(text: str) -> dict[str, int]:
    """Label → lexicon score: 2 per distinct strong term in ``text``, 1 per weak one."""
    r = rules()
    out = dict.fromkeys(r.lexicons, 0)
    for t in r.terms.present(text):
        for label, add in r.term_scores[t]:
            out[label] += add
    return out


def labels_named(text: str, strong_only: bool = False) -> frozenset[str]:
    """Labels with a lexicon term (a strong one with ``strong_only``) in ``text``."""
    r = rules()
    table = r.strong_labels if strong_only else r.any_label
    return frozenset().union(*(table.get(t, ()) for t in r.terms.present(text)))


def _placeholder(m: re.Match) -> str:
    return "□" * len(m.group(0))


def _mask(text: str, patterns) -> tuple[str, int]:
    """Text with every match replaced by a placeholder of the same length; match count."""
    n = 0
    for pat in patterns:
        if pat.search(text):  # a search that finds nothing is quicker than a substitution
            text, k = pat.subn(_placeholder, text)
            n += k
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
    r, searched = rules(), _searched()
    rest, answers = _mask(text, r.response)
    rest, problems = _mask(rest, r.problem)
    commitments = sum(1 for p in searched["commitment"] if p.search(rest))
    if in_part:
        commitments += answers + sum(1 for p in searched["part_commitment"] if p.search(rest))
    plan_label = any(p.search(text) for p in searched["plan_labels"])
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


@dataclass(frozen=True)
class Cues:
    """What the functions read of one passage's text and titles, found once per passage."""

    in_part: bool              # the passage is in the problems part
    stance: Stance | None      # stance cues of the text (None for a heading)
    lexicon: dict              # label → lexicon score of the text (empty for a heading)
    lexicon_need: tuple        # the score the lexicon and the dense lexicon functions need
    title_labels: frozenset    # labels with a strong term in a title above (body passages)
    heading_labels: frozenset  # labels with any term in the heading's own title


def cues(v: PassageView, seen: dict | None = None) -> Cues:
    """``seen``: title → labels it names with a strong term, for the titles seen so far in
    the report (titles repeat for every passage below them)."""
    in_part = _in_part(v)
    if v.is_heading:
        return Cues(in_part, None, {}, (), frozenset(), labels_named(v.title))
    seen = {} if seen is None else seen
    for t in v.titles:
        if t not in seen:
            seen[t] = labels_named(t, strong_only=True)
    title_labels = frozenset().union(*(seen[t] for t in v.titles))
    r = rules()
    opening = v.kind in r.overview_kinds and len(v.titles) <= 1  # a general opening: dense needed
    need = (r.lex_dense if opening else r.lex_min, r.lex_dense)
    return Cues(in_part, stance_cues(v.text, in_part), lexicon_scores(v.text), need, title_labels, frozenset())


LF = Callable[[PassageView, Cues, State], Optional[str]]


def _in_part(v: PassageView) -> bool:
    return v.top_kind == rules().stance_kind or v.kind == rules().stance_kind


def lf_section_kind(v: PassageView, c: Cues, s: State) -> str | None:
    if v.is_heading:
        return None
    return rules().section_kinds.get(v.kind)


def make_heading_lf(label: str) -> LF:
    def lf(v: PassageView, c: Cues, s: State) -> str | None:
        if not v.is_heading:
            return None
        if label in STANCES:
            return label if c.in_part and label in title_stance(v.title) else None
        if rules().section_kinds.get(v.kind) == label and not c.in_part:
            return label
        return label if label in c.heading_labels else None
    lf.__name__ = f"heading_title:{label}"
    return lf


def make_title_lexicon_lf(label: str) -> LF:
    def lf(v: PassageView, c: Cues, s: State) -> str | None:
        if v.is_heading:
            return None
        return label if label in c.title_labels else None
    lf.__name__ = f"title_lexicon:{label}"
    return lf


def make_lexicon_lf(label: str, dense: bool) -> LF:
    def lf(v: PassageView, c: Cues, s: State) -> str | None:
        if v.is_heading:
            return None
        return label if c.lexicon[label] >= c.lexicon_need[dense] else None
    lf.__name__ = f"{'lexicon_dense' if dense else 'lexicon'}:{label}"
    return lf


def lf_problem_cue(v: PassageView, c: Cues, s: State) -> str | None:
    if v.is_heading:
        return None
    need = 1 if c.in_part else 2
    return "problems" if c.stance.problems >= need else None


def lf_commitment(v: PassageView, c: Cues, s: State) -> str | None:
    if v.is_heading:
        return None
    return "improvements" if c.stance.commitments else None


def make_stance_context_lf(label: str) -> LF:
    """In the problems part, a passage with no cue of its own continues the stance of the
    list before it (or takes the one its title names)."""

    def lf(v: PassageView, c: Cues, s: State) -> str | None:
        if v.is_heading or not c.in_part:
            return None
        if c.stance.problems or c.stance.commitments:
            return None
        own = title_stance(v.title) if v.title and v.titles and v.title != v.titles[0] else frozenset()
        stance = own if len(own) == 1 else s.stance.get(v.top_id, set())
        return label if label in stance else None
    lf.__name__ = f"stance_context:{label}"
    return lf


def _update_state(v: PassageView, s: State, stance: Stance | None = None) -> None:
    """``stance``: the passage's stance cues in the problems part, when already found."""
    if not _in_part(v):
        return
    if v.is_heading:
        t = title_stance(v.title)
        if len(t) == 1:
            s.stance[v.top_id] = set(t)
        return
    c = stance_cues(v.text, True) if stance is None else stance
    if c.commitments or c.plan_label:
        s.stance[v.top_id] = {"improvements"}
    elif c.problems:
        s.stance[v.top_id] = {"problems"}


def list_context(v: PassageView, s: State) -> str:
    """The stance of the list before ``v`` when ``v`` is in the problems part and that
    stance is one label; empty otherwise (the ``ctx=`` feature of the model)."""
    if v.top_kind != "problems_improvements" and v.kind != "problems_improvements":
        return ""
    stance = s.stance.get(v.top_id, set())
    return next(iter(stance)) if len(stance) == 1 and v.top_id is not None else ""


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
    context: str = ""                 # the stance of the list before it (``list_context``)


def _name(fn) -> str:
    n = fn.__name__
    return n[3:] if n.startswith("lf_") else n


@lru_cache(maxsize=1)
def _voters() -> tuple[tuple[tuple[LF, str], ...], dict[str, float]]:
    """The labelling functions with their names, and the weight of each name."""
    named = tuple((fn, _name(fn)) for fn in labelling_functions())
    return named, {name: _weight_of(name) for _, name in named}


_NONE, _ALL, _TOPICS = frozenset(), frozenset(LABELS), frozenset(TOPICS)


def _noisy_or(votes: dict[str, list[str]], blocked: frozenset, weight: dict[str, float]) -> dict[str, float]:
    """Label → noisy-OR of the weights of the functions that voted for it (0: blocked, no vote)."""
    scores = dict.fromkeys(LABELS, 0.0)
    for label, names in votes.items():
        if label in scores and label not in blocked:
            miss = 1.0
            for name in names:
                miss *= 1.0 - weight[name]
            scores[label] = round(1.0 - miss, 6)
    return scores


def apply_rules(views: list[PassageView]) -> list[RuleResult]:
    r = rules()
    voters, weight = _voters()
    state = State()
    out = []
    seen: dict = {}
    for v in views:
        c = cues(v, seen)
        votes: dict[str, list[str]] = {}
        for fn, name in voters:
            label = fn(v, c, state)
            if label is not None:
                votes.setdefault(label, []).append(name)
        context = list_context(v, state)
        _update_state(v, state, c.stance)
        if v.kind in r.silent_kinds or v.top_kind in r.silent_kinds:
            blocked = _ALL
        elif c.in_part or is_plan(v):
            blocked = _TOPICS
        else:
            blocked = _NONE
        scores = _noisy_or(votes, blocked, weight)
        labels = [x for x in LABELS if scores[x] >= r.threshold]
        out.append(RuleResult({k: votes[k] for k in LABELS if k in votes}, scores, labels, blocked, c.in_part, context))
    return out


def clear_caches() -> None:
    """Forget per-text results (benchmarks measure a first pass over unseen text)."""
    from nlp.tagging.features import _title_features

    for fn in (stance_cues, title_stance, _title_features):
        fn.cache_clear()
