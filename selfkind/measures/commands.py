"""The `selfkind score` and `selfkind change` JSON-lines handlers (contracts.md), pure Python.

Each handler takes one parsed input object and returns the output object, or raises
``LineError`` whose message becomes ``{"error": "..."}``. The shared loop (one line out per line
in, blank and unparsable lines, exit status) lives in ``selfkind.lib.jsonlines``. No Django, no
settings, no files: they run anywhere with no environment.

Numbers out: sums are JSON integers; means (SCS-SF and BRS totals, SCS-SF subscales) are the exact
value rounded half-up to 4 decimals, sent as JSON numbers (2.5 rather than 2.5000: the same number).
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from selfkind.lib.jsonlines import LineError
from selfkind.measures import change
from selfkind.measures.instruments import engine, registry
from selfkind.measures.instruments.model import Number

CHANGE_KEYS = ("phq9", "gad7", "who5")


def _json_number(value: Number) -> int | float:
    if isinstance(value, Fraction):
        # A 4-decimal Decimal converts to the float whose shortest repr is those same digits.
        return float(engine.round_half_up(value, engine.MACHINE_DECIMALS))
    return value


def score_line(data: dict[str, Any]) -> dict[str, Any]:
    """Return {"total", "band", "subscales", "flags"} (+ "percentage" for WHO-5) for one input line.

    Input: {"instrument": key, "responses": [...]}; PHQ-9 may add "difficulty": 0-3, checked as
    strictly as the items and never scored. Instruments a clinic switched off are scored too.
    """
    key, known = data.get("instrument"), registry.all_keys()
    if not isinstance(key, str) or key not in known:
        raise LineError(f'"instrument" must be one of {", ".join(known)}; got {engine.as_sent(key)}')
    instrument = registry.get(key)
    if "responses" not in data:
        raise LineError(f'"responses" is missing: expected a list of {instrument.item_count} answers')
    try:
        result = engine.score(instrument, data["responses"])
        question = instrument.extra_question
        if question is not None and question.key in data:
            engine.validate_extra_answer(instrument, data[question.key])
    except engine.ResponseError as exc:
        raise LineError(str(exc)) from None
    answer: dict[str, Any] = {
        "total": _json_number(result.total),
        "band": result.band,
        "subscales": {name: _json_number(value) for name, value in result.subscales.items()},
        "flags": list(result.flags),
    }
    if result.percentage is not None:
        answer["percentage"] = result.percentage
    return answer


def change_line(data: dict[str, Any]) -> dict[str, Any]:
    """Return the six outcome fields for "phq9" and/or "gad7", or "who5" alone, each [before, after].

    Totals are raw (WHO-5 0-25; its rule works on raw x 4). See ``change`` for what caseness means
    with one measure or two; WHO-5 gives null caseness and recovery fields.
    """
    given = [key for key in CHANGE_KEYS if key in data]
    if not given:
        raise LineError('expected "phq9" and/or "gad7", or "who5" alone, each as [before_total, after_total]')
    if "who5" in given and len(given) > 1:
        raise LineError('"who5" cannot be combined with "phq9" or "gad7": send it on its own line')
    pairs: dict[str, tuple[int, int]] = {}
    for key in given:
        pair = data[key]
        if not isinstance(pair, list) or len(pair) != 2:
            low, high = registry.get(key).total_range
            raise LineError(
                f'"{key}" must be [before_total, after_total], two whole numbers from {low} to {high}; '
                f"got {engine.as_sent(pair)}"
            )
        pairs[key] = (pair[0], pair[1])
    try:
        return dict(change.outcome(pairs).as_dict())
    except change.ChangeError as exc:
        raise LineError(str(exc)) from None
