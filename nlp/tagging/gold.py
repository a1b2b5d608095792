"""Gold passage labels (corpora/gold/passages/*.jsonl): loading, and aligning them with the
passages the parser gives now (by offsets; the best-overlapping passage when the parser
has moved a boundary since the annotation)."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from nlp.evaluate import GOLD, find_source
from nlp.tagging.schema import ordered

GOLD_PASSAGES = GOLD / "passages"


@dataclass(frozen=True)
class GoldPassage:
    file: str
    start: int
    end: int
    labels: tuple[str, ...]


def read_gold(folder: Path = GOLD_PASSAGES) -> dict[str, list[GoldPassage]]:
    """file name → its gold passages, in offset order (the second-annotator sample file is
    not gold and is skipped)."""
    out: dict[str, list[GoldPassage]] = {}
    for path in sorted(Path(folder).glob("*.jsonl")):
        if path.name.startswith("SAMPLE"):
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                d = json.loads(line)
                out.setdefault(d["file"], []).append(GoldPassage(d["file"], d["start"], d["end"], tuple(ordered(d["labels"]))))
    for v in out.values():
        v.sort(key=lambda g: (g.start, g.end))
    return out


def align(gold: list[GoldPassage], passages) -> list[int | None]:
    """For each gold passage the index of the parser's passage with the same offsets, or
    the one overlapping it most (None when nothing overlaps)."""
    exact = {(p.start, p.end): i for i, p in enumerate(passages)}
    out = []
    for g in gold:
        i = exact.get((g.start, g.end))
        if i is None:
            best, best_len = None, 0
            for j, p in enumerate(passages):
                ov = min(g.end, p.end) - max(g.start, p.start)
                if ov > best_len:
                    best, best_len = j, ov
            i = best
        out.append(i)
    return out


def gold_reports(shared: Path, folder: Path = GOLD_PASSAGES):
    """(file name, report, gold passages, aligned passage indices) for every gold file whose
    report is found under ``shared`` (seeds/, corpus/)."""
    import nlp

    for name, gold in read_gold(folder).items():
        src = find_source(name, Path(shared))
        if src is None:
            continue
        report = nlp.read(src)
        yield name, report, gold, align(gold, report.passages)
