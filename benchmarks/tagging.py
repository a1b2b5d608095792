"""Tagging throughput (MB/s of canonical text) beside a bare jieba.lcut pass over the same
text in the same run.

    python benchmarks/tagging.py [FILES_OR_DIRS...] [--repeat N]

With no paths it uses the bundled sample corpus and, when present, the real reports in
../shared/seeds and ../shared/corpus (.txt/.md/.html).  Reports are parsed once outside
the timing; the timed stages start from the parsed report."""
from __future__ import annotations

import argparse
import time

from _common import inputs  # benchmarks/ is on sys.path when run as a script


def timed(fn, items, repeat: int) -> float:
    from nlp.tagging.features import _title_features
    from nlp.tagging.rules import clear_caches

    total = 0.0
    for _ in range(repeat):
        clear_caches()  # every repeat sees the text as new, as a real corpus would be
        _title_features.cache_clear()
        t = time.perf_counter()
        for x in items:
            fn(x)
        total += time.perf_counter() - t
    return total


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("paths", nargs="*")
    ap.add_argument("--repeat", type=int, default=5)
    a = ap.parse_args()
    import jieba

    import nlp
    from nlp.tagging import default_model, tag_report
    from nlp.tagging.features import tokenizer

    files = inputs(a.paths)
    reports = [nlp.read(f) for f in files]
    passage_text = ["".join(r.text[p.start:p.end] for p in r.passages) for r in reports]
    mb = sum(len(r.text.encode("utf-8")) for r in reports) / 1e6
    jieba.setLogLevel(60)
    jieba.initialize()
    tokenizer()
    model = default_model()
    for r in reports:  # warm caches (rules, lexicons, model) outside the timing
        tag_report(r, model=model)

    stages = {
        "tag: rules only": lambda i: tag_report(reports[i], policy="rules"),
        "tag: model only": lambda i: tag_report(reports[i], model=model, policy="model"),
        "tag: combined (default)": lambda i: tag_report(reports[i], model=model),
        "bare jieba.lcut": lambda i: jieba.lcut(reports[i].text),
        "bare jieba.lcut, passages": lambda i: jieba.lcut(passage_text[i]),
    }
    idx = list(range(len(reports)))
    secs = {name: timed(fn, idx, a.repeat) for name, fn in stages.items()}
    n_pass = sum(len(r.passages) for r in reports)
    print(f"files: {len(files)}  passages: {n_pass}  text: {mb:.3f} MB x {a.repeat} repeats  model: {model.version if model else None}")
    for name, s in secs.items():
        print(f"{name:28s} {mb * a.repeat / s:8.3f} MB/s  {n_pass * a.repeat / s:9.0f} passages/s  ({s:.2f} s)")
    j = secs["bare jieba.lcut"]
    for name in ("tag: rules only", "tag: model only", "tag: combined (default)"):
        print(f"{name}: {j / secs[name]:.2f}x the speed of bare jieba on the same text")


if __name__ == "__main__":
    main()
