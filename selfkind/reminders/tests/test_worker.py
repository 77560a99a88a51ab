"""The real worker process sends a due reminder to the console, and two workers never send one twice."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from selfkind.reminders import services
from selfkind.reminders.models import Delivery, Kind

SETUP = """
from datetime import timedelta
from django.utils import timezone
from selfkind.accounts.models import Clinic, User
from selfkind.care.models import Homework
from selfkind.reminders import services
from selfkind.reminders.models import Delivery
clinic = Clinic.objects.create(name="C")
t = User.objects.create_user(email="t@example.com", password="x", name="T T", role="therapist", clinic=clinic)
c = User.objects.create_user(email="c@example.com", password="x", name="C C", role="client", clinic=clinic)
services.send_nudge(therapist=t, client=c, text="secret words")
Homework.objects.create(therapist=t, client=c, kind="thought_record", frequency="daily", starts_on=timezone.localdate())
soon = timezone.now() + timedelta(seconds=3)
Delivery.objects.create(client=c, kind="thought_record", key="soon", due_at=soon, next_attempt_at=soon)
"""


def test_make_runs_path_the_worker_prints_a_due_reminder_in_the_console_email(tmp_path: Path):
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("SELFKIND_", "DATABASE_URL", "EMAIL_"))},
        "DATABASE_URL": f"sqlite:///{tmp_path / 'worker.sqlite3'}",
        "SELFKIND_VAR_DIR": str(tmp_path / "var"),
        "SELFKIND_ENV": "development",
        "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
        "PYTHONUNBUFFERED": "1",
    }
    selfkind = [sys.executable, "-m", "selfkind"]
    subprocess.run([*selfkind, "migrate", "-v0"], env=env, check=True, timeout=240, cwd=tmp_path)
    subprocess.run([*selfkind, "shell", "-c", SETUP], env=env, check=True, timeout=60, cwd=tmp_path)
    out = tmp_path / "stdout.txt"
    with out.open("w") as stdout:
        worker = subprocess.Popen(
            [*selfkind, "worker", "--interval", "0.5"], env=env, stdout=stdout, stderr=subprocess.PIPE, cwd=tmp_path
        )
        try:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                text = out.read_text()
                if "Something is waiting in Selfkind" in text and "There's a note waiting" in text:
                    break
                time.sleep(0.5)
        finally:
            worker.send_signal(signal.SIGTERM)
            _out, err = worker.communicate(timeout=30)
    text = out.read_text()
    assert "Subject: There's a note waiting for you" in text
    assert "Subject: Something is waiting in Selfkind" in text
    assert "To: c@example.com" in text
    assert "secret words" not in text
    assert worker.returncode == 0
    assert "Worker stopped." in err.decode()


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks with SKIP LOCKED need PostgreSQL")
def test_two_workers_on_postgresql_never_send_the_same_occurrence(personas):
    now = timezone.now()
    Delivery.objects.bulk_create(
        Delivery(
            client=personas.client,
            kind=Kind.NUDGE if n % 2 else Kind.MEASURE,
            key=f"race-{n}",
            due_at=now - timedelta(seconds=1),
            next_attempt_at=now - timedelta(seconds=1),
        )
        for n in range(40)
    )
    # Every row is sendable: skip checks return "" so the race is about claiming only.
    original = services.skip_reason
    services.skip_reason = lambda row, now: ""  # type: ignore[assignment]
    start = threading.Barrier(2)
    reports = {}

    def work(name: str) -> None:
        from django.db import connections

        start.wait()
        try:
            reports[name] = services.send_due(timezone.now(), worker=name)
        finally:
            connections.close_all()

    try:
        threads = [threading.Thread(target=work, args=(f"w{n}",)) for n in (1, 2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
    finally:
        services.skip_reason = original
    assert reports["w1"].sent + reports["w2"].sent == 40
    assert not set(reports["w1"].keys) & set(reports["w2"].keys)
    assert len(mail.outbox) == 40
    assert set(Delivery.objects.values_list("state", flat=True)) == {"sent"}
    assert set(Delivery.objects.values_list("attempts", flat=True)) == {1}
