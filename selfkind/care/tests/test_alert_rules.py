from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from selfkind.care.tasks import check_inactivity, check_overdue
from selfkind.measures import services as measures
from selfkind.measures.models import MeasureSchedule
from selfkind.safety.models import Alert

pytestmark = pytest.mark.django_db


def _gad7(client, total):
    values = [3] * (total // 3) + [total % 3] + [0] * 7
    adm = measures.start(client=client, key="gad7")
    for item, value in enumerate(values[:7], start=1):
        measures.save_answer(administration=adm, client=client, item=item, value=value)
    return measures.submit(administration=adm, client=client)


def test_deterioration_is_judged_against_the_first_score_of_the_treatment(personas):
    _gad7(personas.client, 6)
    _gad7(personas.client, 9)  # +3: below the reliable change of 4
    assert not Alert.objects.exists()
    _gad7(personas.client, 10)  # +4 from the first score
    alert = Alert.objects.get()
    assert (alert.kind, alert.level, alert.routed_to) == ("deterioration", "notice", personas.therapist)
    assert alert.rule_ids == ["gad7_reliable_deterioration"]
    _gad7(personas.client, 12)
    assert Alert.objects.count() == 1  # no new one while it is open


def test_phq9_uses_its_own_threshold_and_other_measures_raise_none(personas):
    for total in (5, 10):
        adm = measures.start(client=personas.client, key="phq9")
        values = [2] * (total // 2) + [total % 2] + [0] * 9
        for item, value in enumerate(values[:9], start=1):
            measures.save_answer(administration=adm, client=personas.client, item=item, value=value if item < 9 else 0)
        measures.submit(administration=adm, client=personas.client)
    assert not Alert.objects.filter(kind="deterioration").exists()  # +5 < 6


def test_no_activity_for_the_therapists_chosen_days(personas):
    with time_machine.travel(timezone.now() + timedelta(days=6)):
        assert check_inactivity() == 0
    with time_machine.travel(timezone.now() + timedelta(days=8)):
        assert check_inactivity() == 2  # both consenting clients of the personas are quiet
        assert check_inactivity() == 0  # once while open
    alert = Alert.objects.filter(client=personas.client).get()
    assert alert.kind == "inactivity" and alert.rule_ids == ["no_activity_7_days"]


def test_recent_activity_prevents_the_inactivity_notice(personas):
    from selfkind.journal.services import save_note

    with time_machine.travel(timezone.now() + timedelta(days=6)):
        save_note(client=personas.client, text="a quiet week", private=False)
    with time_machine.travel(timezone.now() + timedelta(days=9)):
        check_inactivity()
    assert not Alert.objects.filter(client=personas.client, kind="inactivity").exists()


def test_overdue_questionnaires_raise_one_notice_per_occurrence(personas):
    start = timezone.localtime(timezone.now(), personas.client.tzinfo).date() - timedelta(days=4)
    MeasureSchedule.objects.create(client=personas.client, instrument="gad7", frequency="weekly", starts_on=start)
    assert check_overdue() == 1
    assert check_overdue() == 0
    alert = Alert.objects.get()
    assert alert.kind == "overdue" and alert.source_id.endswith(start.isoformat())
