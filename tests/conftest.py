"""Shared test helpers: where the real reports live (outside the repo) and how to skip."""
from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "seeds"
CORPUS = SHARED / "corpus"
SAMPLE = REPO / "corpora" / "sample"


def real(path: Path) -> Path:
    """A real report from ../shared, or skip: real report text is not the project's to copy."""
    if not path.exists():
        pytest.skip(f"{path} not present: real reports live in ../shared, outside the repo")
    return path


@pytest.fixture
def seeds_dir() -> Path:
    return real(SEEDS)


def cells_by_indicator(report) -> dict:
    """indicator → cell of a report, asserting no indicator is read twice."""
    out = {}
    for t in report.tables:
        for c in t.cells:
            assert c.indicator not in out, f"{c.indicator} read twice"
            out[c.indicator] = c
    return out
