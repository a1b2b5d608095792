"""gongkai batch: accounting, resumability after kill -9, Dask gives the same rows."""
import os
import signal
import subprocess
import sys

import duckdb
import pytest

from conftest import SAMPLE
from nlp.corpus import run_batch

DEMO = (SAMPLE / "demo-2021-template.txt").read_text(encoding="utf-8")


def make_reports(folder, n):
    """n distinct consistent reports: the sample with another body name each."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"r{i:04d}.txt").write_text(DEMO.replace("青禾县", f"青禾{i:04d}县"), encoding="utf-8")


def table(db, sql):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_every_input_is_accounted_for(tmp_path):
    src = tmp_path / "in"
    make_reports(src, 3)
    (src / "empty.txt").write_bytes(b"")
    (src / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (src / "page.html").write_text("<html><body><nav>首页</nav><p>hello</p></body></html>", encoding="utf-8")
    (src / "big.txt").write_text(DEMO * 40, encoding="utf-8")
    os.symlink(src, src / "loop")
    db = tmp_path / "c.duckdb"
    counts = run_batch([str(src)], db, workers=2, progress=False, max_bytes=100_000)
    assert counts["files_seen"] == 7 and counts["reports"] == 3 and counts["errors"] == 4 and counts["accounted"]
    errors = dict(table(db, "select regexp_extract(source, '[^/]+$'), type from errors"))
    assert errors == {"empty.txt": "empty", "binary.txt": "binary", "page.html": "not_a_report", "big.txt": "too_large"}
    # a rerun skips everything unchanged; a changed file is redone, not duplicated
    again = run_batch([str(src)], db, workers=1, progress=False, max_bytes=100_000)
    assert (again["processed"], again["skipped"], again["reports"]) == (0, 7, 3)
    (src / "r0001.txt").write_text(DEMO.replace("青禾县", "青禾新县"), encoding="utf-8")
    third = run_batch([str(src)], db, workers=1, progress=False, max_bytes=100_000)
    assert (third["processed"], third["reports"], third["errors"]) == (1, 3, 4)
    assert table(db, "select count(*), count(distinct doc_id) from reports") == [(3, 3)]
    assert table(db, "select count(*) from reports where body like '青禾新县%'") == [(1,)]


def test_resume_after_kill_minus_nine(tmp_path):
    src = tmp_path / "in"
    make_reports(src, 400)
    db = tmp_path / "c.duckdb"
    cmd = [sys.executable, "-m", "nlp.cli", "batch", str(src), "--out", str(db), "--workers", "1"]
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, text=True)
    first = proc.stderr.readline()  # "stored 64/400 files": some batches are in the store
    assert first.startswith("stored"), first
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    stored = table(db, "select count(*) from files")[0][0]
    assert 0 < stored < 400
    assert table(db, "select finished from runs") == [(None,)]
    done = subprocess.run(cmd, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert table(db, "select count(*), count(distinct doc_id) from reports") == [(400, 400)]
    assert table(db, "select count(*) from errors") == [(0,)]
    last = table(db, "select processed, skipped from runs where finished is not null")
    assert last == [(400 - stored, stored)]
    # no duplicated rows in any table
    assert table(db, "select count(*) = count(distinct (doc_id, start, table_id)) from cells") == [(True,)]


def test_dask_local_cluster_gives_the_same_rows(tmp_path):
    pytest.importorskip("distributed")
    src = tmp_path / "in"
    make_reports(src, 6)
    (src / "empty.txt").write_bytes(b"")
    local, dask_db = tmp_path / "local.duckdb", tmp_path / "dask.duckdb"
    run_batch([str(src)], local, workers=2, progress=False)
    run_batch([str(src)], dask_db, workers=2, backend="dask", progress=False)
    for t, cols in [("reports", "* exclude (run_id)"), ("cells", "*"), ("claims", "*"), ("findings", "*"),
                    ("passages", "*"), ("sections", "*"), ("errors", "* exclude (run_id)")]:
        q = f"select {cols} from {t} order by all"
        assert table(local, q) == table(dask_db, q), t
    assert table(dask_db, "select backend from runs") == [("dask",)]
