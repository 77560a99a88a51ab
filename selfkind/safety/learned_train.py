"""Train the learned complement to the crisis rules, and measure it honestly.

    python -m selfkind.safety.learned_train          # fit on all training data, write model/learned.json
    python -m selfkind.safety.learned_train --cv     # leave-one-set-out cross-validation (writes nothing)
    python -m selfkind.safety.learned_train --dev    # the same over training data only (for design choices)

Needs scikit-learn (a dev dependency); the model it writes runs without it (see learned.py).

Data. The tuning sets by twelve writers; ``safety_eval.jsonl`` is never read here. In ``--cv`` each new
writer's set is a test fold of its own (``safety_tuning9``-``12`` whole; the even-numbered ids of
``safety_tuning3``-``8``, whose odd ids were used to tune the rules), trained on the others and never used
to pick its own thresholds. The product's model (no flag) is then fitted on every tuning text, with
thresholds picked the same way.

Training examples. Every text is one example with its label. Each sentence of a ``none`` text is also a
negative example for both heads, and each sentence of a ``concern`` text a negative for the urgent head
(the model scores sentences at run time, so it must see ordinary sentences). Sentences of risk texts get no
label of their own: the risk may sit in any one of them.

Thresholds. Picked on out-of-fold scores inside the training data only (leave-one-source-out over its sets),
combined with the rules exactly as the screener combines them: the risk threshold is the lowest at which
the model alone flags at most ``risk_fa_budget`` of the ``none`` texts the rules let through (the rules'
own false alarms on new writing are ~4 %, and the target is <= 5 %); the urgent threshold the lowest at
which at most ``urgent_escalation_budget`` of the ``concern`` texts would be raised to urgent.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.linear_model import LogisticRegression

from selfkind.safety import rules
from selfkind.safety.evaluation.evaluate import load as load_jsonl
from selfkind.safety.learned import HEADS, MODEL_FORMAT, MODEL_PATH, Grams, LearnedModel, features, windows
from selfkind.safety.screener import combine

DATA_DIR = Path(__file__).resolve().parent / "evaluation"
OLD_SETS = ("safety_tuning.jsonl", "safety_tuning2.jsonl")
# Split by id parity: the rules were tuned on the odd ids, so only the even ids are a fair test.
NEW_SETS = tuple(f"safety_tuning{n}.jsonl" for n in range(3, 9))
# Sets nothing was tuned on: each whole, a test fold of its own in --cv.
WRITER_SETS = tuple(f"safety_tuning{n}.jsonl" for n in range(9, 13))
HYPERPARAMETERS: dict[str, Any] = {
    "char_range": [4, 4],
    "min_df": 2,
    "C": 4.0,
    "risk_fa_budget": 0.0,
    "urgent_escalation_budget": 0.10,
    "multi_instance": True,
}
_DIGITS = 6


@dataclass(frozen=True)
class Item:
    id: str
    text: str
    label: str
    source: str  # "tuning", "tuning2", "tuning3-odd", "tuning4-even", ...


def _id_number(item_id: str) -> int:
    digits = re.findall(r"\d+", item_id)
    if not digits:
        raise ValueError(f"an id without a number: {item_id!r}")
    return int(digits[-1])


def load_items(data_dir: Path = DATA_DIR) -> list[Item]:
    """Every labelled item of the tuning sets, tagged with its source (new sets split by id parity)."""
    items: list[Item] = []
    for name in OLD_SETS + NEW_SETS + WRITER_SETS:
        path = data_dir / name
        if not path.exists():
            continue
        stem = name.removeprefix("safety_").removesuffix(".jsonl")
        for raw in load_jsonl(path):
            source = stem
            if name in NEW_SETS:
                source = f"{stem}-{'odd' if _id_number(str(raw['id'])) % 2 else 'even'}"
            items.append(Item(str(raw["id"]), raw["text"], raw["label"], source))
    return items


def is_training(item: Item) -> bool:
    return not item.source.endswith("-even")


# ---------------------------------------------------------------------------------------------
# Fitting
# ---------------------------------------------------------------------------------------------


def _char_range(params: dict[str, Any]) -> tuple[int, int]:
    return int(params["char_range"][0]), int(params["char_range"][1])


def _examples(items: Iterable[Item], char_range: tuple[int, int]) -> tuple[list[Grams], list[int], list[int]]:
    """(window grams, risk target or -1, urgent target or -1) as described in the module docstring."""
    examples: list[Grams] = []
    risk: list[int] = []
    urgent: list[int] = []
    for item in items:
        parts = windows(item.text, char_range)
        if not parts:
            continue
        examples.append(parts[-1][1])
        risk.append(int(item.label != "none"))
        urgent.append(int(item.label == "urgent"))
        if len(parts) > 1 and item.label != "urgent":
            for _, sentence in parts[:-1]:
                examples.append(sentence)
                risk.append(0 if item.label == "none" else -1)
                urgent.append(0)
    return examples, risk, urgent


def fit(items: Sequence[Item], params: dict[str, Any]) -> dict[str, Any]:
    """Fit both heads on ``items``; return the model data (without thresholds).

    With ``params["multi_instance"]``, a second round adds, for every multi-sentence risk text, the sentence
    the first model scores highest as an example with the text's label (the risk is usually one sentence).
    """
    data = _fit(items, params, [])
    if not params.get("multi_instance"):
        return data
    model = LearnedModel(data)
    extra: list[tuple[Grams, str]] = []
    for item in items:
        parts = windows(item.text, _char_range(params))
        if item.label == "none" or len(parts) < 2:
            continue
        best = max(parts[:-1], key=lambda part: model.logit("risk", part[1]))
        extra.append((best[1], item.label))
    return _fit(items, params, extra)


def _fit(items: Sequence[Item], params: dict[str, Any], extra: list[tuple[Grams, str]]) -> dict[str, Any]:
    char_range = _char_range(params)
    examples, risk, urgent = _examples(items, char_range)
    for sentence, label in extra:
        examples.append(sentence)
        risk.append(1)
        urgent.append(int(label == "urgent"))
    rows = [features(example) for example in examples]
    df: dict[str, int] = {}
    for row in rows:
        for name in row:
            df[name] = df.get(name, 0) + 1
    names = sorted(name for name, count in df.items() if count >= params["min_df"])
    index = {name: i for i, name in enumerate(names)}
    data, cols, indptr = [], [], [0]
    for row in rows:
        for name, value in row.items():
            col = index.get(name)
            if col is not None:
                cols.append(col)
                data.append(value)
        indptr.append(len(cols))
    matrix = sparse.csr_matrix((data, cols, indptr), shape=(len(rows), len(names)))
    matrix.sort_indices()  # rows were built from sets: make the input independent of hash order
    weights: dict[str, list[float]] = {}
    bias: dict[str, float] = {}
    for head, target in (("risk", np.array(risk)), ("urgent", np.array(urgent))):
        keep = target >= 0
        model = LogisticRegression(
            C=params["C"], class_weight="balanced", max_iter=5000, solver="liblinear", random_state=0
        )
        model.fit(matrix[keep], target[keep])
        weights[head] = [float(f"{w:.{_DIGITS}g}") for w in model.coef_[0]]
        bias[head] = float(f"{model.intercept_[0]:.{_DIGITS}g}")
    return {
        "format": MODEL_FORMAT,
        "char_range": list(char_range),
        "features": names,
        "weights": weights,
        "bias": bias,
        "thresholds": {head: 1.0 for head in HEADS},
    }


# ---------------------------------------------------------------------------------------------
# Combining with the rules, thresholds and metrics
# ---------------------------------------------------------------------------------------------


def _lowest_threshold(scores: Sequence[float], budget: float, total: int) -> float:
    """The lowest threshold t (just above a score) with at most budget * total of ``scores`` >= t."""
    allowed = int(budget * total)
    ranked = sorted(scores, reverse=True)
    if allowed >= len(ranked):
        return 0.5 if not ranked else min(0.5, ranked[-1])
    return float(np.nextafter(ranked[allowed], 1.0))


def pick_thresholds(
    items: Sequence[Item], scores: dict[str, tuple[float, float]], rule_levels: dict[str, str], params: dict[str, Any]
) -> dict[str, float]:
    """Thresholds from out-of-fold ``scores`` of training items (see the module docstring)."""
    none_items = [item for item in items if item.label == "none"]
    risk = 0.0
    for source in sorted({item.source for item in items}):
        # The strictest source decides: a new writer's ordinary texts may look riskier than any pooled average.
        own = [item for item in none_items if item.source == source]
        passed = [scores[item.id][0] for item in own if rule_levels[item.id] == "none"]
        risk = max(risk, _lowest_threshold(passed, params["risk_fa_budget"], len(own)))
    concern_items = [item for item in items if item.label == "concern"]
    candidates = [
        scores[item.id][1]
        for item in concern_items
        if rule_levels[item.id] == "concern" or (rule_levels[item.id] == "none" and scores[item.id][0] >= risk)
    ]
    urgent = _lowest_threshold(candidates, params["urgent_escalation_budget"], len(concern_items))
    return {"risk": risk, "urgent": urgent}


def out_of_fold_scores(items: Sequence[Item], params: dict[str, Any]) -> dict[str, tuple[float, float]]:
    """Each item's (risk, urgent) score from a model fitted without its source set."""
    scores: dict[str, tuple[float, float]] = {}
    sources = sorted({item.source for item in items})
    for source in sources:
        model = LearnedModel(fit([item for item in items if item.source != source], params))
        for item in items:
            if item.source == source:
                score = model.score(item.text)
                scores[item.id] = (score.risk, score.urgent)
    return scores


def train(items: Sequence[Item], params: dict[str, Any], rule_levels: dict[str, str]) -> dict[str, Any]:
    """A complete model: heads fitted on ``items``, thresholds from their out-of-fold scores."""
    data = fit(items, params)
    data["thresholds"] = pick_thresholds(items, out_of_fold_scores(items, params), rule_levels, params)
    return data


def metrics(items: Sequence[Item], levels: dict[str, str]) -> dict[str, float]:
    risky = [item for item in items if item.label != "none"]
    urgent = [item for item in items if item.label == "urgent"]
    none = [item for item in items if item.label == "none"]
    return {
        "n": len(items),
        "recall": sum(levels[item.id] != "none" for item in risky) / max(len(risky), 1),
        "urgent": sum(levels[item.id] == "urgent" for item in urgent) / max(len(urgent), 1),
        "fa": sum(levels[item.id] != "none" for item in none) / max(len(none), 1),
    }


def cross_validate(
    items: Sequence[Item],
    test_sources: Sequence[str],
    params: dict[str, Any],
    rule_levels: dict[str, str],
    jobs: int = 1,
) -> list[dict[str, Any]]:
    """Leave one set out: for each test source, train on every *training* item of the other sets."""
    tasks = [(items, test, params, rule_levels) for test in test_sources]
    if jobs <= 1:
        return [_cross_validate_one(*task) for task in tasks]
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=jobs) as pool:
        return list(pool.map(_cross_validate_one, *zip(*tasks, strict=True)))


def _cross_validate_one(
    items: Sequence[Item], test: str, params: dict[str, Any], rule_levels: dict[str, str]
) -> dict[str, Any]:
    stem = test.split("-")[0]
    train_items = [item for item in items if is_training(item) and item.source.split("-")[0] != stem]
    test_items = [item for item in items if item.source == test]
    data = train(train_items, params, rule_levels)
    model = LearnedModel(data)
    combined = {}
    for item in test_items:
        score = model.score(item.text)
        combined[item.id] = combine(rule_levels[item.id], score.risk, score.urgent, model.thresholds)
    return {
        "test": test,
        "thresholds": data["thresholds"],
        "rules": metrics(test_items, rule_levels),
        "combined": metrics(test_items, combined),
        "levels": combined,
    }


def _print_rows(rows: list[dict[str, Any]], items: Sequence[Item], rule_levels: dict[str, str]) -> None:
    print(f"{'test set':<16}{'n':>5}  {'rules: recall urgent FA':>26}  {'combined: recall urgent FA':>28}  thresholds")
    for row in rows:
        r, c = row["rules"], row["combined"]
        t = row["thresholds"]
        print(
            f"{row['test']:<16}{r['n']:>5}  {r['recall']:>10.3f}{r['urgent']:>8.3f}{r['fa']:>8.3f}"
            f"  {c['recall']:>12.3f}{c['urgent']:>8.3f}{c['fa']:>8.3f}  risk {t['risk']:.3f} urgent {t['urgent']:.3f}"
        )
    tested = {row["test"] for row in rows}
    pooled_items = [item for item in items if item.source in tested]
    pooled = {k: v for row in rows for k, v in row["levels"].items()}
    r, c = metrics(pooled_items, rule_levels), metrics(pooled_items, pooled)
    print(
        f"{'pooled':<16}{r['n']:>5}  {r['recall']:>10.3f}{r['urgent']:>8.3f}{r['fa']:>8.3f}"
        f"  {c['recall']:>12.3f}{c['urgent']:>8.3f}{c['fa']:>8.3f}"
    )


def _throughput(model: LearnedModel, texts: list[str]) -> float:
    """Texts scored per second of this process's CPU time (one core, whatever else the machine runs)."""
    done, started = 0, time.process_time()
    while time.process_time() - started < 1.0:
        for text in texts:
            model.score(text)
        done += len(texts)
    return done / (time.process_time() - started)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--cv", action="store_true", help="leave-one-set-out CV, the new sets' even halves as tests")
    mode.add_argument("--dev", action="store_true", help="leave-one-set-out CV over training data only")
    parser.add_argument("--output", type=Path, default=MODEL_PATH)
    parser.add_argument("--jobs", type=int, default=1, help="cross-validation folds run in parallel")
    args = parser.parse_args(argv)

    items = load_items()
    rule_levels = {item.id: rules.screen(item.text).level for item in items}
    params = dict(HYPERPARAMETERS)
    if args.cv or args.dev:
        sources = sorted({item.source for item in items})
        tests = (
            [s for s in sources if s.endswith("-even") or s + ".jsonl" in {w[len("safety_") :] for w in WRITER_SETS}]
            if args.cv
            else [s for s in sources if is_training(Item("", "", "", s))]
        )
        rows = cross_validate(items, tests, params, rule_levels, jobs=args.jobs)
        _print_rows(rows, items, rule_levels)
        return 0

    # The product's model learns from every tuning text: the cross-validation above is the honest estimate.
    train_items = list(items)
    data = train(train_items, params, rule_levels)
    data["info"] = {
        "trained_on": sorted({item.source for item in train_items}),
        "examples": len(train_items),
        "hyperparameters": params,
        # The thresholds depend on what the rules let through: retrain after rules.py changes.
        "rules_sha256": hashlib.sha256(Path(rules.__file__).read_bytes()).hexdigest(),
    }
    model = LearnedModel(data)
    speed = _throughput(model, [item.text for item in items])
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(data, separators=(",", ":"), sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {args.output} ({len(data['features'])} features, thresholds {data['thresholds']})")
    print(f"model alone: {speed:.0f} statements/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
