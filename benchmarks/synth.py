"""Sample-corpus generation speed: N reports in memory (reports/s and seconds), and with
--out the same corpus written to disk by ``nlp.synth.generate`` (which also reads every web
page with ``nlp.ingest`` to take its offsets from exactly what the project reads).

Usage: python benchmarks/synth.py [-n 10000] [--seed 1] [--out DIR]
The target is under a minute for 10,000 reports in memory."""
from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("-n", type=int, default=10000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", type=Path, help="also write the corpus and truth.jsonl here")
    a = ap.parse_args()
    from nlp.synth import generate, iter_reports
    from nlp.synth.damage import traditional

    traditional("预热")  # load OpenCC outside the timing
    t = time.perf_counter()
    kinds, formats, chars = Counter(), Counter(), 0
    for g in iter_reports(a.n, a.seed):
        formats[(g.truth["template"], g.ext)] += 1
        kinds.update(f["kind"] for f in g.truth["faults"])
        chars += len(g.text)
    s = time.perf_counter() - t
    print(f"in memory: {a.n} reports in {s:.2f} s = {a.n / s:.0f} reports/s ({chars / 1e6:.1f} M characters)")
    print("  faults:", dict(sorted(kinds.items())))
    print("  template x format:", " ".join(f"{t}/{f}:{n}" for (t, f), n in sorted(formats.items())))
    if a.out:
        t = time.perf_counter()
        generate(a.n, a.seed, a.out)
        s = time.perf_counter() - t
        print(f"to disk ({a.out}): {a.n} reports in {s:.2f} s = {a.n / s:.0f} reports/s")


if __name__ == "__main__":
    main()
