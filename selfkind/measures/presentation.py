"""Turning a client's measure history into charts and plain sentences (no decisions in templates)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from selfkind.measures import selectors
from selfkind.measures.charts import BandArea, ChartPoint, line_chart, profile_chart
from selfkind.measures.instruments import registry
from selfkind.measures.instruments.registry import Instrument


@dataclass(frozen=True)
class MeasurePanel:
    instrument: Instrument
    points: list[selectors.Point]
    svg: str
    sentence: str  # a plain-language sentence above the chart


def value_range(instrument: Instrument) -> tuple[float, float]:
    """Return the lowest and highest possible shown value (WHO-5: its percentage)."""
    if instrument.bands_on == "percentage":
        return 0.0, 100.0
    lo, hi = float(instrument.min_value), float(max(instrument.values))
    if instrument.scoring.method == "sum":
        return lo * len(instrument.items), hi * len(instrument.items)
    return lo, hi


def band_areas(instrument: Instrument, *, for_client: bool) -> list[BandArea]:
    lowest, highest = value_range(instrument)
    ordered = list(instrument.bands)
    areas = []
    for index, band in enumerate(ordered):
        b = band.bounds
        low = float(b.gte if b.gte is not None else b.gt if b.gt is not None else lowest)
        high = float(b.lte if b.lte is not None else b.lt if b.lt is not None else highest)
        # Severity for the tint: worst bands are darker whichever way the scale runs.
        severity = (len(ordered) - 1 - index) if instrument.higher_is_better else index
        areas.append(BandArea(band.key, low, high, band.client_label if for_client else band.label, min(severity, 4)))
    return areas


def threshold_line(instrument: Instrument, points: list[selectors.Point]) -> float | None:
    """Return where a reliable improvement from the first score begins, when the rule has a threshold."""
    rc = instrument.reliable_change
    if rc.method != "threshold" or rc.threshold is None or not points:
        return None
    first = float(points[0].value)
    return first + rc.threshold if instrument.higher_is_better else first - rc.threshold


def sentence(instrument: Instrument, points: list[selectors.Point], *, for_client: bool) -> str:
    if not points:
        return ""
    first, last = points[0], points[-1]
    since = first.when.strftime("%-d %B")
    what = instrument.client_name if for_client else instrument.short_name
    if len(points) == 1:
        return _("One check-in so far, on %(date)s.") % {"date": since}
    better = (last.value > first.value) if instrument.higher_is_better else (last.value < first.value)
    if last.value == first.value:
        return _("Your %(what)s are about where they were on %(date)s.") % {"what": what, "date": since}
    if for_client:
        if instrument.higher_is_better:
            key = (
                _("Your %(what)s has gone up since %(date)s.")
                if better
                else _("Your %(what)s has gone down since %(date)s.")
            )
        else:
            key = (
                _("Your %(what)s have come down since %(date)s.")
                if better
                else _("Your %(what)s have gone up since %(date)s.")
            )
        return key % {"what": what, "date": since}
    return _("%(what)s: %(first)s on %(date)s, %(last)s now (%(direction)s).") % {
        "what": what,
        "first": _fmt(first.value),
        "date": since,
        "last": _fmt(last.value),
        "direction": _("better") if better else _("worse"),
    }


def panels(client: object, *, for_client: bool) -> list[MeasurePanel]:
    """Return one chart panel per measure the client has answered."""
    result = []
    for key, points in selectors.series_by_instrument(client).items():  # type: ignore[arg-type]
        instrument = registry.get(key)
        lowest, highest = value_range(instrument)
        threshold = threshold_line(instrument, points)
        svg = line_chart(
            [ChartPoint(p.when, float(p.value)) for p in points],
            lowest=lowest,
            highest=highest,
            bands=band_areas(instrument, for_client=for_client),
            title=f"{instrument.client_name if for_client else instrument.short_name}",
            threshold=threshold,
            threshold_label=_("a big enough change to be confident it is real")
            if for_client
            else _("reliable improvement from the first score"),
        )
        result.append(MeasurePanel(instrument, points, svg, sentence(instrument, points, for_client=for_client)))
    return result


def _fmt(value: Decimal) -> str:
    return str(int(value)) if value == int(value) else f"{value:.2f}"


@dataclass(frozen=True)
class Profile:
    svg: str
    rows: list[tuple[str, Decimal, Decimal]]
    note: str


def scs_profile(client: object) -> Profile | None:
    """Return the SCS-SF six-part profile, first against latest, or None without two answers."""
    points = selectors.series(client, "scs_sf")  # type: ignore[arg-type]
    if len(points) < 2:
        return None
    instrument = registry.get("scs_sf")
    first, latest = points[0].administration, points[-1].administration
    rows = [(s.name, Decimal(first.subscales[s.key]), Decimal(latest.subscales[s.key])) for s in instrument.subscales]
    svg = profile_chart(
        [name for name, _a, _b in rows],
        [float(a) for _n, a, _b in rows],
        [float(b) for _n, _a, b in rows],
        title=_("Self-compassion profile, first and latest"),
    )
    return Profile(svg=svg, rows=rows, note=instrument.subscale_note or "")
