"""The least work any reading of a report's tables can do in Python, timed beside
``structure`` (the parse) and a bare ``jieba.lcut`` pass over the same text in the same run.

    python benchmarks/floor.py [FILES_OR_DIRS...] [--repeat N]

The floor splits the text into lines, every ``|`` line into cells, makes one object per
cell (RawCell) and per value (Cell) and looks each cell up once in the value cache; HTML
tables are only walked.  It finds no kind, no indicator, no section, no metadata: it is
what the parse costs before it does any of its job, and so bounds how far pure-Python
tuning of the parse can go."""
from __future__ import annotations

import argparse

from _common import inputs, timed  # benchmarks/ is on sys.path when run as a script

from nlp.model import Cell, RawCell
from nlp.structure.labeller import norm_label
from nlp.structure.values import parse_value

_WS = " \t\u3000\u00a0\r\n"


def floor(doc) -> int:
    made = 0
    pos = 0
    for line in doc.text.split("\n"):
        if "|" in line:
            p = pos
            for part in line.split("|"):
                core = part.strip(_WS)
                RawCell(core, p, p + len(core))
                value, unit, ok = parse_value(core)
                if ok:
                    Cell(None, 0, 0, value, core, unit, p, p + len(core))
                    made += 1
                else:
                    norm_label(core)
                p += len(part) + 1
        pos += len(line) + 1
    for table in doc.tables:
        for row in table.rows:
            for c in row:
                value, unit, ok = parse_value(c.text)
                if ok:
                    Cell(None, 0, 0, value, c.text, unit, c.start, c.end)
                    made += 1
    return made


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("paths", nargs="*")
    ap.add_argument("--repeat", type=int, default=10)
    a = ap.parse_args()
    import jieba

    from nlp.ingest import load
    from nlp.structure import structure

    docs = [load(f) for f in inputs(a.paths)]
    mb = sum(len(d.text.encode("utf-8")) for d in docs) / 1e6 * a.repeat
    jieba.setLogLevel(60)
    jieba.initialize()
    for d in docs:  # warm the caches outside the timing
        structure(d)
        floor(d)
    secs = {
        "floor (lines, cells, one lookup each)": timed(floor, docs, a.repeat),
        "parse (structure)": timed(structure, docs, a.repeat),
        "bare jieba.lcut": timed(lambda d: jieba.lcut(d.text), docs, a.repeat),
    }
    j = secs["bare jieba.lcut"]
    print(f"files: {len(docs)}  text: {mb / a.repeat:.3f} MB x {a.repeat} repeats")
    for name, s in secs.items():
        print(f"{name:38s} {mb / s:7.2f} MB/s  {s / a.repeat * 1000:6.1f} ms a pass  {j / s:5.1f}x bare jieba")
    print(f"the parse spends {(secs['parse (structure)'] - secs['floor (lines, cells, one lookup each)']) / a.repeat * 1000:.1f} ms a pass beyond the floor")


if __name__ == "__main__":
    main()
