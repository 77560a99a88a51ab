"""`selfkind serve`: the production web server (gunicorn), as contracts.md says.

It binds `127.0.0.1:${PORT:-8000}` with `WEB_CONCURRENCY` workers (default 2), never with DEBUG on,
and hands the process over to gunicorn (exec), so the SIGTERM that systemd or a test sends reaches
gunicorn itself, which finishes the requests in flight and stops.
"""

from __future__ import annotations

import os
import sys
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from selfkind.lib.env import ConfigurationError, env_int

# The path only (%(U)s), never the query string: a search box's words must not reach a log file.
ACCESS_LOG_FORMAT = '"%(m)s %(U)s" %(s)s %(B)sB %(M)sms'


def gunicorn_argv(*, port: int, workers: int, access_log: bool) -> list[str]:
    """Return the gunicorn command line that `serve` runs."""
    argv = [
        sys.executable,
        "-m",
        "gunicorn",
        "selfkind.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--no-control-socket",  # gunicorn ≥ 25.1 shares one socket path per user; several may run here
        "--graceful-timeout",
        "20",
        "--error-logfile",
        "-",
        "--log-level",
        "info",
    ]
    if access_log:
        argv += ["--access-logfile", "-", "--access-logformat", ACCESS_LOG_FORMAT]
    return argv


class Command(BaseCommand):
    help = (
        "Serve Selfkind with gunicorn on 127.0.0.1:$PORT (default 8000) with $WEB_CONCURRENCY workers "
        "(default 2), DEBUG always off. Stops gracefully on SIGTERM."
    )
    requires_system_checks: list[str] = []  # gunicorn's workers load the app; checks run there via wsgi

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--no-collectstatic",
            action="store_true",
            help="Skip collecting static files first (production collects them into STATIC_ROOT by default).",
        )
        parser.add_argument("--no-access-log", action="store_true", help="Do not write one line per request.")

    def handle(self, *args: Any, no_collectstatic: bool, no_access_log: bool, **options: Any) -> None:
        try:
            port = env_int("PORT", 8000, minimum=1)
            workers = env_int("WEB_CONCURRENCY", 2, minimum=1)
        except ConfigurationError as exc:
            raise CommandError(str(exc)) from None
        if port > 65535:
            raise CommandError(f"PORT must be at most 65535 (got {port}).")
        if settings.DEBUG:
            self.stderr.write("DEBUG is set, but selfkind serve always serves with DEBUG off.")
        if settings.PRODUCTION and not no_collectstatic:
            # The manifest storage needs collected files; a fresh clone has none yet.
            call_command("collectstatic", interactive=False, verbosity=0)
        env = dict(os.environ)
        env["DEBUG"] = "false"
        env["SELFKIND_SERVE"] = "1"  # settings force DEBUG off under serve whatever the environment says
        env.setdefault("DJANGO_SETTINGS_MODULE", "selfkind.settings")
        self.stdout.write(f"Selfkind is serving on http://127.0.0.1:{port}/ with {workers} workers.")
        self.stdout.flush()
        argv = gunicorn_argv(port=port, workers=workers, access_log=not no_access_log)
        os.execve(sys.executable, argv, env)  # noqa: S606 (a fixed argv, no shell)
