"""docs/operations.md stays true: every command it tells an operator to run exists."""

import re
from pathlib import Path

from django.core.management import get_commands

DOC = Path(__file__).resolve().parents[3] / "docs" / "operations.md"


def test_every_selfkind_command_in_the_operations_guide_exists():
    text = DOC.read_text(encoding="utf-8")
    # Commands run in code blocks (`selfkind x`, `.venv/bin/selfkind x`, `VAR=value selfkind x`) and named in prose.
    named = set(re.findall(r"(?:^|bin/|=\S+ )selfkind ([a-z][a-z-]+)", text, flags=re.M))
    named |= set(re.findall(r"`selfkind ([a-z][a-z-]+)", text))
    assert {"serve", "worker", "backup", "restore", "create-admin", "migrate"} <= named
    commands = set(get_commands()) | {"generate-field-key"}
    missing = sorted(name for name in named if name not in commands)
    assert missing == [], f"docs/operations.md names commands that do not exist: {missing}"


def test_the_guide_sets_every_variable_production_refuses_to_start_without():
    text = DOC.read_text(encoding="utf-8")
    for variable in ("SELFKIND_ENV=production", "SELFKIND_SECRET_KEY=", "SELFKIND_FIELD_KEYS=", "ALLOWED_HOSTS="):
        assert variable in text
    assert "X-Forwarded-Proto" in text and "/healthz" in text
