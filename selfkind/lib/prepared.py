"""Reads that run on every request, with their SQL built by the ORM once per process instead of each time.

Building a queryset's SQL (filters, joins, subqueries) costs far more than running it: for the two reads
every signed-in request makes (the user with their clinic, and the client's consent state) it was most
of the time a small page took (docs/benchmarks.md, "What each speed change bought"). A `PreparedRead`
asks the ORM for the SQL once, with a marker value where the per-request value goes, then runs that SQL
with the real value, applying the same converters a queryset applies (dates on SQLite, decryption of
encrypted fields). The queryset stays the single source of truth: change it and the SQL follows.

`hydrate` turns a slice of such a row back into a model instance, and `attach` caches a joined object on it,
as `select_related` would.

`save_fields` and `create_row` are the writes' counterparts: `instance.save(update_fields=...)` and
`Model.objects.create(...)` for a write made on every request of a hot page (a thought-record step, a practice
logged), with the statement written once per process.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import Any

from django.db import DatabaseError, connections, router
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.utils import CursorWrapper
from django.db.models import Field, Model, QuerySet, signals

# Two values of each kind that never occur as ids or keys, to find the parameter's place in the SQL.
_MARKERS: dict[type, tuple[Any, Any]] = {int: (-734_091_551, -734_091_552), str: ("\x00marker-a", "\x00marker-b")}


def prepared_cursor(connection: BaseDatabaseWrapper) -> CursorWrapper:
    """A cursor whose statements are prepared once per connection on PostgreSQL (selfkind/lib/postgresql);
    elsewhere the usual cursor (SQLite's driver keeps its own cache of compiled statements)."""
    prepared = getattr(connection, "prepared_cursor", None)
    return prepared() if prepared is not None else connection.cursor()


class PreparedRead:
    """A `values_list` queryset whose SQL is built once per database alias and run with one new value.

    `build(value)` must return a `values_list(...)` queryset in which `value` (an int or a str) appears
    exactly once among the SQL parameters (typically as `filter(pk=value)`).
    """

    def __init__(self, build: Callable[[Any], QuerySet[Any]]) -> None:
        self.build = build
        self._prepared: dict[tuple[str, type], tuple[str, list[Any], int, Any, list[Any]]] = {}
        self._lock = threading.Lock()

    def _prepare(self, using: str, kind: type) -> tuple[str, list[Any], int, Any, list[Any]]:
        markers = _MARKERS[kind]
        first = self.build(markers[0]).using(using)
        second = self.build(markers[1]).using(using)
        sql, params = first.query.sql_with_params()
        sql_again, params_again = second.query.sql_with_params()
        slots = [i for i, (a, b) in enumerate(zip(params, params_again, strict=True)) if a != b]
        if sql != sql_again or len(slots) != 1 or params[slots[0]] != markers[0]:
            raise ValueError("A prepared read's value must appear exactly once among its SQL parameters.")
        compiler = first.query.get_compiler(using=using)
        compiler.setup_query()
        converters = compiler.get_converters([column for column, _, _ in compiler.select])
        return sql, list(params), slots[0], compiler, converters

    def rows(self, value: Any, using: str = "default") -> list[tuple[Any, ...]]:
        kind = type(value)
        prepared = self._prepared.get((using, kind))
        if prepared is None:
            with self._lock:
                prepared = self._prepared.get((using, kind)) or self._prepare(using, kind)
                self._prepared[(using, kind)] = prepared
        sql, params, slot, compiler, converters = prepared
        params = params.copy()
        params[slot] = value
        with prepared_cursor(connections[using]) as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        if converters:
            rows = [tuple(row) for row in compiler.apply_converters(rows, converters)]
        return rows


def hydrate(model: type[Model], using: str, attnames: Sequence[str], values: Sequence[Any]) -> Model:
    """Return a `model` instance from a row slice holding `attnames` (in the model's field order)."""
    return model.from_db(using, list(attnames), list(values))


def attach(instance: Model, field_name: str, attnames: Sequence[str], values: Sequence[Any], using: str) -> None:
    """Cache the object a foreign key points to, built from a row slice (None when the key is null)."""
    field = instance._meta.get_field(field_name)
    related = None
    if getattr(instance, field.attname) is not None:  # type: ignore[union-attr]
        related = hydrate(field.related_model, using, attnames, values)  # type: ignore[arg-type]
    field.set_cached_value(instance, related)  # type: ignore[union-attr]


_Statement = tuple[str, list[Field[Any, Any]]]
_UPDATES: dict[tuple[type[Model], tuple[str, ...], str], _Statement | None] = {}


def _update_statement(model: type[Model], names: tuple[str, ...], using: str) -> _Statement | None:
    """The UPDATE that saves these fields of one row, or None when the ORM must write it (see `save_fields`)."""
    meta = model._meta
    fields = [meta.get_field(name) for name in names]
    for field in fields:
        if not (field.concrete and not field.many_to_many and not field.primary_key):
            raise ValueError(f"{field.name} is not a concrete field that an update can save.")
    if meta.parents or any(hasattr(field, "get_placeholder_sql") for field in fields):
        return None  # a row in two tables, or a column written through its own SQL: the ORM knows how
    quote = connections[using].ops.quote_name
    columns = ", ".join(f"{quote(field.column)} = %s" for field in fields)  # type: ignore[union-attr, arg-type]
    where = quote(meta.pk.column)  # type: ignore[union-attr, arg-type]
    sql = f"UPDATE {quote(meta.db_table)} SET {columns} WHERE {where} = %s"  # noqa: S608 (names from the model, quoted)
    return sql, fields  # type: ignore[return-value]


def _holds_expression(instance: Model, fields: list[Field[Any, Any]]) -> bool:
    """Whether one of these fields holds an expression (`F("n") + 1`), which only the ORM can write."""
    return any(hasattr(getattr(instance, field.attname), "resolve_expression") for field in fields)


def save_fields(instance: Model, update_fields: Sequence[str], using: str | None = None) -> None:
    """Save these fields of a saved instance, as `instance.save(update_fields=update_fields)` does.

    The same signals are sent (pre_save and post_save, with `update_fields`), each field's `pre_save` runs
    (`auto_now` dates), values are prepared for the database by their fields (encryption included), and a row
    that is gone raises `DatabaseError` as the ORM's save does. What differs is the cost: the ORM builds a
    queryset and compiles its SQL on every save (about 0.3 ms of a 2.6 ms thought-record step on PostgreSQL);
    here the statement is written once per process for each model and set of fields, and on PostgreSQL it is
    prepared once per connection. A value that is an expression (`F("n") + 1`) is saved by the ORM itself.
    """
    model = type(instance)
    names = tuple(update_fields)
    if not names:
        return
    using = using or instance._state.db or router.db_for_write(model, instance=instance)
    key = (model, names, using)
    if key not in _UPDATES:
        _UPDATES[key] = _update_statement(model, names, using)
    statement = _UPDATES[key]
    if statement is None or _holds_expression(instance, statement[1]):
        instance.save(update_fields=names, using=using)
        return
    sql, fields = statement
    connection = connections[using]
    frozen = frozenset(names)
    signals.pre_save.send(sender=model, instance=instance, raw=False, using=using, update_fields=frozen)
    values = [field.pre_save(instance, False) for field in fields]
    params = [field.get_db_prep_save(value, connection) for field, value in zip(fields, values, strict=True)]
    params.append(model._meta.pk.get_db_prep_value(instance.pk, connection))  # type: ignore[union-attr]
    with prepared_cursor(connection) as cursor:
        cursor.execute(sql, params)
        if cursor.rowcount != 1:
            raise DatabaseError("Save with update_fields did not affect any rows.")
    instance._state.db = using
    instance._state.adding = False
    signals.post_save.send(sender=model, instance=instance, created=False, update_fields=frozen, raw=False, using=using)


_INSERTS: dict[tuple[type[Model], str], _Statement | None] = {}


def _insert_statement(model: type[Model], using: str) -> _Statement | None:
    """The INSERT of one row returning its new id, or None when the ORM must write it (see `create_row`)."""
    meta = model._meta
    connection = connections[using]
    pk = meta.pk
    plain = (
        not meta.parents
        and getattr(pk, "db_returning", False)  # an id the database gives (an auto field)
        and connection.features.can_return_columns_from_insert
        and not any(
            field.generated or field.has_db_default() or hasattr(field, "get_placeholder_sql")
            for field in meta.local_concrete_fields
        )
    )
    if not plain:
        return None  # a row in two tables, a default or value the database computes: the ORM knows how
    fields = [field for field in meta.local_concrete_fields if field is not pk]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in fields)  # type: ignore[arg-type]
    returning, _ = connection.ops.returning_columns([pk])
    placeholders = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES ({placeholders}) {returning}"  # noqa: S608
    return sql, fields  # type: ignore[return-value]


def create_row[M: Model](model: type[M], using: str = "default", **values: Any) -> M:
    """Create and return an instance, as `model.objects.create(**values)` does, with its INSERT written once.

    As in the ORM: the instance gets its defaults, related objects are checked, pre_save and post_save are sent
    (created=True), each field's `pre_save` gives the value written and the database gives the id. A model
    the ORM writes in a special way (inherited, database defaults, generated columns), an id given in
    `values` or a value that is an expression is created by the ORM itself.
    """
    instance = model(**values)
    key = (model, using)
    if key not in _INSERTS:
        _INSERTS[key] = _insert_statement(model, using)
    statement = _INSERTS[key]
    if statement is None or instance.pk is not None or _holds_expression(instance, statement[1]):
        instance.save(force_insert=True, using=using)
        return instance
    sql, fields = statement
    connection = connections[using]
    instance._prepare_related_fields_for_save(operation_name="save")  # type: ignore[attr-defined]
    signals.pre_save.send(sender=model, instance=instance, raw=False, using=using, update_fields=None)
    params = [field.get_db_prep_save(field.pre_save(instance, True), connection) for field in fields]
    with prepared_cursor(connection) as cursor:
        cursor.execute(sql, params)
        (new_id,) = cursor.fetchone()
    setattr(instance, model._meta.pk.attname, new_id)  # type: ignore[union-attr]
    instance._state.db = using
    instance._state.adding = False
    signals.post_save.send(sender=model, instance=instance, created=True, update_fields=None, raw=False, using=using)
    return instance
