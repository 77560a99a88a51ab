"""Plain explanations, examples and Socratic questions for each thinking trap (content/traps)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import yaml
from django.conf import settings

from selfkind.journal.traps.detector import VOCABULARY as TRAP_VOCABULARY
from selfkind.lib.content import ContentError

VOCABULARY = TRAP_VOCABULARY  # one source: the detector's, which runs without Django


@dataclass(frozen=True)
class TrapInfo:
    key: str
    name: str
    explanation: str
    example: str
    questions: tuple[str, ...]


@lru_cache(maxsize=1)
def traps() -> dict[str, TrapInfo]:
    """Return every trap's content in vocabulary order, or raise ContentError naming the field."""
    path = settings.CONTENT_DIR / "traps" / "traps.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))["traps"]
    if list(data) != list(VOCABULARY):
        raise ContentError(f"{path.name}: traps must be exactly the vocabulary, in order.")
    result = {}
    for key in VOCABULARY:
        entry = data[key]
        for field in ("name", "explanation", "example", "questions"):
            if not entry.get(field):
                raise ContentError(f"{path.name}: traps.{key}.{field} is missing.")
        result[key] = TrapInfo(key, entry["name"], entry["explanation"], entry["example"], tuple(entry["questions"]))
    return result
