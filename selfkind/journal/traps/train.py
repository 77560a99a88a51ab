"""Train the thinking-trap detector and write `model/model.json` (plain numbers, no pickle).

    python -m selfkind.journal.traps.train          # fit on all of data/train.jsonl, write the model
    python -m selfkind.journal.traps.train --dev    # fit on 80 %, report on the held-out 20 % (writes nothing here)

Needs scikit-learn (a dev dependency); the model it writes runs on numpy alone (see detector.py).
The dev split holds out every thought whose id number is a multiple of 5; hyperparameters were
chosen on it (and by cross-validation inside the other 80 %), never on the evaluation set.
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import json
import re
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import sklearn
from sklearn.calibration import CalibratedClassifierCV
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion
from sklearn.preprocessing import FunctionTransformer

from selfkind.journal.traps.detector import (
    CUE_PATTERNS,
    MODEL_FORMAT,
    MODEL_PATH,
    VOCABULARY,
    WORD_PATTERN,
    TrapModel,
    cue_values,
    normalise,
)

DATA_PATH = Path(__file__).resolve().parent / "data" / "train.jsonl"
HYPERPARAMETERS: dict[str, Any] = {
    "word_ngram_range": [1, 2],
    "word_min_df": 2,
    "char_ngram_range": [2, 4],
    "char_min_df": 2,
    "cue_weight": 0.3,
    "C": 10.0,
    "calibration_folds": 5,
}
_DIGITS = 9  # significant digits kept in model.json: far below the 1e-6 the runtime must match


def load_items(path: Path = DATA_PATH) -> list[dict[str, Any]]:
    """Return the labelled thoughts of a JSON-lines file; raise ValueError on a malformed line."""
    items = []
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            item = json.loads(line)
            traps = item.get("traps")
            if (
                not isinstance(item.get("text"), str)
                or not isinstance(traps, list)
                or any(trap not in VOCABULARY for trap in traps)
            ):
                raise ValueError(f"{path}:{number}: expected a string text and traps from the vocabulary")
            items.append(item)
    return items


def is_dev(item: dict[str, Any]) -> bool:
    """Return whether the item belongs to the dev split (id number a multiple of 5)."""
    return int(re.sub(r"\D", "", str(item["id"])) or 0) % 5 == 0


def cue_matrix(texts: Sequence[str], patterns: dict[str, str], weight: float) -> np.ndarray:
    """Return the rules-layer features of `texts` (one column per cue), as the runtime computes them."""
    compiled = [re.compile(pattern) for pattern in patterns.values()]
    rows = [cue_values(normalise(text), compiled, weight) for text in texts]
    return np.array(rows, dtype=np.float64).reshape(len(rows), len(compiled))


def make_features(hyper: dict[str, Any]) -> FeatureUnion:
    """Return the unfitted feature extractor: word TF-IDF, char_wb TF-IDF and the cue columns."""
    return FeatureUnion(
        [
            (
                "word",
                TfidfVectorizer(
                    preprocessor=normalise,
                    token_pattern=WORD_PATTERN,
                    ngram_range=tuple(hyper["word_ngram_range"]),
                    min_df=hyper["word_min_df"],
                    sublinear_tf=True,
                ),
            ),
            (
                "char_wb",
                TfidfVectorizer(
                    preprocessor=normalise,
                    analyzer="char_wb",
                    token_pattern=None,
                    ngram_range=tuple(hyper["char_ngram_range"]),
                    min_df=hyper["char_min_df"],
                    sublinear_tf=True,
                ),
            ),
            (
                "cues",
                FunctionTransformer(functools.partial(cue_matrix, patterns=CUE_PATTERNS, weight=hyper["cue_weight"])),
            ),
        ]
    )


@dataclass
class Fitted:
    """The scikit-learn objects of a trained detector."""

    hyper: dict[str, Any]
    features: FeatureUnion
    gate: CalibratedClassifierCV
    traps: list[CalibratedClassifierCV]

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        """Return scikit-learn's P(trap) for each text and trap: gate × trap, from predict_proba."""
        x = self.features.transform(list(texts))
        gate = self.gate.predict_proba(x)[:, 1]
        return np.column_stack([model.predict_proba(x)[:, 1] * gate for model in self.traps])


def _calibrated_logistic(hyper: dict[str, Any]) -> CalibratedClassifierCV:
    return CalibratedClassifierCV(
        LogisticRegression(C=hyper["C"], solver="liblinear", max_iter=5000),
        method="sigmoid",
        cv=hyper["calibration_folds"],
        ensemble=False,
    )


def fit(items: Sequence[dict[str, Any]], hyper: dict[str, Any] | None = None) -> Fitted:
    """Fit the detector on labelled items: the gate on all of them, each trap on the distorted ones."""
    hyper = dict(HYPERPARAMETERS if hyper is None else hyper)
    features = make_features(hyper)
    x = features.fit_transform([item["text"] for item in items]).tocsr()
    labels = np.array([[trap in item["traps"] for trap in VOCABULARY] for item in items], dtype=int)
    distorted = labels.any(axis=1)
    gate = _calibrated_logistic(hyper).fit(x, distorted.astype(int))
    traps = [_calibrated_logistic(hyper).fit(x[distorted], labels[distorted, k]) for k in range(len(VOCABULARY))]
    return Fitted(hyper=hyper, features=features, gate=gate, traps=traps)


def _num(value: float) -> float:
    return float(f"{value:.{_DIGITS}g}")


def _head(model: CalibratedClassifierCV) -> dict[str, Any]:
    calibrated = model.calibrated_classifiers_[0]
    estimator, calibrator = calibrated.estimator, calibrated.calibrators[0]
    return {
        "coef": [_num(v) for v in estimator.coef_[0]],
        "intercept": _num(estimator.intercept_[0]),
        "calibration": {"a": _num(calibrator.a_), "b": _num(calibrator.b_)},
    }


def _terms(vectorizer: TfidfVectorizer) -> list[str]:
    return [term for term, _ in sorted(vectorizer.vocabulary_.items(), key=lambda pair: pair[1])]


def export(fitted: Fitted, trained_on: dict[str, Any]) -> dict[str, Any]:
    """Return the model as plain JSON-ready data (the content of model.json)."""
    word = fitted.features.named_transformers["word"]
    char = fitted.features.named_transformers["char_wb"]
    return {
        "format": MODEL_FORMAT,
        "vocabulary": list(VOCABULARY),
        "trained_on": trained_on,
        "hyperparameters": fitted.hyper,
        "scikit_learn": sklearn.__version__,
        "features": {
            "sublinear_tf": True,
            "word": {
                "token_pattern": WORD_PATTERN,
                "ngram_range": list(fitted.hyper["word_ngram_range"]),
                "terms": _terms(word),
                "idf": [_num(v) for v in word.idf_],
            },
            "char_wb": {
                "ngram_range": list(fitted.hyper["char_ngram_range"]),
                "terms": _terms(char),
                "idf": [_num(v) for v in char.idf_],
            },
            "cues": {"weight": fitted.hyper["cue_weight"], "names": list(CUE_PATTERNS), "patterns": CUE_PATTERNS},
        },
        "models": {"any": _head(fitted.gate)}
        | {trap: _head(model) for trap, model in zip(VOCABULARY, fitted.traps, strict=True)},
    }


def parity(fitted: Fitted, model: TrapModel, texts: Sequence[str]) -> float:
    """Return the largest gap between scikit-learn's probabilities and the runtime model's on `texts`."""
    expected = fitted.predict_proba(texts)
    actual = np.array([model.probabilities(text) for text in texts])
    return float(np.abs(expected - actual).max())


def write_model(data: dict[str, Any], path: Path) -> None:
    """Write the model as compact JSON (one line), creating the folder if needed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def main(argv: list[str] | None = None) -> int:
    """Train, check runtime parity, and write the model (or, with --dev, report dev-split figures)."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DATA_PATH, help="labelled JSON-lines file")
    parser.add_argument("--out", type=Path, default=None, help=f"model file (default {MODEL_PATH})")
    parser.add_argument("--dev", action="store_true", help="fit on 80 %% and report on the held-out 20 %%")
    args = parser.parse_args(argv)

    items = load_items(args.data)
    train_items = [item for item in items if not is_dev(item)] if args.dev else items
    fitted = fit(train_items)
    trained_on = {
        "file": args.data.name,
        "sha256": _sha256(args.data),
        "items": len(train_items),
        "split": "dev: all but ids divisible by 5" if args.dev else "all",
    }
    data = export(fitted, trained_on)
    model = TrapModel(data)
    gap = parity(fitted, model, [item["text"] for item in items[:400]])
    print(f"runtime vs scikit-learn: largest probability gap {gap:.2e}", file=sys.stderr)
    if gap > 1e-6:
        print("runtime does not reproduce scikit-learn; model not written", file=sys.stderr)
        return 1

    if not args.dev:
        out = args.out or MODEL_PATH
        write_model(data, out)
        print(f"wrote {out} ({out.stat().st_size / 1e6:.2f} MB) from {len(items)} items", file=sys.stderr)
        return 0

    from selfkind.bench import traps as bench

    with tempfile.TemporaryDirectory() as folder:
        model_path = Path(folder) / "model.json"
        dev_path = Path(folder) / "dev.jsonl"
        write_model(data, args.out or model_path)
        dev_path.write_text(
            "".join(json.dumps(item, ensure_ascii=False) + "\n" for item in items if is_dev(item)), encoding="utf-8"
        )
        result = bench.run(dev_path, model_path=args.out or model_path)
    print(bench.markdown(result, title="Thinking-trap detection on the dev split (20 % of train.jsonl)"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
