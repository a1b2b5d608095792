"""spaCy side of tagging.

* The ``gongkai_tagger`` factory: a pipeline component that puts the tagger's scores on
  ``doc.cats`` (the Doc read as one passage) and, when the Doc is a whole report, one span
  per passage on ``doc.spans["passages"]`` with ``span._.cats`` and ``span._.labels``.
* ``train_textcat``: the baseline the shipped model was compared with — spaCy's
  ``textcat_multilabel`` (bag-of-words architecture) on ``spacy.blank("zh")`` with the jieba
  segmenter, trained on the same examples (gold repeated ``GOLD_WEIGHT`` times, since
  textcat takes no sample weights).
"""
from __future__ import annotations

import random

from spacy.language import Language
from spacy.tokens import Doc, Span

from nlp.tagging.schema import LABELS

for _attr in ("cats", "labels"):
    if not Span.has_extension(_attr):
        Span.set_extension(_attr, default=None)


class TaggerComponent:
    def __init__(self, policy: str = "combined"):
        self.policy = policy

    def __call__(self, doc: Doc) -> Doc:
        from nlp.ingest import load_bytes
        from nlp.model import Passage, Report, Section
        from nlp.structure import structure
        from nlp.tagging import tag_report

        text = doc.text
        report = None
        if "公开" in text and "\n" in text.strip():
            try:
                report = structure(load_bytes(text.encode("utf-8"), "doc.txt"))
            except Exception:
                report = None
        whole = Report("doc", "doc", text, sections=[Section("s0", "", 0, "none", 0, len(text))],
                       passages=[Passage("p1", "s0", 0, len(text))])
        doc.cats = dict(tag_report(whole, policy=self.policy)[0].scores)
        spans = []
        if report is not None and len(report.passages) > 1:
            for t in tag_report(report, policy=self.policy):
                span = doc.char_span(t.start, t.end, label="passage", alignment_mode="expand")
                if span is None:
                    continue
                span._.cats = dict(t.scores)
                span._.labels = list(t.labels)
                spans.append(span)
        doc.spans["passages"] = spans
        return doc


@Language.factory("gongkai_tagger", default_config={"policy": "combined"})
def make_tagger(nlp: Language, name: str, policy: str) -> TaggerComponent:
    return TaggerComponent(policy)


def tagging_pipeline(policy: str = "combined") -> Language:
    """A blank ``zh`` pipeline (jieba segmenter) with the ``gongkai_tagger`` component."""
    import spacy

    pipe = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    pipe.add_pipe("gongkai_tagger", config={"policy": policy})
    return pipe


# ---------------------------------------------------------------- the baseline

EPOCHS = 12
SEED = 0


def _doc_text(view, context: str) -> str:
    """What the baseline reads: the same context the linear model gets, as words."""
    return " ".join([view.kind, view.top_kind, context, *view.titles, "｜", view.text[:600]])


def train_textcat(examples, gold_weight: int = 10, epochs: int = EPOCHS, architecture: str = "bow"):
    """Train the baseline on ``nlp.tagging.train.Example``s; returns views → probabilities."""
    import spacy
    from spacy.training import Example as SpacyExample
    from spacy.util import fix_random_seed, minibatch

    from nlp.tagging.features import context_stances

    fix_random_seed(SEED)
    pipe = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    config = {}
    if architecture == "bow":
        config = {"model": {"@architectures": "spacy.TextCatBOW.v3", "exclusive_classes": False, "ngram_size": 2,
                            "no_output_layer": False, "length": 262144}}
    textcat = pipe.add_pipe("textcat_multilabel", config=config)
    for label in LABELS:
        textcat.add_label(label)
    contexts = _contexts(examples, context_stances)
    data = []
    for e, ctx in zip(examples, contexts):
        cats = {label: float(label in e.labels) for label in LABELS}
        ex = SpacyExample.from_dict(pipe.make_doc(_doc_text(e.view, ctx)), {"cats": cats})
        data += [ex] * (gold_weight if e.gold else 1)
    optimizer = pipe.initialize(lambda: data)
    rng = random.Random(SEED)
    for _ in range(epochs):
        rng.shuffle(data)
        for batch in minibatch(data, size=32):
            pipe.update(batch, sgd=optimizer, drop=0.0 if architecture == "bow" else 0.2)

    def predict(views):
        ctx = context_stances(views)
        docs = pipe.pipe([_doc_text(v, c) for v, c in zip(views, ctx)])
        return [{label: float(d.cats[label]) for label in LABELS} for d in docs]

    return predict


def _contexts(examples, context_stances) -> list[str]:
    """List contexts computed report by report (examples keep report order)."""
    out: list[str] = []
    i = 0
    while i < len(examples):
        j = i
        while j < len(examples) and examples[j].group == examples[i].group:
            j += 1
        out += context_stances([e.view for e in examples[i:j]])
        i = j
    return out
