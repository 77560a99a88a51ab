"""Change metrics against the clinical reference ("Change and outcomes"). Pure: no Django."""

from __future__ import annotations

import dataclasses
import math
import statistics
from decimal import Decimal
from fractions import Fraction

import pytest

from selfkind.measures import change
from selfkind.measures.change import (
    MIN_CLINIC_SAMPLE,
    ChangeError,
    ClinicSd,
    clinic_sd,
    deterioration_alert_due,
    measure_change,
    outcome,
    reliable_change_index,
    talking_therapies_outcome,
    who5_outcome,
)
from selfkind.measures.instruments import registry

PHQ9 = registry.get("phq9")
GAD7 = registry.get("gad7")
WHO5 = registry.get("who5")
SCS_SF = registry.get("scs_sf")
BRS = registry.get("brs")

FIELDS = ("caseness_before", "caseness_after", "reliable_improvement", "reliable_deterioration", "recovery",
          "reliable_recovery")  # fmt: skip


def as_row(result: change.Outcome) -> tuple[bool | None, ...]:
    return tuple(result.as_dict()[name] for name in FIELDS)


# ---------------------------------------------------------------------------------------------
# One measure: reliable improvement and deterioration (PHQ-9 6, GAD-7 4)
# ---------------------------------------------------------------------------------------------

PER_MEASURE = [
    (PHQ9, 15, 9, True, False),  # a fall of 6
    (PHQ9, 15, 10, False, False),  # a fall of 5
    (PHQ9, 9, 15, False, True),  # a rise of 6
    (PHQ9, 10, 15, False, False),  # a rise of 5
    (PHQ9, 27, 0, True, False),
    (PHQ9, 0, 0, False, False),
    (GAD7, 12, 8, True, False),  # a fall of 4
    (GAD7, 12, 9, False, False),  # a fall of 3
    (GAD7, 8, 12, False, True),  # a rise of 4
    (GAD7, 9, 12, False, False),  # a rise of 3
    (WHO5, 10, 13, True, False),  # +12 percentage points
    (WHO5, 10, 12, False, False),  # +8 points
    (WHO5, 13, 10, False, True),  # -12 points: well-being fell
    (WHO5, 12, 10, False, False),  # -8 points
]


@pytest.mark.parametrize(("instrument", "before", "after", "improved", "deteriorated"), PER_MEASURE, ids=str)
def test_it_judges_one_measure_by_its_threshold(
    instrument: registry.Instrument, before: int, after: int, improved: bool, deteriorated: bool
) -> None:
    result = measure_change(instrument, before, after)
    assert (result.reliable_improvement, result.reliable_deterioration) == (improved, deteriorated)


def test_who5_change_works_on_the_percentage() -> None:
    result = measure_change(WHO5, 10, 13)
    assert (result.before_value, result.after_value, result.threshold) == (40, 52, 10)


@pytest.mark.parametrize(
    ("before", "after", "improved", "deteriorated"),
    [(0, 2, True, False), (2, 0, False, True), (10, 11, False, False), (11, 10, False, False)],
)
def test_who5_ten_points_exactly_is_reliable(before: int, after: int, improved: bool, deteriorated: bool) -> None:
    # Raw WHO-5 totals move in steps of 4 points; a scale of 5 per raw point lands on 10 exactly.
    five_per_point = dataclasses.replace(WHO5, percentage_multiplier=5)
    result = measure_change(five_per_point, before, after)
    assert abs(result.after_value - result.before_value) in (5, 10)
    assert (result.reliable_improvement, result.reliable_deterioration) == (improved, deteriorated)


# ---------------------------------------------------------------------------------------------
# NHS Talking Therapies: paired PHQ-9 + GAD-7
# ---------------------------------------------------------------------------------------------

T, F_, N = True, False, None

PAIRED = [
    # phq9, gad7 -> caseness_before, caseness_after, improvement, deterioration, recovery, reliable_recovery
    ((15, 8), (12, 6), (T, F_, T, F_, T, T)),  # both improve, both leave caseness
    ((15, 8), (5, 9), (T, T, F_, F_, F_, F_)),  # one improves, the other deteriorates: neither
    ((5, 11), (7, 3), (F_, T, F_, F_, N, N)),  # conflict the other way round
    ((12, 8), (10, 6), (T, F_, T, F_, T, T)),  # only GAD-7 reliably improves: enough
    ((12, 9), (9, 7), (T, F_, F_, F_, T, F_)),  # recovered without reliable improvement
    ((9, 3), (7, 2), (F_, F_, T, F_, N, N)),  # not at caseness at the start: recovery undefined
    ((5, 11), (3, 4), (F_, T, F_, T, N, N)),  # reliable deterioration
    ((9, 15), (7, 11), (F_, T, F_, T, N, N)),  # both deteriorate
    ((5, 5), (8, 7), (T, F_, F_, F_, T, F_)),  # caseness from GAD-7 alone (>= 8)
    ((10, 9), (0, 0), (T, F_, F_, F_, T, F_)),  # PHQ-9 exactly 10 is caseness, 9 is not
    ((20, 10), (3, 3), (T, T, T, F_, F_, F_)),  # improved but still at caseness
    ((4, 4), (8, 4), (T, F_, T, F_, T, T)),  # reliable recovery through GAD-7
]


@pytest.mark.parametrize(("phq9", "gad7", "expected"), PAIRED)
def test_it_applies_the_paired_rules(phq9: tuple[int, int], gad7: tuple[int, int], expected: tuple) -> None:
    assert as_row(talking_therapies_outcome(phq9=phq9, gad7=gad7)) == expected


SINGLE = [
    # With one measure the same rules apply to that one alone; caseness is that measure's own.
    ("phq9", (10, 4), (T, F_, T, F_, T, T)),
    ("phq9", (14, 11), (T, T, F_, F_, F_, F_)),
    ("phq9", (9, 12), (F_, T, F_, F_, N, N)),  # a PHQ-9 of 9 alone is not caseness
    ("phq9", (4, 10), (F_, T, F_, T, N, N)),
    ("gad7", (8, 7), (T, F_, F_, F_, T, F_)),
    ("gad7", (7, 11), (F_, T, F_, T, N, N)),
    ("gad7", (12, 8), (T, T, T, F_, F_, F_)),
    ("gad7", (12, 3), (T, F_, T, F_, T, T)),
]


@pytest.mark.parametrize(("key", "pair", "expected"), SINGLE)
def test_it_applies_the_same_rules_to_a_single_measure(key: str, pair: tuple[int, int], expected: tuple) -> None:
    assert as_row(talking_therapies_outcome(**{key: pair})) == expected
    assert as_row(outcome({key: pair})) == expected


def test_recovery_is_null_exactly_when_not_at_caseness_at_the_start() -> None:
    for phq_before in range(0, 28, 3):
        for gad_before in range(0, 22, 3):
            result = talking_therapies_outcome(phq9=(phq_before, 0), gad7=(gad_before, 0))
            at_caseness = phq_before >= 10 or gad_before >= 8
            assert result.caseness_before is at_caseness
            assert (result.recovery is None) is (not at_caseness)
            assert (result.reliable_recovery is None) is (result.recovery is None)


WHO5_OUTCOMES = [
    ((10, 13), (N, N, T, F_, N, N)),
    ((13, 10), (N, N, F_, T, N, N)),
    ((10, 12), (N, N, F_, F_, N, N)),
    ((0, 25), (N, N, T, F_, N, N)),
    ((7, 7), (N, N, F_, F_, N, N)),
]


@pytest.mark.parametrize(("pair", "expected"), WHO5_OUTCOMES)
def test_who5_alone_has_null_caseness_and_recovery(pair: tuple[int, int], expected: tuple) -> None:
    assert as_row(who5_outcome(*pair)) == expected
    assert as_row(outcome({"who5": pair})) == expected


def test_an_outcome_is_frozen_and_keeps_its_measures() -> None:
    result = talking_therapies_outcome(phq9=(15, 8), gad7=(12, 6))
    assert [m.instrument for m in result.measures] == ["phq9", "gad7"]
    assert set(result.as_dict()) == set(FIELDS)
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.recovery = False  # type: ignore[misc]


BAD_PAIRS = [
    ({}, "phq9"),
    ({"who5": (1, 2), "phq9": (1, 2)}, "who5 cannot be combined"),
    ({"who5": (1, 2), "gad7": (1, 2)}, "who5 cannot be combined"),
    ({"bdi": (1, 2)}, "unknown measure"),
    ({"phq9": (True, 2)}, "phq9: the before total"),
    ({"phq9": (10.0, 2)}, "got 10.0"),
    ({"phq9": (1, "2")}, "phq9: the after total"),
    ({"phq9": (1, None)}, "got null"),
    ({"phq9": (28, 2)}, "from 0 to 27"),
    ({"phq9": (-1, 2)}, "from 0 to 27"),
    ({"gad7": (3, 22)}, "from 0 to 21"),
    ({"who5": (26, 2)}, "from 0 to 25"),
    ({"phq9": (5, 5), "gad7": (False, 5)}, "gad7: the before total"),
]


@pytest.mark.parametrize(("pairs", "message"), BAD_PAIRS)
def test_it_refuses_impossible_totals_and_combinations(pairs: dict, message: str) -> None:
    with pytest.raises(ChangeError, match=message):
        outcome(pairs)


# ---------------------------------------------------------------------------------------------
# Deterioration alerts (Selfkind convention): total >= first + threshold, per measure
# ---------------------------------------------------------------------------------------------

ALERTS = [
    (PHQ9, 5, 11, True),
    (PHQ9, 5, 10, False),
    (PHQ9, 20, 26, True),
    (PHQ9, 20, 27, True),
    (PHQ9, 12, 3, False),
    (GAD7, 5, 9, True),
    (GAD7, 5, 8, False),
    (GAD7, 17, 21, True),
]


@pytest.mark.parametrize(("instrument", "first", "total", "due"), ALERTS, ids=str)
def test_it_raises_a_deterioration_alert_at_the_threshold(
    instrument: registry.Instrument, first: int, total: int, due: bool
) -> None:
    assert deterioration_alert_due(instrument, first_total=first, total=total) is due


@pytest.mark.parametrize("instrument", [WHO5, SCS_SF, BRS], ids=str)
def test_only_phq9_and_gad7_have_deterioration_alerts(instrument: registry.Instrument) -> None:
    with pytest.raises(ValueError, match="no deterioration alert"):
        deterioration_alert_due(instrument, first_total=1, total=1)


def test_deterioration_alert_refuses_impossible_totals() -> None:
    with pytest.raises(ChangeError):
        deterioration_alert_due(PHQ9, first_total=5, total=28)


# ---------------------------------------------------------------------------------------------
# Jacobson & Truax: SCS-SF (r = .86) and BRS (r = .80)
# ---------------------------------------------------------------------------------------------


def expected_rci(before: float, after: float, sd: float, r: float) -> float:
    return (after - before) / (sd * math.sqrt(2) * math.sqrt(1 - r))


RCI_CASES = [
    # instrument, before, after, SD, reliable, direction
    (SCS_SF, Fraction(30, 12), Fraction(39, 12), Decimal("0.7"), True, "improvement"),  # +0.75 > 0.726
    (SCS_SF, Fraction(30, 12), Fraction(38, 12), Decimal("0.7"), False, None),  # +0.667
    (SCS_SF, Fraction(39, 12), Fraction(30, 12), Decimal("0.7"), True, "deterioration"),
    (BRS, Fraction(3), Fraction(23, 6), Decimal("0.6"), True, "improvement"),  # +0.833 > 0.744
    (BRS, Fraction(3), Fraction(22, 6), Decimal("0.6"), False, None),  # +0.667
    (BRS, Fraction(23, 6), Fraction(3), Decimal("0.6"), True, "deterioration"),
    (BRS, Fraction(3), Fraction(3), 1, False, None),
]


@pytest.mark.parametrize(("instrument", "before", "after", "sd", "reliable", "direction"), RCI_CASES, ids=str)
def test_it_computes_the_jacobson_truax_rci(
    instrument: registry.Instrument, before: Fraction, after: Fraction, sd: Decimal, reliable: bool, direction: str
) -> None:
    r = instrument.reliable_change.reliability
    assert r is not None
    result = reliable_change_index(instrument, before=before, after=after, sd=sd)
    assert float(result.rci) == pytest.approx(expected_rci(float(before), float(after), float(sd), float(r)))
    assert float(result.s_diff) == pytest.approx(float(sd) * math.sqrt(2) * math.sqrt(1 - float(r)))
    assert result.reliable is reliable
    assert result.direction == direction
    assert result.sd == Decimal(sd)
    assert result.sd_source == "entered by the clinic"


def test_the_rci_carries_the_parameters_used() -> None:
    result = reliable_change_index(SCS_SF, before=Fraction(2), after=Fraction(3), sd=Decimal("0.7"), sd_source="x")
    assert result.reliability == Fraction("0.86")
    assert "Raes et al. 2011" in result.reliability_source
    assert result.sd_source == "x"
    brs = reliable_change_index(BRS, before=Fraction(2), after=Fraction(3), sd=Decimal("0.7"))
    assert brs.reliability == Fraction("0.80")
    assert "Smith et al. 2008" in brs.reliability_source


def test_an_rci_of_exactly_1_96_is_not_reliable() -> None:
    # Choose the variance so that a change of 1 gives |RCI| = 1.96 exactly: the test is "> 1.96".
    r = Fraction("0.80")
    variance = 1 / (Fraction("1.96") ** 2 * 2 * (1 - r))
    sd = ClinicSd(n=30, variance=variance)
    on_the_line = reliable_change_index(BRS, before=Fraction(2), after=Fraction(3), sd=sd)
    assert on_the_line.rci == Decimal("1.96")
    assert on_the_line.reliable is False
    just_over = reliable_change_index(BRS, before=Fraction(2), after=Fraction(3) + Fraction(1, 10**9), sd=sd)
    assert just_over.reliable is True


@pytest.mark.parametrize("instrument", [registry.get("phq9"), registry.get("gad7"), registry.get("who5")], ids=str)
def test_rci_is_only_for_jacobson_truax_instruments(instrument: registry.Instrument) -> None:
    with pytest.raises(ValueError, match="Jacobson"):
        reliable_change_index(instrument, before=1, after=2, sd=1)


@pytest.mark.parametrize(("sd", "error"), [(0.7, TypeError), (True, TypeError), (0, ValueError), ("0.7", TypeError)])
def test_rci_refuses_a_bad_sd(sd: object, error: type[Exception]) -> None:
    with pytest.raises(error):
        reliable_change_index(BRS, before=1, after=2, sd=sd)  # type: ignore[arg-type]


def test_clinic_sd_needs_30_first_administrations() -> None:
    assert MIN_CLINIC_SAMPLE == 30
    totals = [Fraction(n % 25 + 12, 12) for n in range(40)]
    assert clinic_sd([]) is None
    assert clinic_sd(totals[:29]) is None
    result = clinic_sd(totals[:30])
    assert result is not None
    assert result.n == 30
    assert result.variance == statistics.variance(totals[:30])  # sample variance (n - 1), exact
    assert float(result.sd) == pytest.approx(statistics.stdev(float(t) for t in totals[:30]))


def test_an_rci_from_the_clinic_sd_names_its_source() -> None:
    totals = [Fraction(n % 13 + 6, 6) for n in range(30)]
    sd = clinic_sd(totals)
    assert sd is not None
    result = reliable_change_index(BRS, before=Fraction(2), after=Fraction(4), sd=sd)
    assert result.sd == sd.sd
    assert "n = 30" in result.sd_source
    assert float(result.rci) == pytest.approx(expected_rci(2, 4, float(sd.sd), 0.8))
