"""The rules of a row of a shared table that a Table Schema cannot say, named by the registry: an entity's
words and codes, a series' codes, an observation's number against its words and its unit against its
series' currency, a correction's id and field; each takes the row's values, its label, the problems, its
source text and a lookup of other rows
(:data:`~china_russia_tools.wording.Lookup`). The rules of figures, mentions and quotes against their
words are in :mod:`~china_russia_tools.wording`."""

from __future__ import annotations

import math
import re
from typing import Any

from . import arithmetic


def entity_rules(
    values: dict[str, Any], label: str, problems: Any, _text: str | None = None, _lookup: Any = None
) -> None:
    """Rules of an entity that its schema cannot express: its country code is in ISO 3166, and a
    Wikidata id comes with the note of how it was checked."""
    code = values["country_code"]
    if code is not None and iso3166_name(code) is None:
        problems.add(
            label,
            f"country_code {code!r} is neither a current ISO 3166-1 alpha-2 code nor a former alpha-2 code "
            "in ISO 3166-3", "country-code",
        )
    if values["wikidata_id"] is not None and values.get("wikidata_note") is None:
        problems.add(label, "wikidata_id is set, so wikidata_note must say how the item was checked", "paired-field")
    if values["wikidata_id"] is None and values.get("wikidata_note") is not None:
        problems.add(label, "wikidata_note is set but wikidata_id is null", "paired-field")


def iso3166_name(code: str) -> str | None:
    """The ISO 3166 name of an alpha-2 code: a current country (ISO 3166-1) first, else a former one
    (ISO 3166-3); ``None`` if it is neither. Upper case only: pycountry itself ignores case."""
    try:
        import pycountry
    except ImportError as error:
        raise ImportError('checking country codes needs pycountry: pip install "china-russia-tools[build]"') from error
    for database in (pycountry.countries, pycountry.historic_countries):
        found = database.get(alpha_2=code)
        if found is not None and found.alpha_2 == code:
            return found.name
    return None


def series_rules(
    values: dict[str, Any], label: str, problems: Any, _text: str | None = None, _lookup: Any = None
) -> None:
    """Reporter and partner are ISO 3166 codes and differ; a public series has no mirror."""
    for column in ("reporter", "partner"):
        if iso3166_name(values[column]) is None:
            problems.add(label, f"{column} {values[column]!r} is not an ISO 3166-1 alpha-2 code", "country-code")
    if values["reporter"] == values["partner"]:
        problems.add(label, f"reporter and partner are both {values['reporter']!r}", "same-country")
    if values["public"] and values["mirror_id"] is not None:
        problems.add(label, "a public series needs no mirror; mirror_id must be null", "paired-field")


def observation_rules(
    values: dict[str, Any], label: str, problems: Any, _text: str | None = None, lookup: Any = None
) -> None:
    """The period runs forwards, a level is not negative, the unit is its series' currency
    (:func:`observation_currency`), and the value is what its ``value_words`` (words of its ``text``) say,
    read by :func:`words.read`: the number in base units, the unit, and for a change the sign of its
    direction word."""
    observation_currency(values, label, problems, lookup)
    if values["period_end"] < values["period_start"]:
        message = f"period_end {values['period_end']} is before period_start {values['period_start']}"
        problems.add(label, message, "reversed-range")
    if values["statistic"] == "level" and values["value"] < 0:
        message = f"value {arithmetic.fmt(values['value'])} is negative, but a level cannot be below 0"
        problems.add(label, message, "value-out-of-bounds")
    text, phrase, value = values["text"], values["value_words"], values["value"]
    found = re.search(rf"(?<![\w.,]){re.escape(phrase)}(?![\w]|[.,]\d)", text)  # whole words, whole numbers
    if found is None:
        problems.add(label, f"value_words {phrase!r} are not whole words of its text {text!r}", "span-not-found")
        return
    from .rules import numbers  # here, not at import: loading the tables needs no rules

    scale = numbers.scale_after(text, found.end()) if phrase[-1:].isdigit() else None
    if scale is not None:
        message = f"value_words {phrase!r} leave out the word {scale!r} that follows and scales their number"
        problems.add(label, message, "scale-outside-span")
    from .rules import units, words  # here, not at import: loading the tables needs no rules

    reading = words.read(text, found.start(), found.end())
    written = [abs(number) for number in (reading.low, reading.high) if number is not None][-1:]
    if not any(math.isclose(abs(value), number, rel_tol=1e-9) for number in written):
        problems.add(
            label,
            f"value {arithmetic.fmt(value)} is not the number written in value_words {phrase!r} "
            f"({', '.join(map(arithmetic.fmt, written)) or 'none'}); write values in base units, e.g. "
            "'1.03 trillion yuan' is 1030000000000", "value-words-mismatch",
        )
    elif values["statistic"] == "change_yoy":
        direction = units.direction_near(phrase, 0, len(phrase))  # a change's direction word is one of its words
        if direction is None:
            message = f"value_words {phrase!r} of a change hold no one direction word (rose, fell...) to sign it by"
            problems.add(label, message, "sign-unwritten")
        elif (direction.direction == "fall") != (value < 0):
            sign = direction.words
            message = f"value {arithmetic.fmt(value)} does not carry the sign of {sign!r} in {phrase!r}"
            problems.add(label, message, "sign-direction")
    if reading.units and values["unit"] not in reading.units:
        problems.add(
            label, f"unit {values['unit']!r} does not agree with {reading.unit_words!r} in value_words {phrase!r} "
            f"({' or '.join(reading.units)})", "unit-words-mismatch",
        )


def observation_currency(values: dict[str, Any], label: str, problems: Any, lookup: Any) -> None:
    """An observation is in its series' currency; a year-on-year change may be in percent instead."""
    series = lookup("series").get(values["series_id"]) if lookup is not None else None
    unit = values["unit"]
    if series is None or unit == series["currency"] or (unit == "percent" and values["statistic"] == "change_yoy"):
        return
    problems.add(
        label,
        f"unit {unit!r} is not the currency {series['currency']!r} of its series {values['series_id']!r}; a value "
        "of a series is in its currency (a year-on-year change may be in percent)", "observation-currency",
    )


def correction_rules(
    values: dict[str, Any], label: str, problems: Any, _text: str | None = None, _lookup: Any = None
) -> None:
    """A correction names its field exactly when one field changed, and its id starts with its version."""
    if not values["correction_id"].startswith(f"{values['version']}-"):
        problems.add(label, f"id must start with its version, '{values['version']}-'", "id-prefix")
    if values["change"] == "changed":
        if values["field"] is None:
            problems.add(label, "a changed row names its field", "paired-field")
        if values["old"] == values["new"]:
            problems.add(label, f"old and new are the same ({values['old']!r}); nothing changed", "no-change")
    elif values["field"] is not None or values["old"] is not None or values["new"] is not None:
        problems.add(label, f"a row {values['change']} has no field, old or new (they must be null)", "paired-field")
