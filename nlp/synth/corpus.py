"""A corpus of n reports: which body, year, template and format each has; which bodies
report in consecutive years (so cross-report checks have something to compare); which
reports carry a fault or scrape damage."""
from __future__ import annotations

import random
from pathlib import Path

from nlp.synth.bodies import new_body
from nlp.synth.faults import KINDS
from nlp.synth.report import FORMATS, TEMPLATE_YEARS, Generated, Spec, make, template_of
from nlp.synth.truth import dumps

CHAIN_RATE = 0.4  # share of reports that continue an earlier report of the same body


def plan(n: int, rng: random.Random, fault_rate: float, damage_rate: float) -> list[tuple[Spec, int, int]]:
    """(spec, seed of the report's own random stream, index of the previous report or -1)."""
    combos = [(t, fmt) for t in TEMPLATE_YEARS for fmt in FORMATS]
    slots: list[tuple[str, str]] = []
    while len(slots) < n:
        cycle = list(combos)
        rng.shuffle(cycle)
        slots += cycle
    used: set[str] = set()
    specs: list[tuple[Spec, int, int]] = []
    open_chains: dict[int, tuple] = {}  # index → (body, year) of reports no later report continues yet
    for i, (template, fmt) in enumerate(slots[:n]):
        prev_index = -1
        if rng.random() < CHAIN_RATE:
            fits = [j for j, (_, y) in open_chains.items() if y + 1 in TEMPLATE_YEARS[template]]
            if fits:
                prev_index = rng.choice(fits)
        if prev_index >= 0:
            body, last = open_chains.pop(prev_index)
            year = last + 1
        else:
            year = rng.choice(TEMPLATE_YEARS[template])
            body = new_body(rng, used, year)
        assert template_of(year) == template
        fault = None
        if rng.random() < fault_rate:
            prev_ok = prev_index >= 0 and specs[prev_index][0].template != "2008"
            # kinds that fewer reports have room for are asked for more often
            fault = "cross_report" if prev_ok and rng.random() < 0.5 else rng.choices(KINDS[:-1], weights=(1, 1, 1.5, 2.5, 1))[0]
        spec = Spec(i, body, year, fmt, fault, rng.random() < damage_rate)
        specs.append((spec, rng.getrandbits(64), prev_index))
        open_chains[i] = (body, year)
    return specs


def generate(n: int, seed: int, out_dir: Path, fault_rate: float = 0.3, damage_rate: float = 0.2) -> list[dict]:
    """Write n reports and truth.jsonl into out_dir; the same (n, seed) writes the same bytes."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    records = []
    for g in iter_reports(n, seed, fault_rate, damage_rate, exact_html=True):
        (out_dir / g.truth["file"]).write_bytes(g.text.encode("utf-8"))
        records.append(g.truth)
    with open(out_dir / "truth.jsonl", "w", encoding="utf-8", newline="\n") as fh:
        for rec in records:
            fh.write(dumps(rec) + "\n")
    return records


def iter_reports(n: int, seed: int, fault_rate: float = 0.3, damage_rate: float = 0.2, exact_html: bool = False):
    """Generated reports in order, in memory (the same reports ``generate`` writes).  Web
    pages' offsets come from the predicted canonical text unless ``exact_html`` (see
    :func:`nlp.synth.report.make`)."""
    rng = random.Random(seed)
    figures: list = []
    for spec, own_seed, prev_index in plan(n, rng, fault_rate, damage_rate):
        spec.prev = figures[prev_index] if prev_index >= 0 else None
        g: Generated = make(random.Random(own_seed), spec, exact_html)
        figures.append(g.figures)
        yield g


def generate_one(rng: random.Random, index: int, fault_rate: float = 0.3, damage_rate: float = 0.2) -> tuple[str, str, dict]:
    """One standalone report (no previous year to compare with): (text, ext, truth record)."""
    template, fmt = rng.choice(list(TEMPLATE_YEARS)), rng.choice(FORMATS)
    year = rng.choice(TEMPLATE_YEARS[template])
    body = new_body(rng, set(), year)
    fault = rng.choice(KINDS[:-1]) if rng.random() < fault_rate else None
    spec = Spec(index, body, year, fmt, fault, rng.random() < damage_rate)
    g = make(rng, spec)
    return g.text, g.ext, g.truth
