"""Bytes → canonical text (+ tables found in markup, + offset map back to the source).

``load(path)`` reads one file.  For ``.txt`` and ``.md`` the canonical text is the file's
text exactly as decoded; for ``.html`` it is the article text (site chrome and injected
spam dropped, each ``<tr>`` rendered as a ``cell | cell`` line) with a map back to the
source; for ``.pdf`` (:mod:`nlp.ingest.pdf`) and ``.docx``/``.doc`` (:mod:`nlp.ingest.docx`)
it is read from the document's layout, tables from their real cells.  Anything unreadable
raises :class:`IngestError` with a type and a message.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from nlp.ingest.decode import decode_bytes
from nlp.ingest.errors import IngestError
from nlp.model import RawTable

MAX_BYTES = 20 * 1024 * 1024
TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown", ""}
HTML_SUFFIXES = {".html", ".htm", ".shtml", ".xhtml"}
PAGED_SUFFIXES = {".pdf", ".docx", ".doc"}  # read from the document's layout (nlp.ingest.pdf, .docx)

__all__ = ["Ingested", "IngestError", "load", "load_bytes", "doc_id_for"]


@dataclass
class Ingested:
    source: str
    doc_id: str
    fmt: str  # txt, md, html, pdf, docx
    text: str
    encoding: str
    tables: list[RawTable] = field(default_factory=list)  # tables found in markup (HTML)
    page_meta: dict = field(default_factory=dict)
    source_offsets: list[int] | None = None  # None: canonical text is the decoded file (or a PDF/Word layout)
    positions: list | None = None  # PDF: (page, x, y) of each character of text, in points from the page's top left


def doc_id_for(data: bytes) -> str:
    """Stable id for the same file content."""
    return hashlib.sha1(data).hexdigest()[:16]


def load(path: str | Path, max_bytes: int = MAX_BYTES) -> Ingested:
    p = Path(path)
    try:
        if p.is_dir():
            raise IngestError("is_directory", f"{p} is a directory, not a report file")
        size = p.stat().st_size
        if size > max_bytes:
            raise IngestError(
                "too_large",
                f"{size / 1048576:.1f} MB is larger than the {max_bytes / 1048576:.0f} MB limit "
                "for one report (raise it with --max-mb)",
            )
        data = p.read_bytes()
    except IngestError:
        raise
    except OSError as exc:
        raise IngestError("unreadable", f"cannot read {p}: {exc.strerror or exc}") from exc
    return load_bytes(data, str(p))


def load_bytes(data: bytes, source: str) -> Ingested:
    suffix = Path(source).suffix.lower()
    if not data.strip():
        raise IngestError("empty", "the file is empty")
    if suffix in PAGED_SUFFIXES:
        return _load_paged(data, source, suffix)
    text, encoding = decode_bytes(data)
    doc_id = doc_id_for(data)
    if suffix in HTML_SUFFIXES or (suffix not in TEXT_SUFFIXES and _looks_like_html(text)):
        from nlp.ingest.html import html_to_text

        ht = html_to_text(text)
        if not ht.text.strip():
            raise IngestError("no_text", "the page has no article text")
        return Ingested(source, doc_id, "html", ht.text, encoding, ht.tables, ht.page_meta, ht.source_offsets)
    fmt = "md" if suffix in {".md", ".markdown"} else "txt"
    return Ingested(source, doc_id, fmt, text, encoding)


def _load_paged(data: bytes, source: str, suffix: str) -> Ingested:
    """PDF and Word: text and tables from the document's layout, not from flattened text."""
    doc_id = doc_id_for(data)
    if suffix == ".pdf":
        from nlp.ingest.pdf import pdf_to_text

        pt = pdf_to_text(data)
        return Ingested(source, doc_id, "pdf", pt.text, "", pt.tables, pt.page_meta, positions=pt.positions)
    from nlp.ingest.docx import doc_to_docx, docx_to_text

    dt = docx_to_text(doc_to_docx(data) if suffix == ".doc" else data)
    return Ingested(source, doc_id, "docx", dt.text, "", dt.tables, dt.page_meta)


def _looks_like_html(text: str) -> bool:
    head = text[:2000].lower()
    return "<html" in head or "<!doctype html" in head or "<body" in head
