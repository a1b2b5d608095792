"""The project's own sample corpus: invented annual reports of all three templates
(2008, 2019, 2021) as .txt, .md and .html, with the truth about each.

``generate(n, seed, out_dir)`` writes n reports and ``truth.jsonl`` (deterministic for
(n, seed)); ``generate_one(rng, index)`` returns one report in memory.  All prose is written
for this project from sentence patterns of real reports; no real report text is copied.

Truth record (one JSON line per report, keys sorted): ``file``, ``doc_id``, ``template``,
``year``, ``body``, ``region``, ``format``, ``published``, ``damage``, ``faults`` (kind,
start, end, original, changed, indicator), ``cells`` (indicator, value, unit; every table
cell in table order, a blank cell has value null), ``claims`` (start, end, text, value,
low, high, unit, qualifier, kind, indicator: every number written into prose, with the
semantics of CONTRACT.md ``gongkai claims``; the span covers the number with its
approximator and unit, e.g. "2000余人次" (more_than, high null), "近300条" (less_than),
"759.90万元" (money in 元), "17.46%"; a zero stated in words is a claim on 未 and its verb,
"未收到", with unit null), ``passages`` (start, end, labels) for every paragraph, ``layout``
(how the title, punctuation, blank cells and tables are written).
Offsets are into the canonical text (the file text for .txt/.md; ``nlp.ingest.load(path).text``
for .html).
"""
from __future__ import annotations

from nlp.synth.corpus import generate, generate_one, iter_reports

__all__ = ["generate", "generate_one", "iter_reports"]
