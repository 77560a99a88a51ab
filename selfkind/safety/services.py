"""The safety net: one screening call for every saved client text, and alerts that reach someone.

Services call `screen_text` explicitly at the moment client text is saved (never through a
signal). The text is always saved by the caller first: screening never blocks or loses writing.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from selfkind.accounts.access import active_relationship
from selfkind.accounts.models import Role, User
from selfkind.safety import screener
from selfkind.safety.models import Alert, Level
from selfkind.safety.routing import route_for

log = logging.getLogger(__name__)
_RANK = {"none": 0, Level.CONCERN: 1, Level.URGENT: 2}


@dataclass(frozen=True)
class SafetyOutcome:
    """What the screening found, and the alert it raised (if any). Views show the crisis screen on risk."""

    level: str
    alert: Alert | None = None
    reader_role: str = "nobody"

    @property
    def is_risk(self) -> bool:
        return self.level != "none"


NO_RISK = SafetyOutcome(level="none")


def screen_text(
    *, client: User, text: str, source_type: str, source_id: object, private: bool = False
) -> SafetyOutcome:
    """Screen a client's saved text and raise an alert on concern or urgent; return the outcome."""
    result = screener.screen(text or "")
    if not result.is_risk:
        return NO_RISK
    return raise_alert(
        client=client,
        level=result.level,
        source_type=source_type,
        source_id=source_id,
        rule_ids=list(dict.fromkeys(result.rule_ids)),
        reasons="\n".join(result.reasons),
        private=private,
    )


def raise_risk_answer_alert(
    *, client: User, source_type: str, source_id: object, item: str, value: int
) -> SafetyOutcome:
    """Alert on a risk item answered positively (PHQ-9 item 9 ≥ 1), draft or final.

    Selfkind convention: "several days" (1) is a concern; more often (2–3) is urgent.
    """
    level = Level.URGENT if value >= 2 else Level.CONCERN
    return raise_alert(
        client=client,
        level=level,
        source_type=source_type,
        source_id=source_id,
        rule_ids=[f"{item}_answered_{value}"],
        reasons=f"{item}: answered {value}",
        private=False,
    )


def raise_alert(
    *,
    client: User,
    level: str,
    source_type: str,
    source_id: object,
    rule_ids: list[str],
    reasons: str,
    private: bool,
) -> SafetyOutcome:
    """Create (or keep) the alert for this source and tell its reader; return the outcome.

    Saving the same entry again adds no second alert while one of the same or a higher level is
    open for it; a higher level raises a new one. Nothing here ever withdraws an alert.
    """
    clinic = client.clinic
    relationship = active_relationship(client)
    route = route_for(
        has_consenting_therapist=relationship is not None,
        private_entry=private,
        private_notices_on=clinic.private_risk_notices if clinic else True,
    )
    if route.reader_role == "nobody":
        return SafetyOutcome(level=level, reader_role="nobody")
    with transaction.atomic():
        existing = (
            Alert.objects.select_for_update()
            .filter(client=client, source_type=source_type, source_id=str(source_id), acknowledged_at__isnull=True)
            .order_by("-created_at")
        )
        for alert in existing:
            if _RANK[alert.level] >= _RANK[level]:
                return SafetyOutcome(level=level, alert=alert, reader_role=alert.routed_role)
        reader = relationship.therapist if route.reader_role == "therapist" and relationship else clinic_admin(client)
        alert = Alert.objects.create(
            client=client,
            level=level,
            source_type=source_type,
            source_id=str(source_id),
            rule_ids=rule_ids,
            reasons=reasons,
            from_private_entry=private,
            relationship=relationship,
            routed_to=reader,
            routed_role=route.reader_role if reader is not None else "admin",
        )
        if reader is None:
            log.error("Alert %s has no reader: client %s has no clinic admin.", alert.pk, client.pk)
        else:
            transaction.on_commit(lambda: notify_staff(reader, urgent=level == Level.URGENT))
    return SafetyOutcome(level=level, alert=alert, reader_role=alert.routed_role)


def clinic_admin(client: User) -> User | None:
    """Return the clinic admin who reads alerts for clients without a consenting therapist."""
    if client.clinic_id is None:
        return None
    return (
        User.objects.filter(clinic_id=client.clinic_id, role=Role.CLINIC_ADMIN, is_active=True).order_by("pk").first()
    )


def notify_staff(reader: User, *, urgent: bool) -> None:
    """Email a staff member that an alert waits: no client name, no words, just a sign-in link."""
    subject = _("You have an urgent alert in Selfkind") if urgent else _("You have a new alert in Selfkind")
    link = settings.SITE_URL + reverse("safety:alerts")
    body = _("%(subject)s.\n\nSign in to see it: %(link)s\n") % {"subject": subject, "link": link}
    try:
        send_mail(subject, body, None, [reader.email])
    except Exception:  # the alert is on the dashboard whatever happens to the email
        log.exception("Could not email alert notice to user %s", reader.pk)


def acknowledge(*, alert: Alert, by: User, note: str) -> Alert:
    """Mark an alert seen and handled, with a note; it stays in the history."""
    if alert.acknowledged_at is not None:
        return alert
    alert.acknowledged_at = timezone.now()
    alert.acknowledged_by = by
    alert.acknowledgement_note = note.strip()
    alert.save(update_fields=["acknowledged_at", "acknowledged_by", "acknowledgement_note"])
    return alert


def record_client_choice(*, alert: Alert, client: User, choice: str) -> None:
    """Record "I'm safe right now" or "please let my therapist know"; neither closes the alert."""
    if alert.client_id != client.pk or choice not in {"safe_now", "tell_therapist"}:
        raise PermissionError("Only the client chooses, from the offered choices.")
    alert.client_choice = choice
    alert.client_choice_at = timezone.now()
    alert.save(update_fields=["client_choice", "client_choice_at"])
    if choice == "tell_therapist" and alert.routed_to is not None:
        transaction.on_commit(lambda: notify_staff(alert.routed_to, urgent=True))  # type: ignore[arg-type]


def escalate_unacknowledged() -> int:
    """Send urgent alerts nobody acknowledged in the clinic's time to the clinic admin; return how many."""
    current = timezone.now()
    count = 0
    candidates = Alert.objects.filter(
        level=Level.URGENT, acknowledged_at__isnull=True, escalated_at__isnull=True, routed_role="therapist"
    ).select_related("client__clinic")
    for alert in candidates:
        clinic = alert.client.clinic
        hours = clinic.urgent_escalation_hours if clinic else 4
        if current - alert.created_at < timedelta(hours=hours):
            continue
        admin = clinic_admin(alert.client)
        if admin is None:
            log.error("Urgent alert %s cannot be escalated: no clinic admin.", alert.pk)
            continue
        with transaction.atomic():
            updated = Alert.objects.filter(pk=alert.pk, escalated_at__isnull=True).update(
                escalated_at=current, escalated_to=admin
            )
            if updated:
                count += 1
                transaction.on_commit(partial(notify_staff, admin, urgent=True))
    return count


def raise_notice(*, client: User, kind: str, source_type: str, source_id: object, rule_ids: list[str]) -> Alert | None:
    """Raise a clinical notice (not a risk) for the consenting therapist; none while one is open for the source.

    Returns the new alert, or None when one is already open or the client has no consenting therapist
    (notices are about the therapy, so with no therapy there is nobody to tell).
    """
    relationship = active_relationship(client)
    if relationship is None:
        return None
    with transaction.atomic():
        open_one = Alert.objects.select_for_update().filter(
            client=client, kind=kind, source_type=source_type, source_id=str(source_id), acknowledged_at__isnull=True
        )
        if open_one.exists():
            return None
        return Alert.objects.create(
            client=client,
            level=Level.NOTICE,
            kind=kind,
            source_type=source_type,
            source_id=str(source_id),
            rule_ids=rule_ids,
            relationship=relationship,
            routed_to=relationship.therapist,
            routed_role="therapist",
        )
