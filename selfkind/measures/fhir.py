"""HL7 FHIR R4 export of a client's standard measures (docs "clinical-reference.md", "HL7 FHIR R4 and codes").

Every function returns a plain, JSON-ready dict (numbers are ``int``/``float``, never ``Decimal``; times are ISO
8601 strings), shaped as FHIR R4 and checked against ``fhir.resources``' R4B models by :func:`validate`. That
library checks structure only, not codes: the codes come from the instrument definitions (LOINC item, answer,
panel and total codes exactly as written there, never inferred from order) or, where no verified LOINC code
exists (SCS-SF, WHO-5, BRS, band codes, GAD-2 and other subscales), from Selfkind's own CodeSystems under
:data:`CANONICAL`:

* ``{CANONICAL}/CodeSystem/{slug}-items``: item codes ``item-<n>`` (slug: ``scs-sf``, ``who5``, ``brs``…);
* ``{CANONICAL}/CodeSystem/{slug}-answers``: answer codes, the native value as text (``"5"`` = "All of the time");
* ``{CANONICAL}/CodeSystem/scores``: ``<slug>-total``, ``<slug>-percentage`` and ``<slug>-<subscale>`` scores;
* ``{CANONICAL}/CodeSystem/bands``: ``<slug>-<band>`` (e.g. ``phq9-moderately-severe``), display = therapist label.

71969-0 is never used for WHO-5 (it is wrong). No Django views here: callers serve :func:`bundle`'s result.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from django.conf import settings
from fhir.resources.R4B import get_fhir_model_class
from fhir.resources.R4B.bundle import Bundle
from pydantic import ValidationError

from selfkind.accounts.models import User
from selfkind.measures.instruments import registry
from selfkind.measures.instruments.registry import Instrument, Item, Option
from selfkind.measures.models import Administration

Resource = dict[str, Any]

CANONICAL: str = str(settings.SELFKIND_FHIR_BASE).rstrip("/")
LOINC = "http://loinc.org"
UCUM = "http://unitsofmeasure.org"
ORDINAL_VALUE = "http://hl7.org/fhir/StructureDefinition/ordinalValue"
OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
SCORES_SYSTEM = f"{CANONICAL}/CodeSystem/scores"
BANDS_SYSTEM = f"{CANONICAL}/CodeSystem/bands"
PSEUDONYM_SYSTEM = f"{CANONICAL}/patient-pseudonym"


def slug(instrument: Instrument) -> str:
    """Return the instrument's name in Selfkind's URLs and codes: "phq9", "gad7", "scs-sf", "who5", "brs"."""
    return instrument.key.replace("_", "-")


def questionnaire_url(instrument: Instrument) -> str:
    """Return the Questionnaire's canonical URL (without version), e.g. ``{CANONICAL}/Questionnaire/phq9``."""
    return f"{CANONICAL}/Questionnaire/{slug(instrument)}"


def item_system(instrument: Instrument) -> str:
    return f"{CANONICAL}/CodeSystem/{slug(instrument)}-items"


def answer_system(instrument: Instrument) -> str:
    return f"{CANONICAL}/CodeSystem/{slug(instrument)}-answers"


def _code(*parts: str) -> str:
    return "-".join(part.replace("_", "-") for part in parts)


def _number(value: Decimal | int | str) -> int | float:
    """Return a JSON number for a FHIR decimal: an int when whole, else a float of the (4-place) decimal."""
    exact = Decimal(value)
    return int(exact) if exact == exact.to_integral_value() else float(exact)


def _quantity(value: Decimal | int | str) -> Resource:
    return {"value": _number(value), "unit": "{score}", "system": UCUM, "code": "{score}"}


def _iso(moment: datetime | None) -> str:
    if moment is None:
        raise ValueError("a submitted administration has a submission time")
    return moment.isoformat()


def item_coding(instrument: Instrument, item: Item) -> Resource:
    """Return the item's code: its LOINC code where the definition has one, else a Selfkind code."""
    if item.loinc:
        return {"system": LOINC, "code": item.loinc}
    return {"system": item_system(instrument), "code": f"item-{item.number}", "display": item.text}


def answer_coding(instrument: Instrument, option: Option) -> Resource:
    """Return the answer's code: the definition's LOINC answer code (LA…) where it has one, else a Selfkind code."""
    if option.loinc:
        return {"system": LOINC, "code": option.loinc, "display": option.label}
    return {"system": answer_system(instrument), "code": str(option.value), "display": option.label}


def weight(instrument: Instrument, item: Item, option: Option) -> int:
    """Return what the answer scores on this item: its value, or ``reverse_from - value`` on a reversed item.

    So the ordinalValue weights of one response add up to (PHQ-9, GAD-7, WHO-5) or average to (SCS-SF, BRS)
    the total, while the answer code keeps the native value.
    """
    reverse_from = instrument.scoring.reverse_from
    if reverse_from is not None and item.number in instrument.scoring.reverse_items:
        return reverse_from - option.value
    return option.value


def questionnaire(instrument: Instrument) -> Resource:
    """Return the instrument's Questionnaire, from its current definition.

    Status active; url under :data:`CANONICAL` and ``version`` = the definition's version; ``copyright`` = the
    licence line; ``code`` = the LOINC panel where one exists. One required ``choice`` item per question
    (``linkId`` = item number), each ``answerOption`` a ``valueCoding`` with the ``ordinalValue`` extension
    (:func:`weight`). PHQ-9's difficulty question follows as an optional, unscored item (``linkId`` = its key,
    LOINC 69722-7, answers coded as the definition lists them, no ordinalValue).
    """
    items: list[Resource] = []
    for item in instrument.items:
        options = [
            {
                "extension": [{"url": ORDINAL_VALUE, "valueDecimal": weight(instrument, item, option)}],
                "valueCoding": answer_coding(instrument, option),
            }
            for option in instrument.options
        ]
        items.append(
            {
                "linkId": str(item.number),
                "code": [item_coding(instrument, item)],
                "text": item.text,
                "type": "choice",
                "required": True,
                "answerOption": options,
            }
        )
    extra = instrument.extra_question
    if extra is not None:
        extra_item: Resource = {"linkId": extra.key, "text": extra.text, "type": "choice", "required": False}
        if extra.loinc:
            extra_item["code"] = [{"system": LOINC, "code": extra.loinc}]
        extra_item["answerOption"] = [{"valueCoding": answer_coding(instrument, option)} for option in extra.options]
        items.append(extra_item)
    resource: Resource = {
        "resourceType": "Questionnaire",
        "url": questionnaire_url(instrument),
        "version": str(instrument.version),
        "name": instrument.short_name.replace("-", "_").replace(" ", "_"),
        "title": instrument.name,
        "status": "active",
        "subjectType": ["Patient"],
        "publisher": "Selfkind",
        "description": f"{instrument.stem}\n\nSource: {instrument.citation}",
        "copyright": instrument.licence,
    }
    if instrument.loinc.panel:
        resource["code"] = [{"system": LOINC, "code": instrument.loinc.panel, "display": instrument.name}]
    resource["item"] = items
    return resource


def _submitted(administration: Administration) -> Instrument:
    if not administration.is_submitted or administration.submitted_at is None or administration.total is None:
        raise ValueError(f"administration {administration.pk} is a draft: only submitted answers are exported")
    return registry.get(administration.instrument)


def questionnaire_response(administration: Administration, patient_ref: str) -> Resource:
    """Return the QuestionnaireResponse of one submitted administration; raise ValueError for a draft.

    ``questionnaire`` = ``{url}|{instrument_version}``; each answer a ``valueCoding`` with the same code as the
    Questionnaire's answerOption; the difficulty item only when it was answered.
    """
    instrument = _submitted(administration)
    items: list[Resource] = []
    for item in instrument.items:
        value = administration.answer_for(item.number)
        if value is None:
            raise ValueError(f"administration {administration.pk} has no answer to item {item.number}")
        items.append(
            {
                "linkId": str(item.number),
                "text": item.text,
                "answer": [{"valueCoding": answer_coding(instrument, instrument.option(value))}],
            }
        )
    extra = instrument.extra_question
    if extra is not None and administration.difficulty is not None:
        option = next(o for o in extra.options if o.value == administration.difficulty)
        items.append(
            {"linkId": extra.key, "text": extra.text, "answer": [{"valueCoding": answer_coding(instrument, option)}]}
        )
    return {
        "resourceType": "QuestionnaireResponse",
        "questionnaire": f"{questionnaire_url(instrument)}|{administration.instrument_version}",
        "status": "completed",
        "subject": {"reference": patient_ref},
        "authored": _iso(administration.submitted_at),
        "item": items,
    }


def _score_code(instrument: Instrument, loinc: str | None, key: str, display: str) -> Resource:
    if loinc:
        return {"coding": [{"system": LOINC, "code": loinc}], "text": display}
    return {"coding": [{"system": SCORES_SYSTEM, "code": _code(slug(instrument), key), "display": display}]}


def observation(administration: Administration, patient_ref: str, response_ref: str) -> Resource:
    """Return the Observation of one submitted administration's total; raise ValueError for a draft.

    ``code`` = the LOINC total (PHQ-9 44261-6, GAD-7 70274-6) or ``{CANONICAL}/CodeSystem/scores`` ``<slug>-total``;
    WHO-5's value is the percentage (code ``who5-percentage``) with the raw total as a component. Values are
    ``valueQuantity`` in UCUM ``{score}``. The band is the ``interpretation`` (display = therapist label).
    Subscales are components (PHQ-2 LOINC 55758-7; others Selfkind codes; SCS-SF's are descriptive only).
    ``derivedFrom`` = ``response_ref``. A correction carries a note saying so.
    """
    instrument = _submitted(administration)
    assert administration.total is not None  # checked by _submitted
    components: list[Resource] = []
    if instrument.percentage_multiplier is not None and administration.percentage is not None:
        code = _score_code(instrument, None, "percentage", f"{instrument.short_name} percentage score (0-100)")
        value = _quantity(administration.percentage)
        components.append(
            {
                "code": _score_code(instrument, instrument.loinc.total, "total", f"{instrument.short_name} raw score"),
                "valueQuantity": _quantity(administration.total),
            }
        )
    else:
        code = _score_code(instrument, instrument.loinc.total, "total", f"{instrument.short_name} total score")
        value = _quantity(administration.total)
    for subscale in instrument.subscales:
        if subscale.key in administration.subscales:
            label = f"{subscale.name} score" if subscale.method == "sum" else f"{subscale.name} mean score"
            components.append(
                {
                    "code": _score_code(instrument, subscale.loinc, subscale.key, label),
                    "valueQuantity": _quantity(administration.subscales[subscale.key]),
                }
            )
    resource: Resource = {
        "resourceType": "Observation",
        "status": "final",
        "category": [{"coding": [{"system": OBSERVATION_CATEGORY, "code": "survey", "display": "Survey"}]}],
        "code": code,
        "subject": {"reference": patient_ref},
        "effectiveDateTime": _iso(administration.submitted_at),
        "valueQuantity": value,
    }
    if administration.band:
        band = instrument.band(administration.band)
        coding = {"system": BANDS_SYSTEM, "code": _code(slug(instrument), band.key), "display": band.label}
        resource["interpretation"] = [{"coding": [coding], "text": band.label}]
    if administration.corrects_id is not None:
        resource["note"] = [
            {"text": "A correction of an earlier submission of this measure; both are exported, this one later."}
        ]
    resource["derivedFrom"] = [{"reference": response_ref}]
    if components:
        resource["component"] = components
    return resource


def patient(client: User, *, pseudonym: str, include_name: bool) -> Resource:
    """Return the Patient: a pseudonymous identifier, and the name only when `include_name` (own export)."""
    resource: Resource = {
        "resourceType": "Patient",
        "identifier": [{"system": PSEUDONYM_SYSTEM, "value": pseudonym}],
    }
    if include_name and client.name:
        resource["name"] = [{"text": client.name}]
    return resource


def _full_url() -> str:
    return f"urn:uuid:{uuid.uuid4()}"


def bundle(
    client: User, administrations: Iterable[Administration], *, pseudonym: str, include_name: bool = False
) -> Resource:
    """Return a ``collection`` Bundle of one client's submitted measures; raise ValueError for another's.

    Entries (each ``fullUrl`` a fresh ``urn:uuid:``, and every reference one of them): the Patient
    (:func:`patient`), one Questionnaire per instrument used (display order), then per submitted administration,
    oldest first, its QuestionnaireResponse and its Observation. Drafts are skipped. A correction does not hide
    what it corrects: both are included, the newest last (the correction's Observation has a note).
    """
    submitted = []
    for administration in administrations:
        if administration.client_id != client.pk:
            raise ValueError(f"administration {administration.pk} belongs to another client")
        if administration.is_submitted:
            submitted.append(administration)
    submitted.sort(key=lambda a: (a.submitted_at, a.pk))
    patient_url = _full_url()
    entries: list[Resource] = [
        {"fullUrl": patient_url, "resource": patient(client, pseudonym=pseudonym, include_name=include_name)}
    ]
    used = {a.instrument for a in submitted}
    for instrument in registry.all_instruments():
        if instrument.key in used:
            entries.append({"fullUrl": _full_url(), "resource": questionnaire(instrument)})
    for administration in submitted:
        response_url = _full_url()
        entries.append({"fullUrl": response_url, "resource": questionnaire_response(administration, patient_url)})
        entries.append({"fullUrl": _full_url(), "resource": observation(administration, patient_url, response_url)})
    return {
        "resourceType": "Bundle",
        "type": "collection",
        "timestamp": datetime.now(UTC).isoformat(),
        "entry": entries,
    }


def _references(value: object) -> Iterable[str]:
    if isinstance(value, dict):
        for key, inner in value.items():
            if key == "reference" and isinstance(inner, str):
                yield inner
            else:
                yield from _references(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _references(inner)


def validate(bundle_dict: Resource) -> None:
    """Check a bundle against the R4B models (the Bundle, then each resource with its own class); raise ValueError.

    Also checks that every ``urn:uuid:`` reference points at an entry's fullUrl. Codes are not checked here
    (the library does not): the tests check them.
    """
    try:
        Bundle.model_validate(bundle_dict)
    except ValidationError as exc:
        raise ValueError(f"not a valid R4 Bundle: {exc}") from exc
    full_urls = set()
    for index, entry in enumerate(bundle_dict.get("entry", [])):
        resource = entry.get("resource") or {}
        kind = resource.get("resourceType", "")
        try:
            get_fhir_model_class(kind).model_validate(resource)
        except ValueError as exc:  # pydantic's ValidationError, or an unknown resourceType
            raise ValueError(f"entry {index} ({kind or 'no resourceType'}) is not a valid R4 resource: {exc}") from exc
        full_urls.add(entry.get("fullUrl"))
    for reference in _references(bundle_dict.get("entry", [])):
        if reference.startswith("urn:uuid:") and reference not in full_urls:
            raise ValueError(f"reference {reference} points at no entry of the bundle")
