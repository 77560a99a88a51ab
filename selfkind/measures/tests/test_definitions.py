"""The definition files say exactly what the clinical reference says, and broken files are refused.

The tables below are copied from clinical-reference.md; a definition that drifts from them fails.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from fractions import Fraction
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
import yaml

from selfkind.measures.instruments import registry
from selfkind.measures.instruments.registry import DefinitionError, load_definition_text
from selfkind.measures.instruments.validation import parse_definition
from selfkind.measures.tests.test_engine import REFERENCE_SCORES

REPO = Path(__file__).resolve().parents[3]
DEFINITIONS = resources.files("selfkind.measures.instruments").joinpath("definitions")

PFIZER = (
    "Copyright © Pfizer Inc. Developed by Drs. Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and colleagues, "
    "with an educational grant from Pfizer Inc. No permission required to reproduce, translate, display or distribute."
)
WHO = "© World Health Organization 1998; Psychiatric Research Unit, Mental Health Centre North Zealand. Free to use."

ITEMS = {
    "phq9": [
        "Little interest or pleasure in doing things",
        "Feeling down, depressed, or hopeless",
        "Trouble falling or staying asleep, or sleeping too much",
        "Feeling tired or having little energy",
        "Poor appetite or overeating",
        "Feeling bad about yourself — or that you are a failure or have let yourself or your family down",
        "Trouble concentrating on things, such as reading the newspaper or watching television",
        "Moving or speaking so slowly that other people could have noticed; or the opposite — being so fidgety or "
        "restless that you have been moving around a lot more than usual",
        "Thoughts that you would be better off dead, or of hurting yourself in some way",
    ],
    "gad7": [
        "Feeling nervous, anxious, or on edge",
        "Not being able to stop or control worrying",
        "Worrying too much about different things",
        "Trouble relaxing",
        "Being so restless that it is hard to sit still",
        "Becoming easily annoyed or irritable",
        "Feeling afraid, as if something awful might happen",
    ],
    "scs_sf": [
        "When I fail at something important to me I become consumed by feelings of inadequacy",
        "I try to be understanding and patient towards those aspects of my personality I don't like",
        "When something painful happens I try to take a balanced view of the situation",
        "When I'm feeling down I tend to feel like most other people are probably happier than I am",
        "I try to see my failings as part of the human condition",
        "When I'm going through a very hard time, I give myself the caring and tenderness I need",
        "When something upsets me I try to keep my emotions in balance",
        "When I fail at something that's important to me, I tend to feel alone in my failure",
        "When I'm feeling down I tend to obsess and fixate on everything that's wrong",
        "When I feel inadequate in some way, I try to remind myself that feelings of inadequacy are shared by most "
        "people",
        "I'm disapproving and judgmental about my own flaws and inadequacies",
        "I'm intolerant and impatient towards those aspects of my personality I don't like",
    ],
    "who5": [
        "I have felt cheerful and in good spirits",
        "I have felt calm and relaxed",
        "I have felt active and vigorous",
        "I woke up feeling fresh and rested",
        "My daily life has been filled with things that interest me",
    ],
    "brs": [
        "I tend to bounce back quickly after hard times",
        "I have a hard time making it through stressful events",
        "It does not take me long to recover from a stressful event",
        "It is hard for me to snap back when something bad happens",
        "I usually come through difficult times with little trouble",
        "I tend to take a long time to get over set-backs in my life",
    ],
}

STEMS = {
    "phq9": "Over the last 2 weeks, how often have you been bothered by any of the following problems?",
    "gad7": "Over the last 2 weeks, how often have you been bothered by the following problems?",
    "scs_sf": "How I typically act towards myself in difficult times.",
    "who5": "Over the last two weeks…",
}

FREQUENCY = [(0, "Not at all"), (1, "Several days"), (2, "More than half the days"), (3, "Nearly every day")]
OPTIONS = {
    "phq9": FREQUENCY,
    "gad7": FREQUENCY,
    "who5": [(5, "All of the time"), (4, "Most of the time"), (3, "More than half of the time"),
             (2, "Less than half of the time"), (1, "Some of the time"), (0, "At no time")],
    "brs": [(1, "Strongly disagree"), (2, "Disagree"), (3, "Neutral"), (4, "Agree"), (5, "Strongly agree")],
}  # fmt: skip

CLIENT_WORDS = {
    "phq9": ("difficulties with mood", {"minimal": "low", "mild": "mild", "moderate": "moderate",
                                        "moderately_severe": "high", "severe": "very high"}),
    "gad7": ("difficulties with worry", {"minimal": "low", "mild": "mild", "moderate": "moderate", "severe": "high"}),
    "scs_sf": ("self-kindness", {"low": "low", "moderate": "moderate", "high": "high"}),
    "who5": ("well-being", {"likely_depression": "low", "poor_wellbeing": "medium", "above_cutoff": "good"}),
    "brs": ("bouncing back", {"low": "lower than most people", "normal": "like most people",
                              "high": "higher than most people"}),
}  # fmt: skip

ANSWER_CODES = {0: "LA6568-5", 1: "LA6569-3", 2: "LA6570-1", 3: "LA6571-9"}
DIFFICULTY_CODES = {0: "LA6572-7", 1: "LA6573-5", 2: "LA6575-0", 3: "LA6574-3"}
PHQ9_ITEM_CODES = ["44250-9", "44255-8", "44259-0", "44254-1", "44251-7", "44258-2", "44252-5", "44253-3", "44260-8"]
GAD7_ITEM_CODES = ["69725-0", "68509-9", "69733-4", "69734-2", "69735-9", "69689-8", "69736-7"]


def all_strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, inner in value.items():
            yield from all_strings(key)
            yield from all_strings(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from all_strings(inner)


def raw_definition(key: str) -> dict[str, Any]:
    return yaml.safe_load(DEFINITIONS.joinpath(f"{key}.yaml").read_text(encoding="utf-8"))


# ---------------------------------------------------------------------------------------------
# The registry and the meta-test
# ---------------------------------------------------------------------------------------------


def test_the_registry_holds_the_five_instruments_in_order() -> None:
    assert registry.all_keys() == ("phq9", "gad7", "scs_sf", "who5", "brs")
    assert [i.key for i in registry.all_instruments()] == list(registry.all_keys())
    assert registry.get("phq9").short_name == "PHQ-9"


def test_get_names_the_known_keys_for_an_unknown_one() -> None:
    with pytest.raises(KeyError, match="phq9, gad7, scs_sf, who5, brs"):
        registry.get("bdi")


def test_every_definition_file_has_reference_scores_and_a_docs_page() -> None:
    files = registry.definition_files()
    assert files, "no definition files found"
    for name in files:
        key = name.removesuffix(".yaml")
        assert REFERENCE_SCORES.get(key), f"{name}: add worked examples to REFERENCE_SCORES in test_engine.py"
        assert (REPO / "docs" / "instruments" / f"{key}.md").is_file(), f"{name}: write docs/instruments/{key}.md"


@pytest.mark.parametrize("instrument", registry.all_instruments(), ids=str)
def test_the_docs_page_matches_the_definition(instrument: registry.Instrument) -> None:
    page = (REPO / "docs" / "instruments" / f"{instrument.key}.md").read_text(encoding="utf-8")
    assert instrument.licence in page
    assert instrument.client_name in page
    assert str(instrument.citation.year) in page and instrument.citation.title in page
    for item in instrument.items:
        assert item.text in page, f"item {item.number} missing from the docs page"
    for band in instrument.bands:
        assert f"`{band.key}`" in page and band.client_label in page


# ---------------------------------------------------------------------------------------------
# Wording: items, stems, options, client words, licence lines
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("key", ITEMS)
def test_items_are_verbatim_and_in_published_order(key: str) -> None:
    instrument = registry.get(key)
    assert [item.text for item in instrument.items] == ITEMS[key]
    assert [item.number for item in instrument.items] == list(range(1, len(ITEMS[key]) + 1))


@pytest.mark.parametrize("key", STEMS)
def test_stems_are_verbatim(key: str) -> None:
    assert registry.get(key).stem == STEMS[key]


@pytest.mark.parametrize("key", OPTIONS)
def test_options_are_in_native_values_and_order(key: str) -> None:
    assert [(o.value, o.label) for o in registry.get(key).options] == OPTIONS[key]


def test_scs_sf_options_run_from_almost_never_to_almost_always() -> None:
    options = registry.get("scs_sf").options
    assert [o.value for o in options] == [1, 2, 3, 4, 5]
    assert (options[0].label, options[-1].label) == ("Almost never", "Almost always")


def test_phq9_difficulty_question_is_verbatim_and_unscored() -> None:
    question = registry.get("phq9").extra_question
    assert question is not None
    assert question.key == "difficulty"
    assert question.text == (
        "If you checked off any problems, how difficult have these problems made it for you to do your work, take "
        "care of things at home, or get along with other people?"
    )
    assert [(o.value, o.label) for o in question.options] == [
        (0, "Not difficult at all"), (1, "Somewhat difficult"), (2, "Very difficult"), (3, "Extremely difficult"),
    ]  # fmt: skip
    assert all(registry.get(key).extra_question is None for key in ("gad7", "scs_sf", "who5", "brs"))


@pytest.mark.parametrize("key", CLIENT_WORDS)
def test_clients_read_the_plain_words_of_the_reference(key: str) -> None:
    instrument = registry.get(key)
    name, labels = CLIENT_WORDS[key]
    assert instrument.client_name == name
    assert {b.key: b.client_label for b in instrument.bands} == labels
    assert [b.key for b in instrument.bands] == list(labels)  # lowest scores first


@pytest.mark.parametrize("instrument", registry.all_instruments(), ids=str)
def test_no_forbidden_word_reaches_a_client(instrument: registry.Instrument) -> None:
    client_words = " ".join([instrument.client_name, *(b.client_label for b in instrument.bands)]).lower()
    for word in ("depression", "likely depression", "caseness", "severe", "disorder"):
        assert word not in client_words


@pytest.mark.parametrize(
    ("key", "licence"),
    [
        ("phq9", PFIZER),
        ("gad7", PFIZER),
        ("who5", WHO),
        ("scs_sf", "Free to use with citation (Neff 2003; Raes et al. 2011)."),
        ("brs", "Research and education use with citation (Smith et al. 2008)."),
    ],
)
def test_licence_lines_are_verbatim(key: str, licence: str) -> None:
    assert registry.get(key).licence == licence


def test_licence_notes_carry_the_reminders() -> None:
    assert "Recheck Neff's current wording" in (registry.get("scs_sf").licence_note or "")
    assert "Confirm clinical use with the authors" in (registry.get("brs").licence_note or "")


@pytest.mark.parametrize(
    ("key", "authors", "year"),
    [
        ("phq9", "Kroenke K, Spitzer RL, Williams JBW", 2001),
        ("gad7", "Spitzer RL, Kroenke K, Williams JBW, Löwe B", 2006),
        ("scs_sf", "Raes F, Pommier E, Neff KD, Van Gucht D", 2011),
        ("who5", "World Health Organization Regional Office for Europe", 1998),
        ("brs", "Smith BW, Dalen J, Wiggins K, Tooley E, Christopher P, Bernard J", 2008),
    ],
)
def test_citations(key: str, authors: str, year: int) -> None:
    citation = registry.get(key).citation
    assert (citation.authors, citation.year) == (authors, year)
    assert str(year) in str(citation)


# ---------------------------------------------------------------------------------------------
# Scoring parameters, switches and reliable change
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "method", "total_range", "higher_is_better"),
    [
        ("phq9", "sum", (0, 27), False),
        ("gad7", "sum", (0, 21), False),
        ("scs_sf", "mean_of_subscale_means", (1, 5), True),
        ("who5", "sum", (0, 25), True),
        ("brs", "mean", (1, 5), True),
    ],
)
def test_scoring_rules(key: str, method: str, total_range: tuple[int, int], higher_is_better: bool) -> None:
    instrument = registry.get(key)
    assert instrument.scoring.method == method
    assert instrument.total_range == total_range
    assert instrument.higher_is_better is higher_is_better


def test_who5_percentage_is_raw_times_4_and_banded() -> None:
    who5 = registry.get("who5")
    assert who5.percentage_multiplier == 4
    assert who5.bands_on == "percentage"
    assert all(registry.get(k).percentage_multiplier is None for k in ("phq9", "gad7", "scs_sf", "brs"))


@pytest.mark.parametrize(
    ("key", "subscales"),
    [
        ("phq9", {"phq2": (1, 2)}),
        ("gad7", {"gad2": (1, 2)}),
        ("scs_sf", {"self_kindness": (2, 6), "self_judgment": (11, 12), "common_humanity": (5, 10),
                    "isolation": (4, 8), "mindfulness": (3, 7), "over_identification": (1, 9)}),
        ("who5", {}),
        ("brs", {}),
    ],
)  # fmt: skip
def test_subscales(key: str, subscales: dict[str, tuple[int, ...]]) -> None:
    assert {s.key: s.items for s in registry.get(key).subscales} == subscales


def test_scs_sf_says_its_subscales_are_descriptive_only() -> None:
    assert "descriptive only" in (registry.get("scs_sf").subscale_note or "")


@pytest.mark.parametrize(
    ("key", "switchable", "on_by_default"),
    [("phq9", False, True), ("gad7", False, True), ("scs_sf", False, True), ("who5", True, True), ("brs", True, False)],
)
def test_switches(key: str, switchable: bool, on_by_default: bool) -> None:
    instrument = registry.get(key)
    assert (instrument.switchable, instrument.enabled_by_default) == (switchable, on_by_default)


@pytest.mark.parametrize(
    ("key", "method", "threshold", "score", "alert", "reliability"),
    [
        ("phq9", "threshold", 6, "total", True, None),
        ("gad7", "threshold", 4, "total", True, None),
        ("who5", "threshold", 10, "percentage", False, None),
        ("scs_sf", "jacobson_truax", None, "total", False, Fraction(86, 100)),
        ("brs", "jacobson_truax", None, "total", False, Fraction(80, 100)),
    ],
)
def test_reliable_change_parameters(
    key: str, method: str, threshold: int | None, score: str, alert: bool, reliability: Fraction | None
) -> None:
    rule = registry.get(key).reliable_change
    assert (rule.method, rule.threshold, rule.score, rule.deterioration_alert, rule.reliability) == (
        method, threshold, score, alert, reliability,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("key", "flags"),
    [
        ("phq9", ["item9_positive", "phq2_positive", "nhs_caseness"]),
        ("gad7", ["gad2_positive", "nhs_caseness"]),
        ("scs_sf", []),
        ("who5", ["screen_for_depression", "any_item_0_or_1"]),
        ("brs", []),
    ],
)
def test_flag_names(key: str, flags: list[str]) -> None:
    assert [f.name for f in registry.get(key).flags] == flags


# ---------------------------------------------------------------------------------------------
# Codes
# ---------------------------------------------------------------------------------------------


def test_phq9_loinc_codes() -> None:
    phq9 = registry.get("phq9")
    assert (phq9.loinc.panel, phq9.loinc.total) == ("44249-1", "44261-6")
    assert [item.loinc for item in phq9.items] == PHQ9_ITEM_CODES
    assert {s.key: s.loinc for s in phq9.subscales} == {"phq2": "55758-7"}
    assert {o.value: o.loinc for o in phq9.options} == ANSWER_CODES
    question = phq9.extra_question
    assert question is not None and question.loinc == "69722-7"
    # Explicit value -> code: the codes are not in value order (very is LA6575-0, extremely LA6574-3).
    assert {o.value: o.loinc for o in question.options} == DIFFICULTY_CODES


def test_gad7_loinc_codes() -> None:
    gad7 = registry.get("gad7")
    assert (gad7.loinc.panel, gad7.loinc.total) == ("69737-5", "70274-6")
    assert [item.loinc for item in gad7.items] == GAD7_ITEM_CODES
    assert "69726-8" not in {item.loinc for item in gad7.items}  # the wrong series seen in some code
    assert {o.value: o.loinc for o in gad7.options} == ANSWER_CODES
    assert [s.loinc for s in gad7.subscales] == [None]


@pytest.mark.parametrize("key", ["scs_sf", "who5", "brs"])
def test_instruments_without_a_verified_loinc_code_have_none(key: str) -> None:
    instrument = registry.get(key)
    assert (instrument.loinc.panel, instrument.loinc.total) == (None, None)
    assert all(item.loinc is None for item in instrument.items)
    assert all(option.loinc is None for option in instrument.options)


@pytest.mark.parametrize("key", registry.all_keys())
def test_71969_0_is_never_used(key: str) -> None:
    assert "71969-0" not in set(all_strings(raw_definition(key)))


# ---------------------------------------------------------------------------------------------
# Broken definitions are refused with the file and the field named
# ---------------------------------------------------------------------------------------------


def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def mutate(raw: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        target: Any = raw
        for part in parents:
            target = target[int(part)] if part.isdigit() else target[part]
        target[int(last) if last.isdigit() else last] = value

    return mutate


def _delete(path: str) -> Callable[[dict[str, Any]], None]:
    def mutate(raw: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        target: Any = raw
        for part in parents:
            target = target[int(part)] if part.isdigit() else target[part]
        del target[last]

    return mutate


def _swap_first_bands(raw: dict[str, Any]) -> None:
    raw["bands"][0], raw["bands"][1] = raw["bands"][1], raw["bands"][0]


BROKEN = [
    ("phq9", _delete("items"), "items: missing"),
    ("phq9", _set("colour", "red"), "colour: unknown field"),
    ("phq9", _set("key", "gad7"), "key: 'gad7' does not match the file name"),
    ("phq9", _set("items.1.number", 3), "items[1].number"),
    ("phq9", _set("items.2.text", ""), "items[2].text"),
    ("phq9", _set("items.1.loinc", "44250-9"), "items: two items have the same LOINC code"),
    ("phq9", _set("items.0.loinc", "44250-8"), "items[0].loinc: 44250-8 fails the LOINC check digit"),
    ("phq9", _set("options.3.value", 4), "options: answer values must be consecutive"),
    ("phq9", _set("options.0.value", True), "options[0].value: expected a whole number"),
    ("phq9", _set("options.1.loinc", None), "options: give a LOINC answer code for every option or for none"),
    ("phq9", _set("options.1.loinc", "6569-3"), "options[1].loinc: expected a LOINC answer code"),
    ("phq9", _set("bands.1.gte", 6), "bands: no band holds the possible score 5"),
    ("phq9", _set("bands.1.gte", 4), "bands: the score 4 falls in more than one band (minimal, mild)"),
    ("phq9", _swap_first_bands, "bands: list bands from the lowest scores to the highest"),
    ("phq9", _set("bands.4.client_label", "severe"), "bands[4].client_label: 'severe' must never be shown"),
    ("phq9", _set("client_name", "depression"), "client_name: 'depression' must never be shown"),
    ("phq9", _set("flags.1.when.subscale", "phq3"), "flags[1].when.subscale: there is no subscale 'phq3'"),
    ("phq9", _set("flags.0.when.item", 10), "flags[0].when.item: there is no item 10"),
    ("phq9", _set("flags.0.when", {"item": 9}), "flags[0].when: needs at least one of gt, gte, lt, lte"),
    ("phq9", _set("risk_flags", ["nhs_caseness"]), "risk_flags[0]: risk flag 'nhs_caseness' must test one item"),
    ("phq9", _set("risk_flags", ["nope"]), "risk_flags[0]: there is no flag 'nope'"),
    ("phq9", _set("reliable_change.threshold", 0), "reliable_change.threshold: must be at least 1"),
    ("phq9", _set("extra_question.options.2.loinc", "LA6574-3"), "extra_question.options: LOINC answer codes"),
    ("phq9", _set("switchable", "yes"), "switchable: expected true or false"),
    ("phq9", _set("citation.year", "2001"), "citation.year: expected a whole number"),
    ("gad7", _set("loinc.panel", "69737-4"), "loinc.panel: 69737-4 fails the LOINC check digit"),
    ("who5", _set("loinc", {"total": "71969-0"}), "loinc.total: 71969-0 is a known wrong code"),
    ("who5", _delete("percentage"), "bands_on: bands on the percentage need a percentage block"),
    ("scs_sf", _set("bands.0.lt", 2.5), "bands[0].lt: write decimals in quotes"),
    ("scs_sf", _set("bands.1.gte", "2.6"), "bands: no band holds the possible score 5/2"),
    ("scs_sf", _set("scoring.reverse_items", [1, 4, 8, 9, 11, 13]), "scoring.reverse_items[5]: there is no item 13"),
    ("scs_sf", _set("scoring.reverse_from", 5), "scoring.reverse_from: must be 6"),
    ("scs_sf", _set("subscales.0.items", [2]), "subscales: mean_of_subscale_means needs subscales"),
    ("scs_sf", _set("scoring.method", "median"), "scoring.method: expected one of sum, mean, mean_of_subscale_means"),
    ("scs_sf", _delete("reliable_change.reliability"), "reliable_change.reliability: missing"),
    ("brs", _set("reliable_change.reliability", "1.2"), "reliable_change.reliability: must be between 0 and 1"),
    ("brs", _set("bands.1.lte", "4.40"), "bands: the score 13/3 falls in more than one band"),
    ("brs", _set("switchable", False), "enabled_by_default: an instrument that is not switchable must be on"),
]


@pytest.mark.parametrize(("key", "mutate", "message"), BROKEN)
def test_a_broken_definition_is_refused_naming_file_and_field(
    key: str, mutate: Callable[[dict[str, Any]], None], message: str
) -> None:
    raw = copy.deepcopy(raw_definition(key))
    mutate(raw)
    with pytest.raises(DefinitionError) as caught:
        parse_definition(raw, f"definitions/{key}.yaml")
    assert str(caught.value).startswith(f"definitions/{key}.yaml: ")
    assert message in str(caught.value)


def test_every_shipped_definition_parses_unchanged() -> None:
    for key in registry.all_keys():
        assert parse_definition(raw_definition(key), f"definitions/{key}.yaml") == registry.get(key)


def test_invalid_yaml_and_a_non_mapping_are_refused() -> None:
    with pytest.raises(DefinitionError, match="broken.yaml: not valid YAML"):
        load_definition_text("key: [unclosed", "broken.yaml")
    with pytest.raises(DefinitionError, match=r"list.yaml: \(the file\): expected a mapping"):
        load_definition_text("- 1\n- 2\n", "list.yaml")
