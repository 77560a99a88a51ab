"""Reads for accounts that are more than one query."""

from __future__ import annotations

from django.http import HttpRequest

from selfkind.accounts.models import CareRelationship, User

_UNASKED = object()


def consent_question_for(client: User) -> CareRelationship | None:
    """Return the relationship waiting for this client's consent (new, or under an older text)."""
    from selfkind.accounts.services import consent_is_current

    # One query for both kinds: this runs on every page a client opens (the consent gate). A client has
    # at most one active relationship (a database constraint); the newest pending one wins.
    relationships = list(
        CareRelationship.objects.filter(
            client=client, status__in=[CareRelationship.Status.PENDING, CareRelationship.Status.ACTIVE]
        )
        .select_related("therapist")
        .order_by("-started_at")
    )
    pending = next((r for r in relationships if r.status == CareRelationship.Status.PENDING), None)
    if pending is not None:
        return pending
    active = next((r for r in relationships if r.status == CareRelationship.Status.ACTIVE), None)
    if active is not None and not consent_is_current(active):
        return active
    return None


def consent_question_for_request(request: HttpRequest) -> CareRelationship | None:
    """Return `consent_question_for(request.user)`, asked once per request.

    The consent gate asks on every page a client opens, and "today" shows the answer: one set of queries
    serves both.
    """
    cached = getattr(request, "_selfkind_consent_question", _UNASKED)
    if cached is _UNASKED:
        cached = consent_question_for(request.user)  # type: ignore[arg-type]
        request._selfkind_consent_question = cached  # type: ignore[attr-defined]
    return cached  # type: ignore[return-value]
