"""Throughput of each stage (MB/s of canonical text) beside a bare jieba.lcut pass over
the same text in the same run.

    python benchmarks/throughput.py [FILES_OR_DIRS...] [--repeat N]

With no paths it uses the bundled sample corpus and, when present, the real reports in
../shared/seeds and ../shared/corpus (.txt/.md/.html)."""
from __future__ import annotations

import argparse

from _common import inputs, timed  # benchmarks/ is on sys.path when run as a script


def _first_pass(docs) -> float:
    """Seconds of one parse of each file, after 20 other generated reports (a seed of
    their own) have loaded the taxonomy, OpenCC and the gazetteer: what a corpus run
    pays for files it has not seen, no label or heading of theirs cached by an earlier
    pass over them."""
    import time

    from nlp.ingest import load_bytes
    from nlp.structure import structure
    from nlp.synth import iter_reports

    for i, g in enumerate(iter_reports(20, seed=90210)):
        structure(load_bytes(g.text.encode("utf-8"), f"warm-up-{i}{g.ext}"))
    t = time.perf_counter()
    for d in docs:
        structure(d)
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("paths", nargs="*")
    ap.add_argument("--repeat", type=int, default=10)
    a = ap.parse_args()
    import jieba

    from nlp.checks import check
    from nlp.claims import extract
    from nlp.ingest import load
    from nlp.structure import structure
    from nlp.tagging import tag_report

    files = inputs(a.paths)
    docs = [load(f) for f in files]
    mb = sum(len(d.text.encode("utf-8")) for d in docs) / 1e6 * a.repeat
    jieba.setLogLevel(60)
    jieba.initialize()
    first = _first_pass(docs)
    for d in docs:  # warm caches (taxonomy, OpenCC, gazetteer, model) outside the timing
        r = structure(d)
        check(r)
        tag_report(r)

    def full(d):
        r = structure(d)
        check(r)
        tag_report(r)

    stages = {
        "parse (no segmentation)": lambda d: structure(d),
        "parse + claims": lambda d: extract(structure(d)),
        "parse + claims + checks": lambda d: check(structure(d)),
        "parse + checks + tagging": full,
        "bare jieba.lcut": lambda d: jieba.lcut(d.text),
    }
    secs = {name: timed(fn, docs, a.repeat) for name, fn in stages.items()}
    print(f"files: {len(files)}  text: {mb / a.repeat:.3f} MB x {a.repeat} repeats")
    for name, s in secs.items():
        print(f"{name:26s} {mb / s:8.2f} MB/s  ({s:.2f} s)")
    j = secs["bare jieba.lcut"]
    print(f"parse, one first pass over these files: {mb / a.repeat / first:.2f} MB/s, "
          f"{j / a.repeat / first:.1f}x the speed of bare jieba")
    for name in ("parse (no segmentation)", "parse + claims", "parse + claims + checks", "parse + checks + tagging"):
        print(f"{name}: {j / secs[name]:.1f}x the speed of bare jieba on the same text")


if __name__ == "__main__":
    main()
