"""``run_themes(paths, out_dir, seed=0)``: the whole theme stage over a corpus.

Reads every report (one error record per unreadable file, the run goes on), splits the
problem and improvement statements, assigns themes, computes trends, follow-ups and
repeats, and — when ``out_dir`` is given — writes statements.csv, themes.csv,
trends.csv, repeats.csv, followup.csv, PNG plots and summary.html there.  The same
corpus and seed give byte-identical files.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from nlp.themes.followup import THRESHOLD, followups, repeats
from nlp.themes.model import Theme, assign_themes
from nlp.themes.statements import Statement, extract
from nlp.themes.trends import trends

STATEMENT_FIELDS = ["doc_id", "source", "start", "end", "kind", "theme", "theme_name", "score", "year", "body", "region",
                    "province", "department", "marker", "text", "matched"]
THEME_FIELDS = ["theme", "name", "name_en", "origin", "statements", "problems", "improvements", "keywords",
                "seed_keywords", "representatives"]
TREND_FIELDS = ["kind", "dimension", "group", "theme", "theme_name", "n", "total", "share"]
REPEAT_FIELDS = ["relation", "similarity", "body_a", "year_a", "doc_id_a", "source_a", "start_a", "end_a", "kind_a", "theme_a",
                 "text_a", "body_b", "year_b", "doc_id_b", "source_b", "start_b", "end_b", "kind_b", "theme_b", "text_b"]
FOLLOWUP_FIELDS = ["body", "year", "next_year", "doc_id", "start", "end", "text", "theme", "repeated", "same_theme_next_year",
                   "followed_up", "next_problem_doc_id", "next_problem_start", "next_problem_end", "next_problem_text",
                   "next_problem_theme", "next_problem_similarity", "next_improvement_doc_id", "next_improvement_start",
                   "next_improvement_end", "next_improvement_text", "next_improvement_theme", "next_improvement_similarity"]


@dataclass
class ThemeRun:
    statements: list[Statement]
    themes: list[Theme]
    trends: list[dict]
    repeats: list[dict]
    followups: list[dict]
    errors: list[dict]
    files: dict[str, Path] = field(default_factory=dict)
    seed: int = 0

    def records(self) -> Iterable[dict]:
        """Contract records (`gongkai themes`): statements, then error records."""
        yield from (s.record() for s in self.statements)
        yield from self.errors

    def theme(self, theme_id: str) -> Theme:
        return next(t for t in self.themes if t.id == theme_id)


def _progress(label: str, show: bool | None, n: int):
    """A rich progress bar on standard error, shown at a terminal for more than one item."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    console = Console(stderr=True)
    visible = console.is_terminal and n > 1 if show is None else show
    return Progress(TextColumn(f"themes: {label}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    TextColumn("{task.fields[name]}"), console=console, transient=True, disable=not visible)


def read_reports(paths: list[str], max_mb: float = 20.0, progress: bool | None = None):
    """(reports, error records) for files and folders, in a stable order."""
    from nlp.files import iter_inputs
    from nlp.ingest import IngestError, load
    from nlp.records import error_record
    from nlp.structure import structure

    inputs = iter_inputs([str(p) for p in paths])
    reports, errors = [], []
    with _progress("reading", progress, len(inputs)) as bar:
        task = bar.add_task("read", total=len(inputs), name="")
        for path, problem in inputs:
            bar.update(task, name=Path(path).name[:40])
            try:
                if problem:
                    raise IngestError("missing", f"{path}: {problem}")
                reports.append(structure(load(path, max_bytes=int(max_mb * 1048576))))
            except IngestError as exc:
                errors.append(error_record(path, exc.type, exc.message))
            except Exception as exc:  # a parser bug on one file is that file's error record
                errors.append(error_record(path, "internal", f"{type(exc).__name__}: {exc}"))
            bar.advance(task)
    return reports, errors


def analyse(reports, seed: int = 0, use_tagging: bool | None = None, errors: list[dict] | None = None,
            progress: bool | None = None) -> ThemeRun:
    """Statements, themes, trends, follow-ups and repeats of structured reports."""
    statements: list[Statement] = []
    with _progress("statements", progress, len(reports)) as bar:
        task = bar.add_task("split", total=len(reports) + 3, name="")
        for r in reports:
            bar.update(task, name=Path(r.source).name[:40])
            statements.extend(extract(r, use_tagging=use_tagging))
            bar.advance(task)
        statements.sort(key=lambda s: s.key)
        bar.update(task, name="themes")
        themes = assign_themes(statements, seed=seed)
        bar.advance(task)
        bar.update(task, name="repeats and follow-ups")
        found_repeats, found_followups = repeats(statements), followups(statements)
        bar.advance(task)
        table = trends(statements, themes)
        bar.advance(task)
    return ThemeRun(statements, themes, table, found_repeats, found_followups, list(errors or []), seed=seed)


def _write_csv(path: Path, fields: list[str], rows: Iterable[dict]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=fields, extrasaction="ignore", lineterminator="\n")
        w.writeheader()
        for r in rows:
            w.writerow({k: ("" if v is None else v) for k, v in r.items()})
    return path


def _statement_row(s: Statement, names: dict[str, str]) -> dict:
    row = s.record()
    row.update({"theme_name": names.get(s.theme, s.theme), "province": s.province, "marker": s.marker, "text": s.clean,
                "matched": "; ".join(f"{t}:{w:g}:{'|'.join(kws)}" for t, (w, kws, _) in sorted(s.hits.items()))})
    return row


def write_outputs(run: ThemeRun, out_dir: Path) -> dict[str, Path]:
    from nlp.themes.plots import plot_all
    from nlp.themes.summary import write_summary

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    names = {t.id: t.name for t in run.themes}
    files = {
        "statements": _write_csv(out_dir / "statements.csv", STATEMENT_FIELDS, (_statement_row(s, names) for s in run.statements)),
        "themes": _write_csv(out_dir / "themes.csv", THEME_FIELDS, (t.record() for t in run.themes)),
        "trends": _write_csv(out_dir / "trends.csv", TREND_FIELDS, run.trends),
        "repeats": _write_csv(out_dir / "repeats.csv", REPEAT_FIELDS, run.repeats),
        "followup": _write_csv(out_dir / "followup.csv", FOLLOWUP_FIELDS, run.followups),
    }
    plots = plot_all(run.trends, run.themes, out_dir)
    files.update(plots)
    files["summary"] = write_summary(out_dir / "summary.html", run.statements, run.themes, run.repeats, run.followups,
                                     plots, run.errors, run.seed)
    run.files = files
    return files


def run_themes(paths, out_dir=None, seed: int = 0, *, use_tagging: bool | None = None, progress: bool | None = None,
               max_mb: float = 20.0) -> ThemeRun:
    """The theme stage over report files and folders; writes the outputs into ``out_dir``
    when given (near-duplicate threshold: cosine ≥ ``nlp.themes.followup.THRESHOLD``)."""
    if isinstance(paths, (str, Path)):
        paths = [paths]
    reports, errors = read_reports([str(p) for p in paths], max_mb=max_mb, progress=progress)
    run = analyse(reports, seed=seed, use_tagging=use_tagging, errors=errors, progress=progress)
    if out_dir is not None:
        write_outputs(run, Path(out_dir))
    return run


__all__ = ["run_themes", "analyse", "read_reports", "write_outputs", "ThemeRun", "THRESHOLD"]
