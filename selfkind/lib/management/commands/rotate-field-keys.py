"""`selfkind rotate-field-keys`: re-encrypt every encrypted text with the newest field key."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, models, transaction
from django.db.models import ExpressionWrapper, F

from selfkind.lib import crypto


class Command(BaseCommand):
    help = (
        "Re-encrypt every EncryptedTextField value that is not yet under the newest key in SELFKIND_FIELD_KEYS "
        "(the first one). Safe to run again and to interrupt. With --check, only count, and exit with status 1 "
        "while any value still needs the old key."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--check", action="store_true", help="Count values per key without writing.")
        parser.add_argument("--batch-size", type=int, default=500, help="Rows per transaction (default 500).")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="Database alias (default: default).")

    def handle(self, *args: Any, check: bool, batch_size: int, database: str, **options: Any) -> None:
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        fields = crypto.encrypted_fields()
        if not fields:
            self.stdout.write("No model has an encrypted field; nothing to do.")
            return
        totals: Counter[str] = Counter()
        for model, field in fields:
            counts = self._scan(model, field, database=database, batch_size=batch_size, write=not check)
            totals.update(counts)
            label = f"{model._meta.label}.{field.name}"
            if check:
                self.stdout.write(
                    f"{label}: {counts['newest']} under the newest key, {counts['older']} under an older key, "
                    f"{counts['unreadable']} unreadable"
                )
            else:
                self.stdout.write(
                    f"{label}: {counts['older']} re-encrypted, {counts['newest']} already under the newest key, "
                    f"{counts['unreadable']} unreadable"
                )
        if totals["unreadable"]:
            raise CommandError(
                f"{totals['unreadable']} values cannot be decrypted with any key in SELFKIND_FIELD_KEYS and were "
                "left as they are. Put the missing key back (anywhere after the first) and run this again."
            )
        if check and totals["older"]:
            raise CommandError(
                f"{totals['older']} values are still under an older key: run `selfkind rotate-field-keys`, "
                "and keep the old key until this check passes."
            )
        if check:
            self.stdout.write(self.style.SUCCESS("Every encrypted value is under the newest key."))
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Re-encrypted {totals['older']} values; every encrypted value is now under the newest key."
                )
            )

    def _scan(
        self, model: type[models.Model], field: models.Field, *, database: str, batch_size: int, write: bool
    ) -> Counter[str]:
        """Count the non-null values of one field by key status, rewriting those under an older key if `write`.

        Walks the table by primary key in batches; each batch is read (rows locked where the
        database can) and rewritten in one transaction, so a concurrent edit is never overwritten
        with stale text and an interrupted run keeps the batches it finished.
        """
        counts: Counter[str] = Counter({"newest": 0, "older": 0, "unreadable": 0})
        manager = model._base_manager.db_manager(database)
        # The wrapper's plain TextField output skips the field's from_db_value, so we see the stored token.
        stored = ExpressionWrapper(F(field.name), output_field=models.TextField())
        last_pk: Any = None
        while True:
            with transaction.atomic(using=database):
                rows = manager.annotate(_stored=stored).order_by("pk")
                if last_pk is not None:
                    rows = rows.filter(pk__gt=last_pk)
                if write:
                    rows = rows.select_for_update()
                batch = list(rows.values_list("pk", "_stored")[:batch_size])
                stale = []
                for pk, value in batch:
                    if value is None:
                        continue
                    status = crypto.key_status(value)
                    counts[status] += 1
                    if status == "older":
                        stale.append(pk)
                if write and stale:
                    # Loading decrypts with any configured key; bulk_update encrypts with the newest.
                    objects = list(manager.filter(pk__in=stale).only(model._meta.pk.name, field.name))
                    manager.bulk_update(objects, [field.name])
            if len(batch) < batch_size:
                return counts
            last_pk = batch[-1][0]
