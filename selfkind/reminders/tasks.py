"""Periodic reminder jobs, run by `selfkind worker` (imported from each app's tasks.py)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from selfkind.lib.scheduler import periodic
from selfkind.reminders import services


@periodic(every=timedelta(minutes=5))
def plan_reminders() -> None:
    services.plan_due(timezone.now())


@periodic(every=timedelta(seconds=10))
def send_reminders() -> None:
    now = timezone.now()
    services.reap_stale(now)
    services.send_due(now)
