"""`{% keep %}` keeps parts of the page shell rendered, and the pages are the same as without it."""

from __future__ import annotations

import re

import pytest
from django.template import TemplateSyntaxError, engines
from django.urls import reverse
from django.utils import translation

from selfkind.lib.templatetags.shell import KeepNode


def _template(source: str):
    return engines["django"].from_string("{% load shell %}" + source)


def _keep_node(template) -> KeepNode:
    (node,) = template.template.nodelist.get_nodes_by_type(KeepNode)
    return node


def test_a_kept_part_sees_only_the_values_it_names():
    template = _template("{% keep role=role %}[{{ role }}|{{ words }}|{{ user }}|{{ csrf_token }}]{% endkeep %}")
    html = template.render({"role": "client", "words": "what a client wrote", "user": "Cara", "csrf_token": "t"})
    assert html == "[client|||]"


def test_each_language_and_set_of_values_has_its_own_copy_and_a_repeat_is_served_from_it():
    template = _template("{% keep n=n %}<b>{{ n }}</b>{% endkeep %}")
    node = _keep_node(template)
    assert [template.render({"n": n}) for n in (1, 2, 1)] == ["<b>1</b>", "<b>2</b>", "<b>1</b>"]
    assert len(node.kept) == 2
    with translation.override("fr"):
        template.render({"n": 1})
    assert len(node.kept) == 3
    # A repeat is the kept copy, not a new rendering.
    (key,) = [k for k in node.kept if k[0] == translation.get_language() and k[2] == ("1",)]
    node.kept[key] = "kept"
    assert template.render({"n": 1}) == "kept"


def test_outside_a_kept_part_the_page_still_sees_everything():
    template = _template("{{ words }}{% keep %}<hr>{% endkeep %}{{ words }}")
    assert template.render({"words": "mine"}) == "mine<hr>mine"


@pytest.mark.parametrize(
    "source",
    [
        "{% keep %}{% block title %}{% endblock %}{% endkeep %}",  # a block would be kept for every page
        "{% keep user %}{% endkeep %}",
        "{% keep =user %}{% endkeep %}",
        "{% keep role= %}{% endkeep %}",
    ],
)
def test_a_keep_it_cannot_honour_is_refused_when_compiled(source):
    with pytest.raises(TemplateSyntaxError):
        _template(source)


def _normalised(html: str) -> str:
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', 'name="csrfmiddlewaretoken" value="-"', html)
    html = re.sub(r'"X-CSRFToken": "[^"]+"', '"X-CSRFToken": "-"', html)
    return re.sub(r'nonce="[^"]+"', 'nonce="-"', html)


def _render_in_full_context(self: KeepNode, context) -> str:
    """The part as if there were no {% keep %}: rendered every time, seeing the whole page's context."""
    with context.push({name: expression.resolve(context) for name, expression in self.values.items()}):
        return self.nodelist.render(context)


PAGES = [
    ("client", "care:home", "light"),
    ("client", "practices:index", "dark"),
    ("client", "measures:index", "auto"),
    ("client", "journal:thoughts", ""),
    ("therapist", "care:home", "dark"),
    ("therapist", "safety:alerts", ""),
    ("clinic_admin", "accounts:clinic", ""),
    (None, "accounts:login", "dark"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("who", "page", "theme"), PAGES)
def test_every_shell_is_the_one_rendered_without_keeping(personas, as_user, monkeypatch, who, page, theme):
    c = as_user(getattr(personas, who) if who else None)
    if theme:
        c.cookies["theme"] = theme
    url = reverse(page)
    kept = [c.get(url) for _ in range(2)]  # the first fills the copies, the second is served from them
    monkeypatch.setattr(KeepNode, "render", _render_in_full_context)
    plain = c.get(url)
    for response in (*kept, plain):
        assert response.status_code == 200
    assert _normalised(kept[0].content.decode()) == _normalised(plain.content.decode())
    assert _normalised(kept[1].content.decode()) == _normalised(plain.content.decode())
    if who:  # the role's own links, with the open page marked
        assert 'aria-current="page"' in kept[1].content.decode() or page == "journal:thoughts"
