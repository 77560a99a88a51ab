"""The shape of an instrument definition, as frozen dataclasses (no Django, no I/O).

The registry (``registry.py``) builds these from the files in ``definitions/`` after
``validation.py`` has checked them; the engine and the change metrics only ever read them.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Literal

Number = int | Fraction

COMPARISONS = ("gt", "gte", "lt", "lte")


class DefinitionError(ValueError):
    """A definition file that breaks the schema; the message names the file and the field."""


@dataclass(frozen=True)
class Bounds:
    """An interval written with gt/gte/lt/lte; a missing side is open."""

    gt: Number | None = None
    gte: Number | None = None
    lt: Number | None = None
    lte: Number | None = None

    def contains(self, value: Number) -> bool:
        """Return True when `value` satisfies every comparison given."""
        return (
            (self.gt is None or value > self.gt)
            and (self.gte is None or value >= self.gte)
            and (self.lt is None or value < self.lt)
            and (self.lte is None or value <= self.lte)
        )

    def describe(self) -> str:
        """Return the interval in symbols for people, e.g. ">= 2.5 and <= 3.5"."""
        signs = {"gt": ">", "gte": ">=", "lt": "<", "lte": "<="}
        parts = [f"{signs[name]} {_plain(value)}" for name in COMPARISONS if (value := getattr(self, name)) is not None]
        return " and ".join(parts)


def _plain(value: Number) -> str:
    # Bounds come from decimals written in the files, so they have an exact decimal form.
    if isinstance(value, Fraction) and value.denominator != 1:
        return str(Decimal(value.numerator) / Decimal(value.denominator))
    return str(int(value))


@dataclass(frozen=True)
class Option:
    """One answer choice: its native value, its label and, where one exists, its LOINC answer code."""

    value: int
    label: str
    loinc: str | None = None


@dataclass(frozen=True)
class Item:
    number: int
    text: str
    loinc: str | None = None
    reversed: bool = False


@dataclass(frozen=True)
class Subscale:
    """Items summed or averaged as answered (never reversed): PHQ-2, GAD-2, SCS-SF subscales."""

    key: str
    name: str
    items: tuple[int, ...]
    method: Literal["sum", "mean"]
    loinc: str | None = None


@dataclass(frozen=True)
class Band:
    """A score band: its key, the therapist's label, the words a client reads, and its interval."""

    key: str
    label: str
    client_label: str
    bounds: Bounds


@dataclass(frozen=True)
class Condition:
    """What a flag tests: one item, any item, a subscale, the total or the percentage, against bounds."""

    subject: Literal["item", "any_item", "subscale", "total", "percentage"]
    bounds: Bounds
    item: int | None = None
    subscale: str | None = None


@dataclass(frozen=True)
class Flag:
    name: str
    when: Condition


@dataclass(frozen=True)
class RiskItem:
    """An item whose answer alone is a risk screen (PHQ-9 item 9 >= 1), checked on every save."""

    item: int
    flag: str
    bounds: Bounds


@dataclass(frozen=True)
class ExtraQuestion:
    """A question asked with the instrument but never scored (PHQ-9's difficulty question)."""

    key: str
    text: str
    options: tuple[Option, ...]
    loinc: str | None = None

    @property
    def values(self) -> tuple[int, ...]:
        return tuple(option.value for option in self.options)


@dataclass(frozen=True)
class Citation:
    authors: str
    year: int
    title: str
    journal: str

    def __str__(self) -> str:
        return f"{self.authors} ({self.year}). {self.title}. {self.journal}."


@dataclass(frozen=True)
class Scoring:
    """How the total is made: a sum, a mean, or the mean of the subscale means, after reversal."""

    method: Literal["sum", "mean", "mean_of_subscale_means"]
    reverse_items: tuple[int, ...] = ()
    reverse_from: int | None = None  # a reversed answer x scores reverse_from - x


@dataclass(frozen=True)
class ReliableChange:
    """Reliable-change parameters: a fixed threshold, or Jacobson & Truax with a reliability."""

    method: Literal["threshold", "jacobson_truax"]
    source: str
    score: Literal["total", "percentage"] = "total"  # what the threshold applies to
    threshold: int | None = None
    reliability: Fraction | None = None
    deterioration_alert: bool = False


@dataclass(frozen=True)
class LoincCodes:
    panel: str | None = None
    total: str | None = None


@dataclass(frozen=True)
class Instrument:
    """One instrument, exactly as its definition file describes it."""

    key: str
    order: int
    version: int
    name: str
    short_name: str
    measures: str
    client_name: str
    higher_is_better: bool
    switchable: bool
    enabled_by_default: bool
    citation: Citation
    licence: str
    licence_note: str | None
    stem: str
    options: tuple[Option, ...]
    items: tuple[Item, ...]
    scoring: Scoring
    percentage_multiplier: int | None
    subscales: tuple[Subscale, ...]
    subscale_note: str | None
    bands_on: Literal["total", "percentage"]
    bands: tuple[Band, ...]
    flags: tuple[Flag, ...]
    risk_items: tuple[RiskItem, ...]
    extra_question: ExtraQuestion | None
    loinc: LoincCodes
    reliable_change: ReliableChange

    @property
    def item_count(self) -> int:
        return len(self.items)

    @property
    def values(self) -> tuple[int, ...]:
        """Return the answer values in the instrument's native order (WHO-5: 5 down to 0)."""
        return tuple(option.value for option in self.options)

    @property
    def min_value(self) -> int:
        return min(self.values)

    @property
    def max_value(self) -> int:
        return max(self.values)

    @property
    def total_is_mean(self) -> bool:
        """Return True when the total is a mean (a Fraction), False when it is a whole-number sum."""
        return self.scoring.method != "sum"

    @property
    def total_range(self) -> tuple[Number, Number]:
        """Return the lowest and highest possible totals (PHQ-9 (0, 27); SCS-SF (1, 5))."""
        if self.total_is_mean:
            return self.min_value, self.max_value
        return self.min_value * self.item_count, self.max_value * self.item_count

    def option(self, value: int) -> Option:
        for option in self.options:
            if option.value == value:
                return option
        raise KeyError(f"{self.short_name} has no answer value {value}")

    def band(self, key: str) -> Band:
        for band in self.bands:
            if band.key == key:
                return band
        raise KeyError(f"{self.short_name} has no band {key!r}")

    def flag(self, name: str) -> Flag | None:
        """Return the flag called `name`, or None when the instrument has none by that name."""
        return next((flag for flag in self.flags if flag.name == name), None)

    def __str__(self) -> str:
        return self.short_name
