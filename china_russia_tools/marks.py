"""Marking figures, mentions and quotes in a source text as HTML; shared by the report and ``show``.

Every row becomes one ``<mark class="crt-mark">`` element carrying ``data-layer`` and ``data-id``
whose text content is exactly the row's ``text``; a checked row's also carries its verdicts, as
``data-relay`` and ``data-data`` and in its ``title``. Spans that contain one another are nested (a
quote outside, a figure inside it, a mention innermost when two spans coincide). Where two spans
cross, the later one is closed at the end of the earlier one and goes on in a second element
marked ``data-continues`` instead of ``data-id``.
"""

from __future__ import annotations

import functools
import html
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

from . import registry
from .errors import DataError
from .fields import shown
from .tables import descriptor, id_column, records
from .verdicts import verdict_words, verdicts_of

WIKIDATA_PAGE = "https://www.wikidata.org/wiki/"
"""Address of a Wikidata item's page, without its QID."""


@functools.cache
def asset(name: str) -> str:
    """A file of the report's styles and script, kept as package data in ``report_assets/`` (read once)."""
    return (resources.files(__package__) / "report_assets" / name).read_bytes().decode("utf-8")


def mark_css() -> str:
    """Styles of the marks: those of every mark (``report_assets/marks.css``), then each layer's
    :class:`~china_russia_tools.registry.Style` from the registry."""
    rules = [asset("marks.css")]
    for table, layer in registry.layer_names().items():
        entry = registry.table(table)
        style, checked = entry.style, entry.checked  # only a checked row has verdicts
        selector = f'mark.crt-mark[data-layer="{layer}"]'
        wrong = f'{selector}:is([data-relay="discrepancy"], [data-data="discrepancy"])'
        for where, declarations in (
            (selector, style.mark),
            (f"{selector}::before", style.before),
            (f"{selector}::after", style.after),
            (f'{selector}[data-data="unverified"]', style.unverified if checked else ""),
            (f'{selector}[data-data="discrepancy"]', style.discrepancy if checked else ""),
            (f'{selector}[data-relay="discrepancy"]', style.relay_discrepancy if checked else ""),
            (f"{wrong}::after", style.discrepancy_after if checked else ""),
        ):
            if declarations:
                rules.append(f"{where} {{ {declarations} }}\n")
    return "".join(rules)


@dataclass(frozen=True)
class Mark:
    """One figure, mention or quote anchored in its source, with the fields it shows."""

    layer: str
    row_id: str
    source_id: str
    start: int
    end: int
    text: str
    verdicts: tuple[tuple[str, str], ...]
    """For a checked row: ``(question, status)`` of each verdict, relay first (:func:`verdicts_of`)."""
    fields: tuple[tuple[str, str], ...]
    entities: tuple[tuple[str, str, str | None], ...] = ()
    """For each field naming an entity: ``(field, entity name, its Wikidata QID or None)``."""


def figure_value(row: dict[str, Any]) -> str:
    """A figure's value as people read it, or its range: ``68,000,000`` or ``60,000,000–70,000,000``."""
    if row["value"] is not None:
        return shown(row["value"])
    return f"{shown(row['value_low'])}–{shown(row['value_high'])}"


def chain_words(row: dict[str, Any]) -> str:
    """A figure's chain and the document where its reading departs from what it relays (``departs_at``),
    as ``info`` and the report give them: ``000_b9924b3dcfb55283 > ft-2024-01-02 > russian-customs;
    departs at 000_b9924b3dcfb55283``."""
    return f"{row['chain']}; departs at {row['departs_at'] or 'no document a check finds'}"


def checks_by_row() -> dict[tuple[str, str], list[dict[str, Any]]]:
    """The rows of ``checks`` by the ``(table, row id)`` of the figure or quote they check."""
    return registry.checks_by_target(records("checks"), descriptor())


def entity_columns(table: str) -> tuple[str, ...]:
    """Columns of ``table`` that name an entity: its foreign keys to ``entities``."""
    keys = registry.resource_of(descriptor(), table)["schema"].get("foreignKeys", [])
    return tuple(key["fields"][0] for key in keys if key["reference"]["resource"] == "entities")


def entities_by_id() -> dict[str, dict[str, Any]]:
    """The rows of ``entities`` by entity id."""
    return {entity["entity_id"]: entity for entity in records("entities")}


def make_mark(
    table: str, row: dict[str, Any], checks: list[dict[str, Any]], entities: Mapping[str, dict[str, Any]]
) -> Mark:
    """The :class:`Mark` of one row of an anchored table (plain values, as :func:`records` gives), given
    its checks and the entities by id (:func:`entities_by_id`)."""
    verdicts = verdicts_of(row) if registry.table(table).checked else {}
    fields = [("verdicts", verdict_words(verdicts))] if verdicts else []
    fields += [(name, shown(value)) for name, value in row.items() if name != "citation" and value is not None]
    for check in checks:
        kind = "" if check["kind"] is None else f" ({check['kind']})"
        question = f"{check['question']} question, " if check.get("question") else ""
        fields.append(("check", f"{check['check_id']} {question}{check['method']} check: {check['status']}{kind}"))
    named = tuple(
        (column, entities[row[column]]["name"], entities[row[column]]["wikidata_id"])
        for column in entity_columns(table)
        if row.get(column) is not None
    )
    return Mark(
        registry.layer_names()[table],
        row[id_column(table)],
        row["source_id"],
        row["char_start"],
        row["char_end"],
        row["text"],
        tuple(verdicts.items()),
        tuple(fields),
        named,
    )


def all_marks() -> dict[str, list[Mark]]:
    """Every figure, mention and quote of the package, by source id, in layer order."""
    checks, entities = checks_by_row(), entities_by_id()
    by_source: dict[str, list[Mark]] = defaultdict(list)
    for table in registry.layers():
        key = id_column(table)
        for row in records(table):
            mark = make_mark(table, row, checks.get((table, row[key]), []), entities)
            by_source[mark.source_id].append(mark)
    return by_source


def check_marks(text: str, marks: Sequence[Mark]) -> None:
    """:class:`DataError` for a mark whose words are not the code points it points to in ``text``: a row
    changed after the build is refused rather than shown."""
    for mark in marks:
        found = text[mark.start : mark.end]
        if found != mark.text:
            raise DataError(
                f"{mark.layer} {mark.row_id}: text {mark.text!r} differs from code points {mark.start}-{mark.end} "
                f"of source {mark.source_id}, {found!r}; the data was changed after the build (reinstall the "
                "package; in a checkout, run `china-russia-tools build`)"
            )


def _open_tag(mark: Mark, first: bool, anchors: bool) -> str:
    attributes = {"class": "crt-mark", "data-layer": mark.layer}
    if first:
        if anchors:
            attributes["id"] = mark.row_id
            attributes["aria-describedby"] = f"row-{mark.row_id}"
        attributes["data-id"] = mark.row_id
        attributes["tabindex"] = "0"
    else:
        attributes["data-continues"] = mark.row_id
    for question, status in mark.verdicts:
        attributes[f"data-{question}"] = status
    if mark.verdicts:
        attributes["title"] = f"{mark.layer} {mark.row_id}: {verdict_words(dict(mark.verdicts))}"
    return "<mark " + " ".join(f'{name}="{html.escape(value)}"' for name, value in attributes.items()) + ">"


def mark_html(text: str, marks: Sequence[Mark], offset: int = 0, anchors: bool = True) -> str:
    """``text`` as escaped HTML with each mark in place; ``text`` starts at code point ``offset``.

    With ``anchors`` each mark's element has the row id as its ``id`` and is described by the
    element ``row-<id>``. Marks must lie within the text.
    """
    rank = {layer: index for index, layer in enumerate(registry.layer_names().values())}
    starts: dict[int, list[Mark]] = defaultdict(list)
    for mark in marks:
        if not (offset <= mark.start < mark.end <= offset + len(text)):
            raise ValueError(f"{mark.row_id} (code points {mark.start}-{mark.end}) lies outside the text")
        starts[mark.start - offset].append(mark)
    stops = sorted({0, len(text)} | set(starts) | {mark.end - offset for mark in marks})
    parts: list[str] = []
    stack: list[Mark] = []
    for here, there in zip(stops, stops[1:] + [len(text)], strict=True):
        reopen: list[Mark] = []
        while any(mark.end - offset == here for mark in stack):
            closed = stack.pop()
            parts.append("</mark>")
            if closed.end - offset != here:
                reopen.append(closed)
        opening = [(mark, False) for mark in reopen] + [(mark, True) for mark in starts.get(here, [])]
        for mark, first in sorted(opening, key=lambda item: (-item[0].end, rank[item[0].layer], item[1])):
            stack.append(mark)
            parts.append(_open_tag(mark, first, anchors))
        parts.append(html.escape(text[here:there], quote=False))
    return "".join(parts)


def entity_html(name: str, qid: str | None) -> str:
    """An entity's name, linked to its Wikidata page where it has a QID."""
    if qid is None:
        return html.escape(name)
    return f'<a href="{WIKIDATA_PAGE}{html.escape(qid)}" title="Wikidata {html.escape(qid)}">{html.escape(name)}</a>'


def fields_html(mark: Mark) -> str:
    """The fields of a mark as an HTML description list; a field naming an entity gives its name too,
    linked to its Wikidata page where it has one."""
    named = {column: entity_html(name, qid) for column, name, qid in mark.entities}
    items = "".join(
        f"<dt>{html.escape(name)}</dt><dd>{html.escape(value)}"
        + (f" · {named[name]}" if name in named else "")
        + "</dd>"
        for name, value in mark.fields
    )
    return f'<dl class="crt-fields">{items}</dl>'
