"""Periodic jobs for the worker: a small registry, run at most once per interval across workers."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.db import models, transaction
from django.utils import timezone

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PeriodicJob:
    name: str
    every: timedelta
    run: Callable[[], object]


REGISTRY: dict[str, PeriodicJob] = {}


def periodic(*, every: timedelta) -> Callable[[Callable[[], object]], Callable[[], object]]:
    """Register a function to run every `every` in the worker (it must be idempotent)."""

    def register(func: Callable[[], object]) -> Callable[[], object]:
        name = f"{func.__module__}.{func.__qualname__}"
        REGISTRY[name] = PeriodicJob(name=name, every=every, run=func)
        return func

    return register


class PeriodicRun(models.Model):
    name = models.CharField(max_length=200, unique=True)
    last_started_at = models.DateTimeField()

    class Meta:
        app_label = "selfkind_lib"


def run_due_jobs() -> list[str]:
    """Run every registered job whose interval has passed; return the names that ran."""
    ran = []
    for job in list(REGISTRY.values()):
        now = timezone.now()
        with transaction.atomic():
            # Claim the run first (row lock on PostgreSQL, the write lock on SQLite) so that two
            # workers never start the same job in the same interval.
            row, _created = PeriodicRun.objects.select_for_update().get_or_create(
                name=job.name, defaults={"last_started_at": now - job.every}
            )
            if now - row.last_started_at < job.every:
                continue
            row.last_started_at = now
            row.save(update_fields=["last_started_at"])
        try:
            job.run()
            ran.append(job.name)
        except Exception:
            log.exception("Periodic job %s failed; it will run again next interval.", job.name)
    return ran
