"""PNG plots of theme shares (matplotlib, object API: no pyplot state, no backend change).

Labels are Chinese, drawn with the CJK font of nlp.themes.fonts; on a machine without
one, theme ids and English titles are used instead so nothing renders as tofu.
"""
from __future__ import annotations

import warnings
from pathlib import Path

from nlp.themes.fonts import cjk_family, cjk_rc
from nlp.themes.model import Theme
from nlp.themes.trends import UNKNOWN, share_table

PLOTS = ("share_by_year", "share_by_department", "share_by_region", "heatmap_theme_year")
_TITLES = {
    # name: (Chinese title, x label, y label, English title, x label, y label)
    "share_by_year": ("各年度存在问题的主题构成", "报告年度", "问题陈述占比", "Problem themes by year", "report year", "share of problem statements"),
    "share_by_department": ("各类部门存在问题的主题构成", "问题陈述占比", "部门类型", "Problem themes by department type", "share of problem statements", "department type"),
    "share_by_region": ("各地区存在问题的主题构成", "问题陈述占比", "省级地区", "Problem themes by province", "share of problem statements", "province"),
    "heatmap_theme_year": ("主题 × 年度（问题陈述占比）", "报告年度", "主题", "Theme × year (share of problem statements)", "report year", "theme"),
}


def _labels(themes: list[Theme], chinese: bool) -> dict[str, str]:
    return {t.id: (t.name if chinese else t.id) for t in themes}


def _colors(theme_ids: list[str]):
    from matplotlib import colormaps

    cmap = colormaps["tab20"]
    return {tid: cmap(i % 20) for i, tid in enumerate(theme_ids)}


def _table(rows, dimension: str, by_size: bool):
    """Groups, themes with a share somewhere, shares; groups by size (largest first, 未知
    last) for the horizontal bars, in their natural order (years) otherwise."""
    groups, theme_ids, shares = share_table(rows, "problem", dimension)
    keep = [i for i, vals in enumerate(shares) if any(vals)]
    theme_ids, shares = [theme_ids[i] for i in keep], [shares[i] for i in keep]
    if by_size and groups:
        totals = {r["group"]: r["total"] for r in rows if r["kind"] == "problem" and r["dimension"] == dimension}
        order = sorted(range(len(groups)), key=lambda j: (groups[j] == UNKNOWN, -totals[groups[j]], groups[j]))
        groups = [groups[j] for j in order]
        shares = [[vals[j] for j in order] for vals in shares]
    return groups, theme_ids, shares


def _save(fig, path: Path) -> None:
    fig.savefig(path, dpi=110, bbox_inches="tight", metadata={"Software": None})


def _stacked(rows, themes, dimension, name, out: Path, chinese: bool, horizontal: bool) -> Path | None:
    from matplotlib.figure import Figure

    groups, theme_ids, shares = _table(rows, dimension, by_size=horizontal)
    if not groups:
        return None
    totals = {r["group"]: r["total"] for r in rows if r["kind"] == "problem" and r["dimension"] == dimension}
    names = _labels(themes, chinese)
    colors = _colors([t.id for t in themes])
    title, xl, yl = _TITLES[name][:3] if chinese else _TITLES[name][3:]
    size = (9, max(3.5, 0.55 * len(groups) + 2)) if horizontal else (max(6, 0.9 * len(groups) + 4), 5)
    fig = Figure(figsize=size)
    ax = fig.add_subplot()
    base = [0.0] * len(groups)
    pos = list(range(len(groups)))
    for tid, vals in zip(theme_ids, shares):
        if horizontal:
            ax.barh(pos, vals, left=base, color=colors[tid], label=names[tid], edgecolor="white", linewidth=0.5)
        else:
            ax.bar(pos, vals, bottom=base, color=colors[tid], label=names[tid], edgecolor="white", linewidth=0.5)
        base = [b + v for b, v in zip(base, vals)]
    ticks = [f"{g}\n(n={totals[g]})" if not horizontal else f"{g} (n={totals[g]})" for g in groups]
    if horizontal:
        ax.set_yticks(pos, ticks)
        ax.invert_yaxis()
        ax.set_xlim(0, 1)
    else:
        ax.set_xticks(pos, ticks)
        ax.set_ylim(0, 1)
    ax.set_title(title)
    ax.set_xlabel(xl)
    ax.set_ylabel(yl)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False, title="主题" if chinese else "theme")
    path = out / f"{name}.png"
    _save(fig, path)
    return path


def _heatmap(rows, themes, out: Path, chinese: bool) -> Path | None:
    from matplotlib.figure import Figure

    groups, theme_ids, shares = _table(rows, "year", by_size=False)
    if not groups:
        return None
    names = _labels(themes, chinese)
    name = "heatmap_theme_year"
    title, xl, yl = _TITLES[name][:3] if chinese else _TITLES[name][3:]
    fig = Figure(figsize=(max(5, 0.9 * len(groups) + 3.5), max(3.5, 0.45 * len(theme_ids) + 1.5)))
    ax = fig.add_subplot()
    vmax = max(0.01, max(max(r) for r in shares))
    im = ax.imshow(shares, cmap="YlOrRd", vmin=0, vmax=vmax, aspect="auto")
    ax.set_xticks(range(len(groups)), groups)
    ax.set_yticks(range(len(theme_ids)), [names[t] for t in theme_ids])
    for i, row in enumerate(shares):
        for j, v in enumerate(row):
            if v:
                label = f"{v:.0%}" if v >= 0.005 else "<1%"
                ax.text(j, i, label, ha="center", va="center", fontsize=8, color="white" if v / vmax > 0.6 else "black")
    ax.set_title(title)
    ax.set_xlabel(xl)
    ax.set_ylabel(yl)
    fig.colorbar(im, ax=ax, label="占比" if chinese else "share")
    path = out / f"{name}.png"
    _save(fig, path)
    return path


def plot_all(rows: list[dict], themes: list[Theme], out: Path) -> dict[str, Path]:
    """Write the PNG plots into ``out``; returns name → path of those written."""
    from matplotlib import rc_context

    chinese = cjk_family() is not None
    if not chinese:
        warnings.warn("no font with Chinese glyphs found: plots use theme ids and English labels "
                      "(pip install mplfonts, or install a CJK font)", stacklevel=2)
    out.mkdir(parents=True, exist_ok=True)
    written = {}
    with rc_context(cjk_rc()):
        for name, dim in (("share_by_year", "year"), ("share_by_department", "department"), ("share_by_region", "region")):
            p = _stacked(rows, themes, dim, name, out, chinese, horizontal=dim != "year")
            if p:
                written[name] = p
        p = _heatmap(rows, themes, out, chinese)
        if p:
            written["heatmap_theme_year"] = p
    return written
