"""The combined crisis screener: the rules' decision, raised (never lowered) by a confident learned model.

``screen(text)`` returns the same ``Screening`` as ``rules.screen``. When the rules find nothing but the
learned model (``learned.py``) scores a sentence above its risk threshold, the level becomes ``concern``
with the reason ``"learned_risk: <that sentence, up to 80 characters>"``; when the level is at least
``concern`` and the urgent head is above its own threshold, it becomes ``urgent`` with a
``"learned_urgent: ..."`` reason. The rules' reasons always come first and are never removed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from selfkind.lib.jsonlines import text_of
from selfkind.safety import learned, rules

REASON_CHARS = 80


def combine(rule_level: str, risk: float, urgent: float, thresholds: dict[str, float]) -> str:
    """The combined level for the rules' level and the model's two scores."""
    level = rule_level
    if level == "none" and risk >= thresholds["risk"]:
        level = "concern"
    if level != "none" and urgent >= thresholds["urgent"]:
        level = "urgent"
    return level


def _excerpt(window: str) -> str:
    return window if len(window) <= REASON_CHARS else window[: REASON_CHARS - 3].rstrip() + "..."


def screen(text: str, model_path: Path | None = None) -> rules.Screening:
    """Screen one client text with the rules and the learned model (by default the shipped one)."""
    found = rules.screen(text)
    if found.level == "urgent" or not text or not text.strip():
        return found
    model = learned.load(model_path or learned.MODEL_PATH)
    score = model.score(text)
    level = combine(found.level, score.risk, score.urgent, model.thresholds)
    if level == found.level:
        return found
    reasons = list(found.reasons)
    if found.level == "none":
        reasons.append(f"learned_risk: {_excerpt(score.risk_window)}")
    if level == "urgent":
        reasons.append(f"learned_urgent: {_excerpt(score.urgent_window)}")
    return rules.Screening(level, tuple(reasons))


def check_line(data: dict[str, Any]) -> dict[str, Any]:
    """Answer one `selfkind safety-check` line: {"text": str} -> {"level": str, "reasons": [str, ...]}.

    Keys other than "text" are ignored; a missing or non-string "text" raises LineError.
    """
    result = screen(text_of(data))
    return {"level": result.level, "reasons": list(result.reasons)}
