"""The crisis-language screener on its held-out evaluation set (never tuned on)."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from selfkind.safety.evaluation.evaluate import evaluate

EVAL_SET = Path(__file__).resolve().parent.parent / "safety" / "evaluation" / "safety_eval.jsonl"
TARGETS = {"recall_any_risk": 0.97, "urgent_recall": 0.90, "false_alarm_rate": 0.05, "statements_per_second": 500}


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run() -> dict[str, Any]:
    """Return the evaluation's figures with the set's hash and the targets."""
    result = evaluate(EVAL_SET)
    return {"set": EVAL_SET.name, "sha256": file_sha256(EVAL_SET), "targets": TARGETS, **result}


def markdown(result: dict[str, Any]) -> str:
    t = result["targets"]
    rows = [
        (
            "Recall of any risk (concern or urgent found)",
            f"{result['recall_any_risk']:.3f}",
            f"≥ {t['recall_any_risk']}",
        ),
        ("Urgent found as urgent", f"{result['urgent_recall']:.3f}", f"≥ {t['urgent_recall']}"),
        ("False alarms on `none`", f"{result['false_alarm_rate']:.3f}", f"≤ {t['false_alarm_rate']}"),
        (
            "Statements per second (one core)",
            f"{result['statements_per_second']:,.0f}",
            f"≥ {t['statements_per_second']}",
        ),
    ]
    lines = [
        "## Crisis-language screening",
        "",
        f"Evaluation set `selfkind/safety/evaluation/{result['set']}` ({result['n']} statements), "
        f"sha256 `{result['sha256']}`. Written by a contributor who never saw the rules. The screener the product "
        "calls (the rules, raised where the learned complement is confident) is tuned and trained only on the "
        "separate tuning sets by twelve other writers (`safety_tuning*.jsonl`; the evaluation README).",
        "",
        "| measure | result | target |",
        "| --- | --- | --- |",
        *[f"| {a} | {b} | {c} |" for a, b, c in rows],
        "",
        # Counts only: listing which statements were missed would invite tuning on the held-out set.
        f"Missed risk statements: {len(result['misses'])}; false alarms: {len(result['false_alarms'])}.",
    ]
    return "\n".join(lines)
