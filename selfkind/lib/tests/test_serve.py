"""`selfkind serve` runs gunicorn as contracts.md says, and /healthz answers as it says."""

from __future__ import annotations

import http.client
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

from selfkind.lib.management.commands.serve import gunicorn_argv

STRONG_KEY = "s" * 64


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SELFKIND_", "DATABASE_URL", "DEBUG", "DJANGO_"))}
    env.update(
        {"SELFKIND_VAR_DIR": str(tmp_path / "var"), "DATABASE_URL": f"sqlite:///{tmp_path / 'serve.sqlite3'}", **extra}
    )
    return env


def _get(url: str, headers: dict[str, str] | None = None) -> tuple[int, bytes, dict[str, str]]:
    """GET without following redirects."""
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        connection.request("GET", parts.path, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.read(), dict(response.getheaders())
    finally:
        connection.close()


def _wait_for(url: str, process: subprocess.Popen, headers: dict[str, str] | None = None) -> tuple[int, bytes]:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            out, _ = process.communicate()
            pytest.fail(f"selfkind serve stopped early ({process.returncode}):\n{out}")
        try:
            status, body, _ = _get(url, headers)
            return status, body
        except OSError:
            time.sleep(0.2)
    pytest.fail("selfkind serve did not answer within 60 s")


def _serve(tmp_path: Path, env: dict[str, str]) -> None:
    subprocess.run(
        [sys.executable, "-m", "selfkind", "migrate", "--no-input", "-v", "0"],
        env=env,
        cwd=tmp_path,
        check=True,
        timeout=300,
    )


def _stop(process: subprocess.Popen) -> str:
    process.send_signal(signal.SIGTERM)
    try:
        out, _ = process.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        out, _ = process.communicate()
        pytest.fail(f"selfkind serve did not stop within 30 s of SIGTERM:\n{out}")
    return out


def test_it_builds_the_contracted_gunicorn_command():
    argv = gunicorn_argv(port=8123, workers=3, access_log=True)
    assert argv[1:4] == ["-m", "gunicorn", "selfkind.wsgi:application"]
    assert argv[argv.index("--bind") + 1] == "127.0.0.1:8123"
    assert argv[argv.index("--workers") + 1] == "3"
    assert "--no-control-socket" in argv
    # The access log names the path only: never the query string.
    assert "%(U)s" in argv[argv.index("--access-logformat") + 1]
    assert "%(r)s" not in argv[argv.index("--access-logformat") + 1]
    assert "--access-logfile" not in gunicorn_argv(port=1, workers=1, access_log=False)


@pytest.mark.parametrize("debug", ["1", ""])
def test_it_serves_healthz_and_stops_cleanly_on_sigterm(tmp_path, debug):
    port = _free_port()
    env = _env(tmp_path, PORT=str(port), WEB_CONCURRENCY="2", DEBUG=debug)
    _serve(tmp_path, env)
    process = subprocess.Popen(
        [sys.executable, "-m", "selfkind", "serve"],
        env=env,
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        status, body = _wait_for(f"http://127.0.0.1:{port}/healthz", process)
        assert status == 200
        data = json.loads(body)
        assert data == {"status": "ok", "checks": {"database": "ok", "migrations": "ok", "worker": "stale"}}
        # DEBUG stays off even when the environment asks for it: a 404 is the plain page, no URL list.
        status, body, _ = _get(f"http://127.0.0.1:{port}/no-such-page-here")
        assert status == 404
        assert b"URLconf" not in body and b"DEBUG = True" not in body
        # Static files come through WhiteNoise.
        status, body, _ = _get(f"http://127.0.0.1:{port}/static/selfkind/selfkind.css")
        assert status == 200 and len(body) > 100
    finally:
        out = _stop(process) if process.poll() is None else ""
    assert process.returncode == 0, out
    assert "with 2 workers" in out
    assert out.count("Booting worker") == 2
    assert "Shutting down: Master" in out
    assert '"GET /healthz" 200' in out


def test_it_serves_in_production_from_a_fresh_folder_with_collected_static_files(tmp_path):
    port = _free_port()
    env = _env(
        tmp_path,
        PORT=str(port),
        WEB_CONCURRENCY="1",
        SELFKIND_ENV="production",
        SELFKIND_SECRET_KEY=STRONG_KEY,
        SELFKIND_FIELD_KEYS=Fernet.generate_key().decode(),
        ALLOWED_HOSTS="127.0.0.1",
    )
    _serve(tmp_path, env)
    process = subprocess.Popen(
        [sys.executable, "-m", "selfkind", "serve"],
        env=env,
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    proxy = {"X-Forwarded-Proto": "https"}
    try:
        status, body = _wait_for(f"http://127.0.0.1:{port}/healthz", process)
        assert status == 200 and json.loads(body)["checks"]["migrations"] == "ok", body
        # Behind the proxy, the sign-in page links hashed static files that WhiteNoise serves.
        status, body, headers = _get(f"http://127.0.0.1:{port}/accounts/login/", proxy)
        assert status == 200, body[:500]
        assert "Strict-Transport-Security" in headers
        css = re.search(rb'href="(/static/selfkind/selfkind\.[0-9a-f]{12}\.css)"', body)
        assert css, "the page should link the hashed stylesheet"
        status, _, headers = _get(f"http://127.0.0.1:{port}{css.group(1).decode()}", proxy)
        assert status == 200 and "max-age=315360000" in headers.get("Cache-Control", "")
        # Without the proxy's header, a page redirects to https (healthz is exempt, above).
        status, _, headers = _get(f"http://127.0.0.1:{port}/accounts/login/")
        assert status == 301 and headers["Location"] == f"https://127.0.0.1:{port}/accounts/login/"
    finally:
        out = _stop(process) if process.poll() is None else ""
    assert process.returncode == 0, out
    assert (tmp_path / "var" / "static" / "staticfiles.json").exists()


@pytest.mark.django_db
def test_healthz_is_503_naming_the_missing_migrations(client, monkeypatch):
    from django.db.migrations.executor import MigrationExecutor

    monkeypatch.setattr(MigrationExecutor, "migration_plan", lambda self, targets: [("a migration", False)])
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "checks": {"database": "ok", "migrations": "missing"}}


@pytest.mark.django_db
def test_healthz_is_503_when_the_database_is_unreachable(client, monkeypatch):
    from django.db.backends.base.base import BaseDatabaseWrapper

    def refuse(self, *args, **kwargs):
        raise OSError("connection refused")

    monkeypatch.setattr(BaseDatabaseWrapper, "cursor", refuse)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "checks": {"database": "unreachable"}}


@pytest.mark.django_db
def test_healthz_stays_200_with_a_stale_worker_and_ok_with_a_fresh_one(client):
    from selfkind.lib.heartbeat import beat

    assert client.get("/healthz").json()["checks"]["worker"] == "stale"
    beat()
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json()["checks"]["worker"] == "ok"
