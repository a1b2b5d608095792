"""The corpus store: one DuckDB file (and optionally Parquet), schemas documented here.

A file's rows and its ledger entry are written in one transaction, so a run killed at
any moment leaves every file either wholly stored or not at all; the next run skips
what the ledger holds with the same content hash and redoes the rest."""
from __future__ import annotations

import json
from pathlib import Path

import duckdb
import numpy as np

SCHEMA = {
    "reports": """doc_id VARCHAR, source VARCHAR, fmt VARCHAR, year INTEGER, body VARCHAR, region VARCHAR,
        published VARCHAR, template VARCHAR, chars INTEGER, n_sections INTEGER, n_passages INTEGER, n_tables INTEGER,
        n_cells INTEGER, n_claims INTEGER, n_findings INTEGER, rules_evaluated INTEGER, rules_failed INTEGER,
        rules_not_assessable INTEGER, run_id INTEGER""",
    "sections": """doc_id VARCHAR, section_id VARCHAR, parent_id VARCHAR, title VARCHAR, level INTEGER, kind VARCHAR,
        start INTEGER, "end" INTEGER""",
    "passages": """doc_id VARCHAR, passage_id VARCHAR, section_id VARCHAR, start INTEGER, "end" INTEGER, text VARCHAR,
        labels VARCHAR, scores VARCHAR""",
    "cells": """doc_id VARCHAR, table_id VARCHAR, table_kind VARCHAR, indicator VARCHAR, "row" INTEGER, col INTEGER,
        value DOUBLE, raw VARCHAR, unit VARCHAR, start INTEGER, "end" INTEGER, label VARCHAR""",
    "claims": """doc_id VARCHAR, start INTEGER, "end" INTEGER, text VARCHAR, value DOUBLE, low DOUBLE, high DOUBLE,
        unit VARCHAR, qualifier VARCHAR, kind VARCHAR, indicator VARCHAR, confidence DOUBLE, section_id VARCHAR,
        breakdown_id VARCHAR, breakdown_role VARCHAR""",
    "findings": """doc_id VARCHAR, rule VARCHAR, kind VARCHAR, severity VARCHAR, message VARCHAR, evidence VARCHAR,
        expected VARCHAR, actual VARCHAR""",
    "errors": """source VARCHAR, doc_id VARCHAR, sha1 VARCHAR, type VARCHAR, message VARCHAR, run_id INTEGER""",
    "runs": """run_id INTEGER, started VARCHAR, finished VARCHAR, inputs VARCHAR, backend VARCHAR, workers INTEGER,
        files_seen INTEGER, processed INTEGER, skipped INTEGER, reports INTEGER, errors INTEGER, version VARCHAR""",
    "files": """source VARCHAR PRIMARY KEY, sha1 VARCHAR, doc_id VARCHAR, status VARCHAR, run_id INTEGER""",
}
MEMORY_LIMIT = "64MB"  # the writer's page cache: enough for batch inserts, and a long run stays flat
DOC_TABLES = ("reports", "sections", "passages", "cells", "claims", "findings")
ORDER = {
    "reports": "doc_id", "sections": "doc_id, start, section_id", "passages": "doc_id, start", "cells": "doc_id, table_id, start",
    "claims": "doc_id, start", "findings": "doc_id, rule, message", "errors": "source", "runs": "run_id", "files": "source",
}


def _frame(cols: dict[str, list]) -> dict:
    """Columns as DuckDB scans them from Python: a dict of NumPy object arrays (no type
    guessing on the way, unlike a pandas DataFrame; DuckDB casts to the table's types)."""
    out = {}
    for name, values in cols.items():
        arr = np.empty(len(values), dtype=object)
        arr[:] = values
        out[name] = arr
    return out


def columns(table: str) -> list[str]:
    cols = []
    for part in SCHEMA[table].replace("\n", " ").split(","):
        name = part.strip().split()[0].strip('"')
        cols.append(name)
    return cols


class Store:
    def __init__(self, path: str | Path):
        self.path = str(path)
        # DuckDB caches pages up to most of the machine's memory by default; the writer
        # needs little, and a bounded cache keeps a long run's memory flat
        self.con = duckdb.connect(self.path, config={"memory_limit": MEMORY_LIMIT, "threads": 1})
        for name, cols in SCHEMA.items():
            self.con.execute(f"CREATE TABLE IF NOT EXISTS {name} ({cols})")

    # ------------------------------------------------------------------ ledger
    def ledger(self) -> dict[str, tuple[str, str]]:
        """source → (sha1, status) of every file already stored."""
        return {s: (h, st) for s, h, st in self.con.execute("SELECT source, sha1, status FROM files").fetchall()}

    def new_run(self, inputs: list[str], backend: str, workers: int, version: str, started: str) -> int:
        run_id = (self.con.execute("SELECT coalesce(max(run_id), 0) + 1 FROM runs").fetchone() or [1])[0]
        self.con.execute("INSERT INTO runs (run_id, started, inputs, backend, workers, version) VALUES (?, ?, ?, ?, ?, ?)",
                         [run_id, started, json.dumps(inputs, ensure_ascii=False), backend, workers, version])
        return run_id

    def finish_run(self, run_id: int, finished: str, counts: dict) -> None:
        self.con.execute(
            "UPDATE runs SET finished = ?, files_seen = ?, processed = ?, skipped = ?, reports = ?, errors = ? WHERE run_id = ?",
            [finished, counts["files_seen"], counts["processed"], counts["skipped"], counts["reports"], counts["errors"], run_id])

    # ------------------------------------------------------------------ writing
    def write(self, results: list[dict], run_id: int) -> None:
        """Store a batch of per-file results in one transaction."""
        if not results:
            return
        self.con.execute("BEGIN TRANSACTION")
        try:
            self._forget([res["source"] for res in results])
            stored = self._sources_of([res["doc_id"] for res in results if not res["error"]])
            data: dict[str, dict[str, list]] = {t: {c: [] for c in columns(t)} for t in DOC_TABLES}
            errors, ledger = [], []
            taken = set()
            for res in results:
                doc_id = res["doc_id"]
                dup = None
                if not res["error"]:
                    if doc_id in taken:
                        dup = "the same content as another file of this batch"
                    elif doc_id in stored:
                        dup = f"the same content as {stored[doc_id]}"
                if res["error"] or dup:
                    err = res["error"] or {"type": "duplicate", "message": f"{res['source']} has {dup}"}
                    errors.append({"source": res["source"], "doc_id": doc_id, "sha1": res["sha1"], "type": err["type"],
                                   "message": err["message"], "run_id": run_id})
                    ledger.append({"source": res["source"], "sha1": res["sha1"], "doc_id": doc_id, "status": "error", "run_id": run_id})
                    continue
                taken.add(doc_id)
                for t in DOC_TABLES:
                    given = res["rows"].get(t) or {}
                    n = len(next(iter(given.values()), []))
                    for c, values in data[t].items():
                        values.extend(given[c] if c in given else [run_id if c == "run_id" else None] * n)
                ledger.append({"source": res["source"], "sha1": res["sha1"], "doc_id": doc_id, "status": "ok", "run_id": run_id})
            data["errors"] = {c: [e.get(c) for e in errors] for c in columns("errors")}
            data["files"] = {c: [e.get(c) for e in ledger] for c in columns("files")}
            for t, cols in data.items():
                if not next(iter(cols.values())):
                    continue
                df = _frame(cols)  # noqa: F841 (read by DuckDB below)
                quoted = ", ".join(f'"{c}"' for c in cols)
                self.con.execute(f"INSERT INTO {t} ({quoted}) SELECT {quoted} FROM df")
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise

    def _forget(self, sources: list[str]) -> None:
        """Drop what earlier runs stored for these paths (their content changed); one
        statement per table for the whole batch."""
        old = self.con.execute("SELECT doc_id, status FROM files WHERE source IN (SELECT unnest(?::VARCHAR[]))", [sources]).fetchall()
        if not old:
            return
        ok = [doc_id for doc_id, status in old if status == "ok"]
        if ok:
            for t in DOC_TABLES:
                self.con.execute(f"DELETE FROM {t} WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))", [ok])
        for t in ("errors", "files"):
            self.con.execute(f"DELETE FROM {t} WHERE source IN (SELECT unnest(?::VARCHAR[]))", [sources])

    def _sources_of(self, doc_ids: list[str]) -> dict[str, str]:
        """doc_id → the source already stored with that content, for these ids."""
        if not doc_ids:
            return {}
        found = self.con.execute("SELECT doc_id, min(source) FROM reports WHERE doc_id IN (SELECT unnest(?::VARCHAR[])) GROUP BY doc_id",
                                 [doc_ids]).fetchall()
        return dict(found)

    def replace_cross_report(self, rows: list[dict]) -> None:
        self.con.execute("BEGIN TRANSACTION")
        self.con.execute("DELETE FROM findings WHERE kind = 'cross_report'")
        if rows:
            df = _frame({c: [r.get(c) for r in rows] for c in columns("findings")})  # noqa: F841
            cols = ", ".join(f'"{c}"' for c in columns("findings"))
            self.con.execute(f"INSERT INTO findings ({cols}) SELECT {cols} FROM df")
        self.con.execute("COMMIT")

    # ------------------------------------------------------------------ reading
    def count(self, table: str) -> int:
        return self.con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]

    def export_parquet(self, out_dir: str | Path) -> list[Path]:
        out = Path(out_dir)
        out.mkdir(parents=True, exist_ok=True)
        written = []
        for t in SCHEMA:
            p = out / f"{t}.parquet"
            self.con.execute(f"COPY (SELECT * FROM {t} ORDER BY {ORDER[t]}) TO '{p}' (FORMAT PARQUET)")
            written.append(p)
        return written

    def close(self) -> None:
        self.con.close()
