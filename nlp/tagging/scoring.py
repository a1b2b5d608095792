"""Scoring every passage of a report with a linear model in one step (what tagging uses;
``LinearTagger.decision``, one list of feature strings at a time, is the reference).

The features are those of ``features.features``, but no prefixed string is built: each
kind is looked up in its own part of the vocabulary.

* flags, title words and words: dictionary look-ups of the words as segmented, unfiltered;
* character n-grams: for all passages at once (their texts joined by a punctuation mark,
  so no n-gram across two passages is found) with array operations (``CharGrams``).

The parts hold only what ``features`` can produce (no punctuation in an n-gram, no
punctuation or blank word), so what the filters of ``features`` drop is simply not found.
Then, over the report's nonzeros: counts per (passage, row), sublinear tf × idf, l2 norm
and the linear scores.  Scores equal ``decision`` up to float rounding (the order of the
sums differs)."""
from __future__ import annotations

from itertools import repeat

import numpy as np

from nlp.tagging.features import _PUNCT, body_text, flags, fold_digits, tokenizer

_JOIN = "|"            # joins the passages' texts: a punctuation mark, in no n-gram
_MISSING = repeat(-1)  # the default of a look-up of many keys: map(index.get, keys, _MISSING)


def code_points(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32).astype(np.int64)


class CharGrams:
    """The character 1–3-grams of a vocabulary, found in a text by array operations.

    Each character of the vocabulary's n-grams gets a number 1..k (0: any other
    character), an n-gram the number ``c1·b^(n-1) + … + cn`` (b = k + 1); unigrams are
    looked up in a table, bigrams and trigrams by binary search in their sorted numbers."""

    def __init__(self, grams: dict[str, int]):
        chars = sorted(set("".join(grams)))
        self.base = len(chars) + 1
        top = max(map(ord, chars), default=0) + 1
        self.number = np.zeros(top + 1, dtype=np.int64)  # code point → number (top: any beyond)
        self.number[[ord(c) for c in chars]] = np.arange(1, self.base)
        self.unigram = np.full(self.base, -1, dtype=np.int64)  # number → row
        codes: dict[int, dict[int, int]] = {2: {}, 3: {}}
        for g, row in grams.items():
            code = 0
            for c in g:
                code = code * self.base + int(self.number[ord(c)])
            if len(g) == 1:
                self.unigram[code] = row
            else:
                codes[len(g)][code] = row
        self.sorted = {}  # n → (sorted numbers of the vocabulary's n-grams, their rows)
        for n, found in codes.items():
            keys = np.array(sorted(found), dtype=np.int64)
            self.sorted[n] = (keys, np.array([found[k] for k in keys.tolist()], dtype=np.int64))

    def rows(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """(position, row) of every n-gram of ``text`` that the vocabulary has."""
        num = np.take(self.number, np.minimum(code_points(text), len(self.number) - 1))
        unigram = np.take(self.unigram, num)
        where = np.flatnonzero(unigram >= 0)
        at, rows = [where], [np.take(unigram, where)]
        known = num > 0
        code, ok = num, known
        for n in (2, 3):
            code = code[:-1] * self.base + num[n - 1:]
            ok = ok[:-1] & known[n - 1:]
            vocab, vocab_rows = self.sorted[n]
            where = np.flatnonzero(ok)  # n-grams of known characters only
            if not len(where) or not len(vocab):
                continue
            wanted = np.take(code, where)
            order = np.argsort(wanted)  # a search for sorted numbers is faster
            wanted, where = wanted[order], where[order]
            i = np.minimum(np.searchsorted(vocab, wanted), len(vocab) - 1)
            hit = np.take(vocab, i) == wanted
            at.append(where[hit])
            rows.append(np.take(vocab_rows, i[hit]))
        return np.concatenate(at), np.concatenate(rows)


def _is_word(w: str) -> bool:
    return bool(w.strip()) and w not in _PUNCT


class Scorer:
    """A linear model (``LinearTagger``: feature → row, idf and weights per row) set up to
    score the passages of a report at once."""

    def __init__(self, index: dict[str, int], idf, weights, intercept, calibration):
        self.table = np.column_stack([idf, weights])  # row → idf, then the weight per label
        self.intercept = intercept
        self.flag: dict[str, int] = {}
        self.title: dict[str, int] = {}
        self.word: dict[str, int] = {}
        grams: dict[str, int] = {}
        for f, row in index.items():
            kind, key = f[:2], f[2:]
            if kind == "c:":
                if 1 <= len(key) <= 3 and _PUNCT.isdisjoint(key):
                    grams[key] = row
            elif kind in ("T:", "w:"):
                if _is_word(key):
                    (self.title if kind == "T:" else self.word)[key] = row
            else:
                self.flag[f] = row
        self.grams = CharGrams(grams)
        self.a = np.array([a for a, _ in calibration], dtype=np.float64)
        self.b = np.array([b for _, b in calibration], dtype=np.float64)

    def token_rows(self, view, text: str, context: str, title_rows: dict) -> list[int]:
        """Rows of the passage's flags, title words and words, -1 where there is none
        (``text``: its ``body_text``; ``title_rows``: titles already seen in the report)."""
        out = [self.flag.get(f, -1) for f in flags(view, text, context)]
        for title in view.titles:
            found = title_rows.get(title)
            if found is None:
                found = title_rows[title] = list(map(self.title.get, tokenizer().lcut(fold_digits(title)), _MISSING))
            out += found
        out += map(self.word.get, tokenizer().lcut(text), _MISSING)
        return out

    def decisions(self, views, contexts) -> np.ndarray:
        """Linear scores, passages × labels (sublinear tf × idf, l2-normalised)."""
        n, size = len(views), len(self.table)
        texts = [body_text(v) for v in views]
        tokens: list[int] = []
        lengths = []
        title_rows: dict = {}
        for v, text, c in zip(views, texts, contexts):
            found = self.token_rows(v, text, c, title_rows)
            tokens += found
            lengths.append(len(found))
        tokens = np.array(tokens, dtype=np.int64)
        known = tokens >= 0
        token_passage = np.repeat(np.arange(n, dtype=np.int64), lengths)[known]
        at, gram_rows = self.grams.rows(_JOIN.join(texts))
        gram_passage = np.take(np.repeat(np.arange(n, dtype=np.int64), [len(t) + 1 for t in texts]), at)
        keys, counts = np.unique(np.concatenate([token_passage * size + tokens[known], gram_passage * size + gram_rows]),
                                 return_counts=True)
        passage, rows = np.divmod(keys, size)
        table = np.take(self.table, rows, axis=0)
        x = (1.0 + np.log(counts)) * table[:, 0]
        norm = np.sqrt(np.bincount(passage, weights=x * x, minlength=n))
        norm[norm == 0.0] = 1.0
        scores = np.zeros((n, self.table.shape[1] - 1))
        if len(keys):  # keys are sorted: each passage's nonzeros are one run
            starts = np.flatnonzero(np.concatenate(([True], passage[1:] != passage[:-1])))
            scores[passage[starts]] = np.add.reduceat(x[:, None] * table[:, 1:], starts, axis=0)
        return scores / norm[:, None] + self.intercept

    def probabilities(self, views, contexts) -> np.ndarray:
        """Platt-calibrated probabilities, passages × labels: 1 / (1 + exp(-(a·s + b)))."""
        z = self.decisions(views, contexts) * self.a + self.b
        e = np.exp(-np.abs(z))
        return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))
