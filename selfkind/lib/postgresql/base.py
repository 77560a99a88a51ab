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
"""

from __future__ import annotations

import select

from django.db.backends.postgresql import base
from psycopg import pq


class DatabaseWrapper(base.DatabaseWrapper):
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
