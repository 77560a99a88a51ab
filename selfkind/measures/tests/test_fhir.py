"""The FHIR R4 export: R4B-valid resources, and codes checked here (fhir.resources does not check codes)."""

from __future__ import annotations

import json
import uuid
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.observation import Observation
from fhir.resources.R4B.patient import Patient
from fhir.resources.R4B.questionnaire import Questionnaire
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse

from selfkind.accounts.models import client_pseudonym
from selfkind.measures import fhir, services
from selfkind.measures.instruments import registry
from selfkind.measures.models import Administration

pytestmark = pytest.mark.django_db

LOINC = "http://loinc.org"
ORDINAL = "http://hl7.org/fhir/StructureDefinition/ordinalValue"
R4B_CLASSES: dict[str, Any] = {
    "Patient": Patient,
    "Questionnaire": Questionnaire,
    "QuestionnaireResponse": QuestionnaireResponse,
    "Observation": Observation,
}
# From docs/clinical-reference.md, "HL7 FHIR R4 and codes": typed out here, not read from the definitions.
PHQ9_ITEMS = ["44250-9", "44255-8", "44259-0", "44254-1", "44251-7", "44258-2", "44252-5", "44253-3", "44260-8"]
GAD7_ITEMS = ["69725-0", "68509-9", "69733-4", "69734-2", "69735-9", "69689-8", "69736-7"]
FREQUENCY_ANSWERS = {0: "LA6568-5", 1: "LA6569-3", 2: "LA6570-1", 3: "LA6571-9"}
DIFFICULTY_ANSWERS = {
    "Not difficult at all": "LA6572-7",
    "Somewhat difficult": "LA6573-5",
    "Very difficult": "LA6575-0",
    "Extremely difficult": "LA6574-3",
}
PFIZER = (
    "Copyright © Pfizer Inc. Developed by Drs. Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and "
    "colleagues, with an educational grant from Pfizer Inc. No permission required to reproduce, translate, "
    "display or distribute."
)

PHQ9_ANSWERS = [2, 2, 2, 2, 2, 2, 2, 1, 0]  # 15, moderately severe; PHQ-2 = 4
GAD7_ANSWERS = [0, 1, 2, 3, 0, 1, 2]  # 9, mild
SCS_ANSWERS = [1, 2, 3, 4, 5, 1, 2, 3, 4, 5, 1, 2]
WHO5_ANSWERS = [3, 3, 2, 2, 1]  # raw 11, 44 %, poor well-being


def submit(client: Any, key: str, values: list[int], difficulty: int | None = None) -> Administration:
    adm = services.start(client=client, key=key)
    for number, value in enumerate(values, start=1):
        services.save_answer(administration=adm, client=client, item=number, value=value)
    if difficulty is not None:
        services.save_difficulty(administration=adm, client=client, value=difficulty)
    return services.submit(administration=adm, client=client)


def build(personas: Any, *, include_name: bool = False) -> dict[str, Any]:
    client = personas.client
    return fhir.bundle(
        client,
        Administration.objects.filter(client=client),
        pseudonym=client_pseudonym(client.pk),
        include_name=include_name,
    )


@pytest.fixture
def exported(personas: Any) -> dict[str, Any]:
    client = personas.client
    submit(client, "phq9", PHQ9_ANSWERS, difficulty=2)
    submit(client, "gad7", GAD7_ANSWERS)
    submit(client, "scs_sf", SCS_ANSWERS)
    submit(client, "who5", WHO5_ANSWERS)
    draft = services.start(client=client, key="brs")  # a draft: never exported
    services.save_answer(administration=draft, client=client, item=1, value=4)
    return build(personas)


def resources(bundle: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind]


def questionnaire_of(bundle: dict[str, Any], key: str) -> dict[str, Any]:
    url = fhir.questionnaire_url(registry.get(key))
    return next(q for q in resources(bundle, "Questionnaire") if q["url"] == url)


def pair_of(bundle: dict[str, Any], key: str) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    """Return (response entry, response, observation) of the only administration of `key`."""
    url = fhir.questionnaire_url(registry.get(key))
    entries = bundle["entry"]
    index = next(
        i
        for i, e in enumerate(entries)
        if e["resource"]["resourceType"] == "QuestionnaireResponse"
        and e["resource"]["questionnaire"].startswith(url + "|")
    )
    return entries[index], entries[index]["resource"], entries[index + 1]["resource"]


def ordinal(option: dict[str, Any]) -> Any:
    (value,) = [ext["valueDecimal"] for ext in option.get("extension", []) if ext["url"] == ORDINAL]
    return value


def loinc_codes(codings: list[dict[str, Any]]) -> list[str]:
    return [c["code"] for c in codings if c["system"] == LOINC]


def test_every_resource_is_valid_r4b_and_the_bundle_is_plain_json(exported: dict[str, Any]) -> None:
    fhir.validate(exported)
    Bundle.model_validate(exported)
    kinds = [e["resource"]["resourceType"] for e in exported["entry"]]
    for entry in exported["entry"]:
        R4B_CLASSES[entry["resource"]["resourceType"]].model_validate(entry["resource"])
    assert kinds == ["Patient"] + ["Questionnaire"] * 4 + ["QuestionnaireResponse", "Observation"] * 4
    assert exported["type"] == "collection" and exported["timestamp"]
    full_urls = [e["fullUrl"] for e in exported["entry"]]
    assert len(set(full_urls)) == len(full_urls)
    for full_url in full_urls:
        assert full_url.startswith("urn:uuid:")
        uuid.UUID(full_url.removeprefix("urn:uuid:"))
    assert json.loads(json.dumps(exported)) == exported  # no Decimal or datetime left in it


def test_phq9_questionnaire_codes_weights_and_difficulty_item(exported: dict[str, Any]) -> None:
    q = questionnaire_of(exported, "phq9")
    assert q["status"] == "active" and q["version"] == "1" and q["copyright"] == PFIZER
    assert loinc_codes(q["code"]) == ["44249-1"]
    scored, difficulty = q["item"][:9], q["item"][9]
    assert [i["linkId"] for i in scored] == [str(n) for n in range(1, 10)]
    assert [loinc_codes(i["code"]) for i in scored] == [[code] for code in PHQ9_ITEMS]
    assert scored[8]["code"][0]["code"] == "44260-8"
    for item in scored:
        assert item["type"] == "choice" and item["required"] is True
        by_weight = {ordinal(o): o["valueCoding"] for o in item["answerOption"]}
        assert {w: c["code"] for w, c in by_weight.items()} == FREQUENCY_ANSWERS
        assert {c["system"] for c in by_weight.values()} == {LOINC}
    assert difficulty["required"] is False and loinc_codes(difficulty["code"]) == ["69722-7"]
    assert {o["valueCoding"]["display"]: o["valueCoding"]["code"] for o in difficulty["answerOption"]} == (
        DIFFICULTY_ANSWERS
    )


def test_gad7_questionnaire_uses_the_right_item_series(exported: dict[str, Any]) -> None:
    q = questionnaire_of(exported, "gad7")
    assert loinc_codes(q["code"]) == ["69737-5"] and q["copyright"] == PFIZER
    assert [loinc_codes(i["code"]) for i in q["item"]] == [[code] for code in GAD7_ITEMS]
    assert "69726-8" not in json.dumps(exported)
    for item in q["item"]:
        assert {ordinal(o): o["valueCoding"]["code"] for o in item["answerOption"]} == FREQUENCY_ANSWERS


def test_phq9_response_answers_carry_the_loinc_answer_codes(exported: dict[str, Any]) -> None:
    _, response, _ = pair_of(exported, "phq9")
    q = questionnaire_of(exported, "phq9")
    assert response["status"] == "completed" and response["questionnaire"] == f"{q['url']}|{q['version']}"
    assert response["subject"]["reference"] == exported["entry"][0]["fullUrl"]
    codes = {i["linkId"]: i["answer"][0]["valueCoding"]["code"] for i in response["item"]}
    assert codes["1"] == "LA6570-1"  # answer value 2
    assert codes["8"] == "LA6569-3" and codes["9"] == "LA6568-5"
    assert codes["difficulty"] == "LA6575-0"  # value 2, "Very difficult"
    assert [codes[str(n)] for n in range(1, 10)] == [FREQUENCY_ANSWERS[v] for v in PHQ9_ANSWERS]
    submitted_at = Administration.objects.get(instrument="phq9").submitted_at
    assert submitted_at is not None and response["authored"] == submitted_at.isoformat()


def test_phq9_observation_total_band_phq2_and_provenance(exported: dict[str, Any]) -> None:
    response_entry, _, obs = pair_of(exported, "phq9")
    assert obs["status"] == "final"
    assert obs["category"][0]["coding"][0] == {
        "system": "http://terminology.hl7.org/CodeSystem/observation-category",
        "code": "survey",
        "display": "Survey",
    }
    assert loinc_codes(obs["code"]["coding"]) == ["44261-6"]
    assert obs["valueQuantity"] == {
        "value": 15,
        "unit": "{score}",
        "system": "http://unitsofmeasure.org",
        "code": "{score}",
    }
    band = obs["interpretation"][0]["coding"][0]
    assert band["system"] == fhir.BANDS_SYSTEM and band["code"] == "phq9-moderately-severe"
    assert band["display"] == registry.get("phq9").band("moderately_severe").label == "Moderately severe"
    (phq2,) = obs["component"]
    assert loinc_codes(phq2["code"]["coding"]) == ["55758-7"] and phq2["valueQuantity"]["value"] == 4
    assert obs["derivedFrom"] == [{"reference": response_entry["fullUrl"]}]
    assert obs["subject"]["reference"] == exported["entry"][0]["fullUrl"]
    submitted_at = Administration.objects.get(instrument="phq9").submitted_at
    assert submitted_at is not None and obs["effectiveDateTime"] == submitted_at.isoformat()


def test_gad7_observation(exported: dict[str, Any]) -> None:
    _, _, obs = pair_of(exported, "gad7")
    assert loinc_codes(obs["code"]["coding"]) == ["70274-6"] and obs["valueQuantity"]["value"] == 9
    assert obs["interpretation"][0]["coding"][0]["display"] == "Mild"
    _, response, _ = pair_of(exported, "gad7")
    assert [i["answer"][0]["valueCoding"]["code"] for i in response["item"]] == [
        FREQUENCY_ANSWERS[v] for v in GAD7_ANSWERS
    ]


def test_who5_observation_carries_the_percentage_and_never_71969_0(exported: dict[str, Any]) -> None:
    _, response, obs = pair_of(exported, "who5")
    assert "71969-0" not in json.dumps(exported)
    assert obs["code"]["coding"][0]["system"] == fhir.SCORES_SYSTEM and not loinc_codes(obs["code"]["coding"])
    assert obs["valueQuantity"]["value"] == 44 and obs["valueQuantity"]["code"] == "{score}"
    (raw,) = obs["component"]
    assert raw["valueQuantity"]["value"] == 11 and raw["code"]["coding"][0]["code"] == "who5-total"
    assert obs["interpretation"][0]["coding"][0]["display"] == "Poor well-being"
    q = questionnaire_of(exported, "who5")
    assert "code" not in q
    weights = [ordinal(o) for o in q["item"][0]["answerOption"]]
    assert weights == [5, 4, 3, 2, 1, 0]  # native order, each weighing its value
    answers = [i["answer"][0]["valueCoding"] for i in response["item"]]
    assert {a["system"] for a in answers} == {f"{fhir.CANONICAL}/CodeSystem/who5-answers"}
    assert [a["code"] for a in answers] == [str(v) for v in WHO5_ANSWERS]


def test_scs_sf_uses_selfkind_codes_and_reversed_weights_reproduce_the_total(exported: dict[str, Any]) -> None:
    q = questionnaire_of(exported, "scs_sf")
    _, response, obs = pair_of(exported, "scs_sf")
    assert q["item"][0]["code"] == [
        {"system": f"{fhir.CANONICAL}/CodeSystem/scs-sf-items", "code": "item-1", "display": q["item"][0]["text"]}
    ]
    item1 = {o["valueCoding"]["code"]: ordinal(o) for o in q["item"][0]["answerOption"]}
    item2 = {o["valueCoding"]["code"]: ordinal(o) for o in q["item"][1]["answerOption"]}
    assert item1 == {"1": 5, "2": 4, "3": 3, "4": 2, "5": 1}  # item 1 is reversed: 6 - x
    assert item2 == {"1": 1, "2": 2, "3": 3, "4": 4, "5": 5}
    weights = {
        item["linkId"]: {o["valueCoding"]["code"]: ordinal(o) for o in item["answerOption"]} for item in q["item"]
    }
    scored = [weights[i["linkId"]][i["answer"][0]["valueCoding"]["code"]] for i in response["item"]]
    total = Administration.objects.get(instrument="scs_sf").total
    assert total is not None
    assert abs(Fraction(sum(scored), len(scored)) - Fraction(total)) < Fraction(1, 10_000)
    assert obs["code"]["coding"][0] == {
        "system": fhir.SCORES_SYSTEM,
        "code": "scs-sf-total",
        "display": "SCS-SF total score",
    }
    assert Decimal(str(obs["valueQuantity"]["value"])) == total
    assert len(obs["component"]) == 6  # the subscale profile, descriptive only
    assert all(loinc_codes(c["code"]["coding"]) == [] for c in obs["component"])


def test_every_observation_is_a_survey_in_ucum_scores(exported: dict[str, Any]) -> None:
    for obs in resources(exported, "Observation"):
        assert obs["status"] == "final"
        assert obs["category"][0]["coding"][0]["code"] == "survey"
        for quantity in [obs["valueQuantity"]] + [c["valueQuantity"] for c in obs.get("component", [])]:
            assert quantity["system"] == "http://unitsofmeasure.org" and quantity["code"] == "{score}"


def test_the_patient_is_pseudonymous_unless_the_client_exports_their_own_record(
    personas: Any, exported: dict[str, Any]
) -> None:
    client = personas.client
    (patient,) = resources(exported, "Patient")
    assert "name" not in patient
    assert patient["identifier"] == [{"system": fhir.PSEUDONYM_SYSTEM, "value": client_pseudonym(client.pk)}]
    text = json.dumps(exported, ensure_ascii=False)
    assert client.name not in text and client.email not in text
    (named,) = resources(build(personas, include_name=True), "Patient")
    assert named["name"] == [{"text": "Cara Client"}]


def test_drafts_are_excluded(personas: Any, exported: dict[str, Any]) -> None:
    brs_url = fhir.questionnaire_url(registry.get("brs"))
    assert brs_url not in json.dumps(exported)
    draft = Administration.objects.get(instrument="brs")
    with pytest.raises(ValueError, match="draft"):
        fhir.questionnaire_response(draft, "urn:uuid:x")
    with pytest.raises(ValueError, match="draft"):
        fhir.observation(draft, "urn:uuid:x", "urn:uuid:y")


def test_an_empty_record_is_a_valid_bundle_with_only_the_patient(personas: Any) -> None:
    result = build(personas)
    fhir.validate(result)
    assert [e["resource"]["resourceType"] for e in result["entry"]] == ["Patient"]


def test_a_correction_is_exported_beside_the_original_newest_last(personas: Any) -> None:
    client = personas.client
    original = submit(client, "phq9", PHQ9_ANSWERS)
    fixed = services.correct(administration=original, client=client)
    services.save_answer(administration=fixed, client=client, item=9, value=1)
    services.submit(administration=fixed, client=client)
    result = build(personas)
    fhir.validate(result)
    observations = resources(result, "Observation")
    assert [o["valueQuantity"]["value"] for o in observations] == [15, 16]
    assert "note" not in observations[0] and "correction" in observations[1]["note"][0]["text"]
    assert len(resources(result, "Questionnaire")) == 1


def test_another_clients_administration_is_refused(personas: Any) -> None:
    other = submit(personas.other_client, "gad7", GAD7_ANSWERS)
    with pytest.raises(ValueError, match="another client"):
        fhir.bundle(personas.client, [other], pseudonym="p")


def test_validate_rejects_broken_resources_and_dangling_references(exported: dict[str, Any]) -> None:
    broken = json.loads(json.dumps(exported))
    del broken["entry"][-1]["resource"]["code"]
    with pytest.raises(ValueError):
        fhir.validate(broken)
    dangling = json.loads(json.dumps(exported))
    dangling["entry"][-1]["resource"]["derivedFrom"] = [{"reference": f"urn:uuid:{uuid.uuid4()}"}]
    with pytest.raises(ValueError, match="points at no entry"):
        fhir.validate(dangling)
