"""Nothing lost under kill -9: client saves under load while the web server is SIGKILLed at random.

For each database, a fresh demo is served by `selfkind serve` (2 workers). Four simulated clients save
without pause: a note with words of their own, or a new thought record with its first step. Meanwhile,
at random moments, either one gunicorn worker is SIGKILLed (the master starts another) or the whole
server (master and workers at once) is, and `selfkind serve` is started again. A save counts as
acknowledged when the server answered it with a redirect. Afterwards every acknowledged save must be in
the database and decrypt to the words sent.
"""

from __future__ import annotations

import json
import os
import random
import signal
import threading
import time
from typing import Any

from selfkind.bench.server import BenchServer, Session, location_id, vendors

SECONDS = 30
USERS = 4
CLIENT = "client@example.com"
READ_BACK = """
import json
import os
from selfkind.accounts.models import User
from selfkind.journal.models import Note, ThoughtRecord
client = User.objects.get(email="client@example.com")
notes = [n.text for n in Note.objects.filter(client=client)]
records = {r.pk: r.situation for r in ThoughtRecord.objects.filter(client=client)}
print("RESULT=" + json.dumps({"notes": notes, "records": records}))
"""


def measure(vendor: str, seed: int = 13) -> dict[str, Any]:
    rng = random.Random(seed)
    acked_notes: list[str] = []
    acked_records: dict[int, str] = {}
    attempts = {"sent": 0, "failed": 0}
    kills = {"worker": 0, "server": 0}
    lock = threading.Lock()
    with BenchServer(vendor) as server:
        server.prepare()
        server.start()
        sessions = []
        for _ in range(USERS):
            session = Session(server.base)
            session.sign_in(CLIENT)
            sessions.append(session)
        stop = time.monotonic() + SECONDS

        def load(number: int, session: Session) -> None:
            i = 0
            while time.monotonic() < stop:
                i += 1
                words = f"durability {vendor} user {number} save {i}: a small kind sentence"
                try:
                    if i % 2:
                        status, _, _ = session.request("POST", "/notes/", {"text": words})
                        if status == 302:
                            with lock:
                                acked_notes.append(words)
                    else:
                        status, location, _ = session.request("POST", "/thoughts/new/")
                        if status == 302:
                            record = location_id(location)
                            path = f"/thoughts/{record}/situation/"
                            status, _, _ = session.request("POST", path, {"situation": words, "go": "next"})
                            if status == 302:
                                with lock:
                                    acked_records[record] = words
                    with lock:
                        attempts["sent"] += 1
                        attempts["failed"] += status != 302
                except OSError:
                    with lock:
                        attempts["sent"] += 1
                        attempts["failed"] += 1
                    time.sleep(0.05)

        threads = [threading.Thread(target=load, args=(n, s)) for n, s in enumerate(sessions)]
        for thread in threads:
            thread.start()
        while time.monotonic() < stop - 2:
            time.sleep(rng.uniform(0.5, 2.0))
            if rng.random() < 0.75:
                pids = server.worker_pids()
                if pids:
                    os.kill(rng.choice(pids), signal.SIGKILL)
                    kills["worker"] += 1
            else:
                server.kill_all()
                kills["server"] += 1
                server.start()
        for thread in threads:
            thread.join()
        server.stop()
        out = server.selfkind("shell", "-c", READ_BACK)
    stored = json.loads(next(line for line in out.splitlines() if line.startswith("RESULT="))[7:])
    notes = set(stored["notes"])
    records = {int(k): v for k, v in stored["records"].items()}
    found = sum(1 for words in acked_notes if words in notes)
    found += sum(1 for pk, words in acked_records.items() if records.get(pk) == words)
    acknowledged = len(acked_notes) + len(acked_records)
    return {
        "database": vendor,
        "acknowledged": acknowledged,
        "found": found,
        "lost": acknowledged - found,
        "refused_or_cut": attempts["failed"],
        "worker_kills": kills["worker"],
        "server_kills": kills["server"],
    }


def run() -> dict[str, Any]:
    return {"rows": [measure(vendor) for vendor in vendors()]}


def markdown(result: dict[str, Any]) -> str:
    return "\n".join(
        [
            "## Nothing lost under kill -9",
            "",
            f"`selfkind serve` (2 workers) on a fresh demo; {USERS} simulated clients save for {SECONDS} s without "
            "pause (a note, or a new thought record and its first step, each with its own words) while, every "
            "0.5–2 s, one worker is SIGKILLed (75 %) or the master and all workers at once (25 %, then the server "
            "is started again). Acknowledged = answered with a redirect; found = in the database afterwards and "
            "decrypting to the words sent. Saves cut off by a kill were never acknowledged, so the client would "
            "have seen an error and still had the words on screen.",
            "",
            "| database | acknowledged | found | lost | cut off or refused | worker kills | server kills |",
            "| --- | --- | --- | --- | --- | --- | --- |",
            *[
                f"| {r['database']} | {r['acknowledged']} | {r['found']} | **{r['lost']}** | {r['refused_or_cut']} | "
                f"{r['worker_kills']} | {r['server_kills']} |"
                for r in result["rows"]
            ],
        ]
    )


if __name__ == "__main__":
    print(markdown(run()))
