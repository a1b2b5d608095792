"""Themes of the problems bodies admit and the improvements they promise, across a corpus.

``run_themes(paths, out_dir, seed=0)`` reads reports, splits the passages of
存在的主要问题及改进情况 into single statements (nlp.themes.statements), gives each a theme
from the seed taxonomy or from clustering (nlp.themes.model), and writes statements,
themes, trends by year/region/department, repeated problems and boilerplate, PNG plots and
an HTML summary.  ``gongkai themes`` is its command line (nlp.themes.cli).
"""
from __future__ import annotations

from nlp.themes.run import ThemeRun, analyse, run_themes, write_outputs
from nlp.themes.statements import Statement, extract

__all__ = ["run_themes", "analyse", "write_outputs", "extract", "Statement", "ThemeRun"]
