"""The features a passage is tagged by, as strings: section kind and titles, the stance of
the list before it in the problems part, jieba words (with the domain dictionary
``nlp/resources/tagging/userdict.txt``) and character 1–3-grams.  Digits are folded to 0.

Training (scikit-learn) and inference (``linear.py``, plain Python) share this function,
so a shipped model needs nothing but its weights."""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from nlp.tagging.context import PassageView

FEATURE_VERSION = 1
_DIGITS = re.compile(r"[0-9]+")
_PUNCT = set("，。、；：？！,.;:?!（）()《》“”\"'‘’【】[]—-…·|□ ")
MAX_CHARS = 600  # long passages: the head carries the topic; keeps time per passage flat


@lru_cache(maxsize=1)
def tokenizer():
    """A private segmenter with the domain dictionary (nlp.segment: rjieba when installed,
    jieba otherwise; the same words on Chinese text)."""
    from nlp.segment import Segmenter, read_userdict

    with resources.files("nlp.resources").joinpath("tagging/userdict.txt").open("r", encoding="utf-8") as fh:
        return Segmenter(read_userdict(fh), hmm=True)


def words(text: str) -> list[str]:
    return [w for w in tokenizer().lcut(text) if w.strip() and w not in _PUNCT]


_PUNCT_RUN = re.compile("[" + re.escape("".join(sorted(_PUNCT))) + "]+")


def char_ngrams(text: str, n_max: int = 3) -> list[str]:
    """Character 1..n_max-grams that hold no punctuation (n-grams of each run between
    punctuation marks; the same multiset as filtering the n-grams of the whole text)."""
    runs = [r for r in _PUNCT_RUN.split(text) if r]
    out: list[str] = []
    for n in range(1, n_max + 1):
        for r in runs:
            out += [r[i:i + n] for i in range(len(r) - n + 1)]
    return out


def fold_digits(text: str) -> str:
    return _DIGITS.sub("0", text)


def body_text(view: PassageView) -> str:
    """The text words and n-grams are taken from: the head of the passage, digits folded."""
    return fold_digits(view.text[:MAX_CHARS])


def flags(view: PassageView, text: str, context: str) -> list[str]:
    """The features that are neither words nor n-grams (``text`` is ``body_text(view)``)."""
    out = [f"k={view.kind}", f"t={view.top_kind}"]
    if view.is_heading:
        out.append("heading")
    if len(text) < 20:
        out.append("short")
    if context:
        out.append(f"ctx={context}")
    return out


@lru_cache(maxsize=2048)
def _title_features(title: str) -> list[str]:
    """Titles repeat for every passage below them: segmented once."""
    return [f"T:{w}" for w in words(fold_digits(title))]


def features(view: PassageView, context: str = "") -> list[str]:
    """Feature strings of one passage; ``context`` is the stance of the list before it
    (``problems``, ``improvements`` or empty), see ``context_stances``.  (Tagging looks the
    same features up without building these strings: ``scoring.py``.)"""
    text = body_text(view)
    out = flags(view, text, context)
    for title in view.titles:
        out += _title_features(title)
    out += [f"w:{w}" for w in words(text)]
    out += [f"c:{g}" for g in char_ngrams(text)]
    return out


def context_stances(views: list[PassageView]) -> list[str]:
    """For each passage in the problems part, the stance the list before it had (from the
    stance cues of the rules); empty elsewhere."""
    from nlp.tagging.rules import State, _update_state, list_context

    state = State()
    out = []
    for v in views:
        out.append(list_context(v, state))
        _update_state(v, state)
    return out


def passage_features(views: list[PassageView]) -> list[list[str]]:
    return [features(v, c) for v, c in zip(views, context_stances(views))]
