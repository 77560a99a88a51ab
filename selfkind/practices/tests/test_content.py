"""Practice content is validated on load: a malformed file fails naming the file and the field."""

import pytest

from selfkind.lib.content import ContentError
from selfkind.practices.content import library, load_folder

GOOD = """slug: calm
language: en
title: Calm
summary: A short calm practice.
component: [mindfulness]
stage: mindfulness
kind: breathing
source: "Somebody (2020). A book."
variants:
  - key: short
    label: About a minute
    steps:
      - {text: "Breathe.", seconds: 60, breath: {inhale: 4, exhale: 6}}
"""


def _write(tmp_path, text, name="calm.yaml"):
    (tmp_path / name).write_text(text)
    return tmp_path


def test_a_good_file_loads(tmp_path):
    practice = load_folder(_write(tmp_path, GOOD))["calm"]
    assert practice.variants[0].steps[0].breath.cycle == 10
    assert practice.variants[0].seconds == 60


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("stage: mindfulness", "stage: later"), "calm.yaml: field 'stage'"),
        (("kind: breathing", "kind: dancing"), "calm.yaml: field 'kind'"),
        (("component: [mindfulness]", "component: [joy]"), "calm.yaml: field 'component'"),
        (("seconds: 60", "seconds: 2"), "calm.yaml: variants[0].steps[0].seconds"),
        (("inhale: 4", "inhale: 0"), "calm.yaml: variants[0].steps[0].breath"),
        (("title: Calm", "titel: Calm"), "unknown field 'titel'"),
        (("slug: calm", "slug: other"), "calm.yaml: field 'slug' must be 'calm'"),
        (('text: "Breathe."', "note: x"), "calm.yaml: variants[0].steps[0]: unknown field 'note'"),
        (("kind: breathing", "kind: guided"), "only breathing practices have a breath pattern"),
    ],
)
def test_a_malformed_file_names_the_file_and_field(tmp_path, change, message):
    with pytest.raises(ContentError) as exc:
        load_folder(_write(tmp_path, GOOD.replace(*change)))
    assert message in str(exc.value)


def test_broken_yaml_names_the_file(tmp_path):
    with pytest.raises(ContentError, match="calm.yaml: not valid YAML"):
        load_folder(_write(tmp_path, "slug: [unclosed"))


EXPECTED = {
    "self-compassion-break",
    "loving-kindness",
    "body-scan",
    "mindful-breathing",
    "paced-breathing",
    "progressive-muscle-relaxation",
    "soothing-touch",
    "compassionate-letter",
    "compassionate-friend",
    "safe-place",
    "two-chair-dialogue",
    "friend-reflection",
    "mindful-noting",
}


def test_every_practice_of_the_therapy_ships_and_cites_its_source():
    practices = library()
    assert set(practices) >= EXPECTED
    for practice in practices.values():
        assert len(practice.source) > 15, practice.slug


def test_the_shipped_variants_match_the_brief():
    practices = library()
    body = {v.key: v.seconds for v in practices["body-scan"].variants}
    assert (
        len(body) == 2
        and min(body.values()) == pytest.approx(180, rel=0.25)
        and max(body.values()) == pytest.approx(900, rel=0.25)
    )
    pmr = practices["progressive-muscle-relaxation"]
    groups = {v.key: len({s.muscle for s in v.steps if s.muscle}) for v in pmr.variants}
    assert sorted(groups.values()) == [4, 7, 16]
    for v in pmr.variants:
        for s in v.steps:
            if s.phase == "tense":
                assert 5 <= s.seconds <= 7
            if s.phase == "release":
                assert 20 <= s.seconds <= 30
    patterns = {
        (s.breath.inhale, s.breath.hold, s.breath.exhale, s.breath.hold_after)
        for v in practices["paced-breathing"].variants
        for s in v.steps
        if s.breath
    }
    assert (4, 4, 4, 4) in patterns and (4, 7, 8, 0) in patterns
    assert any(round(60 / (i + h + e + a)) == 6 for i, h, e, a in patterns)
    dialogue = [s.voice for v in practices["two-chair-dialogue"].variants for s in v.steps if s.voice]
    assert dialogue.count("critic") >= 3 and dialogue.count("compassionate") >= 3
