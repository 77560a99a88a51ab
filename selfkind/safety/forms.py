from django import forms
from django.utils.translation import gettext_lazy as _

from selfkind.lib.forms import PlainLabelsMixin


class AcknowledgeForm(PlainLabelsMixin, forms.Form):
    note = forms.CharField(
        label=_("What you did"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("For example: phoned the client, agreed a safety plan, booked an earlier session."),
    )
