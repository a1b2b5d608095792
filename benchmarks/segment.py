"""rjieba (jieba-rs) against jieba on the project's text: token match rate and speed-up.

    python benchmarks/segment.py [--synth N]

Both load the tagging stage's domain dictionary.  The texts are the real reports in
../shared (when present), the sample corpus and N generated reports."""
from __future__ import annotations

import argparse
import difflib
import re
import time
from importlib import resources

from _common import inputs

CJK = re.compile("[\u4e00-\u9fff]")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--synth", type=int, default=200)
    a = ap.parse_args()
    from nlp.ingest import load
    from nlp.segment import Segmenter, read_userdict
    from nlp.synth import iter_reports

    with resources.files("nlp.resources").joinpath("tagging/userdict.txt").open("r", encoding="utf-8") as fh:
        words = read_userdict(fh)
    jb = Segmenter(words, backend="jieba")
    rj = Segmenter(words, backend="rjieba")
    texts = [load(p).text for p in inputs([])]
    texts += [r.text if hasattr(r, "text") else r[0] for r in iter_reports(a.synth, 3)]
    total = same = 0
    all_a = all_b = agree = 0
    for t in texts:
        for para in t.split("\n"):
            x, y = jb.lcut(para), rj.lcut(para)
            cx, cy = [w for w in x if CJK.search(w)], [w for w in y if CJK.search(w)]
            total += len(cx)
            same += sum(blk.size for blk in difflib.SequenceMatcher(a=cx, b=cy, autojunk=False).get_matching_blocks())
            bx = {sum(len(w) for w in x[: i + 1]) for i in range(len(x))}
            by = {sum(len(w) for w in y[: i + 1]) for i in range(len(y))}
            all_a, all_b, agree = all_a + len(bx), all_b + len(by), agree + len(bx & by)
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    t0 = time.perf_counter()
    for t in texts:
        jb.lcut(t)
    t1 = time.perf_counter()
    for t in texts:
        rj.lcut(t)
    t2 = time.perf_counter()
    print(f"texts: {len(texts)} ({mb:.2f} MB)")
    print(f"Chinese tokens identical: {same}/{total} = {same / total:.4%}")
    print(f"all token boundaries: rjieba precision {agree / all_b:.4f}, recall {agree / all_a:.4f} (digits, Latin, hyphens)")
    print(f"jieba {mb / (t1 - t0):.2f} MB/s, rjieba {mb / (t2 - t1):.2f} MB/s: {(t1 - t0) / (t2 - t1):.1f}x faster")


if __name__ == "__main__":
    main()
