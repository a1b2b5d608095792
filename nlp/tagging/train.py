"""Training the linear tagger (scikit-learn; only training needs it).

Data: every passage of the available text labelled by the rules — the real reports in
``../shared`` (seeds, corpus), the sample corpus ``corpora/sample`` and generated reports
(``nlp.synth``, when it is there and works) — with the hand gold replacing the rule labels
where a passage has gold, and weighing ``GOLD_WEIGHT`` times as much.

Model: the feature strings of ``features.py`` → TF-IDF (sublinear tf, l2) → one
``LogisticRegression`` per label (liblinear, balanced classes) → Platt scaling fitted on
decision values predicted out of fold with folds grouped by report.  Every step is
deterministic (fixed folds, fixed seeds, sorted inputs).
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path

from nlp.tagging.context import PassageView, views
from nlp.tagging.features import passage_features
from nlp.tagging.gold import GOLD_PASSAGES, gold_reports
from nlp.tagging.linear import LinearTagger
from nlp.tagging.rules import apply_rules
from nlp.tagging.schema import LABELS

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "corpora" / "sample"
SHARED = REPO.parent / "shared"
SEED = 0
GOLD_WEIGHT = 10.0
SYNTH_REPORTS = 100
C = 4.0
MIN_DF = 2
MAX_FEATURES = 30000
CAL_FOLDS = 5


@dataclass
class Example:
    group: str                 # the report it comes from: folds never split a report
    view: PassageView
    feats: list[str]
    labels: tuple[str, ...]    # gold when `gold`, else the rules' labels
    gold: bool = False
    rule_scores: dict = field(default_factory=dict)


def _examples(group: str, report, gold_by_index: dict[int, tuple] | None = None) -> list[Example]:
    vs = views(report)
    rule = apply_rules(vs)
    feats = passage_features(vs)
    out = []
    for i, (v, r, f) in enumerate(zip(vs, rule, feats)):
        g = (gold_by_index or {}).get(i)
        out.append(Example(group, v, f, tuple(g) if g is not None else tuple(r.labels), g is not None, r.scores))
    return out


def real_examples(shared: Path = SHARED, gold_folder: Path = GOLD_PASSAGES, use_gold: bool = True) -> list[Example]:
    out = []
    for name, report, gold, idx in gold_reports(shared, gold_folder):
        by_index = {i: g.labels for g, i in zip(gold, idx) if i is not None} if use_gold else {}
        out += _examples(name, report, by_index)
    return out


def sample_examples(folder: Path = SAMPLE) -> list[Example]:
    import nlp

    out = []
    for path in sorted(Path(folder).glob("*.txt")):
        out += _examples(f"sample:{path.name}", nlp.read(path))
    return out


def synth_examples(n: int = SYNTH_REPORTS, seed: int = SEED) -> list[Example]:
    """Rule-labelled generated reports; none when nlp.synth is absent or fails."""
    if n <= 0:
        return []
    try:
        from nlp.ingest import load_bytes
        from nlp.structure import structure
        from nlp.synth import iter_reports

        out = []
        for i, g in enumerate(iter_reports(n, seed)):
            out += _examples(f"synth:{i}", structure(load_bytes(g.text.encode("utf-8"), f"synth{i}.{g.ext}")))
        return out
    except Exception:  # the generator is another stage's work in progress
        return []


def collect(shared: Path = SHARED, synth_n: int = SYNTH_REPORTS, gold_folder: Path = GOLD_PASSAGES) -> list[Example]:
    return real_examples(shared, gold_folder) + sample_examples() + synth_examples(synth_n)


# ---------------------------------------------------------------- fitting

def _vectorizer():
    from sklearn.feature_extraction.text import TfidfVectorizer

    return TfidfVectorizer(analyzer=_identity, sublinear_tf=True, min_df=MIN_DF, max_features=MAX_FEATURES, norm="l2")


def _identity(x):
    return x


def _classifier():
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=C, solver="liblinear", class_weight="balanced", random_state=SEED, max_iter=1000)


def _folds(groups: list[str], k: int) -> list[list[int]]:
    """k folds of example indices, whole reports per fold, assigned by a seeded shuffle."""
    names = sorted(set(groups))
    random.Random(SEED).shuffle(names)
    fold_of = {g: i % k for i, g in enumerate(names)}
    folds: list[list[int]] = [[] for _ in range(k)]
    for i, g in enumerate(groups):
        folds[fold_of[g]].append(i)
    return [f for f in folds if f]


def _platt(scores, y, w) -> tuple[float, float]:
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    if len(set(y)) < 2:
        return 1.0, 0.0
    lr = LogisticRegression(C=1e4, solver="lbfgs", max_iter=1000)
    lr.fit(np.asarray(scores).reshape(-1, 1), y, sample_weight=w)
    return float(lr.coef_[0][0]), float(lr.intercept_[0])


def fit(examples: list[Example], meta: dict | None = None) -> LinearTagger:
    """Train on ``examples`` and return the exported plain-Python model."""
    import numpy as np

    docs = [e.feats for e in examples]
    weights = np.array([GOLD_WEIGHT if e.gold else 1.0 for e in examples])
    Y = np.array([[1 if label in e.labels else 0 for label in LABELS] for e in examples])
    vec = _vectorizer()
    X = vec.fit_transform(docs)
    coefs, intercepts, calib = [], [], []
    folds = _folds([e.group for e in examples], CAL_FOLDS)
    for j, label in enumerate(LABELS):
        y = Y[:, j]
        if len(set(y)) < 2:  # a label never seen: constant score, probability 0
            coefs.append(np.zeros(X.shape[1]))
            intercepts.append(-10.0)
            calib.append((1.0, 0.0))
            continue
        clf = _classifier().fit(X, y, sample_weight=weights)
        coefs.append(clf.coef_[0])
        intercepts.append(float(clf.intercept_[0]))
        oof = np.zeros(len(y))
        for test in folds:
            train = np.setdiff1d(np.arange(len(y)), test)
            if len(set(y[train])) < 2:
                oof[test] = clf.decision_function(X[test])
                continue
            part = _classifier().fit(X[train], y[train], sample_weight=weights[train])
            oof[test] = part.decision_function(X[test])
        calib.append(_platt(oof, y, weights))
    vocab = {}
    W = np.vstack(coefs).T  # features × labels
    for f, i in vec.vocabulary_.items():
        vocab[f] = (float(vec.idf_[i]), tuple(float(x) for x in W[i]))
    info = dict(meta or {})
    info.setdefault("training", {}).update(summary(examples))
    import sklearn

    info["trained_with"] = {"scikit-learn": sklearn.__version__, "numpy": np.__version__}
    info["hyperparameters"] = {"C": C, "min_df": MIN_DF, "max_features": MAX_FEATURES, "gold_weight": GOLD_WEIGHT,
                               "calibration_folds": CAL_FOLDS, "seed": SEED}
    return LinearTagger(LABELS, vocab, tuple(intercepts), tuple(calib), info)


def summary(examples: list[Example]) -> dict:
    groups = {}
    for e in examples:
        src = e.group.split(":")[0] if ":" in e.group else "real"
        g = groups.setdefault(src, {"reports": set(), "passages": 0, "gold_passages": 0})
        g["reports"].add(e.group)
        g["passages"] += 1
        g["gold_passages"] += int(e.gold)
    return {k: {"reports": len(v["reports"]), "passages": v["passages"], "gold_passages": v["gold_passages"]}
            for k, v in sorted(groups.items())}


def train_default(out: Path, shared: Path = SHARED, synth_n: int = SYNTH_REPORTS, version: str = "1.0.0",
                  gold_folder: Path = GOLD_PASSAGES) -> LinearTagger:
    model = fit(collect(shared, synth_n, gold_folder), {"name": "gongkai-passage-tagger", "version": version})
    model.save(out)
    return model
