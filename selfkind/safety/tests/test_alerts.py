from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from selfkind.accounts import services as account_services
from selfkind.accounts.models import CareRelationship
from selfkind.journal.models import Note
from selfkind.journal.services import save_note
from selfkind.safety import services
from selfkind.safety.models import Alert
from selfkind.safety.routing import route_for

pytestmark = pytest.mark.django_db

URGENT = "i've got the tablets lined up for after everyone's asleep"
CONCERN = "i keep wishing i could just not exist for a while"
ORDINARY = "I'm a disaster at everything and I hate how I handled the meeting"


def _revoke(personas):
    rel = CareRelationship.objects.get(client=personas.client, status="active")
    account_services.revoke_consent(client=personas.client, relationship=rel)


@pytest.mark.parametrize(
    ("therapist", "private", "notices", "expected"),
    [
        (True, False, True, ("therapist", True)),
        (True, True, True, ("therapist", False)),
        (False, False, True, ("admin", False)),
        (False, True, True, ("admin", False)),
        (True, True, False, ("nobody", False)),
        (True, False, False, ("therapist", True)),
    ],
)
def test_routing_rules(therapist, private, notices, expected):
    route = route_for(has_consenting_therapist=therapist, private_entry=private, private_notices_on=notices)
    assert (route.reader_role, route.words_visible) == expected


def test_an_urgent_note_alerts_the_consenting_therapist(personas, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        note, outcome = save_note(client=personas.client, text=URGENT, private=False)
    assert outcome.level == "urgent"
    alert = Alert.objects.get()
    assert alert.routed_to == personas.therapist and alert.source_type == "note" and alert.source_id == str(note.pk)
    assert alert.rule_ids and "tablets" in alert.reasons
    assert [m.to for m in mail.outbox] == [[personas.therapist.email]]
    message = mail.outbox[0]
    assert message.subject == "You have an urgent alert in Selfkind"
    assert personas.client.name not in message.body + message.subject
    assert "tablets" not in message.body


def test_ordinary_self_criticism_raises_nothing(personas):
    _note, outcome = save_note(client=personas.client, text=ORDINARY, private=False)
    assert not outcome.is_risk
    assert not Alert.objects.exists()


def test_the_text_is_saved_even_when_screening_fails(personas, monkeypatch):
    def broken(text):
        raise RuntimeError("screening broke")

    monkeypatch.setattr("selfkind.safety.rules.screen", broken)
    with pytest.raises(RuntimeError):
        save_note(client=personas.client, text=CONCERN, private=False)
    assert Note.objects.get().text == CONCERN


def test_with_no_consenting_therapist_the_clinic_admin_reads_it_without_words(personas, as_user):
    _revoke(personas)
    _note, outcome = save_note(client=personas.client, text=CONCERN, private=False)
    alert = Alert.objects.get()
    assert outcome.reader_role == "admin" and alert.routed_to == personas.clinic_admin
    page = as_user(personas.clinic_admin).get(reverse("safety:alert", args=[alert.pk])).content.decode()
    assert personas.client.name in page and alert.rule_ids[0] in page
    assert "not exist" not in page
    crisis = as_user(personas.client).get(reverse("safety:crisis") + f"?alert={alert.pk}").content.decode()
    assert "clinic&#x27;s administrator" in crisis or "clinic's administrator" in crisis


def test_after_consent_is_withdrawn_the_therapist_keeps_the_history_without_words(personas, as_user):
    save_note(client=personas.client, text=CONCERN, private=False)
    alert = Alert.objects.get()
    c = as_user(personas.therapist)
    assert "not exist" in c.get(reverse("safety:alert", args=[alert.pk])).content.decode()
    _revoke(personas)
    page = c.get(reverse("safety:alert", args=[alert.pk]))
    assert page.status_code == 200
    body = page.content.decode()
    assert "Consent withdrawn" in body and alert.rule_ids[0] in body and "not exist" not in body
    client_page = c.get(reverse("care:client", args=[personas.client.pk])).content.decode()
    assert alert.rule_ids[0] in client_page and "not exist" not in client_page


def test_a_private_entry_tells_the_therapist_only_that_a_signal_was_found(personas, as_user):
    _note, outcome = save_note(client=personas.client, text=URGENT, private=True)
    alert = Alert.objects.get()
    assert outcome.is_risk and alert.from_private_entry and alert.routed_to == personas.therapist
    body = as_user(personas.therapist).get(reverse("safety:alert", args=[alert.pk])).content.decode()
    assert "tablets" not in body and "private entry" in body
    client_page = as_user(personas.therapist).get(reverse("care:client", args=[personas.client.pk])).content.decode()
    assert "tablets" not in client_page


def test_a_clinic_can_turn_private_notices_off_and_the_client_still_sees_help(personas, as_user):
    personas.clinic.private_risk_notices = False
    personas.clinic.private_risk_notices_off_reason = "Decided by the clinical board"
    personas.clinic.save()
    _note, outcome = save_note(client=personas.client, text=URGENT, private=True)
    assert outcome.is_risk and outcome.alert is None and not Alert.objects.exists()
    body = as_user(personas.client).get(reverse("safety:crisis")).content.decode()
    assert "nobody else will be told" in body and "999" in body


def test_saving_again_adds_no_duplicate_but_a_higher_level_does(personas):
    note, _ = save_note(client=personas.client, text=CONCERN, private=False)
    save_note(client=personas.client, note=note, text=CONCERN + " still", private=False)
    assert Alert.objects.count() == 1
    save_note(client=personas.client, note=note, text=URGENT, private=False)
    assert sorted(Alert.objects.values_list("level", flat=True)) == ["concern", "urgent"]
    save_note(client=personas.client, note=note, text=ORDINARY, private=False)  # a correction
    assert Alert.objects.open().count() == 2  # never withdrawn


def test_unacknowledged_urgent_alerts_escalate_to_the_admin(personas, django_capture_on_commit_callbacks):
    save_note(client=personas.client, text=URGENT, private=False)
    assert services.escalate_unacknowledged() == 0
    with time_machine.travel(timezone.now() + timedelta(hours=3, minutes=59)):
        assert services.escalate_unacknowledged() == 0
    with time_machine.travel(timezone.now() + timedelta(hours=4, minutes=1)):
        with django_capture_on_commit_callbacks(execute=True):
            assert services.escalate_unacknowledged() == 1
        assert services.escalate_unacknowledged() == 0  # once
    alert = Alert.objects.get()
    assert alert.escalated_to == personas.clinic_admin and alert.is_open
    assert mail.outbox[-1].to == [personas.clinic_admin.email]


def test_escalation_follows_the_clinic_setting_and_skips_acknowledged(personas):
    personas.clinic.urgent_escalation_hours = 1
    personas.clinic.save()
    save_note(client=personas.client, text=URGENT, private=False)
    save_note(client=personas.client, text=URGENT + " again", private=False)
    first, second = Alert.objects.order_by("pk")
    services.acknowledge(alert=first, by=personas.therapist, note="Called, safe")
    with time_machine.travel(timezone.now() + timedelta(hours=1, minutes=5)):
        assert services.escalate_unacknowledged() == 1
    second.refresh_from_db()
    first.refresh_from_db()
    assert second.escalated_at and not first.escalated_at


def test_concern_alerts_do_not_escalate(personas):
    save_note(client=personas.client, text=CONCERN, private=False)
    with time_machine.travel(timezone.now() + timedelta(days=2)):
        assert services.escalate_unacknowledged() == 0


def test_acknowledging_needs_a_note_and_keeps_the_alert(personas, as_user):
    save_note(client=personas.client, text=URGENT, private=False)
    alert = Alert.objects.get()
    c = as_user(personas.therapist)
    response = c.post(reverse("safety:alert", args=[alert.pk]), {"note": ""})
    assert response.status_code == 200
    alert.refresh_from_db()
    assert alert.is_open
    c.post(reverse("safety:alert", args=[alert.pk]), {"note": "Phoned; agreed a safety plan"})
    alert.refresh_from_db()
    assert not alert.is_open and alert.acknowledged_by == personas.therapist
    assert alert.acknowledgement_note == "Phoned; agreed a safety plan"
    with pytest.raises(PermissionError):
        alert.delete()


def test_the_clients_choice_never_closes_the_alert(personas, as_user, django_capture_on_commit_callbacks):
    save_note(client=personas.client, text=URGENT, private=False)
    alert = Alert.objects.get()
    c = as_user(personas.client)
    with django_capture_on_commit_callbacks(execute=True):
        c.post(reverse("safety:crisis_choice", args=[alert.pk]), {"choice": "tell_therapist"})
    alert.refresh_from_db()
    assert alert.client_choice == "tell_therapist" and alert.is_open
    c.post(reverse("safety:crisis_choice", args=[alert.pk]), {"choice": "safe_now"})
    alert.refresh_from_db()
    assert alert.client_choice == "safe_now" and alert.is_open


def test_a_risky_save_shows_the_crisis_screen_at_once(personas, as_user):
    c = as_user(personas.client)
    response = c.post(reverse("journal:notes"), {"text": URGENT})
    alert = Alert.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("safety:crisis") + f"?alert={alert.pk}"
    body = c.get(response["Location"]).content.decode()
    emergency = body.index("999")
    assert emergency < body.index("116 123")  # emergency numbers first
    assert "not an emergency service" in body and "Thea Therapist will see an alert" in body
    assert "I&#x27;m safe right now" in body or "I'm safe right now" in body


def test_risk_answers_raise_the_same_alert(personas):
    outcome = services.raise_risk_answer_alert(
        client=personas.client, source_type="phq9", source_id=7, item="phq9_item9", value=1
    )
    assert outcome.level == "concern" and outcome.alert.rule_ids == ["phq9_item9_answered_1"]
    worse = services.raise_risk_answer_alert(
        client=personas.client, source_type="phq9", source_id=7, item="phq9_item9", value=3
    )
    assert worse.level == "urgent"
    assert Alert.objects.count() == 2


def test_the_caseload_shows_open_alerts_first(personas, as_user):
    save_note(client=personas.client, text=URGENT, private=False)
    body = as_user(personas.therapist).get("/").content.decode()
    assert body.index('data-testid="open-alerts"') < body.index('data-testid="caseload"')


def test_other_staff_cannot_read_an_alert(personas, as_user):
    save_note(client=personas.client, text=URGENT, private=False)
    alert = Alert.objects.get()
    for user in (personas.other_therapist, personas.other_clinic_therapist, personas.clinic_admin, personas.client):
        assert as_user(user).get(reverse("safety:alert", args=[alert.pk])).status_code == 404
