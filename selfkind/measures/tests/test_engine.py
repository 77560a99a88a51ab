"""The scoring engine against the clinical reference: bands, reversals, subscales, flags, refusals.

Pure Python: no Django, no database. Tables come straight from clinical-reference.md.
"""

from __future__ import annotations

import dataclasses
import random
from decimal import Decimal
from fractions import Fraction
from typing import NamedTuple

import pytest

from selfkind.measures.instruments import registry
from selfkind.measures.instruments.engine import (
    ResponseError,
    Score,
    risk_items_positive,
    round_half_up,
    score,
    validate_extra_answer,
    validate_responses,
)

PHQ9 = registry.get("phq9")
GAD7 = registry.get("gad7")
SCS_SF = registry.get("scs_sf")
WHO5 = registry.get("who5")
BRS = registry.get("brs")


# ---------------------------------------------------------------------------------------------
# Worked examples, one table per instrument (the meta-test in test_definitions.py insists that
# every definition file has an entry here)
# ---------------------------------------------------------------------------------------------


class Ref(NamedTuple):
    responses: list[int]
    total: int | Fraction
    band: str
    subscales: dict[str, int | Fraction]
    flags: tuple[str, ...] = ()
    percentage: int | None = None


F = Fraction
SCS_ALL = ("self_kindness", "self_judgment", "common_humanity", "isolation", "mindfulness", "over_identification")

REFERENCE_SCORES: dict[str, list[Ref]] = {
    "phq9": [
        Ref([0, 0, 0, 0, 0, 0, 0, 0, 0], 0, "minimal", {"phq2": 0}),
        Ref([1, 2, 1, 1, 0, 0, 0, 0, 1], 6, "mild", {"phq2": 3}, ("item9_positive", "phq2_positive")),
        Ref([3, 3, 2, 2, 2, 1, 1, 0, 0], 14, "moderate", {"phq2": 6}, ("phq2_positive", "nhs_caseness")),
        Ref([2, 2, 2, 2, 2, 2, 2, 2, 0], 16, "moderately_severe", {"phq2": 4}, ("phq2_positive", "nhs_caseness")),
        Ref([3] * 9, 27, "severe", {"phq2": 6}, ("item9_positive", "phq2_positive", "nhs_caseness")),
    ],
    "gad7": [
        Ref([0] * 7, 0, "minimal", {"gad2": 0}),
        Ref([1, 1, 1, 1, 1, 1, 1], 7, "mild", {"gad2": 2}),
        Ref([2, 1, 1, 1, 1, 1, 1], 8, "mild", {"gad2": 3}, ("gad2_positive", "nhs_caseness")),
        Ref([0, 0, 3, 3, 3, 3, 0], 12, "moderate", {"gad2": 0}, ("nhs_caseness",)),
        Ref([3] * 7, 21, "severe", {"gad2": 6}, ("gad2_positive", "nhs_caseness")),
    ],
    "scs_sf": [
        Ref(
            [1, 2, 3, 4, 5, 1, 2, 3, 4, 5, 1, 2],
            F(39, 12),
            "moderate",
            dict(zip(SCS_ALL, [F(3, 2), F(3, 2), F(5), F(7, 2), F(5, 2), F(5, 2)], strict=True)),
        ),
        Ref([3] * 12, F(3), "moderate", dict.fromkeys(SCS_ALL, F(3))),
        # Every negative item at 5, every positive at 1: the lowest total; raw subscales unreversed.
        Ref([5, 1, 1, 5, 1, 1, 1, 5, 5, 1, 5, 5], F(1), "low", dict(zip(SCS_ALL, [1, 5, 1, 5, 1, 5], strict=True))),
        Ref([1, 5, 5, 1, 5, 5, 5, 1, 1, 5, 1, 1], F(5), "high", dict(zip(SCS_ALL, [5, 1, 5, 1, 5, 1], strict=True))),
    ],
    "who5": [
        Ref([0] * 5, 0, "likely_depression", {}, ("screen_for_depression", "any_item_0_or_1"), 0),
        Ref([2, 2, 1, 1, 1], 7, "likely_depression", {}, ("screen_for_depression", "any_item_0_or_1"), 28),
        Ref([3, 3, 2, 1, 3], 12, "poor_wellbeing", {}, ("screen_for_depression", "any_item_0_or_1"), 48),
        Ref([3, 3, 3, 2, 2], 13, "above_cutoff", {}, (), 52),
        Ref([5] * 5, 25, "above_cutoff", {}, (), 100),
    ],
    "brs": [
        Ref([4, 2, 4, 2, 4, 2], F(4), "normal", {}),
        Ref([1, 5, 1, 5, 1, 5], F(1), "low", {}),
        Ref([3] * 6, F(3), "normal", {}),
        Ref([5, 1, 5, 1, 5, 2], F(29, 6), "high", {}),
        Ref([5, 1, 5, 1, 5, 1], F(5), "high", {}),
    ],
}


@pytest.mark.parametrize(
    ("key", "ref"),
    [(key, ref) for key, refs in REFERENCE_SCORES.items() for ref in refs],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_it_scores_the_worked_examples(key: str, ref: Ref) -> None:
    result = score(registry.get(key), ref.responses)
    assert result.total == ref.total
    assert type(result.total) is type(ref.total)  # ints for sums, Fractions for means
    assert result.band == ref.band
    assert dict(result.subscales) == ref.subscales
    assert set(result.flags) == set(ref.flags)
    assert result.percentage == ref.percentage
    assert result.responses == tuple(ref.responses)
    assert result.instrument == key


# ---------------------------------------------------------------------------------------------
# Band boundaries, both sides, for every instrument
# ---------------------------------------------------------------------------------------------


def answers_for_sum(count: int, total: int, low: int, high: int) -> list[int]:
    """Return `count` answers in low..high that add up to `total` (filled from item 1)."""
    answers = [low] * count
    rest = total - low * count
    for i in range(count):
        step = min(high - low, rest)
        answers[i] += step
        rest -= step
    assert rest == 0 and sum(answers) == total
    return answers


def unreverse(instrument: registry.Instrument, scored: list[int]) -> list[int]:
    """Return raw answers whose reversed-as-scored values are `scored`."""
    rev = instrument.scoring.reverse_from
    return [
        rev - v if rev is not None and n in instrument.scoring.reverse_items else v for n, v in enumerate(scored, 1)
    ]


PHQ9_BANDS = [
    (0, "minimal"), (4, "minimal"), (5, "mild"), (9, "mild"), (10, "moderate"), (14, "moderate"),
    (15, "moderately_severe"), (19, "moderately_severe"), (20, "severe"), (27, "severe"),
]  # fmt: skip
GAD7_BANDS = [
    (0, "minimal"), (4, "minimal"), (5, "mild"), (9, "mild"), (10, "moderate"), (14, "moderate"),
    (15, "severe"), (21, "severe"),
]  # fmt: skip


@pytest.mark.parametrize(("total", "band"), PHQ9_BANDS)
def test_it_bands_phq9_at_each_boundary(total: int, band: str) -> None:
    result = score(PHQ9, answers_for_sum(9, total, 0, 3))
    assert (result.total, result.band) == (total, band)


@pytest.mark.parametrize(("total", "band"), GAD7_BANDS)
def test_it_bands_gad7_at_each_boundary(total: int, band: str) -> None:
    result = score(GAD7, answers_for_sum(7, total, 0, 3))
    assert (result.total, result.band) == (total, band)


# SCS-SF totals are multiples of 1/12: 29/12 < 2.5 = 30/12 ... 42/12 = 3.5 < 43/12.
SCS_BANDS = [(12, "low"), (29, "low"), (30, "moderate"), (36, "moderate"), (42, "moderate"), (43, "high"), (60, "high")]


@pytest.mark.parametrize(("twelfths", "band"), SCS_BANDS)
def test_it_bands_scs_sf_exactly_at_2_5_and_3_5(twelfths: int, band: str) -> None:
    result = score(SCS_SF, unreverse(SCS_SF, answers_for_sum(12, twelfths, 1, 5)))
    assert result.total == Fraction(twelfths, 12)
    assert result.band == band


# BRS totals are multiples of 1/6: 17/6 < 3.00 = 18/6; 25/6 = 4.1667 <= 4.30 < 26/6 = 4.3333.
BRS_BANDS = [(6, "low"), (17, "low"), (18, "normal"), (25, "normal"), (26, "high"), (30, "high")]


@pytest.mark.parametrize(("sixths", "band"), BRS_BANDS)
def test_it_bands_brs_at_3_00_and_4_30(sixths: int, band: str) -> None:
    result = score(BRS, unreverse(BRS, answers_for_sum(6, sixths, 1, 5)))
    assert result.total == Fraction(sixths, 6)
    assert result.band == band


@pytest.mark.parametrize(
    ("bounds_value", "band"),
    [(Fraction("2.5") - Fraction(1, 10**12), "low"), (Fraction("2.5"), "moderate"), (Fraction("3.5"), "moderate"),
     (Fraction("3.5") + Fraction(1, 10**12), "high")],
)  # fmt: skip
def test_it_uses_exact_scs_sf_boundaries_even_between_possible_scores(bounds_value: Fraction, band: str) -> None:
    assert [b.key for b in SCS_SF.bands if b.bounds.contains(bounds_value)] == [band]


@pytest.mark.parametrize(
    ("value", "band"),
    [(Fraction("2.99"), "low"), (Fraction(3), "normal"), (Fraction("4.30"), "normal"), (Fraction("4.31"), "high")],
)
def test_it_uses_exact_brs_boundaries(value: Fraction, band: str) -> None:
    assert [b.key for b in BRS.bands if b.bounds.contains(value)] == [band]


# WHO-5 bands and the depression-screen flag work on the percentage (raw x 4).
WHO5_BANDS = [
    (0, 0, "likely_depression", True), (7, 28, "likely_depression", True), (8, 32, "poor_wellbeing", True),
    (12, 48, "poor_wellbeing", True), (13, 52, "above_cutoff", False), (25, 100, "above_cutoff", False),
]  # fmt: skip


@pytest.mark.parametrize(("raw", "percentage", "band", "screen"), WHO5_BANDS)
def test_it_bands_who5_on_the_percentage(raw: int, percentage: int, band: str, screen: bool) -> None:
    # Answers of 2-5 only where possible, so any_item_0_or_1 stays out of the way.
    answers = answers_for_sum(5, raw, 2, 5) if raw >= 10 else answers_for_sum(5, raw, 0, 5)
    result = score(WHO5, answers)
    assert (result.total, result.percentage, result.band) == (raw, percentage, band)
    assert result.has_flag("screen_for_depression") is screen


# ---------------------------------------------------------------------------------------------
# Reverse items and subscales
# ---------------------------------------------------------------------------------------------

SCS_REVERSED = {1, 4, 8, 9, 11, 12}
BRS_REVERSED = {2, 4, 6}


@pytest.mark.parametrize("item", range(1, 13))
def test_it_reverses_exactly_the_negative_scs_sf_items(item: int) -> None:
    answers = [3] * 12
    answers[item - 1] = 5
    # Raising a reversed item's answer from 3 to 5 lowers the total by 2/12; any other raises it.
    expected = Fraction(3) - Fraction(2, 12) if item in SCS_REVERSED else Fraction(3) + Fraction(2, 12)
    assert score(SCS_SF, answers).total == expected


@pytest.mark.parametrize("item", range(1, 7))
def test_it_reverses_exactly_brs_items_2_4_6(item: int) -> None:
    answers = [3] * 6
    answers[item - 1] = 5
    expected = Fraction(3) - Fraction(2, 6) if item in BRS_REVERSED else Fraction(3) + Fraction(2, 6)
    assert score(BRS, answers).total == expected


def test_the_definitions_reverse_the_reference_items() -> None:
    assert set(SCS_SF.scoring.reverse_items) == SCS_REVERSED
    assert set(BRS.scoring.reverse_items) == BRS_REVERSED
    assert SCS_SF.scoring.reverse_from == BRS.scoring.reverse_from == 6
    for instrument in (PHQ9, GAD7, WHO5):
        assert instrument.scoring.reverse_items == ()


SCS_SUBSCALE_ITEMS = {
    "self_kindness": (2, 6), "self_judgment": (11, 12), "common_humanity": (5, 10),
    "isolation": (4, 8), "mindfulness": (3, 7), "over_identification": (1, 9),
}  # fmt: skip


@pytest.mark.parametrize("subscale", SCS_SUBSCALE_ITEMS)
def test_it_reports_scs_sf_subscales_as_raw_unreversed_means(subscale: str) -> None:
    first, second = SCS_SUBSCALE_ITEMS[subscale]
    answers = [3] * 12
    answers[first - 1], answers[second - 1] = 5, 2
    result = score(SCS_SF, answers)
    assert result.subscales[subscale] == Fraction(7, 2)
    assert all(value == 3 for key, value in result.subscales.items() if key != subscale)


def test_scs_sf_total_is_the_mean_of_the_12_reversed_items() -> None:
    rng = random.Random(20111)
    for _ in range(500):
        answers = [rng.randint(1, 5) for _ in range(12)]
        reversed_answers = [6 - v if n in SCS_REVERSED else v for n, v in enumerate(answers, 1)]
        result = score(SCS_SF, answers)
        assert result.total == Fraction(sum(reversed_answers), 12)
        # ... and the grand mean of the six subscale means of the reversed answers.
        means = [Fraction(sum(reversed_answers[i - 1] for i in items), 2) for items in SCS_SUBSCALE_ITEMS.values()]
        assert result.total == sum(means, Fraction(0)) / 6


@pytest.mark.parametrize(("first", "second", "positive"), [(0, 0, False), (1, 1, False), (1, 2, True), (3, 3, True)])
def test_it_flags_phq2_positive_at_3(first: int, second: int, positive: bool) -> None:
    result = score(PHQ9, [first, second, 0, 0, 0, 0, 0, 0, 0])
    assert result.subscales["phq2"] == first + second
    assert result.has_flag("phq2_positive") is positive


@pytest.mark.parametrize(("first", "second", "positive"), [(0, 0, False), (2, 0, False), (0, 3, True), (3, 3, True)])
def test_it_flags_gad2_positive_at_3(first: int, second: int, positive: bool) -> None:
    result = score(GAD7, [first, second, 0, 0, 0, 0, 0])
    assert result.subscales["gad2"] == first + second
    assert result.has_flag("gad2_positive") is positive


@pytest.mark.parametrize(("item9", "positive"), [(0, False), (1, True), (2, True), (3, True)])
def test_it_flags_item9_whatever_the_total(item9: int, positive: bool) -> None:
    result = score(PHQ9, [0] * 8 + [item9])
    assert result.band == "minimal"
    assert result.has_flag("item9_positive") is positive


@pytest.mark.parametrize(
    ("instrument", "total", "caseness"),
    [(PHQ9, 9, False), (PHQ9, 10, True), (PHQ9, 27, True), (GAD7, 7, False), (GAD7, 8, True), (GAD7, 0, False)],
    ids=str,
)
def test_it_flags_nhs_caseness(instrument: registry.Instrument, total: int, caseness: bool) -> None:
    answers = answers_for_sum(instrument.item_count, total, 0, 3)
    assert score(instrument, answers).has_flag("nhs_caseness") is caseness


@pytest.mark.parametrize(
    ("answers", "flagged"),
    [([2, 2, 2, 2, 2], False), ([5, 5, 5, 5, 1], True), ([0, 5, 5, 5, 5], True), ([3, 3, 3, 3, 3], False)],
)
def test_it_flags_any_who5_item_0_or_1(answers: list[int], flagged: bool) -> None:
    assert score(WHO5, answers).has_flag("any_item_0_or_1") is flagged


def test_it_reports_flags_in_definition_order() -> None:
    assert score(PHQ9, [3] * 9).flags == ("item9_positive", "phq2_positive", "nhs_caseness")


def test_who5_accepts_its_native_values_5_to_0() -> None:
    assert WHO5.values == (5, 4, 3, 2, 1, 0)
    assert score(WHO5, [5, 4, 3, 2, 1]).total == 15


# ---------------------------------------------------------------------------------------------
# Refusals: nothing is scored unless every answer is a whole number in range
# ---------------------------------------------------------------------------------------------

INVALID = [
    ("phq9", [0] * 8, "wrong_count", None),
    ("phq9", [0] * 10, "wrong_count", None),
    ("phq9", [], "wrong_count", None),
    ("who5", [3] * 6, "wrong_count", None),
    ("phq9", [True] + [0] * 8, "not_an_integer", 1),
    ("phq9", [0] * 8 + [False], "not_an_integer", 9),
    ("phq9", [1.0] + [0] * 8, "not_an_integer", 1),
    ("phq9", [0, "1"] + [0] * 7, "not_an_integer", 2),
    ("phq9", [0, 0, None] + [0] * 6, "not_an_integer", 3),
    ("phq9", [0, 0, 0, [1]] + [0] * 5, "not_an_integer", 4),
    ("brs", [3, 3, 3, 3, 3, Decimal(3)], "not_an_integer", 6),
    ("phq9", [4] + [0] * 8, "out_of_range", 1),
    ("phq9", [0] * 8 + [-1], "out_of_range", 9),
    ("gad7", [0] * 6 + [4], "out_of_range", 7),
    ("scs_sf", [0] + [3] * 11, "out_of_range", 1),
    ("scs_sf", [3] * 11 + [6], "out_of_range", 12),
    ("who5", [6, 0, 0, 0, 0], "out_of_range", 1),
    ("who5", [0, 0, 0, 0, -1], "out_of_range", 5),
    ("brs", [0, 3, 3, 3, 3, 3], "out_of_range", 1),
    ("phq9", "000000000", "not_a_list", None),
    ("phq9", None, "not_a_list", None),
    ("phq9", {1: 0}, "not_a_list", None),
    ("phq9", 0, "not_a_list", None),
]


@pytest.mark.parametrize(("key", "responses", "kind", "item"), INVALID)
def test_it_refuses_invalid_responses_with_a_clear_error(key: str, responses: object, kind: str, item: int) -> None:
    instrument = registry.get(key)
    with pytest.raises(ResponseError) as caught:
        score(instrument, responses)  # type: ignore[arg-type]
    assert caught.value.kind == kind
    assert caught.value.item == item
    message = str(caught.value)
    assert instrument.short_name in message
    if item is not None:
        assert f"item {item}:" in message
    if kind == "wrong_count":
        assert f"exactly {instrument.item_count} answers" in message


@pytest.mark.parametrize(
    ("value", "shown"), [(True, "got true"), (None, "got null"), (1.0, "got 1.0"), ("1", 'got "1"'), (4, "4 is not")]
)
def test_error_messages_show_the_value_as_sent(value: object, shown: str) -> None:
    with pytest.raises(ResponseError, match=shown):
        validate_responses(PHQ9, [value] + [0] * 8)


def test_validate_responses_returns_a_tuple() -> None:
    assert validate_responses(GAD7, [0, 1, 2, 3, 0, 1, 2]) == (0, 1, 2, 3, 0, 1, 2)
    assert validate_responses(GAD7, (0, 1, 2, 3, 0, 1, 2)) == (0, 1, 2, 3, 0, 1, 2)


@pytest.mark.parametrize("value", [0, 1, 2, 3])
def test_it_accepts_each_difficulty_answer(value: int) -> None:
    assert validate_extra_answer(PHQ9, value) == value


@pytest.mark.parametrize("value", [True, 1.0, "1", None, 4, -1])
def test_it_refuses_a_bad_difficulty_answer(value: object) -> None:
    with pytest.raises(ResponseError, match="PHQ-9 difficulty"):
        validate_extra_answer(PHQ9, value)


def test_difficulty_only_exists_for_phq9() -> None:
    with pytest.raises(ValueError, match="no extra question"):
        validate_extra_answer(GAD7, 1)


# ---------------------------------------------------------------------------------------------
# Risk items on drafts
# ---------------------------------------------------------------------------------------------

RISK_CASES = [
    ({}, []),
    ({1: 3, 2: 3}, []),
    ({9: 0}, []),
    ({9: 1}, [9]),
    ({9: 3, 1: 0}, [9]),
    ({9: 2, 3: "not yet", 4: None}, [9]),  # other answers invalid: item 9 still checked
    ({9: None}, []),  # missing: never imputed
    ({9: "2"}, []),  # not a whole number: not an answer
    ({9: 7}, [9]),  # out of range but >= 1: recall first
]


@pytest.mark.parametrize(("answers", "positive"), RISK_CASES)
def test_it_checks_item9_on_partial_answers(answers: dict[int, object], positive: list[int]) -> None:
    found = risk_items_positive(PHQ9, answers)
    assert [risk.item for risk in found] == positive
    assert all(risk.flag == "item9_positive" for risk in found)


def test_only_phq9_has_a_risk_item() -> None:
    assert [(r.item, r.flag) for r in PHQ9.risk_items] == [(9, "item9_positive")]
    for instrument in (GAD7, SCS_SF, WHO5, BRS):
        assert instrument.risk_items == ()
        assert risk_items_positive(instrument, dict.fromkeys(range(1, 13), 3)) == []


# ---------------------------------------------------------------------------------------------
# Results and rounding
# ---------------------------------------------------------------------------------------------


def test_a_score_is_frozen() -> None:
    result = score(PHQ9, [1] * 9)
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.total = 0  # type: ignore[misc]
    with pytest.raises(TypeError):
        result.subscales["phq2"] = 0  # type: ignore[index]
    assert isinstance(result, Score)


@pytest.mark.parametrize(
    ("key", "responses", "screen", "machine"),
    [
        ("phq9", [2, 2, 2, 2, 2, 2, 2, 0, 0], "14", 14),
        ("scs_sf", [3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 2], "3.08", Decimal("3.0833")),  # 37/12
        ("scs_sf", [3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 4], "2.92", Decimal("2.9167")),  # 35/12
        ("brs", [4, 2, 4, 2, 5, 2], "4.17", Decimal("4.1667")),  # 25/6
        ("brs", [3, 3, 3, 3, 3, 3], "3.00", Decimal("3.0000")),
    ],
)
def test_it_rounds_half_up_for_screens_and_machines(
    key: str, responses: list[int], screen: str, machine: object
) -> None:
    result = score(registry.get(key), responses)
    assert result.total_display() == screen
    assert result.total_rounded() == machine


def test_subscale_display_rounds_like_the_total() -> None:
    result = score(SCS_SF, [1, 2, 3, 4, 5, 1, 2, 3, 4, 5, 1, 2])
    assert result.subscale_display("isolation") == "3.50"
    assert score(PHQ9, [1, 2, 0, 0, 0, 0, 0, 0, 0]).subscale_display("phq2") == "3"


ROUNDING = [
    (Fraction(2, 3), 4, "0.6667"),
    (Fraction(2, 3), 2, "0.67"),
    (Fraction(1, 8), 2, "0.13"),  # banker's rounding would give 0.12
    (Fraction(3, 8), 2, "0.38"),
    (Fraction(5, 8), 2, "0.63"),
    (Fraction(1, 2), 0, "1"),
    (Fraction(5, 2), 0, "3"),
    (Fraction(-5, 2), 0, "-3"),  # halves go away from zero
    (Fraction(-1, 3), 2, "-0.33"),
    (Fraction(-1, 1000), 2, "0.00"),
    (Fraction(1, 20000), 4, "0.0001"),  # 0.00005 exactly
    (Fraction(1, 20001), 4, "0.0000"),
    (Fraction(29, 12), 4, "2.4167"),
    (Fraction(29, 12), 2, "2.42"),
    (Fraction(5, 2), 4, "2.5000"),
    (Fraction(12345, 100000), 4, "0.1235"),
    (3, 2, "3.00"),
    (0, 4, "0.0000"),
    (Decimal("0.995"), 2, "1.00"),  # the float 0.995 rounds to 0.99
    (Decimal("1.005"), 2, "1.01"),
    (Decimal("2.675"), 2, "2.68"),
]


@pytest.mark.parametrize(("value", "places", "expected"), ROUNDING)
def test_round_half_up_is_exact(value: Fraction | int | Decimal, places: int, expected: str) -> None:
    rounded = round_half_up(value, places)
    assert isinstance(rounded, Decimal)
    assert str(rounded) == expected


def test_round_half_up_refuses_negative_places() -> None:
    with pytest.raises(ValueError):
        round_half_up(Fraction(1, 3), -1)
