"""Per-table behaviour of the build that a Table Schema cannot say, named by the registry.

Readable citations, one function per kind of row, each taking the built row, its id and the build
context (which finds the rows a citation names); and the rules of a row that compare it with its own words
(a figure's number, hedge, unit, sign and period; an observation's number) or check codes, each taking the
row's values, its label, the problems, its source text and a lookup of other rows
(:data:`~china_russia_tools.wording.Lookup`); the rules of mentions and quotes are in
:mod:`~china_russia_tools.wording`.
"""

from __future__ import annotations

import math
import re
from typing import Any

from . import arithmetic, fields
from ._version import __version__
from .rules import numbers, periods, units, words


def source_citation(source: dict[str, Any], _row_id: str = "", _context: Any = None) -> str:
    """A source text: title, byline, publication window and SHA-256."""
    earliest, latest = source["published_earliest"], source["published_latest"]
    if earliest and latest:
        when = f"published between {earliest.isoformat()} and {latest.isoformat()}"
    elif earliest:
        when = f"published on or after {earliest.isoformat()}"
    elif latest:
        when = f"published on or before {latest.isoformat()}"
    else:
        when = "publication date unknown"
    byline = f" {source['byline']}." if source["byline"] else ""
    return (
        f"“{source['title']}”.{byline} News article, {when}. Source text {source['source_id']}, "
        f"SHA-256 {source['sha256']}; in china-russia-tools {__version__}."
    )


def row_citation(table: str, row: dict[str, Any], row_id: str, _context: Any = None) -> str:
    """A row of a table with no citation of its own: its name (or id), its id and its table."""
    return f"{row.get('name') or row_id} ({row_id}), {table} table of china-russia-tools {__version__}."


def entity_citation(entity: dict[str, Any], row_id: str, _context: Any = None) -> str:
    """An entity: its name and id, and its Wikidata item where one is verified."""
    item = f"; Wikidata {entity['wikidata_id']}" if entity.get("wikidata_id") else ""
    return f"{entity['name']} (entity {row_id}{item}), entities table of china-russia-tools {__version__}."


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


def product_citation(product: dict[str, Any], row_id: str, _context: Any = None) -> str:
    return f"{product['name']} (product {row_id}), products table of china-russia-tools {__version__}."


def product_code_citation(code: dict[str, Any], row_id: str, _context: Any = None) -> str:
    return (
        f"{code['classification']} {code['code']} of product {code['product_id']} (product code {row_id}), "
        f"product_codes table of china-russia-tools {__version__}."
    )


def series_citation(series: dict[str, Any], row_id: str, _context: Any = None) -> str:
    """A series: who reports which flow with which partner, and how often."""
    return (
        f"{series['agency_id']}: {series['reporter']} {series['flow']} with {series['partner']}, "
        f"{series['product_id']}, {series['frequency']}, {series['currency']} (series {row_id}), "
        f"series table of china-russia-tools {__version__}."
    )


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


def observation_citation(observation: dict[str, Any], row_id: str, context: Any) -> str:
    """An observation: the value, the series and period, and the reference it was read in."""
    reference = context.find("references", observation["reference_id"])
    return (
        f"{arithmetic.fmt(observation['value'])} {observation['unit']} ({observation['statistic']}), series "
        f"{observation['series_id']}, {observation['period_start'].isoformat()} to "
        f"{observation['period_end'].isoformat()} (observation {row_id}); read in {reference['citation']}"
    )


def observation_rules(
    values: dict[str, Any], label: str, problems: Any, _text: str | None = None, _lookup: Any = None
) -> None:
    """The period runs forwards, a level is not negative, and the value is what its ``value_words`` (words
    of its ``text``) say, read by :func:`words.read`: the number in base units, the unit, and for a
    change the sign of its direction word."""
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
    scale = numbers.scale_after(text, found.end()) if phrase[-1:].isdigit() else None
    if scale is not None:
        message = f"value_words {phrase!r} leave out the word {scale!r} that follows and scales their number"
        problems.add(label, message, "scale-outside-span")
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


def reference_citation(reference: dict[str, Any], _row_id: str = "", _context: Any = None) -> str:
    url = f" {reference['url']}" if reference.get("url") else ""
    return f"{reference['publisher']}, “{reference['title']}”, {reference['published'].isoformat()}.{url}"


def anchored_citation(row: dict[str, Any], row_id: str, context: Any) -> str:
    """An anchored row: its words, id, source and code point position."""
    source = context.find("sources", row["source_id"])
    return (
        f"“{row['text']}” ({row_id}), {source['title']} [{source['source_id']}], "
        f"code points {row['char_start']}–{row['char_end']}; china-russia-tools {__version__}."
    )


def check_citation(check: dict[str, Any], _row_id: str, context: Any) -> str:
    """A check: the arithmetic it computes, or the reference it reads."""
    if check["method"] == "arithmetic":
        return f"Arithmetic on figures {check['operands']} of china-russia-tools {__version__}."
    if check["method"] == "observation":
        return " ".join(
            context.find("observations", observation.strip())["citation"]
            for observation in check["observations"].split(",")
        )
    if check["reference_id"] is None:
        return "No reference speaks to it."
    return context.find("references", check["reference_id"])["citation"]


def correction_citation(correction: dict[str, Any], row_id: str, _context: Any = None) -> str:
    """A correction: what changed in which row, and in which release."""
    field = f" {correction['field']}" if correction["field"] else ""
    return (
        f"Correction {row_id}: {correction['table']} {correction['row_id']}{field} {correction['change']}, "
        f"in china-russia-tools {correction['version']}."
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


INFERABLE = ("value", "unit", "approximation", "statistic", "sign")
"""Fields of a figure that ``inferred`` may list: decided from the document rather than the figure's words."""
NON_NEGATIVE = ("level", "multiple")
"""Statistics that cannot be below 0: an amount, a share or a ratio of two amounts."""
SHARE_MEASURES = ("import_share", "supply_share", "import_dependence")
"""Measures that are a share of a whole: a level of one in percent lies within 0-100."""


def figure_rules(
    values: dict[str, Any], label: str, problems: Any, source_text: str, _lookup: Any = None
) -> None:
    """Rules of a figure that its schema cannot express; fills value_low/value_high of point figures.

    ``values`` holds the converted columns and the span (``char_start``, ``char_end``) in ``source_text``.
    The row is compared with what its words say (:func:`words.read`): number, unit, hedge, sign,
    statistic and period; a field the words leave unsaid is not compared.
    """
    value, low, high = values["value"], values.get("value_low"), values.get("value_high")
    if value is not None:
        low = value if low is None else low
        high = value if high is None else high
        if not low <= value <= high:
            message = f"value_low <= value <= value_high does not hold ({low} <= {value} <= {high})"
            problems.add(label, message, "value-range")
        elif low != high:
            problems.add(
                label, f"value {value} is set, so value_low and value_high are it too, not {low} and {high}; "
                "a range has value null", "value-range"
            )
    elif low is None or high is None:
        problems.add(label, "needs a value, or both value_low and value_high for a range", "value-range")
    elif low > high:
        problems.add(label, f"value_low {low} is greater than value_high {high}", "reversed-range")
    values["value_low"], values["value_high"] = low, high
    reading = words.read(source_text, values["char_start"], values["char_end"])
    inferred = set(fields.items(values.get("inferred")))
    unknown = sorted(inferred - set(INFERABLE))
    if unknown:
        problems.add(label, f"inferred lists {', '.join(unknown)}; it may list {', '.join(INFERABLE)}", "invalid-value")
    if inferred and not values.get("note"):
        problems.add(label, "inferred is set, so a note must say why each field departs from the words", "paired-field")
    number_rules(values, reading, label, problems, source_text, inferred)
    bounds_rules(values, label, problems)
    statistic_rules(values, reading, label, problems, inferred)
    period_rules(values, label, problems)
    if values["period_inferred"] and not values.get("note"):
        problems.add(label, "period_inferred is true, so a note must say why", "paired-field")
    if values["period_inferred"] and values["period_start"] is None and values["period_end"] is None:
        problems.add(label, "period_inferred is true but no period dates are given", "paired-field")
    if values["report_inferred"] and (values["report_id"] is None or not values.get("note")):
        problems.add(label, "report_inferred is true, so report_id must be set and a note must say why", "paired-field")
    if values["series_id"] is None and values.get("series_note") is None:
        problems.add(label, "series_id is null, so series_note must say why no series fits", "paired-field")


def number_rules(
    values: dict[str, Any], reading: words.Reading, label: str, problems: Any, source_text: str, inferred: set[str]
) -> None:
    """The number, unit and hedge of a figure are those its words write (but the fields it lists as
    ``inferred``), and the span holds the scale word, hedge and minus sign that belong to its number."""
    text, low, high = values["text"], values["value_low"], values["value_high"]
    stated = [abs(values["value"])] if values["value"] is not None else [low, high]
    written = [abs(number) for number in dict.fromkeys((reading.low, reading.high)) if number is not None]
    written = sorted(written) if len(stated) == 2 else written
    agree = len(written) == len(stated) and all(
        math.isclose(a, b, rel_tol=1e-9) for a, b in zip(stated, written, strict=True)
    ) if None not in stated else True
    if written and not agree and "value" not in inferred:
        problems.add(
            label,
            f"value {' to '.join(map(arithmetic.fmt, stated))} does not agree with the number written in text "
            f"{text!r} ({' to '.join(map(arithmetic.fmt, written))}); write values in base units, "
            "e.g. '£68 million' is 68000000", "value-words-mismatch",
        )
    if reading.units and values["unit"] not in reading.units and "unit" not in inferred:
        problems.add(
            label,
            f"unit {values['unit']!r} does not agree with {reading.unit_words!r} written in or next to text "
            f"{text!r} ({' or '.join(reading.units)})", "unit-words-mismatch",
        )
    scale = numbers.scale_after(source_text, values["char_end"]) if text[-1:].isdigit() else None
    if scale is not None:
        problems.add(
            label,
            f"text {text!r} leaves out the word {scale!r} that follows it, which scales its number; include it "
            "in the span", "scale-outside-span",
        )
    if reading.hedge_outside:
        problems.add(
            label, f"text {text!r} leaves out the hedge {reading.hedge_words!r} right before it; include it in "
            "the span", "hedge-outside-span",
        )
    if reading.sign_outside:
        problems.add(
            label, f"text {text!r} leaves out the sign {reading.direction_words!r} right before its number; include "
            "it in the span", "sign-outside-span",
        )
    if values["approximation"] != reading.approximation and "approximation" not in inferred:
        said = f"{reading.hedge_words!r}, which writes approximation {reading.approximation!r}" if reading.hedge_words \
            else "no hedge word, so its approximation is 'exact'"
        problems.add(
            label, f"approximation {values['approximation']!r} does not agree with the words: text {text!r} has "
            f"{said}", "hedge-words-mismatch",
        )


def bounds_rules(values: dict[str, Any], label: str, problems: Any) -> None:
    """Levels and multiples are not negative, and a share in percent lies within 0-100 %."""
    low, high, statistic = values["value_low"], values["value_high"], values["statistic"]
    if low is None or high is None:
        return
    if statistic in NON_NEGATIVE and low < 0:
        message = f"value {arithmetic.fmt(low)} is negative, but a {statistic} cannot be below 0"
        problems.add(label, message, "value-out-of-bounds")
    if statistic == "level" and values["measure"] in SHARE_MEASURES and values["unit"] == "percent" and high > 100:
        message = f"value {arithmetic.fmt(high)} is above 100, but a share in percent lies within 0-100"
        problems.add(label, message, "value-out-of-bounds")


def statistic_rules(
    values: dict[str, Any], reading: words.Reading, label: str, problems: Any, inferred: set[str]
) -> None:
    """A change carries the sign of the direction its words give; the statistic is the one they write:
    a change where a direction word or sign stands with the number (year-on-year where they say so), a
    multiple where they write one. Words that write neither leave the statistic unsaid."""
    statistic, high, text = values["statistic"], values["value_high"], values["text"]
    said = {"change": "change_yoy" if reading.year_on_year else "change"}.get(reading.statistic, reading.statistic)
    accepted = {"level": ("level", "multiple", "change", "change_yoy"), "multiple": ("multiple",),
                "change": ("change", "change_yoy")}  # words that write no change leave the statistic unsaid
    wrong = statistic not in accepted[reading.statistic] or (said == "change_yoy" and statistic != said)
    wrong = wrong or (reading.level_said and statistic != "level")
    if wrong and "statistic" not in inferred:
        because = {"change": f"the direction {reading.direction_words!r}", "multiple": f"{reading.unit_words!r}",
                   "level": "a verb of change with 'to' before the number"}[reading.statistic]
        problems.add(
            label, f"statistic {statistic!r} does not agree with the words: {because} next to text {text!r} "
            f"makes it {said!r}", "statistic-words-mismatch",
        )
    elif statistic.startswith("change") and reading.direction is not None and high is not None \
            and (reading.direction == "fall") != (high < 0) and "sign" not in inferred:
        sign = "negative" if reading.direction == "fall" else "positive"
        problems.add(
            label,
            f"value {arithmetic.fmt(high)} does not carry the sign of {reading.direction_words!r} next to {text!r}: "
            f"a {reading.direction} is {sign} (annotation guide, Sign)", "sign-direction",
        )


def period_rules(values: dict[str, Any], label: str, problems: Any) -> None:
    """A period read from the words (``period_inferred`` false) has the dates its ``period_text`` names,
    as :func:`periods.period_of` reads them: a month, a year, parts of a year, a range of months, two such
    phrases joined; after "since" only the start, before "until" only the end. Words that name no year
    ("in July", "last year") need ``period_inferred``."""
    start, end, phrase = values["period_start"], values["period_end"], values["period_text"]
    if start is not None and end is not None and end < start:
        problems.add(label, f"period_end {end} is before period_start {start}", "reversed-range")
        return
    if values["period_inferred"] or not phrase:
        return
    period = periods.period_of(phrase)
    if period is None:
        return
    if period.from_window:
        problems.add(
            label, f"period_text {phrase!r} names no year, so its dates are decided from context; set "
            "period_inferred: true, with a note", "period-words-mismatch",
        )
        return
    for column, date, said in (("period_start", start, period.start), ("period_end", end, period.end)):
        if said is not None and date != said:
            problems.add(
                label,
                f"{column} {date} does not agree with period_text {phrase!r}, which gives {said}; set "
                "period_inferred: true, with a note, if the dates are not the ones the words give",
                "period-words-mismatch",
            )
