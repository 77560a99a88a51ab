"""The `selfkind` command: Django's manage.py, plus JSON-lines commands that need no setup.

`score`, `change`, `safety-check` and `traps` run with no settings, database, keys or files on
disk (see contracts.md), so they are dispatched here before Django is ever configured.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from importlib import import_module


def _jsonl_command(module: str, function: str) -> Callable[[], int]:
    def run() -> int:
        from selfkind.lib.jsonlines import run_jsonl

        handler = getattr(import_module(module), function)
        return run_jsonl(handler, sys.stdin, sys.stdout)

    return run


JSONL_COMMANDS: dict[str, Callable[[], int]] = {
    "safety-check": _jsonl_command("selfkind.safety.screener", "check_line"),
    "score": _jsonl_command("selfkind.measures.commands", "score_line"),
    "change": _jsonl_command("selfkind.measures.commands", "change_line"),
    "traps": _jsonl_command("selfkind.journal.traps.command", "traps_line"),
}


def _generate_field_key() -> int:
    # Production cannot load its settings before a key exists, so this must not need them.
    from cryptography.fernet import Fernet

    print(Fernet.generate_key().decode("ascii"))
    return 0


NO_SETUP_COMMANDS: dict[str, Callable[[], int]] = {**JSONL_COMMANDS, "generate-field-key": _generate_field_key}


def main(argv: list[str] | None = None) -> int:
    """Run one `selfkind` subcommand and return its exit status."""
    argv = list(sys.argv if argv is None else argv)
    if len(argv) > 1 and argv[1] in NO_SETUP_COMMANDS and not argv[2:]:
        return NO_SETUP_COMMANDS[argv[1]]()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "selfkind.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv)
    return 0


if __name__ == "__main__":
    sys.exit(main())
