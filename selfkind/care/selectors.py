"""Reads that gather the client's "today" and the therapist's caseload."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from django.db.models import Count, Max, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone

from selfkind.accounts.access import ClientAccess, consenting_relationships
from selfkind.accounts.models import Appointment, CareRelationship, User
from selfkind.accounts.services import next_appointment
from selfkind.care import helps, workspace
from selfkind.care.adherence import Adherence
from selfkind.care.models import Homework
from selfkind.journal import affirmations, thoughts
from selfkind.journal.models import Affirmation, Note, Reflection, ThoughtRecord
from selfkind.journal.trapinfo import traps as trap_info
from selfkind.measures import change
from selfkind.measures import selectors as measure_selectors
from selfkind.measures.instruments import registry
from selfkind.measures.instruments.registry import Band, Instrument
from selfkind.measures.models import Administration
from selfkind.measures.selectors import DueMeasure
from selfkind.practices import services as practice_services
from selfkind.practices.content import Practice
from selfkind.practices.lessons import Lesson, course, lessons_for
from selfkind.practices.models import PracticeSession
from selfkind.safety.models import Alert

CASELOAD_MEASURES = ("phq9", "gad7")


@dataclass(frozen=True)
class LatestScore:
    instrument: Instrument
    total: Decimal
    band: Band | None
    direction: str  # better | worse | same | "" (first score)


@dataclass(frozen=True)
class CaseloadRow:
    client: User
    since: datetime
    next_session: datetime | None
    scores: list[LatestScore]
    due: list[DueMeasure]
    adherence: Adherence
    alerts: list[Alert]
    last_activity: datetime | None
    change: str  # reliable_improvement | reliable_deterioration | recovery | no_change | "" (too early)

    @property
    def overdue(self) -> list[DueMeasure]:
        return [d for d in self.due if d.overdue]

    @property
    def urgent_alerts(self) -> int:
        return sum(1 for a in self.alerts if a.level == "urgent")


def _latest(key: str, offset: int) -> Subquery:
    return Subquery(
        Administration.objects.filter(client=OuterRef("client"), instrument=key, status=Administration.Status.SUBMITTED)
        .order_by("-submitted_at")
        .values("total")[offset : offset + 1]
    )


def _latest_band(key: str) -> Subquery:
    return Subquery(
        Administration.objects.filter(client=OuterRef("client"), instrument=key, status=Administration.Status.SUBMITTED)
        .order_by("-submitted_at")
        .values("band")[:1]
    )


def caseload_rows(therapist: User, *, client_ids: list[int] | None = None) -> list[CaseloadRow]:
    """Return one row per consenting client (or only `client_ids`), in a constant number of queries."""
    now = timezone.now()
    next_session = (
        Appointment.objects.filter(
            client=OuterRef("client"), therapist=therapist, status=Appointment.Status.SCHEDULED, starts_at__gte=now
        )
        .order_by("starts_at")
        .values("starts_at")[:1]
    )
    annotations: dict[str, Any] = {"next_session": Subquery(next_session)}
    for key in CASELOAD_MEASURES:
        annotations[f"{key}_first"] = Subquery(
            Administration.objects.filter(
                client=OuterRef("client"), instrument=key, status=Administration.Status.SUBMITTED
            )
            .order_by("submitted_at")
            .values("total")[:1]
        )
        annotations[f"{key}_total"] = _latest(key, 0)
        annotations[f"{key}_previous"] = _latest(key, 1)
        annotations[f"{key}_band"] = _latest_band(key)
    chosen = consenting_relationships(therapist)
    if client_ids is not None:
        chosen = chosen.filter(client_id__in=client_ids)
    rels = list(chosen.select_related("client__clinic").annotate(**annotations).order_by("client__name"))
    clients = [r.client for r in rels]
    due = measure_selectors.due_for_many(clients)
    homework = workspace.homework_adherence(clients, notes=False)  # rows show adherence, never the notes
    activity = workspace.last_activity(clients)
    alerts: dict[int, list[Alert]] = {}
    # Rows show each alert's level only: the encrypted words stay unread (and undecrypted).
    open_alerts = Alert.objects.for_reader(therapist).open().filter(client__in=clients).urgent_first()
    for alert in open_alerts.defer(*ALERT_WORDS):
        alerts.setdefault(alert.client_id, []).append(alert)
    return [
        CaseloadRow(
            client=r.client,
            since=r.started_at,
            next_session=r.next_session,  # type: ignore[attr-defined]
            scores=_scores(r),
            due=due.get(r.client_id, []),
            adherence=workspace.overall_for(homework.get(r.client_id, [])),
            alerts=alerts.get(r.client_id, []),
            last_activity=activity.get(r.client_id),
            change=_change(r),
        )
        for r in rels
    ]


def _change(rel: Any) -> str:
    """Return the NHS Talking Therapies status from first and latest PHQ-9/GAD-7, or "" with one score only."""
    pairs = {}
    for key in CASELOAD_MEASURES:
        first, latest = getattr(rel, f"{key}_first"), getattr(rel, f"{key}_total")
        if first is not None and latest is not None and getattr(rel, f"{key}_previous") is not None:
            pairs[key] = (int(first), int(latest))
    if not pairs:
        return ""
    outcome = change.talking_therapies_outcome(phq9=pairs.get("phq9"), gad7=pairs.get("gad7"))
    if outcome.reliable_deterioration:
        return "reliable_deterioration"
    if outcome.reliable_recovery:
        return "reliable_recovery"
    if outcome.reliable_improvement:
        return "reliable_improvement"
    return "no_change"


FILTERS = ("alerts", "deteriorating", "inactive", "overdue")
# An alert's encrypted fields: lists that show levels, names and times never need them.
ALERT_WORDS = ("reasons", "acknowledgement_note")


def filter_and_sort(rows: list[CaseloadRow], *, show: str, sort: str, now: datetime) -> list[CaseloadRow]:
    """Apply the caseload's filter and sort (in Python: the rows are already loaded in fixed queries)."""
    if show == "alerts":
        rows = [r for r in rows if r.alerts]
    elif show == "deteriorating":
        rows = [
            r for r in rows if r.change == "reliable_deterioration" or any(s.direction == "worse" for s in r.scores)
        ]
    elif show == "inactive":
        week = now - timedelta(days=7)
        rows = [r for r in rows if r.last_activity is None or r.last_activity < week]
    elif show == "overdue":
        rows = [r for r in rows if r.overdue]
    if sort == "alerts":
        return sorted(rows, key=lambda r: (-r.urgent_alerts, -len(r.alerts), r.client.name))
    if sort == "activity":
        return sorted(rows, key=lambda r: (r.last_activity is not None, r.last_activity or now))
    return rows


def _scores(rel: Any) -> list[LatestScore]:
    scores = []
    for key in CASELOAD_MEASURES:
        total = getattr(rel, f"{key}_total")
        if total is None:
            continue
        instrument = registry.get(key)
        previous = getattr(rel, f"{key}_previous")
        if previous is None or previous == total:
            direction = "" if previous is None else "same"
        else:
            direction = "better" if (total > previous) == instrument.higher_is_better else "worse"
        band = measure_selectors.band_of(instrument, getattr(rel, f"{key}_band"))
        scores.append(LatestScore(instrument, total, band, direction))
    return scores


def waiting_for_consent(therapist: User) -> list[CareRelationship]:
    return list(
        CareRelationship.objects.filter(therapist=therapist, status=CareRelationship.Status.PENDING).select_related(
            "client"
        )
    )


_UNREAD: Any = object()


# What "today" shows of a thought record: an unfinished one's thought (its link resumes it wherever the client
# left off) and, through homework, when one was finished. A save that writes none of these (most steps) leaves
# the page as it was, so it keeps the client's kept copy (selfkind/care/today_cache.py).
DRAFT_FIELDS = ("client", "thought", "completed_at", "created_at")


def today_for(client: User, *, relationship: CareRelationship | None = _UNREAD) -> dict[str, Any]:
    """Return what the client's home shows today.

    `relationship` is the client's active relationship when the caller has already read it (the consent
    gate does, on every page), so it is not read twice.
    """
    rel = relationship
    if rel is _UNREAD:
        rel = (
            CareRelationship.objects.filter(client=client, status=CareRelationship.Status.ACTIVE)
            .select_related("therapist")
            .first()
        )
    stage = rel.stage if rel else "understanding"
    # Read once for the whole page: each read is a query and parses the clinic's own practices.
    practices = practice_services.practices_for(client)
    # A client has at most one reflection a lesson (a database constraint): read them all once, for the
    # homework's adherence and for the suggested lesson.
    reflections = list(Reflection.objects.filter(client=client).values_list("client_id", "lesson", "updated_at"))
    homework_rows = workspace.homework_adherence([client], days=7, reflections=reflections).get(client.pk, [])
    lessons = lessons_for(client) if any(r.homework.kind == Homework.Kind.LESSON for r in homework_rows) else {}
    # One query for the practice history: when each practice was last started, and how many this week.
    week_ago = timezone.now() - timedelta(days=7)
    history = (
        PracticeSession.objects.filter(client=client)
        .values("practice")
        .annotate(last=Max("started_at"), this_week=Count("pk", filter=Q(completed_at__gte=week_ago)))
        .values_list("practice", "last", "this_week")
    )
    last_started = {}
    practices_this_week = 0
    for slug, last, this_week in history:
        last_started[slug] = last
        practices_this_week += this_week
    return {
        "relationship": rel,
        "next_session": next_appointment(client=client),
        "due_measures": measure_selectors.due_for(client),
        "affirmation": affirmations.of_the_day(client),
        "practices_this_week": practices_this_week,
        "suggested_practice": _suggested_practice(stage, practices, last_started),
        "suggested_lesson": _suggested_lesson(stage, {lesson for _, lesson, _ in reflections}),
        "draft_records": ThoughtRecord.objects.filter(client=client, completed_at__isnull=True).only(*DRAFT_FIELDS)[:3],
        "homework": [
            (
                row,
                workspace.homework_label(row.homework, client, practices=practices, lessons=lessons),
                _homework_link(row.homework),
            )
            for row in homework_rows
        ],
    }


def _homework_link(homework: Homework) -> str:
    if homework.kind == Homework.Kind.PRACTICE:
        return reverse("practices:detail", args=[homework.target])
    if homework.kind == Homework.Kind.LESSON:
        return reverse("practices:lesson", args=[homework.target])
    if homework.kind == Homework.Kind.MEASURE:
        return reverse("measures:index")
    return reverse("journal:thoughts")


def _suggested_practice(stage: str, available: dict[str, Practice], last: dict[str, datetime]) -> Practice | None:
    """Return a practice of the client's stage, the one done least recently (or never)."""
    practices = [p for p in available.values() if p.stage == stage]
    if not practices:
        return None
    return min(practices, key=lambda p: (last.get(p.slug) is not None, last.get(p.slug) or 0, p.slug))


def _suggested_lesson(stage: str, done: set[str]) -> Lesson | None:
    """Return the first lesson of the client's stage not yet reflected on (`done`), else the first unread one."""
    course_lessons = [lesson for lesson in course().values() if lesson.slug not in done]
    in_stage = [lesson for lesson in course_lessons if lesson.stage == stage]
    choices = in_stage or course_lessons
    return choices[0] if choices else None


def client_page(access: ClientAccess) -> dict[str, Any]:
    """Return what the therapist's page about one client shows, as the access level allows."""
    client, viewer = access.client, access.viewer
    shared = access.sees_client_content
    lessons = course()
    return {
        "access": access,
        "client": client,
        "can_edit": access.level == "therapist",
        "appointments": Appointment.objects.filter(client=client, therapist=viewer).order_by("-starts_at")[:50],
        # Never private entries, whoever is looking.
        "notes": Note.objects.filter(client=client, private=False)[:20] if shared else [],
        "reflections": [
            (r, lessons.get(r.lesson)) for r in Reflection.objects.filter(client=client, private=False)[:20]
        ]
        if shared
        else [],
        "affirmations": Affirmation.objects.filter(client=client, status__in=["active", "proposed"])[:20]
        if shared
        else [],
        "timeline": timeline(client) if shared else [],
        "helps": helps.effects(client, practice_services.practices_for(client)) if shared else [],
        "top_traps": thoughts.trends(client, include_private=False).top_traps if shared else [],
        "trap_names": {k: v.name for k, v in trap_info().items()},
        # The alert history is the therapist's own record: kept after consent ends, without words.
        "alerts": Alert.objects.filter(client=client, routed_to=viewer).order_by("-created_at")[:50],
    }


@dataclass(frozen=True)
class TimelineItem:
    when: datetime
    kind: str
    text: str
    link: str = ""


def timeline(client: User, *, per_kind: int = 15) -> list[TimelineItem]:
    """Return the latest shared items of every kind, newest first (never private entries; one query a kind)."""
    items: list[TimelineItem] = []
    for adm in Administration.objects.filter(client=client, status="submitted").order_by("-submitted_at")[:per_kind]:
        inst = registry.get(adm.instrument)
        band = measure_selectors.band_of(inst, adm.band)
        value = measure_selectors.shown_value(adm)
        when = adm.submitted_at or adm.updated_at  # submitted ones always have it (a database constraint)
        items.append(TimelineItem(when, "measure", f"{inst.short_name} {value:g} ({band.label if band else ''})"))
    for rec in ThoughtRecord.objects.filter(client=client, private=False).order_by("-updated_at")[:per_kind]:
        items.append(TimelineItem(rec.updated_at, "thought_record", f"“{rec.thought[:90]}”"))
    practices = practice_services.practices_for(client)
    for s in PracticeSession.objects.filter(client=client, completed_at__isnull=False).order_by("-completed_at")[
        :per_kind
    ]:
        title = practices[s.practice].title if s.practice in practices else s.practice
        ratings = ""
        if s.distress_before is not None and s.distress_after is not None:
            ratings = f" · distress {s.distress_before}→{s.distress_after}"
        items.append(TimelineItem(s.completed_at or s.started_at, "practice", f"{title}{ratings}"))
    lessons = course()
    for r in Reflection.objects.filter(client=client, private=False).order_by("-updated_at")[:per_kind]:
        items.append(
            TimelineItem(r.updated_at, "reflection", lessons[r.lesson].title if r.lesson in lessons else r.lesson)
        )
    for a in Affirmation.objects.filter(client=client, status="active").order_by("-created_at")[:per_kind]:
        items.append(TimelineItem(a.created_at, "affirmation", f"“{a.text[:90]}”"))
    for n in Note.objects.filter(client=client, private=False).order_by("-created_at")[:per_kind]:
        items.append(TimelineItem(n.created_at, "note", n.text[:90]))
    return sorted(items, key=lambda i: i.when, reverse=True)[:40]
