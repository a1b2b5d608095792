"""A small adapter to the passage classifier (``nlp.tagging``), which may not exist yet.

When it is importable its ``problems`` / ``improvements`` labels are preferred wherever
the section rules only guess:
- a statement inside a passage labelled with exactly one of the two takes that kind,
  unless a cue in the text (改进情况：, 下一步……, 针对上述问题……) or an unambiguous title
  already stated the kind — under a mixed title (存在的主要问题及改进情况) the rules assume
  problems until a cue, and that assumption is what the classifier may overrule;
- a passage so labelled outside every problems_improvements section (a report whose
  heading was lost) is split like a section of that kind.
Without it, statements come from the section rules alone.

The classifier is called as ``nlp.tagging.tag(report)`` (or ``tag_report``/``label``);
``tag_report`` returns ``PassageTags``; each result may be a dict or an object with ``start``, ``end`` and ``labels`` (a list of
names, or a dict name → probability, where 0.5 and above counts).
"""
from __future__ import annotations

from importlib import import_module

from nlp.model import Report, Section

LABEL_KIND = {"problems": "problem", "improvements": "improvement"}
_ENTRY_POINTS = ("tag", "tag_report", "label")


def _get(x, name, default=None):
    return x.get(name, default) if isinstance(x, dict) else getattr(x, name, default)


def _labels(x) -> set[str]:
    raw = _get(x, "labels", ()) or ()
    if isinstance(raw, dict):
        return {k for k, v in raw.items() if v is None or float(v) >= 0.5}
    return {str(v) for v in raw}


def passage_labels(report: Report, tagging=None) -> list[tuple[int, int, set[str]]] | None:
    """(start, end, labels) of the report's passages, or None without a usable classifier."""
    if tagging is None:
        try:
            tagging = import_module("nlp.tagging")
        except ImportError:
            return None
    fn = next((getattr(tagging, n) for n in _ENTRY_POINTS if callable(getattr(tagging, n, None))), None)
    if fn is None:
        return None
    out = []
    for x in fn(report) or ():
        s, e = _get(x, "start"), _get(x, "end")
        if isinstance(s, int) and isinstance(e, int):
            out.append((s, e, _labels(x)))
    return out


def apply_passage_labels(report: Report, secs: list[Section], spans: list[tuple], required: bool = False,
                         tagging=None) -> list[tuple]:
    """Statement spans [(Span, section_id)] with the classifier's kinds where the section
    rules only guessed, plus the statements of labelled passages outside the sections."""
    from nlp.themes.statements import split_spans

    try:
        labelled = passage_labels(report, tagging)
    except Exception:
        if required:
            raise
        return spans  # a classifier failure must not lose the section rules' statements
    if labelled is None:
        if required:
            raise ImportError("nlp.tagging is not available")
        return spans
    kinds = [(s, e, {LABEL_KIND[x] for x in labels if x in LABEL_KIND}) for s, e, labels in labelled]
    out = []
    for sp, sid in spans:
        sure = [k for s, e, k in kinds if s <= sp.start and sp.end <= e and len(k) == 1]
        if sure and not sp.sure:
            sp = sp._replace(kind=next(iter(sure[0])))
        out.append((sp, sid))
    for s, e, k in kinds:
        if len(k) != 1 or any(sec.start <= s < sec.end for sec in secs):
            continue
        kind = next(iter(k))
        pseudo = Section(f"tag@{s}", "", 0, "problems_improvements", s, e)
        out.extend((sp._replace(kind=kind), None) for sp in split_spans(report, pseudo, mode=kind))
    return out
