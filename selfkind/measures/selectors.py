"""Reads for measures: what is due today, history per measure, outcomes, chart series."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils import timezone

from selfkind.accounts.models import Appointment, User
from selfkind.measures import schedule as sched
from selfkind.measures.instruments import registry
from selfkind.measures.instruments.registry import Band, Instrument
from selfkind.measures.models import Administration, MeasureSchedule


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


def due_for(client: User, *, today: date | None = None) -> list[DueMeasure]:
    """Return the client's measures that are due or overdue today, in their own time zone."""
    today = today or timezone.localtime(timezone.now(), client.tzinfo).date()
    schedules = list(MeasureSchedule.objects.filter(client=client, active=True))
    if not schedules:
        return []
    keys = {s.instrument for s in schedules}
    submitted: dict[str, list[date]] = defaultdict(list)
    drafts: dict[str, Administration] = {}
    for adm in Administration.objects.filter(client=client, instrument__in=keys):
        if adm.is_submitted and adm.submitted_at:
            submitted[adm.instrument].append(local_date(adm.submitted_at, client))
        elif not adm.is_submitted:
            drafts.setdefault(adm.instrument, adm)
    sessions = [
        local_date(a.starts_at, client)
        for a in Appointment.objects.filter(client=client, status=Appointment.Status.SCHEDULED)
    ]
    grace = client.clinic.measure_grace_days if client.clinic else 2
    result = []
    for s in schedules:
        occs = sched.occurrences(
            s.frequency,
            starts_on=s.starts_on,
            ends_on=s.ends_on,
            today=today,
            submitted_on=submitted[s.instrument],
            grace_days=grace,
            session_days=sessions,
        )
        now = sched.current(occs)
        if now is not None:
            result.append(DueMeasure(s, registry.get(s.instrument), now, drafts.get(s.instrument)))
    return sorted(result, key=lambda d: (d.occurrence.due_on, d.instrument.order))


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
