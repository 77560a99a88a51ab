"""Reminder pages: the client's settings, unsubscribe by token, calendar feeds, nudges, system health."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from selfkind.accounts.access import get_client_for
from selfkind.accounts.decorators import client_required, clinic_admin_required, role_required, therapist_required
from selfkind.accounts.models import User
from selfkind.care.models import Homework
from selfkind.reminders import calendar, selectors, services
from selfkind.reminders.forms import NudgeForm, SettingsForm, SuggestionForm, kind_forms
from selfkind.reminders.models import CalendarFeed, PlanSuggestion


def _feed_url(request: HttpRequest, feed: CalendarFeed | None) -> str:
    if feed is None:
        return ""
    return request.build_absolute_uri(reverse("reminders:ics", args=[feed.token]))


@client_required
@require_http_methods(["GET", "POST"])
def index(request: HttpRequest) -> HttpResponse:
    client: User = request.user  # type: ignore[assignment]
    st = services.settings_for(client)
    prefs = services.preferences_for(client)
    initial = {kind: {"enabled": p.is_on, "times": ", ".join(p.times), "days": p.days} for kind, p in prefs.items()}
    data = request.POST if request.method == "POST" else None
    settings_form = SettingsForm(
        data,
        account_zone=client.time_zone,
        initial={"time_zone": st.time_zone, "quiet_start": st.quiet_start, "quiet_end": st.quiet_end},
    )
    forms = kind_forms(data, initial)
    if data is not None and settings_form.is_valid() and all(f.is_valid() for f in forms):
        services.save_preferences(
            client=client,
            time_zone=settings_form.cleaned_data["time_zone"],
            quiet_start=settings_form.cleaned_data["quiet_start"],
            quiet_end=settings_form.cleaned_data["quiet_end"],
            choices=[
                services.KindChoice(
                    f.kind, f.cleaned_data["enabled"], f.cleaned_data["times"], f.cleaned_data.get("days") or []
                )
                for f in forms
            ],
        )
        messages.success(request, _("Saved. Your reminders follow these times from now on."))
        return redirect("reminders:index")
    context = {
        "settings_form": settings_form,
        "forms": forms,
        "zone": st.zone(),
        "upcoming": selectors.upcoming(client),
        "history": selectors.history(client),
        "feed_url": _feed_url(request, services.live_feed(client)),
        "suggestions": selectors.open_suggestions(client),
        "unseen_nudges": client.nudges.filter(seen_at__isnull=True).count(),
    }
    return render(request, "reminders/index.html", context)


@role_required("client", "therapist")
@require_POST
def feed(request: HttpRequest) -> HttpResponse:
    owner: User = request.user  # type: ignore[assignment]
    action = request.POST.get("action", "")
    if action == "on":
        services.switch_on_feed(owner=owner)
        messages.success(request, _("Your calendar address is ready. Keep it private, like a password."))
    elif action == "renew":
        services.renew_feed(owner=owner)
        messages.success(request, _("You have a new calendar address. The old one no longer works."))
    elif action == "revoke":
        services.revoke_feed(owner=owner)
        messages.success(request, _("Calendar address turned off. Calendars using it will stop updating."))
    else:
        raise Http404
    return redirect("reminders:index" if owner.is_client else "reminders:calendar")


@therapist_required
@require_safe
def therapist_calendar(request: HttpRequest) -> HttpResponse:
    feed_url = _feed_url(request, services.live_feed(request.user))  # type: ignore[arg-type]
    return render(request, "reminders/calendar.html", {"feed_url": feed_url})


@require_safe
def ics(request: HttpRequest, token: str) -> HttpResponse:
    found = CalendarFeed.find(token)
    if found is None:
        raise Http404
    owner = found.owner
    if owner.is_client:
        body = calendar.client_feed(owner)
    elif owner.is_therapist:
        body = calendar.therapist_feed(owner)
    else:
        raise Http404
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, max-age=900"
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex"
    return response


@csrf_exempt  # the token is the credential; mail providers' RFC 8058 one-click POST carries no cookie
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    from selfkind.reminders.models import ReminderPreference

    pref = ReminderPreference.objects.filter(unsubscribe_token=token).first()
    if pref is None:
        raise Http404
    if request.method == "POST":
        services.unsubscribe(token=token)
        return render(request, "reminders/unsubscribed.html", {"pref": pref})
    return render(request, "reminders/unsubscribe.html", {"pref": pref, "token": token})


@therapist_required
@require_POST
def nudge(request: HttpRequest, client_id: int) -> HttpResponse:
    access = get_client_for(request.user, client_id, action="change:nudge", request=request)
    if access.level != "therapist":
        raise Http404
    form = NudgeForm(request.POST)
    if form.is_valid():
        services.send_nudge(therapist=access.viewer, client=access.client, text=form.cleaned_data["text"])
        messages.success(request, _("Note sent. Your client will see it next time they open Selfkind."))
    else:
        messages.error(request, _("Please write a short note (up to 1,000 characters) and send it again."))
    return redirect("care:client", client_id=access.client.pk)


@client_required
@require_safe
def nudges(request: HttpRequest) -> HttpResponse:
    client: User = request.user  # type: ignore[assignment]
    items = selectors.nudges(client)
    response = render(request, "reminders/nudges.html", {"nudges": items})
    services.mark_nudges_seen(client=client)
    return response


@therapist_required
@require_POST
def suggest(request: HttpRequest, client_id: int, homework_id: int) -> HttpResponse:
    access = get_client_for(request.user, client_id, action="change:reminder_plan", request=request)
    item = get_object_or_404(Homework, pk=homework_id, client=access.client, therapist=access.viewer, active=True)
    form = SuggestionForm(request.POST, prefix=f"hw{item.pk}")
    if form.is_valid():
        services.suggest_plan(
            therapist=access.viewer, homework=item, times=form.cleaned_data["times"], days=form.cleaned_data["days"]
        )
        messages.success(request, _("Reminder plan suggested. Your client can use it or choose their own."))
    else:
        messages.error(request, _("Please give reminder times like 18:00, separated by commas."))
    return redirect("care:homework", client_id=access.client.pk)


@client_required
@require_POST
def use_suggestion(request: HttpRequest, suggestion_id: int) -> HttpResponse:
    client: User = request.user  # type: ignore[assignment]
    suggestion = get_object_or_404(PlanSuggestion, pk=suggestion_id, client=client, decided_at__isnull=True)
    if request.POST.get("decision") == "use":
        services.use_suggestion(suggestion=suggestion, client=client)
        messages.success(request, _("Done: your reminders follow the suggested plan."))
    else:
        suggestion.decided_at = timezone.now()
        suggestion.save(update_fields=["decided_at"])
        messages.info(request, _("Suggestion put aside. Your own times stay as they are."))
    return redirect("reminders:index")


@clinic_admin_required
@require_safe
def health(request: HttpRequest) -> HttpResponse:
    report = selectors.system_health(request.user)  # type: ignore[arg-type]
    failed_tasks = [(t, selectors.last_line(t.traceback)) for t in report.failed_tasks]
    return render(request, "reminders/health.html", {"report": report, "failed_tasks": failed_tasks})
