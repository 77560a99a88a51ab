"""Client screens for measures: one calm question at a time, saved as they go."""

from __future__ import annotations

import contextlib

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from selfkind.accounts.decorators import client_required, clinic_admin_required
from selfkind.accounts.models import User
from selfkind.measures import selectors, services
from selfkind.measures.instruments import engine, registry
from selfkind.measures.models import Administration, MeasureSchedule
from selfkind.safety.views import crisis_url


def _own(request: HttpRequest, administration_id: int) -> Administration:
    return get_object_or_404(Administration, pk=administration_id, client=request.user)


def _instrument(key: str) -> registry.Instrument:
    try:
        return registry.get(key)
    except KeyError:
        raise Http404 from None


@client_required
@require_safe
def index(request: HttpRequest) -> HttpResponse:
    client: User = request.user  # type: ignore[assignment]
    offered = services.enabled_instruments(client.clinic)
    drafts = Administration.objects.filter(client=client, status=Administration.Status.DRAFT)
    context = {
        "due": selectors.due_for(client),
        "offered": offered,
        "history": [(a, registry.get(a.instrument)) for a in reversed(selectors.submitted(client))][:50],
        "drafts": [(a, registry.get(a.instrument)) for a in drafts],
    }
    return render(request, "measures/index.html", context)


@client_required
@require_POST
def start(request: HttpRequest, key: str) -> HttpResponse:
    client: User = request.user  # type: ignore[assignment]
    instrument = _instrument(key)
    if instrument.key not in {i.key for i in services.enabled_instruments(client.clinic)}:
        raise Http404
    schedule = MeasureSchedule.objects.filter(client=client, instrument=key, active=True).first()
    administration = services.start(client=client, key=key, schedule=schedule)
    return redirect("measures:question", administration_id=administration.pk, number=_first_unanswered(administration))


def _first_unanswered(administration: Administration) -> int:
    instrument = registry.get(administration.instrument)
    for item in instrument.items:
        if administration.answer_for(item.number) is None:
            return item.number
    return len(instrument.items)


@client_required
@require_http_methods(["GET", "POST"])
def question(request: HttpRequest, administration_id: int, number: int) -> HttpResponse:
    client: User = request.user  # type: ignore[assignment]
    administration = _own(request, administration_id)
    if administration.is_submitted:
        return redirect("measures:result", administration_id=administration.pk)
    instrument = registry.get(administration.instrument)
    if not 1 <= number <= len(instrument.items):
        raise Http404
    error = ""
    if request.method == "POST":
        raw = request.POST.get("answer", "")
        try:
            outcome = services.save_answer(
                administration=administration,
                client=client,
                item=number,
                value=int(raw) if raw.lstrip("-").isdigit() else -1,
            )
        except services.AnswerError:
            error = _("Please choose one of the answers. Nothing you chose before has been lost.")
        else:
            after = _after(administration, number, request.POST.get("go", "next"))
            if outcome.is_risk:
                # Support comes first; the way back to the questionnaire is kept.
                return redirect(f"{crisis_url(outcome.alert)}&next={after}" if outcome.alert else crisis_url(None))
            return redirect(after)
    item = instrument.items[number - 1]
    context = {
        "administration": administration,
        "instrument": instrument,
        "item": item,
        "number": number,
        "count": len(instrument.items),
        "chosen": administration.answer_for(number),
        "error": error,
    }
    return render(request, "measures/question.html", context, status=200)


def _after(administration: Administration, number: int, go: str) -> str:
    instrument = registry.get(administration.instrument)
    if go == "later":
        return reverse("measures:index")
    if go == "back" and number > 1:
        return reverse("measures:question", args=[administration.pk, number - 1])
    if number < len(instrument.items):
        return reverse("measures:question", args=[administration.pk, number + 1])
    return reverse("measures:review", args=[administration.pk])


@client_required
@require_http_methods(["GET", "POST"])
def review(request: HttpRequest, administration_id: int) -> HttpResponse:
    client: User = request.user  # type: ignore[assignment]
    administration = _own(request, administration_id)
    if administration.is_submitted:
        return redirect("measures:result", administration_id=administration.pk)
    instrument = registry.get(administration.instrument)
    missing: list[int] = []
    if request.method == "POST":
        if instrument.extra_question is not None and "difficulty" in request.POST:
            raw = request.POST.get("difficulty", "")
            # Optional and unscored: an odd value is simply not kept.
            with contextlib.suppress(services.AnswerError):
                services.save_difficulty(
                    administration=administration, client=client, value=int(raw) if raw.isdigit() else None
                )
        try:
            services.submit(administration=administration, client=client)
        except engine.ResponseError:
            missing = [i.number for i in instrument.items if administration.answer_for(i.number) is None]
        else:
            return redirect("measures:result", administration_id=administration.pk)
    rows = [(item, _label(instrument, administration.answer_for(item.number))) for item in instrument.items]
    context = {"administration": administration, "instrument": instrument, "rows": rows, "missing": missing}
    return render(request, "measures/review.html", context)


def _label(instrument: registry.Instrument, value: int | None) -> str | None:
    return next((o.label for o in instrument.options if o.value == value), None)


@client_required
@require_safe
def result(request: HttpRequest, administration_id: int) -> HttpResponse:
    client: User = request.user  # type: ignore[assignment]
    administration = _own(request, administration_id)
    if not administration.is_submitted:
        return redirect("measures:review", administration_id=administration.pk)
    instrument = registry.get(administration.instrument)
    points = selectors.series(client, instrument.key)
    context = {
        "administration": administration,
        "instrument": instrument,
        "band": selectors.band_of(instrument, administration.band),
        "value": selectors.shown_value(administration),
        "previous": points[-2] if len(points) >= 2 else None,
    }
    return render(request, "measures/result.html", context)


@client_required
@require_POST
def correct(request: HttpRequest, administration_id: int) -> HttpResponse:
    client: User = request.user  # type: ignore[assignment]
    administration = _own(request, administration_id)
    new = services.correct(administration=administration, client=client)
    messages.info(request, _("Your earlier answers are filled in. Change what you need, then submit again."))
    return redirect("measures:question", administration_id=new.pk, number=1)


@clinic_admin_required
@require_http_methods(["GET", "POST"])
def clinic_instruments(request: HttpRequest) -> HttpResponse:
    """The clinic admin chooses which switchable questionnaires the clinic offers."""
    admin: User = request.user  # type: ignore[assignment]
    clinic = admin.clinic
    assert clinic is not None
    if request.method == "POST":
        chosen = set(request.POST.getlist("enabled"))
        for instrument in registry.all_instruments():
            if instrument.switchable:
                services.set_instrument_enabled(clinic=clinic, key=instrument.key, enabled=instrument.key in chosen)
        messages.success(request, _("Saved. Clients see the change straight away."))
        return redirect("measures:clinic_instruments")
    offered = {i.key for i in services.enabled_instruments(clinic)}
    rows = [(i, i.key in offered) for i in registry.all_instruments()]
    return render(request, "measures/clinic_instruments.html", {"rows": rows})
