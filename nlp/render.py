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


def show_claims(console: Console, r: Report, claims) -> None:
    console.rule(f"[bold]{r.source}")
    rt = RichTable(show_lines=False)
    for col in ("text", "value", "interval", "unit", "kind", "indicator", "其中", "offsets"):
        rt.add_column(col, no_wrap=col in ("indicator", "text"))
    for c in claims:
        interval = "" if c.qualifier == "exact" else f"{c.qualifier} [{c.low}, {'∞' if c.high is None else c.high}]"
        b = c.breakdown
        rt.add_row(c.text, str(c.value), interval, c.unit or "", c.kind, c.indicator or "",
                   "" if not b else f"{b['id']} {b['role']}{' (全)' if b['exhaustive'] else ''}", f"{c.start}-{c.end}")
    console.print(rt)


def show_scores(console: Console, name: str, res: dict) -> None:
    rt = RichTable(title=f"{name}: agreement with corpora/gold")
    for col in ("file", "span+value P", "R", "F1", "overlap F1", "link P", "R", "F1", "gold", "pred"):
        rt.add_column(col)
    rows = list(res["files"].items()) + [("TOTAL", res["total"])]
    for f, row in rows:
        s, o, ln = row["strict"], row["overlap"], row["link"]
        rt.add_row(f, f"{s['precision']:.3f}", f"{s['recall']:.3f}", f"{s['f1']:.3f}", f"{o['f1']:.3f}",
                   f"{ln['precision']:.3f}", f"{ln['recall']:.3f}", f"{ln['f1']:.3f}", str(s["gold"]), str(s["pred"]))
    console.print(rt)
    for m in res.get("missing", []):
        console.print(f"[yellow]skipped[/yellow] {m}: not found under the shared folder")


_COLOURS = {"error": "red", "warning": "yellow", "info": "blue"}


def show_findings(console: Console, r: Report, findings, summary) -> None:
    """Each finding with the sentence or table row it stands on and its arithmetic."""
    m = r.meta
    console.rule(f"[bold]{r.source}")
    console.print(f"{m.body or '（单位未识别）'} {m.year or '?'}年度 模板{m.template}  "
                  f"规则：评估{summary.evaluated} 通过{summary.passed} 不通过{summary.failed} 无法评估{summary.not_assessable}")
    if not findings:
        console.print("[green]没有发现矛盾[/green]" if summary.evaluated else "[yellow]没有可以评估的规则[/yellow]")
    for f in findings:
        colour = _COLOURS[f.severity]
        console.print(f"[{colour}]{f.severity}[/{colour}] [bold]{f.rule}[/bold] ({f.kind})  {f.message}")
        if f.expected is not None or f.actual is not None:
            console.print(f"    expected {f.expected}  actual {f.actual}")
        for e in f.evidence[:8]:
            where = f"{e.get('source', '')} " if "doc_id" in e else ""
            line_start = r.text.rfind("\n", 0, e["start"]) + 1 if not where else e["start"]
            line_end = r.text.find("\n", e["end"]) if not where else e["end"]
            context = r.text[line_start : line_end if line_end >= 0 else len(r.text)].strip() if not where else e["text"]
            console.print(f"    [dim]{e['role']:>10}[/dim] {where}{e['start']}-{e['end']} 「{e['text']}」  [dim]{context[:80]}[/dim]")
        if len(f.evidence) > 8:
            console.print(f"    [dim]… {len(f.evidence) - 8} more[/dim]")
