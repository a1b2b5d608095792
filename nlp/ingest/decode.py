"""Bytes → str: UTF-8 first, then GB18030 (a superset of GBK/GB2312), then a detector."""
from __future__ import annotations

import re

from nlp.ingest.errors import IngestError

_BAD_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f]")  # control characters other than tab, newlines, form feed
_GOOD_CHARS = re.compile("[\x00-\x7f\u4e00-\u9fff\u3000-\u303f\uff00-\uffef]")


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode report bytes; raise IngestError for binary content."""
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise IngestError("binary", "the file is binary (it contains NUL bytes), not a text report")
    for enc in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if enc == "gb18030" and not _mostly_cjk_or_ascii(text):
            break
        _reject_binary(text)
        return text, "utf-8" if enc == "utf-8-sig" else enc
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise IngestError("encoding", "cannot tell the text encoding (not UTF-8, GB18030 or any known one)")
    text = str(best)
    _reject_binary(text)
    return text, best.encoding


def _mostly_cjk_or_ascii(text: str) -> bool:
    sample = text[:20000]
    if not sample:
        return True
    good = len(_GOOD_CHARS.findall(sample))
    return good / len(sample) > 0.9


def _reject_binary(text: str) -> None:
    sample = text[:20000]
    if not sample:
        return
    bad = len(_BAD_CONTROL.findall(sample))
    if bad / len(sample) > 0.05:
        raise IngestError("binary", "the file looks binary (too many control characters), not a text report")
