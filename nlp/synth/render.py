"""A Doc → the text of a .txt or .md file (pieces learn their offsets as it is written)."""
from __future__ import annotations

import random

from nlp.synth.doc import Block, Doc
from nlp.synth.layouts import Out, render_text_table


# scraped pages often come out with ASCII punctuation (seeds 000–004): "(一)", ":", ","
_ASCII_PUNCT = str.maketrans({"（": "(", "）": ")", "：": ":", "，": ",", "；": ";", "“": '"', "”": '"'})


def render_text(doc: Doc, fmt: str, rng: random.Random) -> str:
    out = Out()
    md = fmt == "md"
    doc.info["punct"] = "cjk"
    if not md and rng.random() < 0.3:
        doc.info["punct"] = "ascii"
        for _, p in doc.pieces():
            p.text = p.text.translate(_ASCII_PUNCT)
    indent = "" if md else rng.choice(("", "", "　　", "  "))
    gap = "\n" if md or rng.random() < 0.25 else ""
    blocks = [b for b in doc.blocks if not (b.kind == "title" and doc.info.get("untitled"))]
    for i, b in enumerate(blocks):
        if i and (gap or (md and b.kind == "table")):
            out.write("\n")
        _block(out, b, md, indent, rng)
    return out.text()


def _block(out: Out, b: Block, md: bool, indent: str, rng: random.Random) -> None:
    if b.kind == "table":
        for k, grid in enumerate(b.grids):
            if grid.caption:
                if k and md:
                    out.write("\n")
                out.write(("### " if md else "") + grid.caption + "\n")
                if md:
                    out.write("\n")
            render_text_table(out, grid, b.layout, rng)
        return
    if md and b.kind == "title":
        out.write("# ")
    elif md and b.kind == "heading":
        out.write("#" * (b.level + 1) + " ")
    elif b.kind == "para" and b.level == 0:
        out.write(indent)
    out.pieces(b.pieces)
    out.write("\n")
