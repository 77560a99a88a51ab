"""Production smoke test (CI): sign in with password and TOTP through `selfkind serve` in production.

Skipped unless SELFKIND_SMOKE_URL points at a running server (`.ci/run` starts one on PostgreSQL with
SELFKIND_ENV=production and creates the therapist). The browser sends `X-Forwarded-Proto: https` on every
request, as the reverse proxy would, so secure cookies, the HTTPS redirect and CSRF work as in production.
"""

from __future__ import annotations

import os
import urllib.request

import pytest

from tests.browser.helpers import sign_in

URL = os.environ.get("SELFKIND_SMOKE_URL", "").rstrip("/")
pytestmark = pytest.mark.skipif(not URL, reason="SELFKIND_SMOKE_URL is not set (CI's production smoke test sets it)")


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "extra_http_headers": {"X-Forwarded-Proto": "https"}}


def test_healthz_answers_without_the_proxy_header():
    with urllib.request.urlopen(URL + "/healthz", timeout=10) as response:  # noqa: S310 (loopback)
        assert response.status == 200
        assert b'"database": "ok"' in response.read()


def test_a_therapist_signs_in_with_password_and_totp_through_the_proxy(page, console_errors):
    response = page.goto(URL + "/accounts/login/")
    assert response is not None and response.status == 200
    assert response.headers.get("strict-transport-security", "").startswith("max-age=")
    sign_in(
        page,
        URL,
        os.environ["SELFKIND_SMOKE_EMAIL"],
        os.environ["SELFKIND_SMOKE_PASSWORD"],
        totp_secret=os.environ["SELFKIND_SMOKE_TOTP"],
    )
    page.get_by_role("heading", name="Your caseload").wait_for()
    cookies = {cookie["name"]: cookie for cookie in page.context.cookies()}
    assert cookies["sessionid"]["secure"] and cookies["sessionid"]["httpOnly"]
    assert console_errors == []
