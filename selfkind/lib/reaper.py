"""The reaper for django-tasks-db tasks left "running" by a worker that was killed.

django-tasks-db marks a task RUNNING when a worker picks it up and never looks at it again if that
worker dies. A task still RUNNING after TASK_STALE_AFTER is put back to READY (it runs again: tasks
must be idempotent), unless workers have already picked it up MAX_TASK_PICKUPS times, in which case
it is kept as FAILED with an explanation, for the admins' system health page.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.db import transaction
from django.tasks.base import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

log = logging.getLogger(__name__)

TASK_STALE_AFTER = timedelta(minutes=30)  # longer than any Selfkind task runs
MAX_TASK_PICKUPS = 3
LOST = "The worker running this task stopped before it finished (reaped)."


def reap_stale_tasks(now: datetime | None = None) -> int:
    """Return stale RUNNING tasks to READY (or FAILED after MAX_TASK_PICKUPS); return how many moved."""
    now = now or timezone.now()
    moved = 0
    with transaction.atomic():
        stale = DBTaskResult.objects.running().filter(started_at__lt=now - TASK_STALE_AFTER)
        for task in stale.select_for_update(skip_locked=True):
            if len(task.worker_ids or []) >= MAX_TASK_PICKUPS:
                task.status = TaskResultStatus.FAILED
                task.finished_at = now
                task.exception_class_path = "selfkind.lib.reaper.WorkerLost"
                task.traceback = LOST
                task.save(update_fields=["status", "finished_at", "exception_class_path", "traceback"])
            else:
                task.status = TaskResultStatus.READY
                task.started_at = None
                task.save(update_fields=["status", "started_at"])
            moved += 1
    if moved:
        log.warning("Reaped %s task(s) left running by a stopped worker.", moved)
    return moved
