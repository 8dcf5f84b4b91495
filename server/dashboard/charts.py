"""Server-side charts: small inline SVG strings built in Python (no JavaScript, no CDN).

Every number drawn is also in a <title> (hover tooltip) and the pages show the same data as
tables, so the charts are a reading aid, not the only record.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date
from html import escape

from django.utils.safestring import SafeString, mark_safe

PALETTE = ("#2f6fb0", "#e07b39", "#3a9d5d", "#8e5ea2", "#c9a227", "#d04f6b", "#4bb3c4", "#7f7f7f")
DECISION_COLOURS = {"allow": "#3a9d5d", "review": "#d99a00", "block": "#c8423b"}
FONT = 'font-family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif"'


def colour_for(index: int) -> str:
    return PALETTE[index % len(PALETTE)]


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1.0
    exponent = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * exponent:
            return step * exponent
    return 10 * exponent


def _fmt(value: float) -> str:
    if value >= 100 or value == int(value):
        return f"{value:,.0f}"
    return f"{value:.1f}" if value >= 10 else f"{value:.2f}"


def _svg(width: int, height: int, label: str, body: list[str]) -> SafeString:
    return mark_safe(
        f'<svg class="chart" viewBox="0 0 {width} {height}" width="100%" role="img" aria-label="{escape(label)}" '
        f'xmlns="http://www.w3.org/2000/svg" {FONT} font-size="11">' + "".join(body) + "</svg>")


def _legend(names: Sequence[str], colours: Sequence[str], x: float, y: float) -> list[str]:
    out, cursor = [], x
    for name, colour in zip(names, colours, strict=True):
        out.append(f'<rect x="{cursor:.1f}" y="{y - 9:.1f}" width="10" height="10" rx="2" fill="{colour}"/>')
        out.append(f'<text x="{cursor + 14:.1f}" y="{y:.1f}" fill="#444">{escape(name)}</text>')
        cursor += 24 + 6.5 * len(name)
    return out


def stacked_columns(days: Sequence[date], series: dict[str, Sequence[int]], label: str,
                    width: int = 640, height: int = 230) -> SafeString:
    """One column per day, stacked by series (e.g. generations per day by family)."""
    left, right, top, bottom = 40, 10, 26, 30
    plot_w, plot_h = width - left - right, height - top - bottom
    totals = [sum(values[i] for values in series.values()) for i in range(len(days))]
    peak = max(_nice_max(max(totals, default=0)), 4.0)  # counts: whole-number ticks
    body: list[str] = []
    for tick in range(5):
        value = peak * tick / 4
        y = top + plot_h - plot_h * tick / 4
        body.append(f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" stroke="#e4e4e4"/>')
        body.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" fill="#777">{_fmt(value)}</text>')
    slot = plot_w / max(len(days), 1)
    bar_w = max(slot * 0.66, 2)
    names = list(series)
    label_every = max(1, math.ceil(len(days) / 8))
    for i, day in enumerate(days):
        x = left + slot * i + (slot - bar_w) / 2
        y = top + plot_h
        for index, name in enumerate(names):
            count = series[name][i]
            if not count:
                continue
            h = plot_h * count / peak
            y -= h
            body.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{h:.1f}" '
                        f'fill="{colour_for(index)}"><title>{day:%b %d} · {escape(name)}: {count}</title></rect>')
        if i % label_every == 0 or i == len(days) - 1 and len(days) % label_every == 1:
            body.append(f'<text x="{left + slot * i + slot / 2:.1f}" y="{height - bottom + 14}" text-anchor="middle" '
                        f'fill="#777">{day:%d %b}</text>')
    body.append(f'<line x1="{left}" x2="{width - right}" y1="{top + plot_h}" y2="{top + plot_h}" stroke="#999"/>')
    if names:
        body.extend(_legend(names, [colour_for(i) for i in range(len(names))], left, 14))
    else:
        body.append(f'<text x="{width / 2}" y="{top + plot_h / 2}" text-anchor="middle" fill="#999">no data</text>')
    return _svg(width, height, label, body)


def share_bars(rows: dict[str, dict[str, int]], label: str, order: Sequence[str] = ("allow", "review", "block"),
               width: int = 640) -> SafeString:
    """One 100 % bar per row, split by decision (e.g. decisions per harm category)."""
    left, right, row_h, top = 190, 60, 22, 26
    height = top + row_h * max(len(rows), 1) + 8
    plot_w = width - left - right
    body = _legend(list(order), [DECISION_COLOURS.get(o, "#999") for o in order], left, 14)
    if not rows:
        body.append(f'<text x="{width / 2}" y="{top + 14}" text-anchor="middle" fill="#999">no data</text>')
    for r, (name, counts) in enumerate(rows.items()):
        y = top + r * row_h
        total = sum(counts.get(o, 0) for o in order)
        body.append(f'<text x="{left - 8}" y="{y + 14}" text-anchor="end" fill="#333">{escape(name)}</text>')
        x = float(left)
        for decision in order:
            count = counts.get(decision, 0)
            if not count or not total:
                continue
            w = plot_w * count / total
            body.append(f'<rect x="{x:.1f}" y="{y + 3}" width="{w:.1f}" height="{row_h - 6}" '
                        f'fill="{DECISION_COLOURS.get(decision, "#999")}"><title>{escape(name)} · {decision}: '
                        f'{count} of {total} ({100 * count / total:.0f} %)</title></rect>')
            if w > 34:
                body.append(f'<text x="{x + w / 2:.1f}" y="{y + 15}" text-anchor="middle" fill="#fff">'
                            f'{100 * count / total:.0f}%</text>')
            x += w
        body.append(f'<text x="{left + plot_w + 6}" y="{y + 15}" fill="#777">n={total}</text>')
    return _svg(width, height, label, body)


def latency_bars(stages: dict[str, dict[str, float | None]], label: str, keys: Sequence[str] = ("p50", "p95"),
                 width: int = 640, unit: str = "ms") -> SafeString:
    """Per row (pipeline stage), one bar per key (percentile), log scale so small values stay visible.

    ``unit`` names what the values are (milliseconds by default; the benchmark plots also draw req/s).
    """
    left, right, top = 100, 70, 26
    group_h = 10 * len(keys) + 10
    height = top + group_h * max(len(stages), 1) + 22
    plot_w = width - left - right
    values = [v[k] for v in stages.values() for k in keys if v.get(k)]
    peak = max(values, default=1.0)
    lo = min(min(values, default=1.0), 1.0)
    log_lo, log_hi = math.log10(max(lo, 0.01)), math.log10(max(peak, 1.0) * 1.2)

    def scale(v: float) -> float:
        return plot_w * (math.log10(max(v, 0.01)) - log_lo) / max(log_hi - log_lo, 1e-9)

    colours = [colour_for(i) for i in range(len(keys))]
    body = _legend([f"{k} ({unit})" for k in keys], colours, left, 14)
    axis_y = top + group_h * max(len(stages), 1) + 4
    for exponent in range(math.floor(log_lo), math.ceil(log_hi) + 1):
        tick = 10 ** exponent
        if log_lo <= exponent <= log_hi:
            x = left + scale(tick)
            body.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{top - 4}" y2="{axis_y}" stroke="#eee"/>')
            body.append(f'<text x="{x:.1f}" y="{axis_y + 12}" text-anchor="middle" fill="#888">{_fmt(tick)}</text>')
    for r, (stage, stats) in enumerate(stages.items()):
        y = top + r * group_h
        body.append(f'<text x="{left - 8}" y="{y + 5 + 5 * len(keys)}" text-anchor="end" fill="#333">'
                    f'{escape(stage)}</text>')
        for k, key in enumerate(keys):
            value = stats.get(key)
            if value is None:
                continue
            w = max(scale(value), 1.5)
            yy = y + k * 10
            body.append(f'<rect x="{left}" y="{yy}" width="{w:.1f}" height="8" rx="1" fill="{colours[k]}">'
                        f'<title>{escape(stage)} {key}: {_fmt(value)} {escape(unit)}</title></rect>')
            body.append(f'<text x="{left + w + 4:.1f}" y="{yy + 8}" fill="#555" font-size="9.5">{_fmt(value)}</text>')
    if not stages:
        body.append(f'<text x="{width / 2}" y="{top + 14}" text-anchor="middle" fill="#999">no data</text>')
    return _svg(width, height, label, body)
