"""Labels and the per-passage result of tagging (contract record ``gongkai tag``)."""
from __future__ import annotations

from dataclasses import dataclass, field

LABELS: tuple[str, ...] = (
    "organisation", "channels", "content", "requests", "interaction", "oversight", "problems", "improvements",
)
TOPICS = LABELS[:6]
STANCES = LABELS[6:]


def ordered(labels) -> list[str]:
    """Labels in the canonical order of DESIGN.md, without duplicates."""
    s = set(labels)
    unknown = s - set(LABELS)
    if unknown:
        raise ValueError(f"unknown labels: {sorted(unknown)}")
    return [x for x in LABELS if x in s]


@dataclass
class PassageTags:
    doc_id: str
    passage_id: str
    start: int
    end: int
    labels: list[str]
    scores: dict[str, float] = field(default_factory=dict)

    def record(self) -> dict:
        return {
            "doc_id": self.doc_id, "passage_id": self.passage_id, "start": self.start, "end": self.end,
            "labels": list(self.labels), "scores": {k: round(float(self.scores.get(k, 0.0)), 4) for k in LABELS},
        }
