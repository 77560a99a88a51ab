"""Throttling, inactivity expiry that keeps typed words, CSP, and encryption seen from the outside."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from conftest import PASSWORD, sign_in
from selfkind.accounts import throttle
from selfkind.accounts.models import KeptForm

pytestmark = pytest.mark.django_db


def _try(client, email, password, ip="198.51.100.7"):
    return client.post(reverse("accounts:login"), {"username": email, "password": password}, REMOTE_ADDR=ip)


def test_repeated_failures_slow_then_lock_the_pair_kindly(personas, client):
    for _ in range(throttle.PAIR_SLOW_AFTER):
        assert _try(client, personas.client.email, "wrong").status_code == 200
    response = _try(client, personas.client.email, PASSWORD)  # right password, but paused
    assert response.status_code == 429
    body = response.content.decode()
    assert "paused" in body and 'href="/help/"' in body and "not your fault" in body
    assert f'value="{personas.client.email}"' in body
    with time_machine.travel(timezone.now() + timedelta(seconds=20)):
        assert _try(client, personas.client.email, PASSWORD).status_code == 302


def test_the_pair_locks_after_many_failures(personas, client):
    start = timezone.now()
    for n in range(throttle.PAIR_LOCK_AFTER):
        with time_machine.travel(start + timedelta(minutes=n * 0.01) + timedelta(seconds=15 * 2**n)):
            _try(client, personas.client.email, "wrong")
    verdict = throttle.check(personas.client.email, "198.51.100.7")
    assert not verdict.allowed and verdict.wait_seconds > 10 * 60


def test_lockout_never_applies_per_account_alone(personas, client):
    for _ in range(throttle.PAIR_LOCK_AFTER + 2):
        _try(client, personas.client.email, "wrong", ip="203.0.113.66")  # an attacker's address
    assert not throttle.check(personas.client.email, "203.0.113.66").allowed
    # The client, from their own address, signs in at once.
    assert _try(client, personas.client.email, PASSWORD, ip="192.0.2.10").status_code == 302


def test_an_address_spraying_many_accounts_is_locked(personas, client):
    for n in range(throttle.ADDRESS_LOCK_AFTER):
        _try(client, f"guess{n}@test.example", "wrong", ip="203.0.113.99")
    assert _try(client, personas.client.email, PASSWORD, ip="203.0.113.99").status_code == 429
    assert _try(client, personas.client.email, PASSWORD, ip="192.0.2.11").status_code == 302


def test_the_throttle_table_holds_no_emails_or_addresses(personas, client):
    _try(client, personas.client.email, "wrong")
    from selfkind.accounts.models import LoginThrottle

    keys = " ".join(LoginThrottle.objects.values_list("key", flat=True))
    assert "client@" not in keys and "198.51" not in keys


def test_staff_sessions_expire_sooner_than_clients(personas, client, settings):
    settings.SELFKIND_IDLE_SECONDS_STAFF = 600
    settings.SELFKIND_IDLE_SECONDS_CLIENT = 3600
    sign_in(client, personas.therapist)
    assert client.get("/").status_code == 200
    with time_machine.travel(timezone.now() + timedelta(minutes=15)):
        response = client.get("/")
        assert response.status_code == 302 and reverse("accounts:login") in response["Location"]
    client.logout()
    sign_in(client, personas.client)
    client.get("/")
    with time_machine.travel(timezone.now() + timedelta(minutes=15)):
        assert client.get("/").status_code == 200


def test_a_form_sent_after_expiry_is_kept_and_comes_back(personas, client, settings):
    settings.SELFKIND_IDLE_SECONDS_STAFF = 600
    sign_in(client, personas.therapist)
    page = reverse("care:client", args=[personas.client.pk])
    client.get(page)
    with time_machine.travel(timezone.now() + timedelta(minutes=30)):
        response = client.post(
            reverse("care:add_appointment", args=[personas.client.pk]),
            {"starts_at": "2031-03-04T10:30", "duration_minutes": "45"},
            HTTP_REFERER="http://testserver" + page,
        )
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))
        assert "next=" + page.replace("/", "%2F") in response["Location"]
        kept = KeptForm.objects.get()
        assert "2031-03-04" in kept.data  # readable through the app …
        with connection.cursor() as cursor:  # … but never stored in plain text
            cursor.execute("SELECT data FROM accounts_keptform")
            assert "2031" not in cursor.fetchone()[0]
        sign_in(client, personas.therapist)
        body = client.get(page).content.decode()
        assert 'value="2031-03-04T10:30"' in body and 'value="45"' in body
        assert not KeptForm.objects.exists()  # given back once
        assert 'value="2031-03-04T10:30"' not in client.get(page).content.decode()


def test_kept_forms_go_only_to_their_owner(personas, client, settings):
    settings.SELFKIND_IDLE_SECONDS_STAFF = 600
    sign_in(client, personas.therapist)
    page = reverse("care:client", args=[personas.client.pk])
    client.get(page)
    with time_machine.travel(timezone.now() + timedelta(minutes=30)):
        client.post(reverse("care:add_appointment", args=[personas.client.pk]), {"starts_at": "2031-03-04T10:30"})
        sign_in(client, personas.other_therapist)
        client.get(page)
    assert KeptForm.objects.count() == 1


def test_every_page_carries_a_strict_csp_with_a_nonce(personas, as_user):
    for user, url in [(None, "/"), (None, "/help/"), (personas.client, "/"), (personas.therapist, "/")]:
        response = as_user(user).get(url)
        policy = response["Content-Security-Policy"]
        assert "default-src 'self'" in policy and "object-src 'none'" in policy
        assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy
        nonce = re.search(r"'nonce-([^']+)'", policy).group(1)
        body = response.content.decode()
        assert f'nonce="{nonce}"' in body
        assert "style=" not in body  # no inline styles anywhere
        for tag in re.findall(r"<script[^>]*>", body):
            assert f'nonce="{nonce}"' in tag


def test_production_cookies_and_hsts(client, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_SSL_REDIRECT = False
    response = client.get("/help/", secure=True)
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")
