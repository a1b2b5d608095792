"""Report-grouped cross-validation on the gold (``gongkai evaluate tag``).

Each fold holds out whole reports: the model is trained on everything else (rule-labelled
text, generated reports, the gold of the other reports) and scored on the held-out
reports' gold.  The rules need no training and are scored on the same passages; note that
they were written while reading these reports, so their figures are optimistic.
Per-label precision/recall/F1 pool the passages of all folds; macro-F1 is the mean over
the eight labels.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from nlp.tagging.combine import POLICIES, combine
from nlp.tagging.rules import apply_rules
from nlp.tagging.schema import LABELS
from nlp.tagging.train import SHARED, SYNTH_REPORTS, Example, fit, real_examples, sample_examples, synth_examples
from nlp.tagging.gold import GOLD_PASSAGES

Trainer = Callable[[list[Example]], Callable]  # examples → (views → list of {label: p})


@dataclass
class Outcome:
    group: str
    gold: tuple[str, ...]
    predicted: dict[str, list[str]]    # policy → labels
    scores: dict[str, dict[str, float]]  # policy → scores
    rule: object = None                  # the RuleResult (for trying other policies)
    proba: dict | None = None            # the model's probabilities


def linear_trainer(examples: list[Example]):
    model = fit(examples)
    return model.predict_proba


def by_report(examples: list[Example]) -> dict[str, list[Example]]:
    out: dict[str, list[Example]] = {}
    for e in examples:
        out.setdefault(e.group, []).append(e)
    return out


def cross_validate(shared: Path = SHARED, synth_n: int = SYNTH_REPORTS, gold_folder: Path = GOLD_PASSAGES,
                   trainer: Trainer = linear_trainer, folds: int = 0, progress=None,
                   real: list[Example] | None = None, rest: list[Example] | None = None) -> list[Outcome]:
    """Outcomes for every gold passage; ``folds`` = 0 holds out one report at a time.
    ``real`` (gold reports) and ``rest`` (other training text) may be given precomputed."""
    real = real_examples(shared, gold_folder) if real is None else real
    rest = sample_examples() + synth_examples(synth_n) if rest is None else rest
    reports = by_report(real)
    names = sorted(reports)
    k = len(names) if folds <= 0 else min(folds, len(names))
    groups = [names[i::k] for i in range(k)]
    out: list[Outcome] = []
    for i, held in enumerate(groups):
        if progress:
            progress(f"fold {i + 1}/{k}: holding out {', '.join(held)}")
        train = [e for e in real if e.group not in held] + rest
        predict = trainer(train)
        for name in held:
            exs = reports[name]
            vs = [e.view for e in exs]
            rule = apply_rules(vs)
            probas = predict(vs)
            for e, r, p in zip(exs, rule, probas):
                if not e.gold:
                    continue
                pred, sc = {}, {}
                for policy in POLICIES:
                    pred[policy], sc[policy] = combine(r, p, policy)
                out.append(Outcome(name, e.labels, pred, sc, r, p))
    return out


def scores(outcomes: list[Outcome], policy: str) -> dict:
    per = {}
    for label in LABELS:
        tp = sum(1 for o in outcomes if label in o.gold and label in o.predicted[policy])
        fp = sum(1 for o in outcomes if label not in o.gold and label in o.predicted[policy])
        fn = sum(1 for o in outcomes if label in o.gold and label not in o.predicted[policy])
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        per[label] = {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3), "support": tp + fn}
    macro = sum(v["f1"] for v in per.values()) / len(per)
    return {"labels": per, "macro_f1": round(macro, 3), "passages": len(outcomes),
            "reports": len({o.group for o in outcomes})}


def summary_table(outcomes: list[Outcome], policies=POLICIES) -> str:
    """Per-label P/R/F1 of each policy side by side, then macro-F1 (plain text)."""
    res = {p: scores(outcomes, p) for p in policies}
    head = f"{'label':13s} {'n':>4s}  " + "  ".join(f"{p + ' P/R/F1':>20s}" for p in policies)
    lines = [head]
    for label in LABELS:
        cells = []
        for p in policies:
            s = res[p]["labels"][label]
            cells.append(f"{s['precision']:.2f}/{s['recall']:.2f}/{s['f1']:.3f}".rjust(20))
        lines.append(f"{label:13s} {res[policies[0]]['labels'][label]['support']:4d}  " + "  ".join(cells))
    lines.append(f"{'macro-F1':13s} {'':4s}  " + "  ".join(f"{res[p]['macro_f1']:20.3f}" for p in policies))
    first = res[policies[0]]
    lines.append(f"{first['passages']} gold passages in {first['reports']} reports, report-grouped cross-validation")
    return "\n".join(lines)
