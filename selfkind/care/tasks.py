"""Periodic checks for the therapist's alerts: no activity for a while, and questionnaires overdue."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from selfkind.accounts.models import CareRelationship
from selfkind.care import workspace
from selfkind.lib.scheduler import periodic
from selfkind.measures.selectors import due_for_many
from selfkind.safety.services import raise_notice


def check_inactivity() -> int:
    """Raise a notice for each consenting client quiet for longer than their therapist's chosen days."""
    relationships = list(CareRelationship.objects.filter(status="active").select_related("client", "therapist"))
    latest = workspace.last_activity([r.client for r in relationships])
    now = timezone.now()
    raised = 0
    for rel in relationships:
        quiet_since = max(latest.get(rel.client_id, rel.started_at), rel.started_at)
        days = rel.therapist.inactivity_days
        if now - quiet_since < timedelta(days=days):
            continue
        notice = raise_notice(
            client=rel.client,
            kind="inactivity",
            source_type="inactivity",
            source_id=rel.client_id,
            rule_ids=[f"no_activity_{days}_days"],
        )
        raised += notice is not None
    return raised


def check_overdue() -> int:
    """Raise a notice once for each overdue occurrence of a scheduled questionnaire."""
    relationships = list(CareRelationship.objects.filter(status="active").select_related("client__clinic"))
    raised = 0
    for items in due_for_many([r.client for r in relationships]).values():
        for due in items:
            if not due.overdue:
                continue
            notice = raise_notice(
                client=due.schedule.client,
                kind="overdue",
                source_type="overdue",
                source_id=f"{due.schedule.pk}:{due.occurrence.due_on.isoformat()}",
                rule_ids=[f"{due.instrument.key}_overdue"],
            )
            raised += notice is not None
    return raised


@periodic(every=timedelta(hours=1))
def workspace_alerts() -> None:
    check_inactivity()
    check_overdue()
