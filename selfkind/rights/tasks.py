"""The worker's part in data rights: finish deletions whose grace period ended, and retention."""

from __future__ import annotations

from datetime import timedelta

from selfkind.lib.scheduler import periodic
from selfkind.rights import deletion


@periodic(every=timedelta(minutes=15))
def complete_due_deletions() -> int:
    return deletion.complete_due_deletions()


@periodic(every=timedelta(days=1))
def purge_expired_records() -> dict[str, int]:
    return deletion.purge_expired_records()
