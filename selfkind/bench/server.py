"""A throwaway Selfkind under `selfkind serve` for the load and kill -9 benchmarks (loopback only).

`BenchServer` makes a fresh database (a SQLite file, or a PostgreSQL database it creates and drops),
migrates it, builds the demo, serves it with gunicorn through `selfkind serve` (2 workers by default) and
signs clients in over HTTP, as a browser would.
"""

from __future__ import annotations

import contextlib
import functools
import http.cookiejar
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

PG_SERVER = os.environ.get("SELFKIND_BENCH_PG", "postgres://postgres@127.0.0.1:5432")
DEMO_PASSWORD = "selfkind-demo"  # noqa: S105 (contracts.md: the demo's password)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@functools.cache
def vendors() -> tuple[str, ...]:
    """The databases the benchmarks run on: SQLite always, PostgreSQL when one answers (asked once a run)."""
    return ("sqlite", "postgresql") if postgres_available() else ("sqlite",)


def postgres_available() -> bool:
    try:
        import psycopg

        with psycopg.connect(f"{PG_SERVER}/postgres", connect_timeout=3):
            return True
    except Exception:
        return False


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


class Session:
    """A signed-in browser: its cookies, its CSRF token, and GET/POST without following redirects."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect)

    def cookie(self, name: str) -> str:
        return next((c.value or "" for c in self.jar if c.name == name), "")

    def request(self, method: str, path: str, data: dict[str, str] | None = None) -> tuple[int, str, str]:
        body = urllib.parse.urlencode(data or {}).encode() if method == "POST" else None
        req = urllib.request.Request(self.base + path, data=body, method=method)  # noqa: S310 (loopback http)
        if method == "POST":
            req.add_header("X-CSRFToken", self.cookie("csrftoken"))
            req.add_header("Content-Type", "application/x-www-form-urlencoded")
        try:
            with self.opener.open(req, timeout=30) as response:
                return response.status, response.headers.get("Location", ""), response.read().decode()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.headers.get("Location", ""), exc.read().decode(errors="replace")

    def sign_in(self, email: str, password: str = DEMO_PASSWORD) -> None:
        self.request("GET", "/accounts/login/")
        status, location, _ = self.request("POST", "/accounts/login/", {"username": email, "password": password})
        if status != 302:
            raise RuntimeError(f"Signing in {email} failed with status {status}.")
        self.request("GET", location or "/")  # the landing page sets a fresh CSRF cookie if needed

    def header_cookie(self) -> str:
        return "; ".join(f"{c.name}={c.value}" for c in self.jar)


class BenchServer:
    def __init__(self, vendor: str, *, workers: int = 2, demo_clients: int = 0) -> None:
        self.vendor = vendor
        self.workers = workers
        self.demo_clients = demo_clients
        self.folder = Path(tempfile.mkdtemp(prefix=f"selfkind-bench-{vendor}-"))
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen[bytes] | None = None
        self.database = f"selfkind_bench_{os.getpid()}"
        if vendor == "sqlite":
            url = f"sqlite:///{self.folder / 'bench.sqlite3'}"
        else:
            url = f"{PG_SERVER}/{self.database}"
            self._admin(f"DROP DATABASE IF EXISTS {self.database} WITH (FORCE)", f"CREATE DATABASE {self.database}")
        self.env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("SELFKIND_", "DATABASE_URL", "DEBUG"))},
            "SELFKIND_ENV": "development",
            "SELFKIND_VAR_DIR": str(self.folder / "var"),
            "DATABASE_URL": url,
            "DJANGO_SETTINGS_MODULE": "selfkind.bench.settings",
            "PORT": str(self.port),
            "WEB_CONCURRENCY": str(workers),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "LOG_LEVEL": "WARNING",
        }

    def _admin(self, *statements: str) -> None:
        import psycopg

        with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
            for statement in statements:
                conn.execute(statement)  # type: ignore[arg-type]

    def selfkind(self, *args: str) -> str:
        result = subprocess.run(
            [sys.executable, "-m", "selfkind", *args], env=self.env, capture_output=True, text=True, timeout=1800
        )
        if result.returncode != 0:
            raise RuntimeError(f"selfkind {args[0]} failed:\n{result.stdout}\n{result.stderr}")
        return result.stdout

    def prepare(self) -> None:
        self.selfkind("migrate", "--no-input", "-v", "0")
        self.selfkind("demo", *(["--clients", str(self.demo_clients)] if self.demo_clients else []))

    def start(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "selfkind", "serve", "--no-access-log"],
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=open(self.folder / "serve.log", "ab"),  # noqa: SIM115 (kept open for the server's life)
            start_new_session=True,  # its own process group, so kill -9 can take master and workers at once
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(self.base + "/healthz", timeout=5) as response:  # noqa: S310
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("selfkind serve did not start:\n" + (self.folder / "serve.log").read_text()[-3000:])

    def worker_pids(self) -> list[int]:
        if self.process is None:
            return []
        out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(self.process.pid)], capture_output=True, text=True)
        return [int(pid) for pid in out.stdout.split()]

    def kill_all(self) -> None:
        """SIGKILL the master and its workers at once (a power cut, as far as the processes can tell)."""
        if self.process is not None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
            self.process = None

    def stop(self) -> None:
        if self.process is not None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill_all()
            self.process = None

    def close(self) -> None:
        self.stop()
        if self.vendor == "postgresql":
            self._admin(f"DROP DATABASE IF EXISTS {self.database} WITH (FORCE)")
        shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> BenchServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def location_id(location: str) -> int:
    """Return the first number in a redirect's path (the new object's id)."""
    match = re.search(r"/(\d+)/", location)
    if not match:
        raise RuntimeError(f"No id in {location!r}")
    return int(match.group(1))
