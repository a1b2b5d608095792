"""Corpus runs: many files → one DuckDB/Parquet store (``run_batch``)."""
from nlp.corpus.run import run_batch

__all__ = ["run_batch"]
