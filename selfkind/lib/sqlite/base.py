"""SQLite with write transactions taking turns through a lock file, instead of SQLite's sleeping busy handler.

Selfkind's SQLite runs in WAL mode with IMMEDIATE transactions (settings.py): readers never wait, and every
transaction begins by taking SQLite's write lock. When another connection holds it, SQLite's busy
handler sleeps 1, 2, 5, 10, 15 ... ms between tries, however short the other transaction is. Under
`selfkind serve` with two workers saving, about one transaction in seven slept a millisecond or more, and
some 10-80 ms, waiting for transactions that take a fraction of a millisecond (docs/benchmarks.md, "What
each speed change bought").

Here a transaction first takes an exclusive `flock` on a file beside the database (`<database>-writer`),
trying again every 50-500 µs until the connection's timeout (then "database is locked", as SQLite would
say), and lets it go at commit, rollback or close. A write outside a transaction (autocommit: one
statement, committed as it ends, such as a thought-record step's UPDATE) holds it for that statement.
Writers in different processes and threads then follow each other within a fraction of a millisecond.
SQLite's own locking is untouched and still decides: the file only orders the writers that would
otherwise have slept. In-memory databases do not use it.

Its cursor also remembers the last few thousand statements it turned from Django's `%s` placeholders into
SQLite's `?`: Django does that with a regular expression on every statement it runs, about 4 % of a
signed-in request's time under `selfkind serve` (py-spy), for statements that are nearly always the same.
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import os
import time
from collections.abc import Iterator
from typing import Any

from django.db.backends.sqlite3 import base
from django.db.utils import OperationalError

FIRST_WAIT = 0.00005
LONGEST_WAIT = 0.0005


def lock_path(database: str) -> str:
    return f"{database}-writer"


@functools.lru_cache(maxsize=4096)
def _qmark(query: str) -> str:
    """Django's conversion of a statement's "format" placeholders to SQLite's "qmark" ones."""
    return base.FORMAT_QMARK_REGEX.sub("?", query).replace("%%", "%")


@functools.lru_cache(maxsize=4096)
def _is_write(query: str) -> bool:
    return query.lstrip()[:7].upper().startswith(("INSERT", "UPDATE", "DELETE", "REPLACE"))


class CursorWrapper(base.SQLiteCursorWrapper):
    writers: DatabaseWrapper | None = None  # set on a file database: its autocommit writes take the lock

    def _alone(self, query: str) -> contextlib.AbstractContextManager[None]:
        """The writer lock for a write outside a transaction (one inside one holds it already); else nothing."""
        if self.writers is None or self.connection.in_transaction or not _is_write(query):
            return contextlib.nullcontext()
        return self.writers.writer_lock()

    def execute(self, query: str, params: Any = None) -> Any:
        with self._alone(query):
            return super().execute(query, params)

    def executemany(self, query: str, param_list: Any) -> Any:
        with self._alone(query):
            return super().executemany(query, param_list)

    def convert_query(self, query: str, *, param_names: Any = None) -> str:
        if param_names is None:
            return _qmark(query)
        return super().convert_query(query, param_names=param_names)  # type: ignore[no-any-return]


class DatabaseWrapper(base.DatabaseWrapper):
    _writer_fd: int | None = None
    _writer_pid: int | None = None
    _writer_held = False

    def _writer_file(self) -> int:
        # Opened per process: after a fork, a descriptor inherited from the parent would share the parent's
        # lock instead of competing for it.
        if self._writer_fd is None or self._writer_pid != os.getpid():
            self._writer_fd = os.open(lock_path(self.settings_dict["NAME"]), os.O_RDWR | os.O_CREAT, 0o600)
            self._writer_pid = os.getpid()
        return self._writer_fd

    def _take_writer_lock(self) -> None:
        fd = self._writer_file()
        deadline = time.monotonic() + float(self.settings_dict.get("OPTIONS", {}).get("timeout", 5))
        wait = FIRST_WAIT
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise OperationalError("database is locked") from None
                time.sleep(wait)
                wait = min(wait * 2, LONGEST_WAIT)
            else:
                self._writer_held = True
                return

    @contextlib.contextmanager
    def writer_lock(self) -> Iterator[None]:
        self._take_writer_lock()
        try:
            yield
        finally:
            self._release_writer_lock()

    def _release_writer_lock(self) -> None:
        if self._writer_held:
            self._writer_held = False
            if self._writer_fd is not None and self._writer_pid == os.getpid():
                fcntl.flock(self._writer_fd, fcntl.LOCK_UN)

    def _start_transaction_under_autocommit(self) -> None:
        if self.is_in_memory_db():
            return super()._start_transaction_under_autocommit()  # type: ignore[misc]
        self._take_writer_lock()
        try:
            super()._start_transaction_under_autocommit()  # type: ignore[misc]
        except BaseException:
            self._release_writer_lock()
            raise

    def _commit(self) -> Any:
        try:
            return super()._commit()  # type: ignore[misc]
        finally:
            self._release_writer_lock()

    def _rollback(self) -> Any:
        try:
            return super()._rollback()  # type: ignore[misc]
        finally:
            self._release_writer_lock()

    def create_cursor(self, name: str | None = None) -> CursorWrapper:
        cursor: CursorWrapper = self.connection.cursor(factory=CursorWrapper)
        if not self.is_in_memory_db():
            cursor.writers = self
        return cursor

    def _close(self) -> Any:
        try:
            return super()._close()  # type: ignore[misc]
        finally:
            self._release_writer_lock()
            if self._writer_fd is not None and self._writer_pid == os.getpid():
                os.close(self._writer_fd)  # opened again by the next connection's first transaction
            self._writer_fd = None
