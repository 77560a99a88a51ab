"""The one generic scoring engine: a pure function over an instrument's definition.

``score(instrument, responses)`` validates the answers strictly and returns a frozen ``Score``:
the total (an ``int`` for sums, an exact ``Fraction`` for means), the band, the subscales, the
flags that hold and, for WHO-5, the percentage. Nothing here knows one instrument from another:
every rule comes from the definition files (see ``registry``).

Conventions (clinical-reference.md, "Common conventions"):

* All items are required. Answers must be Python ``int`` values (``bool`` is refused although it is
  an ``int`` subclass; so are ``1.0``, ``"1"`` and ``None``), exactly one per item, each one of
  the instrument's answer values. Anything else raises :class:`ResponseError` and nothing is scored.
* Means are kept exact (``Fraction``), so a boundary such as SCS-SF 2.5 is never missed by a
  floating-point error. They are rounded half-up only for people: 2 decimals on screen, 4 on the
  machine interface (:func:`round_half_up`).
* Risk items (PHQ-9 item 9) are checked separately from scoring, on unfinished answers too
  (:func:`risk_items_positive`).

No Django import anywhere: this runs with no settings.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from types import MappingProxyType
from typing import Literal, TypeGuard

from selfkind.measures.instruments.model import Condition, Instrument, Number, RiskItem

ResponseErrorKind = Literal["not_a_list", "wrong_count", "not_an_integer", "out_of_range"]

SCREEN_DECIMALS = 2
MACHINE_DECIMALS = 4


class ResponseError(ValueError):
    """Answers that cannot be scored. `kind` says why; `item` names the item when there is one."""

    def __init__(self, kind: ResponseErrorKind, message: str, item: int | None = None) -> None:
        super().__init__(message)
        self.kind: ResponseErrorKind = kind
        self.item = item


@dataclass(frozen=True)
class Score:
    """The result of scoring one complete set of answers.

    `total` is an ``int`` for summed instruments (PHQ-9, GAD-7, WHO-5 raw) and an exact ``Fraction``
    for means (SCS-SF, BRS). `subscales` maps each subscale key to its value (PHQ-2 an ``int``,
    SCS-SF raw means as ``Fraction``); it is read-only. `flags` lists the flags that hold, in the
    definition's order. `percentage` is set only where the instrument defines one (WHO-5).
    """

    instrument: str
    responses: tuple[int, ...]
    total: Number
    band: str
    subscales: Mapping[str, Number] = field(default_factory=lambda: MappingProxyType({}))
    flags: tuple[str, ...] = ()
    percentage: int | None = None

    def has_flag(self, name: str) -> bool:
        return name in self.flags

    def total_rounded(self, places: int = MACHINE_DECIMALS) -> int | Decimal:
        """Return the total as it is stored and sent: an int for sums, half-up to `places` for means."""
        return self.total if isinstance(self.total, int) else round_half_up(self.total, places)

    def total_display(self, decimals: int = SCREEN_DECIMALS) -> str:
        """Return the total as text for people: "14" for sums, "2.58" (half-up) for means."""
        return str(self.total_rounded(decimals))

    def subscale_display(self, key: str, decimals: int = SCREEN_DECIMALS) -> str:
        """Return one subscale as text for people, rounded like the total."""
        value = self.subscales[key]
        return str(value if isinstance(value, int) else round_half_up(value, decimals))


# ---------------------------------------------------------------------------------------------
# Validation
# ---------------------------------------------------------------------------------------------


def as_sent(value: object) -> str:
    """Return a value as it was sent, for error messages (JSON spelling where possible: true, null, "1")."""
    try:
        text = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def is_whole_number(value: object) -> TypeGuard[int]:
    """Return True for a Python int that is not a bool (True is an int subclass; it is not an answer)."""
    return isinstance(value, int) and not isinstance(value, bool)


def _answer_range(values: Sequence[int]) -> str:
    return f"{min(values)} to {max(values)}"


def validate_answer(instrument: Instrument, item: int, value: object) -> int:
    """Return `value` when it is an allowed answer to `item`; otherwise raise ResponseError."""
    name = f"{instrument.short_name} item {item}"
    allowed = instrument.values
    if not is_whole_number(value):
        raise ResponseError(
            "not_an_integer",
            f"{name}: expected a whole number from {_answer_range(allowed)}, got {as_sent(value)}",
            item=item,
        )
    if value not in allowed:
        raise ResponseError(
            "out_of_range", f"{name}: {value} is not an answer; expected {_answer_range(allowed)}", item=item
        )
    return value


def validate_responses(instrument: Instrument, responses: object) -> tuple[int, ...]:
    """Return the answers as a tuple when they can be scored; otherwise raise ResponseError.

    `responses` must be a list or tuple with exactly one answer per item, in published item order,
    each a Python int (never a bool, float, string or None) among the instrument's answer values.
    The first problem found is reported, naming the item.
    """
    count = instrument.item_count
    if not isinstance(responses, (list, tuple)):
        raise ResponseError(
            "not_a_list", f"{instrument.short_name}: expected a list of {count} answers, got {as_sent(responses)}"
        )
    if len(responses) != count:
        raise ResponseError(
            "wrong_count",
            f"{instrument.short_name}: expected exactly {count} answers (one per item), got {len(responses)}",
        )
    return tuple(validate_answer(instrument, number, value) for number, value in enumerate(responses, start=1))


def validate_extra_answer(instrument: Instrument, value: object) -> int:
    """Return the answer to the unscored extra question (PHQ-9 difficulty) or raise ResponseError.

    The same strictness as the items: a Python int (not a bool) among the question's values.
    """
    question = instrument.extra_question
    if question is None:
        raise ValueError(f"{instrument.short_name} has no extra question")
    allowed = question.values
    name = f"{instrument.short_name} {question.key}"
    if not is_whole_number(value):
        raise ResponseError(
            "not_an_integer", f"{name}: expected a whole number from {_answer_range(allowed)}, got {as_sent(value)}"
        )
    if value not in allowed:
        raise ResponseError("out_of_range", f"{name}: {value} is not an answer; expected {_answer_range(allowed)}")
    return value


# ---------------------------------------------------------------------------------------------
# Scoring
# ---------------------------------------------------------------------------------------------


def score(instrument: Instrument, responses: Sequence[int]) -> Score:
    """Return the Score of a complete set of answers, or raise ResponseError (nothing is scored)."""
    values = validate_responses(instrument, responses)
    answers = dict(enumerate(values, start=1))
    scored = {
        number: (instrument.scoring.reverse_from - value)
        if number in instrument.scoring.reverse_items and instrument.scoring.reverse_from is not None
        else value
        for number, value in answers.items()
    }

    # Subscales are reported on the answers as given (never reversed): PHQ-2, GAD-2, SCS-SF profile.
    subscales: dict[str, Number] = {
        s.key: _aggregate(s.method, [answers[n] for n in s.items]) for s in instrument.subscales
    }

    method = instrument.scoring.method
    total: Number
    if method == "sum":
        total = sum(scored.values())
    elif method == "mean":
        total = Fraction(sum(scored.values()), len(scored))
    else:  # mean_of_subscale_means, on the reversed answers
        means = [Fraction(sum(scored[n] for n in s.items), len(s.items)) for s in instrument.subscales]
        total = sum(means, Fraction(0)) / len(means)

    percentage = None
    if instrument.percentage_multiplier is not None:
        assert isinstance(total, int)  # validation allows a percentage only for sums
        percentage = total * instrument.percentage_multiplier

    banded = percentage if instrument.bands_on == "percentage" else total
    assert banded is not None
    band = next(b.key for b in instrument.bands if b.bounds.contains(banded))  # exactly one: see validation

    flags = tuple(
        flag.name
        for flag in instrument.flags
        if _holds(flag.when, answers=answers, subscales=subscales, total=total, percentage=percentage)
    )
    return Score(
        instrument=instrument.key,
        responses=values,
        total=total,
        band=band,
        subscales=MappingProxyType(subscales),
        flags=flags,
        percentage=percentage,
    )


def _aggregate(method: str, values: list[int]) -> Number:
    return sum(values) if method == "sum" else Fraction(sum(values), len(values))


def _holds(
    condition: Condition,
    *,
    answers: Mapping[int, int],
    subscales: Mapping[str, Number],
    total: Number,
    percentage: int | None,
) -> bool:
    bounds = condition.bounds
    if condition.subject == "item":
        assert condition.item is not None
        return bounds.contains(answers[condition.item])
    if condition.subject == "any_item":
        return any(bounds.contains(value) for value in answers.values())
    if condition.subject == "subscale":
        assert condition.subscale is not None
        return bounds.contains(subscales[condition.subscale])
    if condition.subject == "percentage":
        return percentage is not None and bounds.contains(percentage)
    return bounds.contains(total)


def risk_items_positive(instrument: Instrument, partial_answers: Mapping[int, object]) -> list[RiskItem]:
    """Return the risk items that are positive among the answers given so far (maybe none).

    Works on a draft: `partial_answers` maps item numbers to answers and may lack items or hold
    invalid answers to other items. A risk item counts when its own answer is a whole number that
    meets the rule (PHQ-9 item 9 >= 1), even one out of range, since a missed risk is worse than a
    false alarm; a missing or non-integer answer is not positive and is never imputed.
    """
    positive = []
    for risk in instrument.risk_items:
        value = partial_answers.get(risk.item)
        if is_whole_number(value) and risk.bounds.contains(value):
            positive.append(risk)
    return positive


# ---------------------------------------------------------------------------------------------
# Rounding
# ---------------------------------------------------------------------------------------------


def round_half_up(value: int | Fraction | Decimal, places: int) -> Decimal:
    """Return `value` rounded to `places` decimals, halves away from zero, computed exactly.

    Exact on any Fraction (2/3 -> 0.6667 at 4 places; 1/8 -> 0.13 at 2, where banker's rounding
    would give 0.12). The result always has `places` decimals ("2.5000"), so it prints as stored.
    """
    if places < 0:
        raise ValueError("places must be 0 or more")
    exact = Fraction(value)
    scaled = abs(exact) * 10**places
    digits = math.floor(scaled + Fraction(1, 2))
    sign = "-" if exact < 0 and digits else ""
    whole, part = divmod(digits, 10**places)
    return Decimal(f"{sign}{whole}.{part:0{places}d}" if places else f"{sign}{whole}")
