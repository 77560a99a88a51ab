from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from selfkind.care import helps
from selfkind.practices.content import library
from selfkind.practices.models import PracticeSession

pytestmark = pytest.mark.django_db


def _session(client, slug, distress, kindness, minutes=5):
    start = timezone.now() - timedelta(days=1)
    return PracticeSession.objects.create(
        client=client,
        practice=slug,
        variant=library()[slug].variants[0].key,
        started_at=start,
        completed_at=start + timedelta(minutes=minutes),
        duration_seconds=minutes * 60,
        distress_before=distress[0],
        distress_after=distress[1],
        kindness_before=kindness[0],
        kindness_after=kindness[1],
    )


def test_the_median_changes_per_practice(personas):
    for d, k in (((8, 4), (2, 5)), ((6, 5), (3, 3)), ((7, 2), (4, 8))):
        _session(personas.client, "paced-breathing", d, k)
    _session(personas.client, "body-scan", (5, 5), (None, None))
    rows = {r.slug: r for r in helps.effects(personas.client, library())}
    breathing = rows["paced-breathing"]
    assert (breathing.times, breathing.minutes) == (3, 15)
    assert breathing.median_distress_change == -4  # changes -4, -1, -5
    assert breathing.median_kindness_change == 3  # changes 3, 0, 4
    assert rows["body-scan"].median_distress_change == 0 and rows["body-scan"].median_kindness_change is None
    assert list(rows) == ["paced-breathing", "body-scan"]  # most often first


def test_what_helps_page_shows_the_chart_and_honest_words(personas, as_user):
    _session(personas.client, "paced-breathing", (8, 4), (2, 5))
    body = as_user(personas.client).get(reverse("care:what_helps")).content.decode()
    assert 'data-testid="helps-chart"' in body and "<svg" in body and "not proof" in body
    assert "3 practices this week" not in as_user(personas.client).get("/").content.decode()
    assert "1 practice this week" in as_user(personas.client).get("/").content.decode()
