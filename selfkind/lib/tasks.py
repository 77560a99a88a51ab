"""Periodic housekeeping for the worker itself."""

from __future__ import annotations

from datetime import timedelta

from selfkind.lib.reaper import reap_stale_tasks
from selfkind.lib.scheduler import periodic


@periodic(every=timedelta(minutes=5))
def reap_tasks() -> None:
    reap_stale_tasks()
