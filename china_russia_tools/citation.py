"""Citations of the package, a source, a reference, any row or a DataFrame: text, BibTeX or CSL-JSON.

Every citation is built from CSL items (the data model of citation processors); the plain text uses
the readable citations the build wrote into each table, and BibTeX is derived from the CSL items.
"""

from __future__ import annotations

import difflib
import functools
import json
from typing import Any

from . import registry
from .backends import column_values
from .errors import UnknownIdError
from .tables import descriptor, id_column, package_citation, records

FORMATS = ("text", "bibtex", "csl-json")
AUTHOR = "china-russia-tools maintainers"


@functools.cache
def _rows_by_id() -> dict[str, tuple[str, dict[str, Any]]]:
    """Every row of every table by its id: id -> (table, row)."""
    index = {}
    for table in registry.names():
        key = id_column(table)
        for row in records(table):
            index[row[key]] = (table, row)
    return index


def lookup(row_id: str) -> tuple[str, dict[str, Any]]:
    """``(table, row)`` of any id; :class:`UnknownIdError` suggesting the closest ids otherwise."""
    index = _rows_by_id()
    if row_id not in index:
        close = difflib.get_close_matches(str(row_id), list(index), n=3, cutoff=0.5)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise UnknownIdError(
            f"no figure, mention, quote, check, entity, reference or source has the id {row_id!r}{hint}"
        )
    return index[row_id]


def _date_parts(value: Any) -> list[int]:
    return [int(value.year), int(value.month), int(value.day)]


def package_item() -> dict[str, Any]:
    """CSL item of the package as a whole (the same facts as ``CITATION.cff``)."""
    meta = descriptor()
    year, month, day = (int(part) for part in meta["created"][:10].split("-"))
    return {
        "id": "china-russia-tools",
        "type": "dataset",
        "title": meta["title"],
        "author": [{"literal": AUTHOR}],
        "issued": {"date-parts": [[year, month, day]]},
        "version": meta["version"],
        "note": package_citation(),
    }


def source_item(source: dict[str, Any], note: str | None = None) -> dict[str, Any]:
    """CSL item of a source text; ``note`` carries the quoted words and their position, if any."""
    item: dict[str, Any] = {
        "id": source["source_id"],
        "type": "article-newspaper",
        "title": source["title"],
        "note": source["citation"] if note is None else note,
    }
    if source["byline"] is not None:
        item["author"] = [{"literal": source["byline"]}]
    earliest, latest = source["published_earliest"], source["published_latest"]
    known = earliest is not None and latest is not None
    if known and earliest == latest:
        item["issued"] = {"date-parts": [_date_parts(earliest)]}
    elif known and earliest.year == latest.year:
        item["issued"] = {"date-parts": [[int(earliest.year)]]}
    return item


def reference_item(reference: dict[str, Any]) -> dict[str, Any]:
    """CSL item of an external report."""
    item: dict[str, Any] = {
        "id": reference["reference_id"],
        "type": "article-newspaper",
        "title": reference["title"],
        "container-title": reference["publisher"],
        "issued": {"date-parts": [_date_parts(reference["published"])]},
    }
    if reference["url"] is not None:
        item["URL"] = reference["url"]
    return item


def _bibtex_escape(text: str) -> str:
    return "".join("\\" + char if char in "&%$#_{}" else char for char in text)


def bibtex(item: dict[str, Any]) -> str:
    """One BibTeX entry from a CSL item: ``@article`` for a report with a publisher, else ``@misc``."""
    fields: dict[str, str] = {}
    if "author" in item:
        fields["author"] = "{" + _bibtex_escape(item["author"][0]["literal"]) + "}"
    fields["title"] = "{" + _bibtex_escape(item["title"]) + "}"
    if "container-title" in item:
        fields["journal"] = _bibtex_escape(item["container-title"])
    if "issued" in item:
        parts = item["issued"]["date-parts"][0]
        fields["year"] = str(parts[0])
        if len(parts) == 3:
            fields["date"] = "-".join(f"{part:02d}" for part in parts)
    if "version" in item:
        fields["version"] = item["version"]
    if "URL" in item:
        fields["url"] = item["URL"]
    if "note" in item:
        fields["note"] = _bibtex_escape(item["note"])
    kind = "article" if "container-title" in item else "misc"
    key = item["id"].replace("-", "_")
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields.items())
    return f"@{kind}{{{key},\n{body}\n}}"


def _bibliography(target: Any) -> tuple[list[dict[str, Any]], list[str]]:
    """CSL items and plain-text lines citing ``target``."""
    package = (package_item(), package_citation())
    if target is None:
        return [package[0]], [package[1]]
    sources = {row["source_id"]: row for row in records("sources")}
    references = {row["reference_id"]: row for row in records("references")}
    source_ids = column_values(target, "source_id")
    if source_ids is not None:
        used_sources = sorted(set(source_ids))
        used_references = sorted(set(column_values(target, "reference_id") or []))
        for row_id in used_sources + used_references:
            lookup(row_id)
        items = [source_item(sources[s]) for s in used_sources] + [
            reference_item(references[r]) for r in used_references
        ]
        lines = [sources[s]["citation"] for s in used_sources] + [references[r]["citation"] for r in used_references]
        return items + [package[0]], lines + [package[1]]
    table, row = lookup(str(target))
    if table == "sources":
        return [source_item(row), package[0]], [row["citation"], package[1]]
    if table == "references":
        return [reference_item(row), package[0]], [row["citation"], package[1]]
    if table == "entities":
        return [package[0]], [row["citation"], package[1]]
    if table == "checks":  # cite the checked words, then what they were checked against
        checked = registry.check_target(row, descriptor())[1]
        row = lookup(checked)[1] | {"reference_id": row["reference_id"]}
    source = sources[row["source_id"]]
    items, lines = [source_item(source, note=row["citation"])], [row["citation"], source["citation"]]
    if row.get("reference_id") is not None:
        reference = references[row["reference_id"]]
        items.append(reference_item(reference))
        lines.append(reference["citation"])
    return items + [package[0]], lines + [package[1]]


def cite(target: Any = None, format: str = "text") -> str:
    """Cite the package (no target), a source, a reference, any row id, or the rows of a table (a pandas
    or polars DataFrame or a pyarrow Table).

    ``format`` is ``"text"`` (readable references; for a row, its quoted words and their code point
    position first), ``"bibtex"`` or ``"csl-json"`` (a list of CSL items for citation processors).
    A table is cited by the sources (and references) its rows rest on, plus the package.
    """
    if format not in FORMATS:
        raise ValueError(f"unknown citation format {format!r}; valid formats are: {', '.join(FORMATS)}")
    items, lines = _bibliography(target)
    if format == "text":
        return "\n".join(lines)
    if format == "bibtex":
        return "\n\n".join(bibtex(item) for item in items)
    return json.dumps(items, indent=2, ensure_ascii=False)
