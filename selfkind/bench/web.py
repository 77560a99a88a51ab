"""Framework-limit ratio: the hot pages under `selfkind serve` (2 workers) against a bare Django view.

For each database (SQLite, and PostgreSQL when one answers on 127.0.0.1), a fresh demo is served by
`selfkind serve` with 2 gunicorn workers; wrk (loopback only) drives, for 10 and 50 concurrent users:
the bare view (the signed-in user from the session, one query, a ~2 KB template; only in the
benchmark's own URLconf), the client's "today" (and the same page with no kept copy, for what a first visit
after a change costs), a thought-record step save and a practice log (starting a practice with
before-ratings writes a practice-log row). Each is run after a warm-up for a fixed time.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
import urllib.request
from pathlib import Path
from typing import Any

from selfkind.bench.server import BenchServer, Session, location_id, vendors

SECONDS = 5
WARMUP = 1
CONCURRENCY = (10, 50)
CLIENT = "client@example.com"
# "today" rendered with no kept copy every time, as on the first visit after a change: shown for what it
# costs, outside the targets (the page the targets name is "today" as clients get it).
AFRESH = "today, afresh (no kept copy)"

LUA = r"""
wrk.method = os.getenv("BENCH_METHOD")
wrk.headers["Cookie"] = os.getenv("BENCH_COOKIE")
if wrk.method == "POST" then
  wrk.headers["X-CSRFToken"] = os.getenv("BENCH_CSRF")
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
  wrk.body = os.getenv("BENCH_BODY")
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "errors": %d, "bad_status": %d, "p50_us": %d, "p95_us": %d}\n',
    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50), latency:percentile(95)))
end
"""


def _wrk(script: Path, base: str, target: dict[str, str], cookie: str, csrf: str, users: int, seconds: int) -> dict:
    env = {
        "BENCH_METHOD": target["method"],
        "BENCH_BODY": target.get("body", ""),
        "BENCH_COOKIE": cookie,
        "BENCH_CSRF": csrf,
        "PATH": "/usr/bin:/bin",
    }
    out = subprocess.run(
        ["wrk", "-t2", f"-c{users}", f"-d{seconds}s", "--timeout", "10s", "-s", str(script), base + target["path"]],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def drain(base: str) -> None:
    """Wait until the server has worked through the requests a finished wrk run left queued.

    gunicorn's sync workers still serve the requests wrk had in flight when it stopped (the connections
    are queued in the kernel); at 50 users on a slow page that is seconds of work. Without this wait the
    next measured run would spend its first seconds on them and count too few requests per second (it
    made "today" look slower at 50 users than at 10). One request to /healthz is answered only after them.
    """
    with urllib.request.urlopen(base + "/healthz", timeout=120) as response:  # noqa: S310 (loopback http)
        response.read()


def targets(session: Session) -> dict[str, dict[str, str]]:
    """The four requests, set up for one signed-in client (a draft thought record to save into)."""
    status, location, _ = session.request("POST", "/thoughts/new/")
    if status != 302:
        raise RuntimeError(f"Could not start a thought record ({status}).")
    record = location_id(location)
    return {
        "bare view (baseline)": {"method": "GET", "path": "/bench/bare/"},
        "today": {"method": "GET", "path": "/today/"},
        AFRESH: {"method": "GET", "path": "/bench/today-afresh/"},
        "thought-record step save": {
            "method": "POST",
            "path": f"/thoughts/{record}/situation/",
            "body": "situation=A+quiet+evening+after+a+hard+day+at+work&go=next",
        },
        "practice log": {"method": "POST", "path": "/practices/compassionate-friend/", "body": "distress=6&kindness=3"},
    }


def measure(vendor: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    folder = Path(tempfile.mkdtemp(prefix="selfkind-wrk-"))
    script = folder / "bench.lua"
    script.write_text(LUA)
    try:
        with BenchServer(vendor) as server:
            server.prepare()
            server.start()
            session = Session(server.base)
            session.sign_in(CLIENT)
            cookie, csrf = session.header_cookie(), session.cookie("csrftoken")
            for name, target in targets(session).items():
                for users in CONCURRENCY:
                    _wrk(script, server.base, target, cookie, csrf, users, WARMUP)
                    drain(server.base)
                    result = _wrk(script, server.base, target, cookie, csrf, users, SECONDS)
                    drain(server.base)
                    seconds = result["duration_us"] / 1e6
                    rows.append(
                        {
                            "database": vendor,
                            "page": name,
                            "users": users,
                            "rps": round(result["requests"] / seconds, 1),
                            "p50_ms": round(result["p50_us"] / 1000, 1),
                            "p95_ms": round(result["p95_us"] / 1000, 1),
                            "failed": result["errors"] + result["bad_status"],
                        }
                    )
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return rows


def run() -> dict[str, Any]:
    if shutil.which("wrk") is None:
        return {"skipped": "wrk is not installed (apt-get install -y wrk)."}
    rows = [row for vendor in vendors() for row in measure(vendor)]
    base = {(r["database"], r["users"]): r for r in rows if r["page"] == "bare view (baseline)"}
    for r in rows:
        b = base[(r["database"], r["users"])]
        r["ratio"] = round(r["rps"] / b["rps"], 2) if b["rps"] else 0.0
    return {"rows": rows, "vendors": list(vendors())}


def markdown(result: dict[str, Any]) -> str:
    lines = ["## Framework-limit ratio (under `selfkind serve`)", ""]
    if "skipped" in result:
        return "\n".join(lines + [f"Not measured: {result['skipped']}"])
    lines += [
        f"`selfkind serve` with 2 gunicorn workers (sync), a fresh demo, the client `{CLIENT}` signed in; wrk on "
        f"the same machine over loopback, {SECONDS} s per row after a {WARMUP} s warm-up. The baseline is a bare "
        "Django view on the same server and settings (every middleware, the signed-in user loaded from the "
        "session, one query, a ~2 KB template), only in the benchmark's URLconf. The ratio is the page's "
        "requests per second divided by the baseline's at the same number of users. Target: ratio ≥ 0.5, and "
        'p95 < 100 ms at 50 users. "today" is kept rendered between the changes that alter it '
        f'(selfkind/care/today_cache.py); "{AFRESH}" renders it from the database on every request, as on the '
        "first visit after a change, and is shown for what that costs, outside the targets.",
        "",
        "| database | page | users | req/s | p50 (ms) | p95 (ms) | ratio | failed |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
        *[
            f"| {r['database']} | {r['page']} | {r['users']} | {r['rps']:,} | {r['p50_ms']} | {r['p95_ms']} | "
            f"{r['ratio']} | {r['failed']} |"
            for r in result["rows"]
        ],
    ]
    pages = [r for r in result["rows"] if r["page"] not in ("bare view (baseline)", AFRESH)]
    below = [f"{r['page']} at {r['users']} users on {r['database']}" for r in pages if r["ratio"] < 0.5]
    slow = [f"{r['page']} on {r['database']}" for r in pages if r["users"] == 50 and r["p95_ms"] >= 100]
    lines += [
        "",
        "Ratio ≥ 0.5: " + ("met everywhere." if not below else "not met for " + "; ".join(below) + "."),
        "p95 < 100 ms at 50 users: " + ("met everywhere." if not slow else "not met for " + "; ".join(slow) + "."),
    ]
    if "postgresql" not in result["vendors"]:
        lines += ["", "PostgreSQL did not answer on 127.0.0.1:5432, so only SQLite was measured."]
    return "\n".join(lines)


if __name__ == "__main__":
    print(markdown(run()))
