"""Per-table behaviour of the build that a Table Schema cannot say, named by the registry.

Readable citations, one function per kind of row, each taking the built row, its id and the build
context (which finds the rows a citation names); and the rules of an entity and of a figure.
"""

from __future__ import annotations

import math
import re
from typing import Any

from . import arithmetic
from ._version import __version__


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


def entity_citation(entity: dict[str, Any], row_id: str, _context: Any = None) -> str:
    """An entity: its name and id, and its Wikidata item where one is verified."""
    item = f"; Wikidata {entity['wikidata_id']}" if entity.get("wikidata_id") else ""
    return f"{entity['name']} (entity {row_id}{item}), entities table of china-russia-tools {__version__}."


def entity_rules(values: dict[str, Any], label: str, problems: Any, _text: str | None = None) -> None:
    """Rules of an entity that its schema cannot express: its country code is in ISO 3166, and a
    Wikidata id comes with the note of how it was checked."""
    code = values["country_code"]
    if code is not None and iso3166_name(code) is None:
        problems.add(
            label,
            f"country_code {code!r} is neither a current ISO 3166-1 alpha-2 code nor a former alpha-2 code "
            "in ISO 3166-3",
        )
    if values["wikidata_id"] is not None and values.get("wikidata_note") is None:
        problems.add(label, "wikidata_id is set, so wikidata_note must say how the item was checked")
    if values["wikidata_id"] is None and values.get("wikidata_note") is not None:
        problems.add(label, "wikidata_note is set but wikidata_id is null")


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


def correction_rules(values: dict[str, Any], label: str, problems: Any, _text: str | None = None) -> None:
    """A correction names its field exactly when one field changed, and its id starts with its version."""
    if not values["correction_id"].startswith(f"{values['version']}-"):
        problems.add(label, f"id must start with its version, '{values['version']}-'")
    if values["change"] == "changed":
        if values["field"] is None:
            problems.add(label, "a changed row names its field")
        if values["old"] == values["new"]:
            problems.add(label, f"old and new are the same ({values['old']!r}); nothing changed")
    elif values["field"] is not None or values["old"] is not None or values["new"] is not None:
        problems.add(label, f"a row {values['change']} has no field, old or new (they must be null)")


NON_NEGATIVE = ("level", "multiple")
"""Statistics that cannot be below 0: an amount, a share or a ratio of two amounts."""
SHARE_MEASURES = ("import_share",)
"""Measures that are a share of a whole: a level of one in percent lies within 0-100."""
DIRECTION_WORDS = {
    "fall": "fell fall falls falling decreased decrease decreases declined decline declines dropped drop drops "
    "plummeted plunged slumped shrank contracted down",
    "rise": "rose rise rises rising increased increase increases grew growth surged surge climbed jumped soared up",
}
"""Words that give a change its direction (annotation guide, "Sign"), read next to the figure's words."""
_DIRECTIONS = {word: direction for direction, words in DIRECTION_WORDS.items() for word in words.split()}
_WORD = re.compile(r"[^\W\d_]+")


def change_direction(source_text: str, start: int, end: int) -> tuple[str, str] | None:
    """``(direction, word)`` that the words around ``source_text[start:end]`` give a change, if one does.

    Read are the three words before the figure's words and the one after, within its clause; ``None``
    when none of :data:`DIRECTION_WORDS` stands there or both directions do.
    """
    before = re.split(r"[.;:!?,()\n]", source_text[max(0, start - 60) : start])[-1]
    after = re.split(r"[.;:!?,()\n]", source_text[end : end + 30])[0]
    words = [*_WORD.findall(before)[-3:], *_WORD.findall(after)[:1]]
    found = [(_DIRECTIONS[word.lower()], word) for word in words if word.lower() in _DIRECTIONS]
    return found[0] if len({direction for direction, _ in found}) == 1 else None


def figure_rules(values: dict[str, Any], label: str, problems: Any, source_text: str) -> None:
    """Rules of a figure that its schema cannot express; fills value_low/value_high of point figures.

    ``values`` holds the converted columns and the span (``char_start``, ``char_end``) in ``source_text``.
    """
    value, low, high = values["value"], values.get("value_low"), values.get("value_high")
    if value is not None:
        low = value if low is None else low
        high = value if high is None else high
        if not low <= value <= high:
            problems.add(label, f"value_low <= value <= value_high does not hold ({low} <= {value} <= {high})")
    elif low is None or high is None:
        problems.add(label, "needs a value, or both value_low and value_high for a range")
    elif low > high:
        problems.add(label, f"value_low {low} is greater than value_high {high}")
    values["value_low"], values["value_high"] = low, high
    written = arithmetic.written_values(values["text"])
    stated = [abs(value)] if value is not None else [low, high]
    if (
        written
        and None not in stated
        and (
            len(written) < len(stated)
            or not all(math.isclose(a, b, rel_tol=1e-9) for a, b in zip(stated, written[-len(stated) :], strict=True))
        )
    ):
        problems.add(
            label,
            f"value {' to '.join(map(arithmetic.fmt, stated))} does not agree with the number written in text "
            f"{values['text']!r} ({', '.join(map(arithmetic.fmt, written))}); write values in base units, "
            "e.g. '£68 million' is 68000000",
        )
    sign_rules(values, label, problems, source_text)
    start, end = values["period_start"], values["period_end"]
    if start is not None and end is not None and end < start:
        problems.add(label, f"period_end {end} is before period_start {start}")
    if values["period_inferred"] and not values.get("note"):
        problems.add(label, "period_inferred is true, so a note must say why")
    if values["period_inferred"] and start is None and end is None:
        problems.add(label, "period_inferred is true but no period dates are given")


def sign_rules(values: dict[str, Any], label: str, problems: Any, source_text: str) -> None:
    """Levels and multiples are not negative, a share lies within 0-100 %, a change has its words' sign."""
    low, high, statistic = values["value_low"], values["value_high"], values["statistic"]
    if low is None or high is None:
        return
    if statistic in NON_NEGATIVE and low < 0:
        problems.add(label, f"value {arithmetic.fmt(low)} is negative, but a {statistic} cannot be below 0")
    if statistic == "level" and values["measure"] in SHARE_MEASURES and values["unit"] == "percent" and high > 100:
        problems.add(label, f"value {arithmetic.fmt(high)} is above 100, but a share in percent lies within 0-100")
    if statistic.startswith("change"):
        found = change_direction(source_text, values["char_start"], values["char_end"])
        if found is not None and (found[0] == "fall") != (high < 0):
            sign = "negative" if found[0] == "fall" else "positive"
            problems.add(
                label,
                f"value {arithmetic.fmt(high)} does not carry the sign of {found[1]!r} next to {values['text']!r}: "
                f"a {found[0]} is {sign} (annotation guide, Sign)",
            )
