from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from selfkind.care.models import Homework
from selfkind.lib.forms import PlainLabelsMixin


class HomeworkForm(PlainLabelsMixin, forms.ModelForm):
    target = forms.ChoiceField(label=_("Which one"), required=False)

    class Meta:
        model = Homework
        fields = ["kind", "target", "frequency", "per_week", "starts_on", "ends_on", "note"]
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}),
            "ends_on": forms.DateInput(attrs={"type": "date"}),
            "note": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, targets: list[tuple[str, list[tuple[str, str]]]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["target"].choices = [("", _("(for a thought record: any)"))] + targets  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind, target = data.get("kind"), data.get("target") or ""
        if kind != Homework.Kind.THOUGHT_RECORD and not target:
            self.add_error("target", _("Please choose which one."))
        prefix = {"practice": "practice:", "lesson": "lesson:", "measure": "measure:"}.get(kind or "", "")
        if target and prefix and not target.startswith(prefix):
            self.add_error("target", _("That choice doesn't match the kind of homework. Please choose again."))
        data["target"] = target.split(":", 1)[1] if ":" in target else ""
        return data


class SessionNoteForm(PlainLabelsMixin, forms.Form):
    session_date = forms.DateField(label=_("Session date"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, sections: tuple[tuple[str, Any], ...], homework: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for key, label in sections:
            self.fields[key] = forms.CharField(label=label, required=False, widget=forms.Textarea(attrs={"rows": 3}))
        self.fields["homework"] = forms.MultipleChoiceField(
            label=_("Homework set in this session"),
            required=False,
            choices=[(str(h.pk), h.label) for h in homework],
            widget=forms.CheckboxSelectMultiple,
        )
