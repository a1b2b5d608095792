"""Parse throughput (MB/s of canonical text) beside a bare jieba.lcut pass over the
same text in the same run.  Usage: python benchmarks/parse.py [FILES_OR_DIRS...] [--repeat N]

With no arguments it uses the bundled sample corpus and, when present, the real reports
in ../shared/seeds and ../shared/corpus (.txt/.md/.html)."""
from __future__ import annotations

import argparse
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def html_ready() -> bool:
    import importlib.util

    return importlib.util.find_spec("nlp.ingest.html") is not None


def inputs(args: list[str]) -> list[Path]:
    roots = [Path(a) for a in args] or [REPO / "corpora" / "sample", REPO.parent / "shared" / "seeds", REPO.parent / "shared" / "corpus"]
    files = []
    for r in roots:
        if r.is_dir():
            files += sorted(p for p in r.rglob("*") if p.suffix in {".txt", ".md"} | ({".html"} if html_ready() else set()) and p.name != "README.md")
        elif r.exists():
            files.append(r)
    return files


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("paths", nargs="*")
    ap.add_argument("--repeat", type=int, default=20)
    a = ap.parse_args()
    import jieba

    from nlp.ingest import load
    from nlp.structure import structure

    files = inputs(a.paths)
    docs = [load(f) for f in files]
    mb = sum(len(d.text.encode("utf-8")) for d in docs) / 1e6 * a.repeat
    jieba.initialize()
    structure(docs[0])  # warm caches (taxonomy, OpenCC, cpca) outside the timing

    t = time.perf_counter()
    for _ in range(a.repeat):
        for d in docs:
            structure(d)
    parse_s = time.perf_counter() - t

    t = time.perf_counter()
    for _ in range(a.repeat):
        for d in docs:
            jieba.lcut(d.text)
    jieba_s = time.perf_counter() - t

    print(f"files: {len(files)}  text: {mb / a.repeat:.3f} MB x {a.repeat} repeats")
    print(f"parse (no segmentation): {mb / parse_s:8.2f} MB/s  ({parse_s:.2f} s)")
    print(f"bare jieba.lcut:         {mb / jieba_s:8.2f} MB/s  ({jieba_s:.2f} s)")
    print(f"parse is {jieba_s / parse_s:.1f}x faster than jieba on the same text")


if __name__ == "__main__":
    main()
