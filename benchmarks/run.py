"""The corpus benchmark, in one run (figures for the README):

- bare ``jieba.lcut`` MB/s over the reports' text, in this process;
- the full pipeline (parse → claims → checks → tagging when installed, into DuckDB) in MB/s
  with 1 worker and with 2, each run in a fresh process, the ratio to jieba per
  worker, and the 1 → 2 speed-up: once a run has started (the difference between the
  corpus and its first fifth, which cancels the fixed start-up of loading models and
  starting workers), and for the whole run;
- peak resident memory of a batch of 1,000 and of 10,000 reports (flat is the goal);
- time to the first result of a single-file ``gongkai check``.

    python benchmarks/run.py [--n 1000] [--rss 1000 10000] [--seed 0]

Reports come from the project's generator (``nlp.synth``); the real reports in
../shared/seeds and ../shared/corpus are measured too when present.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"

# One whole batch run in a fresh process (every run starts cold, as a user's does): its
# time from the import on, and its peak memory.  The peak is read from /proc (VmHWM):
# ru_maxrss survives exec on Linux, so a child would report the benchmark process's own
# peak (after generating 10,000 reports) as its own.
_RUN = """
import json, resource, sys, time
t = time.perf_counter()
from nlp.corpus import run_batch
c = run_batch([sys.argv[1]], sys.argv[2], workers=int(sys.argv[3]), progress=False)
secs = time.perf_counter() - t
me = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM"))
kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"secs": secs, "self_kb": me, "worker_kb": kids, "reports": c["reports"], "errors": c["errors"]}))
"""


def batch_run(folder: Path, workers: int, tmp: Path) -> dict:
    db = tmp / f"bench-{workers}-{time.time_ns()}.duckdb"
    out = subprocess.run([sys.executable, "-c", _RUN, str(folder), str(db), str(workers)], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def text_mb(folder: Path) -> tuple[float, list[str]]:
    from nlp.ingest import load

    texts = []
    for p in sorted(folder.rglob("*")):
        if p.is_file() and p.suffix in {".txt", ".md", ".html"} and p.name != "README.md":
            try:
                texts.append(load(p).text)
            except Exception:
                pass
    return sum(len(t.encode("utf-8")) for t in texts) / 1e6, texts


def jieba_rate(texts: list[str]) -> float:
    import jieba

    jieba.setLogLevel(60)
    jieba.initialize()
    t = time.perf_counter()
    for x in texts:
        jieba.lcut(x)
    return sum(len(x.encode("utf-8")) for x in texts) / 1e6 / (time.perf_counter() - t)


def worker_seconds(folder: Path, repeat: int) -> float:
    """A worker's per-file work (read, parse, claims, checks, tags, rows) on every file of
    ``folder``, ``repeat`` times, in this process once its models are loaded."""
    from nlp.corpus.run import _warm
    from nlp.corpus.worker import process_file

    _warm()
    files = [str(p) for p in sorted(folder.iterdir())]
    t = time.perf_counter()
    for _ in range(repeat):
        for f in files:
            process_file(f)
    return time.perf_counter() - t


def generate(n: int, seed: int, out: Path) -> float:
    from nlp.synth import generate as synth

    t = time.perf_counter()
    synth(n, seed, out)
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=1000, help="reports for the throughput figures")
    ap.add_argument("--rss", type=int, nargs="*", default=[1000, 10000], help="corpus sizes for peak memory")
    ap.add_argument("--seed", type=int, default=0)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        corpus = tmp / f"synth-{a.n}"
        gen_s = generate(a.n, a.seed, corpus)
        mb, texts = text_mb(corpus)
        print(f"generated {a.n} reports ({mb:.1f} MB of text) in {gen_s:.1f} s")
        j = jieba_rate(texts)
        print(f"bare jieba.lcut:                 {j:8.2f} MB/s")
        # A run pays a fixed start-up (imports, models loaded in each worker, the pool, the
        # store) once, then a cost per report.  Both are shown: the whole run ("cold"), and the
        # pace once started, from the difference between this corpus and its first fifth.
        small = tmp / "first-fifth"
        small.mkdir()
        files = sorted(p for p in corpus.iterdir() if p.suffix in {".txt", ".md", ".html"})
        for p in files[: len(files) // 5]:
            (small / p.name).write_bytes(p.read_bytes())
        small_mb, _ = text_mb(small)
        rate, cold = {}, {}
        for w in (1, 2):
            full_s = batch_run(corpus, w, tmp)["secs"]
            small_s = batch_run(small, w, tmp)["secs"]
            cold[w] = full_s
            rate[w] = (mb - small_mb) / (full_s - small_s)
            print(f"full pipeline, {w} worker{'s' if w > 1 else ' '}:        {rate[w]:8.2f} MB/s  ({(a.n - len(files) // 5) / (full_s - small_s):.0f} reports/s"
                  f" once started; the whole run incl. start-up: {mb / full_s:.2f} MB/s, {full_s:.1f} s)")
        print(f"pipeline cost per worker vs bare jieba: {j / rate[1]:.2f}x  (target ≤ 2x; whole run {j / (mb / cold[1]):.2f}x)")
        print(f"speed-up 1 → 2 workers: {rate[2] / rate[1]:.2f}x  (target ≥ 1.8x; whole run {cold[1] / cold[2]:.2f}x)")
        if (SHARED / "seeds").is_dir():
            real = tmp / "real"
            real.mkdir()
            for sub in ("seeds", "corpus"):
                for p in (SHARED / sub).glob("*"):
                    if p.suffix in {".txt", ".md", ".html"} and p.name != "README.md":
                        (real / p.name).write_bytes(p.read_bytes())
            rmb, rtexts = text_mb(real)
            rj = jieba_rate(rtexts * 20)
            rs = worker_seconds(real, 20)
            print(f"real reports ({len(rtexts)} files, {rmb * 1000:.0f} KB, x 20): per-file work {rmb * 20 / rs:.2f} MB/s, "
                  f"bare jieba {rj:.2f} MB/s: {rj / (rmb * 20 / rs):.2f}x (a run of 9 files is all start-up)")
        for size in a.rss:
            folder = tmp / f"rss-{size}"
            generate(size, a.seed + size, folder)
            r = batch_run(folder, 2, tmp)
            print(f"peak RSS, {size} reports, 2 workers: main {r['self_kb'] / 1024:.0f} MB, largest worker {r['worker_kb'] / 1024:.0f} MB "
                  f"({r['reports']} reports, {r['errors']} errors)")
        sample = REPO / "corpora" / "sample" / "demo-2021-template.txt"
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "nlp.cli", "check", str(sample), "-f", "jsonl"], capture_output=True, check=False)
        print(f"time to first result, gongkai check one file: {time.perf_counter() - t:.2f} s")


if __name__ == "__main__":
    main()
