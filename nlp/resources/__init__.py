"""Data files (rules, lexicons, taxonomies) shipped with the package."""
from __future__ import annotations

from functools import lru_cache
from importlib import resources

import yaml

# libyaml's parser when PyYAML was built with it (the wheels are): the same data, ten
# times faster to load, which is most of a worker's start-up
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse_yaml(text):
    """YAML text (or an open file) → data, with the fast loader."""
    return yaml.load(text, Loader=_LOADER)


@lru_cache(maxsize=None)
def load_yaml(name: str):
    """Load ``nlp/resources/<name>`` (YAML), cached for the life of the process."""
    with resources.files(__package__).joinpath(name).open("r", encoding="utf-8") as fh:
        return parse_yaml(fh)
