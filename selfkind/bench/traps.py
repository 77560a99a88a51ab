"""The thinking-trap detector on its held-out evaluation set (never tuned on).

Each line of the set is {"id", "text", "traps": [...], ...}: the gold traps, `[]` for a thought with
no trap. `run()` measures the shipped model on the evaluation set; `run(path, model_path=...)`
measures any model on any such file (train.py uses it for the dev split).
"""

from __future__ import annotations

import hashlib
import json
import time
from pathlib import Path
from typing import Any

import numpy as np

from selfkind.journal.traps.detector import MODEL_PATH, THRESHOLD, VOCABULARY, TrapModel, read_model

EVAL_SET = Path(__file__).resolve().parent.parent / "journal" / "traps" / "evaluation" / "traps_eval.jsonl"
TARGETS = {"macro_f1": 0.60, "top1_accuracy": 0.65, "load_seconds": 2.0, "thoughts_per_second": 200}
_MIN_TIMING_SECONDS = 1.0


def file_sha256(path: Path) -> str:
    """Return the hex SHA-256 of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def load(path: Path) -> list[dict[str, Any]]:
    """Return the labelled thoughts of a JSON-lines file (blank lines skipped); raise ValueError on a bad line."""
    items = []
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            item = json.loads(line)
            traps = item.get("traps") if isinstance(item, dict) else None
            if not isinstance(traps, list) or not isinstance(item.get("text"), str):
                raise ValueError(f"{path}:{number}: expected a string text and a list of traps")
            unknown = [trap for trap in traps if trap not in VOCABULARY]
            if unknown:
                raise ValueError(f"{path}:{number}: traps outside the vocabulary: {unknown}")
            items.append(item)
    return items


def auroc(scores: np.ndarray, positive: np.ndarray) -> float:
    """Return the area under the ROC curve (Mann–Whitney U with mid-ranks for ties); 0.5 if one class is empty."""
    scores = np.asarray(scores, dtype=np.float64)
    positive = np.asarray(positive, dtype=bool)
    n_pos, n_neg = int(positive.sum()), int((~positive).sum())
    if not n_pos or not n_neg:
        return 0.5
    order = np.argsort(scores, kind="mergesort")
    ranks = np.empty(len(scores), dtype=np.float64)
    sorted_scores = scores[order]
    start = 0
    while start < len(scores):
        end = start
        while end + 1 < len(scores) and sorted_scores[end + 1] == sorted_scores[start]:
            end += 1
        ranks[order[start : end + 1]] = (start + end) / 2.0 + 1.0  # mid-rank of the tied block
        start = end + 1
    return float((ranks[positive].sum() - n_pos * (n_pos + 1) / 2.0) / (n_pos * n_neg))


def _share(part: float, whole: float) -> float:
    return part / whole if whole else 0.0


def score(gold: np.ndarray, probabilities: np.ndarray) -> dict[str, Any]:
    """Return the detection figures for gold labels and probabilities, both (thoughts × 13) in vocabulary order.

    Keys: per_trap ({trap: precision, recall, f1, support, predicted}), macro_f1 (mean F1 over traps
    with gold or predicted thoughts), top1_accuracy (thoughts with a gold trap whose highest-scoring
    trap is gold; ties in vocabulary order), auroc_distorted (any trap vs none, scored by the highest
    trap probability), none_flagged_rate (thoughts with no gold trap given one), exact_match.
    """
    predicted = probabilities >= THRESHOLD
    per_trap: dict[str, dict[str, float]] = {}
    f1s = []
    for k, trap in enumerate(VOCABULARY):
        tp = int((predicted[:, k] & gold[:, k]).sum())
        fp = int((predicted[:, k] & ~gold[:, k]).sum())
        fn = int((~predicted[:, k] & gold[:, k]).sum())
        precision, recall = _share(tp, tp + fp), _share(tp, tp + fn)
        f1 = _share(2 * tp, 2 * tp + fp + fn)
        per_trap[trap] = {"precision": precision, "recall": recall, "f1": f1, "support": tp + fn, "predicted": tp + fp}
        if tp + fp + fn:
            f1s.append(f1)
    distorted = gold.any(axis=1)
    top = probabilities[distorted].argmax(axis=1)  # argmax takes the first of equal scores: vocabulary order
    top_hits = gold[distorted][np.arange(len(top)), top]
    return {
        "per_trap": per_trap,
        "macro_f1": float(np.mean(f1s)) if f1s else 0.0,
        "top1_accuracy": float(top_hits.mean()) if len(top) else 0.0,
        "auroc_distorted": auroc(probabilities.max(axis=1), distorted),
        "none_flagged_rate": _share(int(predicted[~distorted].any(axis=1).sum()), int((~distorted).sum())),
        "exact_match": float((predicted == gold).all(axis=1).mean()) if len(gold) else 0.0,
    }


def _throughput(model: TrapModel, texts: list[str]) -> float:
    """Thoughts detected per second in this one process, over at least _MIN_TIMING_SECONDS."""
    if not texts:
        return 0.0
    done = 0
    started = time.perf_counter()
    while True:
        for text in texts:
            model.detect(text)
        done += len(texts)
        elapsed = time.perf_counter() - started
        if elapsed >= _MIN_TIMING_SECONDS:
            return done / elapsed


def run(path: Path | None = None, *, model_path: Path | None = None) -> dict[str, Any]:
    """Return the figures for a labelled set (default: the evaluation set) with its hash and the targets.

    Adds to `score`'s keys: set, sha256, n, n_distorted, load_seconds (reading and building the
    model from its file, once) and thoughts_per_second (full `detect`, reasons included, one core).
    """
    path = path or EVAL_SET
    model_path = model_path or MODEL_PATH
    items = load(path)
    started = time.perf_counter()
    model = read_model(model_path)
    load_seconds = time.perf_counter() - started
    texts = [item["text"] for item in items]
    gold = np.array([[trap in item["traps"] for trap in VOCABULARY] for item in items], dtype=bool)
    gold = gold.reshape(len(items), len(VOCABULARY))
    probabilities = np.array([model.probabilities(text) for text in texts]).reshape(len(items), len(VOCABULARY))
    return {
        "set": path.name,
        "sha256": file_sha256(path),
        "targets": TARGETS,
        "n": len(items),
        "n_distorted": int(gold.any(axis=1).sum()),
        **score(gold, probabilities),
        "load_seconds": load_seconds,
        "thoughts_per_second": _throughput(model, texts),
    }


def markdown(result: dict[str, Any], title: str = "Thinking-trap detection") -> str:
    """Return the figures as a Markdown section: headline measures against targets, then per trap."""
    t = result["targets"]
    rows = [
        ("Macro-F1 over the 13 traps (threshold 0.5)", f"{result['macro_f1']:.3f}", f"≥ {t['macro_f1']}"),
        ("Top-1 accuracy (thoughts with a trap)", f"{result['top1_accuracy']:.3f}", f"≥ {t['top1_accuracy']}"),
        ("AUROC, any trap vs none (highest trap probability)", f"{result['auroc_distorted']:.3f}", "—"),
        ("Thoughts with no trap given one", f"{result['none_flagged_rate']:.3f}", "—"),
        ("Model load time", f"{result['load_seconds']:.2f} s", f"< {t['load_seconds']} s"),
        ("Thoughts per second (one core)", f"{result['thoughts_per_second']:,.0f}", f"≥ {t['thoughts_per_second']}"),
    ]
    provenance = (
        " Written by someone who never saw the training data; the detector is tuned only on a dev split of "
        "`data/train.jsonl`."
        if result["set"] == EVAL_SET.name
        else ""
    )
    lines = [
        f"## {title}",
        "",
        f"Set `{result['set']}` ({result['n']} thoughts, {result['n_distorted']} with at least one trap), "
        f"sha256 `{result['sha256']}`.{provenance}",
        "",
        "| measure | result | target |",
        "| --- | --- | --- |",
        *[f"| {a} | {b} | {c} |" for a, b, c in rows],
        "",
        "| trap | precision | recall | F1 | gold | flagged |",
        "| --- | --- | --- | --- | --- | --- |",
        *[
            f"| `{trap}` | {m['precision']:.2f} | {m['recall']:.2f} | {m['f1']:.2f} "
            f"| {m['support']} | {m['predicted']} |"
            for trap, m in result["per_trap"].items()
        ],
    ]
    # Counts only: listing which thoughts were missed would invite tuning on the held-out set.
    return "\n".join(lines)
