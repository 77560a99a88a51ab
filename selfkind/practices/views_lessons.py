"""Lessons: read, then answer the reflection question (saved, screened, private if wished)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from selfkind.accounts.decorators import client_required, therapist_required
from selfkind.accounts.idle import restored_data
from selfkind.accounts.models import User
from selfkind.journal.models import Reflection
from selfkind.journal.reflections import save_reflection
from selfkind.lib.forms import PlainLabelsMixin
from selfkind.practices.lessons import lessons_for
from selfkind.practices.models import CustomLesson
from selfkind.safety.views import crisis_url


class ReflectionForm(PlainLabelsMixin, forms.Form):
    text = forms.CharField(label=_("Your reflection"), widget=forms.Textarea(attrs={"rows": 5}), max_length=5000)
    private = forms.BooleanField(label=_("Keep this private (your therapist won't see it)"), required=False)


@client_required
@require_safe
def index(request: HttpRequest) -> HttpResponse:
    client: User = request.user  # type: ignore[assignment]
    done = set(Reflection.objects.filter(client=client).values_list("lesson", flat=True))
    lessons = list(lessons_for(client).values())
    return render(request, "practices/lessons.html", {"lessons": lessons, "done": done})


@client_required
@require_http_methods(["GET", "POST"])
def lesson(request: HttpRequest, slug: str) -> HttpResponse:
    client: User = request.user  # type: ignore[assignment]
    found = lessons_for(client).get(slug)
    if found is None:
        raise Http404
    saved = Reflection.objects.filter(client=client, lesson=slug).first()
    initial = {"text": saved.text, "private": saved.private} if saved else None
    form = ReflectionForm(request.POST or restored_data(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        _reflection, outcome = save_reflection(client=client, lesson=slug, **form.cleaned_data)
        if outcome.is_risk:
            return redirect(crisis_url(outcome.alert))
        messages.success(request, _("Your reflection is saved. Thank you for taking the time."))
        return redirect(reverse("practices:lesson", args=[slug]) + "#reflection")
    return render(request, "practices/lesson.html", {"lesson": found, "form": form, "saved": saved})


class CustomLessonForm(PlainLabelsMixin, forms.ModelForm):
    stage = forms.ChoiceField(
        label=_("Stage of therapy"),
        choices=[
            ("understanding", _("Understanding self-compassion")),
            ("from_criticism_to_compassion", _("From self-criticism to self-compassion")),
            ("resilience", _("Resilience through practice")),
            ("mindfulness", _("Mindfulness")),
        ],
    )

    class Meta:
        model = CustomLesson
        fields = ["title", "summary", "stage", "body", "reflection", "sources"]
        widgets = {"body": forms.Textarea(attrs={"rows": 12})}


@therapist_required
@require_http_methods(["GET", "POST"])
def custom(request: HttpRequest) -> HttpResponse:
    therapist: User = request.user  # type: ignore[assignment]
    clinic = therapist.clinic
    assert clinic is not None
    form = CustomLessonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        lesson = form.save(commit=False)
        lesson.clinic, lesson.created_by = clinic, therapist
        lesson.save()
        messages.success(request, _("Your lesson is ready for your clients."))
        return redirect("practices:custom_lessons")
    existing = CustomLesson.objects.filter(clinic=clinic).order_by("-created_at")
    return render(request, "practices/custom_lessons.html", {"form": form, "existing": existing})
