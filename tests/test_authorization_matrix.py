"""Every URL, requested as every persona, gives the expected outcome.

The table must name every URL pattern: adding a URL without deciding who may reach it fails here.
Removing any object-level check (the access door, a role gate, an ownership filter) changes some
persona's outcome and fails here too. Each entry also checks the wrong HTTP method.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from conftest import sign_in
from selfkind.accounts import services
from selfkind.accounts.models import Appointment, CareRelationship

pytestmark = pytest.mark.django_db

PERSONAS = [
    "anonymous",
    "client",
    "other_client",
    "therapist",
    "other_therapist",
    "other_clinic_therapist",
    "clinic_admin",
    "other_clinic_admin",
]
LOGIN = "login"  # a redirect to the sign-in page
STAFF = ["therapist", "other_therapist", "other_clinic_therapist", "clinic_admin", "other_clinic_admin"]
SIGNED_IN = [p for p in PERSONAS if p != "anonymous"]


def outcomes(default: Any, **special: Any) -> dict[str, Any]:
    return {p: special.get(p, default) for p in PERSONAS}


@dataclass
class Entry:
    method: str
    expect: dict[str, Any]
    args: str = ""  # which objects the URL names (see _args)
    data: dict[str, str] = field(default_factory=dict)
    wrong_method: str | None = None  # the method that must get 405 (None: both are accepted)


ONLY_THERAPIST = outcomes(404, anonymous=LOGIN, therapist=200)
ONLY_ADMIN = outcomes(404, anonymous=LOGIN, clinic_admin=200, other_clinic_admin=200)
ONLY_CLIENT = outcomes(404, anonymous=LOGIN, client=200, other_client=200)

MATRIX: dict[str, Entry] = {
    "accounts:login": Entry("GET", outcomes(302, anonymous=200), wrong_method=None),
    "accounts:logout": Entry("POST", outcomes(LOGIN), wrong_method="GET"),
    "accounts:logout_everywhere": Entry("POST", outcomes(LOGIN), wrong_method="GET"),
    "accounts:password_reset": Entry("GET", outcomes(200)),
    "accounts:password_reset_done": Entry("GET", outcomes(200)),
    "accounts:password_reset_confirm": Entry("GET", outcomes(200), args="bad_reset_token"),
    "accounts:password_reset_complete": Entry("GET", outcomes(200)),
    "accounts:two_factor": Entry("GET", outcomes(302, anonymous=LOGIN, client=200, other_client=200)),
    "accounts:recovery_codes": Entry(
        "POST", outcomes(200, anonymous=LOGIN, client=404, other_client=404), wrong_method="GET"
    ),
    # Nobody here has turned two-step sign-in on: test_twofactor covers the way through.
    "accounts:two_factor_off": Entry("POST", outcomes(404, anonymous=LOGIN)),
    "accounts:accept_invitation": Entry(
        "GET", outcomes(409, anonymous=200, client=200, other_client=200), args="invitation_token"
    ),
    "accounts:consent": Entry("GET", outcomes(404, anonymous=LOGIN, client=302, other_client=302)),
    "accounts:sharing": Entry("GET", ONLY_CLIENT),
    "rights:my_data": Entry("GET", ONLY_CLIENT, wrong_method="POST"),
    "rights:export": Entry("GET", ONLY_CLIENT, wrong_method="POST"),
    "rights:delete": Entry("GET", ONLY_CLIENT),
    "rights:cancel": Entry("POST", outcomes(404, anonymous=LOGIN, client=302, other_client=302), wrong_method="GET"),
    "accounts:revoke": Entry(
        "POST", outcomes(404, anonymous=LOGIN, client=302), args="relationship", wrong_method="GET"
    ),
    "accounts:invitations": Entry(
        "GET", outcomes(404, anonymous=LOGIN, therapist=200, other_therapist=200, other_clinic_therapist=200)
    ),
    "accounts:cancel_invitation": Entry(
        "POST", outcomes(404, anonymous=LOGIN, therapist=302), args="invitation", wrong_method="GET"
    ),
    "accounts:clinic": Entry("GET", ONLY_ADMIN),
    "accounts:clinic_settings": Entry("GET", ONLY_ADMIN),
    "accounts:break_glass": Entry("GET", outcomes(404, anonymous=LOGIN, clinic_admin=200), args="client"),
    "safety:need_help": Entry("GET", outcomes(200), wrong_method="POST"),
    "safety:crisis": Entry("GET", ONLY_CLIENT, wrong_method="POST"),
    "safety:crisis_choice": Entry(
        "POST",
        outcomes(404, anonymous=LOGIN, client=302),
        args="alert",
        data={"choice": "safe_now"},
        wrong_method="GET",
    ),
    "safety:alerts": Entry("GET", outcomes(200, anonymous=LOGIN, client=404, other_client=404), wrong_method="POST"),
    "safety:alert": Entry("GET", outcomes(404, anonymous=LOGIN, therapist=200), args="alert"),
    "measures:index": Entry("GET", ONLY_CLIENT, wrong_method="POST"),
    "measures:clinic_instruments": Entry("GET", ONLY_ADMIN),
    "measures:start": Entry(
        "POST", outcomes(404, anonymous=LOGIN, client=302, other_client=302), args="phq9", wrong_method="GET"
    ),
    "measures:question": Entry("GET", outcomes(404, anonymous=LOGIN, client=200), args="draft"),
    "measures:review": Entry("GET", outcomes(404, anonymous=LOGIN, client=200), args="draft_only"),
    "measures:result": Entry("GET", outcomes(404, anonymous=LOGIN, client=200), args="submitted", wrong_method="POST"),
    "measures:correct": Entry("POST", outcomes(404, anonymous=LOGIN, client=302), args="submitted", wrong_method="GET"),
    "care:progress": Entry("GET", ONLY_CLIENT, wrong_method="POST"),
    "care:client_measures": Entry("GET", outcomes(404, anonymous=LOGIN, client=302, therapist=200), args="client"),
    "practices:index": Entry("GET", ONLY_CLIENT, wrong_method="POST"),
    "practices:log": Entry("GET", ONLY_CLIENT, wrong_method="POST"),
    "practices:custom": Entry("GET", ONLY_THERAPIST | {"other_therapist": 200, "other_clinic_therapist": 200}),
    "practices:detail": Entry("GET", ONLY_CLIENT, args="practice_slug"),
    "practices:play": Entry(
        "GET", outcomes(404, anonymous=LOGIN, client=200), args="practice_session", wrong_method="POST"
    ),
    "practices:write": Entry(
        "POST",
        outcomes(404, anonymous=LOGIN, client=302),
        args="practice_write",
        data={"text": "x"},
        wrong_method="GET",
    ),
    "practices:finish": Entry(
        "POST", outcomes(404, anonymous=LOGIN, client=302), args="practice_session", wrong_method="GET"
    ),
    "care:client_practices": Entry("GET", outcomes(404, anonymous=LOGIN, client=302, therapist=200), args="client"),
    "practices:lessons": Entry("GET", ONLY_CLIENT, wrong_method="POST"),
    "practices:lesson": Entry("GET", ONLY_CLIENT, args="lesson_slug"),
    "practices:custom_lessons": Entry("GET", ONLY_THERAPIST | {"other_therapist": 200, "other_clinic_therapist": 200}),
    "journal:affirmations": Entry("GET", ONLY_CLIENT),
    "journal:edit_affirmation": Entry("GET", outcomes(404, anonymous=LOGIN, client=200), args="affirmation"),
    "journal:affirmation_action": Entry(
        "POST", outcomes(404, anonymous=LOGIN, client=302), args="affirmation_action", wrong_method="GET"
    ),
    "journal:affirmation_from_record": Entry(
        "POST", outcomes(404, anonymous=LOGIN, client=302), args="record", wrong_method="GET"
    ),
    "care:what_helps": Entry("GET", ONLY_CLIENT, wrong_method="POST"),
    "care:propose_affirmation": Entry(
        "POST", outcomes(404, anonymous=LOGIN, therapist=302), args="client", data={"text": "x"}, wrong_method="GET"
    ),
    "journal:notes": Entry("GET", ONLY_CLIENT),
    "journal:thoughts": Entry("GET", ONLY_CLIENT, wrong_method="POST"),
    "journal:new_thought": Entry(
        "POST", outcomes(404, anonymous=LOGIN, client=302, other_client=302), wrong_method="GET"
    ),
    "journal:thought_trends": Entry("GET", ONLY_CLIENT, wrong_method="POST"),
    "journal:thought": Entry("GET", outcomes(404, anonymous=LOGIN, client=200), args="record", wrong_method="POST"),
    "journal:thought_finish": Entry("GET", outcomes(404, anonymous=LOGIN, client=200), args="record"),
    "journal:thought_flag": Entry(
        "POST", outcomes(404, anonymous=LOGIN, client=302), args="record", data={"flagged": "yes"}, wrong_method="GET"
    ),
    "journal:thought_step": Entry("GET", outcomes(404, anonymous=LOGIN, client=200), args="record_step"),
    "journal:thought_resume": Entry(
        "GET", outcomes(404, anonymous=LOGIN, client=302), args="record", wrong_method="POST"
    ),
    "care:client_thoughts": Entry("GET", outcomes(404, anonymous=LOGIN, client=302, therapist=200), args="client"),
    "journal:edit_note": Entry("GET", outcomes(404, anonymous=LOGIN, client=200), args="note"),
    "care:home": Entry("GET", outcomes(200, clinic_admin=302, other_clinic_admin=302), wrong_method="POST"),
    "care:today": Entry("GET", ONLY_CLIENT),
    "care:caseload": Entry(
        "GET", outcomes(404, anonymous=LOGIN, therapist=200, other_therapist=200, other_clinic_therapist=200)
    ),
    "care:client": Entry(
        "GET", outcomes(404, anonymous=LOGIN, client=302, therapist=200), args="client", wrong_method="POST"
    ),
    "care:add_appointment": Entry("POST", ONLY_THERAPIST, args="client", wrong_method="GET"),
    "care:appointment_status": Entry(
        "POST",
        outcomes(404, anonymous=LOGIN, therapist=302),
        args="appointment",
        data={"status": "completed"},
        wrong_method="GET",
    ),
    "care:homework": Entry("GET", ONLY_THERAPIST, args="client"),
    "care:stop_homework": Entry(
        "POST", outcomes(404, anonymous=LOGIN, therapist=302), args="homework", wrong_method="GET"
    ),
    "care:set_stage": Entry(
        "POST",
        outcomes(404, anonymous=LOGIN, therapist=302),
        args="client",
        data={"stage": "resilience"},
        wrong_method="GET",
    ),
    "care:notes": Entry("GET", ONLY_THERAPIST, args="client"),
    "care:session_prep": Entry("GET", ONLY_THERAPIST, args="client", wrong_method="POST"),
    "care:report": Entry("GET", ONLY_THERAPIST, args="client", wrong_method="POST"),
    "care:fhir": Entry(
        "GET", outcomes(404, anonymous=LOGIN, client=200, therapist=200), args="client", wrong_method="POST"
    ),
    "care:clinic_outcomes": Entry("GET", ONLY_ADMIN, wrong_method="POST"),
    "care:theme": Entry("POST", outcomes(302), wrong_method="GET"),
    "care:healthz": Entry("GET", outcomes(200), wrong_method="POST"),
    "reminders:index": Entry("GET", ONLY_CLIENT),
    "reminders:feed": Entry(
        "POST",
        outcomes(302, anonymous=LOGIN, clinic_admin=404, other_clinic_admin=404),
        data={"action": "on"},
        wrong_method="GET",
    ),
    # Signed out by design: the token in the email is the credential (GET confirms, POST unsubscribes).
    "reminders:unsubscribe": Entry("GET", outcomes(200), args="unsubscribe_token"),
    "reminders:use_suggestion": Entry(
        "POST", outcomes(404, anonymous=LOGIN, client=302), args="suggestion", wrong_method="GET"
    ),
    "reminders:nudges": Entry("GET", ONLY_CLIENT, wrong_method="POST"),
    "reminders:calendar": Entry(
        "GET",
        outcomes(404, anonymous=LOGIN, therapist=200, other_therapist=200, other_clinic_therapist=200),
        wrong_method="POST",
    ),
    # The private feed address is its own credential, for calendar apps that cannot sign in.
    "reminders:ics": Entry("GET", outcomes(200), args="feed_token", wrong_method="POST"),
    "reminders:nudge": Entry(
        "POST", ONLY_THERAPIST | {"therapist": 302}, args="client", data={"text": "x"}, wrong_method="GET"
    ),
    "reminders:suggest": Entry("POST", ONLY_THERAPIST | {"therapist": 302}, args="homework", wrong_method="GET"),
    "reminders:health": Entry("GET", ONLY_ADMIN, wrong_method="POST"),
}


def _all_url_names() -> set[str]:
    names: set[str] = set()

    def walk(patterns: list[Any], namespace: str | None) -> None:
        for p in patterns:
            if isinstance(p, URLResolver):
                walk(p.url_patterns, p.namespace or namespace)
            elif isinstance(p, URLPattern) and p.name:
                names.add(f"{namespace}:{p.name}" if namespace else p.name)

    walk(get_resolver().url_patterns, None)
    return names


def test_every_url_has_an_entry():
    assert _all_url_names() == set(MATRIX), "Decide who may reach each new URL and add it to MATRIX."


def _args(kind: str, personas: Any) -> list[Any]:
    if kind == "client":
        return [personas.client.pk]
    if kind == "relationship":
        return [CareRelationship.objects.get(client=personas.client, status="active").pk]
    if kind == "invitation":
        inv, _link = services.invite_client(therapist=personas.therapist, name="N", email="n@test.example")
        return [inv.pk]
    if kind == "invitation_token":
        _inv, link = services.invite_client(therapist=personas.therapist, name="N", email="n@test.example")
        return [link.rstrip("/").rsplit("/", 1)[-1]]
    if kind == "appointment":
        from django.utils import timezone

        a = Appointment.objects.create(therapist=personas.therapist, client=personas.client, starts_at=timezone.now())
        return [personas.client.pk, a.pk]
    if kind == "alert":
        from selfkind.safety.services import raise_alert

        outcome = raise_alert(
            client=personas.client,
            level="urgent",
            source_type="test",
            source_id=1,
            rule_ids=["x"],
            reasons="",
            private=False,
        )
        return [outcome.alert.pk]
    if kind == "phq9":
        return ["phq9"]
    if kind in ("draft", "draft_only", "submitted"):
        from selfkind.measures import services as measures

        adm = measures.start(client=personas.client, key="gad7")
        if kind == "submitted":
            for item in range(1, 8):
                measures.save_answer(administration=adm, client=personas.client, item=item, value=1)
            measures.submit(administration=adm, client=personas.client)
        return [adm.pk, 1] if kind == "draft" else [adm.pk]
    if kind in ("record", "record_step"):
        from selfkind.journal.models import ThoughtRecord

        record = ThoughtRecord.objects.create(client=personas.client, thought="a thought")
        return [record.pk, "thought"] if kind == "record_step" else [record.pk]
    if kind == "practice_slug":
        return ["mindful-breathing"]
    if kind in ("practice_session", "practice_write"):
        from selfkind.practices.models import PracticeSession

        session = PracticeSession.objects.create(
            client=personas.client, practice="compassionate-letter", variant="standard"
        )
        return [session.pk, 0] if kind == "practice_write" else [session.pk]
    if kind == "lesson_slug":
        return ["myths"]
    if kind in ("affirmation", "affirmation_action"):
        from selfkind.journal.models import Affirmation

        affirmation = Affirmation.objects.create(client=personas.client, text="I am enough")
        return [affirmation.pk, "star"] if kind == "affirmation_action" else [affirmation.pk]
    if kind == "homework":
        from django.utils import timezone

        from selfkind.care.services import assign_homework

        h = assign_homework(
            therapist=personas.therapist,
            client=personas.client,
            kind="thought_record",
            target="",
            frequency="daily",
            starts_on=timezone.localdate(),
        )
        return [personas.client.pk, h.pk]
    if kind == "note":
        from selfkind.journal.models import Note

        return [Note.objects.create(client=personas.client, text="a note").pk]
    if kind == "unsubscribe_token":
        from selfkind.reminders.services import ensure_preference

        return [ensure_preference(personas.client, "practice").unsubscribe_token]
    if kind == "feed_token":
        from selfkind.reminders.services import switch_on_feed

        return [switch_on_feed(owner=personas.client).token]
    if kind == "suggestion":
        from selfkind.reminders.models import PlanSuggestion

        h = _args("homework", personas)[1]
        s = PlanSuggestion.objects.create(client=personas.client, homework_id=h, kind="practice", times=["18:00"])
        return [s.pk]
    if kind == "bad_reset_token":
        return ["MQ", "not-a-token"]
    return []


def _outcome(response: Any) -> Any:
    if response.status_code == 302 and response["Location"].startswith(reverse("accounts:login")):
        return LOGIN
    return response.status_code


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_each_persona_gets_the_expected_outcome(name, personas, client):
    entry = MATRIX[name]
    got = {}
    for persona in PERSONAS:
        client.logout()
        if persona != "anonymous":
            sign_in(client, getattr(personas, persona))
        url = reverse(name, args=_args(entry.args, personas))
        call = client.get if entry.method == "GET" else client.post
        got[persona] = _outcome(call(url, entry.data))
    assert got == entry.expect
    if entry.wrong_method:
        # As someone who may use the URL, the wrong method is refused and changes nothing.
        allowed = next(p for p in SIGNED_IN if entry.expect[p] != 404)
        client.logout()
        sign_in(client, getattr(personas, allowed))
        wrong = client.get if entry.wrong_method == "GET" else client.post
        assert wrong(reverse(name, args=_args(entry.args, personas))).status_code == 405, name
