"""Reads of alerts, through the access door."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404, HttpRequest

from selfkind.accounts.access import Level as AccessLevel
from selfkind.accounts.access import decide_access, record_access
from selfkind.accounts.models import User
from selfkind.safety.models import Alert, AlertQuerySet


@dataclass(frozen=True)
class AlertView:
    alert: Alert
    words_visible: bool  # the reader may see the matched words
    consent_withdrawn: bool


def alerts_for_reader(user: User) -> AlertQuerySet:
    """Return the alerts routed or escalated to this staff member, open and urgent first."""
    return Alert.objects.for_reader(user).select_related("client").urgent_first()


def get_alert_for(user: User, alert_id: int, *, request: HttpRequest | None = None) -> AlertView:
    """Return one alert for its reader, with what they may see, auditing the read; else 404."""
    if not user.is_authenticated or not user.is_clinic_staff:
        raise Http404
    alert = Alert.objects.select_related("client").filter(pk=alert_id).first()
    if alert is None or user.pk not in (alert.routed_to_id, alert.escalated_to_id):
        raise Http404
    verified = getattr(user, "is_verified", None)
    if not (verified and verified()):
        raise Http404
    words = False
    withdrawn = False
    if user.is_therapist:
        access = decide_access(user, alert.client_id, own_records=True)
        withdrawn = access.level == AccessLevel.FORMER_THERAPIST
        words = access.level == AccessLevel.THERAPIST and not alert.from_private_entry
    record_access(
        actor=user, client=alert.client, action="view:alert", request=request, object_type="alert", object_id=alert.pk
    )
    return AlertView(alert=alert, words_visible=words, consent_withdrawn=withdrawn)


def open_alert_count(user: User) -> int:
    return Alert.objects.for_reader(user).open().count()
