"""A font with Chinese glyphs for matplotlib, so plot labels never show tofu boxes.

Looked for in this order: the Noto Sans CJK SC file that the PyPI package ``mplfonts``
ships (installed with the project, so CI and every developer has it), then any font
matplotlib already knows whose name says it covers CJK, then fontconfig's answer for
``:lang=zh``.  Nothing global is changed: callers use :func:`cjk_rc` as a context.
"""
from __future__ import annotations

import subprocess
from functools import lru_cache
from importlib import util
from pathlib import Path

_PACKAGED = ("NotoSansCJKsc-Regular.otf", "SourceHanSansSC-Regular.otf", "NotoSansMonoCJKsc-Regular.otf")
_KNOWN_NAMES = ("Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Zen Hei", "WenQuanYi Micro Hei",
                "SimHei", "Microsoft YaHei", "PingFang SC", "Heiti SC", "AR PL UMing CN", "Droid Sans Fallback")
_PROBE = "存在问题改进更新及时人员经费平台政策解读互动依申请考核规范基层年度部门"


def _packaged_font() -> Path | None:
    spec = util.find_spec("mplfonts")
    if not spec or not spec.submodule_search_locations:
        return None
    for loc in spec.submodule_search_locations:
        for name in _PACKAGED:
            p = Path(loc) / "fonts" / name
            if p.is_file():
                return p
    return None


def covers(path: str | Path, text: str = _PROBE) -> bool:
    """Does the font file have a glyph for every character of ``text``?"""
    from matplotlib.ft2font import FT2Font

    try:
        cmap = FT2Font(str(path)).get_charmap()
    except Exception:
        return False
    return all(ord(ch) in cmap for ch in text if not ch.isspace())


def _system_font() -> Path | None:
    from matplotlib import font_manager

    for entry in sorted(font_manager.fontManager.ttflist, key=lambda f: (f.name, f.fname)):
        if entry.name in _KNOWN_NAMES and covers(entry.fname):
            return Path(entry.fname)
    try:
        out = subprocess.run(["fc-list", ":lang=zh", "file"], capture_output=True, text=True, timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    for line in sorted(out.splitlines()):
        p = Path(line.split(":")[0].strip())
        if p.is_file() and covers(p):
            return p
    return None


@lru_cache(maxsize=1)
def cjk_font() -> Path | None:
    """Path of a font file with Chinese glyphs, or None when the machine has none."""
    p = _packaged_font()
    if p is not None and covers(p):
        return p
    return _system_font()


@lru_cache(maxsize=1)
def cjk_family() -> str | None:
    """The family name of :func:`cjk_font`, registered with matplotlib."""
    p = cjk_font()
    if p is None:
        return None
    from matplotlib import font_manager

    font_manager.fontManager.addfont(str(p))
    return font_manager.FontProperties(fname=str(p)).get_name()


def cjk_rc() -> dict:
    """rcParams for ``matplotlib.rc_context``: the CJK family first, DejaVu Sans after it."""
    family = cjk_family()
    rc = {"axes.unicode_minus": False, "svg.fonttype": "none"}
    if family:
        rc["font.family"] = [family, "DejaVu Sans"]
    return rc
