"""Reads that gather the client's "today" and the therapist's caseload."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import OuterRef, Subquery
from django.utils import timezone

from selfkind.accounts.access import ClientAccess, consenting_relationships
from selfkind.accounts.models import Appointment, CareRelationship, User
from selfkind.accounts.services import next_appointment
from selfkind.journal.models import Note
from selfkind.measures import selectors as measure_selectors
from selfkind.safety.models import Alert


@dataclass(frozen=True)
class CaseloadRow:
    client: User
    since: datetime
    next_session: datetime | None


def caseload_rows(therapist: User) -> list[CaseloadRow]:
    """Return one row per consenting client, in a constant number of queries."""
    now = timezone.now()
    next_session = (
        Appointment.objects.filter(
            client=OuterRef("client"), therapist=therapist, status=Appointment.Status.SCHEDULED, starts_at__gte=now
        )
        .order_by("starts_at")
        .values("starts_at")[:1]
    )
    rels = consenting_relationships(therapist).annotate(next_session=Subquery(next_session)).order_by("client__name")
    return [CaseloadRow(client=r.client, since=r.started_at, next_session=r.next_session) for r in rels]


def waiting_for_consent(therapist: User) -> list[CareRelationship]:
    return list(
        CareRelationship.objects.filter(therapist=therapist, status=CareRelationship.Status.PENDING).select_related(
            "client"
        )
    )


def today_for(client: User) -> dict[str, Any]:
    """Return what the client's home shows today."""
    rel = (
        CareRelationship.objects.filter(client=client, status=CareRelationship.Status.ACTIVE)
        .select_related("therapist")
        .first()
    )
    return {
        "relationship": rel,
        "next_session": next_appointment(client=client),
        "due_measures": measure_selectors.due_for(client),
    }


def client_page(access: ClientAccess) -> dict[str, Any]:
    """Return what the therapist's page about one client shows, as the access level allows."""
    client, viewer = access.client, access.viewer
    shared = access.sees_client_content
    return {
        "access": access,
        "client": client,
        "can_edit": access.level == "therapist",
        "appointments": Appointment.objects.filter(client=client, therapist=viewer).order_by("-starts_at")[:50],
        # Never private entries, whoever is looking.
        "notes": Note.objects.filter(client=client, private=False)[:20] if shared else [],
        # The alert history is the therapist's own record: kept after consent ends, without words.
        "alerts": Alert.objects.filter(client=client, routed_to=viewer).order_by("-created_at")[:50],
    }
