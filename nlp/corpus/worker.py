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
    rows = {
        "reports": [{
            "doc_id": d, "source": r.source, "fmt": doc.fmt, "year": m.year, "body": m.body, "region": m.region,
            "published": m.published, "template": m.template, "chars": len(r.text), "n_sections": len(r.sections),
            "n_passages": len(r.passages), "n_tables": len(r.tables), "n_cells": sum(len(t.cells) for t in r.tables),
            "n_claims": len(claims), "n_findings": len(findings), "rules_evaluated": summary.evaluated,
            "rules_failed": summary.failed, "rules_not_assessable": summary.not_assessable,
        }],
        "sections": [{"doc_id": d, "section_id": s.id, "parent_id": s.parent, "title": s.title, "level": s.level,
                      "kind": s.kind, "start": s.start, "end": s.end} for s in r.sections],
        "passages": [{"doc_id": d, "passage_id": p.id, "section_id": p.section_id, "start": p.start, "end": p.end,
                      "text": r.text[p.start:p.end],
                      "labels": json.dumps(tagged[p.id]["labels"], ensure_ascii=False) if p.id in tagged else None,
                      "scores": json.dumps(tagged[p.id]["scores"], ensure_ascii=False, sort_keys=True) if p.id in tagged else None}
                     for p in r.passages],
        "cells": [{"doc_id": d, "table_id": t.id, "table_kind": t.kind, "indicator": c.indicator, "row": c.row, "col": c.col,
                   "value": None if c.value is None else float(c.value), "raw": c.raw, "unit": c.unit,
                   "start": c.start, "end": c.end, "label": c.label} for t in r.tables for c in t.cells],
        "claims": [{"doc_id": d, "start": c.start, "end": c.end, "text": c.text, "value": float(c.value),
                    "low": None if c.low is None else float(c.low), "high": None if c.high is None else float(c.high),
                    "unit": c.unit, "qualifier": c.qualifier, "kind": c.kind, "indicator": c.indicator,
                    "confidence": c.confidence, "section_id": c.section_id,
                    "breakdown_id": c.breakdown["id"] if c.breakdown else None,
                    "breakdown_role": c.breakdown["role"] if c.breakdown else None} for c in claims],
        "findings": [finding_row(f) for f in findings],
    }
    return rows


def finding_row(f) -> dict:
    return {"doc_id": f.doc_id, "rule": f.rule, "kind": f.kind, "severity": f.severity, "message": f.message,
            "evidence": json.dumps(f.evidence, ensure_ascii=False, sort_keys=True),
            "expected": json.dumps(f.expected, ensure_ascii=False), "actual": json.dumps(f.actual, ensure_ascii=False)}
