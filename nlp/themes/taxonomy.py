"""The seed taxonomy of themes (``nlp/resources/themes/taxonomy.yaml``) and keyword
matching: every statement scores every theme by the keywords found in it."""
from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

from nlp.resources import load_yaml


@dataclass(frozen=True)
class SeedTheme:
    id: str
    name: str
    name_en: str
    description: str
    keywords: dict[str, float]


@dataclass(frozen=True)
class Taxonomy:
    themes: tuple[SeedTheme, ...]
    headline_weight: float
    min_weight: float
    other: SeedTheme

    def by_id(self, theme_id: str) -> SeedTheme | None:
        return next((t for t in self.themes if t.id == theme_id), None)


@lru_cache(maxsize=1)
def load_taxonomy() -> Taxonomy:
    d = load_yaml("themes/taxonomy.yaml")
    themes = tuple(
        SeedTheme(t["id"], t["name"], t["name_en"], t.get("description", ""), {str(k): float(v) for k, v in t["keywords"].items()})
        for t in d["themes"]
    )
    o = d["other"]
    return Taxonomy(themes, float(d.get("headline_weight", 1)), float(d.get("min_weight", 2)),
                    SeedTheme(o["id"], o["name"], o["name_en"], "", {}))


@lru_cache(maxsize=1)
def _keywords_longest_first() -> list[tuple[str, str, float]]:
    entries = [(kw, t.id, w) for t in load_taxonomy().themes for kw, w in t.keywords.items()]
    return sorted(entries, key=lambda e: (-len(e[0]), e[0], e[1]))


def match(clean: str, headline: str = "") -> dict[str, tuple[float, list[str], int]]:
    """theme id → (weight, keywords found, position of the first) for the repaired text
    of a statement.

    Keywords are taken longest first; a keyword counts once, and not where a longer
    keyword already matched; keywords inside the headline count headline_weight times."""
    tax = load_taxonomy()
    taken = [False] * len(clean)
    out: dict[str, tuple[float, list[str], int]] = {}
    head_end = len(headline) if headline and clean.startswith(headline) else 0
    for kw, theme_id, w in _keywords_longest_first():
        start = 0
        counted = False
        while True:
            i = clean.find(kw, start)
            if i < 0:
                break
            start = i + 1
            if any(taken[i : i + len(kw)]):
                continue
            for j in range(i, i + len(kw)):
                taken[j] = True
            if counted:
                continue
            counted = True
            weight = w * (tax.headline_weight if i + len(kw) <= head_end else 1.0)
            total, words, first = out.get(theme_id, (0.0, [], i))
            out[theme_id] = (total + weight, words + [kw], min(first, i))
    return out


def best_theme(hits: dict[str, tuple[float, list[str], int]]) -> tuple[str | None, float]:
    """The winning seed theme and its score in [0, 1]: how strong its evidence is
    (1 - e^(-w/3)) times its share of all the evidence.  Ties go to the theme with the
    most specific keyword (更新不够及时 over 网站), then to the one named first in the
    statement (加强培训……提高公开质量 is about training), then to the earlier theme."""
    if not hits:
        return None, 0.0
    tax = load_taxonomy()
    order = {t.id: i for i, t in enumerate(tax.themes)}

    def strongest(theme_id: str, kws: list[str]) -> float:
        weights = tax.themes[order[theme_id]].keywords
        return max((weights.get(k, 0.0) for k in kws), default=0.0)

    theme_id, (w, _, _) = max(hits.items(), key=lambda kv: (kv[1][0], strongest(kv[0], kv[1][1]), -kv[1][2], -order[kv[0]]))
    total = sum(v[0] for v in hits.values())
    return theme_id, round((1 - math.exp(-w / 3)) * w / total, 4)
