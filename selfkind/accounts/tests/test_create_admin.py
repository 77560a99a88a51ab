"""`selfkind create-admin` makes the first clinic admin of a new installation."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from selfkind.accounts.models import Clinic, User

STRONG = "a calm long passphrase 42"


def _create(monkeypatch, password=STRONG, **options):
    monkeypatch.setattr("sys.stdin", io.StringIO(password + "\n"))
    out = io.StringIO()
    call_command("create-admin", password_stdin=True, stdout=out, **options)
    return out.getvalue()


def test_it_creates_the_clinic_and_its_admin(db, monkeypatch):
    out = _create(monkeypatch, email="Ada@Clinic.example", clinic="Harbour Clinic")
    admin = User.objects.get(email="ada@clinic.example")
    assert admin.role == "admin" and admin.clinic.name == "Harbour Clinic" and not admin.is_demo
    assert admin.check_password(STRONG)
    assert "two-factor" in out and "a new clinic" in out


def test_it_joins_an_existing_clinic_of_that_name(db, monkeypatch):
    clinic = Clinic.objects.create(name="Harbour Clinic")
    _create(monkeypatch, email="second@clinic.example", clinic="Harbour Clinic")
    assert User.objects.get(email="second@clinic.example").clinic == clinic
    assert Clinic.objects.count() == 1


@pytest.mark.parametrize(
    ("password", "email", "message"),
    [
        ("short", "new@clinic.example", "will not do"),
        (STRONG, "not-an-address", "does not look like an email"),
        ("", "new@clinic.example", "No password"),
    ],
)
def test_it_refuses_kindly_and_changes_nothing(db, monkeypatch, password, email, message):
    with pytest.raises(CommandError, match=message):
        _create(monkeypatch, password=password, email=email, clinic="Harbour Clinic")
    assert not User.objects.exists() and not Clinic.objects.exists()


def test_it_never_takes_over_an_existing_account(db, monkeypatch):
    User.objects.create_user(email="ada@clinic.example", password=STRONG, role="client")
    with pytest.raises(CommandError, match="already an account"):
        _create(monkeypatch, email="ada@clinic.example", clinic="Harbour Clinic")
    assert User.objects.get(email="ada@clinic.example").role == "client"
