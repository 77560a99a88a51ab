"""`selfkind backup FILE`: a consistent snapshot of the whole database, never the keys."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS

from selfkind.lib.snapshot import SnapshotError, write_backup


class Command(BaseCommand):
    help = (
        "Write a consistent snapshot of the whole database to FILE (gzip'd JSON lines; '-' for standard "
        "output). Encrypted text stays encrypted and the keys are never written: keep them apart."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file", help="Where to write the backup (it must not exist yet), or '-'.")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="Database alias (default: default).")

    def handle(self, *args: Any, file: str, database: str, **options: Any) -> None:
        try:
            if file == "-":
                counts = write_backup(sys.stdout.buffer, using=database)
                sys.stdout.buffer.flush()
            else:
                counts = self._write_file(Path(file), database)
        except SnapshotError as exc:
            raise CommandError(str(exc)) from None
        # Standard error, so that `selfkind backup -` keeps standard output for the backup itself.
        self.stderr.write(
            f"Backed up {sum(counts.values())} rows from {len(counts)} tables"
            + ("" if file == "-" else f" to {file}")
            + ".",
            style_func=lambda text: text,
        )

    def _write_file(self, path: Path, database: str) -> dict[str, int]:
        if path.exists():
            raise CommandError(f"{path} already exists; nothing was written. Choose a new name (a date in it helps).")
        if not path.parent.is_dir():
            raise CommandError(f"The folder {path.parent} does not exist; nothing was written.")
        # Written beside its final name (mode 0600) and renamed when complete: a half-written file never
        # looks like a backup.
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
        try:
            with os.fdopen(fd, "wb") as handle:
                counts = write_backup(handle, using=database)
                handle.flush()
                os.fsync(handle.fileno())
            os.link(tmp, path)  # never replaces a file that appeared meanwhile
        finally:
            os.unlink(tmp)
        return counts
