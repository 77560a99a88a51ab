"""Reminder services: planning occurrences, sending them at least once, retries, the reaper, nudges, feeds.

Delivery is at-least-once. Each occurrence has one `Delivery` row with a unique idempotency key.
A worker (1) claims the row in its own committed transaction (state "sending"), (2) sends the email,
(3) marks the row "sent" in a second transaction. A crash before (2) loses nothing: the reaper puts the
stale claim back after CLAIM_STALE_AFTER and it is sent then. A crash between (2) and (3) — the mail
server has accepted the message but the "sent" mark is not committed — is the only way to repeat an
email: the reaper returns the row and the one email goes out a second time. That window is the time
between the mail server's reply and the commit, normally milliseconds; see docs/reminders.md.

The API other code (and benchmarks) call: `plan_due(now)`, `send_due(now)`, `reap_stale(now)`.
"""

from __future__ import annotations

import logging
import os
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from selfkind.accounts import stamps
from selfkind.accounts.models import Appointment, Role, User
from selfkind.care.models import Homework
from selfkind.measures import schedule as sched
from selfkind.measures import selectors as measure_selectors
from selfkind.measures.models import MeasureSchedule
from selfkind.reminders.models import (
    ALL_DAYS,
    TIMED_KINDS,
    CalendarFeed,
    Delivery,
    DeliveryAttempt,
    Kind,
    Nudge,
    PlanSuggestion,
    ReminderPreference,
    ReminderSettings,
    local_to_utc,
)

log = logging.getLogger(__name__)

PLAN_AHEAD = timedelta(days=2)  # upcoming reminders are planned (and shown) this far ahead
PLAN_BEHIND = timedelta(minutes=10)  # an occurrence this recently due is still planned (first run, lag)
TOO_LATE_AFTER = timedelta(hours=6)  # a reminder this late (worker down) is skipped, not sent
MAX_ATTEMPTS = 5  # then the delivery stays "failed" and shows on the admins' health page
RETRY_BASE = timedelta(minutes=1)  # waits of 1, 2, 4 and 8 minutes between attempts
RETRY_CAP = timedelta(hours=1)
# A claim older than this is a worker that died mid-send. Sending one email takes seconds (the SMTP
# timeout is far below this), so a live worker never loses its claim to the reaper.
CLAIM_STALE_AFTER = timedelta(minutes=10)

DEFAULT_TIMES = {
    Kind.PRACTICE: ["18:00"],
    Kind.THOUGHT_RECORD: ["19:00"],
    Kind.MEASURE: ["09:00"],
    Kind.SESSION: ["18:00"],  # the evening before the session
    Kind.NUDGE: [],
}


def worker_id() -> str:
    return f"{os.uname().nodename}-{os.getpid()}"


# --- Preferences ------------------------------------------------------------------------------


def settings_for(client: User) -> ReminderSettings:
    """Return the client's reminder settings (unsaved defaults when they never chose any)."""
    found = ReminderSettings.objects.filter(client=client).first()
    return found or ReminderSettings(client=client)


def default_preference(client: User, kind: str) -> ReminderPreference:
    return ReminderPreference(client=client, kind=kind, times=list(DEFAULT_TIMES[Kind(kind)]), days=list(ALL_DAYS))


def preferences_for(client: User) -> dict[str, ReminderPreference]:
    """Return one preference per kind, saved ones where they exist and unsaved defaults otherwise."""
    saved = {p.kind: p for p in ReminderPreference.objects.filter(client=client)}
    return {kind.value: saved.get(kind.value) or default_preference(client, kind.value) for kind in Kind}


def ensure_preference(client: User, kind: str) -> ReminderPreference:
    """Return the saved preference for a kind, creating it with the defaults (emails need its token)."""
    pref, _created = ReminderPreference.objects.get_or_create(
        client=client, kind=kind, defaults={"times": list(DEFAULT_TIMES[Kind(kind)]), "days": list(ALL_DAYS)}
    )
    return pref


@dataclass(frozen=True)
class KindChoice:
    kind: str
    enabled: bool
    times: list[time]
    days: list[int]


def save_preferences(
    *,
    client: User,
    time_zone: str,
    quiet_start: time | None,
    quiet_end: time | None,
    choices: Iterable[KindChoice],
    now: datetime | None = None,
) -> None:
    """Save the client's reminder settings and re-plan their upcoming reminders to match."""
    now = now or timezone.now()
    with transaction.atomic():
        ReminderSettings.objects.update_or_create(
            client=client,
            defaults={"time_zone": time_zone, "quiet_start": quiet_start, "quiet_end": quiet_end, "updated_at": now},
        )
        for choice in choices:
            pref = ensure_preference(client, choice.kind)
            pref.enabled = choice.enabled
            pref.times = sorted({t.strftime("%H:%M") for t in choice.times})
            pref.days = sorted(set(choice.days))
            if choice.enabled:
                pref.unsubscribed_at = None  # turning a kind back on here undoes an earlier unsubscribe
            pref.updated_at = now
            pref.save()
        _forget_future_plan(client, now)
    plan_due(now, clients=[client])


def _forget_future_plan(client: User, now: datetime) -> None:
    # Planned (and quiet-hours-skipped) occurrences that have not started yet follow the new settings;
    # anything already attempted stays in the log.
    Delivery.objects.filter(
        client=client,
        due_at__gt=now,
        attempts=0,
        kind__in=[k.value for k in TIMED_KINDS],
        state__in=[Delivery.State.PLANNED, Delivery.State.SKIPPED],
    ).delete()


def unsubscribe(*, token: str, now: datetime | None = None) -> ReminderPreference | None:
    """Turn off one kind of reminder by its unsubscribe token; return the preference, or None if unknown."""
    pref = ReminderPreference.objects.select_related("client").filter(unsubscribe_token=token).first()
    if pref is None:
        return None
    if pref.unsubscribed_at is None:
        pref.unsubscribed_at = now or timezone.now()
        pref.save(update_fields=["unsubscribed_at"])
    return pref


def use_suggestion(*, suggestion: PlanSuggestion, client: User, now: datetime | None = None) -> None:
    """Apply a therapist's suggested plan to the client's preference for that kind."""
    now = now or timezone.now()
    current = preferences_for(client)
    st = settings_for(client)
    choices = [
        KindChoice(k, p.enabled, p.wall_times, list(p.days))
        for k, p in current.items()
        if k in {t.value for t in TIMED_KINDS}
    ]
    choices = [c for c in choices if c.kind != suggestion.kind] + [
        KindChoice(
            suggestion.kind, True, [time.fromisoformat(t) for t in suggestion.times], list(suggestion.days or ALL_DAYS)
        )
    ]
    with transaction.atomic():
        suggestion.decided_at = now
        suggestion.save(update_fields=["decided_at"])
        save_preferences(
            client=client,
            time_zone=st.time_zone,
            quiet_start=st.quiet_start,
            quiet_end=st.quiet_end,
            choices=choices,
            now=now,
        )


def suggest_plan(*, therapist: User, homework: Homework, times: list[time], days: list[int]) -> PlanSuggestion:
    """Attach a suggested reminder plan to a homework assignment (the client decides)."""
    kind = Kind.THOUGHT_RECORD if homework.kind == Homework.Kind.THOUGHT_RECORD else Kind.PRACTICE
    if homework.kind == Homework.Kind.MEASURE:
        kind = Kind.MEASURE
    return PlanSuggestion.objects.create(
        therapist=therapist,
        client=homework.client,
        homework=homework,
        kind=kind,
        times=sorted({t.strftime("%H:%M") for t in times}),
        days=sorted(set(days)) or list(ALL_DAYS),
    )


# --- Planning -----------------------------------------------------------------------------------


def _homework_kind(kind: str) -> str:
    return Homework.Kind.PRACTICE if kind == Kind.PRACTICE else Homework.Kind.THOUGHT_RECORD


def _is_active_on(item: Homework, day: date) -> bool:
    return item.starts_on <= day and (item.ends_on is None or day <= item.ends_on)


def _occurrence(
    client: User,
    st: ReminderSettings,
    now: datetime,
    *,
    kind: str,
    key: str,
    due: datetime,
    wall: time,
    object_id: int | None,
) -> Delivery | None:
    """Return the delivery row for one occurrence, or None when it falls outside the planning window."""
    if not (now - PLAN_BEHIND <= due < now + PLAN_AHEAD):
        return None
    quiet = st.is_quiet(wall)
    return Delivery(
        client=client,
        kind=kind,
        key=key,
        due_at=due,
        next_attempt_at=due,
        object_id=object_id,
        state=Delivery.State.SKIPPED if quiet else Delivery.State.PLANNED,
        reason="quiet_hours" if quiet else "",
        created_at=now,
    )


def plan_due(now: datetime, *, clients: Iterable[User] | None = None) -> int:
    """Plan every reminder occurrence due from just before `now` to PLAN_AHEAD; return how many were new.

    Occurrences are computed on the client's local calendar and wall clock and stored in UTC, so a
    daylight-saving change never moves an 08:00 reminder. One inserted row per occurrence (its key is
    unique); those falling in quiet hours are logged as skipped. Safe to run any number of times.
    """
    people = list(clients) if clients is not None else list(User.objects.filter(role=Role.CLIENT, is_active=True))
    if not people:
        return 0
    ids = [c.pk for c in people]
    prefs: dict[int, dict[str, ReminderPreference]] = defaultdict(dict)
    for p in ReminderPreference.objects.filter(client_id__in=ids):
        prefs[p.client_id][p.kind] = p
    settings_by_client = {s.client_id: s for s in ReminderSettings.objects.filter(client_id__in=ids)}
    homework: dict[int, list[Homework]] = defaultdict(list)
    for h in Homework.objects.filter(
        client_id__in=ids, active=True, kind__in=[Homework.Kind.PRACTICE, Homework.Kind.THOUGHT_RECORD]
    ):
        homework[h.client_id].append(h)
    schedules: dict[int, list[MeasureSchedule]] = defaultdict(list)
    for s in MeasureSchedule.objects.filter(client_id__in=ids, active=True):
        schedules[s.client_id].append(s)
    sessions: dict[int, list[Appointment]] = defaultdict(list)
    for a in Appointment.objects.filter(
        client_id__in=ids,
        status=Appointment.Status.SCHEDULED,
        starts_at__gt=now,
        starts_at__lt=now + PLAN_AHEAD + timedelta(days=2),
    ):
        sessions[a.client_id].append(a)

    rows: list[Delivery] = []
    for client in people:
        st = settings_by_client.get(client.pk) or ReminderSettings(client=client)
        zone = st.zone()
        mine = {k.value: prefs[client.pk].get(k.value) or default_preference(client, k.value) for k in TIMED_KINDS}
        today = now.astimezone(zone).date()
        days = [today + timedelta(days=n) for n in range(-1, PLAN_AHEAD.days + 1)]

        def add(kind: str, key: str, due: datetime, wall: time, object_id: int | None = None) -> None:
            # The closure is called only inside this iteration, so binding `client` late is fine.
            found = _occurrence(
                client,  # noqa: B023
                st,  # noqa: B023
                now,
                kind=kind,
                key=key,
                due=due,
                wall=wall,
                object_id=object_id,
            )
            if found is not None:
                rows.append(found)

        for kind in (Kind.PRACTICE, Kind.THOUGHT_RECORD):
            pref = mine[kind]
            if not pref.is_on:
                continue
            mine_hw = [h for h in homework[client.pk] if h.kind == _homework_kind(kind)]
            for day in days:
                if day.weekday() not in pref.days or not any(_is_active_on(h, day) for h in mine_hw):
                    continue
                for wall in pref.wall_times:
                    add(kind, f"{client.pk}:{kind}:{day}:{wall:%H:%M}", local_to_utc(day, wall, zone), wall)

        pref = mine[Kind.MEASURE]
        if pref.is_on and schedules[client.pk]:
            session_days = [a.starts_at.astimezone(zone).date() for a in sessions[client.pk]]
            for day in days:
                due_today = any(
                    day
                    in sched.due_days(
                        s.frequency, starts_on=s.starts_on, ends_on=s.ends_on, until=day, session_days=session_days
                    )
                    for s in schedules[client.pk]
                )
                if not due_today:
                    continue
                for wall in pref.wall_times:
                    add(Kind.MEASURE, f"{client.pk}:measure:{day}:{wall:%H:%M}", local_to_utc(day, wall, zone), wall)

        pref = mine[Kind.SESSION]
        if pref.is_on:
            for appointment in sessions[client.pk]:
                eve = appointment.starts_at.astimezone(zone).date() - timedelta(days=1)
                for wall in pref.wall_times:
                    due = local_to_utc(eve, wall, zone)
                    add(Kind.SESSION, f"{client.pk}:session:{appointment.pk}:{wall:%H:%M}", due, wall, appointment.pk)

    if not rows:
        return 0
    existing = set(Delivery.objects.filter(key__in=[r.key for r in rows]).values_list("key", flat=True))
    new = [r for r in rows if r.key not in existing]
    # ignore_conflicts: another worker planning at the same moment may have inserted the same key.
    Delivery.objects.bulk_create(new, ignore_conflicts=True)
    return len(new)


# --- Sending ------------------------------------------------------------------------------------


@dataclass
class SendReport:
    sent: int = 0
    skipped: int = 0
    retrying: int = 0
    failed: int = 0
    keys: list[str] = field(default_factory=list)


def claim_next(now: datetime, *, worker: str) -> Delivery | None:
    """Claim the next planned delivery that is due, in its own committed transaction; return it or None.

    On PostgreSQL, SKIP LOCKED lets several workers claim side by side without waiting or double-claiming;
    on SQLite the IMMEDIATE transaction serialises claims. The conditional UPDATE (state still "planned")
    is the last guard: only one worker's UPDATE can match.
    """
    while True:
        with transaction.atomic():
            candidate = (
                Delivery.objects.select_for_update(skip_locked=True)
                .filter(state=Delivery.State.PLANNED, next_attempt_at__lte=now)
                .order_by("next_attempt_at", "pk")
                .values_list("pk", flat=True)
                .first()
            )
            if candidate is None:
                return None
            won = Delivery.objects.filter(pk=candidate, state=Delivery.State.PLANNED).update(
                state=Delivery.State.SENDING,
                claimed_at=timezone.now(),
                claimed_by=worker,
                attempts=F("attempts") + 1,
            )
        if won:
            return Delivery.objects.select_related("client").get(pk=candidate)


def send_due(now: datetime, *, worker: str | None = None, limit: int = 200) -> SendReport:
    """Send every planned delivery due by `now` (up to `limit`): claim, send, mark sent, in that order."""
    worker = worker or worker_id()
    report = SendReport()
    for _round in range(limit):
        row = claim_next(now, worker=worker)
        if row is None:
            break
        deliver(row, now=now, worker=worker, report=report)
    return report


def deliver(row: Delivery, *, now: datetime, worker: str, report: SendReport | None = None) -> str:
    """Send one claimed delivery (or skip it) and record the outcome; return the new state."""
    report = report if report is not None else SendReport()
    reason = skip_reason(row, now)
    if reason == "quiet_hours" and row.kind == Kind.NUDGE:
        # A therapist's note is not a timed reminder: its email waits for the end of the quiet hours.
        _defer(row, worker, until=quiet_hours_end(settings_for(row.client), now))
        return Delivery.State.PLANNED
    if reason:
        _finish(row, worker, state=Delivery.State.SKIPPED, reason=reason, outcome="skipped")
        report.skipped += 1
        return Delivery.State.SKIPPED
    try:
        build_email(row).send()
    except Exception as exc:  # any failure of the mailer: retry later, keep the error for admins
        state = record_failure(row, exc, now=now, worker=worker)
        if state == Delivery.State.FAILED:
            report.failed += 1
        else:
            report.retrying += 1
        return state
    if not _finish(row, worker, state=Delivery.State.SENT, reason="", outcome="sent"):
        # The reaper took the claim back while we were sending: the row will be sent again (the one
        # documented duplicate). Say so in the log.
        log.warning("Delivery %s was sent after its claim went stale; it may be sent twice.", row.pk)
    report.sent += 1
    report.keys.append(row.key)
    return Delivery.State.SENT


def _finish(row: Delivery, worker: str, *, state: str, reason: str, outcome: str) -> bool:
    at = timezone.now()
    with transaction.atomic():
        done = Delivery.objects.filter(pk=row.pk, state=Delivery.State.SENDING, claimed_by=worker).update(
            state=state, reason=reason, sent_at=at if state == Delivery.State.SENT else None
        )
        DeliveryAttempt.objects.create(delivery=row, at=at, worker=worker, outcome=outcome, error=reason)
    return bool(done)


def quiet_hours_end(st: ReminderSettings, now: datetime) -> datetime:
    """Return the next moment the client's quiet hours end (their local wall clock), in UTC."""
    zone = st.zone()
    local = now.astimezone(zone)
    end = st.quiet_end or time(0, 0)
    day = local.date() if local.time() < end else local.date() + timedelta(days=1)
    return local_to_utc(day, end, zone)


def _defer(row: Delivery, worker: str, *, until: datetime) -> None:
    with transaction.atomic():
        Delivery.objects.filter(pk=row.pk, state=Delivery.State.SENDING, claimed_by=worker).update(
            state=Delivery.State.PLANNED,
            next_attempt_at=until,
            attempts=F("attempts") - 1,  # waiting for morning is not a failed attempt
            claimed_by="",
        )
        DeliveryAttempt.objects.create(delivery=row, worker=worker, outcome="deferred", error="quiet_hours")


def backoff(attempts: int) -> timedelta:
    """Return the wait after the n-th failed attempt: 1, 2, 4, 8 … minutes, at most an hour."""
    return min(RETRY_BASE * (2 ** max(attempts - 1, 0)), RETRY_CAP)


def record_failure(row: Delivery, exc: BaseException, *, now: datetime, worker: str) -> str:
    """Log a failed attempt with its error; plan a retry with backoff, or give up after MAX_ATTEMPTS."""
    error = f"{type(exc).__name__}: {exc}"[:1000]
    attempts = Delivery.objects.values_list("attempts", flat=True).get(pk=row.pk)
    give_up = attempts >= MAX_ATTEMPTS
    state = Delivery.State.FAILED if give_up else Delivery.State.PLANNED
    with transaction.atomic():
        Delivery.objects.filter(pk=row.pk, state=Delivery.State.SENDING, claimed_by=worker).update(
            state=state,
            reason="gave_up" if give_up else "retrying",
            last_error=error,
            next_attempt_at=now + backoff(attempts),
            claimed_by="",
        )
        DeliveryAttempt.objects.create(delivery=row, worker=worker, outcome="error", error=error)
    log.warning("Reminder delivery %s failed (attempt %s of %s): %s", row.pk, attempts, MAX_ATTEMPTS, error)
    return state


def reap_stale(now: datetime) -> int:
    """Return claims left "sending" by a worker that stopped to "planned" (or "failed"); return how many."""
    reaped = 0
    stale = Delivery.objects.filter(state=Delivery.State.SENDING, claimed_at__lt=now - CLAIM_STALE_AFTER)
    for row in stale.only("pk", "attempts", "claimed_at", "claimed_by"):
        give_up = row.attempts >= MAX_ATTEMPTS
        with transaction.atomic():
            # Conditional on the same claim, so a worker that finishes meanwhile keeps its result.
            moved = Delivery.objects.filter(pk=row.pk, state=Delivery.State.SENDING, claimed_at=row.claimed_at).update(
                state=Delivery.State.FAILED if give_up else Delivery.State.PLANNED,
                reason="gave_up" if give_up else "worker_stopped",
                last_error="The worker stopped before confirming this send.",
                next_attempt_at=now,
                claimed_by="",
            )
            if moved:
                DeliveryAttempt.objects.create(
                    delivery_id=row.pk,
                    worker=row.claimed_by,
                    outcome="reaped",
                    error="The worker stopped before confirming this send.",
                )
        reaped += moved
    if reaped:
        log.warning("Put %s stale reminder claims back to be sent.", reaped)
    return reaped


def skip_reason(row: Delivery, now: datetime) -> str:
    """Return why a claimed delivery must not be sent now ("" when it should be)."""
    client = row.client
    if not client.is_active:
        return "account_closed"
    pref = ReminderPreference.objects.filter(client=client, kind=row.kind).first()
    if pref is not None and pref.unsubscribed_at is not None:
        return "unsubscribed"
    if pref is not None and not pref.enabled:
        return "turned_off"
    st = settings_for(client)
    if st.is_quiet(now.astimezone(st.zone()).time()):
        return "quiet_hours"
    if row.kind != Kind.NUDGE and now - row.due_at > TOO_LATE_AFTER:
        return "too_late"
    if row.kind == Kind.MEASURE and not measure_selectors.due_for(client):
        return "nothing_due"
    if row.kind in (Kind.PRACTICE, Kind.THOUGHT_RECORD):
        local_day = now.astimezone(st.zone()).date()
        active = Homework.objects.filter(client=client, active=True, kind=_homework_kind(row.kind)).filter(
            Q(ends_on__isnull=True) | Q(ends_on__gte=local_day), starts_on__lte=local_day
        )
        if not active.exists():
            return "nothing_due"
    if row.kind == Kind.SESSION:
        still = Appointment.objects.filter(
            pk=row.object_id or 0, client=client, status=Appointment.Status.SCHEDULED, starts_at__gt=now
        )
        if not still.exists():
            return "session_changed"
    if row.kind == Kind.NUDGE and not Nudge.objects.filter(pk=row.object_id or 0, client=client).exists():
        return "nothing_due"
    return ""


def build_email(row: Delivery) -> EmailMessage:
    """Return the reminder email: short and kind, with no health information and a one-click unsubscribe."""
    client = row.client
    pref = ensure_preference(client, row.kind)
    site = settings.SITE_URL
    unsubscribe_url = site + reverse("reminders:unsubscribe", args=[pref.unsubscribe_token])
    if row.kind == Kind.SESSION:
        subject = _("A reminder for tomorrow")
        appointment = Appointment.objects.filter(pk=row.object_id or 0).first()
        when = (
            timezone.localtime(appointment.starts_at, settings_for(client).zone()).strftime("%H:%M")
            if appointment
            else ""
        )
        first = (
            _("You have a session tomorrow at %(time)s.") % {"time": when}
            if when
            else _("You have a session tomorrow.")
        )
        link = site + "/"
    elif row.kind == Kind.NUDGE:
        subject = _("There's a note waiting for you")
        first = _("There's a note waiting for you in Selfkind. Sign in to read it, whenever suits you.")
        link = site + reverse("reminders:nudges")
    else:
        subject = _("Something is waiting in Selfkind")
        first = _("You have something waiting in Selfkind, whenever you're ready.")
        link = site + "/"
    body = _(
        "Hello,\n\n%(first)s\n\n%(link)s\n\n"
        "You asked for these reminders. To stop this kind of reminder, open:\n%(unsubscribe)s\n"
        "To change times or quiet hours: %(settings)s\n"
    ) % {"first": first, "link": link, "unsubscribe": unsubscribe_url, "settings": site + reverse("reminders:index")}
    return EmailMessage(
        subject=subject,
        body=body,
        to=[client.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",  # RFC 8058
            "Auto-Submitted": "auto-generated",
        },
    )


# --- Nudges -------------------------------------------------------------------------------------


def send_nudge(*, therapist: User, client: User, text: str, now: datetime | None = None) -> Nudge:
    """Save a therapist's note for the client and plan the email that says (only) that there is one."""
    now = now or timezone.now()
    with transaction.atomic():
        nudge = Nudge.objects.create(therapist=therapist, client=client, text=text.strip(), created_at=now)
        Delivery.objects.create(
            client=client,
            kind=Kind.NUDGE,
            key=f"{client.pk}:nudge:{nudge.pk}",
            due_at=now,
            next_attempt_at=now,
            object_id=nudge.pk,
            created_at=now,
        )
    return nudge


def mark_nudges_seen(*, client: User, now: datetime | None = None) -> int:
    with transaction.atomic():
        seen = Nudge.objects.filter(client=client, seen_at__isnull=True).update(seen_at=now or timezone.now())
        if seen:
            stamps.touch([client.pk])  # an update sends no signal: "today" stops showing the notice
    return seen


# --- Calendar feeds -----------------------------------------------------------------------------


def live_feed(owner: User) -> CalendarFeed | None:
    return CalendarFeed.objects.filter(owner=owner, revoked_at__isnull=True).first()


def switch_on_feed(*, owner: User) -> CalendarFeed:
    """Return the owner's live feed, making one if there is none."""
    with transaction.atomic():
        return live_feed(owner) or CalendarFeed.objects.create(owner=owner)


def revoke_feed(*, owner: User, now: datetime | None = None) -> int:
    """Revoke the owner's feed: its address answers 404 from now on."""
    return CalendarFeed.objects.filter(owner=owner, revoked_at__isnull=True).update(revoked_at=now or timezone.now())


def renew_feed(*, owner: User) -> CalendarFeed:
    """Revoke the old address and make a new one."""
    with transaction.atomic():
        revoke_feed(owner=owner)
        return CalendarFeed.objects.create(owner=owner)
