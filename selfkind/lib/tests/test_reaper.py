"""The reaper returns django-tasks-db tasks left RUNNING by a killed worker."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from selfkind.lib.reaper import MAX_TASK_PICKUPS, TASK_STALE_AFTER, reap_stale_tasks

pytestmark = pytest.mark.django_db


def _task(started_ago: timedelta, worker_ids: list[str]) -> DBTaskResult:
    now = timezone.now()
    return DBTaskResult.objects.create(
        status="RUNNING",
        args_kwargs={"args": [], "kwargs": {}},
        task_path="selfkind.example.task",
        backend_name="default",
        run_after=now,
        started_at=now - started_ago,
        worker_ids=worker_ids,
    )


def test_it_puts_a_stale_running_task_back_to_ready():
    stale = _task(TASK_STALE_AFTER + timedelta(minutes=1), ["killed-1"])
    fresh = _task(timedelta(minutes=1), ["alive-1"])
    assert reap_stale_tasks() == 1
    stale.refresh_from_db()
    fresh.refresh_from_db()
    assert (stale.status, stale.started_at) == ("READY", None)
    assert fresh.status == "RUNNING"


def test_a_task_that_keeps_killing_workers_is_kept_as_failed_with_a_reason():
    poison = _task(TASK_STALE_AFTER * 2, [f"killed-{n}" for n in range(MAX_TASK_PICKUPS)])
    assert reap_stale_tasks() == 1
    poison.refresh_from_db()
    assert poison.status == "FAILED"
    assert "stopped before it finished" in poison.traceback
    assert poison.exception_class_path == "selfkind.lib.reaper.WorkerLost"
