"""Therapists write their own practices in a simple form; the same validator as the content files checks them."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from selfkind.lib.content import ContentError
from selfkind.lib.forms import PlainLabelsMixin
from selfkind.practices.content import COMPONENTS, STAGES, parse_practice

COMPONENT_CHOICES = [
    ("self_kindness", _("Self-kindness")),
    ("common_humanity", _("Common humanity")),
    ("mindfulness", _("Mindfulness")),
]
STAGE_CHOICES = [
    ("understanding", _("Understanding self-compassion")),
    ("from_criticism_to_compassion", _("From self-criticism to self-compassion")),
    ("resilience", _("Resilience through practice")),
    ("mindfulness", _("Mindfulness")),
]
assert [c for c, _label in COMPONENT_CHOICES] == list(COMPONENTS) and [s for s, _l in STAGE_CHOICES] == list(STAGES)


class CustomPracticeForm(PlainLabelsMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=80)
    summary = forms.CharField(label=_("One sentence about it"), max_length=240)
    stage = forms.ChoiceField(label=_("Stage of therapy"), choices=STAGE_CHOICES)
    component = forms.MultipleChoiceField(
        label=_("What it trains"), choices=COMPONENT_CHOICES, widget=forms.CheckboxSelectMultiple
    )
    source = forms.CharField(label=_("Source or citation"), max_length=300)
    steps = forms.CharField(
        label=_("Steps"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "One step a line, starting with its seconds and a bar, for example: 30 | Notice your breath. "
            "Simple Markdown (*emphasis*, lists) is allowed."
        ),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        steps = []
        for number, line in enumerate((data.get("steps") or "").splitlines(), start=1):
            if not line.strip():
                continue
            seconds, bar, text = line.partition("|")
            if not bar or not seconds.strip().isdigit():
                self.add_error(
                    "steps", _("Line %(n)s needs seconds, a bar and the text, like: 30 | Breathe.") % {"n": number}
                )
                return data
            steps.append({"seconds": int(seconds.strip()), "text": text.strip()})
        minutes = max(1, round(sum(s["seconds"] for s in steps) / 60))
        definition = {
            "slug": slugify(data["title"])[:50] or "practice",
            "language": "en",
            "title": data["title"],
            "summary": data["summary"],
            "component": data["component"],
            "stage": data["stage"],
            "kind": "guided",
            "source": data["source"],
            "variants": [{"key": "standard", "label": f"About {minutes} minutes", "steps": steps}],
        }
        try:
            parse_practice(definition, "your practice")
        except ContentError as exc:
            self.add_error("steps", str(exc).replace("your practice: ", ""))
        data["definition"] = definition
        return data
