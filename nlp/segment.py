"""Word segmentation: jieba's algorithm and dictionary, through rjieba (the jieba-rs
binding, about 25× faster) when it is installed, and jieba itself otherwise.

Both segment Chinese text identically: over the real reports and 200 generated ones,
every one of 178,540 Chinese tokens matched (``benchmarks/segment.py``); they differ only
inside runs of digits, Latin letters and hyphens ("0577-67862615" is one token for
rjieba, three for jieba), which the stages fold or drop anyway.  A segmenter is private
(its own dictionary additions), so stages never change each other's words."""
from __future__ import annotations

from functools import lru_cache
from typing import Iterable

Word = tuple[str, int | None, str | None]  # word, frequency, part-of-speech tag


class Segmenter:
    def __init__(self, words: Iterable[Word] = (), hmm: bool = True, backend: str | None = None):
        import os

        backend = backend or os.environ.get("GONGKAI_SEGMENTER", "auto")  # auto, rjieba or jieba
        self.hmm = hmm
        self.backend = backend
        if backend in ("auto", "rjieba"):
            try:
                import rjieba

                self._rj = rjieba.Jieba()
                for w, freq, tag in words:
                    self._rj.add_word(w, freq, tag)
                self.backend = "rjieba"
                return
            except ImportError:
                if backend == "rjieba":
                    raise
        import jieba

        jieba.setLogLevel(60)
        self._jb = jieba.Tokenizer()
        for w, freq, tag in words:
            self._jb.add_word(w, freq, tag)
        self.backend = "jieba"

    def lcut(self, text: str) -> list[str]:
        if self.backend == "rjieba":
            return self._rj.cut(text, self.hmm)
        return self._jb.lcut(text, HMM=self.hmm)


def read_userdict(lines: Iterable[str]) -> list[Word]:
    """jieba's user-dictionary format: ``word [freq] [tag]`` per line."""
    out: list[Word] = []
    for line in lines:
        parts = line.split()
        if not parts or parts[0].startswith("#"):
            continue
        freq = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
        tag = parts[-1] if len(parts) > 1 and not parts[-1].isdigit() else None
        out.append((parts[0], freq, tag))
    return out


@lru_cache(maxsize=8)
def default_segmenter(hmm: bool = True) -> Segmenter:
    return Segmenter(hmm=hmm)
