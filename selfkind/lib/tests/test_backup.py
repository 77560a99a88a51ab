"""`selfkind backup` and `selfkind restore`: a round trip through the real commands on the suite's database kind.

The suite runs on SQLite by default and on PostgreSQL in CI's second run, so both kinds are covered there.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import uuid
from decimal import Decimal
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from selfkind.lib.snapshot import _decode, _encode

SECRET = "b" * 64
# Every encrypted value, decrypted, printed as one JSON list (sorted), to compare the two databases.
READ_ALL_TEXT = """
import json
from selfkind.lib.crypto import encrypted_fields
texts = []
for model, field in encrypted_fields():
    texts += [v for v in model._base_manager.values_list(field.name, flat=True) if v is not None]
print("TEXTS=" + json.dumps(sorted(texts)))
"""
ONE_NOTE = """
from selfkind.accounts.models import User
from selfkind.journal.models import Note
client = User.objects.create_user(email="c@test.example", password="a-long-test-password", role="client")
Note.objects.create(client=client, text="A note only the right keys open.")
"""


def _env(tmp_path: Path, url: str, keys: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SELFKIND_", "DATABASE_URL", "DEBUG", "DJANGO_"))}
    env.update(
        {
            "SELFKIND_VAR_DIR": str(tmp_path / "var"),
            "DATABASE_URL": url,
            "SELFKIND_FIELD_KEYS": keys,
            "SELFKIND_SECRET_KEY": SECRET,
            "SELFKIND_TESTING": "1",  # fast password hashing for the demo
        }
    )
    return env


def _selfkind(env: dict[str, str], *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [sys.executable, "-m", "selfkind", *args], env=env, capture_output=True, text=True, timeout=600
    )
    if check and result.returncode != 0:
        pytest.fail(f"selfkind {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result


def _texts(env: dict[str, str]) -> list[str]:
    out = _selfkind(env, "shell", "-c", READ_ALL_TEXT).stdout
    return json.loads(next(line for line in out.splitlines() if line.startswith("TEXTS="))[6:])


class _Databases:
    """Two throwaway databases of the suite's kind: a source and an empty destination."""

    def __init__(self, tmp_path: Path) -> None:
        self.vendor = connection.vendor
        self.names: list[str] = []
        self.cleanup: Path | None = None
        if self.vendor == "sqlite":
            # tmpfs when there is one: SQLite here syncs every commit, which is slow on a shared disk.
            shm = Path("/dev/shm")
            if shm.is_dir() and os.access(shm, os.W_OK):
                tmp_path = Path(tempfile.mkdtemp(dir=shm, prefix="selfkind-backup-"))
                self.cleanup = tmp_path
            self.urls = [f"sqlite:///{tmp_path / 'source.sqlite3'}", f"sqlite:///{tmp_path / 'restored.sqlite3'}"]
            self.paths = [tmp_path / "source.sqlite3", tmp_path / "restored.sqlite3"]
            return
        db = settings.DATABASES["default"]
        auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
        self.server = f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
        suffix = uuid.uuid4().hex[:8]
        self.names = [f"selfkind_backup_src_{suffix}", f"selfkind_backup_dst_{suffix}"]
        self._admin([f"CREATE DATABASE {name}" for name in self.names])
        self.urls = [f"{self.server}/{name}" for name in self.names]

    def _admin(self, statements: list[str]) -> None:
        import psycopg

        with psycopg.connect(f"{self.server}/postgres", autocommit=True) as conn:
            for statement in statements:
                conn.execute(statement)

    def drop(self) -> None:
        if self.cleanup is not None:
            shutil.rmtree(self.cleanup, ignore_errors=True)
        if self.names:
            self._admin([f"DROP DATABASE IF EXISTS {name} WITH (FORCE)" for name in self.names])

    def rows(self, which: int) -> dict[str, list[str]]:
        """Return every table's rows (as sorted reprs), read straight from the database."""
        if self.vendor == "sqlite":
            conn = sqlite3.connect(self.paths[which])
            tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
            result = {t: sorted(repr(r) for r in conn.execute(f'SELECT * FROM "{t}"')) for t in tables}  # noqa: S608
            conn.close()
            return result
        import psycopg

        with psycopg.connect(self.urls[which]) as conn:
            tables = [r[0] for r in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")]
            return {t: sorted(repr(r) for r in conn.execute(f'SELECT * FROM "{t}"')) for t in tables}  # noqa: S608


@pytest.fixture
def databases(tmp_path, db):
    dbs = _Databases(tmp_path)
    yield dbs
    dbs.drop()


def test_it_round_trips_the_demo_with_every_row_equal_and_text_still_encrypted(tmp_path, databases):
    keys = Fernet.generate_key().decode()
    source = _env(tmp_path, databases.urls[0], keys)
    _selfkind(source, "migrate", "--no-input", "-v", "0")
    _selfkind(source, "demo")
    backup = tmp_path / "selfkind.backup.gz"
    result = _selfkind(source, "backup", str(backup))
    assert "Backed up" in result.stderr

    restored = _env(tmp_path, databases.urls[1], keys)
    result = _selfkind(restored, "restore", str(backup))
    assert "Restored" in result.stdout and "does not open" not in result.stderr

    before, after = databases.rows(0), databases.rows(1)
    assert set(before) == set(after)
    assert len(before["accounts_user"]) >= 9 and len(before["journal_thoughtrecord"]) > 0
    for table in before:
        assert before[table] == after[table], f"{table} differs after the restore"

    # Encrypted text still opens with the same keys, and the file holds neither keys nor plain text.
    texts = _texts(restored)
    assert texts == _texts(source)
    long_texts = [t for t in texts if len(t) >= 20]
    assert len(long_texts) > 20
    content = gzip.decompress(backup.read_bytes()).decode("utf-8")
    assert "fernet1:" in content
    assert keys not in content and SECRET not in content
    leaked = [t for t in long_texts if t in content or json.dumps(t)[1:-1] in content]
    assert leaked == []

    # A database with data in it is refused, and left as it was.
    result = _selfkind(source, "restore", str(backup), check=False)
    assert result.returncode != 0 and "already holds data" in result.stderr
    assert databases.rows(0) == before
    # A second backup never overwrites the first.
    result = _selfkind(source, "backup", str(backup), check=False)
    assert result.returncode != 0 and "already exists" in result.stderr


def test_it_warns_when_the_keys_do_not_open_the_restored_text(tmp_path, databases):
    source = _env(tmp_path, databases.urls[0], Fernet.generate_key().decode())
    _selfkind(source, "migrate", "--no-input", "-v", "0")
    _selfkind(source, "shell", "-c", ONE_NOTE)
    backup = tmp_path / "b.gz"
    _selfkind(source, "backup", str(backup))
    other_keys = _env(tmp_path, databases.urls[1], Fernet.generate_key().decode())
    result = _selfkind(other_keys, "restore", str(backup))
    assert "does not open with the keys in SELFKIND_FIELD_KEYS" in result.stderr


@pytest.mark.parametrize(
    "value",
    [
        None,
        True,
        3,
        2.5,
        "text",
        dt.datetime(2026, 1, 2, 3, 4, 5, 6, tzinfo=dt.UTC),
        dt.date(2026, 1, 2),
        dt.time(3, 4, 5),
        dt.timedelta(days=1, seconds=2, microseconds=3),
        Decimal("3.5000"),
        uuid.UUID(int=7),
        b"\x00\x01bytes",
    ],
)
def test_it_encodes_every_column_type_and_reads_it_back(value):
    encoded = json.loads(json.dumps(_encode(value)))
    assert _decode(encoded, connection) == value


def test_it_refuses_a_file_that_is_not_a_backup(tmp_path, db):
    not_backup = tmp_path / "notes.txt"
    not_backup.write_text("hello")
    with pytest.raises(CommandError, match="not a Selfkind backup"):
        call_command("restore", str(not_backup))
    with pytest.raises(CommandError, match="no backup file"):
        call_command("restore", str(tmp_path / "missing.gz"))
