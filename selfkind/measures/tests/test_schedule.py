from datetime import date, timedelta

import pytest

from selfkind.measures.schedule import current, due_days, occurrences

MON = date(2026, 11, 2)


def test_weekly_days():
    assert due_days("weekly", starts_on=MON, ends_on=None, until=MON + timedelta(days=15)) == [
        MON,
        MON + timedelta(days=7),
        MON + timedelta(days=14),
    ]


def test_monthly_keeps_the_day_or_the_months_last_day():
    days = due_days("monthly", starts_on=date(2026, 1, 31), ends_on=None, until=date(2026, 4, 30))
    assert days == [date(2026, 1, 31), date(2026, 2, 28), date(2026, 3, 31), date(2026, 4, 30)]


def test_fortnightly_and_end_date():
    days = due_days("fortnightly", starts_on=MON, ends_on=MON + timedelta(days=20), until=MON + timedelta(days=60))
    assert days == [MON, MON + timedelta(days=14)]


def test_before_each_session_is_the_day_before():
    sessions = [date(2026, 11, 5), date(2026, 11, 12)]
    assert due_days("before_session", starts_on=MON, ends_on=None, until=date(2026, 12, 1), session_days=sessions) == [
        date(2026, 11, 4),
        date(2026, 11, 11),
    ]


@pytest.mark.parametrize(
    ("today", "submitted", "expected"),
    [
        (MON - timedelta(days=1), [], "upcoming"),
        (MON, [], "due"),
        (MON + timedelta(days=2), [], "due"),  # within the grace
        (MON + timedelta(days=3), [], "overdue"),
        (MON + timedelta(days=3), [MON + timedelta(days=1)], "done"),
        (MON + timedelta(days=8), [], "missed"),
        (MON + timedelta(days=3), [MON - timedelta(days=1)], "overdue"),  # before its window
    ],
)
def test_status_of_the_first_weekly_occurrence(today, submitted, expected):
    occs = occurrences("weekly", starts_on=MON, ends_on=None, today=today, submitted_on=submitted, grace_days=2)
    assert occs[0].status == expected


def test_current_is_the_one_to_do_now():
    today = MON + timedelta(days=9)
    occs = occurrences("weekly", starts_on=MON, ends_on=None, today=today, submitted_on=[], grace_days=2)
    now = current(occs)
    assert now is not None and now.due_on == MON + timedelta(days=7) and now.status == "due"
    assert occs[0].status == "missed"


def test_unknown_frequency_is_refused():
    with pytest.raises(ValueError):
        occurrences("hourly", starts_on=MON, ends_on=None, today=MON, submitted_on=[], grace_days=2)


def test_statuses_match_the_plain_definition_for_many_submissions():
    """An occurrence is done when a submission falls on or after its day and before the next one."""
    import random

    rng = random.Random(7)
    for _ in range(200):
        starts = MON + timedelta(days=rng.randrange(0, 30))
        today = starts + timedelta(days=rng.randrange(0, 120))
        submitted = [starts + timedelta(days=rng.randrange(-5, 130)) for _ in range(rng.randrange(0, 40))]
        frequency = rng.choice(["weekly", "fortnightly", "monthly"])
        occs = occurrences(frequency, starts_on=starts, ends_on=None, today=today, submitted_on=submitted, grace_days=2)
        for occ in occs:
            done = any(occ.due_on <= s < occ.until for s in submitted)
            assert (occ.status == "done") == done


def test_the_current_occurrence_is_the_one_the_full_list_gives():
    """`current_occurrence` skips what cannot be current; it must pick exactly what `current(occurrences())` does."""
    import random

    from selfkind.measures.schedule import current_occurrence

    rng = random.Random(11)
    found = {"due": 0, "overdue": 0, None: 0}
    for _ in range(3000):
        starts = MON + timedelta(days=rng.randrange(0, 30))
        today = starts + timedelta(days=rng.randrange(-10, 150))
        ends = starts + timedelta(days=rng.randrange(0, 150)) if rng.random() < 0.2 else None
        submitted = [starts + timedelta(days=rng.randrange(-5, 160)) for _ in range(rng.randrange(0, 30))]
        sessions = sorted({starts + timedelta(days=rng.randrange(-5, 200)) for _ in range(rng.randrange(0, 12))})
        frequency = rng.choice(["weekly", "fortnightly", "monthly", "before_session"])
        grace = rng.choice([0, 1, 2, 5, 10, 20])
        kwargs = {
            "starts_on": starts,
            "ends_on": ends,
            "today": today,
            "submitted_on": submitted,
            "grace_days": grace,
            "session_days": sessions,
        }
        expected = current(occurrences(frequency, **kwargs))
        assert current_occurrence(frequency, **kwargs) == expected
        found[expected.status if expected else None] += 1
    assert min(found.values()) > 100  # each answer was tried many times
    with pytest.raises(ValueError):
        current_occurrence("hourly", starts_on=MON, ends_on=None, today=MON, submitted_on=[], grace_days=2)
