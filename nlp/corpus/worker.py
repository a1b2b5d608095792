"""The per-file work of a batch: one file → rows for every table of the corpus store.

A pure function of the file's bytes (and the shipped models), so it runs the same in a
local process pool and on a Dask cluster.  Never raises: a bad file is an error row."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

from nlp.ingest import MAX_BYTES, IngestError, load_bytes

TABLES = ("reports", "sections", "passages", "cells", "claims", "findings")


def sha1_file(path: str) -> str:
    h = hashlib.sha1()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _tagger():
    """The passage tagger when the tagging stage is installed, loaded once per process."""
    global _TAGGER
    try:
        return _TAGGER
    except NameError:
        pass
    try:
        from nlp.tagging import tag_report  # type: ignore
    except Exception:  # the tagging stage is optional for a batch
        tag_report = None
    _TAGGER = tag_report
    return _TAGGER


def process_file(path: str, max_bytes: int = MAX_BYTES, families: tuple[str, ...] | None = None) -> dict:
    """Everything the store keeps about one file, as plain rows (picklable)."""
    out: dict = {"source": path, "sha1": None, "doc_id": None, "error": None, "rows": {}}
    try:
        size = Path(path).stat().st_size
        if size > max_bytes:
            out["sha1"] = sha1_file(path)  # the ledger knows it, so a rerun skips it
            raise IngestError("too_large", f"{size / 1048576:.1f} MB is larger than the {max_bytes / 1048576:.0f} MB limit for one report")
        data = Path(path).read_bytes()
        out["sha1"] = hashlib.sha1(data).hexdigest()
        doc = load_bytes(data, path)
        out["doc_id"] = doc.doc_id
        out["rows"] = _rows(doc, families)
    except IngestError as exc:
        out["error"] = {"type": exc.type, "message": exc.message}
    except OSError as exc:
        out["error"] = {"type": "unreadable", "message": f"cannot read {path}: {exc.strerror or exc}"}
    except RecursionError as exc:
        out["error"] = {"type": "internal", "message": f"RecursionError: {exc}"}
    except Exception as exc:  # a bug on one file is that file's error row, never the run's end
        out["error"] = {"type": "internal", "message": f"{type(exc).__name__}: {exc}"}
    if out["error"] and out["doc_id"] is None:
        out["doc_id"] = hashlib.sha1((out["sha1"] or path).encode()).hexdigest()[:16]
    return out


def _rows(doc, families) -> dict:
    from nlp.checks import KINDS, check
    from nlp.claims import extract
    from nlp.structure import structure

    r = structure(doc)
    claims = extract(r)
    kinds = set(families or KINDS) - {"cross_report"}
    findings, summary = check(r, kinds)
    tagged = {}
    tag = _tagger()
    if tag is not None:
        try:
            tagged = {t.passage_id: t.record() for t in tag(r)}
        except Exception:  # tagging trouble leaves the labels empty, not the report lost
            tagged = {}
    d = r.doc_id
    m = r.meta
    cells = [(t, c) for t in r.tables for c in t.cells]
    tags = [tagged.get(p.id) for p in r.passages]
    return {  # column → values, per table (compact to send between processes, quick to store)
        "reports": {
            "doc_id": [d], "source": [r.source], "fmt": [doc.fmt], "year": [m.year], "body": [m.body], "region": [m.region],
            "published": [m.published], "template": [m.template], "chars": [len(r.text)], "n_sections": [len(r.sections)],
            "n_passages": [len(r.passages)], "n_tables": [len(r.tables)], "n_cells": [len(cells)],
            "n_claims": [len(claims)], "n_findings": [len(findings)], "rules_evaluated": [summary.evaluated],
            "rules_failed": [summary.failed], "rules_not_assessable": [summary.not_assessable],
        },
        "sections": {
            "doc_id": [d] * len(r.sections), "section_id": [s.id for s in r.sections], "parent_id": [s.parent for s in r.sections],
            "title": [s.title for s in r.sections], "level": [s.level for s in r.sections], "kind": [s.kind for s in r.sections],
            "start": [s.start for s in r.sections], "end": [s.end for s in r.sections],
        },
        "passages": {
            "doc_id": [d] * len(r.passages), "passage_id": [p.id for p in r.passages], "section_id": [p.section_id for p in r.passages],
            "start": [p.start for p in r.passages], "end": [p.end for p in r.passages],
            "text": [r.text[p.start:p.end] for p in r.passages],
            "labels": [json.dumps(g["labels"], ensure_ascii=False) if g else None for g in tags],
            "scores": [json.dumps(g["scores"], ensure_ascii=False, sort_keys=True) if g else None for g in tags],
        },
        "cells": {
            "doc_id": [d] * len(cells), "table_id": [t.id for t, _ in cells], "table_kind": [t.kind for t, _ in cells],
            "indicator": [c.indicator for _, c in cells], "row": [c.row for _, c in cells], "col": [c.col for _, c in cells],
            "value": [None if c.value is None else float(c.value) for _, c in cells], "raw": [c.raw for _, c in cells],
            "unit": [c.unit for _, c in cells], "start": [c.start for _, c in cells], "end": [c.end for _, c in cells],
            "label": [c.label for _, c in cells],
        },
        "claims": {
            "doc_id": [d] * len(claims), "start": [c.start for c in claims], "end": [c.end for c in claims],
            "text": [c.text for c in claims], "value": [float(c.value) for c in claims],
            "low": [None if c.low is None else float(c.low) for c in claims],
            "high": [None if c.high is None else float(c.high) for c in claims],
            "unit": [c.unit for c in claims], "qualifier": [c.qualifier for c in claims], "kind": [c.kind for c in claims],
            "indicator": [c.indicator for c in claims], "confidence": [c.confidence for c in claims],
            "section_id": [c.section_id for c in claims],
            "breakdown_id": [c.breakdown["id"] if c.breakdown else None for c in claims],
            "breakdown_role": [c.breakdown["role"] if c.breakdown else None for c in claims],
        },
        "findings": _as_columns([finding_row(f) for f in findings]),
    }


def _as_columns(rows: list[dict]) -> dict[str, list]:
    """Rows (dicts with the same keys) → column → values."""
    return {k: [row[k] for row in rows] for k in rows[0]} if rows else {}


def finding_row(f) -> dict:
    return {"doc_id": f.doc_id, "rule": f.rule, "kind": f.kind, "severity": f.severity, "message": f.message,
            "evidence": json.dumps(f.evidence, ensure_ascii=False, sort_keys=True),
            "expected": json.dumps(f.expected, ensure_ascii=False), "actual": json.dumps(f.actual, ensure_ascii=False)}
