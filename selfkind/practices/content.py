"""Practice content: YAML files validated strictly on load (errors name the file and the field).

The same schema serves therapists' own practices, stored in the database (see models.CustomPractice).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from django.conf import settings

from selfkind.lib.content import ContentError

COMPONENTS = ("self_kindness", "common_humanity", "mindfulness")
STAGES = ("understanding", "from_criticism_to_compassion", "resilience", "mindfulness")
KINDS = ("guided", "breathing", "pmr", "written")
_TOP = {"slug", "language", "title", "summary", "component", "stage", "kind", "source", "variants"}
_STEP = {"text", "seconds", "breath", "muscle", "phase", "write", "prompt", "voice"}
_BREATH = {"inhale", "hold", "exhale", "hold_after"}
_KEY = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass(frozen=True)
class Breath:
    inhale: int
    hold: int
    exhale: int
    hold_after: int

    @property
    def cycle(self) -> int:
        return self.inhale + self.hold + self.exhale + self.hold_after


@dataclass(frozen=True)
class Step:
    text: str
    seconds: int
    breath: Breath | None = None
    muscle: str = ""
    phase: str = ""
    write: bool = False
    prompt: str = ""
    voice: str = ""


@dataclass(frozen=True)
class Variant:
    key: str
    label: str
    steps: tuple[Step, ...]

    @property
    def seconds(self) -> int:
        return sum(step.seconds for step in self.steps)

    @property
    def minutes(self) -> int:
        return max(1, round(self.seconds / 60))


@dataclass(frozen=True)
class Practice:
    slug: str
    language: str
    title: str
    summary: str
    component: tuple[str, ...]
    stage: str
    kind: str
    source: str
    variants: tuple[Variant, ...]
    custom_id: int | None = None  # set for a therapist's own practice

    def variant(self, key: str) -> Variant | None:
        return next((v for v in self.variants if v.key == key), None)

    @property
    def is_written(self) -> bool:
        return self.kind == "written"


def _fail(where: str, message: str) -> ContentError:
    return ContentError(f"{where}: {message}")


def parse_practice(data: Any, where: str, *, slug: str | None = None) -> Practice:
    """Return a Practice from its mapping, or raise ContentError naming `where` and the field."""
    if not isinstance(data, Mapping):
        raise _fail(where, "the file must be a mapping of fields")
    unknown = set(data) - _TOP
    if unknown:
        raise _fail(where, f"unknown field {sorted(unknown)[0]!r}")
    for name in ("slug", "language", "title", "summary", "stage", "kind", "source"):
        if not isinstance(data.get(name), str) or not data[name].strip():
            raise _fail(where, f"field {name!r} is required and must be text")
    if slug is not None and data["slug"] != slug:
        raise _fail(where, f"field 'slug' must be {slug!r}, the file's name")
    if not _KEY.match(data["slug"]):
        raise _fail(where, "field 'slug' may hold only lower-case letters, digits and hyphens")
    if data["stage"] not in STAGES:
        raise _fail(where, f"field 'stage' must be one of {', '.join(STAGES)}")
    if data["kind"] not in KINDS:
        raise _fail(where, f"field 'kind' must be one of {', '.join(KINDS)}")
    component = data.get("component")
    if not isinstance(component, list) or not component or any(c not in COMPONENTS for c in component):
        raise _fail(where, f"field 'component' must list one or more of {', '.join(COMPONENTS)}")
    variants = data.get("variants")
    if not isinstance(variants, list) or not variants:
        raise _fail(where, "field 'variants' must list at least one variant")
    parsed = tuple(_variant(v, f"{where}: variants[{i}]", data["kind"]) for i, v in enumerate(variants))
    keys = [v.key for v in parsed]
    if len(set(keys)) != len(keys):
        raise _fail(where, "field 'variants' has two variants with the same key")
    return Practice(
        slug=data["slug"],
        language=data["language"],
        title=data["title"].strip(),
        summary=data["summary"].strip(),
        component=tuple(component),
        stage=data["stage"],
        kind=data["kind"],
        source=data["source"].strip(),
        variants=parsed,
    )


def _variant(data: Any, where: str, kind: str) -> Variant:
    if not isinstance(data, Mapping) or set(data) - {"key", "label", "steps"}:
        raise ContentError(f"{where}: a variant has exactly 'key', 'label' and 'steps'")
    if not isinstance(data.get("key"), str) or not _KEY.match(data["key"]):
        raise ContentError(f"{where}.key: lower-case letters, digits and hyphens")
    if not isinstance(data.get("label"), str) or not data["label"].strip():
        raise ContentError(f"{where}.label: required text")
    steps = data.get("steps")
    if not isinstance(steps, list) or not steps:
        raise ContentError(f"{where}.steps: at least one step")
    return Variant(
        key=data["key"],
        label=data["label"].strip(),
        steps=tuple(_step(s, f"{where}.steps[{i}]", kind) for i, s in enumerate(steps)),
    )


def _step(data: Any, where: str, kind: str) -> Step:
    if not isinstance(data, Mapping):
        raise ContentError(f"{where}: a step must be a mapping")
    unknown = set(data) - _STEP
    if unknown:
        raise ContentError(f"{where}: unknown field {sorted(unknown)[0]!r}")
    if not isinstance(data.get("text"), str) or not data["text"].strip():
        raise ContentError(f"{where}.text: required text")
    seconds = data.get("seconds")
    if not isinstance(seconds, int) or isinstance(seconds, bool) or not 5 <= seconds <= 600:
        raise ContentError(f"{where}.seconds: a whole number from 5 to 600")
    breath = None
    if "breath" in data:
        if kind != "breathing":
            raise ContentError(f"{where}.breath: only breathing practices have a breath pattern")
        b = data["breath"]
        if not isinstance(b, Mapping) or set(b) - _BREATH or not {"inhale", "exhale"} <= set(b):
            raise ContentError(f"{where}.breath: needs inhale and exhale (hold and hold_after optional)")
        values = {k: b.get(k, 0) for k in _BREATH}
        if any(not isinstance(v, int) or isinstance(v, bool) or not 0 <= v <= 15 for v in values.values()):
            raise ContentError(f"{where}.breath: whole seconds from 0 to 15")
        if values["inhale"] < 1 or values["exhale"] < 1:
            raise ContentError(f"{where}.breath: inhale and exhale take at least a second")
        breath = Breath(**values)
    if ("muscle" in data or "phase" in data) and kind != "pmr":
        raise ContentError(f"{where}.muscle: only muscle relaxation steps name a muscle group")
    if "phase" in data and data["phase"] not in ("tense", "release"):
        raise ContentError(f"{where}.phase: tense or release")
    write = data.get("write", False)
    if write and kind != "written":
        raise ContentError(f"{where}.write: only written practices ask for writing")
    if write and (not isinstance(data.get("prompt"), str) or not data["prompt"].strip()):
        raise ContentError(f"{where}.prompt: a writing step needs a prompt")
    if "voice" in data and data["voice"] not in ("critic", "compassionate"):
        raise ContentError(f"{where}.voice: critic or compassionate")
    return Step(
        text=data["text"].strip(),
        seconds=seconds,
        breath=breath,
        muscle=str(data.get("muscle", "")),
        phase=str(data.get("phase", "")),
        write=bool(write),
        prompt=str(data.get("prompt", "")).strip(),
        voice=str(data.get("voice", "")),
    )


def load_folder(folder: Path) -> dict[str, Practice]:
    """Return every practice file in a folder, validated, keyed by slug."""
    practices = {}
    for path in sorted(folder.glob("*.yaml")):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError as exc:
            raise ContentError(f"{path.name}: not valid YAML ({exc})") from None
        practice = parse_practice(data, path.name, slug=path.stem)
        practices[practice.slug] = practice
    return practices


@lru_cache(maxsize=1)
def library() -> dict[str, Practice]:
    """Return the practices shipped with Selfkind."""
    return load_folder(settings.CONTENT_DIR / "practices")
