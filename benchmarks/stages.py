"""Where a report's time goes: ms per report for each stage of a worker's work, beside a
bare ``jieba.lcut`` of the same text, on reports made by the project's generator.

    python benchmarks/stages.py [--n 300] [--seed 7]
"""
from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=300)
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()
    import jieba

    from nlp.checks import check
    from nlp.claims import extract
    from nlp.corpus.run import _warm
    from nlp.corpus.worker import process_file
    from nlp.ingest import load_bytes
    from nlp.structure import structure
    from nlp.synth import generate
    from nlp.tagging import tag_report

    with tempfile.TemporaryDirectory() as d:
        generate(a.n, a.seed, Path(d))
        files = sorted(str(p) for p in Path(d).iterdir() if p.suffix in {".txt", ".md", ".html"})
        data = [Path(f).read_bytes() for f in files]
        _warm()
        spent: dict[str, float] = {}
        texts = []
        by_format: dict[str, list[float]] = {}

        def timed(stage, fn, *args):
            t = time.perf_counter()
            out = fn(*args)
            spent[stage] = spent.get(stage, 0.0) + time.perf_counter() - t
            return out

        for f, b in zip(files, data):
            t = time.perf_counter()
            doc = timed("ingest", load_bytes, b, f)
            by_format.setdefault(Path(f).suffix, []).append(time.perf_counter() - t)
            texts.append(doc.text)
            r = timed("structure", structure, doc)
            timed("claims", extract, r)
            timed("checks", check, r)
            timed("tagging", tag_report, r)
        t = time.perf_counter()
        for f in files:
            process_file(f)
        whole = time.perf_counter() - t
        jieba.setLogLevel(60)
        jieba.initialize()
        t = time.perf_counter()
        for x in texts:
            jieba.lcut(x)
        seg = time.perf_counter() - t
    n = len(files)
    for stage, s in spent.items():
        print(f"{stage:10s} {s / n * 1000:6.2f} ms/report")
    for suffix, ts in sorted(by_format.items()):
        print(f"  ingest of {suffix:5s} {sum(ts) / len(ts) * 1000:6.2f} ms/file ({len(ts)} files)")
    print(f"a worker's whole per-file work (stages + rows for the store): {whole / n * 1000:.2f} ms/report")
    print(f"bare jieba.lcut of the same text: {seg / n * 1000:.2f} ms/report; ratio {whole / seg:.2f}x")


if __name__ == "__main__":
    main()
