"""Output records of ../shared/CONTRACT.md (version 1), serialised deterministically."""
from __future__ import annotations

import hashlib
import json

from nlp.model import Report

CONTRACT_VERSION = 1


def report_record(r: Report) -> dict:
    m = r.meta
    return {
        "doc_id": r.doc_id,
        "source": r.source,
        "meta": {"year": m.year, "body": m.body, "region": m.region, "published": m.published, "template": m.template},
        "sections": [
            {"id": s.id, "title": s.title, "level": s.level, "kind": s.kind, "start": s.start, "end": s.end, "parent": s.parent}
            for s in r.sections
        ],
        "passages": [{"id": p.id, "section_id": p.section_id, "start": p.start, "end": p.end} for p in r.passages],
        "tables": [
            {
                "id": t.id,
                "kind": t.kind,
                "layout": t.layout,
                "start": t.start,
                "end": t.end,
                "notes": list(t.notes),
                "cells": [
                    {"indicator": c.indicator, "row": c.row, "col": c.col, "value": c.value, "raw": c.raw,
                     "unit": c.unit, "start": c.start, "end": c.end, "label": c.label}
                    for c in t.cells
                ],
            }
            for t in r.tables
        ],
    }


def error_record(source: str, type_: str, message: str, data: bytes | None = None) -> dict:
    key = data if data is not None else source.encode("utf-8", "surrogateescape")
    return {"doc_id": hashlib.sha1(key).hexdigest()[:16], "source": source, "error": {"type": type_, "message": message}}


def dumps(record: dict) -> str:
    return json.dumps(record, ensure_ascii=False, sort_keys=True, separators=(", ", ": "))


def claim_record(doc_id: str, c) -> dict:
    return {
        "doc_id": doc_id, "start": c.start, "end": c.end, "text": c.text, "value": c.value, "low": c.low,
        "high": c.high, "unit": c.unit, "qualifier": c.qualifier, "indicator": c.indicator, "kind": c.kind,
        "confidence": c.confidence, "section_id": c.section_id, "breakdown": c.breakdown,
    }
