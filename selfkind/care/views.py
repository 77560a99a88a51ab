"""The pages that gather from every app: the client's "today" and the therapist's caseload."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Page, Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from selfkind.accounts import services as account_services
from selfkind.accounts.access import (
    consenting_relationships,
    former_relationships,
    get_client_for,
    record_access_many,
)
from selfkind.accounts.decorators import client_required, clinic_admin_required, therapist_required
from selfkind.accounts.forms import AppointmentForm, AppointmentStatusForm, SignInForm
from selfkind.accounts.idle import restored_data
from selfkind.accounts.middleware import current_user
from selfkind.accounts.models import Appointment, Invitation, User
from selfkind.accounts.selectors import active_relationship_for_request
from selfkind.care import helps, overview, selectors, today_cache
from selfkind.journal import affirmations, thoughts
from selfkind.journal.trapinfo import traps as trap_info
from selfkind.measures import outcomes, presentation
from selfkind.measures import selectors as measure_selectors
from selfkind.measures import services as measure_services
from selfkind.measures.forms import ScheduleForm
from selfkind.measures.models import MeasureSchedule
from selfkind.practices import services as practice_services
from selfkind.practices.models import PracticeSession
from selfkind.safety.selectors import alerts_for_reader


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not user.is_authenticated:
        return render(request, "accounts/login.html", {"form": SignInForm(request)})
    if user.is_therapist:  # type: ignore[union-attr]
        return caseload(request)
    if user.is_clinic_admin:  # type: ignore[union-attr]
        return redirect("accounts:clinic")
    return today(request)


@client_required
def today(request: HttpRequest) -> HttpResponse:
    client = current_user(request)  # not request.user's stand-in: the kept copy's key reads every field
    assert isinstance(client, User)  # client_required let only a signed-in client through
    # The consent gate has already read the relationships: the page reuses that read. The content is kept
    # rendered until something it shows changes (today_cache).
    relationship = active_relationship_for_request(request)
    return render(request, "care/today.html", {"content": today_cache.content(request, client, relationship)})


@therapist_required
def caseload(request: HttpRequest) -> HttpResponse:
    therapist: User = request.user  # type: ignore[assignment]
    show = request.GET.get("show", "")
    sort = request.GET.get("sort", "name")
    page: Page[Any]
    rows: list[selectors.CaseloadRow]
    if not show and sort == "name":
        # Nothing to filter or sort on computed values: page the names first, then build only that page.
        names = consenting_relationships(therapist).order_by("client__name").values_list("client_id", flat=True)
        page = Paginator(names, 50).get_page(request.GET.get("page"))
        rows = selectors.caseload_rows(therapist, client_ids=list(page.object_list))
    else:
        every = selectors.filter_and_sort(selectors.caseload_rows(therapist), show=show, sort=sort, now=timezone.now())
        page = Paginator(every, 50).get_page(request.GET.get("page"))
        rows = list(page.object_list)
    record_access_many(actor=therapist, clients=[row.client for row in rows], action="view:caseload", request=request)
    context = {
        "open_alerts": alerts_for_reader(therapist)
        .filter(acknowledged_at__isnull=True)
        .defer(*selectors.ALERT_WORDS)[:20],
        "rows": rows,
        "page": page,
        "show": show,
        "sort": sort,
        "filters": [
            ("", _("Everyone")),
            ("alerts", _("Open alerts")),
            ("deteriorating", _("Deteriorating")),
            ("inactive", _("No activity for 7 days")),
            ("overdue", _("Measures overdue")),
        ],
        "former": former_relationships(therapist).order_by("-ended_at"),
        "open_invitations": Invitation.objects.open().filter(therapist=therapist),
        "waiting": selectors.waiting_for_consent(therapist),
    }
    return render(request, "care/caseload.html", context)


@login_required
@require_safe
def client_page(request: HttpRequest, client_id: int) -> HttpResponse:
    access = get_client_for(request.user, client_id, action="view:client_page", request=request, own_records=True)
    if access.is_self:
        return redirect("care:home")
    context = selectors.client_page(access) | {
        "appointment_form": AppointmentForm(restored_data(request)),
    }
    return render(request, "care/client.html", context)


@therapist_required
@require_POST
def add_appointment(request: HttpRequest, client_id: int) -> HttpResponse:
    access = get_client_for(request.user, client_id, action="change:appointment", request=request)
    form = AppointmentForm(request.POST)
    if form.is_valid():
        account_services.schedule_appointment(therapist=access.viewer, client=access.client, **form.cleaned_data)
        messages.success(request, _("Session saved."))
        return redirect("care:client", client_id=access.client.pk)
    context = selectors.client_page(access) | {"appointment_form": form}
    return render(request, "care/client.html", context)


@therapist_required
@require_POST
def set_appointment_status(request: HttpRequest, client_id: int, appointment_id: int) -> HttpResponse:
    access = get_client_for(request.user, client_id, action="change:appointment", request=request)
    appointment = get_object_or_404(Appointment, pk=appointment_id, client=access.client, therapist=access.viewer)
    form = AppointmentStatusForm(request.POST, instance=appointment)
    if form.is_valid():
        form.save()
        messages.success(request, _("Session updated."))
    else:
        messages.error(request, _("That status isn't one we know. Nothing was changed."))
    return redirect("care:client", client_id=access.client.pk)


@require_POST
def set_theme(request: HttpRequest) -> HttpResponse:
    theme = request.POST.get("theme", "auto")
    target = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/"
    response = redirect(target)
    if theme in {"light", "dark", "auto"}:
        response.set_cookie("theme", theme, max_age=60 * 60 * 24 * 365, samesite="Lax", httponly=True)
    return response


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(request, "403_csrf.html", status=403)


@require_http_methods(["GET"])
def healthz(request: HttpRequest) -> HttpResponse:
    from selfkind.care.health import health_response

    return health_response()


@client_required
@require_safe
def progress(request: HttpRequest) -> HttpResponse:
    client: User = request.user  # type: ignore[assignment]
    context = {"panels": presentation.panels(client, for_client=True), "profile": presentation.scs_profile(client)}
    return render(request, "care/progress.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def client_measures(request: HttpRequest, client_id: int) -> HttpResponse:
    access = get_client_for(request.user, client_id, action="view:measures", request=request)
    if access.is_self:
        return redirect("care:progress")
    client = access.client
    choices = [(i.key, i.short_name) for i in measure_services.enabled_instruments(client.clinic)]
    form = ScheduleForm(request.POST or None, instruments=choices)
    if request.method == "POST":
        if access.level != "therapist":
            raise Http404
        if form.is_valid():
            measure_services.set_schedule(
                client=client,
                key=form.cleaned_data["instrument"],
                frequency=form.cleaned_data["frequency"],
                starts_on=form.cleaned_data["starts_on"],
                ends_on=form.cleaned_data["ends_on"],
                set_by=access.viewer,
            )
            messages.success(request, _("Schedule saved. The client will see it when it is due."))
            return redirect("care:client_measures", client_id=client.pk)
    context = {
        "access": access,
        "client": client,
        "panels": presentation.panels(client, for_client=False),
        "profile": presentation.scs_profile(client),
        "schedules": MeasureSchedule.objects.filter(client=client, active=True),
        "due": measure_selectors.due_for(client),
        "outcomes": outcomes.for_client(client),
        "form": form,
    }
    return render(request, "care/client_measures.html", context)


@login_required
@require_safe
def client_thoughts(request: HttpRequest, client_id: int) -> HttpResponse:
    access = get_client_for(request.user, client_id, action="view:thought_records", request=request)
    if access.is_self:
        return redirect("journal:thought_trends")
    result = thoughts.trends(access.client, include_private=False)
    names = {k: v.name for k, v in trap_info().items()}
    context = {"trends": result, "trap_names": names, "for_client": False, "client": access.client}
    return render(request, "journal/thought_trends.html", context)


@login_required
@require_safe
def client_practices(request: HttpRequest, client_id: int) -> HttpResponse:
    access = get_client_for(request.user, client_id, action="view:practice_log", request=request)
    if access.is_self:
        return redirect("practices:log")
    practices = practice_services.practices_for(access.client)
    sessions = PracticeSession.objects.filter(client=access.client)[:200]
    rows = [(s, practices.get(s.practice)) for s in sessions]
    return render(request, "practices/log.html", {"rows": rows, "for_client": False, "client": access.client})


@client_required
@require_safe
def what_helps(request: HttpRequest) -> HttpResponse:
    client: User = request.user  # type: ignore[assignment]
    rows = helps.effects(client, practice_services.practices_for(client))
    context = {
        "rows": rows,
        "chart": helps.bar_chart(rows, title=_("How your ratings changed, by practice")) if rows else "",
        "panels": presentation.panels(client, for_client=True),
    }
    return render(request, "care/what_helps.html", context)


@therapist_required
@require_POST
def propose_affirmation(request: HttpRequest, client_id: int) -> HttpResponse:
    access = get_client_for(request.user, client_id, action="change:affirmation", request=request)
    text = request.POST.get("text", "").strip()
    if text:
        affirmations.propose(therapist=access.viewer, client=access.client, text=text)
        messages.success(request, _("Suggested. Your client can use it, change the words or decline."))
    else:
        messages.error(request, _("Write the affirmation first."))
    return redirect("care:client", client_id=access.client.pk)


@clinic_admin_required
@require_safe
def clinic_outcomes(request: HttpRequest) -> HttpResponse:
    admin: User = request.user  # type: ignore[assignment]
    assert admin.clinic is not None
    context = {"rows": overview.clinic_outcomes(admin.clinic), "min_group": overview.MIN_GROUP}
    return render(request, "care/clinic_outcomes.html", context)
