from __future__ import annotations

from datetime import timedelta
from typing import Any

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from selfkind.accounts.models import COUNTRY_CHOICES, Appointment, Clinic, User, timezone_choices
from selfkind.lib.forms import PlainLabelsMixin


class SignInForm(PlainLabelsMixin, AuthenticationForm):
    """Email and password. The field keeps Django's name `username` (the contract allows it)."""

    username = forms.EmailField(
        label=_("Email"), widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True})
    )

    error_messages = {
        "invalid_login": _(
            "That email and password don't match an account. Please check them and try again — it happens to everyone."
        ),
        "inactive": _("This account is not active. Your clinic can help."),
    }


class SignUpForm(PlainLabelsMixin, forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=120, widget=forms.TextInput(attrs={"autocomplete": "name"}))
    email = forms.EmailField(label=_("Email"), widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    password = forms.CharField(
        label=_("Choose a password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}, render_value=True),
        help_text=_("At least 10 characters. A few unrelated words work well."),
    )
    country = forms.ChoiceField(
        label=_("Country you live in"),
        choices=COUNTRY_CHOICES,
        help_text=_("So we can show the right crisis lines for you."),
    )
    time_zone = forms.ChoiceField(
        label=_("Your time zone"), choices=timezone_choices, help_text=_("So reminders and dates match your day.")
    )
    adult = forms.BooleanField(
        label=_("I am 18 or older"),
        error_messages={"required": _("Selfkind is for adults for now. Please tick this box if you are 18 or older.")},
    )

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email=email).exists():
            raise forms.ValidationError(
                _(
                    "There is already an account with this email. Sign in with it, then open your "
                    "invitation link again — or use a different email."
                )
            )
        return email

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        password = data.get("password")
        if password:
            probe = User(email=data.get("email", ""), name=data.get("name", ""))
            try:
                password_validation.validate_password(password, probe)
            except forms.ValidationError as exc:
                self.add_error("password", exc)
        return data


class InviteClientForm(PlainLabelsMixin, forms.Form):
    name = forms.CharField(label=_("Client's name"), max_length=120)
    email = forms.EmailField(label=_("Client's email"))

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip().lower()


class AddTherapistForm(PlainLabelsMixin, forms.Form):
    name = forms.CharField(label=_("Therapist's name"), max_length=120)
    email = forms.EmailField(label=_("Therapist's email"))

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email=email).exists():
            raise forms.ValidationError(_("There is already an account with this email."))
        return email


class BreakGlassForm(PlainLabelsMixin, forms.Form):
    reason = forms.CharField(
        label=_("Why do you need to open this record?"),
        min_length=10,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The client will see this reason, and when you opened their record."),
    )


class AppointmentForm(PlainLabelsMixin, forms.ModelForm):
    starts_at = forms.DateTimeField(
        label=_("Date and time"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )

    class Meta:
        model = Appointment
        fields = ["starts_at", "duration_minutes"]

    def clean_starts_at(self) -> Any:
        value = self.cleaned_data["starts_at"]
        if value < timezone.now() - timedelta(days=365):
            raise forms.ValidationError(_("That date is more than a year ago. Please check it."))
        return value


class AppointmentStatusForm(PlainLabelsMixin, forms.ModelForm):
    class Meta:
        model = Appointment
        fields = ["status"]


class OTPTokenForm(PlainLabelsMixin, forms.Form):
    otp_token = forms.CharField(
        label=_("Code"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
        help_text=_("The 6-digit code from your authenticator app, or one of your recovery codes."),
    )


RETENTION_RANGE = _("Choose between 1 and 30 years, as the law where you practise requires.")


class ClinicSettingsForm(PlainLabelsMixin, forms.ModelForm):
    class Meta:
        model = Clinic
        fields = [
            "name",
            "urgent_escalation_hours",
            "measure_grace_days",
            "private_risk_notices",
            "private_risk_notices_off_reason",
            "deletion_grace_days",
            "session_note_retention_years",
            "alert_retention_years",
        ]
        widgets = {"private_risk_notices_off_reason": forms.Textarea(attrs={"rows": 3})}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (
            not data.get("private_risk_notices")
            and len((data.get("private_risk_notices_off_reason") or "").strip()) < 10
        ):
            self.add_error(
                "private_risk_notices_off_reason",
                _("Turning these notices off needs a written reason, kept on record."),
            )
        return data

    def clean_urgent_escalation_hours(self) -> int:
        hours = self.cleaned_data["urgent_escalation_hours"]
        if not 1 <= hours <= 72:
            raise forms.ValidationError(_("Choose between 1 and 72 hours, so that urgent alerts always reach someone."))
        return hours

    def clean_measure_grace_days(self) -> int:
        days = self.cleaned_data["measure_grace_days"]
        if not 0 <= days <= 14:
            raise forms.ValidationError(_("Choose between 0 and 14 days."))
        return days

    def _within(self, name: str, low: int, high: int, message: object) -> int:
        value: int = self.cleaned_data[name]
        if not low <= value <= high:
            raise forms.ValidationError(str(message))
        return value

    def clean_deletion_grace_days(self) -> int:
        return self._within(
            "deletion_grace_days",
            1,
            90,
            _("Choose between 1 and 90 days, so that clients have time to change their mind."),
        )

    def clean_session_note_retention_years(self) -> int:
        return self._within("session_note_retention_years", 1, 30, RETENTION_RANGE)

    def clean_alert_retention_years(self) -> int:
        return self._within("alert_retention_years", 1, 30, RETENTION_RANGE)
