"""Reads that run on every request, with their SQL built by the ORM once per process instead of each time.

Building a queryset's SQL (filters, joins, subqueries) costs far more than running it: for the two reads
every signed-in request makes (the user with their clinic, and the client's consent state) it was most
of the time a small page took (docs/benchmarks.md, "What each speed change bought"). A `PreparedRead`
asks the ORM for the SQL once, with a marker value where the per-request value goes, then runs that SQL
with the real value, applying the same converters a queryset applies (dates on SQLite, decryption of
encrypted fields). The queryset stays the single source of truth: change it and the SQL follows.

`hydrate` turns a slice of such a row back into a model instance, and `attach` caches a joined object on it,
as `select_related` would.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import Any

from django.db import connections
from django.db.models import Model, QuerySet

# Two values of each kind that never occur as ids or keys, to find the parameter's place in the SQL.
_MARKERS: dict[type, tuple[Any, Any]] = {int: (-734_091_551, -734_091_552), str: ("\x00marker-a", "\x00marker-b")}


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
        connection = connections[using]
        # On PostgreSQL the statement is prepared once per connection (selfkind/lib/postgresql); SQLite's
        # driver keeps its own cache of compiled statements.
        prepared_cursor = getattr(connection, "prepared_cursor", None)
        with prepared_cursor() if prepared_cursor is not None else connection.cursor() as cursor:
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
