"""The stratified sample a second annotator labels independently.

    python -m nlp.tagging.sampling [N] > corpora/gold/passages/SAMPLE_FOR_SECOND_ANNOTATOR.jsonl

Strata are the gold label sets' rarest label (so every label has positives in the
sample), plus passages with no label; within a stratum passages are drawn by a seeded
shuffle, spread over the reports.  Records carry only file and offsets, not the labels.
"""
from __future__ import annotations

import json
import random
import sys

from nlp.tagging.gold import read_gold
from nlp.tagging.schema import LABELS

SEED = 0
MIN_PER_STRATUM = 8  # rare labels are over-sampled so their kappa means something


def stratified_sample(n: int = 80, seed: int = SEED) -> list[dict]:
    gold = [g for gs in read_gold().values() for g in gs]
    freq = {label: sum(1 for g in gold if label in g.labels) for label in LABELS}
    strata: dict[str, list] = {}
    for g in gold:
        key = min(g.labels, key=lambda x: (freq[x], LABELS.index(x))) if g.labels else "(none)"
        strata.setdefault(key, []).append(g)
    rng = random.Random(seed)
    for key in sorted(strata):
        rng.shuffle(strata[key])
    share = n / len(gold)
    want = {k: min(len(v), max(MIN_PER_STRATUM, round(len(v) * share))) for k, v in strata.items()}
    while sum(want.values()) > n:  # trim the biggest strata first
        big = max(want, key=lambda k: (want[k], k))
        want[big] -= 1
    picked = []
    for key in sorted(strata):
        picked += strata[key][: want[key]]
    picked.sort(key=lambda g: (g.file, g.start))
    return [{"file": g.file, "start": g.start, "end": g.end} for g in picked]


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    n = int(argv[0]) if argv else 80
    for rec in stratified_sample(n):
        sys.stdout.write(json.dumps(rec, ensure_ascii=False, sort_keys=True) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
