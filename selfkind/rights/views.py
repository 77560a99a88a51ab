"""The client's data page: download everything, delete the account, or change their mind."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from selfkind.accounts.decorators import client_required
from selfkind.accounts.models import User
from selfkind.rights import deletion, export
from selfkind.rights.forms import DeleteAccountForm


def _client(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _clinic_terms(client: User) -> dict[str, int]:
    clinic = client.clinic
    return {
        "grace_days": deletion.grace_days(client),
        "note_years": clinic.session_note_retention_years if clinic else 8,
        "alert_years": clinic.alert_retention_years if clinic else 8,
    }


@client_required
@require_safe
def my_data(request: HttpRequest) -> HttpResponse:
    client = _client(request)
    return render(
        request,
        "rights/my_data.html",
        {"waiting": deletion.open_request(client), **_clinic_terms(client)},
    )


@client_required
@require_safe
def export_archive(request: HttpRequest) -> HttpResponse:
    client = _client(request)
    response = HttpResponse(export.build_archive(client), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{export.archive_filename(client)}"'
    response["Cache-Control"] = "no-store"
    return response


@client_required
@require_http_methods(["GET", "POST"])
def delete_account(request: HttpRequest) -> HttpResponse:
    client = _client(request)
    if deletion.open_request(client) is not None:
        return redirect("rights:my_data")
    form = DeleteAccountForm(request.POST or None, user=client)
    if request.method == "POST" and form.is_valid():
        waiting = deletion.request_deletion(client=client)
        messages.success(
            request,
            _(
                "Your account will be deleted on %(date)s. Until then everything stays as it is, "
                "and you can change your mind here at any time."
            )
            % {"date": date_format(waiting.due_at.astimezone(client.tzinfo), "j F Y")},
        )
        return redirect("rights:my_data")
    return render(request, "rights/delete.html", {"form": form, **_clinic_terms(client)})


@client_required
@require_POST
def cancel(request: HttpRequest) -> HttpResponse:
    if deletion.cancel_deletion(client=_client(request)) is not None:
        messages.success(request, _("You've cancelled the deletion. Your account and everything in it stay."))
    return redirect("rights:my_data")
