"""PDF parse speed in pages per second: reading the pages (``nlp.ingest.pdf``) and the
whole parse (``nlp.read``: ingest + structure), per file and in total.

    python benchmarks/pdf.py [FILES_OR_DIRS...] [--repeat N]

With no paths it uses the project's PDF fixtures (tests/fixtures/pdf, the scan left out)
and, when present, the real PDFs in ../shared/corpus."""
from __future__ import annotations

import argparse
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def inputs(args: list[str]) -> list[Path]:
    roots = [Path(a) for a in args] or [REPO / "tests" / "fixtures" / "pdf", REPO.parent / "shared" / "corpus"]
    files: list[Path] = []
    for r in roots:
        if r.is_dir():
            files += sorted(p for p in r.glob("*.pdf") if p.name != "scan.pdf")
        elif r.exists():
            files.append(r)
    return files


def best_of(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="*")
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()
    import nlp
    from nlp.ingest.pdf import pdf_to_text

    files = inputs(a.paths)
    if not files:
        raise SystemExit("no PDF found")
    total_pages = total_ingest = total_parse = 0.0
    print(f"{'file':32} {'pages':>5} {'ingest p/s':>11} {'parse p/s':>10}")
    for f in files:
        data = f.read_bytes()
        pages = pdf_to_text(data).pages
        t_ingest = best_of(lambda: pdf_to_text(data), a.repeat)
        t_parse = best_of(lambda: nlp.read(f), a.repeat)
        total_pages += pages
        total_ingest += t_ingest
        total_parse += t_parse
        print(f"{f.name:32} {pages:5d} {pages / t_ingest:11.1f} {pages / t_parse:10.1f}")
    print(f"{'TOTAL':32} {int(total_pages):5d} {total_pages / total_ingest:11.1f} {total_pages / total_parse:10.1f}"
          f"   (best of {a.repeat}, one process)")


if __name__ == "__main__":
    main()
