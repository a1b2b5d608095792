"""Every table cell of the five seeds, against fixtures written by reading the seeds."""
from pathlib import Path

import pytest
import yaml

import nlp
from conftest import SEEDS, real

FIXTURES = sorted((Path(__file__).parent / "fixtures" / "seeds").glob("*.yaml"))


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.stem)
def test_every_cell_of_the_seed(fixture):
    exp = yaml.safe_load(fixture.read_text(encoding="utf-8"))
    report = nlp.read(real(SEEDS / exp["source"]))
    got = [c for t in report.tables for c in t.cells]
    assert [c.indicator for c in got] == [c["indicator"] for c in exp["cells"]]
    for c, e in zip(got, exp["cells"]):
        assert (c.value, c.unit, c.raw) == (e["value"], e["unit"], e["raw"]), c.indicator
        assert report.text[c.start : c.end] == c.raw
        assert type(c.value) is type(e["value"])
    assert report.meta.year == exp["year"]
    assert report.meta.template == exp["template"]


def test_fixtures_cover_all_five_seeds():
    assert len(FIXTURES) == 5
