"""`selfkind generate-field-key`: print a new key for SELFKIND_FIELD_KEYS."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from selfkind.lib.crypto import generate_key


class Command(BaseCommand):
    help = "Print a new random field-encryption key. Put it first in SELFKIND_FIELD_KEYS to start using it."

    # The key is made locally; no database, migrations or existing keys are needed.
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(generate_key())
