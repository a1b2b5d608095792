"""What the benchmark scripts share: the input files and a timing loop."""
from __future__ import annotations

import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SUFFIXES = {".txt", ".md", ".html"}


def inputs(args: list[str]) -> list[Path]:
    """The files named, or the sample corpus and the real reports in ../shared."""
    roots = [Path(a) for a in args] or [REPO / "corpora" / "sample", REPO.parent / "shared" / "seeds", REPO.parent / "shared" / "corpus"]
    files: list[Path] = []
    for r in roots:
        if r.is_dir():
            files += sorted(p for p in r.rglob("*") if p.suffix in SUFFIXES and p.name != "README.md")
        elif r.exists():
            files.append(r)
    return files


def timed(fn, items, repeat: int) -> float:
    t = time.perf_counter()
    for _ in range(repeat):
        for x in items:
            fn(x)
    return time.perf_counter() - t
