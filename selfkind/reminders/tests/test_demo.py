from __future__ import annotations

import random

import pytest

from selfkind.reminders import demo, services
from selfkind.reminders.models import Delivery, ReminderPreference

pytestmark = pytest.mark.django_db


def test_the_demo_gives_settings_a_history_and_a_live_feed_and_is_idempotent(personas, as_user):
    demo.build(personas.client, personas.therapist, random.Random(1))
    demo.build(personas.client, personas.therapist, random.Random(1))
    assert ReminderPreference.objects.filter(client=personas.client).count() == 4
    history = Delivery.objects.filter(client=personas.client, state__in=["sent", "skipped"])
    assert history.count() == 14
    assert all(d.attempt_log.count() == 1 for d in history)
    feed = services.live_feed(personas.client)
    assert feed is not None and services.live_feed(personas.therapist) is not None
    page = as_user(personas.client).get("/reminders/").content.decode()
    assert f"/calendar/{feed.token}.ics" in page
