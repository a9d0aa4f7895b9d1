"""Readable citations of the rows of each table, named by the registry: one function per kind of row, each
taking the built row, its id and the build context (which finds the rows a citation names)."""

from __future__ import annotations

from typing import Any

from . import arithmetic
from ._version import __version__
from .check_methods import METHODS


def source_citation(source: dict[str, Any], _row_id: str = "", _context: Any = None) -> str:
    """A source text: title, byline, publisher, publication window, address, access date and SHA-256."""
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
    publisher = f" {source['publisher']}." if source["publisher"] else ""
    where = [source["url"]] if source["url"] else []
    if source["accessed"]:
        where.append(f"{'accessed' if where else 'Accessed'} {source['accessed'].isoformat()}")
    address = f" {'; '.join(where)}." if where else ""
    return (
        f"“{source['title']}”.{byline}{publisher} News article, {when}.{address} Source text {source['source_id']}, "
        f"SHA-256 {source['sha256']}; in china-russia-tools {__version__}."
    )


def row_citation(table: str, row: dict[str, Any], row_id: str, _context: Any = None) -> str:
    """A row of a table with no citation of its own: its name (or id), its id and its table."""
    return f"{row.get('name') or row_id} ({row_id}), {table} table of china-russia-tools {__version__}."


def entity_citation(entity: dict[str, Any], row_id: str, _context: Any = None) -> str:
    """An entity: its name and id, and its Wikidata item where one is verified."""
    item = f"; Wikidata {entity['wikidata_id']}" if entity.get("wikidata_id") else ""
    return f"{entity['name']} (entity {row_id}{item}), entities table of china-russia-tools {__version__}."


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


def observation_citation(observation: dict[str, Any], row_id: str, context: Any) -> str:
    """An observation: the value, the series and period, and the reference it was read in."""
    reference = context.find("references", observation["reference_id"])
    return (
        f"{arithmetic.fmt(observation['value'])} {observation['unit']} ({observation['statistic']}), series "
        f"{observation['series_id']}, {observation['period_start'].isoformat()} to "
        f"{observation['period_end'].isoformat()} (observation {row_id}); read in {reference['citation']}"
    )


def reference_citation(reference: dict[str, Any], _row_id: str = "", _context: Any = None) -> str:
    url = f" {reference['url']}" if reference.get("url") else ""
    return f"{reference['publisher']}, “{reference['title']}”, {reference['published'].isoformat()}.{url}"


def source_origin(source: dict[str, Any]) -> str:
    """Who published a source and where and when it was read, as far as known: ``, publisher, URL (accessed
    DATE)``, or ``""``."""
    named = "".join(f", {source[key]}" for key in ("publisher", "url") if source[key])
    return named + (f" (accessed {source['accessed'].isoformat()})" if source["accessed"] else "")


def anchored_citation(row: dict[str, Any], row_id: str, context: Any) -> str:
    """An anchored row: its words, id, source (with its publisher, address and access date where known) and
    code point position."""
    source = context.find("sources", row["source_id"])
    return (
        f"“{row['text']}” ({row_id}), {source['title']}{source_origin(source)} [{source['source_id']}], "
        f"code points {row['char_start']}–{row['char_end']}; china-russia-tools {__version__}."
    )


def check_citation(check: dict[str, Any], _row_id: str, context: Any) -> str:
    """A check: what it rests on, as its method cites it (:attr:`~china_russia_tools.check_methods.Method.cite`)."""
    return METHODS[check["method"]].cite(check, context.by_id)


def correction_citation(correction: dict[str, Any], row_id: str, _context: Any = None) -> str:
    """A correction: what changed in which row, and in which release."""
    field = f" {correction['field']}" if correction["field"] else ""
    return (
        f"Correction {row_id}: {correction['table']} {correction['row_id']}{field} {correction['change']}, "
        f"in china-russia-tools {correction['version']}."
    )
