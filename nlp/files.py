"""Expand FILE|DIR arguments into report files, in a stable order, never following
symlinked directories (so a symlink loop cannot trap a run).

In a folder only files with a report's suffix are taken (a README, a truth.jsonl or a
.DS_Store beside the reports is not a report); a file named on the command line is
always read, whatever its name."""
from __future__ import annotations

import os
from pathlib import Path

REPORT_SUFFIXES = {".txt", ".text", ".md", ".markdown", ".html", ".htm", ".shtml", ".xhtml", ".pdf", ".docx", ".doc", ""}
NOT_REPORTS = {"readme", "license", "licence", "changelog", "truth"}


def iter_inputs(paths: list[str]) -> list[tuple[str, str | None]]:
    """(path, problem) pairs: problem is None for a file to read, or why it cannot be."""
    out: list[tuple[str, str | None]] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            for root, dirs, files in os.walk(path, followlinks=False):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    stem, suffix = os.path.splitext(name)
                    if name.startswith(".") or suffix.lower() not in REPORT_SUFFIXES or stem.lower() in NOT_REPORTS:
                        continue
                    out.append((os.path.join(root, name), None))
        elif path.exists():
            out.append((str(path), None))
        elif path.is_symlink():
            out.append((str(path), "broken symlink"))
        else:
            out.append((str(path), "no such file or directory"))
    return out
