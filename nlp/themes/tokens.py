"""Words of a statement for clustering and naming themes: jieba tokens of the repaired
text, without stopwords (``nlp/resources/themes/stopwords.yaml``), single characters and
numbers.  A private jieba tokenizer knows the taxonomy's keywords as words, so 信息孤岛 or
政民互动 stay whole, without touching the global jieba dictionary other stages use."""
from __future__ import annotations

import re
from functools import lru_cache

from nlp.resources import load_yaml

_WORD = re.compile(r"[\u4e00-\u9fffA-Za-z]")


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    return frozenset(load_yaml("themes/stopwords.yaml")["stopwords"])


@lru_cache(maxsize=1)
def _tokenizer():
    from nlp.segment import Segmenter
    from nlp.themes.taxonomy import load_taxonomy

    words = [(w, 2000, None) for theme in load_taxonomy().themes for w in theme.keywords if len(w) >= 2 and "(" not in w]
    return Segmenter(words, hmm=False)


def tokens(text: str) -> list[str]:
    stop = stopwords()
    out = []
    for w in _tokenizer().lcut(text):
        w = w.strip()
        if len(w) < 2 or w in stop or not _WORD.search(w):
            continue
        out.append(w)
    return out
