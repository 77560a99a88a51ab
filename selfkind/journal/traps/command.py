"""`selfkind traps`: one JSON line per thought, answered by the offline detector (contracts.md).

Runs with no Django settings, database, keys or files written: it imports only the detector.
"""

from __future__ import annotations

from typing import Any

from selfkind.journal.traps.detector import detect
from selfkind.lib.jsonlines import text_of


def traps_line(data: dict[str, Any]) -> dict[str, Any]:
    """Answer one `selfkind traps` line: {"text": str} -> {"traps": [str, ...], "scores": {trap: probability}}.

    `scores` has all 13 traps of the vocabulary; `traps` are those scoring at least 0.5, highest
    first (ties in vocabulary order). Keys other than "text" are ignored; a missing or non-string
    "text" raises LineError.
    """
    result = detect(text_of(data))
    return {"traps": list(result.traps), "scores": dict(result.scores)}
