"""The truth record of one generated report (one line of truth.jsonl)."""
from __future__ import annotations

import hashlib
import json

from nlp.synth.doc import Doc
from nlp.synth.figures import Figures

CLAIM_KEYS = ("value", "low", "high", "unit", "qualifier", "kind", "indicator")


def record(name: str, data: bytes, canonical: str, doc: Doc, f: Figures, meta: dict, fault: dict | None) -> dict:
    claims = []
    passages = []
    cells = []
    for b in doc.blocks:
        for p in b.pieces:
            if p.claim is not None and p.start >= 0:
                claims.append({"start": p.start, "end": p.end, "text": canonical[p.start:p.end],
                               **{k: p.claim.get(k) for k in CLAIM_KEYS}})
        if b.kind == "para" and b.pieces:
            first = next((p for p in b.pieces if p.start >= 0 and p.text.strip()), None)
            last = next((p for p in reversed(b.pieces) if p.start >= 0 and p.text.strip()), None)
            if first is not None and last is not None:
                start, end = first.start, last.end
                while start < end and canonical[start].isspace():
                    start += 1
                while end > start and canonical[end - 1].isspace():
                    end -= 1
                passages.append({"start": start, "end": end, "labels": sorted(b.labels)})
        for g in b.grids:
            for row in g.rows:
                for c in row:
                    for p in c.pieces:
                        if p.cell:
                            value = f.cells.get(p.cell)
                            if fault and fault.get("piece") is p:
                                value = fault["changed"]
                            cells.append({"indicator": p.cell, "value": value, "unit": f.units.get(p.cell)})
    faults = []
    if fault:
        p = fault["piece"]
        faults.append({"kind": fault["kind"], "start": p.start, "end": p.end, "original": fault["original"],
                       "changed": fault["changed"], "indicator": fault.get("indicator")})
    return {
        "file": name,
        "doc_id": hashlib.sha1(data).hexdigest()[:16],
        **meta,
        "faults": faults,
        "cells": cells,
        "claims": claims,
        "passages": passages,
    }


def dumps(rec: dict) -> str:
    return json.dumps(rec, ensure_ascii=False, sort_keys=True)
