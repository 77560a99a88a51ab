"""Planning and sending with frozen time: DST, quiet hours, unsubscribe, retries, reaper, restarts."""

from __future__ import annotations

import zoneinfo
from datetime import UTC, datetime, time, timedelta

import pytest
import time_machine
from django.core import mail

from selfkind.reminders import services
from selfkind.reminders.models import ALL_DAYS, Delivery, DeliveryAttempt, Kind

pytestmark = pytest.mark.django_db
LONDON = zoneinfo.ZoneInfo("Europe/London")


def only_thought_records_at(client, *times: time, quiet: tuple[time, time] | None = None, now=None) -> None:
    services.save_preferences(
        client=client,
        time_zone="",
        quiet_start=quiet[0] if quiet else None,
        quiet_end=quiet[1] if quiet else None,
        choices=[
            services.KindChoice(Kind.THOUGHT_RECORD, True, list(times), list(ALL_DAYS)),
            services.KindChoice(Kind.PRACTICE, False, [time(9)], list(ALL_DAYS)),
            services.KindChoice(Kind.MEASURE, False, [time(9)], list(ALL_DAYS)),
            services.KindChoice(Kind.SESSION, False, [time(9)], list(ALL_DAYS)),
        ],
        now=now,
    )


def run_worker(start: datetime, end: datetime, step: timedelta) -> list[tuple[datetime, str]]:
    """Tick like the worker does (plan, reap, send) from start to end; return (when, subject) per email."""
    sent = []
    moment = start
    with time_machine.travel(start, tick=False) as traveller:
        while moment <= end:
            traveller.move_to(moment)
            before = len(mail.outbox)
            services.plan_due(moment)
            services.reap_stale(moment)
            services.send_due(moment, worker="w1")
            sent += [(moment, m.subject) for m in mail.outbox[before:]]
            moment += step
    return sent


@pytest.mark.parametrize(
    "first_day",
    [datetime(2026, 3, 28, tzinfo=UTC), datetime(2026, 10, 24, tzinfo=UTC)],  # the days before each change
    ids=["spring-forward", "fall-back"],
)
def test_it_sends_once_a_day_at_eight_local_across_a_dst_change(london, first_day):
    with time_machine.travel(first_day, tick=False):
        only_thought_records_at(london, time(8, 0))
    sent = run_worker(first_day, first_day + timedelta(days=3), timedelta(hours=1))

    local = [when.astimezone(LONDON) for when, _subject in sent]
    assert [(t.date().isoformat(), t.strftime("%H:%M")) for t in local] == [
        ((first_day + timedelta(days=n)).date().isoformat(), "08:00") for n in range(3)
    ]
    # The UTC instant moved by the hour the clocks moved, the wall clock did not.
    assert len({when.hour for when, _ in sent}) == 2
    rows = Delivery.objects.filter(client=london).order_by("due_at")
    assert [r.state for r in rows] == ["sent", "sent", "sent"] + ["planned"] * (rows.count() - 3)


def test_planning_twice_makes_one_row_per_occurrence(london):
    now = datetime(2026, 5, 4, 6, 0, tzinfo=UTC)
    with time_machine.travel(now, tick=False):
        only_thought_records_at(london, time(8, 0), time(19, 30))
        first = Delivery.objects.count()
        assert services.plan_due(now) == 0
        assert services.plan_due(now + timedelta(minutes=5)) == 0
    assert Delivery.objects.count() == first == 4  # today and tomorrow, two times each
    assert len({d.key for d in Delivery.objects.all()}) == first


def test_it_never_sends_in_quiet_hours(london):
    now = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
    with time_machine.travel(now, tick=False):
        only_thought_records_at(london, time(7, 0), time(22, 30), quiet=(time(22, 0), time(7, 30)))
    sent = run_worker(now, now + timedelta(days=1), timedelta(hours=1))

    assert [w.astimezone(LONDON).strftime("%H:%M") for w, _ in sent] == []
    skipped = Delivery.objects.filter(state="skipped", reason="quiet_hours")
    assert skipped.count() >= 2  # both times fall in quiet hours, and are logged as skipped
    assert not Delivery.objects.filter(state="sent").exists()


def test_quiet_hours_set_after_planning_still_hold(london):
    now = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
    with time_machine.travel(now, tick=False):
        only_thought_records_at(london, time(23, 0))
        row = Delivery.objects.get(state="planned", due_at__date="2026-06-01")
        from selfkind.reminders.models import ReminderSettings

        # Changed behind the planner's back (no re-plan): the send-time check still refuses.
        ReminderSettings.objects.filter(client=london).update(quiet_start=time(22, 0), quiet_end=time(7, 0))
    with time_machine.travel(row.due_at, tick=False):
        report = services.send_due(row.due_at, worker="w1")
    row.refresh_from_db()
    assert (report.sent, row.state, row.reason) == (0, "skipped", "quiet_hours")
    assert mail.outbox == []
    assert row.attempt_log.get().outcome == "skipped"


def test_it_never_sends_after_unsubscribe(london, client):
    now = datetime(2026, 6, 1, 6, 0, tzinfo=UTC)
    with time_machine.travel(now, tick=False):
        only_thought_records_at(london, time(8, 0))
        token = london.reminder_preferences.get(kind="thought_record").unsubscribe_token
        # The RFC 8058 one-click POST comes from the mail provider: no session, no CSRF cookie.
        response = client.post(
            f"/reminders/unsubscribe/{token}/", {"List-Unsubscribe": "One-Click"}, enforce_csrf_checks=True
        )
        assert response.status_code == 200
    sent = run_worker(now, now + timedelta(hours=4), timedelta(minutes=20))
    assert sent == []
    row = Delivery.objects.get(due_at=datetime(2026, 6, 1, 7, 0, tzinfo=UTC))
    assert (row.state, row.reason) == ("skipped", "unsubscribed")


def test_it_retries_a_failing_send_with_growing_waits_then_sends(london, failing_mailer):
    now = datetime(2026, 6, 1, 7, 0, tzinfo=UTC)  # 08:00 in London
    with time_machine.travel(now - timedelta(hours=1), tick=False):
        only_thought_records_at(london, time(8, 0))
    row = Delivery.objects.get(due_at=now)
    tries = []
    moment = now
    with time_machine.travel(now, tick=False) as traveller:
        for _ in range(200):  # every 15 seconds for 50 minutes
            traveller.move_to(moment)
            if services.send_due(moment, worker="w1").retrying:
                tries.append(moment)
            if len(tries) == 3:
                failing_mailer.stop()
            moment += timedelta(seconds=15)
    row.refresh_from_db()
    assert [(t - now).total_seconds() for t in tries] == [0, 60, 180]  # waits of 1 then 2 minutes
    assert (row.state, row.attempts, len(mail.outbox)) == ("sent", 4, 1)
    assert row.sent_at == now + timedelta(minutes=7)  # the 4th attempt, after a 4-minute wait
    assert list(row.attempt_log.values_list("outcome", flat=True)) == ["error", "error", "error", "sent"]
    assert "421 try again later" in row.attempt_log.first().error


def test_it_gives_up_after_max_attempts_and_keeps_the_error(london, failing_mailer):
    now = datetime(2026, 6, 1, 7, 0, tzinfo=UTC)
    with time_machine.travel(now - timedelta(hours=1), tick=False):
        only_thought_records_at(london, time(8, 0))
    run_worker(now, now + timedelta(hours=1), timedelta(minutes=1))
    row = Delivery.objects.get(due_at=now)
    assert (row.state, row.reason, row.attempts) == ("failed", "gave_up", services.MAX_ATTEMPTS)
    assert "421" in row.last_error
    assert row.attempt_log.filter(outcome="error").count() == services.MAX_ATTEMPTS


def test_a_claim_left_by_a_killed_worker_is_reaped_and_sent_once(london):
    now = datetime(2026, 6, 1, 7, 0, tzinfo=UTC)
    with time_machine.travel(now - timedelta(hours=1), tick=False):
        only_thought_records_at(london, time(8, 0))
    with time_machine.travel(now, tick=False):
        claimed = services.claim_next(now, worker="killed")  # ...and the worker dies before sending
    assert claimed is not None and claimed.state == "sending"

    later = now + timedelta(minutes=5)
    with time_machine.travel(later, tick=False):
        assert services.reap_stale(later) == 0  # not stale yet: the worker might be alive
        assert services.send_due(later, worker="w2").sent == 0
    sent = run_worker(now + timedelta(minutes=11), now + timedelta(minutes=20), timedelta(minutes=1))

    claimed.refresh_from_db()
    assert len(sent) == 1 and claimed.state == "sent" and claimed.claimed_by == "w1"
    assert list(claimed.attempt_log.values_list("outcome", "worker")) == [("reaped", "killed"), ("sent", "w1")]


def test_a_worker_restart_loses_nothing_and_repeats_at_most_one_email(london, monkeypatch):
    now = datetime(2026, 6, 1, 7, 0, tzinfo=UTC)
    with time_machine.travel(now - timedelta(hours=1), tick=False):
        only_thought_records_at(london, time(8, 0), time(8, 1), time(8, 2))
    original = services._finish

    class Killed(BaseException):  # like SIGKILL: nothing after the send runs
        pass

    def die_after_sending(*args, **kwargs):
        raise Killed

    monkeypatch.setattr(services, "_finish", die_after_sending)
    at = now + timedelta(minutes=3)
    with time_machine.travel(at, tick=False), pytest.raises(Killed):
        services.send_due(at, worker="first")
    assert len(mail.outbox) == 1  # the first email left, but its "sent" mark was never written
    monkeypatch.setattr(services, "_finish", original)

    sent = run_worker(at + timedelta(minutes=1), at + timedelta(minutes=30), timedelta(minutes=1))
    assert len(sent) == 3  # the other two, then the stale one after the reaper returns it
    keys = [m.extra_headers for m in mail.outbox]
    assert len(keys) == 4
    rows = Delivery.objects.filter(client=london, due_at__date="2026-06-01")
    assert sorted(r.state for r in rows) == ["sent", "sent", "sent"]
    # Exactly one occurrence went out twice (the documented duplicate); none was lost.
    assert sorted(r.attempts for r in rows) == [1, 1, 2]


def test_every_outcome_is_logged(london, failing_mailer):
    now = datetime(2026, 6, 1, 7, 0, tzinfo=UTC)
    with time_machine.travel(now - timedelta(hours=1), tick=False):
        only_thought_records_at(london, time(8, 0), time(23, 0), quiet=(time(22, 30), time(6, 0)))
    run_worker(now, now + timedelta(minutes=2), timedelta(minutes=1))
    failing_mailer.stop()
    run_worker(now + timedelta(minutes=2), now + timedelta(minutes=4), timedelta(minutes=1))
    for row in Delivery.objects.exclude(state="planned").exclude(reason="quiet_hours"):
        outcomes = list(row.attempt_log.values_list("outcome", flat=True))
        assert len(outcomes) >= row.attempts and outcomes[-1] in {"sent", "skipped", "error", "reaped"}
    assert Delivery.objects.filter(state="skipped", reason="quiet_hours").exists()
    assert DeliveryAttempt.objects.filter(outcome="error").exists()
    assert DeliveryAttempt.objects.filter(outcome="sent").exists()


def test_backoff_doubles_and_is_capped():
    assert [services.backoff(n).total_seconds() / 60 for n in range(1, 9)] == [1, 2, 4, 8, 16, 32, 60, 60]


def test_a_nudge_written_in_quiet_hours_is_emailed_when_they_end(london, personas):
    evening = datetime(2026, 6, 1, 22, 30, tzinfo=UTC)  # 23:30 in London
    with time_machine.travel(evening, tick=False):
        only_thought_records_at(london, time(8, 0), quiet=(time(22, 0), time(7, 0)))
        nudge = services.send_nudge(therapist=personas.therapist, client=london, text="Thinking of you")
    sent = run_worker(evening, evening + timedelta(hours=9), timedelta(minutes=30))
    row = Delivery.objects.get(kind="nudge", object_id=nudge.pk)
    assert [(w.astimezone(LONDON).strftime("%H:%M"), s) for w, s in sent if s.startswith("There")] == [
        ("07:00", "There's a note waiting for you")
    ]
    assert (row.state, row.attempts) == ("sent", 1)
    assert list(row.attempt_log.values_list("outcome", flat=True)) == ["deferred", "sent"]
