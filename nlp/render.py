"""Readable terminal views (rich) of the records; machine output stays in records.py."""
from __future__ import annotations

from rich.console import Console
from rich.table import Table as RichTable

from nlp.model import Report


def show_report(console: Console, r: Report) -> None:
    m = r.meta
    console.rule(f"[bold]{r.source}")
    console.print(
        f"[bold]{m.body or '（单位未识别）'}[/bold]  年度 {m.year or '?'}  模板 {m.template}  "
        f"地区 {m.region or '?'}  发布 {m.published or '?'}  doc_id {r.doc_id}"
    )
    for s in r.sections:
        if s.level == 0:
            continue
        console.print(f"{'  ' * (min(s.level, 6) - 1)}[cyan]{s.title}[/cyan] [dim]({s.kind}, {s.start}-{s.end})[/dim]")
    console.print(f"{len(r.passages)} passages, {len(r.tables)} tables")
    for t in r.tables:
        rt = RichTable(title=f"{t.id} {t.kind} ({t.layout}, {t.start}-{t.end})", show_lines=False)
        rt.add_column("indicator", no_wrap=True)
        for col in ("label", "value", "unit", "offsets"):
            rt.add_column(col)
        for c in t.cells:
            rt.add_row(c.indicator or "[red]?[/red]", c.label[:24], "" if c.value is None else str(c.value),
                       c.unit or "", f"{c.start}-{c.end}")
        console.print(rt)
        for note in t.notes:
            console.print(f"  [yellow]note:[/yellow] {note}")


def show_error(console: Console, record: dict) -> None:
    e = record["error"]
    console.print(f"[red]error[/red] {record['source']}: {e['message']} [dim]({e['type']})[/dim]")
