"""The peers benchmark as a picture: choices per second and load time by size, as SVG.

    python -m bench.chart [bench/results/peers.json] [--out bench/results/peers.svg]

Two panels on log-log axes, one line per runtime and shape (sticky choices solid, once-only
dashed), a dot at each median and a bar from the slowest round to the fastest. Drawn here in a
few lines of SVG so the benchmark needs nothing beyond the standard library.
"""

from __future__ import annotations

import argparse
import json
import math
from html import escape
from pathlib import Path
from typing import Any

COLORS = {"lowtide": "#b5532f", "inkjs": "#2f6db5", "bink": "#3f8f3a"}
NAMES = {"lowtide": "Low Tide", "inkjs": "inkjs", "bink": "bink"}
DASH = {"sticky": "", "once": "6 4"}
PANEL_W, PANEL_H = 420, 300
MARGIN = {"left": 64, "right": 16, "top": 40, "bottom": 46}
WIDTH = 2 * (PANEL_W + MARGIN["left"] + MARGIN["right"])
HEIGHT = PANEL_H + MARGIN["top"] + MARGIN["bottom"] + 64  # room for two rows of legend


def _series(report: dict[str, Any], figure: str) -> dict[tuple[str, str], list[tuple[int, dict]]]:
    """(runtime, shape) -> [(knots, {min, median, max})] in order of size."""
    out: dict[tuple[str, str], list[tuple[int, dict]]] = {}
    for entry in report["sizes"].values():
        for name in COLORS:
            if name in entry:
                out.setdefault((name, entry.get("shape", "sticky")), []).append(
                    (entry["nodes"], entry[name][figure])
                )
    return {k: sorted(v, key=lambda p: p[0]) for k, v in out.items()}


def _decades(lo: float, hi: float) -> tuple[float, float]:
    return 10 ** math.floor(math.log10(lo)), 10 ** math.ceil(math.log10(hi))


def _label(value: float, unit: str) -> str:
    if unit == "s":
        return f"{value:g} s"
    for size, suffix in ((1e6, "M"), (1e3, "k")):
        if value >= size:
            return f"{value / size:g}{suffix}"
    return f"{value:g}"


def _panel(series: dict, x0: float, title: str, unit: str) -> list[str]:
    """One panel at horizontal offset ``x0``: axes, grid, lines, dots and whiskers."""
    xs = [n for points in series.values() for n, _ in points]
    ys = [v for points in series.values() for _, s in points for v in (s["min"], s["max"])]
    if not xs:
        return []
    (xlo, xhi), (ylo, yhi) = _decades(min(xs), max(xs)), _decades(min(ys), max(ys))
    if xlo == xhi:
        xhi *= 10
    if ylo == yhi:
        yhi *= 10
    left, top = x0 + MARGIN["left"], MARGIN["top"]

    def px(n: float) -> float:
        return left + (math.log10(n) - math.log10(xlo)) / (math.log10(xhi) - math.log10(xlo)) * PANEL_W

    def py(v: float) -> float:
        return top + PANEL_H - (math.log10(v) - math.log10(ylo)) / (math.log10(yhi) - math.log10(ylo)) * PANEL_H

    out = [
        f'<text x="{left + PANEL_W / 2:.0f}" y="{top - 16}" text-anchor="middle" '
        f'font-size="15" font-weight="bold">{escape(title)}</text>',
        f'<rect x="{left}" y="{top}" width="{PANEL_W}" height="{PANEL_H}" fill="none" stroke="#999"/>',
    ]
    for k in range(round(math.log10(xlo)), round(math.log10(xhi)) + 1):
        x = px(10**k)
        out.append(f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{top + PANEL_H}" stroke="#e3e3e3"/>')
        out.append(f'<text x="{x:.1f}" y="{top + PANEL_H + 18}" text-anchor="middle" '
                   f'font-size="12">{_label(10**k, "")}</text>')
    for k in range(round(math.log10(ylo)), round(math.log10(yhi)) + 1):
        y = py(10**k)
        out.append(f'<line x1="{left}" y1="{y:.1f}" x2="{left + PANEL_W}" y2="{y:.1f}" stroke="#e3e3e3"/>')
        out.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" '
                   f'font-size="12">{_label(10**k, unit)}</text>')
    out.append(f'<text x="{left + PANEL_W / 2:.0f}" y="{top + PANEL_H + 38}" text-anchor="middle" '
               'font-size="12">knots in the story (log)</text>')
    for (name, shape), points in series.items():
        color = COLORS[name]
        path = " ".join(f"{px(n):.1f},{py(s['median']):.1f}" for n, s in points)
        pattern = DASH.get(shape, "2 3")
        dash = f' stroke-dasharray="{pattern}"' if pattern else ""
        out.append(f'<polyline points="{path}" fill="none" stroke="{color}" stroke-width="2"{dash}/>')
        for n, s in points:
            x = px(n)
            out.append(f'<line x1="{x:.1f}" y1="{py(s["min"]):.1f}" x2="{x:.1f}" '
                       f'y2="{py(s["max"]):.1f}" stroke="{color}" stroke-width="1.5"/>')
            fill = color if shape == "sticky" else "white"
            out.append(f'<circle cx="{x:.1f}" cy="{py(s["median"]):.1f}" r="3.5" fill="{fill}" '
                       f'stroke="{color}" stroke-width="1.5"><title>{escape(NAMES[name])}, {shape}, '
                       f'{n:,} knots: median {s["median"]:.4g} (min {s["min"]:.4g}, '
                       f'max {s["max"]:.4g})</title></circle>')
    return out


def _legend(series_keys: list[tuple[str, str]]) -> list[str]:
    out = []
    x, y = MARGIN["left"], HEIGHT - 46
    for name, shape in series_keys:
        label = f"{NAMES[name]}, {'sticky' if shape == 'sticky' else shape + '-only'} choices"
        width = 44 + 7 * len(label)
        if x + width > WIDTH - MARGIN["right"]:
            x, y = MARGIN["left"], y + 20
        color = COLORS[name]
        dash = f' stroke-dasharray="{DASH[shape]}"' if DASH.get(shape) else ""
        out.append(f'<line x1="{x}" y1="{y}" x2="{x + 28}" y2="{y}" stroke="{color}" '
                   f'stroke-width="2"{dash}/>')
        out.append(f'<text x="{x + 34}" y="{y + 4}" font-size="12">{escape(label)}</text>')
        x += width
    return out


def peers_svg(report: dict[str, Any]) -> str:
    """The chart of a peers report (``bench/results/peers.json``), as an SVG document."""
    rates = _series(report, "choices_per_s")
    loads = _series(report, "load_s")
    keys = sorted(rates, key=lambda k: (list(COLORS).index(k[0]), k[1] != "sticky"))
    body = [
        *_panel(rates, 0, "Choices per second (higher is better)", ""),
        *_panel(loads, PANEL_W + MARGIN["left"] + MARGIN["right"], "Load time (lower is better)", "s"),
        *_legend(keys),
        f'<text x="{WIDTH - 8}" y="{HEIGHT - 6}" text-anchor="end" font-size="10" fill="#666">'
        f"{escape(report.get('date', ''))}: dot = median of the rounds, bar = slowest to fastest"
        "</text>",
    ]
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" font-family="sans-serif">\n'
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="white"/>\n' + "\n".join(body) + "\n</svg>\n"
    )


def main(argv: list[str] | None = None) -> int:
    here = Path(__file__).resolve().parent / "results"
    parser = argparse.ArgumentParser(prog="python -m bench.chart", description=__doc__.split("\n")[0])
    parser.add_argument("report", nargs="?", type=Path, default=here / "peers.json")
    parser.add_argument("--out", type=Path, default=here / "peers.svg")
    args = parser.parse_args(argv)
    args.out.write_text(peers_svg(json.loads(args.report.read_text())), encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
