from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from selfkind.accounts.models import User
from selfkind.lib.forms import PlainLabelsMixin


class DeleteAccountForm(PlainLabelsMixin, forms.Form):
    password = forms.CharField(
        label=_("Your password, to confirm it's you"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    understood = forms.BooleanField(
        label=_("I understand that after the waiting period my entries are erased and cannot be brought back."),
        error_messages={"required": _("Please tick the box to confirm. Nothing has changed yet.")},
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password: str = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That password doesn't match. Please try again; nothing has changed."))
        return password
