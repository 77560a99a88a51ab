"""The printable progress report: plain data in, PDF bytes out.

This module is pure: it imports no models and touches no database. The caller (a view or a task) gathers the
client's scores, outcomes, homework and practice figures into a :class:`Report` and calls :func:`render_pdf`.

Contracts worth knowing:

* Everything is drawn with reportlab's built-in Helvetica, so every word is real, extractable text and no font
  file is needed. Helvetica only has glyphs for Latin-1 (plus a few typographic extras), so every string from the
  caller goes through :func:`safe_text` first: arrows, en dashes, curly quotes and the like become plain
  equivalents, and anything else Helvetica cannot draw becomes "?" instead of a black box.
* Caller text is escaped before it reaches reportlab's Paragraph markup, so "&", "<" and ">" print as themselves.
* Colours are calm: one teal accent, neutral greys, band tints from a soft teal mist (best) to a soft rose
  (worst). No red.
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any
from xml.sax.saxutils import escape

from django.utils import dateformat
from django.utils.translation import gettext as _
from reportlab.graphics.shapes import Circle, Drawing, Line, PolyLine, Rect, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    ListFlowable,
    ListItem,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

__all__ = [
    "AdherenceRow",
    "PracticeRow",
    "Report",
    "ReportBand",
    "ReportMeasure",
    "ReportPoint",
    "render_pdf",
    "safe_text",
]


# ---------------------------------------------------------------------------------------------------------------
# The data the caller hands over
# ---------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReportPoint:
    """One score: the day it was given, the value as shown (WHO-5: its percentage) and the band's words."""

    when: date
    value: Decimal
    band_label: str


@dataclass(frozen=True)
class ReportBand:
    """A band of the scale, from ``low`` to ``high`` inclusive. ``severity`` 0 is the best band, 4 the worst.

    Bands may leave integer gaps (PHQ-9: 0-4, 5-9, ...); the chart closes a gap at its midpoint so every whole
    score sits inside its own band. Severity only picks the tint; values outside 0-4 are clamped.
    """

    label: str
    low: float
    high: float
    severity: int


@dataclass(frozen=True)
class ReportMeasure:
    """One questionnaire over the period.

    ``name`` heads the section, ``short_name`` (e.g. "PHQ-9") labels the chart and table. ``lowest`` and
    ``highest`` are the ends of the scale. ``threshold`` is a value on the scale drawn as a dashed line (for
    example where a reliable improvement from the first score begins), or None for no line. ``sentence`` is the
    plain-language sentence shown above the chart. Points may come in any order; they are shown by date.
    """

    name: str
    short_name: str
    lowest: float
    highest: float
    higher_is_better: bool
    points: tuple[ReportPoint, ...]
    bands: tuple[ReportBand, ...]
    threshold: float | None
    threshold_label: str
    sentence: str


@dataclass(frozen=True)
class AdherenceRow:
    """Homework of one kind: how many were done out of how many were set. The percent is computed here."""

    label: str
    done: int
    expected: int


@dataclass(frozen=True)
class PracticeRow:
    """One practice: how often, for how long, and the median change in the client's own before/after ratings.

    A negative distress change means less distress afterwards; a positive kindness change means kinder to oneself.
    None means there were no ratings to go on.
    """

    title: str
    times: int
    minutes: int
    distress_change: float | None
    kindness_change: float | None


@dataclass(frozen=True)
class Report:
    """Everything one progress report shows. ``generated_at`` is printed as given (convert to local time first)."""

    client_name: str
    therapist_name: str
    clinic_name: str
    period_start: date
    period_end: date
    generated_at: datetime
    measures: tuple[ReportMeasure, ...]
    outcome_lines: tuple[str, ...]
    adherence: tuple[AdherenceRow, ...]
    practices: tuple[PracticeRow, ...]


# ---------------------------------------------------------------------------------------------------------------
# Palette and type
# ---------------------------------------------------------------------------------------------------------------

TEAL = colors.HexColor("#1f6b62")
INK = colors.HexColor("#222b2a")
MUTED = colors.HexColor("#5b6664")
FAINT = colors.HexColor("#8a9391")
RULE = colors.HexColor("#d5dbd9")
HEADER_BG = colors.HexColor("#f1f4f3")
WHITE = colors.white
# Severity 0 (best) to 4 (worst): teal mist, sage, sand, peach, soft rose.
BAND_TINTS = (
    colors.HexColor("#e4f0ed"),
    colors.HexColor("#edf2e6"),
    colors.HexColor("#f7f1df"),
    colors.HexColor("#f8e8dc"),
    colors.HexColor("#f6e1e3"),
)

FONT = "Helvetica"
FONT_BOLD = "Helvetica-Bold"
FONT_ITALIC = "Helvetica-Oblique"
DASH = "\u2014"  # shown for "no figure"; Helvetica draws it (WinAnsi), so safe_text keeps it
BULLET = "\u2022"  # likewise

PAGE_MARGIN = 20 * mm
FOOTER_Y = 11 * mm

_STYLES: dict[str, ParagraphStyle] = {
    "title": ParagraphStyle("title", fontName=FONT_BOLD, fontSize=20, leading=24, textColor=TEAL, spaceAfter=6),
    "h2": ParagraphStyle(
        "h2", fontName=FONT_BOLD, fontSize=14, leading=18, textColor=TEAL, spaceBefore=14, spaceAfter=6, keepWithNext=1
    ),
    "h3": ParagraphStyle(
        "h3", fontName=FONT_BOLD, fontSize=12, leading=15, textColor=INK, spaceBefore=10, keepWithNext=1
    ),
    "body": ParagraphStyle("body", fontName=FONT, fontSize=10, leading=14, textColor=INK),
    "note": ParagraphStyle("note", fontName=FONT, fontSize=9, leading=12, textColor=MUTED),
    "notice": ParagraphStyle("notice", fontName=FONT_ITALIC, fontSize=9.5, leading=13, textColor=MUTED),
    "meta_label": ParagraphStyle("meta_label", fontName=FONT, fontSize=9.5, leading=13, textColor=MUTED),
    "meta": ParagraphStyle("meta", fontName=FONT, fontSize=10, leading=13, textColor=INK),
    "cell": ParagraphStyle("cell", fontName=FONT, fontSize=9, leading=11.5, textColor=INK),
    "cell_num": ParagraphStyle("cell_num", fontName=FONT, fontSize=9, leading=11.5, textColor=INK, alignment=TA_RIGHT),
    "head": ParagraphStyle("head", fontName=FONT_BOLD, fontSize=8.5, leading=11, textColor=MUTED),
    "head_num": ParagraphStyle(
        "head_num", fontName=FONT_BOLD, fontSize=8.5, leading=11, textColor=MUTED, alignment=TA_RIGHT
    ),
    "total": ParagraphStyle("total", fontName=FONT_BOLD, fontSize=9, leading=11.5, textColor=INK),
    "total_num": ParagraphStyle(
        "total_num", fontName=FONT_BOLD, fontSize=9, leading=11.5, textColor=INK, alignment=TA_RIGHT
    ),
}


# ---------------------------------------------------------------------------------------------------------------
# Text helpers
# ---------------------------------------------------------------------------------------------------------------

_REPLACEMENTS: dict[str, str] = {
    "\u2192": "->",  # →
    "\u2190": "<-",  # ←
    "\u2194": "<->",  # ↔
    "\u21d2": "=>",  # ⇒
    "\u2191": "up",  # ↑
    "\u2193": "down",  # ↓
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\u2013": "-",  # – en dash
    "\u2015": DASH,
    "\u2212": "-",  # − minus sign
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": ",",
    "\u201b": "'",
    "\u2032": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u201f": '"',
    "\u2033": '"',
    "\u2039": "<",
    "\u203a": ">",
    "\u2026": "...",
    "\u2264": "<=",
    "\u2265": ">=",
    "\u2260": "!=",
    "\u2248": "~",
    "\u2122": "(TM)",
    "\u20ac": "EUR",
    "\u0141": "L",
    "\u0142": "l",
    "\u0152": "OE",
    "\u0153": "oe",
    "\u0131": "i",
    "\u00ad": "",  # soft hyphen
    "\u200b": "",  # zero-width space
    "\u200c": "",
    "\u200d": "",
    "\u2060": "",
    "\ufeff": "",
    "\t": " ",
    "\n": " ",
    "\r": " ",
}
_KEEP = frozenset({DASH, BULLET})


def safe_text(value: object) -> str:
    """Return ``str(value)`` using only characters Helvetica can draw: printable Latin-1, the em dash, the bullet.

    Known typographic characters get plain equivalents ("→" becomes "->", "–" becomes "-", curly quotes become
    straight ones, "…" becomes "..."); other spaces become plain spaces; accented letters outside Latin-1 lose
    their accent ("ő" becomes "o"); control characters and symbols such as emoji are dropped; anything else
    becomes "?". The result is plain text, not yet escaped for Paragraph markup (see :func:`markup`).
    """
    out: list[str] = []
    for char in str(value):
        if char in _REPLACEMENTS:
            out.append(_REPLACEMENTS[char])
        elif char in _KEEP or (" " <= char <= "~") or ("\u00a0" <= char <= "\u00ff"):
            out.append(char)
        else:
            category = unicodedata.category(char)
            if category.startswith("C") or category.startswith("M"):
                continue  # control, format and stray combining characters
            if category == "Zs":
                out.append(" ")
                continue
            base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
            if base and all((" " <= c <= "~") or ("\u00a0" <= c <= "\u00ff") for c in base):
                out.append(base)
            elif category == "So":
                continue  # emoji and pictographs: nothing sensible to print
            else:
                out.append("?")
    return "".join(out)


def markup(value: object) -> str:
    """Return :func:`safe_text` of ``value`` escaped for reportlab Paragraph markup (&, < and >)."""
    return escape(safe_text(value))


def _para(value: object, style: str) -> Paragraph:
    return Paragraph(markup(value), _STYLES[style])


def format_number(value: float | Decimal) -> str:
    """Return a score as people read it: whole numbers without decimals, others rounded to 2 decimals."""
    number = value if isinstance(value, Decimal) else Decimal(str(value))
    if number == number.to_integral_value():
        return str(int(number))
    return str(number.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def format_change(value: float | None) -> str:
    """Return a median change with its sign ("+1.5", "-2", "0"), or the dash when there is none."""
    if value is None:
        return DASH
    rounded = Decimal(str(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    if rounded == 0:
        return "0"
    text = str(int(rounded)) if rounded == rounded.to_integral_value() else str(rounded)
    return text if rounded < 0 else f"+{text}"


def percent(done: int, expected: int) -> int | None:
    """Return ``done`` as a whole percentage of ``expected`` (half rounds up), or None when nothing was expected."""
    if expected <= 0:
        return None
    return int((Decimal(100 * done) / Decimal(expected)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _format_tick(value: float) -> str:
    """Return an axis number without trailing zeros ("2.5", not "2.50")."""
    text = format_number(value)
    return text.rstrip("0").rstrip(".") if "." in text else text


def _format_percent(value: int | None) -> str:
    return DASH if value is None else f"{value}%"


def _day(value: date) -> str:
    return dateformat.format(value, "j M Y")


# ---------------------------------------------------------------------------------------------------------------
# The chart
# ---------------------------------------------------------------------------------------------------------------

CHART_HEIGHT = 180.0
_PLOT_LEFT = 34.0  # room for the tick labels
_BAND_GUTTER = 104.0  # room for the band labels on the right
_PLOT_TOP_PAD = 10.0
_PLOT_BOTTOM = 22.0  # room for the dates
_X_INSET = 12.0  # keeps the first and last dots off the edges
_LEGEND = 14.0  # room for the threshold's key under the dates
_SMALL = 7.5


def _band_edges(bands: Sequence[ReportBand], lowest: float, highest: float) -> list[tuple[ReportBand, float, float]]:
    """Return each band with the stretch of the scale it fills, sorted from the low end, clipped to the scale.

    A gap between one band's high and the next one's low (PHQ-9's 4 and 5) is split at its midpoint, so the
    tints meet and every score sits inside its own band.
    """
    ordered = sorted(bands, key=lambda b: (b.low, b.high))
    spans: list[tuple[ReportBand, float, float]] = []
    for index, band in enumerate(ordered):
        bottom, top = band.low, band.high
        if index > 0 and ordered[index - 1].high < band.low:
            bottom = (ordered[index - 1].high + band.low) / 2
        if index + 1 < len(ordered) and band.high < ordered[index + 1].low:
            top = (band.high + ordered[index + 1].low) / 2
        bottom, top = max(bottom, lowest), min(top, highest)
        if top > bottom:
            spans.append((band, bottom, top))
    return spans


def _ticks(lowest: float, highest: float, bands: Sequence[ReportBand]) -> list[float]:
    """Return the scale's ends and each band's first value: the numbers a clinician reads a chart by."""
    return sorted({lowest, highest} | {band.low for band in bands if lowest < band.low < highest})


def _spread(positions: list[float], gap: float, floor: float, ceiling: float) -> list[float]:
    """Nudge label baselines (given low to high) apart so none is closer than ``gap``, staying within bounds."""
    placed: list[float] = []
    for position in positions:
        value = max(position, floor, placed[-1] + gap if placed else floor)
        placed.append(value)
    # If the top ran past the ceiling, push everything back down from the top.
    for index in range(len(placed) - 1, -1, -1):
        limit = ceiling if index == len(placed) - 1 else placed[index + 1] - gap
        placed[index] = min(placed[index], limit)
    return placed


def measure_chart(measure: ReportMeasure, width: float, height: float = CHART_HEIGHT) -> Drawing:
    """Return the line chart of one measure: tinted bands with labels, scores as a line with dots, the dashed
    threshold (named in a key below), ticks at the scale ends and band boundaries, and the first and last dates.

    All words are vector text. Scores outside the scale are drawn at its nearest end.
    """
    drawing = Drawing(width, height)
    lowest, highest = float(measure.lowest), float(measure.highest)
    span = (highest - lowest) or 1.0
    left, right = _PLOT_LEFT, width - _BAND_GUTTER
    shows_threshold = measure.threshold is not None and lowest <= measure.threshold <= highest
    legend = safe_text(measure.threshold_label) if shows_threshold else ""
    bottom, top = _PLOT_BOTTOM + (_LEGEND if legend else 0.0), height - _PLOT_TOP_PAD

    def y(value: float) -> float:
        clipped = min(max(value, lowest), highest)
        return bottom + (top - bottom) * (clipped - lowest) / span

    drawing.add(Rect(left, bottom, right - left, top - bottom, fillColor=WHITE, strokeColor=None))
    spans = _band_edges(measure.bands, lowest, highest)
    for band, low, high in spans:
        tint = BAND_TINTS[min(max(band.severity, 0), len(BAND_TINTS) - 1)]
        drawing.add(Rect(left, y(low), right - left, y(high) - y(low), fillColor=tint, strokeColor=None))
    # Band labels in the right-hand gutter, centred on their band and kept from overlapping.
    centres = [(y(low) + y(high)) / 2 - _SMALL / 3 for _, low, high in spans]
    label_width = _BAND_GUTTER - 10
    for (band, _low, _high), baseline in zip(spans, _spread(centres, _SMALL + 2, bottom, top - _SMALL), strict=True):
        text = _fit(safe_text(band.label), label_width, FONT, _SMALL)
        drawing.add(String(right + 6, baseline, text, fontName=FONT, fontSize=_SMALL, fillColor=MUTED))
    # Axis and ticks.
    drawing.add(Line(left, bottom, left, top, strokeColor=RULE, strokeWidth=0.8))
    drawing.add(Line(left, bottom, right, bottom, strokeColor=RULE, strokeWidth=0.8))
    for tick in _ticks(lowest, highest, measure.bands):
        at = y(tick)
        drawing.add(Line(left - 3, at, left, at, strokeColor=FAINT, strokeWidth=0.6))
        drawing.add(
            String(
                left - 5,
                at - _SMALL / 3,
                _format_tick(tick),
                fontName=FONT,
                fontSize=_SMALL,
                fillColor=MUTED,
                textAnchor="end",
            )
        )
    # The threshold: a dashed line across the plot, named in a key under the dates (words placed on the line
    # itself would collide with the scores).
    if measure.threshold is not None and shows_threshold:
        at = y(measure.threshold)
        dashed = {"strokeColor": MUTED, "strokeWidth": 0.9, "strokeDashArray": [4, 3]}
        drawing.add(Line(left, at, right, at, **dashed))
        if legend:
            key_y = 4.0
            drawing.add(Line(left, key_y + _SMALL / 3, left + 20, key_y + _SMALL / 3, **dashed))
            label = _fit(legend, width - left - 26, FONT_ITALIC, _SMALL)
            drawing.add(String(left + 26, key_y, label, fontName=FONT_ITALIC, fontSize=_SMALL, fillColor=MUTED))
    # The scores.
    points = sorted(measure.points, key=lambda p: p.when)
    if points:
        first, last = points[0].when.toordinal(), points[-1].when.toordinal()
        inner_left, inner_right = left + _X_INSET, right - _X_INSET

        def x(index: int, day: date) -> float:
            if len(points) == 1:
                return (inner_left + inner_right) / 2
            if last == first:  # all on one day: spread them evenly
                return inner_left + (inner_right - inner_left) * index / (len(points) - 1)
            return inner_left + (inner_right - inner_left) * (day.toordinal() - first) / (last - first)

        coords = [(x(i, p.when), y(float(p.value))) for i, p in enumerate(points)]
        if len(coords) > 1:
            flat = [c for xy in coords for c in xy]
            drawing.add(PolyLine(flat, strokeColor=TEAL, strokeWidth=1.6, strokeLineJoin=1, strokeLineCap=1))
        for px, py in coords:
            drawing.add(Circle(px, py, 2.8, fillColor=TEAL, strokeColor=WHITE, strokeWidth=0.8))
        if len(points) <= 12:  # small value labels help on paper; with many points they would crowd
            for (px, py), point in zip(coords, points, strict=True):
                above = py + 5 if py + 5 + _SMALL <= top + _PLOT_TOP_PAD else py - 5 - _SMALL
                drawing.add(
                    String(
                        px,
                        above,
                        format_number(point.value),
                        fontName=FONT,
                        fontSize=_SMALL,
                        fillColor=INK,
                        textAnchor="middle",
                    )
                )
        date_y = bottom - 13
        if first == last:  # one day: one date, under the middle of the dots
            drawing.add(
                String(
                    (coords[0][0] + coords[-1][0]) / 2,
                    date_y,
                    _day(points[0].when),
                    fontName=FONT,
                    fontSize=_SMALL,
                    fillColor=MUTED,
                    textAnchor="middle",
                )
            )
        else:
            drawing.add(String(left, date_y, _day(points[0].when), fontName=FONT, fontSize=_SMALL, fillColor=MUTED))
            drawing.add(
                String(
                    right,
                    date_y,
                    _day(points[-1].when),
                    fontName=FONT,
                    fontSize=_SMALL,
                    fillColor=MUTED,
                    textAnchor="end",
                )
            )
    return drawing


def _fit(text: str, width: float, font: str, size: float) -> str:
    """Return ``text`` shortened with "..." so it fits ``width`` points."""
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "...", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "..."


# ---------------------------------------------------------------------------------------------------------------
# Sections
# ---------------------------------------------------------------------------------------------------------------


def _table(rows: list[list[Any]], widths: list[float], *, total_row: bool = False) -> Table:
    """Return a calm table: a quiet header, hairlines between rows, no boxes."""
    table = Table(rows, colWidths=widths, repeatRows=1, hAlign="LEFT")
    style = [
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_BG),
        ("LINEBELOW", (0, 0), (-1, 0), 0.6, RULE),
        ("LINEBELOW", (0, 1), (-1, -1), 0.4, RULE),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("LEFTPADDING", (0, 0), (-1, -1), 6),
        ("RIGHTPADDING", (0, 0), (-1, -1), 6),
    ]
    if total_row:
        style += [("LINEABOVE", (0, -1), (-1, -1), 0.8, MUTED), ("LINEBELOW", (0, -1), (-1, -1), 0, WHITE)]
    table.setStyle(TableStyle(style))
    return table


def _header(report: Report) -> list[Flowable]:
    rows = [
        (_("Client"), report.client_name),
        (_("Therapist"), report.therapist_name),
        (_("Clinic"), report.clinic_name),
        (_("Period"), _("%(start)s to %(end)s") % {"start": _day(report.period_start), "end": _day(report.period_end)}),
        (_("Generated"), dateformat.format(report.generated_at, "j M Y, H:i")),
    ]
    meta = Table(
        [[_para(label, "meta_label"), _para(value, "meta")] for label, value in rows],
        colWidths=[28 * mm, None],
        hAlign="LEFT",
    )
    meta.setStyle(
        TableStyle(
            [
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    notice = _("Prepared from the client's own questionnaire answers and ratings in Selfkind. Not a diagnosis.")
    return [_para(_("Progress report"), "title"), meta, Spacer(1, 8), _para(notice, "notice")]


def _outcomes(report: Report) -> list[Flowable]:
    flow: list[Flowable] = [_para(_("Outcomes"), "h2")]
    if not report.outcome_lines:
        flow.append(_para(_("No outcomes to report yet."), "body"))
        return flow
    items = [ListItem(_para(line, "body"), leftIndent=14) for line in report.outcome_lines]
    flow.append(
        ListFlowable(
            items,
            bulletType="bullet",
            start=BULLET,
            bulletColor=TEAL,
            bulletFontName=FONT,
            bulletFontSize=10,
            leftIndent=14,
            spaceBefore=2,
        )
    )
    return flow


def _measure(measure: ReportMeasure, width: float) -> Flowable:
    direction = _("higher is better") if measure.higher_is_better else _("lower is better")
    scale = _("%(short)s \u00b7 scale %(low)s to %(high)s \u00b7 %(direction)s") % {
        "short": measure.short_name,
        "low": format_number(measure.lowest),
        "high": format_number(measure.highest),
        "direction": direction,
    }
    parts: list[Flowable] = [_para(measure.name, "h3"), _para(scale, "note"), Spacer(1, 4)]
    if measure.sentence:
        parts += [_para(measure.sentence, "body"), Spacer(1, 6)]
    if not measure.points:
        parts.append(_para(_("No answers for this questionnaire in this period yet."), "body"))
        return KeepTogether(parts)
    parts += [measure_chart(measure, width), Spacer(1, 6)]
    rows: list[list[Any]] = [[_para(_("Date"), "head"), _para(_("Score"), "head_num"), _para(_("Band"), "head")]]
    for point in sorted(measure.points, key=lambda p: p.when):
        rows.append(
            [
                _para(_day(point.when), "cell"),
                _para(format_number(point.value), "cell_num"),
                _para(point.band_label, "cell"),
            ]
        )
    parts.append(_table(rows, [32 * mm, 20 * mm, 60 * mm]))
    return KeepTogether(parts)


def _measures(report: Report, width: float) -> list[Flowable]:
    flow: list[Flowable] = [_para(_("Scores over time"), "h2")]
    if not report.measures:
        flow.append(_para(_("No questionnaire answers in this period yet."), "body"))
        return flow
    for measure in report.measures:
        flow.append(_measure(measure, width))
    return flow


def _adherence(report: Report, width: float) -> list[Flowable]:
    flow: list[Flowable] = [_para(_("Homework adherence"), "h2")]
    if not report.adherence:
        flow.append(_para(_("No homework was set in this period."), "body"))
        return flow
    rows: list[list[Any]] = [
        [
            _para(_("Homework"), "head"),
            _para(_("Done"), "head_num"),
            _para(_("Set"), "head_num"),
            _para(_("Percent done"), "head_num"),
        ]
    ]
    for row in report.adherence:
        rows.append(
            [
                _para(row.label, "cell"),
                _para(row.done, "cell_num"),
                _para(row.expected, "cell_num"),
                _para(_format_percent(percent(row.done, row.expected)), "cell_num"),
            ]
        )
    done = sum(row.done for row in report.adherence)
    expected = sum(row.expected for row in report.adherence)
    rows.append(
        [
            _para(_("Overall"), "total"),
            _para(done, "total_num"),
            _para(expected, "total_num"),
            _para(_format_percent(percent(done, expected)), "total_num"),
        ]
    )
    numbers = 22 * mm
    flow.append(_table(rows, [width - 3 * numbers - 8 * mm, numbers, numbers, numbers + 8 * mm], total_row=True))
    return [KeepTogether(flow)]


def _practices(report: Report, width: float) -> list[Flowable]:
    flow: list[Flowable] = [_para(_("Practice summary"), "h2")]
    if not report.practices:
        flow.append(_para(_("No practices were recorded in this period yet."), "body"))
        return flow
    rows: list[list[Any]] = [
        [
            _para(_("Practice"), "head"),
            _para(_("Times"), "head_num"),
            _para(_("Minutes"), "head_num"),
            _para(_("Median change in distress"), "head_num"),
            _para(_("Median change in kindness"), "head_num"),
        ]
    ]
    for row in report.practices:
        rows.append(
            [
                _para(row.title, "cell"),
                _para(row.times, "cell_num"),
                _para(row.minutes, "cell_num"),
                _para(format_change(row.distress_change), "cell_num"),
                _para(format_change(row.kindness_change), "cell_num"),
            ]
        )
    numbers = 20 * mm
    changes = 33 * mm
    flow.append(_table(rows, [width - 2 * numbers - 2 * changes, numbers, numbers, changes, changes]))
    flow.append(Spacer(1, 4))
    flow.append(
        _para(
            _(
                "Changes are the middle value of the client's own ratings after a practice minus before it. "
                "Less distress shows as a negative number; more kindness towards oneself as a positive one."
            ),
            "note",
        )
    )
    return [KeepTogether(flow)]  # a short section moves whole rather than leave its note behind


# ---------------------------------------------------------------------------------------------------------------
# Pages
# ---------------------------------------------------------------------------------------------------------------


def _canvas_class(confidential: str, page_words: str) -> type[Canvas]:
    """Return a canvas that draws the footer on every page once it knows how many pages there are."""

    class FooterCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 - reportlab's name
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._footer(total)
                super().showPage()
            super().save()

        def _footer(self, total: int) -> None:
            width, _height = self._pagesize
            self.saveState()
            self.setStrokeColor(RULE)
            self.setLineWidth(0.5)
            self.line(PAGE_MARGIN, FOOTER_Y + 10, width - PAGE_MARGIN, FOOTER_Y + 10)
            self.setFont(FONT, 8)
            self.setFillColor(MUTED)
            self.drawString(PAGE_MARGIN, FOOTER_Y, safe_text(confidential))
            words = page_words % {"page": self._pageNumber, "total": total}
            self.drawRightString(width - PAGE_MARGIN, FOOTER_Y, safe_text(words))
            self.restoreState()

    return FooterCanvas


def render_pdf(report: Report) -> bytes:
    """Return the report as A4 PDF bytes (starting with ``b"%PDF-"``).

    Sections, in order: title and who/when, the "not a diagnosis" line, outcomes, one block per measure
    (heading, sentence, chart, date/score/band table), homework adherence with an overall figure, and the
    practice summary. Empty sections say so kindly instead of vanishing. Every page carries the footer
    "Confidential: contains health information" and "Page n of N". Translatable strings are looked up when
    called, in the active language.
    """
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=PAGE_MARGIN,
        rightMargin=PAGE_MARGIN,
        topMargin=PAGE_MARGIN,
        bottomMargin=PAGE_MARGIN + 6 * mm,
        title=safe_text(_("Progress report")),
        author="Selfkind",
        creator="Selfkind",
    )
    width = doc.width
    story: list[Flowable] = []
    story += _header(report)
    story += _outcomes(report)
    story += _measures(report, width)
    story += _adherence(report, width)
    story += _practices(report, width)
    canvas = _canvas_class(_("Confidential: contains health information"), _("Page %(page)d of %(total)d"))
    doc.build(story, canvasmaker=canvas)
    return buffer.getvalue()
