"""The background worker's heartbeat: a timestamp it writes, that health checks read."""

from __future__ import annotations

from datetime import timedelta

from django.db import models
from django.utils import timezone

STALE_AFTER = timedelta(minutes=10)


class Heartbeat(models.Model):
    name = models.CharField(max_length=40, unique=True)
    beat_at = models.DateTimeField()

    class Meta:
        app_label = "selfkind_lib"


def beat(name: str = "worker") -> None:
    Heartbeat.objects.update_or_create(name=name, defaults={"beat_at": timezone.now()})


def worker_is_fresh(name: str = "worker") -> bool:
    last = Heartbeat.objects.filter(name=name).values_list("beat_at", flat=True).first()
    return last is not None and timezone.now() - last < STALE_AFTER
