"""Evaluation against the project's gold annotations (corpora/gold)."""
from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
GOLD = REPO / "corpora" / "gold"
SHARED_DIRS = ("seeds", "corpus")


def find_source(name: str, shared: Path) -> Path | None:
    """Gold points at real reports by file name; they live in ../shared, not in the repo."""
    for sub in SHARED_DIRS:
        p = shared / sub / name
        if p.exists():
            return p
    return None


def prf(tp: int, n_pred: int, n_gold: int) -> dict:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "tp": tp, "pred": n_pred, "gold": n_gold}
