"""Selfkind's SQLite backend: a transaction holds the writer lock file from its start until commit, rollback or close.

These run on a SQLite file of their own, whatever database the suite uses, with connections set up the way
settings.py sets up the real one. `begin` is what `transaction.atomic` does when it opens the outermost block.
"""

from __future__ import annotations

import fcntl
import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from django.db.utils import OperationalError

from conftest import run_selfkind
from selfkind.lib.sqlite.base import DatabaseWrapper, lock_path


def _connection(name: str, timeout: float = 20) -> DatabaseWrapper:
    settings = {
        "ENGINE": "selfkind.lib.sqlite",
        "NAME": name,
        "OPTIONS": {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": timeout,
        },
        "ATOMIC_REQUESTS": False,
        "AUTOCOMMIT": True,
        "CONN_MAX_AGE": 0,
        "CONN_HEALTH_CHECKS": False,
        "TIME_ZONE": None,
        "TEST": {},
    }
    return DatabaseWrapper(settings, alias="writer-test")


def begin(connection: DatabaseWrapper) -> None:
    connection.ensure_connection()
    connection._start_transaction_under_autocommit()


def insert(connection: DatabaseWrapper, n: int) -> None:
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO t VALUES (%s)", [n])


def rows(connection: DatabaseWrapper) -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT n FROM t ORDER BY n")
        return [n for (n,) in cursor.fetchall()]


@pytest.fixture(autouse=True)
def _own_connections(django_db_blocker: Any) -> Iterator[None]:
    """These connections are the tests' own, outside the suite's database: pytest-django may let them be."""
    with django_db_blocker.unblock():
        yield


@pytest.fixture
def database(tmp_path: Path) -> Iterator[str]:
    name = str(tmp_path / "writer.sqlite3")
    setup = _connection(name)
    with setup.cursor() as cursor:
        cursor.execute("CREATE TABLE t (n INTEGER)")
    setup.close()
    yield name


@pytest.fixture
def outside_holder(database: str) -> Iterator[int]:
    """An open file on the lock, as another process would have; the test takes and lets go of the lock."""
    fd = os.open(lock_path(database), os.O_RDWR | os.O_CREAT, 0o600)
    yield fd
    os.close(fd)


def held_by_someone(database: str) -> bool:
    fd = os.open(lock_path(database), os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)  # closing lets go of the lock if this call took it
    return False


def test_a_transaction_holds_the_lock_from_begin_to_commit(database: str) -> None:
    connection = _connection(database)
    assert not held_by_someone(database)
    begin(connection)
    insert(connection, 1)
    assert held_by_someone(database)
    connection.commit()
    assert not held_by_someone(database)
    assert rows(connection) == [1]
    connection.close()


@pytest.mark.parametrize("ending", ["rollback", "close"])
def test_rollback_and_close_let_go_of_the_lock(database: str, ending: str) -> None:
    connection = _connection(database)
    begin(connection)
    insert(connection, 1)
    assert held_by_someone(database)
    getattr(connection, ending)()
    assert not held_by_someone(database)
    after = _connection(database)
    assert rows(after) == []  # the unfinished write went with it
    after.close()
    connection.close()


def _waits_for_the_lock(database: str, outside_holder: int, step: Any, then: Any) -> None:
    """With the lock held elsewhere, `step` on a connection of its own must not get through until it is let go;
    then it does, and `then` runs on the same connection."""
    fcntl.flock(outside_holder, fcntl.LOCK_EX)
    trying, through = threading.Event(), threading.Event()

    def run() -> None:
        connection = _connection(database)  # a connection belongs to the thread that made it
        connection.ensure_connection()
        trying.set()
        step(connection)
        through.set()
        then(connection)
        connection.close()

    writer = threading.Thread(target=run)
    writer.start()
    assert trying.wait(5)
    time.sleep(0.05)
    assert not through.is_set()  # SQLite itself would have let it through: nothing holds its lock
    fcntl.flock(outside_holder, fcntl.LOCK_UN)
    writer.join(5)
    assert through.is_set() and not writer.is_alive()


def test_a_writer_waits_for_the_lock_and_then_begins(database: str, outside_holder: int) -> None:
    def write(connection: DatabaseWrapper) -> None:
        insert(connection, 2)
        connection.commit()

    _waits_for_the_lock(database, outside_holder, begin, write)
    check = _connection(database)
    assert rows(check) == [2]
    check.close()


def test_a_writer_that_cannot_get_the_lock_in_time_is_told_the_database_is_locked(
    database: str, outside_holder: int
) -> None:
    fcntl.flock(outside_holder, fcntl.LOCK_EX)
    connection = _connection(database, timeout=0.05)
    with pytest.raises(OperationalError, match="database is locked"):
        begin(connection)
    assert not connection._writer_held
    fcntl.flock(outside_holder, fcntl.LOCK_UN)
    begin(connection)  # nothing was left half-taken: the next transaction goes ahead
    insert(connection, 3)
    connection.commit()
    assert rows(connection) == [3]
    connection.close()


def test_a_write_outside_a_transaction_takes_the_lock_for_that_statement(database: str, outside_holder: int) -> None:
    """One statement committed as it ends (a thought-record step's UPDATE) waits its turn like a transaction,
    instead of meeting SQLite's sleeping busy handler; reads never wait."""
    fcntl.flock(outside_holder, fcntl.LOCK_EX)
    reader = _connection(database)
    assert rows(reader) == []  # a read goes ahead while the lock is held
    held_after: list[bool] = []
    _waits_for_the_lock(
        database,
        outside_holder,
        lambda connection: insert(connection, 4),  # autocommit: no transaction around it
        lambda connection: held_after.append(connection._writer_held),
    )
    assert held_after == [False]
    assert not held_by_someone(database)  # let go as the statement ended
    assert rows(reader) == [4]
    reader.close()


def test_closing_the_connection_closes_its_lock_file(database: str) -> None:
    connection = _connection(database)
    begin(connection)
    connection.commit()
    fd = connection._writer_fd
    assert fd is not None and os.fstat(fd)
    connection.close()
    assert connection._writer_fd is None
    with pytest.raises(OSError):
        os.fstat(fd)  # closed, not left open for the life of the process
    begin(connection)  # the next transaction opens it again
    assert held_by_someone(database)
    connection.commit()
    connection.close()


def test_a_forked_process_opens_its_own_lock_file(database: str) -> None:
    connection = _connection(database)
    first = connection._writer_file()
    assert connection._writer_file() == first
    with mock.patch("selfkind.lib.sqlite.base.os.getpid", return_value=os.getpid() + 100_000):
        assert connection._writer_file() != first  # a descriptor shared with the parent would share its lock
    connection.close()


def test_an_in_memory_database_uses_no_lock_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    connection = _connection(":memory:")
    begin(connection)
    connection.commit()
    assert connection._writer_fd is None
    assert list(tmp_path.iterdir()) == []
    connection.close()


def test_the_product_on_a_sqlite_file_takes_the_lock_in_every_atomic_block(tmp_path: Path) -> None:
    """settings.py puts this backend under any sqlite DATABASE_URL, and `transaction.atomic` uses it."""
    name = tmp_path / "product.sqlite3"
    script = (
        "import fcntl, os\n"
        "from django.db import connection, transaction\n"
        "from selfkind.lib.sqlite.base import lock_path\n"
        "def held():\n"
        "    fd = os.open(lock_path(connection.settings_dict['NAME']), os.O_RDWR | os.O_CREAT)\n"
        "    try:\n"
        "        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)\n"
        "    except BlockingIOError:\n"
        "        return True\n"
        "    finally:\n"
        "        os.close(fd)\n"
        "    return False\n"
        "with transaction.atomic():\n"
        "    inside = held()\n"
        "print(connection.settings_dict['ENGINE'], inside, held())\n"
    )
    env = {"DATABASE_URL": f"sqlite:///{name}", "SELFKIND_VAR_DIR": str(tmp_path)}
    result = run_selfkind("shell", "-c", script, cwd=tmp_path, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1].split() == ["selfkind.lib.sqlite", "True", "False"]


def test_statements_are_converted_as_django_converts_them_and_each_only_once(database: str) -> None:
    from django.db.backends.sqlite3.base import SQLiteCursorWrapper

    from selfkind.lib.sqlite import base

    connection = _connection(database)
    base._qmark.cache_clear()
    statement = "SELECT n FROM t WHERE n IN (%s, %s) AND 'a%%b' LIKE 'a%%' ORDER BY n"
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO t VALUES (%s), (%s)", [1, 2])
        for _ in range(3):
            cursor.execute(statement, [1, 2])
            assert cursor.fetchall() == [(1,), (2,)]
        cursor.execute("SELECT n FROM t WHERE n = %(n)s", {"n": 2})  # named parameters: Django's own way
        assert cursor.fetchall() == [(2,)]
        assert isinstance(cursor.cursor, base.CursorWrapper)
    connection.close()
    assert base._qmark(statement) == SQLiteCursorWrapper.convert_query(None, statement)  # type: ignore[arg-type]
    assert base._qmark.cache_info().misses == 2 and base._qmark.cache_info().hits >= 2
