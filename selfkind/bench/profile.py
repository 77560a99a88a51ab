"""Where the time goes: each hot page profiled in-process with pyinstrument, its time split by area.

Speed work starts here (docs/benchmarks.md, "What each speed change bought"): before changing anything, see
which part of a request costs most. For each database, a fresh demo (with one extra demo client, like the
clients the load benchmark signs in) is served in-process by Django's test client; each page is warmed up,
timed without the profiler (median), its queries counted, then sampled by pyinstrument. Every sample's time
goes to the area of the code it was in: the database (driver and server), the ORM building SQL and
objects, templates, encryption, crisis-language screening, sessions and sign-in, the test client's own work
(kept apart: a real server does not do it), the rest of Django, and Selfkind's own code. Time in the
standard library, in C or in signal plumbing goes to the area of the code that called it.

Run as `python -m selfkind.bench.profile` with DATABASE_URL pointing at a prepared throwaway database
(`run()` does that for each database); it prints one JSON line.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Protocol

# Each area and the file paths of its code (matched as substrings, first match wins). Code in none of them
# (the standard library, C functions, PLUMBING) counts toward the area of its nearest caller in one.
AREAS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "database",
        (
            "django/db/backends/",
            "psycopg/",
            "psycopg_binary/",
            "selfkind/lib/sqlite/",
            "selfkind/lib/postgresql/",
            "selfkind/lib/prepared.py",
        ),
    ),
    ("ORM", ("django/db/models/", "django/db/transaction.py", "django/db/utils.py")),
    ("templates", ("django/template/", "django/templatetags/", "/templatetags/")),
    ("encryption", ("cryptography/", "selfkind/lib/crypto.py")),
    ("screening", ("selfkind/safety/",)),
    (
        "sessions and sign-in",
        (
            "django/contrib/sessions/",
            "django/contrib/auth/",
            "django/core/signing.py",
            "django_otp/",
            "axes/",
            "selfkind/accounts/sessions.py",
            "selfkind/accounts/backends.py",
            "selfkind/accounts/middleware.py",
            "selfkind/accounts/idle.py",
        ),
    ),
    # Django's test client does work a real server does not (it records templates and signals): kept apart.
    ("test client", ("django/test/",)),
    ("rest of Django", ("django/", "whitenoise/", "django_htmx/", "asgiref/")),
    ("Selfkind", ("selfkind/",)),
)
# Selfkind's own files, told apart by where this package is (not by a name that a parent folder could share).
PACKAGE_DIR = str(Path(__file__).resolve().parents[1]) + "/"
_PACKAGE_DIRS = (PACKAGE_DIR, str(Path(__file__).absolute().parents[1]) + "/")  # resolved, and as imported
OTHER = "other"
COLUMNS = [name for name, _ in AREAS] + [OTHER]
WARMUP = 20
TIMED = 200  # requests timed without the profiler, for each page's median
PROFILED_SECONDS = 2.0  # each page is sampled for this long (at least), so short pages get enough samples
# Plumbing whose time belongs to whoever uses it: a signal's receivers are found and called for the ORM, for
# Django's request handling, or for the test client.
PLUMBING = ("/django/dispatch/",)


class FrameLike(Protocol):
    """What `split_by_area` reads of a pyinstrument frame."""

    @property
    def file_path(self) -> str | None: ...
    @property
    def total_self_time(self) -> float: ...
    @property
    def children(self) -> Any: ...


def area_of(path: str | None) -> str | None:
    """The area a file's code belongs to, or None (standard library, C, the benchmark's own loop)."""
    if not path:
        return None
    relative = _relative(path)
    if relative is None or relative.startswith(("/selfkind/bench/", *PLUMBING)):
        return None  # the standard library, C, plumbing, or the benchmark's own loop
    for name, parts in AREAS:
        if any(("/" + part.lstrip("/")) in relative for part in parts):
            return name
    return None


def _attributed(root: FrameLike) -> Iterator[tuple[FrameLike, FrameLike | None, str]]:
    """Each frame of the tree with the frame its self time counts for (itself, or its nearest caller in an
    area; None above every such caller) and that frame's area (OTHER above every such caller)."""
    stack: list[tuple[FrameLike, FrameLike | None, str]] = [(root, None, OTHER)]
    while stack:
        frame, owner, area = stack.pop()
        own_area = area_of(frame.file_path)
        if own_area is not None:
            owner, area = frame, own_area
        yield frame, owner, area
        stack.extend((child, owner, area) for child in frame.children)


def split_by_area(root: FrameLike) -> dict[str, float]:
    """Seconds of self time by area over a frame tree; frames in no area count for their nearest caller's."""
    seconds: dict[str, float] = defaultdict(float)
    for frame, _, area in _attributed(root):
        seconds[area] += frame.total_self_time
    return dict(seconds)


def heaviest(root: FrameLike, count: int = 5) -> list[tuple[str, float]]:
    """The functions with the most self time (with what they call outside every area), as (name, seconds)."""
    seconds: dict[str, float] = defaultdict(float)
    for frame, owner, _ in _attributed(root):
        if owner is not None:
            seconds[_label(owner)] += frame.total_self_time
    return sorted(seconds.items(), key=lambda item: -item[1])[:count]


def _label(frame: FrameLike) -> str:
    function = getattr(frame, "function", "?")
    class_name = getattr(frame, "class_name", None)
    name = f"{class_name}.{function}" if class_name else function
    return f"{name} ({_short(frame.file_path)})"


def _relative(path: str) -> str | None:
    """Return the path from "/selfkind/" for Selfkind's files, from the package for installed ones, else None."""
    for package_dir in _PACKAGE_DIRS:
        if path.startswith(package_dir):
            return "/selfkind/" + path[len(package_dir) :]
    if "/site-packages/" in path:
        return "/" + path.split("/site-packages/", 1)[1]
    return None


def _short(path: str | None) -> str:
    relative = _relative(path or "")
    return relative[1:] if relative else (path or "").rsplit("/", 1)[-1]


def _pages() -> list[tuple[str, str, Callable[[Any], Any]]]:
    """(name, who signs in, request) for each page profiled, with the load benchmark's paths and bodies."""
    from selfkind.bench.web import AFRESH, BASELINE, targets

    pages = targets()

    def get(path: str) -> Callable[[Any], Any]:
        return lambda client: client.get(path)

    def post(name: str) -> Callable[[Any], Any]:
        target = pages[name]
        form = "application/x-www-form-urlencoded"
        # The step save goes into the signed-in client's own draft (its path is set when the profile begins).
        return lambda client: client.post(target.path or client.step_path, target.body, content_type=form)

    return [
        (BASELINE, "client", get(pages[BASELINE].path)),
        ("today", "client", get(pages["today"].path)),
        (AFRESH, "client", get(pages[AFRESH].path)),
        ("thought-record step save", "client", post("thought-record step save")),
        ("practice log", "client", post("practice log")),
        ("caseload (therapist)", "therapist", get("/")),
    ]


def measure() -> list[dict[str, Any]]:
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse
    from pyinstrument import Profiler

    from selfkind.accounts.models import User
    from selfkind.accounts.twofactor import ensure_verified_session

    sign_in = reverse("accounts:login")
    signed_in: dict[str, Any] = {}
    for who, email in (("client", "demo-client-1@example.com"), ("therapist", "therapist@example.com")):
        user = User.objects.get(email=email)
        client = Client()
        client.force_login(user)
        if who == "therapist":
            session = client.session
            ensure_verified_session(user, session)
            session.save()
        signed_in[who] = client
    started = signed_in["client"].post("/thoughts/new/")
    signed_in["client"].step_path = started["Location"]

    rows = []
    for name, who, request in _pages():
        client = signed_in[who]
        for _ in range(WARMUP):
            response = request(client)
            # A redirect to the sign-in page would be a cheap answer profiled in place of the page.
            if response.status_code not in (200, 302) or response.get("Location", "").startswith(sign_in):
                raise RuntimeError(f"{name} answered {response.status_code} {response.get('Location', '')}.")
        with CaptureQueriesContext(connection) as captured:
            request(client)
        queries = len(captured)  # now: the next request's start empties the connection's log
        timings = []
        for _ in range(TIMED):
            t0 = time.perf_counter()
            request(client)
            timings.append(time.perf_counter() - t0)
        profiler = Profiler(interval=0.0002)
        profiler.start()
        until = time.perf_counter() + PROFILED_SECONDS
        while time.perf_counter() < until:
            request(client)
        profiler.stop()
        root = profiler.last_session.root_frame() if profiler.last_session else None
        if root is None:
            raise RuntimeError(f"pyinstrument recorded nothing for {name}.")
        areas = split_by_area(root)
        total = sum(areas.values()) or 1.0
        rows.append(
            {
                "page": name,
                "ms": round(statistics.median(timings) * 1000, 2),
                "queries": queries,
                "areas": {area: round(100 * areas.get(area, 0.0) / total, 1) for area in COLUMNS},
                "heaviest": [[label, round(100 * s / total, 1)] for label, s in heaviest(root)],
            }
        )
    return rows


def run() -> dict[str, Any]:
    from selfkind.bench.server import BenchServer, vendors

    results = {}
    for vendor in vendors():
        with BenchServer(vendor, demo_clients=1) as server:
            server.prepare()
            out = subprocess.run(
                [sys.executable, "-m", "selfkind.bench.profile"],
                env={**server.env, "ALLOWED_HOSTS": "testserver"},
                capture_output=True,
                text=True,
                timeout=900,
            )
            if out.returncode != 0:
                raise RuntimeError(f"Profiling on {vendor} failed:\n{out.stdout[-2000:]}\n{out.stderr[-3000:]}")
            results[vendor] = json.loads(out.stdout.strip().splitlines()[-1])
    return {"databases": results}


def markdown(result: dict[str, Any]) -> str:
    lines = [
        "## Where the time goes",
        "",
        "Each page in-process (Django's test client, no network, one process) on a fresh demo, signed in as one "
        f"of its clients (the caseload as the demo therapist): {WARMUP} requests to warm up, then the median of "
        f"{TIMED} timed requests without the profiler, the queries of one request, and the share of pyinstrument's "
        f"samples (every 0.2 ms for {PROFILED_SECONDS:g} s) in each area of the code. Time in the standard "
        "library, in C or in signal plumbing counts for the area that called it (a query's wait for SQLite or "
        "PostgreSQL is the database's); the test client's own work, which a real server does not do, is kept "
        "apart. This is where speed work starts: the largest share is the first thing to look at.",
    ]
    for vendor, rows in result["databases"].items():
        lines += [
            "",
            f"### {vendor}",
            "",
            "| page | ms a request | queries | " + " | ".join(COLUMNS) + " |",
            "| --- | --- | --- | " + " | ".join("---" for _ in COLUMNS) + " |",
            *[
                f"| {r['page']} | {r['ms']} | {r['queries']} | "
                + " | ".join(f"{r['areas'][area]} %" for area in COLUMNS)
                + " |"
                for r in rows
            ],
            "",
            "The heaviest functions by their own time (with what they call outside every area), share of the "
            "page's samples (single functions move between runs: a garbage collection, for one, lands on "
            "whichever function was running; the areas above are steadier):",
            "",
            *[f"- {r['page']}: " + "; ".join(f"`{label}` {share} %" for label, share in r["heaviest"]) for r in rows],
        ]
    return "\n".join(lines)


if __name__ == "__main__":
    print(json.dumps(measure()))
