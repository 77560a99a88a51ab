"""Form helpers shared by every app."""

from __future__ import annotations

from typing import Any


class PlainLabelsMixin:
    """Labels without Django's trailing colon: they read as plain questions."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
