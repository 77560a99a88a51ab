"""Change metrics between two administrations: pure functions, no Django (clinical-reference.md).

* **NHS Talking Therapies** (PHQ-9 and/or GAD-7, first vs latest): caseness (PHQ-9 >= 10 or
  GAD-7 >= 8), reliable improvement / deterioration per measure (a change of >= 6 on PHQ-9, >= 4
  on GAD-7), the paired rules, recovery and reliable recovery -> :func:`talking_therapies_outcome`.
* **WHO-5**: reliable change is >= 10 percentage points (raw x 4), up being better ->
  :func:`who5_outcome`.
* **Jacobson & Truax (1991)** for SCS-SF and BRS: S_diff = SD * sqrt(2) * sqrt(1 - r),
  RCI = (after - before) / S_diff, |RCI| > 1.96 is reliable, higher is better ->
  :func:`reliable_change_index`, with the SD from :func:`clinic_sd` (None below 30 first
  administrations) or entered by the clinic with its source.
* **Deterioration alert** (Selfkind convention, for therapists' alerts, not outcome reporting):
  :func:`deterioration_alert_due`.

Caseness with one measure or two. ``caseness_before`` and ``caseness_after`` are the caseness of
the measures *given*: true when any given measure is at or above its own cut-off (PHQ-9 >= 10,
GAD-7 >= 8). With both, that is the NHS paired rule; with one, only that measure decides, and the
missing one is neither assumed at caseness nor assumed below it. Recovery is null (not defined)
when caseness_before is not true, and reliable recovery is null whenever recovery is null.
For WHO-5, which has no caseness rule, all caseness and recovery fields are null.

Thresholds, cut-offs, directions and reliabilities are read from the instrument definitions.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, localcontext
from fractions import Fraction
from typing import Literal

from selfkind.measures.instruments import registry
from selfkind.measures.instruments.engine import as_sent, is_whole_number
from selfkind.measures.instruments.model import Instrument, Number

CASENESS_FLAG = "nhs_caseness"
TALKING_THERAPIES_KEYS = ("phq9", "gad7")
WHO5_KEY = "who5"

MIN_CLINIC_SAMPLE = 30  # J&T use the pre-treatment SD; a clinic's own once it has >= 30 first scores
RCI_CRITICAL = Fraction("1.96")  # |RCI| > 1.96: p < .05, two-sided (Jacobson & Truax 1991)

Direction = Literal["improvement", "deterioration"]


class ChangeError(ValueError):
    """Totals that cannot be compared (not whole numbers, out of range, or a wrong combination)."""


# ---------------------------------------------------------------------------------------------
# Fixed thresholds: PHQ-9, GAD-7 (NHS Talking Therapies) and WHO-5
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MeasureChange:
    """One measure's change between two raw totals, judged by its fixed threshold.

    `before_value`/`after_value` are what the threshold applies to: the total, or for WHO-5 the
    percentage. Caseness fields are None for an instrument without a caseness rule.
    """

    instrument: str
    before: int
    after: int
    before_value: int
    after_value: int
    threshold: int
    reliable_improvement: bool
    reliable_deterioration: bool
    caseness_before: bool | None
    caseness_after: bool | None


@dataclass(frozen=True)
class Outcome:
    """The outcome of a pair of administrations: the six fields of `selfkind change`, plus detail."""

    caseness_before: bool | None
    caseness_after: bool | None
    reliable_improvement: bool
    reliable_deterioration: bool
    recovery: bool | None
    reliable_recovery: bool | None
    measures: tuple[MeasureChange, ...] = ()

    def as_dict(self) -> dict[str, bool | None]:
        """Return exactly the six keys of the `selfkind change` contract."""
        return {
            "caseness_before": self.caseness_before,
            "caseness_after": self.caseness_after,
            "reliable_improvement": self.reliable_improvement,
            "reliable_deterioration": self.reliable_deterioration,
            "recovery": self.recovery,
            "reliable_recovery": self.reliable_recovery,
        }


def check_total(instrument: Instrument, value: object, what: str) -> int:
    """Return `value` when it is a possible raw total of a summed instrument; else raise ChangeError."""
    low, high = instrument.total_range
    if is_whole_number(value) and low <= value <= high:
        return value
    raise ChangeError(
        f"{instrument.key}: the {what} total must be a whole number from {low} to {high}, got {as_sent(value)}"
    )


def measure_change(instrument: Instrument, before: int, after: int) -> MeasureChange:
    """Return how one measure changed between two raw totals (PHQ-9, GAD-7 or WHO-5).

    Reliable improvement is a change of at least the threshold in the better direction (down for
    PHQ-9 and GAD-7, up for WHO-5), reliable deterioration the same in the worse direction. For
    WHO-5 the threshold (10) applies to the percentage, raw x 4.
    """
    rule = instrument.reliable_change
    if rule.method != "threshold" or rule.threshold is None or instrument.total_is_mean:
        raise ValueError(f"{instrument.short_name} has no fixed reliable-change threshold")
    before = check_total(instrument, before, "before")
    after = check_total(instrument, after, "after")
    factor = instrument.percentage_multiplier if rule.score == "percentage" else 1
    assert factor is not None
    before_value, after_value = before * factor, after * factor
    better = (after_value - before_value) if instrument.higher_is_better else (before_value - after_value)
    caseness = instrument.flag(CASENESS_FLAG)
    if caseness is not None and caseness.when.subject != "total":
        raise ValueError(f"{instrument.short_name}: {CASENESS_FLAG} must be a rule on the total")
    return MeasureChange(
        instrument=instrument.key,
        before=before,
        after=after,
        before_value=before_value,
        after_value=after_value,
        threshold=rule.threshold,
        reliable_improvement=better >= rule.threshold,
        reliable_deterioration=-better >= rule.threshold,
        caseness_before=None if caseness is None else caseness.when.bounds.contains(before),
        caseness_after=None if caseness is None else caseness.when.bounds.contains(after),
    )


def combine(changes: Sequence[MeasureChange]) -> Outcome:
    """Return the outcome of one or more measures' changes by the NHS Talking Therapies rules.

    Reliable improvement: at least one measure reliably improves and none reliably deteriorates;
    reliable deterioration the other way round (so a measure improving while another deteriorates
    is neither). Caseness: any measure at caseness (None when a measure has no caseness rule).
    Recovery: at caseness before and not after; None when not at caseness before. Reliable
    recovery: recovery and reliable improvement; None when recovery is None.
    """
    if not changes:
        raise ValueError("combine needs at least one measure")
    improved = any(c.reliable_improvement for c in changes)
    deteriorated = any(c.reliable_deterioration for c in changes)
    reliable_improvement = improved and not deteriorated
    reliable_deterioration = deteriorated and not improved

    caseness_before: bool | None = None
    caseness_after: bool | None = None
    if all(c.caseness_before is not None for c in changes):
        caseness_before = any(bool(c.caseness_before) for c in changes)
        caseness_after = any(bool(c.caseness_after) for c in changes)
    recovery = (not caseness_after) if caseness_before else None
    reliable_recovery = None if recovery is None else (recovery and reliable_improvement)
    return Outcome(
        caseness_before=caseness_before,
        caseness_after=caseness_after,
        reliable_improvement=reliable_improvement,
        reliable_deterioration=reliable_deterioration,
        recovery=recovery,
        reliable_recovery=reliable_recovery,
        measures=tuple(changes),
    )


def talking_therapies_outcome(*, phq9: tuple[int, int] | None = None, gad7: tuple[int, int] | None = None) -> Outcome:
    """Return the NHS Talking Therapies outcome of PHQ-9 and/or GAD-7 (before, after) raw totals.

    With only one of the two, the same rules apply to that one (see the module docstring for what
    caseness means then). Raise ChangeError when neither is given or a total is not possible.
    """
    pairs = {key: pair for key, pair in (("phq9", phq9), ("gad7", gad7)) if pair is not None}
    if not pairs:
        raise ChangeError('give "phq9" and/or "gad7"')
    return combine([measure_change(registry.get(key), *pair) for key, pair in pairs.items()])


def who5_outcome(before: int, after: int) -> Outcome:
    """Return the WHO-5 outcome of two raw totals (0-25): reliable change is >= 10 points on raw x 4.

    WHO-5 has no caseness rule, so caseness, recovery and reliable recovery are None.
    """
    return combine([measure_change(registry.get(WHO5_KEY), before, after)])


def outcome(pairs: Mapping[str, tuple[int, int]]) -> Outcome:
    """Return the outcome for `pairs` of raw totals: "phq9" and/or "gad7", or "who5" alone.

    Raise ChangeError for any other combination or for totals that are not possible.
    """
    unknown = sorted(set(pairs) - {*TALKING_THERAPIES_KEYS, WHO5_KEY})
    if unknown:
        raise ChangeError(f"unknown measure {unknown[0]!r}; expected phq9, gad7 or who5")
    if WHO5_KEY in pairs:
        if len(pairs) > 1:
            raise ChangeError("who5 cannot be combined with phq9 or gad7; send it on its own")
        return who5_outcome(*pairs[WHO5_KEY])
    return talking_therapies_outcome(phq9=pairs.get("phq9"), gad7=pairs.get("gad7"))


def deterioration_alert_due(instrument: Instrument, *, first_total: int, total: int) -> bool:
    """Return True when `total` is at least the reliable-change threshold above the first score.

    The Selfkind convention for therapists' alerts (not for outcome reporting): judged per measure
    against the client's first score of that measure in the current treatment (PHQ-9 +6, GAD-7 +4).
    Whether an alert is already open (no new one while it is) is the caller's business. Raise
    ValueError for an instrument without this rule.
    """
    rule = instrument.reliable_change
    if not rule.deterioration_alert or rule.threshold is None:
        raise ValueError(f"{instrument.short_name} has no deterioration alert rule")
    first_total = check_total(instrument, first_total, "first")
    total = check_total(instrument, total, "latest")
    return total >= first_total + rule.threshold


# ---------------------------------------------------------------------------------------------
# Jacobson & Truax (1991): SCS-SF and BRS
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ClinicSd:
    """The SD of a clinic's own first administrations (sample SD, n - 1), with n and exact variance."""

    n: int
    variance: Fraction

    @property
    def sd(self) -> Decimal:
        return _sqrt(self.variance)


def clinic_sd(first_totals: Sequence[Number | Decimal]) -> ClinicSd | None:
    """Return the SD of a clinic's first administrations, or None when there are fewer than 30.

    None lets the caller say why no RCI is shown ("the clinic has N of the 30 first scores needed").
    """
    if len(first_totals) < MIN_CLINIC_SAMPLE:
        return None
    values = [Fraction(v) for v in first_totals]
    mean = sum(values, Fraction(0)) / len(values)
    variance = sum(((v - mean) ** 2 for v in values), Fraction(0)) / (len(values) - 1)
    return ClinicSd(n=len(values), variance=variance)


@dataclass(frozen=True)
class Rci:
    """A Jacobson & Truax reliable change index with the parameters used, to show beside it."""

    instrument: str
    before: Fraction
    after: Fraction
    sd: Decimal
    sd_source: str
    reliability: Fraction
    reliability_source: str
    s_diff: Decimal
    rci: Decimal
    reliable: bool
    direction: Direction | None  # None when the change is not reliable


def reliable_change_index(
    instrument: Instrument,
    *,
    before: Number | Decimal,
    after: Number | Decimal,
    sd: ClinicSd | Decimal | Fraction | int,
    sd_source: str | None = None,
) -> Rci:
    """Return the RCI between two totals of a Jacobson & Truax instrument (SCS-SF, BRS).

    S_diff = SD * sqrt(2) * sqrt(1 - r) with r the authors' reliability from the definition;
    RCI = (after - before) / S_diff; reliable when |RCI| > 1.96. The reliable test is done exactly
    (on squares), so a change landing on the boundary is never misjudged by rounding. Floats are
    refused for the SD: pass a Decimal (as a clinic enters it) or a ClinicSd.
    """
    rule = instrument.reliable_change
    if rule.method != "jacobson_truax" or rule.reliability is None:
        raise ValueError(f"{instrument.short_name} does not use Jacobson & Truax")
    if isinstance(sd, ClinicSd):
        variance, shown_sd = sd.variance, sd.sd
        source = sd_source or f"SD of the clinic's first administrations (n = {sd.n})"
    else:
        if isinstance(sd, (bool, float)) or not isinstance(sd, (int, Fraction, Decimal)):
            raise TypeError("sd must be a ClinicSd, Decimal, Fraction or int")
        variance, shown_sd = Fraction(sd) ** 2, _decimal(Fraction(sd))
        source = sd_source or "entered by the clinic"
    if variance <= 0:
        raise ValueError("the SD must be greater than 0")
    r = rule.reliability
    diff = Fraction(after) - Fraction(before)
    s_diff_squared = 2 * (1 - r) * variance
    reliable = diff**2 > RCI_CRITICAL**2 * s_diff_squared
    s_diff = _sqrt(s_diff_squared)
    with localcontext() as ctx:
        ctx.prec = 28
        rci = _decimal(diff) / s_diff
    better = diff > 0 if instrument.higher_is_better else diff < 0
    return Rci(
        instrument=instrument.key,
        before=Fraction(before),
        after=Fraction(after),
        sd=shown_sd,
        sd_source=source,
        reliability=r,
        reliability_source=rule.source,
        s_diff=s_diff,
        rci=rci,
        reliable=reliable,
        direction=("improvement" if better else "deterioration") if reliable else None,
    )


def _decimal(value: Fraction) -> Decimal:
    with localcontext() as ctx:
        ctx.prec = 28
        return Decimal(value.numerator) / Decimal(value.denominator)


def _sqrt(value: Fraction) -> Decimal:
    with localcontext() as ctx:
        ctx.prec = 28
        return _decimal(value).sqrt()
