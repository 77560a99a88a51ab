from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from selfkind.lib.forms import PlainLabelsMixin
from selfkind.measures.models import MeasureSchedule


class ScheduleForm(PlainLabelsMixin, forms.ModelForm):
    instrument = forms.ChoiceField(label=_("Measure"))

    class Meta:
        model = MeasureSchedule
        fields = ["instrument", "frequency", "starts_on", "ends_on"]
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}),
            "ends_on": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args: Any, instruments: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["instrument"].choices = instruments  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("ends_on") and data.get("starts_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", _("The end date is before the start date. Please check them."))
        return data
