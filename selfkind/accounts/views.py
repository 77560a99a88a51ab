from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from selfkind.accounts import services, throttle
from selfkind.accounts.access import get_client_for
from selfkind.accounts.decorators import client_required, clinic_admin_required, therapist_required
from selfkind.accounts.forms import (
    AddTherapistForm,
    BreakGlassForm,
    ClinicSettingsForm,
    InviteClientForm,
    SignInForm,
    SignUpForm,
)
from selfkind.accounts.models import AuditEvent, CareRelationship, Consent, Invitation, Role, User
from selfkind.accounts.selectors import consent_question_for
from selfkind.accounts.twofactor import has_confirmed_totp


class SignInView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        email = request.POST.get("username", "")
        address = request.META.get("REMOTE_ADDR", "")
        verdict = throttle.check(email, address)
        if not verdict.allowed:
            form = self.get_form()
            form.is_bound = False  # keep the typed email visible without checking the password
            form.initial = {"username": email}
            context = self.get_context_data(form=form, paused_minutes=max(1, -(-verdict.wait_seconds // 60)))
            return self.render_to_response(context, status=429)
        response = super().post(request, *args, **kwargs)
        if request.user.is_authenticated:
            throttle.record_success(email, address)
        else:
            throttle.record_failure(email, address)
        return response


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    logout(request)
    messages.info(request, _("You have signed out. Take care."))
    return redirect("accounts:login")


@login_required
@require_POST
def sign_out_everywhere(request: HttpRequest) -> HttpResponse:
    services.sign_out_everywhere(user=request.user)  # type: ignore[arg-type]
    logout(request)
    messages.info(request, _("You are signed out on every device."))
    return redirect("accounts:login")


@require_http_methods(["GET", "POST"])
def accept_invitation(request: HttpRequest, token: str) -> HttpResponse:
    try:
        invitation = services.check_invitation(token)
    except services.InvitationUnavailable as exc:
        return render(request, "accounts/invitation_unavailable.html", {"status": exc.status}, status=410)
    user = request.user
    if user.is_authenticated:
        if not user.is_client:  # type: ignore[union-attr]
            return render(request, "accounts/invitation_unavailable.html", {"status": "staff"}, status=409)
        if request.method == "POST":
            services.accept_invitation_as(client=user, token=token)  # type: ignore[arg-type]
            return redirect("accounts:consent")
        return render(request, "accounts/invitation_existing.html", {"invitation": invitation})
    form = SignUpForm(
        request.POST or None, initial={"name": invitation.name, "email": invitation.email, "time_zone": "Europe/London"}
    )
    if request.method == "POST" and form.is_valid():
        try:
            client, _rel = services.sign_up_client(token=token, **{k: form.cleaned_data[k] for k in _SIGNUP_FIELDS})
        except services.InvitationUnavailable as exc:
            return render(request, "accounts/invitation_unavailable.html", {"status": exc.status}, status=410)
        login(request, client, backend="selfkind.accounts.backends.EmailBackend")
        return redirect("accounts:consent")
    return render(request, "accounts/signup.html", {"form": form, "invitation": invitation})


_SIGNUP_FIELDS = ("name", "email", "password", "country", "time_zone")


@client_required
@require_http_methods(["GET", "POST"])
def consent(request: HttpRequest) -> HttpResponse:
    client: User = request.user  # type: ignore[assignment]
    relationship = consent_question_for(client)
    if relationship is None:
        return redirect("accounts:sharing")
    version = services.current_consent_version()
    if request.method == "POST":
        if request.POST.get("decision") == "decline":
            if relationship.status == CareRelationship.Status.PENDING:
                relationship.status = CareRelationship.Status.ENDED
                relationship.save(update_fields=["status"])
            else:
                services.revoke_consent(client=client, relationship=relationship)
            messages.info(request, _("Nothing is shared. You can still use Selfkind on your own."))
            return redirect("care:home")
        if request.POST.get("agree") != "yes":
            messages.error(request, _("Please tick the box to say you agree, or choose not to share."))
        else:
            services.give_consent(client=client, relationship=relationship)
            messages.success(
                request, _("Thank you. %(name)s can now see what you share.") % {"name": relationship.therapist.name}
            )
            return redirect("care:home")
    renewing = relationship.status == CareRelationship.Status.ACTIVE
    return render(
        request,
        "accounts/consent.html",
        {"relationship": relationship, "version": version, "renewing": renewing},
    )


@client_required
def sharing(request: HttpRequest) -> HttpResponse:
    client: User = request.user  # type: ignore[assignment]
    relationships = CareRelationship.objects.filter(client=client).select_related("therapist").order_by("-started_at")
    consents = Consent.objects.filter(relationship__client=client).select_related("version", "relationship__therapist")
    looked = AuditEvent.objects.filter(client=client).order_by("-at")[:50]
    return render(
        request,
        "accounts/sharing.html",
        {
            "relationships": relationships,
            "consents": consents,
            "audit_events": looked,
            "two_factor_on": has_confirmed_totp(client),
        },
    )


@client_required
@require_POST
def revoke(request: HttpRequest, relationship_id: int) -> HttpResponse:
    relationship = get_object_or_404(
        CareRelationship, pk=relationship_id, client=request.user, status=CareRelationship.Status.ACTIVE
    )
    if request.POST.get("confirm") != "yes":
        messages.error(request, _("Please tick the box to confirm. Nothing has changed yet."))
        return redirect("accounts:sharing")
    services.revoke_consent(client=request.user, relationship=relationship)  # type: ignore[arg-type]
    messages.success(
        request,
        _("You have stopped sharing with %(name)s. They no longer see your entries.")
        % {"name": relationship.therapist.name},
    )
    return redirect("accounts:sharing")


@therapist_required
@require_http_methods(["GET", "POST"])
def invitations(request: HttpRequest) -> HttpResponse:
    therapist: User = request.user  # type: ignore[assignment]
    form = InviteClientForm(request.POST or None)
    link = None
    if request.method == "POST" and form.is_valid():
        _invitation, link = services.invite_client(therapist=therapist, **form.cleaned_data)
        messages.success(request, _("Invitation sent. You can also give the link below to your client yourself."))
        form = InviteClientForm()
    sent = Invitation.objects.filter(therapist=therapist).select_related("used_by")[:100]
    return render(request, "accounts/invitations.html", {"form": form, "invitations": sent, "new_link": link})


@therapist_required
@require_POST
def cancel_invitation(request: HttpRequest, invitation_id: int) -> HttpResponse:
    invitation = get_object_or_404(Invitation, pk=invitation_id, therapist=request.user)
    services.cancel_invitation(invitation=invitation)
    messages.info(request, _("The invitation is cancelled; its link no longer works."))
    return redirect("accounts:invitations")


@clinic_admin_required
@require_http_methods(["GET", "POST"])
def clinic(request: HttpRequest) -> HttpResponse:
    from django.db.models import Count, Q

    admin: User = request.user  # type: ignore[assignment]
    form = AddTherapistForm(request.POST or None)
    link = None
    if request.method == "POST" and form.is_valid():
        _therapist, link = services.add_therapist(admin=admin, **form.cleaned_data)
        messages.success(request, _("Therapist added. We emailed them a link to choose a password."))
        form = AddTherapistForm()
    therapists = (
        User.objects.filter(clinic=admin.clinic, role=Role.THERAPIST)
        .annotate(caseload=Count("client_relationships", filter=Q(client_relationships__status="active")))
        .order_by("name")
    )
    clients = User.objects.filter(clinic=admin.clinic, role=Role.CLIENT).order_by("name")
    return render(
        request,
        "accounts/clinic.html",
        {"form": form, "therapists": therapists, "clients": clients, "new_link": link, "clinic": admin.clinic},
    )


@clinic_admin_required
@require_http_methods(["GET", "POST"])
def clinic_settings(request: HttpRequest) -> HttpResponse:
    admin: User = request.user  # type: ignore[assignment]
    form = ClinicSettingsForm(request.POST or None, instance=admin.clinic)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Clinic settings saved."))
        return redirect("accounts:clinic_settings")
    return render(request, "accounts/clinic_settings.html", {"form": form})


@clinic_admin_required
@require_http_methods(["GET", "POST"])
def break_glass(request: HttpRequest, client_id: int) -> HttpResponse:
    admin: User = request.user  # type: ignore[assignment]
    client = User.objects.filter(pk=client_id, role=Role.CLIENT, clinic=admin.clinic).first()
    if client is None:
        raise Http404
    form = BreakGlassForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.open_break_glass(admin=admin, client=client, reason=form.cleaned_data["reason"])
        get_client_for(admin, client.pk, action="break_glass:open", request=request)
        return redirect("care:client", client_id=client.pk)
    return render(request, "accounts/break_glass.html", {"form": form, "client": client})


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")
