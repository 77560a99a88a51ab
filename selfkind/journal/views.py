from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from selfkind.accounts.decorators import client_required
from selfkind.accounts.idle import restored_data
from selfkind.accounts.models import User
from selfkind.journal.forms import NoteForm
from selfkind.journal.models import Note
from selfkind.journal.services import save_note
from selfkind.safety.views import crisis_redirect


@client_required
@require_http_methods(["GET", "POST"])
def notes(request: HttpRequest) -> HttpResponse:
    client: User = request.user  # type: ignore[assignment]
    form = NoteForm(request.POST or restored_data(request))
    if request.method == "POST" and form.is_valid():
        _note, outcome = save_note(client=client, **form.cleaned_data)
        if outcome.is_risk:
            return crisis_redirect(outcome)
        messages.success(request, _("Saved."))
        return redirect("journal:notes")
    entries = Note.objects.filter(client=client)[:100]
    return render(request, "journal/notes.html", {"form": form, "entries": entries})


@client_required
@require_http_methods(["GET", "POST"])
def edit_note(request: HttpRequest, note_id: int) -> HttpResponse:
    client: User = request.user  # type: ignore[assignment]
    note = get_object_or_404(Note, pk=note_id, client=client)
    form = NoteForm(request.POST or restored_data(request), instance=note)
    if request.method == "POST" and form.is_valid():
        _note, outcome = save_note(client=client, note=note, **form.cleaned_data)
        if outcome.is_risk:
            return crisis_redirect(outcome)
        messages.success(request, _("Saved."))
        return redirect("journal:notes")
    return render(request, "journal/edit_note.html", {"form": form, "note": note})
