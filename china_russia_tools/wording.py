"""The rules of an anchored row against its words: a figure's fields against what the words reader
(:mod:`.rules`) reads in them, a mention's words against its entity's name, aliases and demonyms (and
every other entity's), and a direct quote's against the quotation marks around them. The build and
``validate`` call them alike, with the rows they hold (:data:`Lookup`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from . import arithmetic, fields

if TYPE_CHECKING:
    from .rules.words import Reading

Lookup = Callable[[str], Mapping[str, dict[str, Any]]]
"""The rows of a table by id (``lookup("entities")["china"]``), through which the rules of a row read other
rows: in the build the rows built so far, in ``validate`` the installed ones."""


def mention_rules(values: dict[str, Any], label: str, problems: Any, _text: str | None, lookup: Lookup) -> None:
    """A mention's words against its entity's names (annotation guide, "Entities and mentions").

    A mention by name writes the entity's name or an alias, a part of one, words that hold one ("TEMP forum
    on metalworking") or their initials ("EU"); a demonym writes one of its demonyms or a form that holds
    one ("Soviet-era"); the words of a demonym or a metonym ("Moscow") are no other entity's name, alias or
    demonym. A mention of an entity that is not built is left to the check of its reference.
    """
    entities, entity_id, text = lookup("entities"), values["entity_id"], values["text"]
    entity = entities.get(entity_id)
    if entity is None:
        return
    words, labels = _words(text), _labels(entity)
    names = [name for kind, name in labels if kind != "demonym"]
    if not values.get("demonym") and not values.get("metonym"):
        if not any(_writes(text, words, _words(name)) for name in names):
            aliases = ", ".join(map(repr, names[1:])) or "none"
            unnamed = f"text {text!r} is not a name of entity {entity_id!r} (name {names[0]!r}, aliases {aliases})"
            if words == entity_id.split("-"):  # the words spell the id: the id, not the mention, is wrong
                message = (
                    f"{unnamed}, though it spells the id; an entity's id spells its name (annotation guide, Ids): "
                    f"rename the id to {_slug(names[0])!r} in annotations/entities.yaml and in every row "
                    "that names it, or, if the texts name the entity so, add the text to its aliases"
                )
            else:
                advice = "" if text.isupper() else (  # an abbreviation is an alias, never a metonym
                    f"; if it is an adjective, set demonym: true ({_FLAGS['demonym']}), if a capital or seat of "
                    f"government standing for a country, metonym: true ({_FLAGS['metonym']})"
                )
                message = (
                    f"{unnamed}, nor a part of one, words holding one or their initials; if the texts name the "
                    f"entity so, add it to its aliases in annotations/entities.yaml{advice}"
                )
            problems.add(label, message, "mention-name")
        return
    flag = "demonym" if values.get("demonym") else "metonym"
    owner = None if any(_words(name) == words for _, name in labels) else _owner(words, entities)
    if owner is not None:
        kind, other_id = owner
        problems.add(
            label,
            f"text {text!r}, a {flag} of entity {entity_id!r}, is {_KINDS[kind]} of entity {other_id!r}; mention "
            f"{other_id!r} instead (a {flag} stands for its own entity: {_FLAGS[flag]})",
            "mention-other-entity",
        )
        return
    demonyms = [name for kind, name in labels if kind == "demonym"]
    if flag == "demonym" and not any(_holds(words, _words(demonym)) for demonym in demonyms):
        problems.add(
            label,
            f"text {text!r}, flagged demonym, is not a demonym of entity {entity_id!r} "
            f"({', '.join(map(repr, demonyms)) or 'none'}), nor a form holding one; if the texts use it for that "
            "entity, add it to its demonyms in annotations/entities.yaml",
            "mention-demonym",
        )


_FLAGS = {"demonym": '"Chinese" for china', "metonym": '"Moscow" or "the Kremlin" for russia'}
_KINDS = {"name": "the name", "alias": "an alias", "demonym": "a demonym"}
_WORD_OR_NUMBER = re.compile(r"[^\W_]+")


def _words(text: str) -> list[str]:
    return _WORD_OR_NUMBER.findall(text.lower())


def _slug(name: str) -> str:
    """An id that spells ``name``: its words in lowercase joined by ``-``, apostrophes dropped."""
    return "-".join(_words(re.sub("['’]", "", name)))


def _labels(entity: dict[str, Any]) -> list[tuple[str, str]]:
    """``(kind, name)`` of each name an entity goes by: its name, each alias and each demonym."""
    return [
        ("name", entity["name"]),
        *(("alias", alias) for alias in fields.items(entity["aliases"])),
        *(("demonym", demonym) for demonym in fields.items(entity["demonyms"])),
    ]


def _owner(words: list[str], entities: Mapping[str, dict[str, Any]]) -> tuple[str, str] | None:
    """``(kind, entity id)`` of the first entity whose name, alias or demonym ``words`` are."""
    return next(
        ((kind, entity_id) for entity_id, entity in entities.items() for kind, name in _labels(entity)
         if _words(name) == words),
        None,
    )


def _writes(text: str, words: list[str], name: list[str]) -> bool:
    """Whether ``text`` (its ``words``) writes ``name``: a part of it, words holding it, or its initials."""
    initials = len(name) > 1 and text.isupper() and text.lower() == "".join(part[0] for part in name)
    return initials or (bool(words) and _holds(name, words)) or _holds(words, name)


def _holds(outer: list[str], inner: list[str]) -> bool:
    """Whether the words ``inner`` stand together in ``outer``."""
    return any(outer[i : i + len(inner)] == inner for i in range(len(outer) - len(inner) + 1))


QUOTATION_MARKS = (("“", "”"), ('"', '"'), ("‘", "’"), ("«", "»"), ("„", "“"), ("‚", "‘"))
"""Opening and closing quotation marks of the usual kinds; an opening mark of one pair may close with a
mark of another (Polish writes „…”)."""
_OPENING = {opening for opening, _ in QUOTATION_MARKS}
_CLOSING = re.compile(rf"[\s.,;:!?…]*[{''.join(closing for _, closing in QUOTATION_MARKS)}]")


def quote_rules(
    values: dict[str, Any], label: str, problems: Any, source_text: str, _lookup: Lookup | None = None
) -> None:
    """A direct quote stands inside quotation marks: an opening mark before its words (white space aside)
    and a closing mark after them, past any punctuation inside the marks (the comma in «Sold out,» he said)."""
    if values["kind"] != "direct":
        return
    opened = source_text[: values["char_start"]].rstrip()[-1:] in _OPENING
    closed = _CLOSING.match(source_text, values["char_end"]) is not None
    if not (opened and closed):
        missing = " and ".join(
            words for words, found in (("no opening mark before it", opened), ("no closing mark after it", closed))
            if not found
        )
        marks = ", ".join(f"{opening}…{closing}" for opening, closing in QUOTATION_MARKS)
        problems.add(
            label,
            f"kind is 'direct', but text {values['text']!r} does not stand inside quotation marks ({missing}; the "
            f"marks are {marks}); words the source does not put in marks are kind 'indirect'",
            "quote-unmarked",
        )


INFERABLE = ("value", "unit", "approximation", "statistic", "sign")
"""Fields of a figure that ``inferred`` may list: decided from the document rather than the figure's words."""
NON_NEGATIVE = ("level", "multiple")
"""Statistics that cannot be below 0: an amount, a share or a ratio of two amounts."""
SHARE_MEASURES = ("import_share", "supply_share", "import_dependence")
"""Measures that are a share of a whole: a level of one in percent lies within 0-100."""


def figure_rules(
    values: dict[str, Any], label: str, problems: Any, source_text: str, lookup: Lookup | None = None
) -> None:
    """Rules of a figure that its schema cannot express; fills value_low/value_high of point figures.

    ``values`` holds the converted columns and the span (``char_start``, ``char_end``) in ``source_text``.
    The row is compared with what its words say (:func:`words.read`): number, unit, hedge, sign,
    statistic and period; a field the words leave unsaid is not compared. With ``lookup``, a figure in a
    currency is held to its series' (:func:`series_currency_rules`).
    """
    range_rules(values, label, problems)
    from .rules import words  # here, not at import: loading the tables needs no rules

    reading = words.read(source_text, values["char_start"], values["char_end"])
    inferred = inferred_rules(values, label, problems)
    number_rules(values, reading, label, problems, source_text, inferred)
    bounds_rules(values, label, problems)
    statistic_rules(values, reading, label, problems, inferred)
    period_rules(values, label, problems)
    paired_rules(values, label, problems)
    if lookup is not None and values.get("series_id") is not None:
        series_currency_rules(values, lookup("series").get(values["series_id"]), label, problems)


def range_rules(values: dict[str, Any], label: str, problems: Any) -> None:
    """A figure is a point (``value``, with value_low and value_high equal to it, filled in when left out)
    or a range (both ends, in order, and no ``value``)."""
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


def inferred_rules(values: dict[str, Any], label: str, problems: Any) -> set[str]:
    """The fields ``inferred`` lists, each one that may be, and a note saying why."""
    inferred = set(fields.items(values.get("inferred")))
    unknown = sorted(inferred - set(INFERABLE))
    if unknown:
        problems.add(label, f"inferred lists {', '.join(unknown)}; it may list {', '.join(INFERABLE)}", "invalid-value")
    if inferred and not values.get("note"):
        problems.add(label, "inferred is set, so a note must say why each field departs from the words", "paired-field")
    return inferred


def paired_rules(values: dict[str, Any], label: str, problems: Any) -> None:
    """Fields that need another: an inferred period its note and dates, an inferred report its id and
    note, a figure without a series a note saying why."""
    if values["period_inferred"] and not values.get("note"):
        problems.add(label, "period_inferred is true, so a note must say why", "paired-field")
    if values["period_inferred"] and values["period_start"] is None and values["period_end"] is None:
        problems.add(label, "period_inferred is true but no period dates are given", "paired-field")
    if values["report_inferred"] and (values["report_id"] is None or not values.get("note")):
        problems.add(label, "report_inferred is true, so report_id must be set and a note must say why", "paired-field")
    if values["series_id"] is None and values.get("series_note") is None:
        problems.add(label, "series_id is null, so series_note must say why no series fits", "paired-field")


def number_rules(
    values: dict[str, Any], reading: Reading, label: str, problems: Any, source_text: str, inferred: set[str]
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
    from .rules import numbers

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
    values: dict[str, Any], reading: Reading, label: str, problems: Any, inferred: set[str]
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
    from .rules import periods

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


def series_currency_rules(figure: dict[str, Any], series: dict[str, Any] | None, label: str, problems: Any) -> None:
    """A figure in a currency (an ISO 4217 code) is in its series' currency, unless its ``series_note`` says
    how its amount relates to the series (a conversion at a rate; "£68 million" written for a report's
    "$68mn"). A figure in percent, a multiple or a unit of measure is not concerned: a change or a share in
    percent is a ratio of the series' values in its currency, whatever currency the words use."""
    unit = figure["unit"]
    if series is None or unit == series["currency"] or (figure.get("series_note") or "").strip():
        return
    from .rules import units  # here, not at import: loading the tables needs no rules

    if unit in units.iso4217():
        problems.add(
            label,
            f"unit {unit!r} is not the currency {series['currency']!r} of its series {series['series_id']!r}; say in "
            "series_note how the figure's amount relates to the series (a conversion, another currency sign)",
            "figure-currency",
        )
