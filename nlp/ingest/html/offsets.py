"""Where each text node of the parsed page is in the source string.

lxml gives no character offsets, so the offset map comes from aligning lxml's text nodes,
in document order, with the input's character data (tags and comments removed, entities
decoded).
"""
from __future__ import annotations

import html as htmllib
import operator
import re
from bisect import bisect_left
from itertools import accumulate, chain, compress, count, product

_WINDOW = 2000  # how far ahead a text node is looked for in the source

_MARKUP = re.compile(
    r"<!--.*?(?:-->|\Z)"
    r"|<[!?][^>]*>?"
    r"|</?(?P<name>[A-Za-z][^\s/>]*)[^>\"']*(?:(?:\"[^\"]*\"|'[^']*')[^>\"']*)*>"
    r"|&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);?",
    re.S,
)
_RAW_END = {name: re.compile(rf"</{name}\s*>", re.I) for name in ("script", "style")}
_SPLIT = re.compile("(%s)" % _MARKUP.pattern, re.S)  # split keeps each markup and its tag name
_RAW_NAMES = frozenset(  # every spelling of the raw-text tag names
    "".join(spelling) for name in _RAW_END for spelling in product(*({c, c.upper()} for c in name)))


def _flatten(src: str) -> tuple[str, list[int]]:
    """The character data of ``src`` (what text nodes are made of) and each char's offset."""
    chars: list[str] = []
    offs: list[int] = []
    pos = 0
    while pos is not None:
        pos = _flatten_from(src, pos, chars, offs)
    return "".join(chars), offs


def _flatten_from(src: str, pos: int, chars: list[str], offs: list[int]) -> int | None:
    """Character data from pos on, the markup split off in one go. A script or style body
    is text up to its end tag; if markup found inside it runs past that end, the rest is
    split again from there (the position returned; None when done)."""
    pieces = _SPLIT.split(src[pos:] if pos else src)
    gaps, tokens, names = pieces[0::3], pieces[1::3], pieces[2::3]
    lengths = [0] * (len(gaps) + len(tokens))
    lengths[0::2], lengths[1::2] = map(len, gaps), map(len, tokens)
    bounds = list(accumulate(lengths, initial=pos))  # gap i, then token i, start at 2i, 2i+1
    gap = 0  # the next gap to write
    for i in _special_tokens(tokens, names):
        if i < gap:
            continue  # inside a script or style body
        _gaps(src, gaps, bounds, gap, i + 1, chars, offs)
        gap = i + 1
        token, start, end = tokens[i], bounds[2 * i + 1], bounds[2 * i + 2]
        if token[0] == "&":
            decoded = htmllib.unescape(token)
            if decoded == token:
                _plain(src, start, end, chars, offs)
            else:
                chars.append(decoded)
                offs += [start] * len(decoded)
            continue
        close = _RAW_END[names[i].lower()].search(src, end)
        stop = close.start() if close else len(src)
        _plain(src, end, stop, chars, offs)
        if stop == len(src):
            return None
        token_starts = bounds[1::2]
        gap = bisect_left(token_starts, stop)
        if gap == len(tokens) or token_starts[gap] != stop:
            return stop
        gap += 1  # the gap before the end tag is body, written already
    _gaps(src, gaps, bounds, gap, len(gaps), chars, offs)
    return None


def _special_tokens(tokens: list[str], names: list) -> list[int]:
    """The entities and the script/style start tags among the markup, in order."""
    nameless = compress(count(), map(operator.not_, names))  # entities, comments, <!...>
    found = [i for i in nameless if tokens[i][0] == "&"]
    if not _RAW_NAMES.isdisjoint(names):
        raw = compress(count(), map(_RAW_NAMES.__contains__, names))
        found += [i for i in raw if tokens[i][1] != "/"]
        found.sort()
    return found


def _gaps(src: str, gaps: list[str], bounds: list[int], a: int, b: int,
          chars: list[str], offs: list[int]) -> None:
    """Gaps a..b-1 (the text between markup) as character data."""
    if a >= b:
        return
    starts, ends = bounds[2 * a:2 * b:2], bounds[2 * a + 1:2 * b + 1:2]
    if "\r" not in src or all("\r" not in g for g in gaps[a:b]):
        chars += gaps[a:b]
        offs += chain.from_iterable(map(range, starts, ends))
        return
    for start, end in zip(starts, ends):
        _plain(src, start, end, chars, offs)


def _plain(src: str, a: int, b: int, chars: list[str], offs: list[int]) -> None:
    """Source characters a..b as character data: a line break is "\n" whatever the source
    wrote ("\r\n" keeps its "\n", a lone "\r" becomes one)."""
    cr = src.find("\r", a, b)
    while cr >= 0:
        chars.append(src[a:cr])
        offs += range(a, cr)
        if not src.startswith("\n", cr + 1):
            chars.append("\n")
            offs.append(cr)
        a = cr + 1
        cr = src.find("\r", a, b)
    chars.append(src[a:b])
    offs += range(a, b)


def align(strings: list[str], src: str) -> tuple[list[int], list[int], dict]:
    """Where each text node is in the source: (the offsets of the character data, each
    node's start in it, -1 if the node was placed character by character, those nodes'
    offsets)."""
    flat, offs = _flatten(src)
    at: list[int] = []
    placed: dict[int, list[int]] = {}
    cur = 0
    for k, s in enumerate(strings):
        n = len(s)
        p = cur if flat.startswith(s, cur) else flat.find(s, cur, cur + n + _WINDOW)
        at.append(p)
        if p >= 0:
            cur = p + n
            continue
        found = []
        for ch in s:  # lxml changed the text: place it character by character
            p = flat.find(ch, cur, cur + _WINDOW)
            if p >= 0:
                cur = p + 1
            found.append(offs[p] if p >= 0 else (offs[cur] if cur < len(offs) else len(src)))
        placed[k] = found
    return offs, at, placed
