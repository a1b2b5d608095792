"""Agreement of the theme stage with the hand-labelled statements in
``corpora/gold/themes/statements.jsonl`` (file name, canonical offsets, kind, theme,
other themes a careful reader would also accept, and the first characters as a check).

Reported: statement recall and precision (exact spans) in the labelled reports, kind
accuracy, and theme agreement on the statements found — accuracy, accuracy where an
``also`` theme counts, and Cohen's kappa.
"""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import nlp
from nlp.evaluate import GOLD, find_source

GOLD_FILE = GOLD / "themes" / "statements.jsonl"


def read_gold(path: Path = GOLD_FILE) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def cohen_kappa(a: list[str], b: list[str]) -> float:
    n = len(a)
    if not n:
        return 0.0
    observed = sum(1 for x, y in zip(a, b) if x == y) / n
    ca, cb = Counter(a), Counter(b)
    expected = sum(ca[k] * cb[k] for k in set(ca) | set(cb)) / (n * n)
    return round((observed - expected) / (1 - expected), 4) if expected < 1 else 1.0


def evaluate(shared: Path, gold_path: Path = GOLD_FILE, seed: int = 0, use_tagging: bool | None = False) -> dict:
    """Scores of the theme stage on the gold reports found under ``shared``."""
    from nlp.themes.run import analyse

    gold = read_gold(gold_path)
    files = sorted({g["file"] for g in gold})
    sources = {f: find_source(f, shared) for f in files}
    missing = [f for f, p in sources.items() if p is None]
    reports = {f: nlp.read(p) for f, p in sources.items() if p is not None}
    run = analyse([reports[f] for f in sorted(reports)], seed=seed, use_tagging=use_tagging)
    by_doc = {r.doc_id: f for f, r in reports.items()}
    predicted = {(by_doc[s.doc_id], s.start, s.end): s for s in run.statements}
    gold = [g for g in gold if g["file"] in reports]
    bad_heads = [g for g in gold if not reports[g["file"]].text[g["start"]:g["end"]].startswith(g["head"])]
    found = [(g, predicted[(g["file"], g["start"], g["end"])]) for g in gold if (g["file"], g["start"], g["end"]) in predicted]
    gt = [g["theme"] for g, _ in found]
    pt = [s.theme for _, s in found]
    strict = sum(1 for x, y in zip(gt, pt) if x == y)
    lenient = sum(1 for g, s in found if s.theme == g["theme"] or s.theme in g.get("also", []))
    confusion = Counter((g["theme"], s.theme) for g, s in found if s.theme != g["theme"])
    n = len(found)
    return {
        "files": len(reports), "missing": missing, "bad_heads": len(bad_heads),
        "statements": {"gold": len(gold), "predicted": len(predicted), "exact": n,
                       "recall": round(n / len(gold), 4) if gold else 0.0,
                       "precision": round(n / len(predicted), 4) if predicted else 0.0},
        "kind_accuracy": round(sum(1 for g, s in found if g["kind"] == s.kind) / n, 4) if n else 0.0,
        "themes": {"n": n, "accuracy": round(strict / n, 4) if n else 0.0, "lenient_accuracy": round(lenient / n, 4) if n else 0.0,
                   "kappa": cohen_kappa(gt, pt),
                   "disagreements": [{"gold": a, "model": b, "count": c} for (a, b), c in sorted(confusion.items())]},
        "problems_only": _problem_scores(found),
    }


def _problem_scores(found) -> dict:
    pf = [(g, s) for g, s in found if g["kind"] == "problem"]
    if not pf:
        return {"n": 0}
    return {"n": len(pf), "accuracy": round(sum(1 for g, s in pf if g["theme"] == s.theme) / len(pf), 4),
            "kappa": cohen_kappa([g["theme"] for g, _ in pf], [s.theme for _, s in pf])}
