"""The `gongkai` command line (typer): parses arguments, calls the stages, writes records."""
from __future__ import annotations

import csv
import json
import sys
from enum import Enum
from pathlib import Path
from typing import List

import typer
from rich.console import Console

from nlp.cli_common import FORMAT, MAX_MB, PATHS, Fmt, _reports, _resolve, _Writer
from nlp.ingest import IngestError, load
from nlp.records import claim_record, dumps, report_record

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="gongkai (公开): read government information-disclosure annual reports into checked, structured data.")
evaluate_app = typer.Typer(no_args_is_help=True, help="Measure the stages against the gold annotations in corpora/gold.")
app.add_typer(evaluate_app, name="evaluate")

SHARED_DEFAULT = Path(__file__).resolve().parents[2] / "shared"


def _register_stages() -> None:
    """Commands that live with their stage (tagging, themes)."""
    from nlp.tagging.cli import evaluate_tag, tag, train
    from nlp.themes.cli import evaluate_themes, themes

    app.command()(tag)
    app.command()(train)
    app.command()(themes)
    evaluate_app.command("tag")(evaluate_tag)
    evaluate_app.command("themes")(evaluate_themes)


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
def parse(paths: List[str] = PATHS, format: Fmt = FORMAT, max_mb: float = MAX_MB):
    """Structure reports: metadata, sections, passages, tables with indicator ids."""
    from nlp.render import show_report

    out = _Writer(_resolve(format), ["doc_id", "source", "meta", "sections", "passages", "tables"])
    for _, report, err in _reports(paths, max_mb):
        if err:
            out.error(err)
        elif out.fmt is Fmt.table:
            show_report(out.console, report)
        else:
            out.write(report_record(report))
    out.close()


CLAIM_FIELDS = ["doc_id", "start", "end", "text", "value", "low", "high", "unit", "qualifier", "indicator", "kind",
                "confidence", "section_id", "breakdown"]


@app.command()
def claims(paths: List[str] = PATHS, format: Fmt = FORMAT, max_mb: float = MAX_MB):
    """Numeric claims in the prose: value or interval, unit, kind, indicator, 其中 breakdowns."""
    from nlp.claims import extract
    from nlp.render import show_claims

    out = _Writer(_resolve(format), CLAIM_FIELDS)
    for _, report, err in _reports(paths, max_mb):
        if err:
            out.error(err)
            continue
        found = extract(report)
        if out.fmt is Fmt.table:
            show_claims(out.console, report, found)
        for c in found:
            out.write(claim_record(report.doc_id, c))
    out.close()


class FailOn(str, Enum):
    error = "error"
    warning = "warning"
    never = "never"


@app.command()
def check(
    paths: List[str] = PATHS,
    format: Fmt = typer.Option(Fmt.auto, "--format", "-f", help="text/table (readable), jsonl, json, csv; auto: readable at a terminal, jsonl otherwise"),
    rules: str = typer.Option("", "--rules", help="comma-separated families to run (table_internal, prose_internal, prose_table, percent, cross_report, temporal, template); default all"),
    fail_on: FailOn = typer.Option(FailOn.error, "--fail-on", help="exit status 3 when a finding of this severity or worse is found (before publication)"),
    summary: bool = typer.Option(False, "--summary", help="also write one summary record per report (rules evaluated, passed, failed, not assessable)"),
    max_mb: float = MAX_MB,
):
    """Find where reports contradict themselves (and, given several, each other)."""
    from nlp.checks import KINDS, check_many
    from nlp.render import show_findings

    families = {x.strip() for x in rules.split(",") if x.strip()} or set(KINDS)
    unknown = families - set(KINDS)
    if unknown:
        raise typer.BadParameter(f"unknown rule families: {', '.join(sorted(unknown))}", param_hint="--rules")
    fmt = _resolve(format)
    out = _Writer(fmt, ["doc_id", "rule", "kind", "severity", "message", "evidence", "expected", "actual"])
    reports = []
    for _, report, err in _reports(paths, max_mb):
        if err:
            out.error(err)
        else:
            reports.append(report)
    findings, summaries = check_many(reports, families)
    worst = set()
    for r in reports:
        if fmt is Fmt.table:
            show_findings(out.console, r, findings[r.doc_id], summaries[r.doc_id])
        else:
            for f in findings[r.doc_id]:
                out.write(f.record())
            if summary:
                out.write(summaries[r.doc_id].record(r.doc_id))
        worst |= {f.severity for f in findings[r.doc_id]}
    failing = {"error": {"error"}, "warning": {"error", "warning"}, "never": set()}[fail_on.value]
    out.close()  # exits 1 when a file could not be read
    if worst & failing:
        raise typer.Exit(3)


class Backend(str, Enum):
    local = "local"
    dask = "dask"


@app.command()
def batch(
    paths: List[str] = typer.Argument(..., help="folders (or files) of reports"),
    out: Path = typer.Option(..., "--out", "-o", help="the DuckDB file to create or extend"),
    parquet: Path = typer.Option(None, "--parquet", help="also write every table as Parquet into this folder"),
    workers: int = typer.Option(0, "--workers", "-j", help="worker processes (default: all cores)"),
    backend: Backend = typer.Option(Backend.local, "--backend", help="local process pool, or dask"),
    scheduler: str = typer.Option(None, "--scheduler", help="Dask scheduler address (tcp://host:8786); without it a LocalCluster"),
    retry_errors: bool = typer.Option(False, "--retry-errors", help="process again files that failed in an earlier run"),
    max_mb: float = MAX_MB,
    quiet: bool = typer.Option(False, "--quiet", "-q", help="no progress bar"),
):
    """Run parse, claims, checks and tagging over a corpus into one DuckDB store; resumable."""
    from nlp.corpus import run_batch

    counts = run_batch([str(p) for p in paths], out, parquet, workers or None, backend.value, scheduler,
                       int(max_mb * 1048576), progress=not quiet and sys.stderr.isatty(), retry_errors=retry_errors,
                       log=not quiet)
    err = Console(stderr=True)
    err.print(
        f"files seen {counts['files_seen']}: processed {counts['processed']}, skipped (unchanged) {counts['skipped']}, "
        f"errors this run {counts['run_errors']}.  Store {out}: reports {counts['reports']} + errors {counts['errors']} "
        f"= files {counts['files_in_store']} ({'every input accounted for' if counts['accounted'] else 'MISMATCH'})")
    if not counts["accounted"]:
        raise typer.Exit(2)
    if counts["run_errors"]:
        raise typer.Exit(1)


@app.command()
def query(
    db: Path = typer.Argument(..., help="a store written by gongkai batch"),
    sql: str = typer.Argument(..., help="SQL over the tables reports, sections, passages, cells, claims, findings, errors, runs, files"),
    format: Fmt = FORMAT,
):
    """Run SQL on a corpus store."""
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    cur = con.execute(sql)
    names = [d[0] for d in cur.description]
    rows = cur.fetchall()
    fmt = _resolve(format)
    if fmt is Fmt.table:
        from rich.table import Table as RichTable

        t = RichTable(*names)
        for row in rows:
            t.add_row(*["" if v is None else str(v) for v in row])
        Console().print(t)
    elif fmt is Fmt.csv:
        w = csv.writer(sys.stdout)
        w.writerow(names)
        w.writerows(rows)
    else:
        recs = [dict(zip(names, row)) for row in rows]
        if fmt is Fmt.json:
            sys.stdout.write(json.dumps(recs, ensure_ascii=False, sort_keys=True, indent=1, default=str) + "\n")
        else:
            for rec in recs:
                sys.stdout.write(json.dumps(rec, ensure_ascii=False, sort_keys=True, default=str) + "\n")


@app.command()
def synth(
    n: int = typer.Option(40, "--n", help="how many reports"),
    seed: int = typer.Option(0, "--seed", help="same seed, same bytes"),
    out: Path = typer.Option(..., "--out", "-o", help="folder to write the reports and truth.jsonl into"),
    fault_rate: float = typer.Option(0.3, "--fault-rate", help="share of reports with one injected fault"),
    damage_rate: float = typer.Option(0.2, "--damage-rate", help="share of reports with scrape damage"),
):
    """Write invented reports of all three templates (.txt/.md/.html) with known truth:
    cells, claims, passage labels and injected faults in truth.jsonl."""
    from collections import Counter

    from nlp.synth import generate

    records = generate(n, seed, out, fault_rate=fault_rate, damage_rate=damage_rate)
    kinds = Counter(f["kind"] for r in records for f in r["faults"])
    Console(stderr=True).print(f"wrote {len(records)} reports and truth.jsonl to {out}; faults: "
                               + (", ".join(f"{k} {v}" for k, v in sorted(kinds.items())) or "none"))


@evaluate_app.command("check")
def evaluate_check(
    paths: List[str] = typer.Argument(None, help="consistent .txt/.md reports to mutate (default: corpora/sample and, when present, ../shared/seeds)"),
    per_file: int = typer.Option(40, "--per-file", help="mutations per report"),
    seed: int = typer.Option(0, "--seed"),
    shared: Path = typer.Option(SHARED_DEFAULT, help="folder holding the real reports"),
    synth: int = typer.Option(0, "--synth", help="instead: generate N reports with known faults (nlp.synth) and score against their truth"),
):
    """Mutation test: change one figure at a time and count what the checker catches;
    count the findings on the unchanged reports (real errors of the seeds are the baseline).
    With --synth N: sensitivity per fault kind and specificity on generated reports."""
    from nlp.evaluate.check import evaluate, evaluate_synth

    if synth:
        res = evaluate_synth(synth, seed)
        sys.stdout.write(json.dumps(res, ensure_ascii=False, sort_keys=True, indent=1) + "\n")
        return
    repo = Path(__file__).resolve().parents[1]
    if paths:
        files = [Path(p) for p in paths]
    else:
        files = sorted((repo / "corpora" / "sample").glob("*.txt"))
        if (shared / "seeds").is_dir():
            files += sorted((shared / "seeds").glob("*.txt"))
    res = evaluate(files, per_file, seed)
    sys.stdout.write(json.dumps(res, ensure_ascii=False, sort_keys=True, indent=1) + "\n")


@evaluate_app.command("claims")
def evaluate_claims(
    shared: Path = typer.Option(SHARED_DEFAULT, help="folder holding the real reports (seeds/, corpus/) the gold points at"),
    format: Fmt = FORMAT,
    errors: bool = typer.Option(False, "--errors", help="also list every disagreement with the gold"),
):
    """Precision, recall and F1 of claims (span + value) and of indicator links on the gold."""
    from nlp.evaluate.claims import errors as list_errors
    from nlp.evaluate.claims import evaluate

    res = evaluate(shared)
    if not res["files"]:
        Console(stderr=True).print(f"no gold file could be evaluated: the real reports are not under {shared}")
        raise typer.Exit(2)
    fmt = _resolve(format)
    if fmt in (Fmt.jsonl, Fmt.json, Fmt.csv):
        sys.stdout.write(dumps(res) + "\n")
    else:
        from nlp.render import show_scores

        show_scores(Console(), "claims", res)
    if errors:
        for e in list_errors(shared):
            sys.stdout.write(dumps(e) + "\n")


_register_stages()

if __name__ == "__main__":
    app()
