"""Every reminder sent under kill -9 of the worker, at most one duplicate (docs/reminders.md).

A fresh database holds 150 clients, each with one therapist's note (a nudge) whose email is due now. The
real `selfkind worker` sends them through a mail backend that takes 50 ms a message (so a kill lands
mid-send) and records what the "mail server" accepted. The worker is SIGKILLed at random moments and
started again. Then, as ten minutes later, the reaper returns the claims of the killed workers and one
last round sends what is left. Every nudge must have been emailed at least once and at most twice.
"""

from __future__ import annotations

import json
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from typing import Any

from selfkind.bench.server import BenchServer, vendors

CLIENTS = 150
SECONDS = 30
SETUP = f"""
from selfkind.accounts.models import Clinic, User
from selfkind.reminders.services import send_nudge
clinic = Clinic.objects.create(name="Bench Clinic")
therapist = User.objects.create_user(email="t@bench.example", password=None, role="therapist", clinic=clinic)
for i in range({CLIENTS}):
    client = User.objects.create_user(email=f"c{{i}}@bench.example", password=None, role="client", clinic=clinic)
    send_nudge(therapist=therapist, client=client, text="Thinking of you this week.")
"""
FINISH = """
from datetime import timedelta
from django.utils import timezone
from selfkind.reminders import services
later = timezone.now() + timedelta(minutes=11)
services.reap_stale(later)
services.send_due(later, worker="after")
from selfkind.reminders.models import DeliveryAttempt
print("REAPED=%d" % DeliveryAttempt.objects.filter(outcome="reaped").count())
"""


def measure(vendor: str, seed: int = 7) -> dict[str, Any]:
    rng = random.Random(seed)
    with BenchServer(vendor) as server:
        mail = server.folder / "mail.jsonl"
        server.env.update(
            {"EMAIL_BACKEND": "selfkind.bench.mail.SlowFileBackend", "SELFKIND_BENCH_MAIL_FILE": str(mail)}
        )
        server.selfkind("migrate", "--no-input", "-v", "0")
        server.selfkind("shell", "-c", SETUP)
        kills = 0
        stop = time.monotonic() + SECONDS
        while time.monotonic() < stop:
            worker = subprocess.Popen(
                [sys.executable, "-m", "selfkind", "worker", "--interval", "0.2"],
                env=server.env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            time.sleep(rng.uniform(2.5, 8.0))
            if worker.poll() is None:
                worker.send_signal(signal.SIGKILL)
                kills += 1
            worker.wait()
        out = server.selfkind("shell", "-c", FINISH)
        reaped = int(next(line for line in out.splitlines() if line.startswith("REAPED="))[7:])
        lines = mail.read_text().splitlines() if mail.exists() else []
    sent = Counter(json.loads(line)["to"][0] for line in lines)
    due = [f"c{i}@bench.example" for i in range(CLIENTS)]
    return {
        "database": vendor,
        "due": len(due),
        "sent": sum(1 for address in due if sent[address] >= 1),
        "lost": sum(1 for address in due if sent[address] == 0),
        "duplicates": sum(1 for address in due if sent[address] == 2),
        "more_than_twice": sum(1 for address in due if sent[address] > 2),
        "kills": kills,
        "reaped": reaped,
    }


def run() -> dict[str, Any]:
    return {"rows": [measure(vendor) for vendor in vendors()]}


def markdown(result: dict[str, Any]) -> str:
    return "\n".join(
        [
            "## Reminders under kill -9 of the worker",
            "",
            f"{CLIENTS} clients, each with a therapist's note whose email is due now. The real `selfkind worker` "
            "sends them through a mail backend that takes 50 ms a message (so kills land mid-send) and records "
            f"what was accepted; for {SECONDS} s it is SIGKILLed 2.5–8 s after each start and started again. Then, as "
            "ten minutes later, the reaper returns the dead workers' claims and a last round sends the rest. "
            "Claims reaped = sends a kill interrupted (claimed, not marked sent). Target: lost 0, none sent more "
            "than twice (docs/reminders.md: at most one repeat).",
            "",
            "| database | due | sent | lost | sent twice | more than twice | worker kills | claims reaped |",
            "| --- | --- | --- | --- | --- | --- | --- | --- |",
            *[
                f"| {r['database']} | {r['due']} | {r['sent']} | **{r['lost']}** | {r['duplicates']} | "
                f"{r['more_than_twice']} | {r['kills']} | {r['reaped']} |"
                for r in result["rows"]
            ],
        ]
    )


if __name__ == "__main__":
    print(markdown(run()))
