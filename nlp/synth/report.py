"""One report from its spec: figures → prose and tables → fault → damage → file text → truth."""
from __future__ import annotations

import random
from dataclasses import dataclass

from nlp.synth import damage as damage_mod
from nlp.synth import faults as faults_mod
from nlp.synth import prose2008 as p08
from nlp.synth.bodies import Body
from nlp.synth.doc import Block, Doc
from nlp.synth.facts import make_facts
from nlp.synth.figures import Figures, make_figures
from nlp.synth.page import ingest_text, predict_canonical, render_html, to_canonical
from nlp.synth.prose import Ctx, dateline, other_matters, overview_2021, preamble, problems, signature, title, words
from nlp.synth.render import render_text
from nlp.synth.say import Writer
from nlp.synth.tables import appendix_grid, art20_grid, art20_item_grids, requests_grid, review_block_grids, review_grid
from nlp.synth.truth import record

TEMPLATE_YEARS = {"2008": range(2010, 2019), "2019": range(2019, 2021), "2021": range(2021, 2026)}
FORMATS = ("txt", "md", "html")
CONTENTS_2021 = ("总体情况", "主动公开政府信息情况", "收到和处理政府信息公开申请情况", "政府信息公开行政复议、行政诉讼情况",
                 "存在的主要问题及改进情况", "其他需要报告的事项")


def template_of(year: int) -> str:
    return next(t for t, years in TEMPLATE_YEARS.items() if year in years)


@dataclass
class Spec:
    index: int
    body: Body
    year: int
    fmt: str
    fault: str | None = None  # the fault kind wanted (another is used when the report has no place for it)
    damage: bool = False
    prev: Figures | None = None  # the same body's report of the year before, if generated

    @property
    def template(self) -> str:
        return template_of(self.year)

    @property
    def name(self) -> str:
        return f"{self.index:05d}_{self.template}_{self.year}.{self.fmt}"


@dataclass
class Generated:
    text: str  # the file's text
    ext: str
    truth: dict
    figures: Figures


def make(rng: random.Random, spec: Spec, exact_html: bool = False) -> Generated:
    """Generate one report.  For .html the canonical text is predicted from the page's
    structure (fast); with ``exact_html`` the page is also read by ``nlp.ingest`` and, should
    the two differ, the truth's offsets are taken from what ingest reads."""
    body, year, template, fmt = spec.body, spec.year, spec.template, spec.fmt
    published = (year + 1, rng.randint(1, 3), rng.randint(1, 28))
    f = make_figures(rng, body, template, year, spec.prev)
    f.extra["plus_sign"] = rng.random() < 0.5
    f.extra["thousands"] = rng.random() < 0.08  # 3,120 in table cells
    f.extra["blank"] = rng.choice(("", "", "", "-", "/", "—"))  # how a blank cell is written
    planned = None
    if spec.fault == "cross_report" and spec.prev is not None and "requests.carried_forward.total" in spec.prev.cells:
        planned = faults_mod.shift_carried_over(rng, f)
    f.facts = make_facts(rng, body, f, spec.prev)
    doc = Doc(info={"place": body.place})
    w = Writer(rng, f.facts, words(rng, body, year), year)
    c = Ctx(rng, body, year, template, fmt, f, w, doc, published)
    compose(c)
    fault = None
    if planned is not None:
        planned["piece"] = next(p for _, p in doc.pieces() if p.cell == "requests.carried_over.total")
        fault = planned
    elif spec.fault:
        fault = _inject(rng, spec.fault, doc, w, f)
    damaged = damage_mod.apply(rng, doc, fmt) if spec.damage else []
    text, canonical = _render(rng, doc, spec, published, exact_html)
    layout = {"title": doc.info["title_layout"], "punct": doc.info.get("punct", "cjk"), "blank": f.extra["blank"],
              "tables": [b.layout + ("_split" if len(b.grids) > 1 else "") for b in doc.blocks if b.kind == "table"]}
    meta = {"template": template, "year": year, "body": body.name, "region": body.region, "format": fmt,
            "published": "%04d-%02d-%02d" % published, "damage": damaged, "layout": layout}
    truth = record(spec.name, text.encode("utf-8"), canonical, doc, f, meta, fault)
    return Generated(text, fmt, truth, f)


def _render(rng: random.Random, doc: Doc, spec: Spec, published: tuple, exact_html: bool) -> tuple[str, str]:
    """(file text, canonical text); every piece ends up with its canonical offsets."""
    if spec.fmt != "html":
        text = render_text(doc, spec.fmt, rng)
        return text, text
    text = render_html(doc, rng, f"{spec.body.place}人民政府", spec.body.name, published)
    source_spans = [(p, p.start, p.end) for _, p in doc.pieces()]
    canonical = predict_canonical(doc)
    if exact_html and ingest_text(text) != canonical:
        for p, a, b in source_spans:
            p.start, p.end = a, b
        canonical = to_canonical(text, doc)
    return text, canonical


# kinds that few reports have room for are preferred when the wanted kind does not fit
_FALLBACK_WEIGHT = {"percent": 4, "prose_internal": 3, "prose_table": 1, "table_internal": 1, "temporal": 1}


def _inject(rng: random.Random, wanted: str, doc: Doc, w: Writer, f: Figures) -> dict | None:
    room = faults_mod.candidates(doc, w, f)
    kinds = [k for k in _FALLBACK_WEIGHT if room[k]]
    if not kinds:
        return None
    kind = wanted if wanted in kinds else rng.choices(kinds, weights=[_FALLBACK_WEIGHT[k] for k in kinds])[0]
    return faults_mod.inject(rng, kind, doc, w, f)


def compose(c: Ctx) -> None:
    rng = c.rng
    title(c)
    untitled = c.doc.info.get("untitled", False)
    if untitled or rng.random() < (0.6 if c.template == "2008" else 0.45):
        dateline(c)
    if c.template == "2008":
        _compose_2008(c)
    else:
        _compose_2021(c)
    if untitled or rng.random() < 0.45:
        signature(c)


def _table(c: Ctx, grids: list, layout: str) -> Block:
    return Block("table", grids=grids, layout=layout)


def _layout(c: Ctx, kind: str) -> str:
    if c.fmt == "html":
        return "html"
    if c.fmt == "md":
        return "markdown"
    if kind == "appendix_2008":
        return "cell_per_line" if c.rng.random() < 0.8 else "pipe_merged"
    return c.doc.info.setdefault("pipe", c.rng.choice(("pipe_merged", "pipe_scraped")))


def _compose_2021(c: Ctx) -> None:
    rng, f = c.rng, c.f
    preamble(c, list(CONTENTS_2021))
    overview_2021(c, "一、总体情况")
    split = (c.fmt == "md" and rng.random() < 0.4) or (c.fmt == "html" and rng.random() < 0.15)
    c.heading("二、主动公开政府信息情况", 1)
    layout = _layout(c, "art20")
    cut = layout == "pipe_scraped" and f.template == "2019" and rng.random() < 0.5
    c.doc.add(_table(c, art20_item_grids(f) if split else [art20_grid(f, cut_header=cut)], layout))
    c.heading("三、收到和处理政府信息公开申请情况", 1)
    c.doc.add(_table(c, [requests_grid(f)], _layout(c, "requests")))
    c.heading(rng.choice(("四、政府信息公开行政复议、行政诉讼情况", "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况")), 1)
    c.doc.add(_table(c, review_block_grids(f) if split else [review_grid(f)], _layout(c, "review")))
    problems(c, rng.choice(("五、存在的主要问题及改进情况", "五、政府信息公开工作存在的主要问题及改进情况",
                            "五、存在的主要问题及整改措施")))
    other_matters(c, "六、其他需要报告的事项")


def _compose_2008(c: Ctx) -> None:
    rng = c.rng
    with_appendix = rng.random() < 0.75
    sections = p08.plan_sections(c, with_appendix)
    contents = [rng.choice(p08.CONTENTS[k]) for k, _ in sections]
    preamble(c, contents)
    for i, (kind, heading_title) in enumerate(sections):
        heading = p08.heading_number(i) + heading_title
        if kind == "problems":
            problems(c, heading)
        elif kind == "appendix":
            p08.appendix(c, heading, _table(c, [appendix_grid(rng, c.f)], _layout(c, "appendix_2008")))
        else:
            p08.WRITERS[kind](c, heading)
