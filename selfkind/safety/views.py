from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from selfkind.accounts.access import active_relationship
from selfkind.accounts.decorators import client_required, role_required
from selfkind.accounts.models import User
from selfkind.safety import services
from selfkind.safety.forms import AcknowledgeForm
from selfkind.safety.models import Alert
from selfkind.safety.resources import all_resources, resources_for
from selfkind.safety.selectors import alerts_for_reader, get_alert_for

staff_required = role_required("therapist", "admin")


def crisis_url(alert: Alert | None) -> str:
    """Return the crisis screen's address for an outcome's alert (or the plain screen)."""
    url = reverse("safety:crisis")
    return f"{url}?alert={alert.pk}" if alert is not None else url


def crisis_redirect(outcome: services.SafetyOutcome) -> HttpResponse:
    """Send the client to the crisis screen for a risky save (views call this after saving)."""
    return redirect(crisis_url(outcome.alert))


@require_safe
def need_help(request: HttpRequest) -> HttpResponse:
    """The public "Need help now?" page: emergency numbers first, then lines for the country."""
    chosen = request.GET.get("country", "")
    if not chosen and request.user.is_authenticated:
        chosen = request.user.country  # type: ignore[union-attr]
    resources = resources_for(chosen)
    countries = sorted(((c.code, c.name) for c in all_resources().values()), key=lambda pair: pair[0] == "ZZ")
    return render(request, "safety/need_help.html", {"resources": resources, "countries": countries})


@client_required
@require_safe
def crisis(request: HttpRequest) -> HttpResponse:
    """The calm screen a client sees at once when something they saved suggests risk."""
    client: User = request.user  # type: ignore[assignment]
    alert = None
    alert_id = request.GET.get("alert", "")
    if alert_id.isdigit():
        alert = Alert.objects.filter(pk=int(alert_id), client=client).select_related("routed_to").first()
    relationship = active_relationship(client)
    context = {
        "resources": resources_for(client.country),
        "alert": alert,
        "told": alert.routed_role if alert else "nobody",
        "therapist": relationship.therapist if relationship else None,
        "next": _safe_next(request),
    }
    return render(request, "safety/crisis.html", context)


def _safe_next(request: HttpRequest) -> str:
    target = request.GET.get("next", "")
    if target.startswith("/") and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return ""


@client_required
@require_POST
def crisis_choice(request: HttpRequest, alert_id: int) -> HttpResponse:
    client: User = request.user  # type: ignore[assignment]
    alert = Alert.objects.filter(pk=alert_id, client=client).first()
    if alert is None:
        raise Http404
    choice = request.POST.get("choice", "")
    if choice not in {"safe_now", "tell_therapist"}:
        messages.error(request, _("Please choose one of the options."))
    else:
        services.record_client_choice(alert=alert, client=client, choice=choice)
        if choice == "tell_therapist":
            messages.success(
                request, _("Thank you for telling us. We've let them know; they'll see it when they sign in.")
            )
        else:
            messages.success(
                request, _("Thank you for letting us know. The numbers stay on this page if you need them.")
            )
    return redirect(crisis_url(alert))


@staff_required
@require_safe
def alerts(request: HttpRequest) -> HttpResponse:
    staff: User = request.user  # type: ignore[assignment]
    return render(request, "safety/alerts.html", {"alerts": alerts_for_reader(staff)[:200]})


@staff_required
@require_http_methods(["GET", "POST"])
def alert_detail(request: HttpRequest, alert_id: int) -> HttpResponse:
    staff: User = request.user  # type: ignore[assignment]
    view = get_alert_for(staff, alert_id, request=request)
    form = AcknowledgeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.acknowledge(alert=view.alert, by=staff, note=form.cleaned_data["note"])
        messages.success(request, _("Alert acknowledged. It stays in the client's history."))
        return redirect("safety:alert", alert_id=view.alert.pk)
    return render(request, "safety/alert.html", {"view": view, "alert": view.alert, "form": form})
