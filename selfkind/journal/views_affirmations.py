"""Affirmations: write your own, turn a kind answer into one, accept or decline a therapist's suggestion."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from selfkind.accounts.decorators import client_required
from selfkind.accounts.models import User
from selfkind.journal import affirmations
from selfkind.journal.models import Affirmation, ThoughtRecord
from selfkind.safety.views import crisis_redirect


def _own(request: HttpRequest, affirmation_id: int) -> Affirmation:
    return get_object_or_404(Affirmation, pk=affirmation_id, client=request.user)


@client_required
@require_http_methods(["GET", "POST"])
def index(request: HttpRequest) -> HttpResponse:
    client: User = request.user  # type: ignore[assignment]
    text = ""
    if request.method == "POST":
        text = request.POST.get("text", "").strip()
        if not text:
            messages.error(request, _("Write a few words first; even a short sentence is enough."))
        else:
            answers = None
            record_id = request.POST.get("answers", "")
            if record_id.isdigit():
                answers = ThoughtRecord.objects.filter(pk=int(record_id), client=client).first()
            _affirmation, outcome = affirmations.create(client=client, text=text, answers=answers)
            if outcome.is_risk:
                return crisis_redirect(outcome)
            messages.success(request, _("Added. It will come round on your home page."))
            return redirect("journal:affirmations")
    mine = Affirmation.objects.filter(client=client).select_related("answers", "proposed_by")
    finished = ThoughtRecord.objects.filter(client=client, completed_at__isnull=False)[:40]
    records = [r for r in finished if r.thought.strip()][:20]  # encrypted: compared after decryption
    context = {
        "active": [a for a in mine if a.status == Affirmation.Status.ACTIVE],
        "proposed": [a for a in mine if a.status == Affirmation.Status.PROPOSED],
        "archived": [a for a in mine if a.status == Affirmation.Status.ARCHIVED],
        "records": records,
        "text": text,
    }
    return render(request, "journal/affirmations.html", context)


@client_required
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, affirmation_id: int) -> HttpResponse:
    client: User = request.user  # type: ignore[assignment]
    affirmation = _own(request, affirmation_id)
    if request.method == "POST":
        text = request.POST.get("text", "").strip()
        if text:
            outcome = affirmations.edit(affirmation=affirmation, client=client, text=text)
            if outcome.is_risk:
                return crisis_redirect(outcome)
            messages.success(request, _("Saved."))
            return redirect("journal:affirmations")
        messages.error(request, _("Write a few words first; even a short sentence is enough."))
    return render(request, "journal/affirmation_edit.html", {"affirmation": affirmation})


@client_required
@require_POST
def act(request: HttpRequest, affirmation_id: int, action: str) -> HttpResponse:
    client: User = request.user  # type: ignore[assignment]
    affirmation = _own(request, affirmation_id)
    today = timezone.localtime(timezone.now(), client.tzinfo).date()
    if action == "helps":
        affirmations.helps(affirmation=affirmation, client=client)
        messages.success(request, _("Glad it helps."))
    elif action == "not-today":
        affirmations.not_today(affirmation=affirmation, client=client, day=today)
        messages.info(request, _("That's fine. Here's another one."))
    elif action in ("archive", "restore", "accept", "decline"):
        status = {"archive": "archived", "restore": "active", "accept": "active", "decline": "declined"}[action]
        affirmations.set_status(affirmation=affirmation, client=client, status=status)
    elif action in ("star", "unstar"):
        affirmations.set_star(affirmation=affirmation, client=client, starred=action == "star")
    else:
        raise Http404
    return redirect(request.POST.get("back") == "home" and "care:home" or "journal:affirmations")


@client_required
@require_POST
def from_record(request: HttpRequest, record_id: int) -> HttpResponse:
    client: User = request.user  # type: ignore[assignment]
    record = get_object_or_404(ThoughtRecord, pk=record_id, client=client)
    try:
        _affirmation, outcome = affirmations.from_thought_record(client=client, record=record)
    except ValueError:
        messages.error(request, _("This record doesn't have a kind answer yet. You can add one in its last steps."))
        return redirect("journal:thought", record_id=record.pk)
    if outcome.is_risk:
        return crisis_redirect(outcome)
    messages.success(request, _("Your kind answer is now an affirmation. It will come round on your home page."))
    return redirect("journal:affirmations")
