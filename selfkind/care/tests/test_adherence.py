from datetime import date, timedelta

import pytest

from selfkind.care.adherence import Adherence, adherence, overall

MON = date(2026, 3, 2)
W_END = MON + timedelta(days=13)  # a 14-day window


def a(frequency, completed, **kw):
    params = {"starts_on": MON, "ends_on": None, "window_start": MON, "window_end": W_END} | kw
    return adherence(frequency, completed_on=completed, **params)


def test_daily_counts_each_day_once():
    done = [MON, MON, MON + timedelta(days=1), MON + timedelta(days=5)]
    assert a("daily", done) == Adherence(3, 14)
    assert a("daily", done).percent == 21


def test_daily_only_since_the_assignment_started_and_until_it_ended():
    assert a("daily", [], starts_on=MON + timedelta(days=10)) == Adherence(0, 4)
    assert a("daily", [MON], ends_on=MON + timedelta(days=1)) == Adherence(1, 2)


def test_n_times_a_week():
    done = [MON + timedelta(days=d) for d in (0, 2, 4, 7, 8)]
    assert a("weekly_n", done, per_week=3) == Adherence(5, 6)
    many = [MON + timedelta(days=d) for d in range(14)] * 2
    assert a("weekly_n", many, per_week=3) == Adherence(6, 6)  # capped


def test_once():
    assert a("once", []) == Adherence(0, 1)
    assert a("once", [MON + timedelta(days=3)]) == Adherence(1, 1)
    assert a("once", [MON - timedelta(days=1)]) == Adherence(0, 1)  # before it was set


def test_before_each_session():
    sessions = [MON + timedelta(days=3), MON + timedelta(days=10)]
    assert a("before_session", [MON + timedelta(days=1)], session_days=sessions) == Adherence(1, 2)
    both = [MON + timedelta(days=1), MON + timedelta(days=8)]
    assert a("before_session", both, session_days=sessions) == Adherence(2, 2)


def test_nothing_expected_outside_the_window():
    assert a("daily", [], starts_on=W_END + timedelta(days=1)) == Adherence(0, 0)
    assert Adherence(0, 0).percent is None


def test_overall_is_the_sum_of_done_over_the_sum_expected():
    assert overall([Adherence(3, 14), Adherence(5, 6)]) == Adherence(8, 20)
    assert overall([Adherence(3, 14), Adherence(5, 6)]).percent == 40


def test_unknown_frequency():
    with pytest.raises(ValueError):
        a("hourly", [])
