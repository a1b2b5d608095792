"""`gongkai evaluate claims`: precision, recall and F1 of claim extraction (span + value)
and of indicator linking, against corpora/gold/claims/*.jsonl."""
from __future__ import annotations

import json
from pathlib import Path

import nlp
from nlp.claims import extract
from nlp.evaluate import GOLD, find_source, prf


def _same_value(a, b) -> bool:
    return a is not None and b is not None and abs(float(a) - float(b)) <= 1e-6 * max(1.0, abs(float(b)))


def _pairs(shared: Path, gold_dir: Path, missing: list | None = None):
    """(gold claims, predicted claims) of every gold file whose report is under ``shared``."""
    for gf in sorted(gold_dir.glob("*.jsonl")):
        gold = [json.loads(line) for line in gf.read_text(encoding="utf-8").splitlines() if line.strip()]
        if not gold:
            continue
        src = find_source(gold[0]["file"], shared)
        if src is None:
            if missing is not None:
                missing.append(gold[0]["file"])
            continue
        yield gold, extract(nlp.read(src))


def evaluate(shared: Path, gold_dir: Path = GOLD / "claims") -> dict:
    per_file = {}
    totals = {"strict": [0, 0, 0], "overlap": [0, 0, 0], "link": [0, 0, 0]}
    missing: list = []
    for gold, pred in _pairs(shared, gold_dir, missing):
        strict = sum(1 for g in gold if any(p.start == g["start"] and p.end == g["end"] and _same_value(p.value, g["value"]) for p in pred))
        overlap = sum(1 for g in gold if any(p.start < g["end"] and g["start"] < p.end and _same_value(p.value, g["value"]) for p in pred))
        # linking: a predicted link is right when it sits on a gold claim with that indicator
        linked_pred = [p for p in pred if p.indicator]
        linked_gold = [g for g in gold if g.get("indicator")]
        link_tp = sum(1 for p in linked_pred if any(p.start < g["end"] and g["start"] < p.end and g.get("indicator") == p.indicator for g in gold))
        row = {"strict": prf(strict, len(pred), len(gold)), "overlap": prf(overlap, len(pred), len(gold)),
               "link": prf(link_tp, len(linked_pred), len(linked_gold))}
        per_file[gold[0]["file"]] = row
        for k, (tp, n_pred, n_gold) in (("strict", (strict, len(pred), len(gold))), ("overlap", (overlap, len(pred), len(gold))),
                                         ("link", (link_tp, len(linked_pred), len(linked_gold)))):
            totals[k][0] += tp
            totals[k][1] += n_pred
            totals[k][2] += n_gold
    return {"files": per_file, "total": {k: prf(*v) for k, v in totals.items()}, "missing": missing}


def errors(shared: Path, gold_dir: Path = GOLD / "claims") -> list[dict]:
    """Every disagreement, for reading: missed gold claims and spurious predictions."""
    out = []
    for gold, pred in _pairs(shared, gold_dir):
        for g in gold:
            if not any(p.start == g["start"] and p.end == g["end"] and _same_value(p.value, g["value"]) for p in pred):
                out.append({"file": g["file"], "type": "missed", "text": g["text"], "start": g["start"], "value": g["value"]})
        for p in pred:
            if not any(p.start == g["start"] and p.end == g["end"] and _same_value(p.value, g["value"]) for g in gold):
                out.append({"file": gold[0]["file"], "type": "spurious", "text": p.text, "start": p.start, "value": p.value})
    return out
