"""The JSON-lines commands keep contracts.md: no settings, no database, nothing on disk."""

import json

import pytest

from conftest import run_selfkind


def run(command, lines, tmp_path):
    result = run_selfkind(command, cwd=tmp_path, input="".join(line + "\n" for line in lines), timeout=60)
    assert result.returncode == 0, result.stderr
    assert list(tmp_path.iterdir()) == []  # created nothing, not even ./var
    return [json.loads(line) for line in result.stdout.splitlines()]


@pytest.mark.parametrize("env_name", ["development", "production"])
def test_safety_check_answers_each_line_in_order(tmp_path, monkeypatch, env_name):
    monkeypatch.setenv("SELFKIND_ENV", env_name)  # removed by run(): it must not matter
    lines = [
        json.dumps({"text": "i've got the tablets lined up for after everyone's asleep"}),
        json.dumps({"text": "i keep wishing i could just not exist for a while", "extra": 1}),
        json.dumps({"text": "i nearly died laughing at the quiz"}),
        json.dumps({"text": ""}),
        "",
        "not json",
        json.dumps({"text": 5}),
        json.dumps({}),
        json.dumps(["text"]),
        json.dumps({"text": "my aunt's funeral is on friday"}),
    ]
    out = run("safety-check", lines, tmp_path)
    assert len(out) == len(lines)
    assert out[0]["level"] == "urgent" and out[0]["reasons"]
    assert out[1]["level"] == "concern"
    assert out[2] == {"level": "none", "reasons": []}
    assert out[3] == {"level": "none", "reasons": []}
    for i in (4, 5, 6, 7, 8):
        assert set(out[i]) == {"error"}, out[i]
    assert out[9] == {"level": "none", "reasons": []}
    for answer in (out[0], out[1]):
        assert set(answer) == {"level", "reasons"}
        assert all(": " in reason for reason in answer["reasons"])
