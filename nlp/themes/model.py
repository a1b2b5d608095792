"""Themes for a corpus of statements: seed taxonomy first, clustering for the rest.

Each statement gets ``theme`` and ``score`` (in [0, 1]): for a seed theme the strength
and share of its keyword evidence (nlp.themes.taxonomy.best_theme); for a discovered
theme the cosine between the statement and its cluster centre.  Each theme gets c-TF-IDF
keywords, the taxonomy keywords its statements matched, and representative statements.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

import numpy as np

from nlp.themes.discover import cluster, ctfidf_keywords, tfidf
from nlp.themes.statements import IMPROVEMENT, PROBLEM, Statement
from nlp.themes.taxonomy import best_theme, load_taxonomy, match
from nlp.themes.tokens import tokens

N_REPRESENTATIVES = 3
DISCOVERED_PREFIX = "new_"


@dataclass
class Theme:
    id: str
    name: str
    name_en: str
    origin: str  # seed, discovered, other
    keywords: list[str] = field(default_factory=list)  # c-TF-IDF terms
    seed_keywords: list[str] = field(default_factory=list)  # taxonomy keywords its statements matched
    statements: int = 0
    problems: int = 0
    improvements: int = 0
    representatives: list[Statement] = field(default_factory=list)

    def record(self) -> dict:
        return {
            "theme": self.id, "name": self.name, "name_en": self.name_en, "origin": self.origin,
            "statements": self.statements, "problems": self.problems, "improvements": self.improvements,
            "keywords": " ".join(self.keywords), "seed_keywords": " ".join(self.seed_keywords),
            "representatives": " ‖ ".join(f"{s.clean} [{s.doc_id}:{s.start}-{s.end}]" for s in self.representatives),
        }


def _place_by_keywords(statements: list[Statement]) -> list[Statement]:
    """Seed themes by keywords; returns the statements left for clustering."""
    tax = load_taxonomy()
    pool = []
    for s in statements:
        s.hits = {k: (round(w, 4), kws, first) for k, (w, kws, first) in match(s.clean, s.headline).items()}
        theme_id, score = best_theme(s.hits)
        if theme_id and s.hits[theme_id][0] >= tax.min_weight:
            s.theme, s.score = theme_id, score
        else:
            pool.append(s)
    return pool


def _place_by_clusters(pool: list[Statement], toks: dict[tuple, list[str]], seed: int) -> list[str]:
    """Discovered themes for the pool; returns their ids in order."""
    tax = load_taxonomy()
    labels, sims = cluster([toks[s.key] for s in pool], seed)
    members: dict[int, list[int]] = defaultdict(list)
    for i, lab in enumerate(labels):
        if lab >= 0:
            members[lab].append(i)
    order = sorted(members, key=lambda lab: (-len(members[lab]), min(pool[i].key for i in members[lab])))
    ids = {lab: f"{DISCOVERED_PREFIX}{n + 1:02d}" for n, lab in enumerate(order)}
    for i, s in enumerate(pool):
        if labels[i] >= 0:
            s.theme, s.score = ids[labels[i]], round(max(0.0, sims[i]), 4)
        else:  # weak keyword evidence is still better than none
            theme_id, score = best_theme(s.hits)
            s.theme, s.score = (theme_id, score) if theme_id else (tax.other.id, 0.0)
    return [ids[lab] for lab in order]


def _centroid_similarity(statements: list[Statement], toks: dict[tuple, list[str]]) -> dict[tuple, float]:
    """Cosine of each statement to the centre of its theme (for choosing representatives)."""
    if not statements:
        return {}
    X, _ = tfidf([toks[s.key] or ["∅"] for s in statements])
    by_theme: dict[str, list[int]] = defaultdict(list)
    for i, s in enumerate(statements):
        by_theme[s.theme].append(i)
    out = {}
    for idx in by_theme.values():
        centre = np.asarray(X[idx].mean(axis=0)).ravel()
        norm = float(np.linalg.norm(centre))
        for i in idx:
            out[statements[i].key] = float(X[i].toarray().ravel() @ centre / norm) if norm else 0.0
    return out


def assign_themes(statements: list[Statement], seed: int = 0) -> list[Theme]:
    """Set theme and score on every statement; return the themes (seed themes in taxonomy
    order, then discovered, then other), each with keywords and representatives."""
    tax = load_taxonomy()
    statements = sorted(statements, key=lambda s: s.key)
    toks = {s.key: tokens(s.clean) for s in statements}
    pool = _place_by_keywords(statements)
    discovered = _place_by_clusters(pool, toks, seed)

    themes = [Theme(t.id, t.name, t.name_en, "seed") for t in tax.themes]
    themes += [Theme(d, "", "", "discovered") for d in discovered]
    themes.append(Theme(tax.other.id, tax.other.name, tax.other.name_en, "other"))
    by_id = {t.id: t for t in themes}
    members: dict[str, list[Statement]] = defaultdict(list)
    for s in statements:
        members[s.theme].append(s)
    keywords = ctfidf_keywords({tid: [toks[s.key] for s in ss] for tid, ss in members.items()})
    closeness = _centroid_similarity(statements, toks)
    for tid, ss in members.items():
        th = by_id[tid]
        th.statements = len(ss)
        th.problems = sum(1 for s in ss if s.kind == PROBLEM)
        th.improvements = sum(1 for s in ss if s.kind == IMPROVEMENT)
        th.keywords = [w for w, _ in keywords.get(tid, [])]
        found = Counter(kw for s in ss for kw in s.hits.get(tid, (0, [], 0))[1])
        th.seed_keywords = [kw for kw, _ in sorted(found.items(), key=lambda x: (-x[1], x[0]))[:8]]
        ranked = sorted(ss, key=lambda s: (-s.score, -round(closeness.get(s.key, 0.0), 6), s.key))
        seen: set[str] = set()
        for s in ranked:
            if s.clean not in seen:
                th.representatives.append(s)
                seen.add(s.clean)
            if len(th.representatives) == N_REPRESENTATIVES:
                break
        if th.origin == "discovered":
            top = th.keywords[:3] or ["?"]
            th.name = "·".join(top)
            th.name_en = "discovered: " + ", ".join(top)
    return themes
