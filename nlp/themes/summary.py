"""A self-contained HTML summary: plots inlined as base64 PNG, themes with keywords and
representative statements, repeated problems and boilerplate, a few statements per theme."""
from __future__ import annotations

import base64
from collections import defaultdict
from html import escape
from pathlib import Path

from nlp.themes.model import Theme
from nlp.themes.statements import Statement

_CSS = """
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",sans-serif;margin:2em auto;max-width:1100px;color:#222;line-height:1.5}
h1{font-size:1.6em}h2{border-bottom:1px solid #ccc;padding-bottom:.2em;margin-top:2em}
table{border-collapse:collapse;width:100%;font-size:.9em;margin:.5em 0}
th,td{border:1px solid #ddd;padding:.3em .5em;vertical-align:top;text-align:left}
th{background:#f3f3f3}td.num{text-align:right;white-space:nowrap}
img{max-width:100%;border:1px solid #eee;margin:.5em 0}
.small{color:#666;font-size:.85em}.kw{color:#555}
"""


def _img(path: Path) -> str:
    data = base64.b64encode(path.read_bytes()).decode("ascii")
    return f'<img alt="{escape(path.stem)}" src="data:image/png;base64,{data}">'


def _table(headers: list[str], rows: list[list], num: set[int] = frozenset()) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = []
    for r in rows:
        cells = "".join(f'<td class="num">{escape(str(v))}</td>' if i in num else f"<td>{escape(str(v))}</td>"
                        for i, v in enumerate(r))
        body.append(f"<tr>{cells}</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _most_reused(pairs: list[dict], top: int = 15) -> list[list]:
    """Statements shared by the most bodies (each pair links two bodies)."""
    bodies = defaultdict(set)
    for r in pairs:
        bodies[r["text_a"]].update((r["body_a"], r["body_b"]))
    ranked = sorted(bodies.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:top]
    return [[text, len(b)] for text, b in ranked]


def write_summary(path: Path, statements: list[Statement], themes: list[Theme], repeats: list[dict],
                  followups: list[dict], plots: dict[str, Path], errors: list[dict], seed: int,
                  per_theme: int = 3) -> Path:
    n_docs = len({s.doc_id for s in statements})
    n_prob = sum(1 for s in statements if s.kind == "problem")
    parts = [
        "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">",
        "<title>存在问题主题分析 · gongkai themes</title>", f"<style>{_CSS}</style></head><body>",
        "<h1>政府信息公开年度报告：存在问题与改进措施的主题</h1>",
        f"<p>{n_docs} 份报告，{len(statements)} 条陈述（问题 {n_prob}，改进 {len(statements) - n_prob}）；"
        f"{len(errors)} 个文件无法读取；随机种子 {seed}。</p>",
        "<h2>图表</h2>",
    ]
    parts += [_img(p) for _, p in sorted(plots.items(), key=lambda kv: kv[0])]
    used = [t for t in themes if t.statements]
    parts.append("<h2>主题</h2>")
    parts.append(_table(
        ["主题", "名称", "来源", "问题", "改进", "关键词 (c-TF-IDF)", "命中的种子关键词"],
        [[t.id, t.name, t.origin, t.problems, t.improvements, " ".join(t.keywords), " ".join(t.seed_keywords)] for t in used],
        num={3, 4},
    ))
    parts.append("<h2>各主题代表性陈述</h2>")
    by_theme = defaultdict(list)
    for s in statements:
        by_theme[s.theme].append(s)
    for t in used:
        parts.append(f"<h3>{escape(t.name)} <span class=\"small\">({escape(t.id)}, {t.statements})</span></h3>")
        reps = t.representatives[:per_theme]
        parts.append(_table(["类型", "年度", "机关", "陈述", "得分"],
                            [[s.kind, s.year or "", s.body or "", s.clean, f"{s.score:.2f}"] for s in reps], num={4}))
    rep = [r for r in repeats if r["relation"] in ("repeated_problem", "repeated_improvement")]
    parts.append(f"<h2>逐年重复的问题与承诺（{len(rep)}）</h2>")
    if rep:
        parts.append(_table(["关系", "机关", "年度", "陈述", "次年", "次年陈述", "相似度"],
                            [[r["relation"], r["body_a"], r["year_a"], r["text_a"], r["year_b"], r["text_b"], r["similarity"]] for r in rep],
                            num={6}))
    follow = [f for f in followups]
    if follow:
        done = sum(1 for f in follow if f["followed_up"])
        again = sum(1 for f in follow if f["repeated"])
        parts.append(f"<p>有次年报告的问题 {len(follow)} 条：次年有同主题改进措施 {done} 条，次年原样重复 {again} 条。</p>")
    boiler = [r for r in repeats if r["relation"].startswith("boilerplate")]
    parts.append(f"<h2>跨机关的套话（{len(boiler)} 对）</h2>")
    reused = _most_reused([r for r in boiler if r["relation"] == "boilerplate"])
    if reused:
        parts.append("<p>被最多机关使用的陈述：</p>")
        parts.append(_table(["陈述", "机关数"], reused, num={1}))
    if boiler:
        parts.append(_table(["关系", "机关 A", "陈述 A", "机关 B", "陈述 B", "相似度"],
                            [[r["relation"], r["body_a"], r["text_a"], r["body_b"], r["text_b"], r["similarity"]] for r in boiler[:200]],
                            num={5}))
    if errors:
        parts.append(f"<h2>无法读取的文件（{len(errors)}）</h2>")
        parts.append(_table(["文件", "原因"], [[e["source"], f"{e['error']['type']}: {e['error']['message']}"] for e in errors]))
    parts.append('<p class="small">相似度：字符 2–3 元组余弦，阈值见 repeats.csv 说明；主题：种子词表匹配，其余 k-means 聚类。</p>')
    parts.append("</body></html>")
    path.write_text("\n".join(parts), encoding="utf-8")
    return path
