"""Lessons: psychoeducation as Markdown files with front matter, validated on load, plus therapists' own."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.conf import settings

from selfkind.accounts.models import User
from selfkind.lib.content import ContentError, read_document
from selfkind.practices.content import STAGES
from selfkind.practices.models import CustomLesson

_FIELDS = {"slug", "language", "title", "summary", "stage", "order", "minutes", "sources", "reflection"}


@dataclass(frozen=True)
class Lesson:
    slug: str
    language: str
    title: str
    summary: str
    stage: str
    order: int
    minutes: int
    sources: tuple[str, ...]
    reflection: str
    body: str
    custom_id: int | None = None


def parse_lesson(meta: dict, body: str, where: str, *, slug: str | None = None) -> Lesson:
    """Return a Lesson from front matter and body, or raise ContentError naming `where` and the field."""
    unknown = set(meta) - _FIELDS
    if unknown:
        raise ContentError(f"{where}: unknown field {sorted(unknown)[0]!r}")
    for name in ("slug", "language", "title", "summary", "stage", "reflection"):
        if not isinstance(meta.get(name), str) or not meta[name].strip():
            raise ContentError(f"{where}: field {name!r} is required and must be text")
    if slug is not None and meta["slug"] != slug:
        raise ContentError(f"{where}: field 'slug' must be {slug!r}, the file's name")
    if meta["stage"] not in STAGES:
        raise ContentError(f"{where}: field 'stage' must be one of {', '.join(STAGES)}")
    for name, low, high in (("order", 1, 99), ("minutes", 1, 30)):
        value = meta.get(name)
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
            raise ContentError(f"{where}: field {name!r} must be a whole number from {low} to {high}")
    sources = meta.get("sources")
    if not isinstance(sources, list) or not sources or not all(isinstance(s, str) and s.strip() for s in sources):
        raise ContentError(f"{where}: field 'sources' must list at least one citation")
    if not body.strip():
        raise ContentError(f"{where}: the lesson has no text")
    return Lesson(
        slug=meta["slug"],
        language=meta["language"],
        title=meta["title"].strip(),
        summary=meta["summary"].strip(),
        stage=meta["stage"],
        order=meta["order"],
        minutes=meta["minutes"],
        sources=tuple(s.strip() for s in sources),
        reflection=meta["reflection"].strip(),
        body=body.strip(),
    )


def load_folder(folder: Path) -> dict[str, Lesson]:
    lessons = {}
    for path in sorted(folder.glob("*.md")):
        if path.name == "README.md":
            continue
        doc = read_document(path)
        lesson = parse_lesson(doc.meta, doc.body, path.name, slug=path.stem)
        lessons[lesson.slug] = lesson
    orders = [lesson.order for lesson in lessons.values()]
    if len(set(orders)) != len(orders):
        raise ContentError(f"{folder.name}: two lessons share an 'order'")
    return dict(sorted(lessons.items(), key=lambda item: item[1].order))


@lru_cache(maxsize=1)
def course() -> dict[str, Lesson]:
    """Return the lessons shipped with Selfkind, in course order."""
    return load_folder(settings.CONTENT_DIR / "lessons")


def lessons_for(user: User) -> dict[str, Lesson]:
    """Return the course and the user's clinic's own lessons, in order."""
    result = dict(course())
    if user.clinic_id:
        for custom in CustomLesson.objects.filter(clinic_id=user.clinic_id).order_by("created_at"):
            slug = f"custom-{custom.pk}"
            result[slug] = Lesson(
                slug=slug,
                language="en",
                title=custom.title,
                summary=custom.summary,
                stage=custom.stage,
                order=100 + custom.pk,
                minutes=max(1, len(custom.body.split()) // 200),
                sources=(custom.sources,) if custom.sources else (),
                reflection=custom.reflection,
                body=custom.body,
                custom_id=custom.pk,
            )
    return result
