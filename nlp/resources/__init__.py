"""Data files (rules, lexicons, taxonomies) shipped with the package."""
from __future__ import annotations

from functools import lru_cache
from importlib import resources

import yaml


@lru_cache(maxsize=None)
def load_yaml(name: str):
    """Load ``nlp/resources/<name>`` (YAML), cached for the life of the process."""
    with resources.files(__package__).joinpath(name).open("r", encoding="utf-8") as fh:
        return yaml.safe_load(fh)
