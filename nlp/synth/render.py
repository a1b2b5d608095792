"""A Doc → the text of a .txt or .md file (pieces learn their offsets as it is written)."""
from __future__ import annotations

import random

from nlp.synth.doc import Block, Doc
from nlp.synth.layouts import Out, render_text_table


def render_text(doc: Doc, fmt: str, rng: random.Random) -> str:
    out = Out()
    md = fmt == "md"
    indent = "" if md else rng.choice(("", "", "　　", "  "))
    gap = "\n" if md or rng.random() < 0.25 else ""
    for i, b in enumerate(doc.blocks):
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
