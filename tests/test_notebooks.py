"""Every notebook is executed (nbclient) on the sample corpus, so notebooks never rot."""
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "corpora" / "sample"


def _images(nb):
    return [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []) if "image/png" in o.get("data", {})]


@pytest.mark.parametrize("notebook", sorted((REPO / "notebooks").glob("*.ipynb")), ids=lambda p: p.name)
def test_notebook_runs_on_the_sample_corpus(notebook, tmp_path, monkeypatch):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")
    monkeypatch.setenv("GONGKAI_CORPUS", str(SAMPLE))
    monkeypatch.setenv("GONGKAI_THEMES_OUT", str(tmp_path / "out"))
    nb = nbformat.read(notebook, as_version=4)
    nbclient.NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(notebook.parent)}}).execute()
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []) if o.output_type == "error"]
    assert errors == []
    if notebook.name == "problem_themes.ipynb":
        assert (tmp_path / "out" / "summary.html").exists()
        assert len(_images(nb)) == 4
    if notebook.name == "corpus_quickstart.ipynb":
        assert len(_images(nb)) == 1
        text = "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []))
        # a finding printed with the offsets of every number it compares
        assert any(line.strip().split(" ")[1].count("-") == 1 for line in text.splitlines()
                   if line.startswith("  ") and not line.startswith("  /"))
