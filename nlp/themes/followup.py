"""Follow-up across years and boilerplate across bodies.

Near-duplicate statements are found by cosine similarity of character 2–3-gram counts
(sublinear TF, no IDF, so a pair's score does not depend on the rest of the corpus) on
the repaired text without markers, spaces and punctuation.  Two statements are the same
statement when the cosine is at least ``THRESHOLD`` (0.7; see ``corpora/gold/themes/
README.md`` for how it was chosen: every pair of distinct real statements scores below
it, and a statement with its year changed, a few words swapped or a clause added scores
above).

- ``followups``: for a body with several reports, each year's problems against the next
  report's problems (repeated?) and improvements (followed up by one of the same theme?).
- ``repeats``: every near-duplicate pair: ``repeated_problem`` / ``repeated_improvement``
  (same body, consecutive reports), ``boilerplate`` (different bodies, statements of at
  least ``MIN_BOILERPLATE_CHARS``) and ``boilerplate_passage`` (the whole problems passage
  of two bodies' reports).
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

import numpy as np

from nlp.themes.statements import IMPROVEMENT, PROBLEM, Statement

THRESHOLD = 0.7
MIN_BOILERPLATE_CHARS = 12
_BLOCK = 2048
_NON_WORD = re.compile(r"[^\w]")


def comparable(clean: str) -> str:
    return _NON_WORD.sub("", clean)


def vectors(texts: list[str]):
    """L2-normalised character 2–3-gram vectors (sublinear TF, no IDF)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    vec = TfidfVectorizer(analyzer="char", ngram_range=(2, 3), use_idf=False, sublinear_tf=True, norm="l2")
    return vec.fit_transform([comparable(t) or "∅" for t in texts])


def similarity(a: str, b: str) -> float:
    X = vectors([a, b])
    return float((X[0] @ X[1].T).toarray()[0, 0])


def similar_pairs(X, threshold: float = THRESHOLD, mask=None) -> list[tuple[int, int, float]]:
    """(i, j, cosine) with i < j and cosine ≥ threshold, block by block (sparse)."""
    out = []
    n = X.shape[0]
    for a in range(0, n, _BLOCK):
        S = (X[a : a + _BLOCK] @ X.T).tocoo()
        for i, j, v in zip(S.row, S.col, S.data):
            i = int(i) + a
            j = int(j)
            if i < j and v >= threshold - 1e-9 and (mask is None or mask(i, j)):
                out.append((i, j, round(float(v), 4)))
    return sorted(out)


@dataclass
class ReportKey:
    body: str
    year: int
    doc_id: str
    source: str


def body_key(s: Statement) -> str:
    """Statements of one body: its name without spaces; a report without a body is its own."""
    return re.sub(r"\s+", "", s.body) if s.body else f"doc:{s.doc_id}"


def _reports(statements: list[Statement]) -> dict[str, list[tuple[int, str]]]:
    """body → [(year, doc_id)] sorted by year, for reports with a year."""
    seen = defaultdict(set)
    for s in statements:
        if s.year is not None:
            seen[body_key(s)].add((s.year, s.doc_id))
    return {b: sorted(v) for b, v in seen.items()}


def _ref(prefix: str, s: Statement | None, sim: float | None = None) -> dict:
    if s is None:
        return {f"{prefix}doc_id": None, f"{prefix}start": None, f"{prefix}end": None, f"{prefix}text": None,
                f"{prefix}theme": None, f"{prefix}similarity": sim}
    return {f"{prefix}doc_id": s.doc_id, f"{prefix}start": s.start, f"{prefix}end": s.end, f"{prefix}text": s.clean,
            f"{prefix}theme": s.theme, f"{prefix}similarity": sim}


def _best(a: Statement, candidates: list[Statement], sims: dict) -> tuple[Statement | None, float]:
    best, best_sim = None, -1.0
    for c in candidates:
        v = sims[(a.key, c.key)]
        if v > best_sim:
            best, best_sim = c, v
    return best, round(best_sim, 4) if best else 0.0


def followups(statements: list[Statement], threshold: float = THRESHOLD) -> list[dict]:
    """One row per problem of a body's report that has a later report: the next report's
    closest problem (repeated when ≥ threshold) and its closest improvement of the same
    theme (followed up when there is one)."""
    by_doc = defaultdict(list)
    for s in sorted(statements, key=lambda s: s.key):
        by_doc[s.doc_id].append(s)
    rows = []
    for body, reports in sorted(_reports(statements).items()):
        for (year, doc), (next_year, next_doc) in zip(reports, reports[1:]):
            if next_year == year:
                continue  # two reports of the same year: copies, not a follow-up
            probs = [s for s in by_doc[doc] if s.kind == PROBLEM]
            nxt = by_doc[next_doc]
            if not probs:
                continue
            X = vectors([s.clean for s in probs + nxt])
            S = (X[: len(probs)] @ X[len(probs):].T).toarray() if nxt else np.zeros((len(probs), 0))
            sims = {(p.key, n.key): float(S[i, j]) for i, p in enumerate(probs) for j, n in enumerate(nxt)}
            next_probs = [s for s in nxt if s.kind == PROBLEM]
            next_imps = [s for s in nxt if s.kind == IMPROVEMENT]
            for p in probs:
                rp, rp_sim = _best(p, next_probs, sims)
                same_theme = [s for s in next_imps if s.theme == p.theme]
                fi, fi_sim = _best(p, same_theme or next_imps, sims)
                row = {"body": body, "year": year, "next_year": next_year, "doc_id": p.doc_id, "start": p.start,
                       "end": p.end, "text": p.clean, "theme": p.theme}
                row.update(_ref("next_problem_", rp, rp_sim if rp else None))
                row.update(_ref("next_improvement_", fi, fi_sim if fi else None))
                row["repeated"] = bool(rp and rp_sim >= threshold)
                row["same_theme_next_year"] = any(s.theme == p.theme for s in next_probs)
                row["followed_up"] = bool(same_theme)
                rows.append(row)
    return rows


def repeats(statements: list[Statement], threshold: float = THRESHOLD) -> list[dict]:
    """Near-duplicate pairs: repeated problems and improvements of a body in consecutive
    reports, statements and whole problem passages shared by different bodies."""
    ss = sorted(statements, key=lambda s: s.key)
    if not ss:
        return []
    reports = _reports(ss)
    consecutive = set()
    for body, reps in reports.items():
        for (y, d), (y2, d2) in zip(reps, reps[1:]):
            if y2 != y:
                consecutive.add((d, d2))
                consecutive.add((d2, d))
    X = vectors([s.clean for s in ss])
    rows = []
    for i, j, v in similar_pairs(X, threshold):
        a, b = ss[i], ss[j]
        if a.doc_id == b.doc_id:
            continue
        if body_key(a) == body_key(b):
            if (a.doc_id, b.doc_id) not in consecutive or a.kind != b.kind:
                continue
            relation = "repeated_problem" if a.kind == PROBLEM else "repeated_improvement"
        else:
            if min(len(comparable(a.clean)), len(comparable(b.clean))) < MIN_BOILERPLATE_CHARS:
                continue
            relation = "boilerplate"
        if (a.year or 0, a.key) > (b.year or 0, b.key):
            a, b = b, a
        rows.append(_pair(relation, a, b, v))
    rows.extend(_passage_pairs(ss, threshold))
    return sorted(rows, key=lambda r: (r["relation"], r["body_a"], r["year_a"] or 0, r["doc_id_a"], r["start_a"],
                                        r["doc_id_b"], r["start_b"]))


def _pair(relation: str, a: Statement, b: Statement, sim: float) -> dict:
    return {
        "relation": relation, "similarity": sim,
        "body_a": body_key(a), "year_a": a.year, "doc_id_a": a.doc_id, "source_a": a.source, "start_a": a.start,
        "end_a": a.end, "kind_a": a.kind, "theme_a": a.theme, "text_a": a.clean,
        "body_b": body_key(b), "year_b": b.year, "doc_id_b": b.doc_id, "source_b": b.source, "start_b": b.start,
        "end_b": b.end, "kind_b": b.kind, "theme_b": b.theme, "text_b": b.clean,
    }


def _passage_pairs(ss: list[Statement], threshold: float) -> list[dict]:
    """Whole problem passages (all problems of a report, in order) shared across bodies."""
    docs = defaultdict(list)
    for s in ss:
        if s.kind == PROBLEM:
            docs[s.doc_id].append(s)
    ids = sorted(docs)
    if len(ids) < 2:
        return []
    X = vectors(["".join(s.clean for s in docs[d]) for d in ids])
    out = []
    for i, j, v in similar_pairs(X, threshold):
        a, b = docs[ids[i]], docs[ids[j]]
        if body_key(a[0]) == body_key(b[0]):
            continue
        first_a, first_b = a[0], b[0]
        row = _pair("boilerplate_passage", first_a, first_b, v)
        row.update({"end_a": a[-1].end, "end_b": b[-1].end, "theme_a": "", "theme_b": "",
                    "text_a": "；".join(s.clean for s in a), "text_b": "；".join(s.clean for s in b)})
        out.append(row)
    return out
