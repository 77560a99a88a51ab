"""Whole-database snapshots for `selfkind backup` and `selfkind restore`.

The file is gzip'd JSON lines: a header (format, database kind, the applied migrations, the tables and
their columns), then one line per row, `[table index, [values…]]`, rows exactly as the database stores
them. Encrypted text stays ciphertext; the keys are never read. Values JSON cannot hold are tagged
(`{"$dt": "…"}` for a timestamp, `{"$b": "…"}` for bytes, …) and turned back on restore.

The snapshot is read inside one transaction (REPEATABLE READ, read only, on PostgreSQL; one deferred
read transaction on SQLite, whose WAL gives it a fixed view), so it is consistent while people use the
app. A restore loads into an empty database in one transaction: it first migrates the schema to the
backup's migrations, loads every row, resets PostgreSQL's sequences, then migrates to the current code.
"""

from __future__ import annotations

import base64
import datetime as dt
import gzip
import json
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

FORMAT = "selfkind-backup"
VERSION = 1
BATCH = 2000
# Tables that `migrate` itself fills; an otherwise empty database has rows only here.
BOOKKEEPING = {"django_migrations", "django_content_type", "auth_permission"}


class SnapshotError(Exception):
    """A backup or restore that cannot go ahead, with a message for the operator."""


def _encode(value: Any) -> Any:
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, dt.datetime):
        return {"$dt": value.isoformat()}
    if isinstance(value, dt.date):
        return {"$date": value.isoformat()}
    if isinstance(value, dt.time):
        return {"$time": value.isoformat()}
    if isinstance(value, dt.timedelta):
        return {"$td": [value.days, value.seconds, value.microseconds]}
    if isinstance(value, Decimal):
        return {"$dec": str(value)}
    if isinstance(value, uuid.UUID):
        return {"$uuid": str(value)}
    if isinstance(value, (bytes, bytearray, memoryview)):
        return {"$b": base64.b64encode(bytes(value)).decode("ascii")}
    if isinstance(value, (dict, list)):
        return {"$json": value}
    raise SnapshotError(f"A column holds a value of type {type(value).__name__}, which backups cannot write yet.")


def _decode(value: Any, connection: BaseDatabaseWrapper) -> Any:
    if not isinstance(value, dict):
        return value
    (tag, raw), *_ = value.items()
    if tag == "$dt":
        return dt.datetime.fromisoformat(raw)
    if tag == "$date":
        return dt.date.fromisoformat(raw)
    if tag == "$time":
        return dt.time.fromisoformat(raw)
    if tag == "$td":
        return dt.timedelta(days=raw[0], seconds=raw[1], microseconds=raw[2])
    if tag == "$dec":
        return Decimal(raw)
    if tag == "$uuid":
        return uuid.UUID(raw)
    if tag == "$b":
        return base64.b64decode(raw)
    if tag == "$json":
        return json.dumps(raw)
    raise SnapshotError(f"The backup holds a value tagged {tag!r}, which this version cannot read.")


def _tables(connection: BaseDatabaseWrapper) -> list[str]:
    with connection.cursor() as cursor:
        return sorted(connection.introspection.table_names(cursor))


@contextmanager
def _read_transaction(connection: BaseDatabaseWrapper) -> Iterator[None]:
    """Hold one consistent view of the database for the whole read."""
    if connection.in_atomic_block:  # already inside a transaction (a test, or a caller's own)
        yield
        return
    if connection.vendor == "postgresql":
        with transaction.atomic(using=connection.alias):
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            yield
    elif connection.vendor == "sqlite":
        # Django's atomic() would BEGIN IMMEDIATE and hold the write lock for the whole backup;
        # a deferred read transaction sees one snapshot (WAL) and lets the app keep writing.
        connection.ensure_connection()
        with connection.cursor() as cursor:
            cursor.execute("BEGIN DEFERRED")
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("COMMIT")
    else:
        raise SnapshotError(f"Backups support SQLite and PostgreSQL, not {connection.vendor}.")


def _quote(connection: BaseDatabaseWrapper, name: str) -> str:
    return connection.ops.quote_name(name)


def write_backup(handle: IO[bytes], *, using: str = DEFAULT_DB_ALIAS) -> dict[str, int]:
    """Write a consistent snapshot of every table to `handle` (gzip'd JSON lines); return rows per table."""
    connection = connections[using]
    counts: dict[str, int] = {}
    with gzip.GzipFile(fileobj=handle, mode="wb", mtime=0) as gz, _read_transaction(connection):
        tables = _tables(connection)
        columns: dict[str, list[str]] = {}
        with connection.cursor() as cursor:
            for table in tables:
                description = connection.introspection.get_table_description(cursor, table)
                columns[table] = [column.name for column in description]
            cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
            migrations = [list(row) for row in cursor.fetchall()]
        header = {
            "format": FORMAT,
            "version": VERSION,
            "created_at": timezone.now().isoformat(),
            "vendor": connection.vendor,
            "migrations": migrations,
            "tables": [{"name": table, "columns": columns[table]} for table in tables],
        }
        gz.write((json.dumps(header) + "\n").encode("utf-8"))
        for index, table in enumerate(tables):
            # On SQLite, `+column` (a no-op) hides the declared type, so Django's converters leave the
            # value exactly as stored (text timestamps, 0/1 booleans) instead of Python objects.
            raw = "+" if connection.vendor == "sqlite" else ""
            select = ", ".join(raw + _quote(connection, column) for column in columns[table])
            counts[table] = 0
            # A server-side cursor on PostgreSQL, so a big table never sits in memory whole.
            cursor = connection.chunked_cursor()
            try:
                cursor.execute(f"SELECT {select} FROM {_quote(connection, table)}")  # noqa: S608
                while rows := cursor.fetchmany(BATCH):
                    lines = [json.dumps([index, [_encode(value) for value in row]]) for row in rows]
                    gz.write(("\n".join(lines) + "\n").encode("utf-8"))
                    counts[table] += len(rows)
            finally:
                cursor.close()
    return counts


def read_header(path: Path) -> dict[str, Any]:
    """Return the header of a backup file, refusing anything that is not one."""
    try:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            header = json.loads(handle.readline())
    except (OSError, EOFError, ValueError, UnicodeDecodeError):
        raise SnapshotError(f"{path} is not a Selfkind backup (it is not a gzip'd JSON-lines file).") from None
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise SnapshotError(f"{path} is not a Selfkind backup (its first line is not a backup header).")
    if header.get("version") != VERSION:
        raise SnapshotError(
            f"{path} is a backup in format version {header.get('version')}; this Selfkind reads {VERSION}."
        )
    return header


def rows_in_use(using: str = DEFAULT_DB_ALIAS) -> dict[str, int]:
    """Return the tables (other than migrate's own bookkeeping) that hold rows, with their counts."""
    connection = connections[using]
    found = {}
    with connection.cursor() as cursor:
        for table in _tables(connection):
            if table in BOOKKEEPING:
                continue
            cursor.execute(f"SELECT COUNT(*) FROM {_quote(connection, table)}")  # noqa: S608
            (count,) = cursor.fetchone()
            if count:
                found[table] = count
    return found


def _migrate_to(targets: list[tuple[str, str | None]], using: str) -> None:
    connection = connections[using]
    executor = MigrationExecutor(connection)
    executor.loader.check_consistent_history(connection)
    executor.migrate(targets)


def restore_backup(path: Path, *, using: str = DEFAULT_DB_ALIAS) -> dict[str, int]:
    """Load a backup into an empty database and return rows per table; raise SnapshotError if it cannot."""
    header = read_header(path)
    connection = connections[using]
    if header["vendor"] != connection.vendor:
        raise SnapshotError(
            f"This backup was made on {header['vendor']} and the database here is {connection.vendor}. "
            "Restore it into the same kind of database."
        )
    in_use = rows_in_use(using)
    if in_use:
        tables = ", ".join(f"{table} ({count})" for table, count in sorted(in_use.items())[:5])
        raise SnapshotError(
            "This database already holds data, and a restore only loads into an empty one, so nothing was "
            f"changed. Tables with rows: {tables}. Create a new empty database, point DATABASE_URL at it, "
            "and run the restore again."
        )
    # The schema must be the backup's own before its rows go in: migrate to exactly its migrations.
    loader = MigrationExecutor(connection).loader
    known = set(loader.disk_migrations)
    applied = {(app, name) for app, name in header["migrations"]}
    unknown = sorted(applied - known - set(loader.replacements))
    if unknown:
        raise SnapshotError(
            "This backup comes from a newer Selfkind: its database has migrations this code does not have "
            f"({', '.join(f'{app}.{name}' for app, name in unknown[:5])}). Install that version or newer, then restore."
        )
    targets: list[tuple[str, str | None]] = []
    for app in sorted({app for app, _ in known}):
        nodes = [(a, n) for a, n in applied if a == app and (a, n) in loader.graph.nodes]
        if not nodes:
            targets.append((app, None))
            continue
        # The backup's latest migrations of this app: those no other applied migration builds on.
        parents = {parent for node in nodes for parent in loader.graph.node_map[node].parents}
        targets.extend(node for node in sorted(nodes) if node not in parents)
    _migrate_to(targets, using)

    tables_here = set(_tables(connection))
    missing = [table["name"] for table in header["tables"] if table["name"] not in tables_here]
    if missing:
        raise SnapshotError(
            f"The database has no table for {', '.join(missing[:5])} after migrating: nothing was loaded."
        )
    counts: dict[str, int] = {}
    with transaction.atomic(using=using), gzip.open(path, "rt", encoding="utf-8") as handle:
        handle.readline()
        with connection.cursor() as cursor:
            for table in header["tables"]:  # migrate's own rows are replaced by the backup's
                cursor.execute(f"DELETE FROM {_quote(connection, table['name'])}")  # noqa: S608
            statements = []
            for table in header["tables"]:
                names = ", ".join(_quote(connection, column) for column in table["columns"])
                marks = ", ".join(["%s"] * len(table["columns"]))
                statements.append(f"INSERT INTO {_quote(connection, table['name'])} ({names}) VALUES ({marks})")  # noqa: S608
                counts[table["name"]] = 0
            batch: list[list[Any]] = []
            batch_index = -1
            for line in handle:
                index, values = json.loads(line)
                if index != batch_index and batch:
                    cursor.executemany(statements[batch_index], batch)
                    batch = []
                batch_index = index
                batch.append([_decode(value, connection) for value in values])
                counts[header["tables"][index]["name"]] += 1
                if len(batch) >= BATCH:
                    cursor.executemany(statements[batch_index], batch)
                    batch = []
            if batch:
                cursor.executemany(statements[batch_index], batch)
            if connection.vendor == "postgresql":
                _reset_sequences(connection, cursor, [table["name"] for table in header["tables"]])
    # Then up to this code's migrations (and their data migrations), as after an upgrade.
    call_command("migrate", database=using, interactive=False, verbosity=0)
    return counts


def _reset_sequences(connection: BaseDatabaseWrapper, cursor: Any, tables: list[str]) -> None:
    for table in tables:
        for sequence in connection.introspection.get_sequences(cursor, table):
            column = sequence["column"]
            col, name = _quote(connection, column), _quote(connection, table)
            # Identifiers come from the database itself, quoted.
            sql = "SELECT setval(pg_get_serial_sequence(%s, %s), COALESCE(MAX({c}), 1), MAX({c}) IS NOT NULL) FROM {t}"
            cursor.execute(sql.format(c=col, t=name), [name, column])
