"""GET /healthz: database, migrations and worker heartbeat, with no personal data."""

from __future__ import annotations

import threading
import time

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import JsonResponse

# Building the migration graph costs about 20 ms, and monitors ask every few seconds. A process's
# migration files never change while it runs, so "every migration is applied" stays true unless someone
# unapplies one by hand: that answer is kept for a minute. A missing migration is never kept (checked
# on every call, so /healthz turns green as soon as `selfkind migrate` has run).
MIGRATIONS_OK_FOR = 60.0
_lock = threading.Lock()
_migrations_ok_until = 0.0
_clock = time.monotonic  # a seam for tests


def forget_migrations_check() -> None:
    """Check the migrations afresh on the next call (tests; after migrating in this process)."""
    global _migrations_ok_until
    with _lock:
        _migrations_ok_until = 0.0


def _migrations_applied(connection: object) -> bool:
    global _migrations_ok_until
    if _clock() < _migrations_ok_until:
        return True
    executor = MigrationExecutor(connection)  # type: ignore[arg-type]
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        return False
    with _lock:
        _migrations_ok_until = _clock() + MIGRATIONS_OK_FOR
    return True


def health_response() -> JsonResponse:
    checks: dict[str, str] = {}
    try:
        connection = connections[DEFAULT_DB_ALIAS]
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
    except Exception:
        return JsonResponse({"status": "error", "checks": {"database": "unreachable"}}, status=503)
    if not _migrations_applied(connection):
        checks["migrations"] = "missing"
        return JsonResponse({"status": "error", "checks": checks}, status=503)
    checks["migrations"] = "ok"
    from selfkind.lib.heartbeat import worker_is_fresh

    checks["worker"] = "ok" if worker_is_fresh() else "stale"
    return JsonResponse({"status": "ok", "checks": checks})
