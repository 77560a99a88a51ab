"""Reading and validating one instrument definition (a parsed YAML document).

Every field is type-checked and every cross-reference resolved (reverse items, subscale items, flag
subjects, risk flags); unknown fields are refused so a typo cannot be silently ignored. Numbers that
are not whole must be quoted ("2.5") and are read as ``Fraction``, so band boundaries are exact.
The bands are proved to hold every score the instrument can produce exactly once, lowest first.
LOINC codes are checked for their check digit, and known wrong codes (71969-0) are refused. Words
shown to clients are checked against the words the clinical reference forbids on client screens.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from fractions import Fraction
from typing import Any, Literal, NoReturn, TypeVar

from selfkind.measures.instruments.model import (
    COMPARISONS,
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

# Codes that some projects use but that are wrong for what they claim (clinical-reference.md).
WRONG_LOINC_CODES = frozenset({"71969-0"})

# Words that must never reach a client screen (clinical-reference.md, "Words shown to clients").
WORDS_NOT_FOR_CLIENTS = ("depression", "caseness", "severe", "disorder")

SCORING_METHODS: tuple[Literal["sum", "mean", "mean_of_subscale_means"], ...] = (
    "sum",
    "mean",
    "mean_of_subscale_means",
)
SUBSCALE_METHODS: tuple[Literal["sum", "mean"], ...] = ("sum", "mean")
SCORE_SUBJECTS: tuple[Literal["total", "percentage"], ...] = ("total", "percentage")
CHANGE_METHODS: tuple[Literal["threshold", "jacobson_truax"], ...] = ("threshold", "jacobson_truax")

_Choice = TypeVar("_Choice", bound=str)

_KEY = re.compile(r"^[a-z][a-z0-9_]*$")
_LOINC = re.compile(r"^(\d{1,7})-(\d)$")
_LOINC_ANSWER = re.compile(r"^LA\d{1,7}-\d$")
_DECIMAL = re.compile(r"^-?\d+(\.\d+)?$")


class _Reader:
    """Typed access to the raw YAML that fails with the file name and the field's path."""

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, where: str, message: str) -> NoReturn:
        raise DefinitionError(f"{self.source}: {where}: {message}")

    def mapping(self, value: Any, where: str, required: Iterable[str], optional: Iterable[str] = ()) -> dict[str, Any]:
        if not isinstance(value, dict):
            self.fail(where or "(the file)", f"expected a mapping of fields, got {_kind(value)}")
        required, optional = tuple(required), tuple(optional)
        for name in value:
            if name not in required and name not in optional:
                self.fail(_at(where, name), "unknown field")
        for name in required:
            if name not in value:
                self.fail(_at(where, name), "missing")
        return value

    def sequence(self, value: Any, where: str, *, allow_empty: bool = True) -> list[Any]:
        if not isinstance(value, list):
            self.fail(where, f"expected a list, got {_kind(value)}")
        if not value and not allow_empty:
            self.fail(where, "must not be empty")
        return value

    def text(self, value: Any, where: str) -> str:
        if not isinstance(value, str) or not value.strip():
            self.fail(where, f"expected non-empty text, got {_kind(value)}")
        return value

    def optional_text(self, value: Any, where: str) -> str | None:
        return None if value is None else self.text(value, where)

    def integer(self, value: Any, where: str, *, minimum: int | None = None) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(where, f"expected a whole number, got {_kind(value)}")
        if minimum is not None and value < minimum:
            self.fail(where, f"must be at least {minimum}, got {value}")
        return value

    def boolean(self, value: Any, where: str) -> bool:
        if not isinstance(value, bool):
            self.fail(where, f"expected true or false, got {_kind(value)}")
        return value

    def number(self, value: Any, where: str) -> Number:
        if isinstance(value, bool):
            self.fail(where, "expected a number, got a boolean")
        if isinstance(value, int):
            return value
        if isinstance(value, str) and _DECIMAL.match(value):
            return Fraction(value)
        if isinstance(value, float):
            self.fail(where, f"write decimals in quotes (e.g. '{value}') so they are read exactly")
        self.fail(where, f"expected a number, got {_kind(value)}")

    def key(self, value: Any, where: str) -> str:
        text = self.text(value, where)
        if not _KEY.match(text):
            self.fail(where, f"expected a lower-case key (letters, digits, '_'), got {text!r}")
        return text

    def choice(self, value: Any, where: str, choices: Sequence[_Choice]) -> _Choice:
        for choice in choices:
            if value == choice:
                return choice
        self.fail(where, f"expected one of {', '.join(choices)}, got {_kind(value)}")

    def loinc(self, value: Any, where: str, *, answer: bool = False) -> str | None:
        if value is None:
            return None
        if isinstance(value, str) and value in WRONG_LOINC_CODES:
            self.fail(where, f"{value} is a known wrong code (see clinical-reference.md)")
        if answer:
            if not isinstance(value, str) or not _LOINC_ANSWER.match(value):
                self.fail(where, f"expected a LOINC answer code like LA6568-5, got {_kind(value)}")
            return value
        match = _LOINC.match(value) if isinstance(value, str) else None
        if match is None:
            self.fail(where, f"expected a LOINC code like 44261-6, got {_kind(value)}")
        if _loinc_check_digit(match.group(1)) != int(match.group(2)):
            self.fail(where, f"{value} fails the LOINC check digit (a typo?)")
        return value


def _at(where: str, name: object) -> str:
    return f"{where}.{name}" if where else str(name)


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"a boolean ({value})"
    if isinstance(value, (dict, list)):
        return f"a {type(value).__name__}"
    return repr(value)


def _loinc_check_digit(digits: str) -> int:
    """Return the LOINC mod-10 check digit of the code's number (LOINC users' guide, appendix)."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        digit = int(char)
        if position % 2 == 0:
            digit *= 2
            digit = digit // 10 + digit % 10
        total += digit
    return (10 - total % 10) % 10


def _bounds(r: _Reader, raw: dict[str, Any], where: str) -> Bounds:
    values = {name: r.number(raw[name], f"{where}.{name}") for name in COMPARISONS if name in raw}
    if not values:
        r.fail(where, "needs at least one of gt, gte, lt, lte")
    if "gt" in values and "gte" in values:
        r.fail(where, "give gt or gte, not both")
    if "lt" in values and "lte" in values:
        r.fail(where, "give lt or lte, not both")
    low = values.get("gt", values.get("gte"))
    high = values.get("lt", values.get("lte"))
    if low is not None and high is not None and low > high:
        r.fail(where, "the lower bound is above the upper bound")
    return Bounds(**values)


def _options(r: _Reader, raw: Any, where: str) -> tuple[Option, ...]:
    options = []
    for index, entry in enumerate(r.sequence(raw, where, allow_empty=False)):
        at = f"{where}[{index}]"
        fields = r.mapping(entry, at, ("value", "label"), ("loinc",))
        options.append(
            Option(
                value=r.integer(fields["value"], f"{at}.value"),
                label=r.text(fields["label"], f"{at}.label"),
                loinc=r.loinc(fields.get("loinc"), f"{at}.loinc", answer=True),
            )
        )
    values = [option.value for option in options]
    if len(options) < 2:
        r.fail(where, "needs at least two options")
    if len(set(values)) != len(values):
        r.fail(where, f"answer values must be unique, got {values}")
    if set(values) != set(range(min(values), max(values) + 1)):
        r.fail(where, f"answer values must be consecutive whole numbers, got {values}")
    codes = [option.loinc for option in options]
    if any(codes) and not all(codes):
        r.fail(where, "give a LOINC answer code for every option or for none")
    if any(codes) and len(set(codes)) != len(codes):
        r.fail(where, "LOINC answer codes must be unique")
    return tuple(options)


_TOP_REQUIRED = (
    "key", "order", "version", "name", "short_name", "measures", "client_name", "higher_is_better", "switchable",
    "enabled_by_default", "citation", "licence", "stem", "options", "items", "scoring", "subscales", "bands_on",
    "bands", "flags", "risk_flags", "loinc", "reliable_change",
)  # fmt: skip
_TOP_OPTIONAL = ("licence_note", "percentage", "subscale_note", "extra_question")


def parse_definition(raw: Any, source: str) -> Instrument:
    """Return the Instrument described by `raw` (a parsed YAML document) or raise DefinitionError.

    `source` names the file in error messages; when it ends in ``.yaml`` the instrument's key must
    match the file name.
    """
    r = _Reader(source)
    top = r.mapping(raw, "", _TOP_REQUIRED, _TOP_OPTIONAL)
    key = r.key(top["key"], "key")
    if source.endswith(".yaml") and source.rsplit("/", 1)[-1] != f"{key}.yaml":
        r.fail("key", f"{key!r} does not match the file name")
    client_name = r.text(top["client_name"], "client_name")
    _check_client_words(r, client_name, "client_name")
    switchable = r.boolean(top["switchable"], "switchable")
    enabled_by_default = r.boolean(top["enabled_by_default"], "enabled_by_default")
    if not switchable and not enabled_by_default:
        r.fail("enabled_by_default", "an instrument that is not switchable must be on by default")

    options = _options(r, top["options"], "options")
    item_count = len(r.sequence(top["items"], "items", allow_empty=False))
    scoring = _scoring(r, top["scoring"], options, item_count)
    items = _items(r, top["items"], scoring)
    multiplier = None
    if top.get("percentage") is not None:
        multiplier = r.integer(r.mapping(top["percentage"], "percentage", ("multiplier",))["multiplier"],
                               "percentage.multiplier", minimum=1)  # fmt: skip
        if scoring.method != "sum":
            r.fail("percentage", "a percentage is only defined for summed totals")
    subscales = _subscales(r, top["subscales"], item_count, scoring)
    bands_on = r.choice(top["bands_on"], "bands_on", SCORE_SUBJECTS)
    if bands_on == "percentage" and multiplier is None:
        r.fail("bands_on", "bands on the percentage need a percentage block")
    flags = _flags(r, top["flags"], item_count, subscales, multiplier)
    codes = r.mapping(top["loinc"], "loinc", (), ("panel", "total"))

    instrument = Instrument(
        key=key,
        order=r.integer(top["order"], "order", minimum=1),
        version=r.integer(top["version"], "version", minimum=1),
        name=r.text(top["name"], "name"),
        short_name=r.text(top["short_name"], "short_name"),
        measures=r.text(top["measures"], "measures"),
        client_name=client_name,
        higher_is_better=r.boolean(top["higher_is_better"], "higher_is_better"),
        switchable=switchable,
        enabled_by_default=enabled_by_default,
        citation=_citation(r, top["citation"]),
        licence=r.text(top["licence"], "licence"),
        licence_note=r.optional_text(top.get("licence_note"), "licence_note"),
        stem=r.text(top["stem"], "stem"),
        options=options,
        items=items,
        scoring=scoring,
        percentage_multiplier=multiplier,
        subscales=subscales,
        subscale_note=r.optional_text(top.get("subscale_note"), "subscale_note"),
        bands_on=bands_on,
        bands=_bands(r, top["bands"]),
        flags=flags,
        risk_items=_risk_items(r, top["risk_flags"], flags),
        extra_question=_extra_question(r, top.get("extra_question")),
        loinc=LoincCodes(
            panel=r.loinc(codes.get("panel"), "loinc.panel"), total=r.loinc(codes.get("total"), "loinc.total")
        ),
        reliable_change=_reliable_change(r, top["reliable_change"], multiplier),
    )
    _check_bands_cover_every_score(r, instrument)
    return instrument


def _citation(r: _Reader, raw: Any) -> Citation:
    fields = r.mapping(raw, "citation", ("authors", "year", "title", "journal"))
    return Citation(
        authors=r.text(fields["authors"], "citation.authors"),
        year=r.integer(fields["year"], "citation.year", minimum=1900),
        title=r.text(fields["title"], "citation.title"),
        journal=r.text(fields["journal"], "citation.journal"),
    )


def _item_numbers(r: _Reader, raw: Any, where: str, item_count: int) -> tuple[int, ...]:
    numbers = tuple(r.integer(n, f"{where}[{i}]") for i, n in enumerate(r.sequence(raw, where)))
    for i, number in enumerate(numbers):
        if not 1 <= number <= item_count:
            r.fail(f"{where}[{i}]", f"there is no item {number}")
    if len(set(numbers)) != len(numbers):
        r.fail(where, "lists an item twice")
    return numbers


def _scoring(r: _Reader, raw: Any, options: tuple[Option, ...], item_count: int) -> Scoring:
    fields = r.mapping(raw, "scoring", ("method",), ("reverse_items", "reverse_from"))
    method = r.choice(fields["method"], "scoring.method", SCORING_METHODS)
    reverse = _item_numbers(r, fields.get("reverse_items", []), "scoring.reverse_items", item_count)
    low, high = min(o.value for o in options), max(o.value for o in options)
    reverse_from = fields.get("reverse_from")
    if reverse:
        reverse_from = r.integer(reverse_from, "scoring.reverse_from")
        if reverse_from != low + high:
            r.fail("scoring.reverse_from", f"must be {low + high} so that reversed answers stay in {low}..{high}")
    elif reverse_from is not None:
        r.fail("scoring.reverse_from", "given without reverse_items")
    return Scoring(method=method, reverse_items=tuple(sorted(reverse)), reverse_from=reverse_from)


def _items(r: _Reader, raw: list[Any], scoring: Scoring) -> tuple[Item, ...]:
    items = []
    for index, entry in enumerate(raw):
        at = f"items[{index}]"
        fields = r.mapping(entry, at, ("number", "text"), ("loinc",))
        number = r.integer(fields["number"], f"{at}.number")
        if number != index + 1:
            r.fail(f"{at}.number", f"items must be numbered 1, 2, 3 ... in order; expected {index + 1}, got {number}")
        items.append(
            Item(
                number=number,
                text=r.text(fields["text"], f"{at}.text"),
                loinc=r.loinc(fields.get("loinc"), f"{at}.loinc"),
                reversed=number in scoring.reverse_items,
            )
        )
    if len({item.text for item in items}) != len(items):
        r.fail("items", "two items have the same text")
    codes = [item.loinc for item in items if item.loinc]
    if len(set(codes)) != len(codes):
        r.fail("items", "two items have the same LOINC code")
    return tuple(items)


def _subscales(r: _Reader, raw: Any, item_count: int, scoring: Scoring) -> tuple[Subscale, ...]:
    subscales = []
    for index, entry in enumerate(r.sequence(raw, "subscales")):
        at = f"subscales[{index}]"
        fields = r.mapping(entry, at, ("key", "name", "items", "method"), ("loinc",))
        members = _item_numbers(r, fields["items"], f"{at}.items", item_count)
        if not members:
            r.fail(f"{at}.items", "must not be empty")
        subscales.append(
            Subscale(
                key=r.key(fields["key"], f"{at}.key"),
                name=r.text(fields["name"], f"{at}.name"),
                items=members,
                method=r.choice(fields["method"], f"{at}.method", SUBSCALE_METHODS),
                loinc=r.loinc(fields.get("loinc"), f"{at}.loinc"),
            )
        )
    if len({s.key for s in subscales}) != len(subscales):
        r.fail("subscales", "two subscales have the same key")
    every_item_once = sorted(n for s in subscales for n in s.items) == list(range(1, item_count + 1))
    if scoring.method == "mean_of_subscale_means" and not every_item_once:
        r.fail("subscales", "mean_of_subscale_means needs subscales that hold every item exactly once")
    return tuple(subscales)


def _bands(r: _Reader, raw: Any) -> tuple[Band, ...]:
    bands = []
    for index, entry in enumerate(r.sequence(raw, "bands", allow_empty=False)):
        at = f"bands[{index}]"
        fields = r.mapping(entry, at, ("key", "label", "client_label"), COMPARISONS)
        client_label = r.text(fields["client_label"], f"{at}.client_label")
        _check_client_words(r, client_label, f"{at}.client_label")
        bands.append(
            Band(
                key=r.key(fields["key"], f"{at}.key"),
                label=r.text(fields["label"], f"{at}.label"),
                client_label=client_label,
                bounds=_bounds(r, fields, at),
            )
        )
    if len({b.key for b in bands}) != len(bands):
        r.fail("bands", "two bands have the same key")
    return tuple(bands)


def _flags(
    r: _Reader, raw: Any, item_count: int, subscales: tuple[Subscale, ...], multiplier: int | None
) -> tuple[Flag, ...]:
    flags = []
    for index, entry in enumerate(r.sequence(raw, "flags")):
        at = f"flags[{index}]"
        fields = r.mapping(entry, at, ("name", "when"))
        when = _condition(r, fields["when"], f"{at}.when", item_count, [s.key for s in subscales], multiplier)
        flags.append(Flag(name=r.key(fields["name"], f"{at}.name"), when=when))
    if len({f.name for f in flags}) != len(flags):
        r.fail("flags", "two flags have the same name")
    return tuple(flags)


def _risk_items(r: _Reader, raw: Any, flags: tuple[Flag, ...]) -> tuple[RiskItem, ...]:
    risk_items = []
    for index, name in enumerate(r.sequence(raw, "risk_flags")):
        at = f"risk_flags[{index}]"
        flag = next((f for f in flags if f.name == name), None)
        if flag is None:
            r.fail(at, f"there is no flag {name!r}")
        if flag.when.subject != "item" or flag.when.item is None:
            r.fail(at, f"risk flag {name!r} must test one item (e.g. item: 9), so it works on unfinished answers")
        risk_items.append(RiskItem(item=flag.when.item, flag=flag.name, bounds=flag.when.bounds))
    return tuple(risk_items)


def _extra_question(r: _Reader, raw: Any) -> ExtraQuestion | None:
    if raw is None:
        return None
    where = "extra_question"
    fields = r.mapping(raw, where, ("key", "text", "options"), ("loinc",))
    key = r.key(fields["key"], f"{where}.key")
    if key in ("instrument", "responses"):
        r.fail(f"{where}.key", f"{key!r} is taken by the scoring input")
    return ExtraQuestion(
        key=key,
        text=r.text(fields["text"], f"{where}.text"),
        options=_options(r, fields["options"], f"{where}.options"),
        loinc=r.loinc(fields.get("loinc"), f"{where}.loinc"),
    )


def _check_client_words(r: _Reader, text: str, where: str) -> None:
    for word in WORDS_NOT_FOR_CLIENTS:
        if word in text.lower():
            r.fail(where, f"{word!r} must never be shown to a client (clinical-reference.md)")


def _condition(
    r: _Reader, raw: Any, where: str, item_count: int, subscale_keys: list[str], multiplier: int | None
) -> Condition:
    fields = r.mapping(raw, where, (), ("item", "subscale", "score", *COMPARISONS))
    subjects = [name for name in ("item", "subscale", "score") if name in fields]
    if len(subjects) != 1:
        r.fail(where, "give exactly one of item, subscale, score")
    bounds = _bounds(r, {k: v for k, v in fields.items() if k in COMPARISONS}, where)
    if "item" in fields:
        if fields["item"] == "any":
            return Condition(subject="any_item", bounds=bounds)
        number = r.integer(fields["item"], f"{where}.item")
        if not 1 <= number <= item_count:
            r.fail(f"{where}.item", f"there is no item {number}")
        return Condition(subject="item", bounds=bounds, item=number)
    if "subscale" in fields:
        name = r.key(fields["subscale"], f"{where}.subscale")
        if name not in subscale_keys:
            r.fail(f"{where}.subscale", f"there is no subscale {name!r}")
        return Condition(subject="subscale", bounds=bounds, subscale=name)
    subject = r.choice(fields["score"], f"{where}.score", SCORE_SUBJECTS)
    if subject == "percentage" and multiplier is None:
        r.fail(f"{where}.score", "this instrument has no percentage")
    return Condition(subject=subject, bounds=bounds)


def _reliable_change(r: _Reader, raw: Any, multiplier: int | None) -> ReliableChange:
    where = "reliable_change"
    fields = r.mapping(raw, where, ("method", "source"), ("score", "threshold", "reliability", "deterioration_alert"))
    method = r.choice(fields["method"], f"{where}.method", CHANGE_METHODS)
    source = r.text(fields["source"], f"{where}.source")
    if method == "threshold":
        for name in ("threshold", "score"):
            if name not in fields:
                r.fail(f"{where}.{name}", "missing (needed by the threshold method)")
        if "reliability" in fields:
            r.fail(f"{where}.reliability", "only for the jacobson_truax method")
        score = r.choice(fields["score"], f"{where}.score", SCORE_SUBJECTS)
        if score == "percentage" and multiplier is None:
            r.fail(f"{where}.score", "this instrument has no percentage")
        return ReliableChange(
            method="threshold",
            source=source,
            score=score,
            threshold=r.integer(fields["threshold"], f"{where}.threshold", minimum=1),
            deterioration_alert=r.boolean(fields.get("deterioration_alert", False), f"{where}.deterioration_alert"),
        )
    for name in ("threshold", "score", "deterioration_alert"):
        if name in fields:
            r.fail(f"{where}.{name}", "only for the threshold method")
    if "reliability" not in fields:
        r.fail(f"{where}.reliability", "missing (needed by the jacobson_truax method)")
    reliability = r.number(fields["reliability"], f"{where}.reliability")
    if not 0 < reliability < 1:
        r.fail(f"{where}.reliability", "must be between 0 and 1")
    return ReliableChange(method="jacobson_truax", source=source, reliability=Fraction(reliability))


def _possible_scores(instrument: Instrument) -> list[Number]:
    """Return a grid of values that holds every score the banded quantity can take (and maybe more)."""
    low, high = instrument.total_range
    method = instrument.scoring.method
    if method == "sum":
        step: Fraction = Fraction(1)
    elif method == "mean":
        step = Fraction(1, instrument.item_count)
    else:
        sizes = [len(s.items) for s in instrument.subscales]
        step = Fraction(1, len(sizes) * math.lcm(*sizes))
    if instrument.bands_on == "percentage":
        factor = instrument.percentage_multiplier or 1
        low, high, step = low * factor, high * factor, step * factor
    count = int((Fraction(high) - Fraction(low)) / step)
    return [low + step * i for i in range(count + 1)]


def _check_bands_cover_every_score(r: _Reader, instrument: Instrument) -> None:
    used: list[int] = []
    for value in _possible_scores(instrument):
        matches = [i for i, band in enumerate(instrument.bands) if band.bounds.contains(value)]
        if not matches:
            r.fail("bands", f"no band holds the possible score {value}")
        if len(matches) > 1:
            names = ", ".join(instrument.bands[i].key for i in matches)
            r.fail("bands", f"the score {value} falls in more than one band ({names})")
        if used and matches[0] < used[-1]:
            r.fail("bands", "list bands from the lowest scores to the highest")
        used.append(matches[0])
    for i, band in enumerate(instrument.bands):
        if i not in used:
            r.fail(f"bands[{i}]", f"band {band.key!r} holds no possible score")
