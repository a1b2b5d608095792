"""`gongkai evaluate check`: a mutation test of the checker.

Take consistent reports, change one figure (a table cell or a number in the prose) and
see whether the checker raises a finding that points at the changed figure; count the
findings it raises on the unchanged reports.  Deterministic for a seed."""
from __future__ import annotations

import random
import re
from dataclasses import dataclass
from pathlib import Path

from nlp.checks import check
from nlp.checks.base import Values, expand, rules_of
from nlp.claims import extract
from nlp.ingest import load_bytes
from nlp.structure import structure

_DIGITS = re.compile(r"\d+")


@dataclass
class Outcome:
    file: str
    target: str  # cell, linked_claim, claim
    original: str
    changed: str
    caught: bool
    rules: tuple[str, ...]
    constrained: bool  # does any rule tie this figure to another one?


def _structure(text: str, name: str):
    return structure(load_bytes(text.encode("utf-8"), name))


def _key(f) -> tuple:
    return (f.rule, f.message)


def _change(value: str, rng: random.Random) -> str:
    n = int(value)
    options = [n + 1, n + rng.randint(2, 9), n * 10 if n else 7, max(0, n - 1) if n else 3]
    new = str(rng.choice([o for o in options if o != n]))
    return new


def _ruled_ids(template: str) -> set[str]:
    """Indicator ids that some table rule of the template relates to others."""
    ids = set()
    for rule in rules_of("table_internal"):
        if template not in rule.get("templates", [template]):
            continue
        for binding in expand(rule.get("for_each")):
            ids |= {x.format(**binding) for x in rule["left"] + rule["right"] + rule.get("optional", [])}
    return ids


def mutate_file(path: Path, n: int, rng: random.Random) -> tuple[list[Outcome], int]:
    text = path.read_text(encoding="utf-8")
    base = _structure(text, path.name)
    baseline = {_key(f) for f in check(base)[0]}
    ruled = _ruled_ids(base.meta.template)
    values = Values(base)
    claims = extract(base)
    linked = {c.indicator for c in claims if c.indicator}
    in_list = {id(c) for b in base.extra.get("breakdowns", []) for c in [b["total"], *b["parts"]]}
    targets = []
    for t in base.tables:
        for c in t.cells:
            if c.indicator and c.value is not None and re.fullmatch(r"\d+", c.raw.strip()):
                targets.append(("cell", c.start, c.end, c.indicator in ruled or c.indicator in linked))
    for c in claims:
        m = _DIGITS.search(c.text)
        if m and not c.zero:
            a = c.start + m.start()
            tied = bool(c.indicator and values.has(c.indicator)) or id(c) in in_list
            targets.append(("linked_claim" if c.indicator else "claim", a, a + len(m.group(0)), tied))
    rng.shuffle(targets)
    outcomes = []
    for kind, a, b, constrained in targets[:n]:
        original = text[a:b]
        changed = _change(original, rng)
        mutated = text[:a] + changed + text[b:]
        shift = len(changed) - len(original)
        report = _structure(mutated, path.name)
        new = [f for f in check(report)[0] if _key(f) not in baseline]
        hit = [f for f in new if any(e["start"] < b + shift and a < e["end"] for e in f.evidence if "doc_id" not in e)]
        outcomes.append(Outcome(path.name, kind, original, changed, bool(hit), tuple(sorted({f.rule for f in hit})), constrained))
    return outcomes, len(baseline)


def evaluate(paths: list[Path], per_file: int = 40, seed: int = 0) -> dict:
    rng = random.Random(seed)
    outcomes: list[Outcome] = []
    false_findings = {}
    for p in paths:
        o, base = mutate_file(p, per_file, rng)
        outcomes += o
        false_findings[p.name] = base
    by_target = {}
    for kind in ("cell", "linked_claim", "claim"):
        sel = [o for o in outcomes if o.target == kind]
        by_target[kind] = {"mutations": len(sel), "caught": sum(o.caught for o in sel),
                           "rate": round(sum(o.caught for o in sel) / len(sel), 4) if sel else None}
    total = len(outcomes)
    caught = sum(o.caught for o in outcomes)
    tied = [o for o in outcomes if o.constrained]
    return {
        "files": len(paths), "mutations": total, "caught": caught,
        "sensitivity": round(caught / total, 4) if total else None,
        "constrained_mutations": len(tied), "constrained_caught": sum(o.caught for o in tied),
        "sensitivity_constrained": round(sum(o.caught for o in tied) / len(tied), 4) if tied else None,
        "by_target": by_target,
        "findings_on_unchanged_reports": false_findings,
        "missed_constrained": [o.__dict__ for o in tied if not o.caught][:20],
    }


def evaluate_synth(n: int = 300, seed: int = 0, fault_rate: float = 0.3) -> dict:
    """The checker on the project's generated corpus, whose faults are known exactly
    (truth.jsonl): sensitivity per fault kind, and findings on fault-free reports."""
    import json
    import tempfile

    from nlp.checks import check_many
    from nlp.ingest import load
    from nlp.synth import generate

    with tempfile.TemporaryDirectory() as d:
        out = Path(d)
        generate(n, seed, out, fault_rate=fault_rate)
        truth = [json.loads(line) for line in (out / "truth.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
        reports = [structure(load(out / t["file"])) for t in truth]
    findings, _ = check_many(reports)
    by_kind: dict[str, list[int]] = {}
    false_alarm: dict[str, int] = {"error": 0, "warning": 0, "info": 0}
    clean_reports = clean_silent = 0
    misses = []
    for t, r in zip(truth, reports):
        found = findings[r.doc_id]
        if not t["faults"]:
            clean_reports += 1
            for f in found:
                false_alarm[f.severity] += 1
            clean_silent += not any(f.severity in ("error", "warning") for f in found)
            continue
        for fault in t["faults"]:
            a, b = fault["start"], fault["end"]
            hit = any(f.severity in ("error", "warning") and any(e["start"] < b and a < e["end"] for e in f.evidence if "doc_id" not in e)
                      for f in found)
            by_kind.setdefault(fault["kind"], [0, 0])
            by_kind[fault["kind"]][0] += 1
            by_kind[fault["kind"]][1] += hit
            if not hit and len(misses) < 12:
                misses.append({"file": t["file"], **fault})
    total = sum(v[0] for v in by_kind.values())
    caught = sum(v[1] for v in by_kind.values())
    return {
        "reports": n, "seed": seed, "faults": total, "caught": caught,
        "sensitivity": round(caught / total, 4) if total else None,
        "by_kind": {k: {"faults": v[0], "caught": v[1], "rate": round(v[1] / v[0], 4)} for k, v in sorted(by_kind.items())},
        "fault_free_reports": clean_reports,
        "fault_free_without_error_or_warning": clean_silent,
        "specificity": round(clean_silent / clean_reports, 4) if clean_reports else None,
        "findings_on_fault_free_reports": false_alarm,
        "missed_examples": misses,
    }
