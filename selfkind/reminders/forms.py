from __future__ import annotations

from datetime import time
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from selfkind.accounts.models import timezone_choices
from selfkind.lib.forms import PlainLabelsMixin
from selfkind.reminders.models import TIMED_KINDS, Kind

DAY_CHOICES = [
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
    (5, _("Saturday")),
    (6, _("Sunday")),
]
KIND_HELP = {
    "practice": _("On days you have a practice to do."),
    "thought_record": _("On days you have a thought record to do."),
    "measure": _("On days a check-in is due."),
    "session": _("The evening before each session."),
}


def parse_times(value: str) -> list[time]:
    """Return the times in "08:00, 19:30" (at most four), or raise ValueError."""
    times = []
    for part in value.replace(";", ",").split(","):
        part = part.strip()
        if not part:
            continue
        hours, _sep, minutes = part.partition(":")
        times.append(time(int(hours), int(minutes or 0)))
    if len(times) > 4:
        raise ValueError("too many")
    return sorted(set(times))


class TimesField(forms.CharField):
    def to_python(self, value: Any) -> list[time]:  # type: ignore[override]
        text = super().to_python(value)
        try:
            return parse_times(text or "")
        except ValueError:
            raise forms.ValidationError(
                _("Please write times like 08:00 or 19:30, separated by commas (up to four).")
            ) from None


class SettingsForm(PlainLabelsMixin, forms.Form):
    time_zone = forms.ChoiceField(label=_("Time zone"), required=False)
    quiet_start = forms.TimeField(
        label=_("Quiet from"), required=False, widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    quiet_end = forms.TimeField(
        label=_("Quiet until"), required=False, widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )

    def __init__(self, *args: Any, account_zone: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["time_zone"].choices = [  # type: ignore[attr-defined]
            ("", _("Same as my account (%(zone)s)") % {"zone": account_zone})
        ] + timezone_choices()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (data.get("quiet_start") is None) != (data.get("quiet_end") is None):
            raise forms.ValidationError(_("Please give both ends of your quiet hours, or neither."))
        return data


class KindForm(PlainLabelsMixin, forms.Form):
    enabled = forms.BooleanField(label=_("Send me these"), required=False)
    times = TimesField(label=_("At (your local time)"), required=False)
    days = forms.TypedMultipleChoiceField(
        label=_("On these days"), choices=DAY_CHOICES, coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, kind: str, **kwargs: Any) -> None:
        super().__init__(*args, prefix=kind, **kwargs)
        self.kind = kind
        self.title = Kind(kind).label
        self.help = KIND_HELP.get(kind, "")
        if kind == "session":
            del self.fields["days"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("enabled") and not data.get("times"):
            self.add_error("times", _("Please give at least one time, or turn these off."))
        if data.get("enabled") and "days" in self.fields and not data.get("days"):
            self.add_error("days", _("Please choose at least one day, or turn these off."))
        return data


def kind_forms(data: Any, initial: dict[str, dict[str, Any]]) -> list[KindForm]:
    return [KindForm(data, kind=k.value, initial=initial.get(k.value)) for k in TIMED_KINDS]


class NudgeForm(PlainLabelsMixin, forms.Form):
    text = forms.CharField(
        label=_("A short note of encouragement"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Your client reads it in Selfkind. The email only says there is a note."),
    )


class SuggestionForm(PlainLabelsMixin, forms.Form):
    times = TimesField(label=_("Suggested reminder times"), initial="18:00")
    days = forms.TypedMultipleChoiceField(
        label=_("On these days"), choices=DAY_CHOICES, coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )

    def clean_times(self) -> list[time]:
        times: list[time] = self.cleaned_data["times"]
        if not times:
            raise forms.ValidationError(_("Please give at least one time."))
        return times
