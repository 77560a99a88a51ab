"""Framework-limit ratio: the hot pages under `selfkind serve` (2 workers) against a bare Django view.

For each database (SQLite, and PostgreSQL when one answers on 127.0.0.1), a fresh demo (with 50 extra
demo clients, each signed in over HTTP as a browser would) is served by `selfkind serve` with 2 gunicorn
workers; wrk (loopback only) drives, for 10 and 50 concurrent users, each user a different client:
the bare view (the signed-in user from the session, one query, a ~2 KB template; only in the
benchmark's own URLconf), the client's "today" (and the same page with no kept copy, for what a first visit
after a change costs), a thought-record step save and a practice log (starting a practice with
before-ratings writes a practice-log row). Each page and the bare view run in turn, REPEATS times each after
a warm-up, and the medians are reported.
"""

from __future__ import annotations

import json
import shutil
import statistics
import subprocess
import tempfile
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from selfkind.bench.server import BenchServer, Session, location_id, vendors

SECONDS = 5
WARMUP = 1
REPEATS = 3  # each page, and the bare view beside it, run this many times; the table shows medians
BASELINE = "bare view (baseline)"
CONCURRENCY = (10, 50)
# One client per concurrent user: the demo's extra clients (all alike: consented, weeks of history).
CLIENTS = [f"demo-client-{n}@example.com" for n in range(1, max(CONCURRENCY) + 1)]
# "today" rendered with no kept copy every time, as on the first visit after a change: shown for what it
# costs, outside the targets (the page the targets name is "today" as clients get it).
AFRESH = "today, afresh (no kept copy)"

# Each request goes as the next of the users (a round robin per wrk thread, the threads half a round apart), so
# the requests in flight at any moment are from different people, as they are in a clinic: the same client's
# rows are not written by fifty requests at once.
LUA = r"""
local method = os.getenv("BENCH_METHOD")
local users = {}
local turn = 0
local threads = 0

function setup(thread)
  thread:set("number", threads)
  threads = threads + 1
end

function init(args)
  for line in io.lines(os.getenv("BENCH_USERS")) do
    local cookie, csrf, path, body = line:match("^([^\t]*)\t([^\t]*)\t([^\t]*)\t(.*)$")
    table.insert(users, {cookie = cookie, csrf = csrf, path = path, body = body})
  end
  turn = math.floor((number or 0) * #users / 2)
end

request = function()
  turn = turn % #users + 1
  local user = users[turn]
  local headers = {Cookie = user.cookie}
  if method == "POST" then
    headers["X-CSRFToken"] = user.csrf
    headers["Content-Type"] = "application/x-www-form-urlencoded"
    return wrk.format(method, user.path, headers, user.body)
  end
  return wrk.format(method, user.path, headers)
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "errors": %d, "bad_status": %d, "p50_us": %d, "p95_us": %d}\n',
    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50), latency:percentile(95)))
end
"""


def _wrk(script: Path, base: str, method: str, users_file: Path, users: int, seconds: int) -> dict:
    env = {"BENCH_METHOD": method, "BENCH_USERS": str(users_file), "PATH": "/usr/bin:/bin"}
    out = subprocess.run(
        ["wrk", "-t2", f"-c{users}", f"-d{seconds}s", "--timeout", "10s", "-s", str(script), base + "/"],
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


@dataclass
class Target:
    method: str
    path: str = ""  # the same for every user, or empty when each user has their own
    body: str = ""


def targets() -> dict[str, Target]:
    return {
        BASELINE: Target("GET", "/bench/bare/"),
        "today": Target("GET", "/today/"),
        AFRESH: Target("GET", "/bench/today-afresh/"),
        # Into each user's own draft thought record (made when they sign in).
        "thought-record step save": Target("POST", body="situation=A+quiet+evening+after+a+hard+day+at+work&go=next"),
        "practice log": Target("POST", "/practices/compassionate-friend/", "distress=6&kindness=3"),
    }


def sign_in(base: str, count: int) -> list[tuple[Session, str]]:
    """Sign in `count` demo clients, each with a draft thought record to save into; return them with its path."""
    users = []
    for email in CLIENTS[:count]:
        session = Session(base)
        session.sign_in(email)
        status, _, _ = session.request("GET", "/today/")
        if status != 200:
            raise RuntimeError(f"{email}'s today answered {status}, not 200.")
        status, location, _ = session.request("POST", "/thoughts/new/")
        if status != 302:
            raise RuntimeError(f"Could not start a thought record for {email} ({status}).")
        users.append((session, f"/thoughts/{location_id(location)}/situation/"))
    return users


def users_file(folder: Path, users: list[tuple[Session, str]], target: Target) -> Path:
    path = folder / "users.tsv"
    path.write_text(
        "".join(
            f"{session.header_cookie()}\t{session.cookie('csrftoken')}\t{target.path or record}\t{target.body}\n"
            for session, record in users
        )
    )
    return path


def _row(vendor: str, name: str, users: int, result: dict[str, Any]) -> dict[str, Any]:
    return {
        "database": vendor,
        "page": name,
        "users": users,
        "rps": round(result["requests"] / (result["duration_us"] / 1e6), 1),
        "p50_ms": round(result["p50_us"] / 1000, 1),
        "p95_ms": round(result["p95_us"] / 1000, 1),
        "failed": result["errors"] + result["bad_status"],
    }


def _median(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """Each figure's median over the runs (failures are summed: one is one too many)."""
    middle = {key: statistics.median(r[key] for r in runs) for key in ("rps", "p50_ms", "p95_ms")}
    return {**runs[0], **middle, "failed": sum(r["failed"] for r in runs)}


def measure(vendor: str) -> list[dict[str, Any]]:
    """For each page and number of users: the page and the bare view in turn, REPEATS times each, medians.

    The baseline is measured in the same minutes as the page it is compared with: this machine's speed drifts
    by 10-20 % within minutes, which a baseline measured once would pass on to every ratio.
    """
    rows: list[dict[str, Any]] = []
    folder = Path(tempfile.mkdtemp(prefix="selfkind-wrk-"))
    script = folder / "bench.lua"
    script.write_text(LUA)
    try:
        with BenchServer(vendor, demo_clients=max(CONCURRENCY)) as server:
            server.prepare()
            server.start()
            everyone = sign_in(server.base, max(CONCURRENCY))
            pages = targets()
            baseline = pages.pop(BASELINE)

            def once(target: Target, users: int, seconds: int) -> dict[str, Any]:
                listed = users_file(folder, everyone[:users], target)
                result = _wrk(script, server.base, target.method, listed, users, seconds)
                drain(server.base)
                return result

            for name, target in pages.items():
                for users in CONCURRENCY:
                    once(baseline, users, WARMUP)
                    once(target, users, WARMUP)
                    bare_runs, page_runs = [], []
                    for _ in range(REPEATS):
                        bare_runs.append(_row(vendor, BASELINE, users, once(baseline, users, SECONDS)))
                        page_runs.append(_row(vendor, name, users, once(target, users, SECONDS)))
                    row = _median(page_runs)
                    bare = _median(bare_runs)
                    row["bare_rps"], row["bare_p95_ms"] = bare["rps"], bare["p95_ms"]
                    row["ratio"] = round(row["rps"] / row["bare_rps"], 2) if row["bare_rps"] else 0.0
                    rows.append(row)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return rows


def run() -> dict[str, Any]:
    if shutil.which("wrk") is None:
        return {"skipped": "wrk is not installed (apt-get install -y wrk)."}
    return {"rows": [row for vendor in vendors() for row in measure(vendor)], "vendors": list(vendors())}


def markdown(result: dict[str, Any]) -> str:
    lines = ["## Framework-limit ratio (under `selfkind serve`)", ""]
    if "skipped" in result:
        return "\n".join(lines + [f"Not measured: {result['skipped']}"])
    lines += [
        "`selfkind serve` with 2 gunicorn workers (sync), a fresh demo with 50 more demo clients, each signed in "
        "over HTTP; at N users, wrk sends each request as the next of N different clients in turn (so the requests "
        "in flight are from different people, each step save into that client's own draft), on the same machine "
        f"over loopback. For each page and number of users, the page and the baseline run in turn, {REPEATS} times "
        f"each for {SECONDS} s after a {WARMUP} s warm-up, and the table shows each figure's median: the baseline is "
        "measured in the same minutes as the page it is compared with, because this machine's speed drifts by "
        "10–20 % within minutes. The baseline is a bare "
        "Django view on the same server and settings (every middleware, the signed-in user loaded from the "
        "session, one query, a ~2 KB template), only in the benchmark's URLconf. The ratio is the page's "
        "requests per second divided by the baseline's beside it. Target: ratio ≥ 0.5, and "
        'p95 < 100 ms at 50 users. "today" is kept rendered between the changes that alter it '
        f'(selfkind/care/today_cache.py); "{AFRESH}" renders it from the database on every request, as on the '
        "first visit after a change, and is shown for what that costs, outside the targets.",
        "",
        "| database | page | users | req/s | p50 (ms) | p95 (ms) | bare view req/s | bare p95 (ms) | ratio | failed |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
        *[
            f"| {r['database']} | {r['page']} | {r['users']} | {r['rps']:,} | {r['p50_ms']} | {r['p95_ms']} | "
            f"{r['bare_rps']:,} | {r['bare_p95_ms']} | {r['ratio']} | {r['failed']} |"
            for r in result["rows"]
        ],
    ]
    pages = [r for r in result["rows"] if r["page"] != AFRESH]
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
