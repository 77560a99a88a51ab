"""Reads for the reminders pages and the admins' system health page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Count
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from selfkind.accounts.models import User
from selfkind.lib.heartbeat import STALE_AFTER, Heartbeat
from selfkind.reminders.models import Delivery, Nudge, PlanSuggestion


def upcoming(client: User, *, now: datetime | None = None, limit: int = 10) -> list[Delivery]:
    now = now or timezone.now()
    return list(
        Delivery.objects.filter(client=client, state=Delivery.State.PLANNED, due_at__gte=now - timedelta(minutes=10))
        .exclude(kind="nudge")
        .order_by("due_at")[:limit]
    )


def history(client: User, *, now: datetime | None = None, days: int = 14, limit: int = 20) -> list[Delivery]:
    now = now or timezone.now()
    return list(
        Delivery.objects.filter(client=client, due_at__gte=now - timedelta(days=days), due_at__lte=now)
        .exclude(state=Delivery.State.PLANNED)
        .order_by("-due_at")[:limit]
    )


def nudges(client: User) -> list[Nudge]:
    return list(Nudge.objects.filter(client=client).select_related("therapist")[:50])


def open_suggestions(client: User) -> list[PlanSuggestion]:
    return list(
        PlanSuggestion.objects.filter(client=client, decided_at__isnull=True, homework__active=True).select_related(
            "therapist"
        )
    )


@dataclass(frozen=True)
class Health:
    heartbeat_at: datetime | None
    worker_fresh: bool
    counts: dict[str, int]
    labelled_counts: list[tuple[str, int]]
    failed_deliveries: list[Delivery]
    failed_tasks: list[DBTaskResult]
    waiting: int


def system_health(admin: User, *, now: datetime | None = None) -> Health:
    """Return the worker's heartbeat, 7 days of delivery counts for the admin's clinic, and failures."""
    now = now or timezone.now()
    beat = Heartbeat.objects.filter(name="worker").values_list("beat_at", flat=True).first()
    mine = Delivery.objects.filter(client__clinic_id=admin.clinic_id or 0)
    week = mine.filter(due_at__gte=now - timedelta(days=7), due_at__lte=now)
    counts = {state.value: 0 for state in Delivery.State}
    counts.update({row["state"]: row["n"] for row in week.values("state").annotate(n=Count("pk")).order_by()})
    labels = [(str(Delivery.State(state).label), n) for state, n in counts.items()]
    return Health(
        heartbeat_at=beat,
        worker_fresh=beat is not None and now - beat < STALE_AFTER,
        counts=counts,
        labelled_counts=labels,
        failed_deliveries=list(mine.filter(state=Delivery.State.FAILED).order_by("-due_at")[:20]),
        failed_tasks=list(
            DBTaskResult.objects.failed()
            .only("id", "task_path", "finished_at", "exception_class_path", "traceback")
            .order_by("-finished_at")[:20]
        ),
        waiting=mine.filter(state=Delivery.State.PLANNED, next_attempt_at__lte=now).count(),
    )


def last_line(traceback: str) -> str:
    lines = [line for line in traceback.strip().splitlines() if line.strip()]
    return lines[-1][:300] if lines else ""
