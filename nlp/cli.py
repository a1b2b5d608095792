"""The `gongkai` command line (typer): parses arguments, calls the stages, writes records."""
from __future__ import annotations

import sys
from enum import Enum
from typing import List

import typer
from rich.console import Console

from nlp.files import iter_inputs
from nlp.ingest import MAX_BYTES, IngestError, load
from nlp.records import dumps, error_record, report_record

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="gongkai (公开): read government information-disclosure annual reports into checked, structured data.")


class Fmt(str, Enum):
    auto = "auto"
    json = "json"
    jsonl = "jsonl"
    table = "table"


def _resolve(fmt: Fmt) -> Fmt:
    if fmt is Fmt.auto:
        return Fmt.table if sys.stdout.isatty() else Fmt.jsonl
    return fmt


@app.command()
def text(file: str = typer.Argument(..., help="a report file (.txt .html .md)")):
    """Print the canonical text of a report: the text every offset points into."""
    try:
        doc = load(file)
    except IngestError as exc:
        Console(stderr=True).print(f"[red]error[/red] {file}: {exc.message}")
        raise typer.Exit(1)
    sys.stdout.write(doc.text)


@app.command()
def parse(
    paths: List[str] = typer.Argument(..., help="report files or folders"),
    format: Fmt = typer.Option(Fmt.auto, "--format", "-f", help="jsonl (one record per line), json (a list), table (readable); auto: table at a terminal, jsonl otherwise"),
    max_mb: float = typer.Option(MAX_BYTES / 1048576, "--max-mb", help="largest file to read, in MB"),
):
    """Structure reports: metadata, sections, passages, tables with indicator ids."""
    from nlp.structure import structure

    fmt = _resolve(format)
    console = Console()
    failed = 0
    records = []
    for path, problem in iter_inputs(paths):
        try:
            if problem:
                raise IngestError("missing", f"{path}: {problem}")
            report = structure(load(path, max_bytes=int(max_mb * 1048576)))
        except IngestError as exc:
            failed += 1
            rec = error_record(path, exc.type, exc.message)
            _emit(console, fmt, rec, None, records)
            continue
        except Exception as exc:  # one bad file never stops the run
            failed += 1
            rec = error_record(path, "internal", f"{type(exc).__name__}: {exc}")
            _emit(console, fmt, rec, None, records)
            continue
        _emit(console, fmt, report_record(report), report, records)
    if fmt is Fmt.json:
        import json

        sys.stdout.write(json.dumps(records, ensure_ascii=False, sort_keys=True, indent=1) + "\n")
    if failed:
        Console(stderr=True).print(f"{failed} file(s) could not be read")
        raise typer.Exit(1)


def _emit(console, fmt, record, report, records):
    from nlp.render import show_error, show_report

    if fmt is Fmt.jsonl:
        sys.stdout.write(dumps(record) + "\n")
    elif fmt is Fmt.json:
        records.append(record)
    elif "error" in record:
        show_error(console, record)
    else:
        show_report(console, report)


if __name__ == "__main__":
    app()
