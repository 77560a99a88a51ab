"""Deleting a client's account: a grace period, then erasure of their own content; the clinic keeps its records.

What is erased and what is kept is described for people in docs/data-rights.md and the consent text:
- erased: everything the client wrote, answered or set up (every record that belongs to the client and would
  go with their account: notes, thought records, reflections, affirmations, practices, questionnaires,
  schedules, homework, reminders, devices …), their invitation, and their name, email and password;
- kept, as the clinic's own records, for the retention periods set in the clinic's settings: the therapist's
  session notes and the appointments they belong to, safety alert records (level, time and rule ids, never
  the client's words), the sharing and consent history, break-glass grants and the audit log, all tied to a
  pseudonymous account that can no longer sign in.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from functools import partial

from django.conf import settings
from django.core.mail import send_mail
from django.db import models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from selfkind.accounts.models import (
    Appointment,
    CareRelationship,
    Consent,
    Invitation,
    User,
    client_pseudonym,
)
from selfkind.rights.models import DeletionRequest

log = logging.getLogger(__name__)

DEFAULT_GRACE_DAYS = 14

# Records that point at the client but belong to the clinic: kept when the account is erased.
KEPT_MODELS: frozenset[str] = frozenset(
    {
        "accounts.CareRelationship",
        "accounts.Appointment",
        "accounts.BreakGlassGrant",
        "accounts.AuditEvent",
        "care.SessionNote",
        "safety.Alert",
        "rights.DeletionRequest",
        # A random token that changes when the client's pages change (selfkind/accounts/stamps.py): nothing
        # of theirs, and it goes with the account row.
        "accounts.ClientStamp",
    }
)


class DeletionError(Exception):
    """A deletion step that cannot be taken (told to the person in plain words)."""


def grace_days(client: User) -> int:
    clinic = client.clinic
    if clinic is None:
        active = CareRelationship.objects.filter(client=client).select_related("therapist__clinic").first()
        clinic = active.therapist.clinic if active else None
    return clinic.deletion_grace_days if clinic is not None else DEFAULT_GRACE_DAYS


def open_request(client: User) -> DeletionRequest | None:
    return DeletionRequest.objects.filter(client=client, cancelled_at__isnull=True, completed_at__isnull=True).first()


def request_deletion(*, client: User) -> DeletionRequest:
    """Start the grace period; the account stays usable (and the deletion cancellable) until it ends."""
    if not client.is_client:
        raise DeletionError(_("Only a client account can be deleted here."))
    existing = open_request(client)
    if existing is not None:
        return existing
    now = timezone.now()
    with transaction.atomic():
        deletion = DeletionRequest.objects.create(
            client=client, requested_at=now, due_at=now + timedelta(days=grace_days(client))
        )
        client.deletion_due_at = deletion.due_at
        client.save(update_fields=["deletion_due_at"])
    transaction.on_commit(lambda: _tell_therapists(client))
    return deletion


def cancel_deletion(*, client: User) -> DeletionRequest | None:
    """Stop a waiting deletion; nothing was erased. Return the cancelled request (None if none was waiting)."""
    with transaction.atomic():
        deletion = open_request(client)
        if deletion is None:
            return None
        deletion.cancelled_at = timezone.now()
        deletion.save(update_fields=["cancelled_at"])
        client.deletion_due_at = None
        client.save(update_fields=["deletion_due_at"])
    transaction.on_commit(lambda: _tell_therapists(client, cancelled=True))
    return deletion


def complete_due_deletions(now: datetime | None = None) -> int:
    """Erase every account whose grace period has ended (run by the worker); return how many."""
    now = now or timezone.now()
    done = 0
    due = DeletionRequest.objects.filter(cancelled_at__isnull=True, completed_at__isnull=True, due_at__lte=now)
    for deletion_id in due.values_list("pk", flat=True):
        try:
            if erase_account(deletion_id=deletion_id, now=now):
                done += 1
        except Exception:  # one failure must not hold back the others; it is retried next run
            log.exception("Could not complete deletion request %s; it will be tried again.", deletion_id)
    return done


def account_relations() -> list[models.ForeignObjectRel]:
    """Every relation from another model to the account, hidden ones (``related_name="+"``) included."""
    return [
        f
        for f in User._meta.get_fields(include_hidden=True)
        if isinstance(f, models.ForeignObjectRel) and f.related_model is not None
    ]


def erased_relations() -> list[models.ForeignObjectRel]:
    """Every relation from a model to the client account whose rows are the client's own (and so erased)."""
    relations = []
    for relation in account_relations():
        if relation.many_to_many:
            continue
        label = relation.related_model._meta.label
        if label in KEPT_MODELS or relation.on_delete is not models.CASCADE:
            continue
        relations.append(relation)
    return relations


def erase_account(*, deletion_id: int, now: datetime | None = None) -> bool:
    """Erase one client's content and pseudonymise the account, all in one transaction."""
    now = now or timezone.now()
    with transaction.atomic():
        deletion = DeletionRequest.objects.select_for_update().filter(pk=deletion_id).first()
        if deletion is None or deletion.cancelled_at or deletion.completed_at or deletion.due_at > now:
            return False
        client = User.objects.select_for_update().get(pk=deletion.client_id)
        erased = _erase_content(client)
        therapists = _end_relationships(client, now)
        _pseudonymise(client, now)
        deletion.completed_at = now
        deletion.erased = erased
        deletion.save(update_fields=["completed_at", "erased"])
    for therapist in therapists:
        transaction.on_commit(partial(_email_therapist, therapist, completed=True))
    return True


def _erase_content(client: User) -> dict[str, int]:
    from selfkind.measures.models import Administration
    from selfkind.safety.models import Alert

    erased: dict[str, int] = {}
    # A correction protects what it corrects: untie them first so the questionnaires can go together.
    Administration.objects.filter(client=client).update(corrects=None)
    for relation in erased_relations():
        model = relation.related_model
        count, _per_model = model._default_manager.filter(**{relation.field.name: client}).delete()
        if count:
            erased[model._meta.label] = erased.get(model._meta.label, 0) + count
    # The invitation carried their name and email address.
    invitations = Invitation.objects.filter(Q(used_by=client) | Q(email__iexact=client.email))
    count, _per_model = invitations.delete()
    if count:
        erased["accounts.Invitation"] = count
    # Alert records stay with the clinic, but the client's words in them go (rule ids and levels stay).
    alerts = list(Alert.objects.filter(client=client).only("pk", "reasons"))
    for alert in alerts:
        alert.reasons = ""
    Alert.objects.bulk_update(alerts, ["reasons"])
    if alerts:
        erased["safety.Alert.reasons"] = len(alerts)
    client.groups.clear()
    client.user_permissions.clear()
    return erased


def _end_relationships(client: User, now: datetime) -> list[User]:
    open_ones = CareRelationship.objects.filter(
        client=client, status__in=[CareRelationship.Status.ACTIVE, CareRelationship.Status.PENDING]
    ).select_related("therapist")
    therapists = [r.therapist for r in open_ones if r.status == CareRelationship.Status.ACTIVE]
    Consent.objects.filter(relationship__client=client, withdrawn_at__isnull=True).update(withdrawn_at=now)
    open_ones.update(status=CareRelationship.Status.ENDED, ended_at=now)
    Appointment.objects.filter(client=client, status=Appointment.Status.SCHEDULED, starts_at__gt=now).update(
        status=Appointment.Status.CANCELLED
    )
    return therapists


def _pseudonymise(client: User, now: datetime) -> None:
    pseudonym = client_pseudonym(client.pk)
    client.email = f"{pseudonym}@deleted.invalid"
    client.name = _("Deleted account %(code)s") % {"code": pseudonym.removeprefix("client-")[:6]}
    client.country = "ZZ"
    client.time_zone = "UTC"
    client.adult_confirmed_at = None
    client.is_active = False
    client.set_unusable_password()
    client.session_epoch += 1  # every session still open ends
    client.deletion_due_at = None
    client.deleted_at = now
    client.save()
    # The audit log stays as written (append-only): its entries name the client by pseudonym already, and
    # it records only other people's access, so it holds none of the client's own addresses.


def purge_expired_records(now: datetime | None = None) -> dict[str, int]:
    """Erase the clinic's kept records of deleted clients once their retention period has passed."""
    from selfkind.care.models import SessionNote
    from selfkind.safety.models import Alert

    now = now or timezone.now()
    purged = {"care.SessionNote": 0, "safety.Alert": 0}
    deleted_clients = User.objects.filter(deleted_at__isnull=False).select_related("clinic")
    for client in deleted_clients.iterator():
        clinic = client.clinic
        note_years = clinic.session_note_retention_years if clinic else 8
        alert_years = clinic.alert_retention_years if clinic else 8
        assert client.deleted_at is not None
        with transaction.atomic():
            if client.deleted_at + timedelta(days=365 * note_years) <= now:
                purged["care.SessionNote"] += SessionNote.objects.filter(client=client).delete()[0]
            if client.deleted_at + timedelta(days=365 * alert_years) <= now:
                purged["safety.Alert"] += Alert.objects.filter(client=client).delete()[0]
    return purged


def _tell_therapists(client: User, *, cancelled: bool = False) -> None:
    for relationship in CareRelationship.objects.filter(
        client=client, status=CareRelationship.Status.ACTIVE
    ).select_related("therapist"):
        _email_therapist(relationship.therapist, cancelled=cancelled)


def _email_therapist(therapist: User, *, cancelled: bool = False, completed: bool = False) -> None:
    """A short email with no client name: the details are in Selfkind, behind sign-in."""
    if completed:
        subject = _("A client's Selfkind account has been deleted")
    elif cancelled:
        subject = _("A client has cancelled deleting their Selfkind account")
    else:
        subject = _("A client has asked to delete their Selfkind account")
    link = settings.SITE_URL + reverse("care:home")
    body = _("%(subject)s.\n\nSign in to see the details: %(link)s\n") % {"subject": subject, "link": link}
    try:
        send_mail(subject, body, None, [therapist.email])
    except Exception:  # the notice is also on the therapist's pages
        log.exception("Could not email a deletion notice to user %s", therapist.pk)
