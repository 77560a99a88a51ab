"""No client's words in any log: a whole journey through the real views with every logger at DEBUG.

The client writes a thought record, a note in crisis language and a lesson reflection (and makes a
mistake in a form); the therapist reads them, the alert and its routing run, and the therapist answers.
Every log record is captured under the product's logging settings with the root logger at DEBUG (as
LOG_LEVEL=DEBUG would set it): django.request, django.security, gunicorn's, Selfkind's own and any
library's. None may hold the words people typed.
"""

from __future__ import annotations

import copy
import logging

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils.log import configure_logging

from selfkind.journal.models import Note, ThoughtRecord
from selfkind.practices.lessons import course
from selfkind.safety.models import Alert

pytestmark = pytest.mark.django_db

# Made-up words that appear nowhere in Selfkind, one set for each thing typed.
SITUATION = "Quillmarrow presentation went badly"
THOUGHT = "Everyone at Brantlewick thinks I am a useless fraud"
EVIDENCE = "the Vesperholm client emailed twice"
FRIEND = "Dear Ottilune, one slip is not the whole of you"
KINDNESS = "Gentle Saffrencroft, this is hard"
CRISIS_NOTE = "i've got the tablets lined up for after everyone's asleep, Tormundel knows nothing"
REFLECTION = "Reading this I thought of Grenwhistle and cried a little"
THERAPIST_NOTE = "Phoned Lindqvarra; agreed a safety plan"
WORDS = [
    "Quillmarrow",
    "Brantlewick",
    "useless fraud",
    "Vesperholm",
    "Ottilune",
    "Saffrencroft",
    "tablets lined up",
    "Tormundel",
    "Grenwhistle",
    "Lindqvarra",
]


class Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.lines: list[str] = []
        self.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))

    def emit(self, record: logging.LogRecord) -> None:
        # The formatted line (with any traceback), and the raw arguments in case a handler prints them.
        self.lines.append(self.format(record) + " " + repr(record.args) + " " + repr(getattr(record, "request", "")))


@pytest.fixture
def every_log():
    """Capture every record under the product's own logging settings with LOG_LEVEL=DEBUG."""
    capture = Capture()
    config = copy.deepcopy(settings.LOGGING)
    config["root"]["level"] = "DEBUG"
    configure_logging(settings.LOGGING_CONFIG, config)  # Django's defaults, then the product's settings
    logging.getLogger().addHandler(capture)
    for name in list(logging.root.manager.loggerDict):  # loggers that do not propagate still reach the capture
        logger = logging.getLogger(name)
        if not logger.propagate:
            logger.addHandler(capture)
    try:
        yield capture
    finally:
        for name in ["", *logging.root.manager.loggerDict]:
            logger = logging.getLogger(name)
            if capture in logger.handlers:
                logger.removeHandler(capture)
        configure_logging(settings.LOGGING_CONFIG, settings.LOGGING)


def test_a_whole_journey_leaves_no_clients_words_in_any_log(
    personas, as_user, every_log, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        c = as_user(personas.client)
        c.post(reverse("journal:new_thought"))
        record = ThoughtRecord.objects.latest("pk")
        steps = [
            ("situation", {"situation": SITUATION}),
            ("thought", {"thought": THOUGHT}),
            ("emotions", {"emotion-0": "shame", "intensity-0": "80"}),
            ("belief", {"belief": "150"}),  # a mistake first: the form comes back with the words kept
            ("belief", {"belief": "90"}),
            ("traps", {"traps": ["labeling"]}),
            ("evidence", {"evidence_for": EVIDENCE, "evidence_against": "I delivered the rest"}),
            ("friend", {"friend_response": FRIEND}),
            ("compassion", {"kindness": KINDNESS, "common_humanity": "All people slip", "mindfulness": "Shame"}),
            ("rerate", {"after-0": "40", "belief": "40"}),
        ]
        for step, data in steps:
            c.post(reverse("journal:thought_step", args=[record.pk, step]), {**data, "go": "next"})
        c.post(reverse("journal:thought_finish", args=[record.pk]))
        response = c.post(reverse("journal:notes"), {"text": CRISIS_NOTE})
        assert response.status_code == 302 and reverse("safety:crisis") in response["Location"]
        c.get(response["Location"])
        slug = next(iter(course()))
        c.post(reverse("practices:lesson", args=[slug]), {"text": REFLECTION})
        c.get(reverse("care:today"))
        c.get(reverse("journal:thought", args=[record.pk]))
        c.get(reverse("journal:notes"))

        t = as_user(personas.therapist)
        for url in (
            reverse("care:caseload"),
            reverse("care:client", args=[personas.client.pk]),
            reverse("care:client_thoughts", args=[personas.client.pk]),
            reverse("safety:alerts"),
            reverse("care:session_prep", args=[personas.client.pk]),
        ):
            assert t.get(url).status_code in (200, 302), url
        alert = Alert.objects.get()
        t.get(reverse("safety:alert", args=[alert.pk]))
        t.post(reverse("safety:alert", args=[alert.pk]), {"note": THERAPIST_NOTE})
        as_user(personas.other_clinic_therapist).get(reverse("journal:thought", args=[record.pk]))  # 404, logged

    # The journey really happened: the words are stored, and the logs did record it.
    record.refresh_from_db()
    assert record.thought == THOUGHT and record.friend_response == FRIEND
    assert Note.objects.get(client=personas.client).text == CRISIS_NOTE
    alert.refresh_from_db()
    assert not alert.is_open
    logs = "\n".join(every_log.lines)
    logging.getLogger("selfkind.probe").debug("probe")
    assert "selfkind.probe DEBUG probe" in every_log.lines[-1]  # the capture sees DEBUG records
    assert "Not Found" in logs  # django.request ran
    leaked = [word for word in WORDS if word.lower() in logs.lower()]
    assert leaked == [], f"client or therapist words in the logs: {leaked}"
