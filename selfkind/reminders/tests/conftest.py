from __future__ import annotations

from datetime import date

import pytest

from selfkind.care.models import Homework


@pytest.fixture
def london(personas):
    """The client, in Europe/London, with a daily thought-record homework from early in 2026."""
    client = personas.client
    client.time_zone = "Europe/London"
    client.save(update_fields=["time_zone"])
    Homework.objects.create(
        therapist=personas.therapist,
        client=client,
        kind=Homework.Kind.THOUGHT_RECORD,
        frequency=Homework.Frequency.DAILY,
        starts_on=date(2026, 1, 1),
    )
    return client


class Boom(Exception):
    pass


@pytest.fixture
def failing_mailer(monkeypatch):
    """Make the mail backend raise on every send until `failing_mailer.stop()` is called."""
    from django.core.mail.backends.locmem import EmailBackend

    original = EmailBackend.send_messages
    state = {"failing": True}

    def send_messages(self, messages):
        if state["failing"]:
            raise Boom("mail server said no (421 try again later)")
        return original(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", send_messages)

    class Control:
        @staticmethod
        def stop() -> None:
            state["failing"] = False

    return Control
