"""The table registry: what each table is beyond what its Table Schema says.

``datapackage.json`` says what a table holds (columns, types, constraints, primary and foreign keys).
This module says the rest, once: how the build makes each table, whether its rows are anchored in a
source and under which layer name they are shown, which columns the build computes, which checks a
row gets, and how its readable citation is written. Every other module derives from it: the build,
the loader, validation, marks, the report, citations, exports and SQL.

A table is added by one resource in the descriptor, one entry in :data:`REGISTRY` and its rows in the
annotation files. The primary key is always read from the descriptor, never repeated here.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from . import row_citations, row_rules, wording

Kind = Literal["seeds", "shared", "layer", "verdicts"]
"""How the build makes a table: one row per seed (``seeds``), from one shared annotation file
(``shared``), from the list of that name in each source's annotation file (``layer``, anchored by
span), or as verdicts, each on one row of a checked table, listed in the sources' files or computed
(``verdicts``)."""


@dataclass(frozen=True)
class Style:
    """How the report and ``show`` draw the marks of one anchored table: CSS declarations for every
    mark, for its ``::before`` and ``::after`` (brackets, signs), and for a checked row by its verdicts:
    the data verdict sets the box (``unverified``, ``discrepancy``), the relay verdict an underline
    (``relay_discrepancy``), and either discrepancy the sign ``discrepancy_after``. Layers and verdicts
    differ by outline, underline, brackets or sign, not by colour alone."""

    mark: str = "background: #ececec; border-bottom: 2px dashed #3d3d3d;"
    before: str = ""
    after: str = ""
    unverified: str = "border: 1.5px dashed #3d3d3d;"
    discrepancy: str = "background: #fde0e0; box-shadow: inset 0 0 0 2px #a3000f;"
    relay_discrepancy: str = "text-decoration: underline wavy #a3000f 1.5px; text-underline-offset: 3px;"
    discrepancy_after: str = 'content: "\\26A0"; color: #a3000f; font-size: 0.8em; vertical-align: super;'


@dataclass(frozen=True)
class Table:
    """What the registry knows of one table. Only ``name`` and ``kind`` are needed: every other field
    has a default that a plain table fits (a shared table's file is ``<name>.yaml``, its rows cite by
    their name or id)."""

    name: str
    kind: Kind
    one: str = ""
    """One row in words, without an article (``entity``, ``product code``); by default the name, singular."""
    cite: Callable[[dict[str, Any], str, Any], str] | None = None
    """Readable citation of a built row: ``cite(row, row id, build context)``; by default
    :func:`row_citations.anchored_citation` for an anchored table and :func:`row_citations.row_citation`
    for any other."""
    file: str | None = None
    """For a shared table: its annotation file under ``annotations/`` (default ``<name>.yaml``)."""
    noun: str = ""
    """One of its rows with its article (``an entity``), for problems naming a bad key; from ``one``."""
    legend: str = ""
    """For an anchored table: how the report draws its marks, in words (by default its name)."""
    style: Style = Style()
    """For an anchored table: how its marks are drawn; a new layer gets a dashed underline and, if
    checked, the discrepancy box and sign of figures."""
    in_body: bool = False
    """Its spans must lie inside the article body (mentions may stand in the headline too)."""
    checked: bool = False
    """Check rows may target its rows (by its primary key column) and it gets ``check_status``."""
    filled: tuple[str, ...] = ()
    """Required columns an annotation may leave out because the build fills them."""
    keys: tuple[str, ...] = ()
    """Annotation keys that are not columns (by default ``text`` and ``within`` for an anchored table)."""
    rules: Callable[[dict[str, Any], str, Any, str | None, wording.Lookup], None] | None = None
    """Rules of a row that its schema cannot say: ``rules(values, label, problems, source text, lookup)``; for
    an anchored row ``values`` holds its span in the source text, for a shared table the text is ``None``;
    ``lookup(table)`` gives the rows of another table by id (:data:`wording.Lookup`). The build and ``validate``
    both call it."""
    claimant: str | None = None
    """For a checked table: its entity column naming who makes the claim a row states (the author of
    the Claim in a ClaimReview)."""
    derived: tuple[str, ...] = ()
    """Columns the build derives from other rows (a figure's chain and its two verdicts)."""
    searched: tuple[str, ...] = ()
    """Text columns whose words :func:`~china_russia_tools.search.search` matches; none leaves the table out."""

    @property
    def verdicts(self) -> bool:
        """For a checked table: whether its rows get a relay and a data verdict (``relay_status``,
        ``data_status``) and ``departs_at`` from their checks, besides the ``check_status`` every checked row
        gets (:func:`verdicts.checked_columns`): those whose derived columns hold them."""
        return "relay_status" in self.derived

    def __post_init__(self) -> None:
        one = self.one or singular(self.name)
        defaults = {
            "one": one,
            "noun": f"{'an' if one[0] in 'aeiou' else 'a'} {one}",
            "file": f"{self.name}.yaml" if self.kind == "shared" else None,
            "keys": ANCHOR_KEYS if self.kind == "layer" else (),
            "legend": self.name.replace("_", " ") if self.kind == "layer" else "",
            "cite": row_citations.anchored_citation
            if self.kind == "layer"
            else functools.partial(row_citations.row_citation, self.name),
        }
        for field, value in defaults.items():
            if not getattr(self, field):
                object.__setattr__(self, field, value)


def singular(name: str) -> str:
    """A table's name for one row: ``entities`` -> ``entity``, ``product_codes`` -> ``product code``; a
    name this does not fit (``series``) sets :attr:`Table.one`."""
    words = name.replace("_", " ")
    return words[:-3] + "y" if words.endswith("ies") else words.removesuffix("s")


ANCHOR_KEYS = ("text", "within")
SPAN_COLUMNS = ("source_id", "char_start", "char_end")
"""Columns of an anchored row that the build computes from its ``text``."""

REGISTRY: dict[str, Table] = {
    table.name: table
    for table in (
        Table("sources", "seeds", cite=row_citations.source_citation),
        Table(
            "entities",
            "shared",
            cite=row_citations.entity_citation,
            rules=row_rules.entity_rules,
            searched=("name", "aliases", "demonyms", "description"),
        ),
        Table(
            "references",
            "shared",
            cite=row_citations.reference_citation,
            searched=("publisher", "title", "note"),
        ),
        Table("products", "shared", cite=row_citations.product_citation),
        Table(
            "product_codes",
            "shared",
            cite=row_citations.product_code_citation,
        ),
        Table(
            "series",
            "shared",
            one="series",
            cite=row_citations.series_citation,
            rules=row_rules.series_rules,
            searched=("note",),
        ),
        Table(
            "observations",
            "shared",
            cite=row_citations.observation_citation,
            rules=row_rules.observation_rules,
        ),
        Table(
            "mentions",
            "layer",
            rules=wording.mention_rules,
            searched=("text",),
            legend="mentions of entities, underlined with dots",
            style=Style(
                mark="background: #dff3e3; text-decoration: underline dotted #17652b 2px; text-underline-offset: 3px;"
            ),
        ),
        Table(
            "figures",
            "layer",
            in_body=True,
            checked=True,
            filled=("value_low", "value_high"),
            rules=wording.figure_rules,
            searched=("text", "product", "period_text", "note"),
            claimant="attributed_to",
            derived=("chain", "departs_at", "relay_status", "data_status"),
            legend="figures, boxed: a solid box if the data verdict is consistent, dashed if unverified, red if a "
            "discrepancy; a wavy underline if the relay verdict is a discrepancy; ⚠ either discrepancy",
            style=Style(
                mark="background: #dce9fb; box-shadow: inset 0 0 0 1.5px #0b4f9c;",
                unverified="box-shadow: none; border: 1.5px dashed #0b4f9c;",
            ),
        ),
        Table(
            "quotes",
            "layer",
            in_body=True,
            checked=True,
            rules=wording.quote_rules,
            searched=("text", "speaker_text", "note"),
            claimant="speaker_id",
            legend="quotes and reported speech, in [brackets]; a wavy underline if the relay verdict is a discrepancy",
            style=Style(
                mark="background: #fdf0c8;",
                before='content: "["; color: #7a4a00; font-weight: bold;',
                after='content: "]"; color: #7a4a00; font-weight: bold;',
                discrepancy_after="",
            ),
        ),
        Table("checks", "verdicts", cite=row_citations.check_citation, keys=("band",), filled=("status",)),
        Table(
            "corrections",
            "shared",
            cite=row_citations.correction_citation,
            rules=row_rules.correction_rules,
        ),
    )
}
"""Every table, in the order the build makes them (a table only refers to tables before it)."""

LAYER_ORDER = ("quotes", "figures", "mentions")
"""Anchored tables from the outermost mark to the innermost: where two spans are equal, a quote
encloses a figure and a figure a mention."""


def kinds_of_id(tables: tuple[str, ...] | None = None) -> str:
    """The rows whose ids ``tables`` (default: every table) hold, in words for a message:
    ``figure, mention, quote, check or source``."""
    ones = [REGISTRY[name].one for name in (names() if tables is None else tables)]
    return ", ".join(ones[:-1]) + f" or {ones[-1]}" if len(ones) > 1 else "".join(ones)


def names() -> tuple[str, ...]:
    """Names of every table, in build order."""
    return tuple(REGISTRY)


def table(name: str) -> Table:
    """The registry entry of ``name``; ``KeyError`` if it has none."""
    return REGISTRY[name]


def of_kind(kind: Kind) -> tuple[str, ...]:
    """Names of the tables the build makes in the way ``kind``."""
    return tuple(name for name, entry in REGISTRY.items() if entry.kind == kind)


def layers() -> tuple[str, ...]:
    """Names of the anchored tables, outermost first (see :data:`LAYER_ORDER`); a new layer goes last."""
    anchored = of_kind("layer")
    return tuple(sorted(anchored, key=lambda name: (LAYER_ORDER + anchored).index(name)))


def layer_names() -> dict[str, str]:
    """Anchored table -> the singular name of its rows (``figures`` -> ``figure``), outermost first."""
    return {name: REGISTRY[name].one for name in layers()}


def searched() -> tuple[str, ...]:
    """Names of the tables whose words ``search`` matches, in build order."""
    return tuple(name for name, entry in REGISTRY.items() if entry.searched)


def checked() -> tuple[str, ...]:
    """Names of the tables whose rows checks may target."""
    return tuple(name for name, entry in REGISTRY.items() if entry.checked)


def resource_of(descriptor: Mapping[str, Any], name: str) -> dict[str, Any]:
    """The descriptor's resource ``name``; ``KeyError`` naming it if the descriptor has none."""
    for entry in descriptor["resources"]:
        if entry.get("name") == name:
            return entry
    raise KeyError(f"the descriptor has no resource named {name!r}")


def primary_key(descriptor: Mapping[str, Any], name: str) -> str:
    """The id column of table ``name``, as its schema's ``primaryKey`` declares it."""
    key = resource_of(descriptor, name)["schema"]["primaryKey"]
    return key[0] if isinstance(key, list) else key


def computed_columns(descriptor: Mapping[str, Any], name: str) -> set[str]:
    """Columns of ``name`` that the build computes; an annotation may not set them."""
    entry = REGISTRY[name]
    columns = {"citation"}
    if entry.kind == "layer":
        columns.update(SPAN_COLUMNS)
    if entry.kind == "verdicts":
        columns.add("source_id")
    if entry.checked:
        columns.add("check_status")
    return columns | set(entry.derived)


def check_target(check: Mapping[str, Any], descriptor: Mapping[str, Any]) -> tuple[str, str] | None:
    """``(table, row id)`` that a check row targets: the first of its checked-table keys that is set."""
    for name in checked():
        row_id = check.get(primary_key(descriptor, name))
        if row_id is not None:
            return name, row_id
    return None


def checks_by_target(
    checks: Iterable[dict[str, Any]], descriptor: Mapping[str, Any]
) -> dict[tuple[str, str], list[dict[str, Any]]]:
    """``checks`` by the ``(table, row id)`` each targets, in their order; a check that targets no row
    is left out."""
    found: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for check in checks:
        target = check_target(check, descriptor)
        if target is not None:
            found.setdefault(target, []).append(check)
    return found


@dataclass(frozen=True)
class FieldType:
    """How one Table Schema type is held by each backend and target."""

    arrow: str
    """Name of the pyarrow type factory (``pyarrow.string()``, ...)."""
    pandas: str
    """pandas dtype of a column that may hold nulls."""
    duckdb: str
    sqlite: str
    croissant: str
    """Croissant ``dataType`` of a field (a schema.org data type)."""
    polars: str
    """Name of the polars data type (``polars.String``, ...)."""


TYPES: dict[str, FieldType] = {
    "string": FieldType("string", "string[python]", "VARCHAR", "TEXT", croissant="sc:Text", polars="String"),
    "list": FieldType("string", "string[python]", "VARCHAR", "TEXT", croissant="sc:Text", polars="String"),
    "integer": FieldType("int64", "Int64", "BIGINT", "INTEGER", croissant="sc:Integer", polars="Int64"),
    "number": FieldType("float64", "float64", "DOUBLE", "REAL", croissant="sc:Float", polars="Float64"),
    "boolean": FieldType("bool_", "bool", "BOOLEAN", "BOOLEAN", croissant="sc:Boolean", polars="Boolean"),
    "date": FieldType("date32", "datetime64[ms]", "DATE", "DATE", croissant="sc:Date", polars="Date"),
}
"""Table Schema type -> its type in Arrow, pandas, DuckDB, SQLite, Croissant and polars. A ``list`` is held
as the text of its items joined by :data:`china_russia_tools.fields.DELIMITER`."""


def arrow_type(schema_type: str) -> Any:
    """The pyarrow type of a Table Schema type (imports pyarrow)."""
    import pyarrow as pa

    return getattr(pa, TYPES[schema_type].arrow)()


def polars_type(schema_type: str) -> Any:
    """The polars data type of a Table Schema type (imports polars)."""
    import polars as pl

    return getattr(pl, TYPES[schema_type].polars)


def schema_type(arrow: Any) -> str | None:
    """The Table Schema type held as the pyarrow type ``arrow``; the inverse of :data:`TYPES` (a large
    string, as polars writes text, is a string too, and so is a ``list``, held as text)."""
    import pyarrow as pa

    arrow = pa.string() if pa.types.is_large_string(arrow) else arrow
    return next((name for name in TYPES if arrow_type(name) == arrow), None)
