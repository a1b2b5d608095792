"""The ``gongkai themes`` command (and ``gongkai evaluate themes``), as plain functions
that ``nlp/cli.py`` registers:

    from nlp.themes.cli import evaluate_themes, themes
    app.command()(themes)
    evaluate_app.command("themes")(evaluate_themes)
"""
from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console

SHARED_DEFAULT = Path(__file__).resolve().parents[3] / "shared"


class ThemesFormat(str, Enum):
    auto = "auto"
    jsonl = "jsonl"
    json = "json"
    csv = "csv"
    table = "table"


def _show(console: Console, run) -> None:
    from rich.table import Table

    n_prob = sum(1 for s in run.statements if s.kind == "problem")
    console.print(f"[bold]{len({s.doc_id for s in run.statements})}[/bold] reports, "
                  f"[bold]{len(run.statements)}[/bold] statements ({n_prob} problems, {len(run.statements) - n_prob} improvements)")
    t = Table("theme", "name", "problems", "improvements", "keywords", "representative")
    for th in run.themes:
        if th.statements:
            rep = th.representatives[0].clean if th.representatives else ""
            t.add_row(th.id, th.name, str(th.problems), str(th.improvements), " ".join(th.keywords[:5]),
                      rep[:40] + ("…" if len(rep) > 40 else ""))
    console.print(t)
    rep = [r for r in run.repeats if r["relation"].startswith("repeated")]
    boiler = [r for r in run.repeats if r["relation"].startswith("boilerplate")]
    console.print(f"repeated across years: {len(rep)}   boilerplate across bodies: {len(boiler)}")
    for name, path in sorted(run.files.items()):
        console.print(f"  {name}: {path}")


def themes(
    paths: List[str] = typer.Argument(..., help="report files or folders"),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="folder for statements.csv, themes.csv, trends.csv, repeats.csv, followup.csv, PNG plots and summary.html"),
    format: ThemesFormat = typer.Option(ThemesFormat.auto, "--format", "-f", help="jsonl (one statement record per line), json, csv, table; auto: table at a terminal, jsonl otherwise"),
    seed: int = typer.Option(0, "--seed", help="seed for clustering (same corpus and seed: same output)"),
    tagging: bool = typer.Option(True, "--tagging/--no-tagging", help="use the passage classifier's problems/improvements labels where the section rules only guess"),
    max_mb: float = typer.Option(20.0, "--max-mb", help="largest file to read, in MB"),
):
    """Themes of the problems reports admit and the improvements they promise: statements,
    themes, trends by year/region/department, repeated problems, boilerplate, plots."""
    from nlp.records import dumps
    from nlp.themes.run import run_themes

    fmt = format
    if fmt is ThemesFormat.auto:
        fmt = ThemesFormat.table if sys.stdout.isatty() else ThemesFormat.jsonl
    run = run_themes(paths, out, seed=seed, use_tagging=None if tagging else False, max_mb=max_mb)
    if fmt is ThemesFormat.table:
        _show(Console(), run)
        for e in run.errors:
            Console(stderr=True).print(f"[red]error[/red] {e['source']}: {e['error']['message']}")
    elif fmt is ThemesFormat.jsonl:
        for rec in run.records():
            sys.stdout.write(dumps(rec) + "\n")
    elif fmt is ThemesFormat.json:
        sys.stdout.write(json.dumps(list(run.records()), ensure_ascii=False, sort_keys=True, indent=1) + "\n")
    else:
        import csv

        fields = ["doc_id", "source", "start", "end", "kind", "theme", "score", "year", "body", "region", "department"]
        w = csv.DictWriter(sys.stdout, fieldnames=fields, extrasaction="ignore", lineterminator="\n")
        w.writeheader()
        for s in run.statements:
            w.writerow(s.record())
        for e in run.errors:
            Console(stderr=True).print(f"error {e['source']}: {e['error']['message']}")
    if run.errors:
        Console(stderr=True).print(f"{len(run.errors)} file(s) could not be read")
        raise typer.Exit(1)


def evaluate_themes(
    shared: Path = typer.Option(SHARED_DEFAULT, help="folder holding the real reports (seeds/, corpus/) the gold points at"),
    seed: int = typer.Option(0, "--seed"),
    tagging: bool = typer.Option(False, "--tagging/--no-tagging", help="also use the passage classifier (default: section rules alone)"),
):
    """Statement recall/precision and theme agreement (accuracy, Cohen's kappa) on the
    hand-labelled statements of corpora/gold/themes."""
    from nlp.themes.gold import evaluate

    res = evaluate(shared, seed=seed, use_tagging=None if tagging else False)
    if not res["files"]:
        Console(stderr=True).print(f"no gold report found under {shared}")
        raise typer.Exit(2)
    sys.stdout.write(json.dumps(res, ensure_ascii=False, sort_keys=True, indent=1) + "\n")
