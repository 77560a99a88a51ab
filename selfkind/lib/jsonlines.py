"""The shared loop of the JSON-lines commands: one JSON line out for every line in, in order."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import IO, Any

log = logging.getLogger(__name__)


class LineError(ValueError):
    """An input line the command cannot answer; its message goes back as {"error": ...}."""


def text_of(data: dict[str, Any]) -> str:
    """Return a line's required "text" (`safety-check`, `traps`); LineError when missing or not a string."""
    if "text" not in data:
        raise LineError('missing "text": expected {"text": "..."}')
    text = data["text"]
    if not isinstance(text, str):
        raise LineError(f'"text" must be a string, not {type(text).__name__}')
    return text


def run_jsonl(handler: Callable[[dict[str, Any]], dict[str, Any]], stdin: IO[str], stdout: IO[str]) -> int:
    """Answer each line of stdin with the handler's result or an error object; return 0."""
    for line in stdin:
        stdout.write(json.dumps(_answer(handler, line), ensure_ascii=False) + "\n")
        stdout.flush()
    return 0


def _answer(handler: Callable[[dict[str, Any]], dict[str, Any]], line: str) -> dict[str, Any]:
    if not line.strip():
        return {"error": "blank line: expected a JSON object"}
    try:
        data = json.loads(line)
    except ValueError as exc:
        return {"error": f"not valid JSON: {exc}"}
    if not isinstance(data, dict):
        return {"error": "expected a JSON object"}
    try:
        return handler(data)
    except LineError as exc:
        return {"error": str(exc)}
