"""`selfkind score` and `selfkind change` keep contracts.md: the handlers, then the real command."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from conftest import run_selfkind
from selfkind.lib.jsonlines import LineError
from selfkind.measures.commands import change_line, score_line
from selfkind.measures.instruments.engine import round_half_up
from selfkind.measures.tests.test_engine import REFERENCE_SCORES


def as_json_number(value: int | Fraction) -> int | float:
    return float(round_half_up(value, 4)) if isinstance(value, Fraction) else value


# ---------------------------------------------------------------------------------------------
# score_line
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "ref"),
    [(key, ref) for key, refs in REFERENCE_SCORES.items() for ref in refs],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_score_line_answers_the_worked_examples(key: str, ref: Any) -> None:
    answer = score_line({"instrument": key, "responses": ref.responses})
    expected_keys = {"total", "band", "subscales", "flags"} | ({"percentage"} if key == "who5" else set())
    assert set(answer) == expected_keys
    assert answer["total"] == as_json_number(ref.total)
    assert type(answer["total"]) is (float if key in ("scs_sf", "brs") else int)
    assert answer["band"] == ref.band
    assert answer["subscales"] == {k: as_json_number(v) for k, v in ref.subscales.items()}
    assert sorted(answer["flags"]) == sorted(ref.flags)
    if key == "who5":
        assert answer["percentage"] == ref.percentage
    json.dumps(answer)  # serialisable as it stands


def test_score_line_rounds_means_half_up_to_4_decimals() -> None:
    # SCS-SF 31/12 = 2.58333...; subscales are exact halves.
    answer = score_line({"instrument": "scs_sf", "responses": [3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 4]})
    assert answer["total"] == 2.9167
    assert json.dumps(answer["total"]) == "2.9167"
    brs = score_line({"instrument": "brs", "responses": [4, 2, 4, 2, 5, 2]})  # 25/6
    assert json.dumps(brs["total"]) == "4.1667"


def test_subscales_are_always_present() -> None:
    assert score_line({"instrument": "phq9", "responses": [0] * 9})["subscales"] == {"phq2": 0}
    assert score_line({"instrument": "gad7", "responses": [0] * 7})["subscales"] == {"gad2": 0}
    assert score_line({"instrument": "who5", "responses": [0] * 5})["subscales"] == {}
    assert score_line({"instrument": "brs", "responses": [3] * 6})["subscales"] == {}
    scs = score_line({"instrument": "scs_sf", "responses": [3] * 12})["subscales"]
    assert list(scs) == ["self_kindness", "self_judgment", "common_humanity", "isolation", "mindfulness",
                         "over_identification"]  # fmt: skip


@pytest.mark.parametrize("difficulty", [0, 1, 2, 3])
def test_phq9_difficulty_is_accepted_and_never_scored(difficulty: int) -> None:
    plain = score_line({"instrument": "phq9", "responses": [1] * 9})
    assert score_line({"instrument": "phq9", "responses": [1] * 9, "difficulty": difficulty}) == plain


def test_extra_keys_are_ignored() -> None:
    plain = score_line({"instrument": "gad7", "responses": [1] * 7})
    assert score_line({"instrument": "gad7", "responses": [1] * 7, "difficulty": "x", "client": 4}) == plain


def test_brs_is_scored_even_though_clinics_may_switch_it_off() -> None:
    assert score_line({"instrument": "brs", "responses": [3] * 6})["band"] == "normal"


WHOLE = "expected a whole number from 0 to 3"
SCORE_ERRORS = [
    ({}, '"instrument" must be one of phq9, gad7, scs_sf, who5, brs; got null'),
    ({"instrument": "bdi", "responses": []}, 'got "bdi"'),
    ({"instrument": ["phq9"], "responses": []}, '"instrument" must be one of'),
    ({"instrument": "phq9"}, '"responses" is missing: expected a list of 9 answers'),
    ({"instrument": "phq9", "responses": None}, "PHQ-9: expected a list of 9 answers, got null"),
    ({"instrument": "phq9", "responses": "000000000"}, "expected a list of 9 answers"),
    ({"instrument": "phq9", "responses": [0] * 8}, "PHQ-9: expected exactly 9 answers (one per item), got 8"),
    ({"instrument": "phq9", "responses": [0] * 10}, "got 10"),
    ({"instrument": "phq9", "responses": [True] + [0] * 8}, f"PHQ-9 item 1: {WHOLE}, got true"),
    ({"instrument": "phq9", "responses": [1.0] + [0] * 8}, f"PHQ-9 item 1: {WHOLE}, got 1.0"),
    ({"instrument": "phq9", "responses": ["1"] + [0] * 8}, f'PHQ-9 item 1: {WHOLE}, got "1"'),
    ({"instrument": "phq9", "responses": [0] * 8 + [None]}, f"PHQ-9 item 9: {WHOLE}, got null"),
    ({"instrument": "gad7", "responses": [0] * 6 + [4]}, "GAD-7 item 7: 4 is not an answer; expected 0 to 3"),
    ({"instrument": "who5", "responses": [6, 0, 0, 0, 0]}, "WHO-5 item 1: 6 is not an answer; expected 0 to 5"),
    ({"instrument": "scs_sf", "responses": [0] * 12}, "SCS-SF item 1: 0 is not an answer; expected 1 to 5"),
    ({"instrument": "brs", "responses": [3] * 5 + [-1]}, "BRS item 6: -1 is not an answer"),
    ({"instrument": "phq9", "responses": [0] * 9, "difficulty": 4}, "PHQ-9 difficulty: 4 is not an answer"),
    ({"instrument": "phq9", "responses": [0] * 9, "difficulty": True}, "PHQ-9 difficulty: expected a whole number"),
    ({"instrument": "phq9", "responses": [0] * 9, "difficulty": 1.0}, "got 1.0"),
    ({"instrument": "phq9", "responses": [0] * 9, "difficulty": None}, "got null"),
]  # fmt: skip


@pytest.mark.parametrize(("data", "message"), SCORE_ERRORS)
def test_score_line_refuses_what_it_cannot_score(data: dict[str, Any], message: str) -> None:
    with pytest.raises(LineError) as caught:
        score_line(data)
    assert message in str(caught.value)


# ---------------------------------------------------------------------------------------------
# change_line
# ---------------------------------------------------------------------------------------------

CHANGE_KEYS = {"caseness_before", "caseness_after", "reliable_improvement", "reliable_deterioration", "recovery",
               "reliable_recovery"}  # fmt: skip


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"phq9": [15, 8], "gad7": [12, 6]}, [True, False, True, False, True, True]),
        ({"phq9": [15, 8], "gad7": [5, 9]}, [True, True, False, False, False, False]),
        ({"phq9": [9, 3], "gad7": [7, 2]}, [False, False, True, False, None, None]),
        ({"phq9": [5, 11]}, [False, True, False, True, None, None]),
        ({"gad7": [8, 7]}, [True, False, False, False, True, False]),
        ({"who5": [10, 13]}, [None, None, True, False, None, None]),
        ({"who5": [10, 12]}, [None, None, False, False, None, None]),
        ({"who5": [13, 10], "note": "extra keys are ignored"}, [None, None, False, True, None, None]),
    ],
)
def test_change_line_follows_the_reference(data: dict[str, Any], expected: list[bool | None]) -> None:
    answer = change_line(data)
    assert set(answer) == CHANGE_KEYS
    order = ["caseness_before", "caseness_after", "reliable_improvement", "reliable_deterioration", "recovery",
             "reliable_recovery"]  # fmt: skip
    assert [answer[key] for key in order] == expected


CHANGE_ERRORS = [
    ({}, 'expected "phq9" and/or "gad7", or "who5" alone'),
    ({"bdi": [1, 2]}, 'expected "phq9" and/or "gad7", or "who5" alone'),
    ({"who5": [1, 2], "phq9": [1, 2]}, '"who5" cannot be combined'),
    ({"who5": [1, 2], "gad7": [1, 2]}, '"who5" cannot be combined'),
    ({"phq9": [10]}, '"phq9" must be [before_total, after_total], two whole numbers from 0 to 27; got [10]'),
    ({"phq9": [1, 2, 3]}, '"phq9" must be [before_total, after_total]'),
    ({"gad7": "10,5"}, '"gad7" must be [before_total, after_total], two whole numbers from 0 to 21'),
    ({"who5": {"before": 1, "after": 2}}, '"who5" must be [before_total, after_total]'),
    ({"phq9": None}, "got null"),
    ({"phq9": [True, 5]}, "phq9: the before total must be a whole number from 0 to 27, got true"),
    ({"phq9": [10.0, 5]}, "got 10.0"),
    ({"phq9": [10, "5"]}, 'phq9: the after total must be a whole number from 0 to 27, got "5"'),
    ({"phq9": [28, 5]}, "from 0 to 27, got 28"),
    ({"gad7": [-1, 5]}, "from 0 to 21, got -1"),
    ({"gad7": [3, 22]}, "from 0 to 21, got 22"),
    ({"who5": [26, 5]}, "from 0 to 25, got 26"),
    ({"phq9": [5, 5], "gad7": [5, None]}, "gad7: the after total"),
]


@pytest.mark.parametrize(("data", "message"), CHANGE_ERRORS)
def test_change_line_refuses_what_it_cannot_compare(data: dict[str, Any], message: str) -> None:
    with pytest.raises(LineError) as caught:
        change_line(data)
    assert message in str(caught.value)


# ---------------------------------------------------------------------------------------------
# The real commands: no settings, no database, nothing on disk, one line out per line in
# ---------------------------------------------------------------------------------------------


def run(command: str, lines: list[str], cwd: Path) -> list[dict[str, Any]]:
    result = run_selfkind(command, cwd=cwd, input="".join(line + "\n" for line in lines), timeout=60)
    assert result.returncode == 0, result.stderr
    assert list(cwd.iterdir()) == []  # created nothing, not even ./var
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_selfkind_score_answers_each_line_in_order(tmp_path: Path) -> None:
    lines = [
        json.dumps({"instrument": "phq9", "responses": [0, 0, 0, 0, 0, 0, 0, 0, 1], "difficulty": 2}),
        json.dumps({"instrument": "gad7", "responses": [2, 1, 1, 1, 1, 1, 1]}),
        "",
        "not json",
        json.dumps({"instrument": "scs_sf", "responses": [3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 4]}),
        json.dumps({"instrument": "phq9", "responses": [True, 0, 0, 0, 0, 0, 0, 0, 0]}),
        json.dumps({"instrument": "who5", "responses": [3, 3, 2, 1, 3]}),
        "   ",
        json.dumps(["phq9"]),
        json.dumps({"instrument": "brs", "responses": [4, 2, 4, 2, 5, 2], "extra": 1}),
        '{"instrument": "phq9", "responses": [1.0, 0, 0, 0, 0, 0, 0, 0, 0]}',
        json.dumps({"instrument": "gad7", "responses": [1] * 6}),
    ]
    out = run("score", lines, tmp_path)
    assert len(out) == len(lines)
    assert out[0] == {"total": 1, "band": "minimal", "subscales": {"phq2": 0}, "flags": ["item9_positive"]}
    assert out[1] == {"total": 8, "band": "mild", "subscales": {"gad2": 3}, "flags": ["gad2_positive", "nhs_caseness"]}
    assert out[4]["total"] == 2.9167 and out[4]["band"] == "moderate"
    assert out[6] == {
        "total": 12,
        "band": "poor_wellbeing",
        "subscales": {},
        "flags": ["screen_for_depression", "any_item_0_or_1"],
        "percentage": 48,
    }
    assert out[9] == {"total": 4.1667, "band": "normal", "subscales": {}, "flags": []}
    for i in (2, 3, 5, 7, 8, 10, 11):
        assert set(out[i]) == {"error"}, out[i]
    assert "item 1" in out[5]["error"] and "item 1" in out[10]["error"]


def test_selfkind_change_answers_each_line_in_order(tmp_path: Path) -> None:
    lines = [
        json.dumps({"phq9": [15, 8], "gad7": [12, 6]}),
        json.dumps({"who5": [10, 13]}),
        "",
        "{broken",
        json.dumps({"who5": [10, 13], "phq9": [1, 2]}),
        json.dumps({"phq9": [10.0, 5]}),
        json.dumps({"gad7": [True, 5]}),
        json.dumps({}),
        json.dumps({"phq9": [9, 3]}),
    ]
    out = run("change", lines, tmp_path)
    assert len(out) == len(lines)
    assert out[0] == {
        "caseness_before": True,
        "caseness_after": False,
        "reliable_improvement": True,
        "reliable_deterioration": False,
        "recovery": True,
        "reliable_recovery": True,
    }
    assert out[1] == {
        "caseness_before": None,
        "caseness_after": None,
        "reliable_improvement": True,
        "reliable_deterioration": False,
        "recovery": None,
        "reliable_recovery": None,
    }
    for i in (2, 3, 4, 5, 6, 7):
        assert set(out[i]) == {"error"}, out[i]
    assert out[8]["recovery"] is None and out[8]["reliable_improvement"] is True


def test_the_scoring_modules_import_no_django(tmp_path: Path) -> None:
    code = (
        "import sys; import selfkind.measures.commands, selfkind.measures.change; "
        "import selfkind.measures.instruments.engine, selfkind.measures.instruments.registry; "
        "loaded = sorted(m for m in sys.modules if m == 'django' or m.startswith('django.')); "
        "print(loaded)"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SELFKIND_", "DATABASE_URL", "DJANGO_"))}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, env=env, timeout=60, check=True
    )
    assert result.stdout.strip() == "[]"
