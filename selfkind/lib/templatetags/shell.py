"""`{% keep %}`: a part of the page shell rendered once per process for each language and set of values.

    {% keep role=user.role url_name=request.resolver_match.url_name %} … {% endkeep %}

The part is rendered in a context holding only the values named on the tag: it never sees the user, the
request, the form token or the CSP nonce, so nothing personal or per-request can be kept, and what it shows
can depend only on the active language and those values. Its copies live on the compiled template's node, one
per (language, URL prefix, values); name only values with few possible answers (a role, a URL name, a theme),
since every answer is kept for the life of the process. A deploy restarts the processes; under runserver an
edited template is compiled afresh, with nothing kept.

The shell's links, labels and translations were over half the time a kept "today" page took (URL reversals,
translations and static-file lookups on every page view, the same for everyone who shares a language).
"""

from __future__ import annotations

from typing import Any

from django import template
from django.template.base import FilterExpression, NodeList, Parser, Token
from django.template.loader_tags import BlockNode
from django.urls import get_script_prefix
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

register = template.Library()


class KeepNode(template.Node):
    # Not walked for blocks: a {% block %} inside would be kept for every page, so it is refused when compiled.
    child_nodelists = ()

    def __init__(self, nodelist: NodeList, values: dict[str, FilterExpression]) -> None:
        self.nodelist = nodelist
        self.values = values
        self.kept: dict[tuple[str, str, tuple[str, ...]], SafeString] = {}

    def render(self, context: Any) -> SafeString:
        values = {name: str(expression.resolve(context)) for name, expression in self.values.items()}
        key = (get_language() or "", get_script_prefix(), tuple(values.values()))
        html = self.kept.get(key)
        if html is None:
            html = mark_safe(self.nodelist.render(context.new(values)))  # noqa: S308 (the template's own output)
            self.kept[key] = html
        return html


@register.tag
def keep(parser: Parser, token: Token) -> KeepNode:
    bits = token.split_contents()[1:]
    values: dict[str, FilterExpression] = {}
    for bit in bits:
        name, sep, expression = bit.partition("=")
        if not sep or not name.isidentifier() or not expression:
            raise template.TemplateSyntaxError(f"{{% keep %}} takes name=value pairs, not {bit!r}")
        values[name] = parser.compile_filter(expression)
    nodelist = parser.parse(("endkeep",))
    parser.delete_first_token()
    if nodelist.get_nodes_by_type(BlockNode):
        raise template.TemplateSyntaxError("{% keep %} may not hold a {% block %}: it would be kept for every page")
    return KeepNode(nodelist, values)
