"""spaCy integration: ``nlp.spacy_pipeline()`` builds a blank Chinese pipeline (jieba
segmenter) whose ``gongkai_claims`` component puts the report's numeric claims on
``doc.spans["claims"]``, each span with ``._.value``, ``._.low``, ``._.high``, ``._.unit``,
``._.qualifier``, ``._.kind`` and ``._.indicator``.

Claims are found on the raw text with the project's grammar and then mapped onto tokens
with ``doc.char_span(..., alignment_mode="expand")``: jieba splits "200多条" and
"三千四百元" in ways a token-level matcher cannot recover.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from nlp.claims import extract
from nlp.ingest import load_bytes
from nlp.structure import structure

CLAIM_ATTRS = ("value", "low", "high", "unit", "qualifier", "kind", "indicator")
for _attr in CLAIM_ATTRS:
    if not Span.has_extension(_attr):
        Span.set_extension(_attr, default=None)
if not Doc.has_extension("report"):
    Doc.set_extension("report", default=None)


class ClaimsComponent:
    def __call__(self, doc: Doc) -> Doc:
        report = structure(load_bytes(doc.text.encode("utf-8"), "doc.txt")) if "公开" in doc.text else None
        spans = []
        if report is not None:
            doc._.report = report
            for c in extract(report):
                span = doc.char_span(c.start, c.end, label=c.kind, alignment_mode="expand")
                if span is None:
                    continue
                for attr in CLAIM_ATTRS:
                    span._.set(attr, getattr(c, attr))
                spans.append(span)
        doc.spans["claims"] = spans
        return doc


@Language.factory("gongkai_claims")
def make_claims_component(nlp: Language, name: str) -> ClaimsComponent:
    return ClaimsComponent()


def spacy_pipeline(segmenter: str = "jieba") -> Language:
    """A blank ``zh`` pipeline with the jieba segmenter and the claims component."""
    import spacy

    pipe = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": segmenter}}})
    pipe.add_pipe("gongkai_claims")
    return pipe
