"""The thinking-trap detector: its result, the shipped model, parity with scikit-learn, and `selfkind traps`."""

from __future__ import annotations

import dataclasses
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from selfkind.bench.traps import auroc, score
from selfkind.bench.traps import run as bench_run
from selfkind.journal.traps import VOCABULARY, TrapResult, detect, load_model
from selfkind.journal.traps.command import traps_line
from selfkind.journal.traps.detector import (
    MODEL_FORMAT,
    MODEL_PATH,
    TrapModel,
    char_wb_ngrams,
    normalise,
    read_model,
    word_ngrams,
)
from selfkind.lib.jsonlines import LineError

TRAIN_PATH = Path(__file__).resolve().parent.parent / "data" / "train.jsonl"

# Written for these tests; none of them is in train.jsonl (checked below).
CLEAR = [
    ("all_or_nothing", "If the essay isn't perfect then it's a total failure, there's nothing in between."),
    ("overgeneralizing", "My bike got a flat again. Everything always goes wrong for me, every single time."),
    ("labeling", "I locked my keys in the car. I'm such a useless idiot."),
    ("mental_filter", "The review was glowing except one remark, and that remark is all I can think about."),
    ("disqualifying_positive", "My teacher praised my poem but she was just being nice, it doesn't count."),
    ("mind_reading", "The new neighbours didn't wave, they must think I'm rude."),
    ("fortune_telling", "I'm going to fail the driving test on Friday, I just know it."),
    ("catastrophizing", "My throat is sore, what if it's cancer and I die before Christmas?"),
    ("emotional_reasoning", "I feel like a fraud, so I must be one."),
    ("should_statements", "I should be able to cope with all of this on my own by now."),
    ("personalizing", "The team lost the quiz and it's all my fault, it's because of me."),
    ("blaming", "My ex is the reason my whole life is a mess, it's his fault."),
    ("comparing", "Everyone else in my class is so much cleverer than me."),
]
NO_TRAP = [
    "Had soup for lunch and went for a walk by the canal.",
    "The dentist appointment got moved to Thursday at ten.",
    "I'm sad today because it's my grandad's anniversary. I lit a candle for him.",
    "I made a mistake on the invoice, told the client, and sent a corrected one.",
]
ODD_TEXTS = [
    "",
    "   ",
    "!!!",
    "I’m ‘fine’ — honestly…",
    "ÇA VA? İstanbul straße ﬁne 123 4.5",
    "emoji 😊😊 and tabs\tand\nnew lines",
    "a",
    "word " * 400,
]


def probabilities(result: TrapResult) -> list[float]:
    return [result.scores[trap] for trap in VOCABULARY]


# ---------------------------------------------------------------------------------------------
# The result
# ---------------------------------------------------------------------------------------------


def test_vocabulary_has_the_13_traps_in_contract_order() -> None:
    assert VOCABULARY == (
        "all_or_nothing",
        "overgeneralizing",
        "labeling",
        "mental_filter",
        "disqualifying_positive",
        "mind_reading",
        "fortune_telling",
        "catastrophizing",
        "emotional_reasoning",
        "should_statements",
        "personalizing",
        "blaming",
        "comparing",
    )


def test_result_shape() -> None:
    result = detect("I always mess everything up and I'm an idiot.")
    assert isinstance(result, TrapResult)
    assert list(result.scores) == list(VOCABULARY)
    assert all(type(value) is float for value in result.scores.values())
    assert isinstance(result.traps, tuple) and set(result.traps) <= set(VOCABULARY)
    assert set(result.why) == set(result.traps)
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.traps = ()  # type: ignore[misc]


@pytest.mark.parametrize("text", [text for _, text in CLEAR] + NO_TRAP + ODD_TEXTS)
def test_scores_are_probabilities_and_traps_are_those_at_least_half(text: str) -> None:
    result = detect(text)
    assert all(0.0 <= p <= 1.0 and np.isfinite(p) for p in probabilities(result))
    expected = sorted(
        (trap for trap in VOCABULARY if result.scores[trap] >= 0.5),
        key=lambda trap: (-result.scores[trap], VOCABULARY.index(trap)),
    )
    assert list(result.traps) == expected


def test_examples_are_not_in_the_training_data() -> None:
    def key(text: str) -> str:
        return re.sub(r"\W+", " ", text.lower()).strip()

    trained = {key(json.loads(line)["text"]) for line in TRAIN_PATH.read_text(encoding="utf-8").splitlines()}
    assert not {key(text) for _, text in CLEAR} & trained
    assert not {key(text) for text in NO_TRAP} & trained


@pytest.mark.parametrize("text", NO_TRAP)
def test_a_thought_with_no_trap_scores_low_on_every_trap(text: str) -> None:
    result = detect(text)
    assert result.traps == ()
    assert max(probabilities(result)) < 0.5
    assert result.why == {}


@pytest.mark.parametrize(("trap", "text"), CLEAR, ids=[trap for trap, _ in CLEAR])
def test_clear_examples_are_detected(trap: str, text: str) -> None:
    assert trap in detect(text).traps


@pytest.mark.parametrize(("trap", "text"), CLEAR, ids=[trap for trap, _ in CLEAR])
def test_why_gives_words_of_the_text_for_each_suggested_trap(trap: str, text: str) -> None:
    result = detect(text)
    assert result.traps
    for suggested in result.traps:
        reasons = result.why[suggested]
        assert 1 <= len(reasons) <= 3
        for reason in reasons:
            assert reason and reason in text  # an exact piece of what the client wrote
            assert re.search(r"\w", reason)


def test_why_names_the_telling_words() -> None:
    assert "should" in detect("I should be able to cope with all of this on my own by now.").why["should_statements"]


def test_detect_is_deterministic() -> None:
    text = "Nobody ever calls me back, I'll be alone forever and it's my own fault."
    first = detect(text)
    assert detect(text) == first
    assert read_model().detect(text) == first  # a second, fresh copy of the model agrees


def test_ties_are_broken_in_vocabulary_order() -> None:
    data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    for head in data["models"].values():
        head["coef"] = [0.0] * len(head["coef"])
        head["intercept"] = 5.0  # every trap: sigmoid(5) × sigmoid(5), the same for all
        head["calibration"] = {"a": -1.0, "b": 0.0}
    result = TrapModel(data).detect("anything at all")
    assert result.traps == VOCABULARY
    assert len(set(result.scores.values())) == 1


def test_load_model_is_cached() -> None:
    assert load_model() is load_model()


# ---------------------------------------------------------------------------------------------
# The shipped model
# ---------------------------------------------------------------------------------------------


def test_model_file_is_plain_json_and_small() -> None:
    assert MODEL_PATH.stat().st_size < 10_000_000
    assert not list(MODEL_PATH.parent.glob("*.pkl")) and not list(MODEL_PATH.parent.glob("*.joblib"))
    data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    assert data["format"] == MODEL_FORMAT
    assert data["vocabulary"] == list(VOCABULARY)
    assert set(data["models"]) == {"any", *VOCABULARY}
    n_features = sum(len(data["features"][block]["terms"]) for block in ("word", "char_wb")) + len(
        data["features"]["cues"]["names"]
    )
    for head in data["models"].values():
        assert len(head["coef"]) == n_features
        assert all(type(value) is float for value in head["coef"][:1000])
        assert set(head["calibration"]) == {"a", "b"}


def test_model_rejects_another_format() -> None:
    with pytest.raises(ValueError):
        TrapModel({"format": "something-else"})


# ---------------------------------------------------------------------------------------------
# Parity with scikit-learn (skipped where scikit-learn is not installed)
# ---------------------------------------------------------------------------------------------


def training_items() -> list[dict[str, Any]]:
    return [json.loads(line) for line in TRAIN_PATH.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_runtime_analyzers_reproduce_scikit_learn() -> None:
    text_module = pytest.importorskip("sklearn.feature_extraction.text")
    from selfkind.journal.traps.detector import WORD_PATTERN

    texts = [item["text"] for item in training_items()[:300]] + ODD_TEXTS
    for low, high in [(1, 1), (1, 2), (1, 3), (2, 2)]:
        analyze = text_module.TfidfVectorizer(
            preprocessor=normalise, token_pattern=WORD_PATTERN, ngram_range=(low, high)
        ).build_analyzer()
        assert all(word_ngrams(normalise(text), (low, high)) == analyze(text) for text in texts)
    for low, high in [(1, 4), (2, 4), (2, 5), (3, 3)]:
        analyze = text_module.TfidfVectorizer(
            preprocessor=normalise, analyzer="char_wb", ngram_range=(low, high)
        ).build_analyzer()
        assert all(char_wb_ngrams(normalise(text), (low, high)) == analyze(text) for text in texts)


def test_runtime_probabilities_equal_scikit_learn_predict_proba() -> None:
    pytest.importorskip("sklearn")
    from selfkind.journal.traps import train

    items = training_items()
    fitted = train.fit(items[:700])
    model = TrapModel(train.export(fitted, trained_on={"items": 700}))
    texts = [item["text"] for item in items[700:900]] + ODD_TEXTS + [text for _, text in CLEAR]
    expected = fitted.predict_proba(texts)
    actual = np.array([model.probabilities(text) for text in texts])
    np.testing.assert_allclose(actual, expected, rtol=0, atol=1e-6)


def test_shipped_model_features_equal_scikit_learn() -> None:
    text_module = pytest.importorskip("sklearn.feature_extraction.text")
    data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    model = TrapModel(data)
    blocks = []
    for name, kwargs in [
        ("word", {"token_pattern": data["features"]["word"]["token_pattern"]}),
        ("char_wb", {"analyzer": "char_wb", "token_pattern": None}),
    ]:
        block = data["features"][name]
        vectorizer = text_module.TfidfVectorizer(
            preprocessor=normalise,
            ngram_range=tuple(block["ngram_range"]),
            vocabulary=block["terms"],
            sublinear_tf=True,
            **kwargs,
        ).fit(["fit needs a document"])
        vectorizer.idf_ = np.array(block["idf"])
        blocks.append(vectorizer)
    texts = [item["text"] for item in training_items()[:200]] + ODD_TEXTS
    n_text = model.cue_offset
    for text in texts:
        expected = np.hstack([vectorizer.transform([text]).toarray()[0] for vectorizer in blocks])
        columns, values = model.features(text)
        actual = np.zeros(n_text + len(model.cue_names))
        actual[columns] = values
        np.testing.assert_allclose(actual[:n_text], expected, rtol=0, atol=1e-12)


# ---------------------------------------------------------------------------------------------
# The bench's measures (run here on small made-up sets, never on the evaluation set)
# ---------------------------------------------------------------------------------------------


def test_auroc_counts_ordered_pairs_with_ties_as_half() -> None:
    rng = np.random.default_rng(7)
    scores = rng.integers(0, 5, size=60).astype(float)
    positive = rng.random(60) < 0.4
    pairs = [(p, n) for p in scores[positive] for n in scores[~positive]]
    expected = sum(1.0 if p > n else 0.5 if p == n else 0.0 for p, n in pairs) / len(pairs)
    assert auroc(scores, positive) == pytest.approx(expected)
    assert auroc(np.array([0.1, 0.9]), np.array([False, True])) == 1.0
    assert auroc(np.array([0.1, 0.9]), np.array([True, True])) == 0.5


def test_score_counts_top1_and_f1() -> None:
    gold = np.zeros((3, 13), dtype=bool)
    gold[0, 0] = gold[1, 1] = True  # the third thought has no trap
    probs = np.zeros((3, 13))
    probs[0, 0], probs[1, 2], probs[2, 3] = 0.9, 0.8, 0.7
    result = score(gold, probs)
    assert result["top1_accuracy"] == 0.5
    assert result["per_trap"]["all_or_nothing"]["f1"] == 1.0
    assert result["per_trap"]["overgeneralizing"]["recall"] == 0.0
    assert result["none_flagged_rate"] == 1.0
    assert result["macro_f1"] == pytest.approx(1.0 / 4)  # four traps had gold or flagged thoughts


def test_bench_runs_on_a_labelled_file(tmp_path: Path) -> None:
    path = tmp_path / "small.jsonl"
    lines = [{"id": f"s{i}", "text": text, "traps": [trap]} for i, (trap, text) in enumerate(CLEAR)]
    lines += [{"id": f"n{i}", "text": text, "traps": []} for i, text in enumerate(NO_TRAP)]
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    result = bench_run(path)
    assert result["n"] == len(lines) and result["n_distorted"] == len(CLEAR)
    assert set(result["per_trap"]) == set(VOCABULARY)
    assert len(result["sha256"]) == 64
    assert isinstance(result["load_seconds"], float) and isinstance(result["thoughts_per_second"], float)


# ---------------------------------------------------------------------------------------------
# `selfkind traps`
# ---------------------------------------------------------------------------------------------


def test_traps_line_answers_traps_and_all_scores() -> None:
    answer = traps_line({"text": "I'm such a useless idiot."})
    assert set(answer) == {"traps", "scores"}
    assert list(answer["scores"]) == list(VOCABULARY)
    assert "labeling" in answer["traps"]
    assert answer == json.loads(json.dumps(answer))


def test_traps_line_ignores_extra_keys_and_accepts_empty_text() -> None:
    assert traps_line({"text": "I'm such a useless idiot.", "id": 3, "lang": "en"}) == traps_line(
        {"text": "I'm such a useless idiot."}
    )
    assert traps_line({"text": ""})["traps"] == []


@pytest.mark.parametrize("data", [{}, {"thought": "hi"}, {"text": None}, {"text": 5}, {"text": ["a"]}, {"text": True}])
def test_traps_line_rejects_missing_or_non_string_text(data: dict[str, Any]) -> None:
    with pytest.raises(LineError):
        traps_line(data)


def clean_environment() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith(("SELFKIND_", "DATABASE_URL", "DJANGO_"))}


def test_selfkind_traps_command_answers_each_line_and_writes_nothing(tmp_path: Path) -> None:
    lines = [
        json.dumps({"text": "I'm such a useless idiot."}),
        "",
        "not json",
        json.dumps(["text"]),
        json.dumps({"text": 5}),
        json.dumps({}),
        json.dumps({"text": "Had soup for lunch.", "extra": True}),
        "   ",
    ]
    result = subprocess.run(
        [sys.executable, "-m", "selfkind", "traps"],
        input="".join(line + "\n" for line in lines),
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=clean_environment(),
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert list(tmp_path.iterdir()) == []  # created nothing, not even ./var
    answers = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(answers) == len(lines)
    assert "labeling" in answers[0]["traps"] and list(answers[0]["scores"]) == list(VOCABULARY)
    for i in (1, 2, 3, 4, 5, 7):
        assert set(answers[i]) == {"error"}, answers[i]
    assert answers[6]["traps"] == [] and set(answers[6]) == {"traps", "scores"}


def test_the_command_path_never_imports_django(tmp_path: Path) -> None:
    code = (
        "import sys, selfkind.journal.traps.command as c; c.traps_line({'text': 'x'}); "
        "print(any(m == 'django' or m.startswith('django.') for m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, env=clean_environment(), timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"
