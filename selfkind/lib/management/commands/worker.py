"""`selfkind worker`: runs background tasks and periodic jobs, and beats a heartbeat."""

from __future__ import annotations

import importlib
import logging
import os
import signal
import time
from types import FrameType
from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import close_old_connections
from django_tasks_db.management.commands.db_worker import Worker

from selfkind.lib.heartbeat import beat
from selfkind.lib.scheduler import run_due_jobs

log = logging.getLogger("selfkind.worker")
BEAT_SECONDS = 30  # well inside the 10 minutes after which /healthz calls the worker stale


class Command(BaseCommand):
    help = "Run the background worker (tasks, periodic jobs, heartbeat). Stops cleanly on SIGTERM."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--interval", type=float, default=2.0, help="Seconds to sleep when idle.")
        parser.add_argument("--once", action="store_true", help="Do one round of work and exit (for tests).")

    def handle(self, *args: Any, interval: float, once: bool, **options: Any) -> None:
        for config in apps.get_app_configs():  # each app's tasks.py registers its tasks and jobs
            if config.name.startswith("selfkind."):
                try:
                    importlib.import_module(f"{config.name}.tasks")
                except ModuleNotFoundError as exc:
                    if exc.name != f"{config.name}.tasks":
                        raise
        self.running = True
        signal.signal(signal.SIGTERM, self._stop)
        signal.signal(signal.SIGINT, self._stop)
        tasks = Worker(
            queue_names=["*"],
            interval=0,
            batch=True,
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id=f"{os.uname().nodename}-{os.getpid()}",
            excluded_queue_names=[],
        )
        log.info("Worker started (pid %s).", os.getpid())
        last_beat = 0.0
        while self.running:
            close_old_connections()
            if time.monotonic() - last_beat >= BEAT_SECONDS:
                beat()
                last_beat = time.monotonic()
            run_due_jobs()
            tasks.running = True
            tasks.run()
            if once:
                break
            slept = 0.0
            while self.running and slept < interval:
                time.sleep(0.2)
                slept += 0.2
        log.info("Worker stopped.")

    def _stop(self, signum: int, frame: FrameType | None) -> None:
        log.info("Received %s: finishing the current task, then stopping.", signal.strsignal(signum))
        self.running = False
