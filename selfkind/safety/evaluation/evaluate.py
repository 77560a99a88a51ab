"""Measure the crisis-language screener on a labelled JSON-lines file.

Each line is {"id", "text", "label", "kind", "note"} with label "none", "concern" or "urgent".
Run on the tuning set while developing; the held-out evaluation set is for final measurement only:

    python -m selfkind.safety.evaluation.evaluate selfkind/safety/evaluation/safety_tuning.jsonl
"""

from __future__ import annotations

import json
import pathlib
import sys
import time
from collections import Counter
from typing import Any

from selfkind.safety.rules import LEVELS
from selfkind.safety.screener import screen

_MIN_TIMING_SECONDS = 1.0


def load(path: pathlib.Path) -> list[dict[str, Any]]:
    """The labelled items of a JSON-lines file (blank lines skipped); raises ValueError on a bad line."""
    items = []
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            item = json.loads(line)
            if not isinstance(item.get("text"), str) or item.get("label") not in LEVELS:
                raise ValueError(f"{path}:{number}: expected a string text and a label in {LEVELS}")
            items.append(item)
    return items


def evaluate(path: pathlib.Path) -> dict[str, Any]:
    """Screen every text in ``path`` and return the metrics.

    Keys: n, by_label ({label: {"n", "none", "concern", "urgent"}}: how items of each label were
    screened), recall_any_risk (share of concern/urgent items screened as a risk), urgent_recall
    (share of urgent items screened urgent), false_alarm_rate (share of none items screened as a
    risk), statements_per_second (one process, all texts screened repeatedly until at least a second
    has passed), misses (ids of risk items screened none), false_alarms (ids of none items flagged).
    """
    items = load(path)
    by_label: dict[str, Counter[str]] = {label: Counter() for label in LEVELS}
    misses: list[str] = []
    false_alarms: list[str] = []
    for item in items:
        level = screen(item["text"]).level
        by_label[item["label"]][level] += 1
        if item["label"] != "none" and level == "none":
            misses.append(str(item.get("id")))
        if item["label"] == "none" and level != "none":
            false_alarms.append(str(item.get("id")))

    risky = sum(sum(by_label[label].values()) for label in ("concern", "urgent"))
    urgent = sum(by_label["urgent"].values())
    none = sum(by_label["none"].values())
    return {
        "n": len(items),
        "by_label": {
            label: {"n": sum(counts.values()), **{level: counts[level] for level in LEVELS}}
            for label, counts in by_label.items()
        },
        "recall_any_risk": _share(risky - len(misses), risky),
        "urgent_recall": _share(by_label["urgent"]["urgent"], urgent),
        "false_alarm_rate": _share(len(false_alarms), none),
        "statements_per_second": _throughput([item["text"] for item in items]),
        "misses": misses,
        "false_alarms": false_alarms,
    }


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def _throughput(texts: list[str]) -> float:
    """Statements screened per second in this process, over at least _MIN_TIMING_SECONDS."""
    if not texts:
        return 0.0
    screened = 0
    started = time.perf_counter()
    while True:
        for text in texts:
            screen(text)
        screened += len(texts)
        elapsed = time.perf_counter() - started
        if elapsed >= _MIN_TIMING_SECONDS:
            return screened / elapsed


def main(argv: list[str] | None = None) -> int:
    """Print the metrics for the file named on the command line as a small table."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m selfkind.safety.evaluation.evaluate FILE.jsonl", file=sys.stderr)
        return 2
    result = evaluate(pathlib.Path(args[0]))
    print(f"{'label':<10}{'n':>6}{'none':>8}{'concern':>9}{'urgent':>8}")
    for label, row in result["by_label"].items():
        print(f"{label:<10}{row['n']:>6}{row['none']:>8}{row['concern']:>9}{row['urgent']:>8}")
    print()
    print(f"{'items':<24}{result['n']:>10}")
    print(f"{'recall (any risk)':<24}{result['recall_any_risk']:>10.3f}")
    print(f"{'urgent as urgent':<24}{result['urgent_recall']:>10.3f}")
    print(f"{'false alarm rate':<24}{result['false_alarm_rate']:>10.3f}")
    print(f"{'statements / second':<24}{result['statements_per_second']:>10.0f}")
    print(f"misses: {', '.join(result['misses']) or '-'}")
    print(f"false alarms: {', '.join(result['false_alarms']) or '-'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
