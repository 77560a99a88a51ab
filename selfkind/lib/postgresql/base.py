"""PostgreSQL with a health check that costs no round trip.

Connections are kept between requests (`CONN_MAX_AGE`) with health checks on, so a connection the server
has dropped (a restart, a failover, an idle timeout) is replaced before a request uses it instead of failing
that request. Django checks by sending `SELECT 1` at the start of every request: one more round trip on
every page, about as costly as a small query.

Here an idle connection is checked by asking the operating system whether its socket has anything to
read. Between requests the server sends nothing unasked, so a readable socket means it has said goodbye
(the "terminating connection" notice before it closes) or the socket is closed; either way the
connection is replaced. A connection that is not idle, or whose socket cannot be polled, gets Django's
own check.

The reads every signed-in request makes and the hot saves (selfkind/lib/prepared.py, and the client
stamp's upsert) go through `prepared_cursor`, whose statements PostgreSQL prepares once per connection:
parsed, analysed and planned once instead of on every request. For the session read (the session, its
user, their clinic, second factor, stamp and care relationships: several joins and subqueries) that work
was most of its cost, about 1 ms of the server's time against about 0.1 ms for running it prepared.
Django turns prepared statements off unless `OPTIONS` sets `prepare_threshold`; its own cursors bind
parameters on the client and never prepare, so turning them on here changes nothing else. (A pooler in
transaction mode must track prepared statements, as PgBouncer 1.21 and later do with
`max_prepared_statements`; docs/operations.md says so.)
"""

from __future__ import annotations

import select
from typing import Any

from django.db.backends.postgresql import base, operations
from django.db.backends.utils import CursorWrapper
from psycopg import errors, pq


class DatabaseOperations(operations.DatabaseOperations):
    def last_executed_query(self, cursor: Any, sql: str, params: Any) -> str:
        """The SQL with its values, as for Django's own cursors, for the prepared ones too (queries recorded
        in DEBUG and by tests read the same whichever cursor ran them)."""
        if isinstance(cursor, base.ServerBindingCursor):
            try:
                return self.compose_sql(sql, params)
            except errors.DataError:
                pass
        return super().last_executed_query(cursor, sql, params)


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations
    _server_binding_next = False  # set while `prepared_cursor` asks for its cursor

    def get_connection_params(self) -> dict[str, Any]:
        params = super().get_connection_params()
        if "prepare_threshold" not in self.settings_dict["OPTIONS"]:
            params["prepare_threshold"] = 0  # a server-binding cursor's statements are prepared at first use
        return params

    def prepared_cursor(self) -> CursorWrapper:
        """A cursor (wrapped as Django wraps its own) whose statements are prepared on this connection."""
        self._server_binding_next = True
        try:
            return self.cursor()
        finally:
            self._server_binding_next = False

    def create_cursor(self, name: str | None = None) -> Any:
        if name or not self._server_binding_next:
            return super().create_cursor(name)
        factory = self.connection.cursor_factory
        self.connection.cursor_factory = base.ServerBindingCursor  # Django's own class, time zones as its others
        try:
            return super().create_cursor(name)
        finally:
            self.connection.cursor_factory = factory

    def close_if_health_check_failed(self) -> None:
        if self.connection is None or not self.health_check_enabled or self.health_check_done:  # type: ignore[attr-defined,has-type]
            return
        if not self.idle_connection_alive():
            self.close()
        self.health_check_done = True

    def idle_connection_alive(self) -> bool:
        connection = self.connection
        if connection is None or connection.closed or connection.broken:
            return False
        if connection.info.transaction_status != pq.TransactionStatus.IDLE:
            return bool(self.is_usable())
        try:
            readable, _, _ = select.select([connection.fileno()], [], [], 0)
        except (OSError, ValueError):
            return bool(self.is_usable())
        return not readable
