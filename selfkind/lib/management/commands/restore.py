"""`selfkind restore FILE`: load a backup made by `selfkind backup` into an empty database."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS

from selfkind.lib import crypto
from selfkind.lib.snapshot import SnapshotError, restore_backup


class Command(BaseCommand):
    help = (
        "Load a backup made by `selfkind backup` into an empty database (a new one, migrated or not), "
        "then migrate it to this version. Refuses a database that already holds data."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file", help="The backup file.")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="Database alias (default: default).")

    def handle(self, *args: Any, file: str, database: str, **options: Any) -> None:
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"There is no backup file at {path}.")
        try:
            counts = restore_backup(path, using=database)
        except SnapshotError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"Restored {sum(counts.values())} rows into {len(counts)} tables from {path}.")
        unreadable = self._unreadable_fields()
        if unreadable:
            self.stderr.write(
                "The encrypted text in "
                + ", ".join(unreadable)
                + " does not open with the keys in SELFKIND_FIELD_KEYS. Add the keys that were in use when the "
                "backup was made (newest first), and restart."
            )

    def _unreadable_fields(self) -> list[str]:
        """Return the encrypted fields whose first stored value no configured key opens."""
        unreadable = []
        for model, field in crypto.encrypted_fields():
            try:  # reading through the field decrypts
                model._base_manager.filter(**{f"{field.name}__isnull": False}).values_list(field.name).first()
            except crypto.DecryptionError:
                unreadable.append(f"{model._meta.label}.{field.name}")
        return unreadable
