"""`gongkai batch`: many files → one store, in parallel, resumable, every input counted."""
from __future__ import annotations

import os
import queue
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import datetime, timezone
from pathlib import Path

from nlp.corpus.cross import cross_report_rows
from nlp.corpus.store import Store
from nlp.corpus.worker import process_file, sha1_file
from nlp.files import iter_inputs
from nlp.ingest import MAX_BYTES

FLUSH_EVERY = 256  # results per transaction (each INSERT has a fixed cost of a few ms)
FLUSH_SECONDS = 2.0


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _warm() -> None:
    """Load taxonomies, rules and models once per worker process."""
    from nlp.ingest import load_bytes
    from nlp.corpus.worker import _rows

    try:
        _rows(load_bytes("一、总体情况\n主动公开政府信息1条。".encode(), "warm.txt"), None)
    except Exception:
        pass


class _Progress:
    """A rich progress bar at a terminal; otherwise (logs, CI, a cluster job) one line
    per stored batch on standard error when ``log`` is set."""

    def __init__(self, total: int, enabled: bool, log: bool = False):
        self.enabled = enabled and total > 0
        self.log = log and not self.enabled
        self.total = total
        self.stored = 0
        self.errors = 0
        if self.enabled:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            self.p = Progress(TextColumn("[bold]batch"), BarColumn(), MofNCompleteColumn(),
                              TextColumn("{task.fields[rate]:.1f} files/s"), TextColumn("errors {task.fields[errors]}"),
                              TimeElapsedColumn(), transient=False)
            self.p.start()
            self.task = self.p.add_task("batch", total=total, rate=0.0, errors=0)
            self.t0 = time.perf_counter()
            self.done = 0

    def advance(self, n: int, errors: int) -> None:
        self.errors += errors
        if self.enabled:
            self.done += n
            rate = self.done / max(1e-9, time.perf_counter() - self.t0)
            self.p.update(self.task, advance=n, rate=rate, errors=self.errors)

    def stored_batch(self, n: int) -> None:
        self.stored += n
        if self.log and n:
            import sys

            print(f"stored {self.stored}/{self.total} files ({self.errors} errors)", file=sys.stderr, flush=True)

    def close(self) -> None:
        if self.enabled:
            self.p.stop()


def run_batch(inputs: list[str], out: str | Path, parquet: str | Path | None = None, workers: int | None = None,
              backend: str = "local", scheduler: str | None = None, max_bytes: int = MAX_BYTES,
              progress: bool = True, window: int | None = None, retry_errors: bool = False, log: bool = False) -> dict:
    from nlp import __version__

    workers = workers or os.cpu_count() or 1
    store = Store(out)
    run_id = store.new_run(inputs, backend, workers, __version__, _now())
    seen = iter_inputs(inputs)
    ledger = store.ledger()
    todo: list[str] = []
    missing: list[dict] = []
    skipped = 0
    for path, problem in seen:
        if problem:
            missing.append({"source": path, "sha1": None, "doc_id": None, "rows": {},
                            "error": {"type": "missing", "message": f"{path}: {problem}"}})
            continue
        try:
            digest = sha1_file(path)
        except OSError:
            digest = None  # unreadable: the worker says why
        if digest and path in ledger and ledger[path][0] == digest and (ledger[path][1] == "ok" or not retry_errors):
            skipped += 1
            continue
        todo.append(path)
    for m in missing:
        import hashlib

        m["doc_id"] = hashlib.sha1(m["source"].encode()).hexdigest()[:16]
    store.write(missing, run_id)
    bar = _Progress(len(todo), progress, log)
    buffer: list[dict] = []
    last = time.perf_counter()

    def collect(res: dict) -> None:
        nonlocal last
        buffer.append(res)
        bar.advance(1, 1 if res["error"] else 0)
        if len(buffer) >= FLUSH_EVERY or time.perf_counter() - last > FLUSH_SECONDS:
            store.write(buffer, run_id)
            bar.stored_batch(len(buffer))
            buffer.clear()
            last = time.perf_counter()

    # files in flight: enough that the workers stay busy while this process stores a batch
    # (a few hundred ms), few enough that memory stays flat
    window = window or workers * 48
    try:
        if backend == "dask":
            _run_dask(todo, collect, workers, scheduler, max_bytes, window)
        elif workers <= 1 or len(todo) <= 1:
            _warm()
            for path in todo:
                collect(process_file(path, max_bytes))
        else:
            _run_pool(todo, collect, workers, max_bytes, window)
        store.write(buffer, run_id)
        bar.stored_batch(len(buffer))
    finally:
        bar.close()
    store.replace_cross_report(cross_report_rows(store.con))
    files_in_store = store.count("files")
    counts = {
        "files_seen": len(seen), "processed": len(todo), "skipped": skipped,
        "reports": store.count("reports"), "errors": store.count("errors"), "files_in_store": files_in_store,
        "run_errors": bar.errors + len(missing),
    }
    counts["accounted"] = counts["reports"] + counts["errors"] == files_in_store
    store.finish_run(run_id, _now(), counts)
    if parquet:
        store.export_parquet(parquet)
    store.close()
    return counts


CHUNK = 4  # files per task: fewer round trips between this process and the workers


def _process_chunk(paths: list[str], max_bytes: int) -> list[dict]:
    return [process_file(path, max_bytes) for path in paths]


def _run_pool(todo: list[str], collect, workers: int, max_bytes: int, window: int) -> None:
    """The per-file work in a local process pool, ``window`` files in flight at most (so
    memory does not grow with the corpus); finished tasks reach a queue, so taking the
    next one costs the same however many are in flight."""
    finished: queue.SimpleQueue = queue.SimpleQueue()
    in_flight = 0
    with ProcessPoolExecutor(max_workers=workers, initializer=_warm) as pool:
        for i in range(0, len(todo), CHUNK):
            pool.submit(_process_chunk, todo[i : i + CHUNK], max_bytes).add_done_callback(finished.put)
            in_flight += 1
            if in_flight * CHUNK >= window:
                for res in finished.get().result():
                    collect(res)
                in_flight -= 1
        while in_flight:
            for res in finished.get().result():
                collect(res)
            in_flight -= 1


def _run_dask(todo: list[str], collect, workers: int, scheduler: str | None, max_bytes: int, window: int) -> None:
    """The same per-file work on a Dask cluster: a scheduler address, or a LocalCluster."""
    from distributed import Client, LocalCluster, as_completed

    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(cluster)
    try:
        client.run(_warm)
        it = iter(todo)
        futures = as_completed()
        for path in it:
            futures.add(client.submit(process_file, path, max_bytes, pure=False))
            if futures.count() >= window:
                collect(next(futures).result())
        for f in futures:
            collect(f.result())
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
