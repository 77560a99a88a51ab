"""Reads for accounts that are more than one query."""

from __future__ import annotations

from selfkind.accounts.models import CareRelationship, User


def consent_question_for(client: User) -> CareRelationship | None:
    """Return the relationship waiting for this client's consent (new, or under an older text)."""
    from selfkind.accounts.services import consent_is_current

    pending = (
        CareRelationship.objects.filter(client=client, status=CareRelationship.Status.PENDING)
        .select_related("therapist")
        .order_by("-started_at")
        .first()
    )
    if pending is not None:
        return pending
    active = (
        CareRelationship.objects.filter(client=client, status=CareRelationship.Status.ACTIVE)
        .select_related("therapist")
        .first()
    )
    if active is not None and not consent_is_current(active):
        return active
    return None
