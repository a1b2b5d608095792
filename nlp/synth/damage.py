"""Scrape damage seen in real reports.  Damage changes how figures look, never what they
are worth: full-width digits (２０２３年), stray spaces inside numbers and dates
(2017年3 月8日, 1 250条), a paragraph in Traditional script, injected gambling spam in a
web page (the page renderer writes it; see :mod:`nlp.synth.page`)."""
from __future__ import annotations

import random
import re
from functools import lru_cache

from nlp.synth.doc import Doc

KINDS = ("fullwidth", "spaces", "traditional", "spam")
_FULL = str.maketrans("0123456789", "０１２３４５６７８９")
_DIGITS = re.compile(r"[0-9]{2,}")


@lru_cache(maxsize=1)
def _s2t():
    import opencc

    return opencc.OpenCC("s2t")


def traditional(text: str) -> str:
    """Simplified → Traditional, keeping the length (character by character where a phrase
    conversion would change it)."""
    conv = _s2t().convert(text)
    if len(conv) == len(text):
        return conv
    return "".join(c if len(c := _s2t().convert(ch)) == 1 else ch for ch in text)


def apply(rng: random.Random, doc: Doc, fmt: str) -> list[str]:
    """Damage the report in one to three ways; returns the kinds applied."""
    kinds = ["fullwidth", "spaces", "traditional"] + (["spam"] * 2 if fmt == "html" else [])
    chosen = sorted(set(rng.sample(kinds, rng.randint(1, min(3, len(kinds))))))
    paras = [b for b in doc.blocks if b.kind == "para" and b.text.strip()]
    for kind in chosen:
        if kind == "fullwidth":
            for b in rng.sample(paras, min(len(paras), rng.randint(1, 4))):
                for p in b.pieces:
                    if p.claim is not None or p.year:
                        p.text = p.text.translate(_FULL)
            if rng.random() < 0.3:
                cells = [p for _, p in doc.pieces() if p.cell and p.text.isdigit()]
                for p in rng.sample(cells, min(len(cells), rng.randint(1, 8))):
                    p.text = p.text.translate(_FULL)
        elif kind == "spaces":
            numbers = [p for _, p in doc.pieces() if p.claim is not None and _DIGITS.search(p.text)]
            for p in rng.sample(numbers, min(len(numbers), rng.randint(1, 4))):
                m = _DIGITS.search(p.text)
                cut = rng.randint(m.start() + 1, m.end() - 1)
                p.text = p.text[:cut] + " " + p.text[cut:]
            for b in doc.blocks:
                if b.kind in ("dateline", "signature") and "月" in b.text and rng.random() < 0.7:
                    piece = b.pieces[0]
                    piece.text = piece.text.replace("月", " 月", 1)
        elif kind == "traditional":
            body = [b for b in paras if len(b.text) > 30]
            for b in rng.sample(body, min(len(body), rng.randint(1, 2))):
                b.traditional = True
                for p in b.pieces:
                    p.text = traditional(p.text)
        elif kind == "spam":
            doc.info["spam"] = True
    return chosen
