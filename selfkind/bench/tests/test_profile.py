"""The profile's split of a request's time by area of the code (selfkind/bench/profile.py)."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from selfkind.bench import profile

SITE = "/home/selfkind/.venv/lib/python3.13/site-packages"
OWN = profile.PACKAGE_DIR  # this checkout's selfkind/


@dataclass
class Frame:
    file_path: str | None
    total_self_time: float
    children: list[Frame] = field(default_factory=list)
    function: str = "f"
    class_name: str | None = None


@pytest.mark.parametrize(
    ("path", "area"),
    [
        (f"{SITE}/django/db/backends/sqlite3/base.py", "database"),
        (f"{OWN}lib/sqlite/base.py", "database"),
        (f"{SITE}/psycopg/cursor.py", "database"),
        (f"{SITE}/django/db/models/sql/compiler.py", "ORM"),
        (f"{SITE}/django/template/base.py", "templates"),
        (f"{OWN}lib/templatetags/shell.py", "templates"),
        (f"{SITE}/cryptography/fernet.py", "encryption"),
        (f"{OWN}lib/crypto.py", "encryption"),
        (f"{OWN}safety/rules.py", "screening"),
        (f"{SITE}/django/contrib/sessions/backends/db.py", "sessions and sign-in"),
        (f"{OWN}accounts/sessions.py", "sessions and sign-in"),
        (f"{SITE}/django/test/client.py", "test client"),
        (f"{SITE}/django/core/handlers/base.py", "rest of Django"),
        (f"{OWN}care/selectors.py", "Selfkind"),
        ("/usr/lib/python3.13/json/decoder.py", None),
        ("/home/selfkind/.pyenv/versions/3.13.0/lib/python3.13/copy.py", None),  # "selfkind" only in a folder name
        ("<built-in>", None),
        (f"{OWN}bench/urls.py", None),
        (f"{SITE}/django/dispatch/dispatcher.py", None),  # a signal's time is its sender's
        (None, None),
    ],
)
def test_each_file_belongs_to_its_area(path, area):
    assert profile.area_of(path) == area


def test_code_in_no_area_counts_for_its_nearest_caller_in_one():
    sqlite = Frame(f"{SITE}/django/db/backends/sqlite3/base.py", 0.1, [Frame("<built-in>", 2.0)])
    orm = Frame(f"{SITE}/django/db/models/query.py", 0.5, [Frame("/usr/lib/python3.13/copy.py", 0.25), sqlite])
    view = Frame(f"{OWN}care/views.py", 0.2, [orm, Frame(f"{SITE}/django/template/base.py", 1.0)])
    root = Frame(f"{OWN}bench/profile.py", 0.05, [view])

    assert profile.split_by_area(root) == {
        "other": 0.05,
        "Selfkind": 0.2,
        "ORM": 0.75,
        "database": 2.1,
        "templates": 1.0,
    }


def test_the_heaviest_functions_take_in_what_they_call_outside_every_area():
    execute = Frame(f"{SITE}/django/db/backends/utils.py", 0.5, [Frame("<built-in>", 3.0)], "execute", "Cursor")
    render = Frame(f"{SITE}/django/template/base.py", 1.0, function="render", class_name="Template")
    root = Frame("/usr/lib/python3.13/threading.py", 0.1, [execute, render, Frame("<built-in>", 0.2)])

    assert profile.heaviest(root, count=2) == [
        ("Cursor.execute (django/db/backends/utils.py)", 3.5),
        ("Template.render (django/template/base.py)", 1.0),
    ]
