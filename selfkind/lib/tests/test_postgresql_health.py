"""Selfkind's PostgreSQL backend: a kept connection is checked without a round trip, and a dropped one replaced.

PostgreSQL only (the suite's PostgreSQL run). Each test opens a connection of its own with the suite's
settings, so the suite's connection and its transaction are left alone.
"""

from __future__ import annotations

import select
import time
from collections.abc import Iterator
from typing import Any
from unittest import mock

import pytest
from django.db import connection as default_connection

from selfkind.lib.postgresql.base import DatabaseWrapper

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(default_connection.vendor != "postgresql", reason="PostgreSQL's own backend"),
]


@pytest.fixture
def kept() -> Iterator[DatabaseWrapper]:
    """A connection kept between requests, with health checks on, as settings.py makes it."""
    settings = {**default_connection.settings_dict, "CONN_MAX_AGE": 600, "CONN_HEALTH_CHECKS": True}
    connection = DatabaseWrapper(settings, alias="health-test")
    yield connection
    connection.close()


def request(connection: DatabaseWrapper) -> int:
    """What a request does with a kept connection: Django's start-of-request check, then a query."""
    connection.close_if_unusable_or_obsolete()
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def test_a_healthy_idle_connection_is_kept_without_asking_the_server(kept: Any) -> None:
    first = request(kept)
    with mock.patch.object(DatabaseWrapper, "is_usable", side_effect=AssertionError("a round trip")):
        assert request(kept) == first  # the same server process: kept, and no SELECT 1 was sent
        assert request(kept) == first


def test_a_connection_the_server_dropped_is_replaced_before_the_request_uses_it(kept: Any) -> None:
    first = request(kept)
    with default_connection.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s)", [first])
    # The server says goodbye and closes; wait until the socket shows it (it is at once on loopback).
    deadline = time.monotonic() + 10
    while not select.select([kept.connection.fileno()], [], [], 0.05)[0]:
        assert time.monotonic() < deadline, "the server never closed the connection"
    second = request(kept)  # no error: the dead connection was replaced first
    assert second != first


def test_django_would_have_failed_that_request() -> None:
    """The same drop without any health check fails the next query: the check above is what saves it."""
    settings = {**default_connection.settings_dict, "CONN_MAX_AGE": 600, "CONN_HEALTH_CHECKS": False}
    connection = DatabaseWrapper(settings, alias="no-health-test")
    try:
        first = request(connection)
        with default_connection.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [first])
        deadline = time.monotonic() + 10
        while not select.select([connection.connection.fileno()], [], [], 0.05)[0]:
            assert time.monotonic() < deadline
        from django.db.utils import OperationalError

        with pytest.raises(OperationalError):
            request(connection)
    finally:
        connection.close()


def test_a_connection_inside_a_transaction_gets_djangos_own_check(kept: Any) -> None:
    request(kept)
    kept.health_check_done = False
    with kept.connection.cursor() as cursor:
        cursor.execute("BEGIN")
    with mock.patch.object(DatabaseWrapper, "is_usable", return_value=True) as usable:
        assert kept.idle_connection_alive()
    usable.assert_called_once()
    kept.connection.rollback()
