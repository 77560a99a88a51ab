"""Server-rendered SVG charts: bands as soft tints, the scores as a line, the reliable-change line.

Pure string building, no JavaScript and no inline style (colours come from CSS classes), so the
charts pass the Content Security Policy and print well. Every chart has a data table beside it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from html import escape

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 44, 16, 14, 30


@dataclass(frozen=True)
class BandArea:
    key: str
    low: float
    high: float
    label: str
    severity: int  # 0 = the best band; used only for the tint


@dataclass(frozen=True)
class ChartPoint:
    when: date
    value: float


def line_chart(
    points: Sequence[ChartPoint],
    *,
    lowest: float,
    highest: float,
    bands: Sequence[BandArea],
    title: str,
    threshold: float | None = None,
    threshold_label: str = "",
) -> str:
    """Return an accessible SVG line chart (role img, a title and a description)."""
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    span = (highest - lowest) or 1.0

    def y(value: float) -> float:
        return TOP + plot_h * (1 - (value - lowest) / span)

    if len(points) > 1:
        first, last = points[0].when.toordinal(), points[-1].when.toordinal()
        days = (last - first) or 1

        def x(day: date) -> float:
            return LEFT + plot_w * (day.toordinal() - first) / days
    else:

        def x(day: date) -> float:
            return LEFT + plot_w / 2

    parts = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-labelledby="t-{id(points)}" '
        f'xmlns="http://www.w3.org/2000/svg"><title id="t-{id(points)}">{escape(title)}</title>'
    ]
    for band in bands:
        top, bottom = y(min(band.high, highest)), y(max(band.low, lowest))
        parts.append(
            f'<rect class="band band-{band.severity}" x="{LEFT}" y="{top:.1f}" width="{plot_w}" '
            f'height="{max(bottom - top, 0):.1f}"><title>{escape(band.label)}</title></rect>'
        )
        parts.append(f'<text class="band-label" x="{WIDTH - RIGHT - 4}" y="{top + 12:.1f}">{escape(band.label)}</text>')
    for tick in _ticks(lowest, highest, bands):
        parts.append(f'<text class="axis y-tick" x="{LEFT - 6}" y="{y(tick) + 4:.1f}">{_fmt(tick)}</text>')
    if threshold is not None and lowest <= threshold <= highest:
        at = y(threshold)
        parts.append(
            f'<line class="threshold" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{at:.1f}" y2="{at:.1f}"/>'
            f'<text class="threshold-label" x="{LEFT + 4}" y="{at - 4:.1f}">{escape(threshold_label)}</text>'
        )
    if points:
        path = " ".join(f"{x(p.when):.1f},{y(p.value):.1f}" for p in points)
        parts.append(f'<polyline class="line" points="{path}"/>')
        for p in points:
            parts.append(
                f'<circle class="dot" cx="{x(p.when):.1f}" cy="{y(p.value):.1f}" r="4">'
                f"<title>{p.when.isoformat()}: {_fmt(p.value)}</title></circle>"
            )
        parts.append(
            f'<text class="axis x-start" x="{LEFT}" y="{HEIGHT - 8}">{points[0].when.strftime("%d %b")}</text>'
        )
        if len(points) > 1:
            end = points[-1].when.strftime("%d %b")
            parts.append(f'<text class="axis x-end" x="{WIDTH - RIGHT}" y="{HEIGHT - 8}">{end}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _ticks(lowest: float, highest: float, bands: Sequence[BandArea]) -> list[float]:
    """Return the scale's ends and the band boundaries: the numbers a clinician reads a chart by."""
    marks = {lowest, highest} | {band.low for band in bands if lowest < band.low < highest}
    return sorted(marks)


def _fmt(value: float | Decimal) -> str:
    number = float(value)
    return str(int(number)) if number == int(number) else f"{number:.2f}"


def profile_chart(labels: Sequence[str], first: Sequence[float], latest: Sequence[float], *, title: str) -> str:
    """Return paired horizontal bars (first and latest) on a 1–5 scale, one pair per subscale."""
    row_h, bar_h, label_w, width = 34, 11, 190, WIDTH
    plot_w = width - label_w - RIGHT
    height = TOP + row_h * len(labels) + 24

    def x(value: float) -> float:
        return label_w + plot_w * (value - 1) / 4

    parts = [
        f'<svg class="chart profile" viewBox="0 0 {width} {height}" role="img" aria-labelledby="p-{id(labels)}" '
        f'xmlns="http://www.w3.org/2000/svg"><title id="p-{id(labels)}">{escape(title)}</title>'
    ]
    for i, (label, a, b) in enumerate(zip(labels, first, latest, strict=True)):
        top = TOP + i * row_h
        parts.append(f'<text class="axis y-tick" x="{label_w - 8}" y="{top + bar_h + 4}">{escape(label)}</text>')
        parts.append(
            f'<rect class="bar-first" x="{label_w}" y="{top}" width="{x(a) - label_w:.1f}" height="{bar_h}">'
            f"<title>{escape(label)}, first: {_fmt(a)}</title></rect>"
        )
        parts.append(
            f'<rect class="bar-latest" x="{label_w}" y="{top + bar_h + 2}" width="{x(b) - label_w:.1f}" '
            f'height="{bar_h}"><title>{escape(label)}, latest: {_fmt(b)}</title></rect>'
        )
    for tick in (1, 2, 3, 4, 5):
        parts.append(f'<text class="axis x-start" x="{x(tick) - 3:.1f}" y="{height - 6}">{tick}</text>')
    parts.append("</svg>")
    return "".join(parts)
