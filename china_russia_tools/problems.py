"""The catalogue of problem codes: every problem the build or validation reports has one.

A code is a short kebab-case name for one kind of rule, stable across releases (the message may be
reworded, the code is not), so that scripts and CI can tell problems apart as frictionless's error types
do. :class:`Problem` is one problem found: where, its code and its message.
"""

from __future__ import annotations

from dataclasses import dataclass

CODES: dict[str, str] = {
    # the project and its files
    "not-a-project": "the folder built is not a checkout: it lacks datapackage.json, seeds/ or annotations/",
    "bad-descriptor": "datapackage.json cannot be read, is not a Data Package, or lacks a table's resource",
    "missing-file": "a shared table's file is missing, or a seed and its annotation file lack each other",
    "not-regular-file": "an input is a folder, named pipe, socket or device, not a regular file",
    "file-too-large": "an annotation file or seed is larger than the build reads",
    "unreadable-file": "an input cannot be read (permissions, encoding of an annotation file)",
    "outside-project": "an input is a link that leads outside the project",
    # YAML
    "yaml-syntax": "an annotation file is not valid strict YAML (syntax, a key written twice, a tag, a bad date)",
    "yaml-alias": "an annotation file uses a YAML anchor or alias",
    "empty-file": "an annotation file is empty",
    "yaml-structure": "a file, table or row is not the YAML shape expected (a mapping, a list of rows)",
    "drafted-row": "a row or source block still carries the mark 'drafted: true' that draft gives it",
    "unknown-key": "a file, source block or row holds a key its table does not have",
    "missing-key": "a source block lacks a key it needs, or the file lacks its source block",
    "computed-key": "a row writes a column the build computes, or one its kind of check does not take",
    "invalid-value": "a value does not fit its field: type, format, enum, pattern or other constraint",
    # seeds
    "seed-name": "a file in seeds/ is not a .txt file named by a source id",
    "seed-not-utf8": "a seed is not valid UTF-8",
    "seed-not-plain-text": "a seed holds a byte order mark, a NUL character or a carriage return",
    "no-seeds": "seeds/ holds no seed",
    "seed-not-pinned": "a sources row names a seed that the descriptor does not pin",
    "seed-mismatch": "a sources row's SHA-256, size or title differs from its seed",
    # spans
    "span-not-found": "a row's words (or its within passage) are empty or do not occur in the source",
    "span-ambiguous": "a row's words occur more than once and no within passage singles one out",
    "span-inside-word": "a span starts or ends inside a word or number, or on a space",
    "span-outside-text": "a span lies outside its source text",
    "span-outside-body": "a span lies outside the article body (or, where allowed, the headline)",
    "span-text-mismatch": "a row's text differs from the code points its span names",
    "shared-span": "two rows of one table lie on the same span",
    # ids and references
    "id-prefix": "an id does not start with its source's number or its correction's version",
    "duplicate-id": "an id is used twice in a table, or names rows of two tables",
    "unknown-reference": "a column names a row, source or relay that does not exist",
    # a row against its own values and words
    "reversed-range": "an end comes before its start: body, publication window, period or value range",
    "value-range": "a figure's value, value_low and value_high do not form a point or a range",
    "value-out-of-bounds": "a level or multiple is negative, or a share in percent lies above 100",
    "value-words-mismatch": "a value is not the number its words write",
    "unit-words-mismatch": "a row's unit differs from the currency, sign or unit its words write",
    "scale-outside-span": "a row's words leave out the scale word (million...) that follows their number",
    "hedge-words-mismatch": "a figure's approximation differs from the hedge word its words hold",
    "period-words-mismatch": "a period's dates are not those its period_text names, or need a year it does not name",
    "sign-direction": "a change's sign differs from the direction (rose, fell...) of the words next to it",
    "hedge-outside-span": "a figure's words leave out the hedge (nearly, about...) right before them",
    "sign-outside-span": "a figure's words leave out the minus or plus sign right before its number",
    "statistic-words-mismatch": "a figure's statistic differs from the one its words write (a change, a multiple)",
    "sign-unwritten": "an observed change's value_words hold no direction word, or both, to sign it by (rose, fell...)",
    "paired-field": "a column another column requires is missing, or one it forbids is set",
    "no-change": "a correction's old and new values are the same",
    "country-code": "a country code is not in ISO 3166",
    "same-country": "a series' reporter and partner are the same country",
    "mention-name": "a mention by name writes neither its entity's name nor an alias (nor a part or initials of one)",
    "mention-demonym": "a mention flagged demonym writes none of its entity's demonyms",
    "mention-other-entity": "a demonym or metonym writes another entity's name, alias or demonym",
    "quote-unmarked": "a direct quote does not stand inside quotation marks",
    # relays and series
    "relay-loop": "a reference relays itself through a chain of relays",
    "release-relays": "an agency's own release relays something other than that agency",
    "observation-currency": "an observation's unit is not its series' currency (nor percent for a year-on-year change)",
    "figure-currency": "a figure's currency is not its series' and its series_note does not say why",
    "mirror-series": "a series' mirror is not a public series of the same product with reporter and partner swapped",
    # checks
    "check-target": "a check sets none, or more than one, of the columns naming what it checks",
    "check-question": "a check's question does not fit its method or the kind of row it checks",
    "check-columns": "a check lacks a column its method and status need, or its rule takes other operands",
    "point-figure-needed": "an arithmetic or observation check names a range where it needs a point figure",
    "self-check": "an arithmetic check names its checked figure among its operands",
    "unit-mismatch": "an arithmetic check compares figures of different units",
    "own-chain-data": "a data check rests on an observation read in the figure's own relay chain",
    # validation of the data package on disk
    "data-file": "a file the descriptor names is missing, unsafe to read, or differs from its SHA-256 or its schema",
    "derived-mismatch": "a column the build derives differs from (or cannot be) its value recomputed from other rows",
    "frictionless": "frictionless reports an error in the descriptor or a table (type, constraint, key)",
}
"""Every problem code, with what it means."""


@dataclass(frozen=True)
class Problem:
    """One problem: ``where`` (the file and row, or ``""`` when ``message`` names them itself), its
    ``code`` from :data:`CODES` and its ``message``."""

    where: str
    code: str
    message: str

    def __post_init__(self) -> None:
        if self.code not in CODES:
            raise ValueError(f"unknown problem code {self.code!r}")

    def __str__(self) -> str:
        """The line reported: ``where: message``."""
        return f"{self.where}: {self.message}" if self.where else self.message


__all__ = ["CODES", "Problem"]
