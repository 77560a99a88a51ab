"""Reads for the workspace: completions, adherence and activity for one client or a whole caseload.

Everything here runs a fixed number of queries whatever the number of clients (the caseload depends on it).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext

from selfkind.accounts.models import Appointment, User
from selfkind.care.adherence import Adherence, adherence, overall
from selfkind.care.models import Homework
from selfkind.journal.models import Note, Reflection, ThoughtRecord
from selfkind.measures.instruments import registry
from selfkind.measures.models import Administration
from selfkind.practices import services as practice_services
from selfkind.practices.lessons import lessons_for
from selfkind.practices.models import PracticeSession

WINDOW_DAYS = 14
Key = tuple[int, str, str]  # (client id, homework kind, target)


def local_day(moment: datetime | None, user: User) -> date:
    assert moment is not None  # filtered on a non-null timestamp
    return timezone.localtime(moment, user.tzinfo).date()


def completions(
    clients: Sequence[User],
    since: datetime,
    *,
    kinds: set[str] | None = None,
    reflections: Sequence[tuple[int, str, datetime]] | None = None,
) -> dict[Key, list[date]]:
    """Return the client-local days on which each kind of homework was done since a moment.

    One query a kind (4 at most); `kinds` limits the reads to the kinds of homework that were set, and
    `reflections` (client id, lesson, updated at) are the clients' reflections when the caller has read them.
    """
    by_id = {c.pk: c for c in clients}
    found: dict[Key, list[date]] = defaultdict(list)
    if kinds is None or Homework.Kind.PRACTICE in kinds:
        for cid, slug, at in PracticeSession.objects.filter(client_id__in=by_id, completed_at__gte=since).values_list(
            "client_id", "practice", "completed_at"
        ):
            found[(cid, "practice", slug)].append(local_day(at, by_id[cid]))
    if kinds is None or Homework.Kind.LESSON in kinds:
        rows: Iterable[tuple[int, str, datetime]] = (
            reflections
            if reflections is not None
            else Reflection.objects.filter(client_id__in=by_id, updated_at__gte=since).values_list(
                "client_id", "lesson", "updated_at"
            )
        )
        for cid, lesson, at in rows:
            if cid in by_id and at >= since:
                found[(cid, "lesson", lesson)].append(local_day(at, by_id[cid]))
    if kinds is None or Homework.Kind.THOUGHT_RECORD in kinds:
        for cid, at in ThoughtRecord.objects.filter(client_id__in=by_id, completed_at__gte=since).values_list(
            "client_id", "completed_at"
        ):
            found[(cid, "thought_record", "")].append(local_day(at, by_id[cid]))
    if kinds is None or Homework.Kind.MEASURE in kinds:
        for cid, key, at in Administration.objects.filter(
            client_id__in=by_id, status=Administration.Status.SUBMITTED, submitted_at__gte=since
        ).values_list("client_id", "instrument", "submitted_at"):
            found[(cid, "measure", key)].append(local_day(at, by_id[cid]))
    return found


@dataclass(frozen=True)
class HomeworkRow:
    homework: Homework
    adherence: Adherence


def homework_adherence(
    clients: Sequence[User],
    *,
    days: int = WINDOW_DAYS,
    today: date | None = None,
    reflections: Sequence[tuple[int, str, datetime]] | None = None,
    notes: bool = True,
) -> dict[int, list[HomeworkRow]]:
    """Return each client's active homework with its adherence over the last `days` days (fixed queries).

    `reflections` (client id, lesson, updated at): every reflection of these clients, when already read.
    `notes=False` leaves the therapists' encrypted notes unread (and undecrypted), for lists that show only
    adherence: reading one later would cost a query for each homework.
    """
    by_id = {c.pk: c for c in clients}
    homework_rows = Homework.objects.filter(client_id__in=by_id, active=True).order_by("created_at")
    homework = list(homework_rows if notes else homework_rows.defer("note"))
    if not homework:
        return {}
    earliest = min(h.starts_on for h in homework)
    # Completions before the window only matter for "once" homework (done once, any time since set).
    window_start = (today or timezone.now().date()) - timedelta(days=days + 1)
    if all(h.frequency != Homework.Frequency.ONCE for h in homework):
        earliest = max(earliest, window_start)
    since = timezone.make_aware(datetime.combine(earliest - timedelta(days=1), datetime.min.time()))
    done = completions(
        [by_id[h.client_id] for h in homework], since, kinds={h.kind for h in homework}, reflections=reflections
    )
    sessions: dict[int, list[date]] = defaultdict(list)
    if any(h.frequency == Homework.Frequency.BEFORE_SESSION for h in homework):
        for cid, at in (
            Appointment.objects.filter(client_id__in=by_id)
            .exclude(status="cancelled")
            .values_list("client_id", "starts_at")
        ):
            sessions[cid].append(local_day(at, by_id[cid]))
    result: dict[int, list[HomeworkRow]] = defaultdict(list)
    for h in homework:
        client = by_id[h.client_id]
        end = today or timezone.localtime(timezone.now(), client.tzinfo).date()
        row = adherence(
            h.frequency,
            per_week=h.per_week,
            starts_on=h.starts_on,
            ends_on=h.ends_on,
            window_start=end - timedelta(days=days - 1),
            window_end=end,
            completed_on=done.get((client.pk, h.kind, h.target), []),
            session_days=sessions.get(client.pk, []),
        )
        result[client.pk].append(HomeworkRow(h, row))
    return result


def overall_for(rows: Sequence[HomeworkRow]) -> Adherence:
    return overall([r.adherence for r in rows])


def last_activity(clients: Sequence[User]) -> dict[int, datetime]:
    """Return each client's latest activity of any kind (5 queries)."""
    ids = [c.pk for c in clients]
    latest: dict[int, datetime] = {}
    sources = [
        (PracticeSession, "started_at"),
        (ThoughtRecord, "updated_at"),
        (Note, "created_at"),
        (Reflection, "updated_at"),
        (Administration, "updated_at"),
    ]
    for model, field in sources:
        rows = model.objects.filter(client_id__in=ids).values("client_id").annotate(last=Max(field))  # type: ignore[attr-defined]
        for row in rows:
            if row["last"] and (row["client_id"] not in latest or row["last"] > latest[row["client_id"]]):
                latest[row["client_id"]] = row["last"]
    return latest


def homework_label(
    h: Homework, client: object, *, practices: dict[str, Any] | None = None, lessons: dict[str, Any] | None = None
) -> str:
    """Return a plain name for an assignment (pass the client's practices and lessons to save their queries)."""
    if h.kind == Homework.Kind.THOUGHT_RECORD:
        return str(gettext("A thought record"))
    if h.kind == Homework.Kind.PRACTICE:
        found = (practices if practices is not None else practice_services.practices_for(client)).get(h.target)  # type: ignore[arg-type]
        return found.title if found else h.target
    if h.kind == Homework.Kind.LESSON:
        lesson = (lessons if lessons is not None else lessons_for(client)).get(h.target)  # type: ignore[arg-type]
        return lesson.title if lesson else h.target
    return registry.get(h.target).short_name
