import pytest
from django.urls import reverse

from selfkind.journal.models import Reflection
from selfkind.lib.content import ContentError
from selfkind.practices.lessons import course, load_folder

LESSONS = [
    "what-self-compassion-is",
    "three-components",
    "myths",
    "the-inner-critic",
    "common-humanity",
    "mindfulness",
    "backdraft",
]


def test_the_course_ships_every_lesson_in_order_with_sources():
    lessons = course()
    assert list(lessons) == LESSONS
    assert all(lesson.sources and lesson.reflection for lesson in lessons.values())


def test_a_malformed_lesson_names_the_file_and_field(tmp_path):
    front = (
        "slug: x\nlanguage: en\ntitle: X\nsummary: s\nstage: later\norder: 1\nminutes: 3\nsources: [a]\nreflection: r"
    )
    (tmp_path / "x.md").write_text(f"---\n{front}\n---\nBody")
    with pytest.raises(ContentError, match="x.md: field 'stage'"):
        load_folder(tmp_path)


@pytest.mark.django_db
def test_a_reflection_is_saved_screened_and_private_ones_stay_private(personas, as_user):
    c = as_user(personas.client)
    url = reverse("practices:lesson", args=["the-inner-critic"])
    assert "To reflect on" in c.get(url).content.decode()
    c.post(url, {"text": "My critic tries to keep me safe from rejection"})
    c.post(reverse("practices:lesson", args=["myths"]), {"text": "I worry kindness makes me lazy", "private": "on"})
    assert Reflection.objects.count() == 2
    page = as_user(personas.therapist).get(reverse("care:client", args=[personas.client.pk])).content.decode()
    assert "safe from rejection" in page and "makes me lazy" not in page
    c = as_user(personas.client)
    response = c.post(url, {"text": "the critic says the world would be lighter without me"})
    assert response["Location"].startswith(reverse("safety:crisis"))
    assert Reflection.objects.count() == 2  # edited in place, one per lesson


@pytest.mark.django_db
def test_a_therapist_adds_a_lesson_for_their_clinic_only(personas, as_user):
    t = as_user(personas.therapist)
    data = {
        "title": "Sleep and the critic",
        "summary": "Why the critic is louder when tired.",
        "stage": "resilience",
        "body": "## Tired minds\n\nWhen you are tired, the critic *sounds* truer. <script>x()</script>",
        "reflection": "When is your critic loudest?",
        "sources": "Clinic notes (2026)",
    }
    assert t.post(reverse("practices:custom_lessons"), data).status_code == 302
    c = as_user(personas.client)
    assert "Sleep and the critic" in c.get(reverse("practices:lessons")).content.decode()
    from selfkind.practices.models import CustomLesson

    page = c.get(reverse("practices:lesson", args=[f"custom-{CustomLesson.objects.get().pk}"])).content.decode()
    assert "<em>sounds</em>" in page and "<script>x()" not in page
    assert (
        "Sleep and the critic" not in as_user(personas.other_client).get(reverse("practices:lessons")).content.decode()
        or personas.other_client.clinic_id == personas.clinic.pk
    )
