"""Agreement between two annotators: Cohen's kappa per label.

    python -m nlp.tagging.agreement corpora/gold/passages corpora/gold/passages_b

Both folders hold ``{"file", "start", "end", "labels"}`` JSON lines (any file names).  Only
passages present in both (same file and offsets) are compared; each label is a yes/no
decision per passage.
"""
from __future__ import annotations

import sys
from pathlib import Path

from nlp.tagging.gold import read_gold
from nlp.tagging.schema import LABELS


def cohen_kappa(a: list[bool], b: list[bool]) -> float | None:
    """Kappa of two yes/no ratings of the same items; None when undefined (no items, or
    both annotators constant and equal — chance agreement 1)."""
    n = len(a)
    if n == 0 or n != len(b):
        return None
    po = sum(1 for x, y in zip(a, b) if x == y) / n
    pa, pb = sum(a) / n, sum(b) / n
    pe = pa * pb + (1 - pa) * (1 - pb)
    if pe >= 1.0:
        return None
    return (po - pe) / (1 - pe)


def _index(folder: Path) -> dict[tuple, set]:
    return {(g.file, g.start, g.end): set(g.labels) for gs in read_gold(folder).values() for g in gs}


def agreement(folder_a: Path, folder_b: Path) -> dict:
    a, b = _index(Path(folder_a)), _index(Path(folder_b))
    keys = sorted(set(a) & set(b))
    out = {"passages": len(keys), "labels": {}}
    for label in LABELS:
        ra = [label in a[k] for k in keys]
        rb = [label in b[k] for k in keys]
        k = cohen_kappa(ra, rb)
        out["labels"][label] = {"kappa": None if k is None else round(k, 3), "a_yes": sum(ra), "b_yes": sum(rb),
                                "agree": sum(1 for x, y in zip(ra, rb) if x == y)}
    ks = [v["kappa"] for v in out["labels"].values() if v["kappa"] is not None]
    out["mean_kappa"] = round(sum(ks) / len(ks), 3) if ks else None
    out["exact_match"] = round(sum(1 for k in keys if a[k] == b[k]) / len(keys), 3) if keys else None
    return out


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    res = agreement(Path(argv[0]), Path(argv[1]))
    print(f"passages in both: {res['passages']}")
    print(f"{'label':13s} {'kappa':>6s} {'A yes':>6s} {'B yes':>6s} {'agree':>6s}")
    for label, v in res["labels"].items():
        k = "n/a" if v["kappa"] is None else f"{v['kappa']:.3f}"
        print(f"{label:13s} {k:>6s} {v['a_yes']:6d} {v['b_yes']:6d} {v['agree']:6d}")
    print(f"mean kappa {res['mean_kappa']}  exact label-set match {res['exact_match']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
