"""The instrument registry: every instrument is defined once, as data, and checked when imported.

Each file in ``definitions/`` describes one instrument (items, options, scoring, subscales, bands,
flags, risk items, codes, citation, licence line, reliable-change parameters). Importing this module
reads and validates all of them (``validation.py``); a malformed file raises
:class:`DefinitionError` naming the file and the field, so a broken definition stops the app at
start-up instead of scoring wrongly.

Pure Python and PyYAML only: no Django, no settings, so the `selfkind score` command can use it.
"""

from __future__ import annotations

from collections.abc import Mapping
from importlib import resources

import yaml

from selfkind.measures.instruments.model import (
    Band,
    Bounds,
    Citation,
    Condition,
    DefinitionError,
    ExtraQuestion,
    Flag,
    Instrument,
    Item,
    LoincCodes,
    Number,
    Option,
    ReliableChange,
    RiskItem,
    Scoring,
    Subscale,
)
from selfkind.measures.instruments.validation import parse_definition

__all__ = [
    "Band",
    "Bounds",
    "Citation",
    "Condition",
    "DefinitionError",
    "ExtraQuestion",
    "Flag",
    "Instrument",
    "Item",
    "LoincCodes",
    "Number",
    "Option",
    "ReliableChange",
    "RiskItem",
    "Scoring",
    "Subscale",
    "all_instruments",
    "definition_files",
    "get",
    "all_keys",
    "load_all",
    "load_definition_text",
]

DEFINITIONS_PACKAGE = "selfkind.measures.instruments"
DEFINITIONS_FOLDER = "definitions"


def load_definition_text(text: str, source: str) -> Instrument:
    """Return the Instrument in a YAML text, or raise DefinitionError naming `source`."""
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise DefinitionError(f"{source}: not valid YAML: {exc}") from None
    return parse_definition(raw, source)


def definition_files() -> list[str]:
    """Return the names of the definition files shipped with the package, sorted."""
    folder = resources.files(DEFINITIONS_PACKAGE).joinpath(DEFINITIONS_FOLDER)
    return sorted(entry.name for entry in folder.iterdir() if entry.name.endswith(".yaml"))


def load_all() -> dict[str, Instrument]:
    """Read and validate every definition file; return the instruments by key, in display order."""
    folder = resources.files(DEFINITIONS_PACKAGE).joinpath(DEFINITIONS_FOLDER)
    instruments = [
        load_definition_text(folder.joinpath(name).read_text(encoding="utf-8"), f"{DEFINITIONS_FOLDER}/{name}")
        for name in definition_files()
    ]
    if not instruments:
        raise DefinitionError(f"{DEFINITIONS_FOLDER}/: no instrument definitions found")
    taken: dict[int, str] = {}
    for instrument in instruments:
        if instrument.order in taken:
            raise DefinitionError(
                f"{DEFINITIONS_FOLDER}/{instrument.key}.yaml: order: {instrument.order} is also used by "
                f"{taken[instrument.order]}"
            )
        taken[instrument.order] = instrument.key
    return {i.key: i for i in sorted(instruments, key=lambda i: i.order)}


_INSTRUMENTS: Mapping[str, Instrument] = load_all()


def get(key: str) -> Instrument:
    """Return the instrument called `key` (e.g. "phq9"); raise KeyError naming the known keys."""
    try:
        return _INSTRUMENTS[key]
    except (KeyError, TypeError):
        raise KeyError(f"unknown instrument {key!r}; known: {', '.join(_INSTRUMENTS)}") from None


def all_instruments() -> tuple[Instrument, ...]:
    """Return every instrument in display order (PHQ-9, GAD-7, SCS-SF, WHO-5, BRS)."""
    return tuple(_INSTRUMENTS.values())


def all_keys() -> tuple[str, ...]:
    """Return every instrument key in display order."""
    return tuple(_INSTRUMENTS)
