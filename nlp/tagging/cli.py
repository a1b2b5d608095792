"""Typer commands of the tagging stage, registered by ``nlp/cli.py``:

    app.command()(tag)                         gongkai tag FILE|DIR... [--format jsonl|csv|table]
    app.command()(train)                       gongkai train --gold corpora/gold/passages --out models/...
    evaluate_app.command("tag")(evaluate_tag)  gongkai evaluate tag

This module does not import ``nlp.cli`` (which imports it), so it keeps its own small
writer; records and error records are the contract's.
"""
from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

from nlp.cli_common import FORMAT, MAX_MB, Fmt, _reports, _resolve, _Writer
from nlp.tagging.schema import LABELS

REPO = Path(__file__).resolve().parents[2]
SHARED_DEFAULT = REPO.parent / "shared"
GOLD_DEFAULT = REPO / "corpora" / "gold" / "passages"
TAG_FIELDS = ["doc_id", "passage_id", "start", "end", "labels", "scores"]


class Policy(str, Enum):
    combined = "combined"
    rules = "rules"
    model = "model"


def _dumps(rec: dict) -> str:
    return json.dumps(rec, ensure_ascii=False, sort_keys=True, separators=(", ", ": "))


def tag(
    paths: List[str] = typer.Argument(..., help="report files or folders"),
    format: Fmt = FORMAT,
    model: Optional[Path] = typer.Option(None, "--model", help="model folder (default: the shipped models/tagger-v1, or $GONGKAI_TAG_MODEL)"),
    policy: Policy = typer.Option(Policy.combined, "--policy", help="combined (default), rules or model"),
    max_mb: float = MAX_MB,
):
    """Label every passage with the eight passage labels (contract record `tag`)."""
    from nlp.tagging import tag_report
    from nlp.tagging.linear import LinearTagger

    tagger = LinearTagger.load(model) if model else None
    out = _Writer(_resolve(format), TAG_FIELDS)
    for _, report, err in _reports(paths, max_mb):
        if err:
            out.error(err)
            continue
        tags = tag_report(report, model=tagger, policy=policy.value)
        if out.fmt is Fmt.table:
            _show(out.console, report, tags)
            continue
        for t in tags:
            out.write(t.record())
    out.close()


def _show(console, report, tags) -> None:
    from rich.table import Table

    console.rule(f"[bold]{report.source}")
    t = Table(show_lines=False)
    for col in ("passage", "offsets", "labels", "scores ≥ 0.2", "text"):
        t.add_column(col, no_wrap=col in ("passage", "offsets"))
    for x in tags:
        text = report.text[x.start:x.end].replace("\n", "").strip()
        top = " ".join(f"{k[:5]} {v:.2f}" for k, v in sorted(x.scores.items(), key=lambda kv: -kv[1]) if v >= 0.2)
        t.add_row(x.passage_id, f"{x.start}-{x.end}", ", ".join(x.labels) or "—", top, text[:40])
    console.print(t)


def train(
    gold: Path = typer.Option(GOLD_DEFAULT, "--gold", help="folder of gold passage labels (*.jsonl)"),
    out: Path = typer.Option(..., "--out", help="model folder to write, e.g. models/tagger-v2"),
    shared: Path = typer.Option(SHARED_DEFAULT, "--shared", help="folder with the real reports (seeds/, corpus/) the gold points at"),
    synth: int = typer.Option(100, "--synth", help="generated reports to add as rule-labelled text (0: none)"),
    version: str = typer.Option("1.0.0", "--version", help="version written into model.json"),
):
    """Train the linear tagger on rule labels over all available text plus the gold."""
    from nlp.tagging.train import train_default

    model = train_default(out, shared, synth, version, gold)
    info = model.meta.get("training", {})
    typer.echo(f"wrote {out} (version {model.version}, {len(model.vocab)} features)")
    for src, row in info.items():
        typer.echo(f"  {src}: {row['reports']} reports, {row['passages']} passages, {row['gold_passages']} with gold")


def evaluate_tag(
    gold: Path = typer.Option(GOLD_DEFAULT, "--gold", help="folder of gold passage labels"),
    shared: Path = typer.Option(SHARED_DEFAULT, "--shared", help="folder with the real reports (seeds/, corpus/)"),
    synth: int = typer.Option(100, "--synth", help="generated reports added to each fold's training text"),
    folds: int = typer.Option(0, "--folds", help="report-grouped folds (0: leave one report out)"),
    format: Fmt = typer.Option(Fmt.table, "--format", "-f", help="table (readable) or jsonl/json (scores as one record)"),
):
    """Per-label and macro F1 of rules, model and combined, by report-grouped cross-validation."""
    from nlp.tagging.evaluate import cross_validate, scores, summary_table
    from nlp.tagging.gold import read_gold

    if not read_gold(gold):
        typer.echo(f"no gold under {gold}", err=True)
        raise typer.Exit(2)
    outcomes = cross_validate(shared, synth, gold, folds=folds, progress=lambda m: typer.echo(m, err=True))
    if not outcomes:
        typer.echo(f"no gold file could be evaluated: the real reports are not under {shared}", err=True)
        raise typer.Exit(2)
    if format in (Fmt.jsonl, Fmt.json, Fmt.csv):
        sys.stdout.write(_dumps({p: scores(outcomes, p) for p in ("rules", "model", "combined")}) + "\n")
    else:
        sys.stdout.write(summary_table(outcomes, ("rules", "model", "combined")) + "\n")


__all__ = ["tag", "train", "evaluate_tag", "LABELS"]
