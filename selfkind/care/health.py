"""GET /healthz: database, migrations and worker heartbeat, with no personal data."""

from __future__ import annotations

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import JsonResponse


def health_response() -> JsonResponse:
    checks: dict[str, str] = {}
    try:
        connection = connections[DEFAULT_DB_ALIAS]
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
    except Exception:
        return JsonResponse({"status": "error", "checks": {"database": "unreachable"}}, status=503)
    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        checks["migrations"] = "missing"
        return JsonResponse({"status": "error", "checks": checks}, status=503)
    checks["migrations"] = "ok"
    from selfkind.lib.heartbeat import worker_is_fresh

    checks["worker"] = "ok" if worker_is_fresh() else "stale"
    return JsonResponse({"status": "ok", "checks": checks})
