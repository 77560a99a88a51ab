"""Reads for measures: what is due today, history per measure, outcomes, chart series."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from selfkind.accounts.models import Appointment, User
from selfkind.lib.prepared import hydrate
from selfkind.measures import schedule as sched
from selfkind.measures.instruments import registry
from selfkind.measures.instruments.registry import Band, Instrument
from selfkind.measures.models import Administration, MeasureSchedule

RECENT_DAYS = 40
# What "due" needs of an administration, in the model's field order (so a row can become a deferred instance).
_DUE_FIELDS = [
    f.attname
    for f in Administration._meta.concrete_fields
    if f.attname in {"id", "client_id", "instrument", "status", "started_at", "submitted_at"}
]
_DUE_POSITIONS = [_DUE_FIELDS.index(name) for name in ("client_id", "instrument", "status", "submitted_at")]


@dataclass(frozen=True)
class DueMeasure:
    schedule: MeasureSchedule
    instrument: Instrument
    occurrence: sched.Occurrence
    draft: Administration | None

    @property
    def overdue(self) -> bool:
        return self.occurrence.status == "overdue"


@dataclass(frozen=True)
class Point:
    administration: Administration
    when: date
    value: Decimal  # the total as shown (WHO-5: the percentage)
    band: Band | None


def local_date(moment: object, user: User) -> date:
    return timezone.localtime(moment, user.tzinfo).date()  # type: ignore[arg-type]


def _start_of(day: date) -> datetime:
    """Midnight UTC of `day`: a plain comparison the database can use an index for (no per-row date cast)."""
    return datetime.combine(day, time.min, tzinfo=UTC)


def due_for(client: User, *, today: date | None = None) -> list[DueMeasure]:
    """Return the client's measures that are due or overdue today, in their own time zone."""
    return due_for_many([client], today=today).get(client.pk, [])


def due_for_many(clients: Sequence[User], *, today: date | None = None) -> dict[int, list[DueMeasure]]:
    """Return each client's due or overdue measures, in three queries whatever the number of clients.

    `today` overrides every client's own local date (tests); otherwise each client's time zone decides.
    """
    by_id = {c.pk: c for c in clients}
    schedules = list(MeasureSchedule.objects.filter(client_id__in=by_id, active=True))
    if not schedules:
        return {}
    # Only the current occurrence matters, and none starts more than a month back (monthly is the longest
    # cadence), so older submissions are never needed: this keeps big caseloads fast.
    horizon = max(min(s.starts_on for s in schedules), timezone.now().date() - timedelta(days=RECENT_DAYS))
    submitted: dict[tuple[int, str], list[date]] = defaultdict(list)
    drafts: dict[tuple[int, str], Administration] = {}
    recent = Administration.objects.filter(
        client_id__in={s.client_id for s in schedules}, instrument__in={s.instrument for s in schedules}
    ).exclude(status=Administration.Status.SUBMITTED, submitted_at__lt=_start_of(horizon - timedelta(days=1)))
    # Rows, not model instances: a big caseload has a thousand recent submissions, and only the few drafts
    # are handed on as administrations.
    for row in recent.values_list(*_DUE_FIELDS):
        client_id, instrument, status, submitted_at = (row[i] for i in _DUE_POSITIONS)
        key = (client_id, instrument)
        if status == Administration.Status.SUBMITTED:
            if submitted_at:
                submitted[key].append(local_date(submitted_at, by_id[client_id]))
        elif key not in drafts:
            draft = hydrate(Administration, recent.db, _DUE_FIELDS, row)
            assert isinstance(draft, Administration)
            drafts[key] = draft
    sessions: dict[int, list[date]] = defaultdict(list)
    if any(s.frequency == sched.BEFORE_SESSION for s in schedules):
        upcoming = Appointment.objects.filter(client_id__in=by_id, status=Appointment.Status.SCHEDULED).values_list(
            "client_id", "starts_at"
        )
        for cid, starts_at in upcoming:
            sessions[cid].append(local_date(starts_at, by_id[cid]))
    result: dict[int, list[DueMeasure]] = defaultdict(list)
    for s in schedules:
        client = by_id[s.client_id]
        local_today = today or timezone.localtime(timezone.now(), client.tzinfo).date()
        now = sched.current_occurrence(
            s.frequency,
            starts_on=s.starts_on,
            ends_on=s.ends_on,
            today=local_today,
            submitted_on=submitted[(client.pk, s.instrument)],
            grace_days=client.clinic.measure_grace_days if client.clinic else 2,
            session_days=sessions[client.pk],
        )
        if now is not None:
            result[client.pk].append(
                DueMeasure(s, registry.get(s.instrument), now, drafts.get((client.pk, s.instrument)))
            )
    return {
        cid: sorted(items, key=lambda d: (d.occurrence.due_on, d.instrument.order)) for cid, items in result.items()
    }


def submitted(client: User, key: str | None = None) -> list[Administration]:
    """Return the client's submitted administrations, oldest first (corrections replace what they correct)."""
    qs = Administration.objects.filter(client=client, status=Administration.Status.SUBMITTED)
    if key:
        qs = qs.filter(instrument=key)
    items = list(qs.order_by("submitted_at"))
    replaced = {a.corrects_id for a in items if a.corrects_id}
    return [a for a in items if a.pk not in replaced]


def shown_value(adm: Administration) -> Decimal:
    """Return the number people see: WHO-5's percentage, otherwise the total."""
    if adm.percentage is not None:
        return Decimal(adm.percentage)
    assert adm.total is not None
    return adm.total


def band_of(instrument: Instrument, key: str) -> Band | None:
    return next((b for b in instrument.bands if b.key == key), None)


def series(client: User, key: str, administrations: Iterable[Administration] | None = None) -> list[Point]:
    """Return the points of one measure over time, oldest first."""
    instrument = registry.get(key)
    adms = administrations if administrations is not None else submitted(client, key)
    return [
        Point(a, local_date(a.submitted_at, client), shown_value(a), band_of(instrument, a.band))
        for a in adms
        if a.instrument == key
    ]


def series_by_instrument(client: User) -> dict[str, list[Point]]:
    """Return every measure's points in one query."""
    all_adms = submitted(client)
    result: dict[str, list[Point]] = {}
    for instrument in registry.all_instruments():
        points = series(client, instrument.key, all_adms)
        if points:
            result[instrument.key] = points
    return result
