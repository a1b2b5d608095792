"""Expand FILE|DIR arguments into report files, in a stable order, never following
symlinked directories (so a symlink loop cannot trap a run)."""
from __future__ import annotations

import os
from pathlib import Path


def iter_inputs(paths: list[str]) -> list[tuple[str, str | None]]:
    """(path, problem) pairs: problem is None for a file to read, or why it cannot be."""
    out: list[tuple[str, str | None]] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            for root, dirs, files in os.walk(path, followlinks=False):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if name.startswith("."):
                        continue
                    out.append((os.path.join(root, name), None))
        elif path.exists():
            out.append((str(path), None))
        elif path.is_symlink():
            out.append((str(path), "broken symlink"))
        else:
            out.append((str(path), "no such file or directory"))
    return out
