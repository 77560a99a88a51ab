"""Settings come from the environment and fail loudly; production refuses unsafe starts."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from conftest import run_selfkind
from selfkind.lib.email_url import parse_email_url
from selfkind.lib.env import ConfigurationError, env_bool, env_choice, env_int, env_list

STRONG_KEY = "k" * 64


def _run(env_overrides, *args, cwd):
    return run_selfkind(*args, cwd=cwd, env=env_overrides)


def test_env_helpers_refuse_bad_values():
    assert env_bool("X", environ={"X": "yes"}) is True
    assert env_bool("X", True, environ={}) is True
    with pytest.raises(ConfigurationError, match="true or false"):
        env_bool("X", environ={"X": "maybe"})
    assert env_int("N", 3, environ={"N": "7"}) == 7
    with pytest.raises(ConfigurationError, match="whole number"):
        env_int("N", 3, environ={"N": "seven"})
    with pytest.raises(ConfigurationError, match="at least 1"):
        env_int("N", 3, minimum=1, environ={"N": "0"})
    assert env_list("L", environ={"L": "a, b,,c"}) == ["a", "b", "c"]
    with pytest.raises(ConfigurationError):
        env_choice("E", ("a", "b"), "a", environ={"E": "c"})


def test_email_url_becomes_a_mailer():
    mailer = parse_email_url("smtp://user%40x:p%40ss@mail.example:587/?tls=true")
    assert mailer["OPTIONS"]["host"] == "mail.example" and mailer["OPTIONS"]["port"] == 587
    assert mailer["OPTIONS"]["username"] == "user@x" and mailer["OPTIONS"]["password"] == "p@ss"
    assert mailer["OPTIONS"]["use_tls"] is True
    assert parse_email_url("console://")["BACKEND"].endswith("console.EmailBackend")
    with pytest.raises(ConfigurationError):
        parse_email_url("carrier-pigeon://x")


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"SELFKIND_ENV": "production"}, "SELFKIND_SECRET_KEY"),
        ({"SELFKIND_ENV": "production", "SELFKIND_SECRET_KEY": "short"}, "at least 50"),
        ({"SELFKIND_ENV": "production", "SELFKIND_SECRET_KEY": STRONG_KEY, "DEBUG": "1"}, "DEBUG must be off"),
        ({"SELFKIND_ENV": "staging"}, "SELFKIND_ENV must be one of"),
        ({"DATABASE_URL": "nonsense://"}, "DATABASE_URL"),
    ],
)
def test_unsafe_or_wrong_settings_stop_the_program(tmp_path, env, message):
    result = _run(env, "check", cwd=tmp_path)
    assert result.returncode != 0
    assert message in result.stderr


def test_production_refuses_to_serve_with_demo_accounts(personas, settings):
    from selfkind.accounts.models import User
    from selfkind.lib.production import refuse_unsafe_production

    settings.PRODUCTION = True
    refuse_unsafe_production()  # no demo accounts: fine
    User.objects.filter(pk=personas.client.pk).update(is_demo=True)
    with pytest.raises(ImproperlyConfigured, match="Demo accounts are present"):
        refuse_unsafe_production()


def test_the_demo_refuses_to_run_in_production(tmp_path):
    env = {
        "SELFKIND_ENV": "production",
        "SELFKIND_SECRET_KEY": STRONG_KEY,
        "SELFKIND_FIELD_KEYS": "Qr5QyBcu0Tt3bV5kq9v0wC7N6sQ4J8ZXr8m1yQmT3dE=",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    result = _run(env, "demo", cwd=tmp_path)
    assert result.returncode != 0
    assert "development only" in result.stderr


def test_production_passes_the_deploy_check(tmp_path):
    env = {
        "SELFKIND_ENV": "production",
        "SELFKIND_SECRET_KEY": "x8Gq2" * 12,
        "SELFKIND_FIELD_KEYS": "Qr5QyBcu0Tt3bV5kq9v0wC7N6sQ4J8ZXr8m1yQmT3dE=",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "ALLOWED_HOSTS": "selfkind.example.org",
        "EMAIL_URL": "smtp://mail.example.org:587/?tls=true",
    }
    result = _run(env, "check", "--deploy", "--fail-level", "WARNING", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_field_key_can_be_made_before_production_has_one(tmp_path):
    from cryptography.fernet import Fernet

    result = _run({"SELFKIND_ENV": "production"}, "generate-field-key", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    Fernet(result.stdout.strip().encode())  # a valid key
    assert list(tmp_path.iterdir()) == []  # nothing written to disk


def test_links_point_at_the_port_served_when_no_site_url_is_set(tmp_path):
    """`make run` and `selfkind serve` listen on $PORT: the links in emails must point there too."""
    show = ["shell", "-c", "from django.conf import settings; print(settings.SITE_URL)"]
    served = _run({"PORT": "9123", "SELFKIND_VAR_DIR": str(tmp_path)}, *show, cwd=tmp_path)
    assert served.returncode == 0, served.stderr
    assert served.stdout.strip().splitlines()[-1] == "http://127.0.0.1:9123"
    chosen = _run(
        {"PORT": "9123", "SELFKIND_SITE_URL": "https://selfkind.example.org/", "SELFKIND_VAR_DIR": str(tmp_path)},
        *show,
        cwd=tmp_path,
    )
    assert chosen.stdout.strip().splitlines()[-1] == "https://selfkind.example.org"
