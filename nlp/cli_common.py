"""What every command of the CLI shares: output formats, reading many reports with one
error record per bad file, and a writer for records (jsonl, json, csv or a rich view)."""
from __future__ import annotations

import csv
import json
import sys
from enum import Enum
from typing import Iterator

import typer
from rich.console import Console

from nlp.files import iter_inputs
from nlp.ingest import MAX_BYTES, IngestError, load
from nlp.records import dumps, error_record

class Fmt(str, Enum):
    auto = "auto"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    table = "table"
    text = "text"


def _resolve(fmt: Fmt) -> Fmt:
    if fmt is Fmt.auto:
        return Fmt.table if sys.stdout.isatty() else Fmt.jsonl
    return Fmt.table if fmt is Fmt.text else fmt


FORMAT = typer.Option(Fmt.auto, "--format", "-f", help="jsonl (one record per line), json (a list), csv, table (readable); auto: table at a terminal, jsonl otherwise")
MAX_MB = typer.Option(MAX_BYTES / 1048576, "--max-mb", help="largest file to read, in MB")
PATHS = typer.Argument(..., help="report files or folders")


def _reports(paths: list[str], max_mb: float) -> Iterator[tuple[str, object | None, dict | None]]:
    """(path, report, None) for each readable report, (path, None, error record) otherwise:
    one bad file never stops the run."""
    from nlp.structure import structure

    for path, problem in iter_inputs(paths):
        try:
            if problem:
                raise IngestError("missing", f"{path}: {problem}")
            yield path, structure(load(path, max_bytes=int(max_mb * 1048576))), None
        except IngestError as exc:
            yield path, None, error_record(path, exc.type, exc.message)
        except Exception as exc:  # a parser bug on one file is that file's error record
            yield path, None, error_record(path, "internal", f"{type(exc).__name__}: {exc}")


class _Writer:
    """Writes records in the chosen format; remembers failures for the exit status."""

    def __init__(self, fmt: Fmt, csv_fields: list[str] | None = None):
        self.fmt = fmt
        self.failed = 0
        self.records: list[dict] = []
        self.console = Console()
        self.csv = None
        if fmt is Fmt.csv:
            self.csv = csv.DictWriter(sys.stdout, fieldnames=csv_fields or [], extrasaction="ignore")
            self.csv.writeheader()

    def error(self, rec: dict) -> None:
        from nlp.render import show_error

        self.failed += 1
        if self.fmt is Fmt.table:
            show_error(self.console, rec)
        elif self.fmt is Fmt.csv:
            Console(stderr=True).print(f"error {rec['source']}: {rec['error']['message']}")
        else:
            self.write(rec)

    def write(self, rec: dict) -> None:
        if self.fmt is Fmt.jsonl:
            sys.stdout.write(dumps(rec) + "\n")
        elif self.fmt is Fmt.json:
            self.records.append(rec)
        elif self.fmt is Fmt.csv:
            self.csv.writerow({k: json.dumps(v, ensure_ascii=False, sort_keys=True) if isinstance(v, (dict, list)) else v for k, v in rec.items()})

    def close(self) -> None:
        if self.fmt is Fmt.json:
            sys.stdout.write(json.dumps(self.records, ensure_ascii=False, sort_keys=True, indent=1) + "\n")
        if self.failed:
            Console(stderr=True).print(f"{self.failed} file(s) could not be read")
            raise typer.Exit(1)


