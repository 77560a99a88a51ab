"""The hot pages keep their query counts: each fix found by profiling (make bench) is held here."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _tables(queries: list[dict], table: str) -> int:
    return sum(1 for q in queries if f'FROM "{table}"' in q["sql"])


def test_today_asks_the_consent_question_once_per_request(personas, as_user):
    c = as_user(personas.client)
    c.get(reverse("care:today"))  # warm: session and caches
    with CaptureQueriesContext(connection) as queries:
        response = c.get(reverse("care:today"))
    assert response.status_code == 200
    # The consent gate and the page share one answer: one read of the consents, not two.
    assert _tables(queries.captured_queries, "accounts_consent") == 1
    assert len(queries.captured_queries) <= 26
