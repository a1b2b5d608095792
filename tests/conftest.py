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


def assert_qinghe_read(report, expected: dict) -> None:
    """The project's 青禾县 2023 fixture (Word or PDF) read whole: every cell's value as
    ``expected`` (indicator → value), each cell's text at its offsets, and the metadata."""
    cells = cells_by_indicator(report)
    assert {k: c.value for k, c in cells.items()} == expected
    for c in cells.values():
        assert report.text[c.start:c.end] == c.raw
    assert (report.meta.year, report.meta.template, report.meta.body) == (2023, "2021", "青禾县人民政府")


def cells_by_indicator(report) -> dict:
    """indicator → cell of a report, asserting no indicator is read twice."""
    out = {}
    for t in report.tables:
        for c in t.cells:
            assert c.indicator not in out, f"{c.indicator} read twice"
            out[c.indicator] = c
    return out
