"""Practice screens: choose, rate before, play one step at a time, rate after, and the log."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from selfkind.accounts.decorators import client_required, therapist_required
from selfkind.accounts.models import User
from selfkind.practices import services
from selfkind.practices.content import STAGES, Practice
from selfkind.practices.forms import CustomPracticeForm
from selfkind.practices.models import CustomPractice, PracticeSession
from selfkind.safety.views import crisis_url

STAGE_NAMES = {
    "understanding": _("Understanding self-compassion"),
    "from_criticism_to_compassion": _("From self-criticism to self-compassion"),
    "resilience": _("Resilience through practice"),
    "mindfulness": _("Mindfulness"),
}
RATINGS = range(11)


def _practice(client: User, slug: str) -> Practice:
    practice = services.practice_for(client, slug)
    if practice is None:
        raise Http404
    return practice


def _own(request: HttpRequest, session_id: int) -> PracticeSession:
    return get_object_or_404(PracticeSession, pk=session_id, client=request.user)


@client_required
@require_safe
def index(request: HttpRequest) -> HttpResponse:
    practices = services.practices_for(request.user)  # type: ignore[arg-type]
    groups = [(STAGE_NAMES[s], [p for p in practices.values() if p.stage == s]) for s in STAGES]
    return render(request, "practices/index.html", {"groups": [(name, ps) for name, ps in groups if ps]})


@client_required
@require_http_methods(["GET", "POST"])
def detail(request: HttpRequest, slug: str) -> HttpResponse:
    client: User = request.user  # type: ignore[assignment]
    practice = _practice(client, slug)
    error = ""
    if request.method == "POST":
        variant = request.POST.get("variant", practice.variants[0].key)
        try:
            session = services.start_session(
                client=client,
                practice=practice,
                variant=variant,
                distress=request.POST.get("distress"),
                kindness=request.POST.get("kindness"),
            )
        except services.RatingError as exc:
            error = str(exc)
        except ValueError:
            error = _("Please choose one of the lengths.")
        else:
            return redirect("practices:play", session_id=session.pk)
    context = {"practice": practice, "ratings": RATINGS, "error": error, "stage": STAGE_NAMES[practice.stage]}
    return render(request, "practices/detail.html", context)


@client_required
@require_safe
def play(request: HttpRequest, session_id: int) -> HttpResponse:
    client: User = request.user  # type: ignore[assignment]
    session = _own(request, session_id)
    practice = _practice(client, session.practice)
    variant = practice.variant(session.variant)
    if variant is None:
        raise Http404
    context = {
        "session": session,
        "practice": practice,
        "variant": variant,
        "steps": [(step, session.writing.get(str(i), "")) for i, step in enumerate(variant.steps)],
        "ratings": RATINGS,
    }
    return render(request, "practices/play.html", context)


@client_required
@require_POST
def write(request: HttpRequest, session_id: int, step: int) -> HttpResponse:
    client: User = request.user  # type: ignore[assignment]
    session = _own(request, session_id)
    if session.is_complete:
        raise Http404
    outcome = services.save_writing(session=session, client=client, step=step, text=request.POST.get("text", ""))
    back = reverse("practices:play", args=[session.pk]) + f"#step-{step}"
    if outcome.is_risk:
        target = crisis_url(outcome.alert)
        target += ("&" if outcome.alert else "?") + "next=" + reverse("practices:play", args=[session.pk])
        if request.htmx:  # type: ignore[attr-defined]
            return HttpResponse(status=204, headers={"HX-Redirect": target})
        return redirect(target)
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "practices/play.html#saved", {"saved_step": step})
    messages.success(request, _("Saved."))
    return redirect(back)


@client_required
@require_POST
def finish(request: HttpRequest, session_id: int) -> HttpResponse:
    client: User = request.user  # type: ignore[assignment]
    session = _own(request, session_id)
    seconds = request.POST.get("duration", "")
    try:
        outcome = services.finish_session(
            session=session,
            client=client,
            distress=request.POST.get("distress"),
            kindness=request.POST.get("kindness"),
            note=request.POST.get("note", ""),
            private=request.POST.get("private") == "on",
            duration_seconds=int(seconds) if seconds.isdigit() else None,
        )
    except services.RatingError as exc:
        messages.error(request, str(exc))
        return redirect("practices:play", session_id=session.pk)
    if outcome.is_risk:
        return redirect(crisis_url(outcome.alert))
    messages.success(request, _("Saved to your practice log. Thank you for taking this time for yourself."))
    return redirect("practices:log")


@client_required
@require_safe
def log(request: HttpRequest) -> HttpResponse:
    client: User = request.user  # type: ignore[assignment]
    practices = services.practices_for(client)
    sessions = PracticeSession.objects.filter(client=client)[:200]
    rows = [(s, practices.get(s.practice)) for s in sessions]
    return render(request, "practices/log.html", {"rows": rows, "for_client": True})


@therapist_required
@require_http_methods(["GET", "POST"])
def custom(request: HttpRequest) -> HttpResponse:
    """A therapist's own practices for their clinic's clients."""
    therapist: User = request.user  # type: ignore[assignment]
    clinic = therapist.clinic
    assert clinic is not None  # therapists always belong to a clinic (a database constraint)
    form = CustomPracticeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        definition = form.cleaned_data["definition"]
        CustomPractice.objects.create(
            clinic=clinic, created_by=therapist, slug=definition["slug"], definition=definition
        )
        messages.success(request, _("Your practice is ready for your clients."))
        return redirect("practices:custom")
    existing = CustomPractice.objects.filter(clinic=clinic).order_by("-created_at")
    return render(request, "practices/custom.html", {"form": form, "existing": existing})
