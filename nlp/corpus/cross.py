"""Cross-report rules over a stored corpus: the same body's consecutive reports, read
back from the store (only the cells these rules need), so memory does not grow with the
corpus."""
from __future__ import annotations

from nlp.checks.base import Summary
from nlp.checks.cross import check_cross
from nlp.corpus.worker import finding_row
from nlp.model import Cell, Meta, Report, Table

NEEDED = ("requests.carried_over.total", "requests.carried_forward.total")


def cross_report_rows(con) -> list[dict]:
    docs = con.execute(
        """SELECT doc_id, source, year, body, region, published, template FROM reports
           WHERE body IN (SELECT body FROM reports WHERE body IS NOT NULL AND year IS NOT NULL
                          GROUP BY body HAVING count(DISTINCT year) > 1)
           ORDER BY body, year, doc_id"""
    ).fetchall()
    if not docs:
        return []
    ids = [d[0] for d in docs]
    cells: dict[str, list[Cell]] = {i: [] for i in ids}
    q = f"""SELECT doc_id, indicator, "row", col, value, raw, unit, start, "end", label FROM cells
            WHERE doc_id IN (SELECT unnest(?)) AND (indicator IN {NEEDED} OR indicator LIKE '%.cumulative'
                 OR indicator IN (SELECT replace(indicator, '.cumulative', '') FROM cells WHERE indicator LIKE '%.cumulative'))
            ORDER BY doc_id, start"""
    for doc_id, ind, row, col, value, raw, unit, start, end, label in con.execute(q, [ids]).fetchall():
        v = None if value is None else (int(value) if float(value).is_integer() else value)
        cells[doc_id].append(Cell(ind, row, col, v, raw, unit, start, end, label or ""))
    reports = []
    for doc_id, source, year, body, region, published, template in docs:
        meta = Meta(year=year, body=body, region=region, published=published, template=template)
        table = Table("t1", "stored", "store", 0, 0, cells=cells[doc_id])
        reports.append(Report(doc_id, source, "", meta, tables=[table]))
    summaries = {r.doc_id: Summary() for r in reports}
    return [finding_row(f) for f in check_cross(reports, summaries)]
