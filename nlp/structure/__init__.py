"""Canonical text → Report(meta, sections, passages, tables)."""
from __future__ import annotations

from nlp.ingest import IngestError, Ingested
from nlp.ingest.align import complete_tables
from nlp.model import Report, Table
from nlp.structure.labeller import label_table
from nlp.structure.layouts import read_text_tables
from nlp.structure.meta import extract_meta, find_template
from nlp.structure.sections import build_sections


def structure(doc: Ingested) -> Report:
    text = doc.text
    if "公开" not in text and "公開" not in text:
        raise IngestError("not_a_report", "no 公开 anywhere in the text: not an information-disclosure report")
    raw_tables = list(doc.tables) + read_text_tables(text, [(t.start, t.end) for t in doc.tables])
    raw_tables.sort(key=lambda t: t.start)
    tables: list[Table] = []
    sources: list = []  # the raw table each labelled table was read from
    for raw in raw_tables:
        if any(t.start <= raw.start < t.end for t in tables):
            continue  # a text table inside an HTML table's rendering
        table = label_table(raw, text, f"t{len(tables) + 1}")
        if raw.layout == "flat" and (table.kind == "unknown" or not (any(c.indicator for c in table.cells) or table.notes)):
            continue  # a line that merely ends with a number
        tables.append(table)
        sources.append(raw)
    meta = extract_meta(text, tables, doc.page_meta)
    # relabel the 第二十条 tables now the template is known (cut-off headers use its column order)
    if meta.template in ("2019", "2021"):
        for i, t in enumerate(tables):
            if t.kind == "art20" and t.variant != meta.template:
                tables[i] = label_table(sources[i], text, t.id, meta.template)
        meta.template = find_template(meta.year, tables, text)
    complete_tables(tables, raw_tables, text, meta.template)  # blank template rows; rows that lost their labels
    sections, passages = build_sections(text, [(t.start, t.end) for t in tables])
    return Report(doc.doc_id, doc.source, text, meta, sections, passages, tables)
