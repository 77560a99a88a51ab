"""The learned complement to the crisis rules, and the combined screener.

Every sentence here was invented for these tests; none comes from a data set.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from selfkind.safety import learned, rules, screener
from selfkind.safety.learned import LearnedModel, features, grams, normalise, sentences, windows

RISKY = [
    "part of me keeps praying a bus takes me out on the way to work",
    "my sister would manage fine if i wasnt around to weigh her down",
    "ive got a bottle of pills and i'm taking the lot tonight once the house is quiet",
    "sorted my will this afternoon and i'll do it from the multistorey car park at midnight",
]
URGENT = RISKY[2:]
ORDINARY = [
    "the new bakery on the corner does amazing cinnamon buns",
    "my presentation went ok and my manager said thanks",
    "watered the tomatoes and read a chapter before bed",
    "the cat knocked my mug off the desk again",
]


# ---------------------------------------------------------------------------------------------
# Features
# ---------------------------------------------------------------------------------------------


def test_normalise_drops_apostrophes_and_shortens_letter_runs() -> None:
    assert normalise("I Don\u2019t KNOOOOW") == "i dont knoow"


def test_sentences_and_windows() -> None:
    assert sentences("Long day!! Tea now... bed?") == ["long day", "tea now", "bed"]
    assert sentences("  ...  ") == []
    found = windows("Long day. Tea now")
    assert [window for window, _ in found] == ["long day", "tea now", "long day tea now"]
    whole_words, whole_chars = found[-1][1]
    assert whole_words == found[0][1][0] | found[1][1][0]  # the whole text is the union of its sentences
    assert whole_chars == found[0][1][1] | found[1][1][1]
    assert [window for window, _ in windows("just one sentence")] == ["just one sentence"]


def test_grams_and_unit_length_blocks() -> None:
    words, chars = grams("so tired", (4, 4))
    assert words == {"so", "tired", "so tired"}
    assert chars == {" so ", "so t", "o ti", " tir", "tire", "ired", "red "}
    values = features((words, chars))
    for prefix in ("w:", "c:"):
        block = [value for name, value in values.items() if name.startswith(prefix)]
        assert math.isclose(sum(value * value for value in block), 1.0)


# ---------------------------------------------------------------------------------------------
# The shipped model
# ---------------------------------------------------------------------------------------------


def test_shipped_model_loads_and_is_plain_json() -> None:
    data = json.loads(learned.MODEL_PATH.read_text(encoding="utf-8"))
    assert data["format"] == learned.MODEL_FORMAT
    assert len(data["features"]) == len(data["weights"]["risk"]) == len(data["weights"]["urgent"])
    model = learned.load()
    assert all(0.0 < model.thresholds[head] < 1.0 for head in learned.HEADS)


def test_shipped_model_ranks_invented_sentences_sensibly() -> None:
    model = learned.load()
    risky = [model.score(text).risk for text in RISKY]
    ordinary = [model.score(text).risk for text in ORDINARY]
    assert min(risky) > 0.5 > max(ordinary[:3])
    assert min(risky) > max(ordinary)  # every risky sentence ranks above every ordinary one
    assert max(ordinary) < model.thresholds["risk"]  # and no ordinary one is flagged
    for text in URGENT:
        assert model.score(text).urgent >= model.thresholds["urgent"], text
    for text in ORDINARY:
        assert model.score(text).urgent < model.thresholds["urgent"], text


def test_score_keeps_the_window_that_scored_highest() -> None:
    score = learned.load().score(f"Went to the shops. {RISKY[2]}. Then I made soup.")
    assert score.urgent_window == normalise(RISKY[2]).replace("'", "")
    assert learned.load().score("") == learned.LearnedScore()
    assert learned.load().score("?!...") == learned.LearnedScore()


# ---------------------------------------------------------------------------------------------
# The combined screener (with a tiny hand-made model, so the combination is tested exactly)
# ---------------------------------------------------------------------------------------------


@pytest.fixture
def zebra_model(tmp_path: Path) -> Path:
    """A model for which the word "zebra" is risk, and "zebra" with "stampede" urgent."""
    data = {
        "format": learned.MODEL_FORMAT,
        "char_range": [4, 4],
        "features": ["w:stampede", "w:zebra"],
        "weights": {"risk": [0.0, 40.0], "urgent": [20.0, 0.0]},
        "bias": {"risk": -5.0, "urgent": -8.0},
        "thresholds": {"risk": 0.9, "urgent": 0.9},
    }
    path = tmp_path / "zebra.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    learned.load.cache_clear()
    yield path
    learned.load.cache_clear()


def test_combine_only_raises() -> None:
    thresholds = {"risk": 0.9, "urgent": 0.8}
    assert screener.combine("none", 0.5, 0.99, thresholds) == "none"  # urgent needs risk first
    assert screener.combine("none", 0.95, 0.5, thresholds) == "concern"
    assert screener.combine("none", 0.95, 0.85, thresholds) == "urgent"
    assert screener.combine("concern", 0.0, 0.85, thresholds) == "urgent"
    assert screener.combine("concern", 0.0, 0.0, thresholds) == "concern"
    assert screener.combine("urgent", 0.0, 0.0, thresholds) == "urgent"


def test_screener_raises_with_an_auditable_reason(zebra_model: Path) -> None:
    text = "Lovely walk today. " + "A zebra " * 20 + "was there."
    result = screener.screen(text, zebra_model)
    assert result.level == "concern"
    assert result.rule_ids == ("learned_risk",)
    excerpt = result.reasons[0].split(": ", 1)[1]
    assert excerpt.startswith("a zebra a zebra") and excerpt.endswith("...") and len(excerpt) == 80

    result = screener.screen("zebra stampede", zebra_model)
    assert result.level == "urgent"
    assert result.reasons == ("learned_risk: zebra stampede", "learned_urgent: zebra stampede")


def test_screener_keeps_the_rules_and_never_lowers_them(zebra_model: Path) -> None:
    for text in ["i want to die", "i've got the tablets lined up for after everyone's asleep", "lovely walk", ""]:
        by_rules = rules.screen(text)
        assert screener.screen(text, zebra_model) == by_rules  # no zebra: the rules' answer exactly
    concern = "i want to die. zebra stampede"
    by_rules = rules.screen(concern)
    assert by_rules.level == "concern"
    result = screener.screen(concern, zebra_model)
    assert result.level == "urgent"
    assert result.reasons[: len(by_rules.reasons)] == by_rules.reasons
    assert result.reasons[len(by_rules.reasons) :] == ("learned_urgent: zebra stampede",)


@pytest.mark.django_db
def test_every_save_is_screened_by_the_combined_screener(zebra_model: Path, personas, monkeypatch) -> None:
    """What only the learned complement finds raises an alert too, with its rule id (the save path's call)."""
    from selfkind.safety import services
    from selfkind.safety.models import Alert

    monkeypatch.setattr(learned, "MODEL_PATH", zebra_model)
    outcome = services.screen_text(
        client=personas.client, text="Quiet day. A zebra zebra zebra.", source_type="note", source_id=1
    )
    assert outcome.level == "concern"
    alert = Alert.objects.get(client=personas.client)
    assert alert.rule_ids == ["learned_risk"]
    assert services.screen_text(client=personas.client, text="Quiet day.", source_type="note", source_id=2).level == (
        "none"
    )


def test_shipped_screener_never_lowers_the_rules() -> None:
    for text in RISKY + ORDINARY + ["i want to die", "i nearly died laughing at the quiz"]:
        ranks = {level: rank for rank, level in enumerate(rules.LEVELS)}
        assert ranks[screener.screen(text).level] >= ranks[rules.screen(text).level], text


# ---------------------------------------------------------------------------------------------
# Training (scikit-learn is a dev dependency)
# ---------------------------------------------------------------------------------------------


def test_training_matches_the_runtime_and_separates_invented_examples() -> None:
    pytest.importorskip("sklearn")
    from selfkind.safety.learned_train import HYPERPARAMETERS, Item, fit

    texts = {
        "none": ["the soup was nice", "we went to the park", "i read a good book", "the bus was late again"],
        "concern": ["i wish i could vanish for good", "i would rather vanish than go on", "vanish forever please"],
        "urgent": ["i will vanish tonight with the pills", "tonight the pills and then i vanish"],
    }
    items = [
        Item(f"x{n}", text, label, "invented")
        for n, (label, text) in enumerate((label, text) for label, group in texts.items() for text in group)
    ]
    params = {**HYPERPARAMETERS, "min_df": 1, "multi_instance": False}
    data = fit(items, params)
    model = LearnedModel(data)
    weights = dict(zip(data["features"], data["weights"]["risk"], strict=True))
    window_grams = windows("i might vanish", model.char_range)[0][1]
    expected = data["bias"]["risk"] + sum(
        weights.get(name, 0.0) * value for name, value in features(window_grams).items()
    )
    assert math.isclose(model.logit("risk", window_grams), expected, rel_tol=1e-9)
    assert model.score("vanish for good").risk > model.score("the park was nice").risk
