"""With REDIS_URL set, shipped content is cached in Redis, and a client's words never are."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse

from selfkind.practices.lessons import course

REDIS = "redis://127.0.0.1:6379/15"
REDIS_CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS}}
CLIENT_WORDS = "my sister's wedding made me feel like a failure, unique-words-7341"
CUSTOM_BODY = "A lesson for Cara alone, written by her therapist, unique-words-5528"


def _redis():
    redis = pytest.importorskip("redis")
    connection = redis.Redis.from_url(REDIS)
    try:
        connection.ping()
    except redis.exceptions.ConnectionError:
        if os.environ.get("CI"):
            raise
        pytest.skip("Redis is not running on 127.0.0.1:6379")
    return connection


def _everything(connection) -> bytes:
    return b"\n".join(key + b"=" + (connection.get(key) or b"") for key in connection.scan_iter("*"))


def test_redis_url_switches_the_cache_to_redis(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SELFKIND_", "DATABASE_URL", "REDIS_URL"))}
    code = "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"

    def run(extra: dict[str, str]) -> str:
        return subprocess.run(
            [sys.executable, "-m", "selfkind", "shell", "-c", code],
            env={**env, "SELFKIND_VAR_DIR": str(tmp_path), **extra},
            capture_output=True,
            text=True,
            check=True,
        ).stdout

    assert "RedisCache" in run({"REDIS_URL": REDIS})
    assert "LocMemCache" in run({})


@override_settings(CACHES=REDIS_CACHES)
def test_it_caches_shipped_lessons_and_crisis_lines_and_never_a_clients_words(personas, as_user):
    from selfkind.practices.models import CustomLesson

    connection = _redis()
    connection.flushdb()
    cache.close()
    c = as_user(personas.client)
    slug = next(iter(course()))
    url = reverse("practices:lesson", args=[slug])
    first = c.get(url)
    assert first.status_code == 200
    response = c.post(url, {"text": CLIENT_WORDS})
    assert response.status_code == 302
    again = c.get(url)
    assert "unique-words-7341" in again.content.decode()  # the client sees their words, rendered around the cache
    assert c.get(reverse("safety:need_help")).status_code == 200
    custom = CustomLesson.objects.create(
        clinic=personas.clinic,
        created_by=personas.therapist,
        title="Just for you",
        summary="A short one",
        stage="understanding",
        body=CUSTOM_BODY,
        reflection="What did you notice?",
    )
    assert CUSTOM_BODY in c.get(reverse("practices:lesson", args=[f"custom-{custom.pk}"])).content.decode()

    stored = _everything(connection)
    assert b"lesson_body" in stored and b"crisis_lines" in stored
    assert b"unique-words-7341" not in stored and b"failure" not in stored
    assert b"unique-words-5528" not in stored
    assert personas.client.email.encode() not in stored and personas.client.name.encode() not in stored
    connection.flushdb()


@override_settings(CACHES={"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}})
def test_pages_work_with_no_cache_at_all(personas, as_user):
    c = as_user(personas.client)
    slug = next(iter(course()))
    assert c.get(reverse("practices:lesson", args=[slug])).status_code == 200
    assert c.get(reverse("safety:need_help")).status_code == 200
