"""Template filters shared by every app."""

from __future__ import annotations

import markdown as md
import nh3
from django import template
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

ALLOWED_TAGS = {"p", "em", "strong", "ul", "ol", "li", "br", "blockquote"}


@register.filter
def markdown_safe(text: str) -> SafeString:
    """Render Markdown to HTML keeping only a few harmless tags (no links, images, scripts or styles)."""
    html = md.markdown(text or "", extensions=[])
    return mark_safe(nh3.clean(html, tags=ALLOWED_TAGS, attributes={}))  # noqa: S308 (sanitised by nh3 just above)
