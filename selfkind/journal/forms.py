from django import forms

from selfkind.journal.models import Note
from selfkind.lib.forms import PlainLabelsMixin


class NoteForm(PlainLabelsMixin, forms.ModelForm):
    class Meta:
        model = Note
        fields = ["text", "private"]
        widgets = {"text": forms.Textarea(attrs={"rows": 6})}
