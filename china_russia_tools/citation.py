"""Citations of the package, a source, a reference, any row or a DataFrame: text, BibTeX or CSL-JSON.

Every citation is built from CSL items (the data model of citation processors); the plain text uses
the readable citations the build wrote into each table, and BibTeX is derived from the CSL items.
"""

from __future__ import annotations

import difflib
import json
import sys
import unicodedata
from typing import Any

from . import registry
from .backends import column_values, table_shape
from .errors import CitationError, UnknownIdError
from .tables import AUTHOR, cached, descriptor, id_column, package_citation, records

FORMATS = ("text", "bibtex", "csl-json")


@cached
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
        same = [key for key in index if key.lower() == str(row_id).lower()]  # 000-F02 -> 000-f02 first
        close = list(dict.fromkeys(same + difflib.get_close_matches(str(row_id), list(index), n=3, cutoff=0.5)))[:3]
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise UnknownIdError(
            f"no {registry.kinds_of_id()} has the id {shown_id(row_id)}{hint}"
        )
    return index[row_id]


def shown_id(row_id: Any) -> str:
    """An id as typed, with any character outside ASCII named, so that a look-alike ("000-fО2" with a
    Cyrillic О) does not read as the real id: ``'000-f\\u041e2' (U+041E CYRILLIC CAPITAL LETTER O at 5)``."""
    text = str(row_id)
    odd = [(index, char) for index, char in enumerate(text) if not char.isascii()]
    if not odd:
        return repr(text)
    named = ", ".join(f"U+{ord(char):04X} {unicodedata.name(char, 'unnamed')} at {index}" for index, char in odd[:3])
    return f"{ascii(text)} ({named}; ids are ASCII)"


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


def source_item(source: dict[str, Any], note: str | None = None, key: str | None = None) -> dict[str, Any]:
    """CSL item of a source text, with its publisher, address and access date where known. Citing a row,
    ``note`` carries its quoted words and their position, and ``key`` is the row's id, so that each row
    cites under its own key; otherwise the key is the source's id."""
    item: dict[str, Any] = {
        "id": source["source_id"] if key is None else key,
        "type": "article-newspaper",
        "title": source["title"],
        "note": source["citation"] if note is None else note,
    }
    if source["byline"] is not None:
        item["author"] = [{"literal": source["byline"]}]
    if source["publisher"] is not None:
        item["container-title"] = source["publisher"]
    if source["url"] is not None:
        item["URL"] = source["url"]
    if source["accessed"] is not None:
        item["accessed"] = {"date-parts": [_date_parts(source["accessed"])]}
    earliest, latest = source["published_earliest"], source["published_latest"]
    known = earliest is not None and latest is not None
    if known and earliest == latest:
        item["issued"] = {"date-parts": [_date_parts(earliest)]}
    elif known and (earliest.year, earliest.month) == (latest.year, latest.month):
        item["issued"] = {"date-parts": [[int(earliest.year), int(earliest.month)]]}
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


def row_item(table: str, row: dict[str, Any]) -> dict[str, Any]:
    """CSL item of a row of the package's own tables (an entity, a product, a product code): an entry
    of the dataset, titled by its name, with its readable citation as the note."""
    meta = descriptor()
    row_id = row[id_column(table)]
    title = row.get("name") or f"{row.get('classification', table)} {row.get('code', row_id)}"
    return {
        "id": row_id,
        "type": "entry",
        "title": title,
        "container-title": meta["title"],
        "version": meta["version"],
        "note": row["citation"],
    }


def _bibtex_escape(text: str) -> str:
    return "".join("\\" + char if char in "&%$#_{}" else char for char in text)


def bibtex(item: dict[str, Any]) -> str:
    """One BibTeX entry from a CSL item: ``@article`` for a report with a publisher, else ``@misc``."""
    fields: dict[str, str] = {}
    if "author" in item:
        fields["author"] = "{" + _bibtex_escape(item["author"][0]["literal"]) + "}"
    fields["title"] = "{" + _bibtex_escape(item["title"]) + "}"
    if "container-title" in item:
        fields["journal" if item["type"] != "entry" else "howpublished"] = _bibtex_escape(item["container-title"])
    if "issued" in item:
        parts = item["issued"]["date-parts"][0]
        fields["year"] = str(parts[0])
        if len(parts) == 3:
            fields["date"] = "-".join(f"{part:02d}" for part in parts)
    if "version" in item:
        fields["version"] = item["version"]
    if "URL" in item:
        fields["url"] = item["URL"]
    if "accessed" in item:
        fields["urldate"] = "-".join(f"{part:02d}" for part in item["accessed"]["date-parts"][0])
    if "note" in item:
        fields["note"] = _bibtex_escape(item["note"])
    kind = "article" if "container-title" in item and item["type"] != "entry" else "misc"
    key = item["id"]  # the same key as the CSL-JSON id
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields.items())
    return f"@{kind}{{{key},\n{body}\n}}"


def _own_id_column(columns: Any) -> str | None:
    """The id column of the row's own table among ``columns``: of the tables whose id is there, the last
    in build order, since a table only refers to tables before it (a check row also holds a figure_id)."""
    return next((id_column(name) for name in reversed(registry.names()) if id_column(name) in columns), None)


def _id_columns() -> str:
    return ", ".join(id_column(name) for name in registry.names())


def _merged(parts: list[tuple[list[dict[str, Any]], list[str]]]) -> tuple[list[dict[str, Any]], list[str]]:
    """The bibliographies of several targets as one, each item and line once, in order, the package last."""
    package = package_item()["id"], package_citation()
    items = {item["id"]: item for part in parts for item in part[0]}
    lines = [line for line in dict.fromkeys(line for part in parts for line in part[1]) if line != package[1]]
    return [*(item for key, item in items.items() if key != package[0]), items[package[0]]], [*lines, package[1]]


def _listed(source_ids: list[Any], reference_ids: list[Any]) -> tuple[list[dict[str, Any]], list[str]]:
    """The bibliography of rows resting on these sources and references: each once, in id order, the package
    last."""
    used = sorted({str(s) for s in source_ids if s is not None}) + sorted(
        {str(r) for r in reference_ids if r is not None}
    )
    rows = [lookup(row_id)[1] for row_id in used]
    items = [source_item(row) if "source_id" in row else reference_item(row) for row in rows]
    return [*items, package_item()], [*(row["citation"] for row in rows), package_citation()]


def _bibliography(target: Any) -> tuple[list[dict[str, Any]], list[str]]:
    """CSL items and plain-text lines citing ``target``."""
    package = (package_item(), package_citation())
    if target is None:
        return [package[0]], [package[1]]
    pandas = sys.modules.get("pandas")  # a pandas row can only exist once pandas is imported
    if pandas is not None and isinstance(target, pandas.Series):  # one row: cited by its own id
        key = _own_id_column(target.index)
        if key is None or pandas.isna(target[key]):
            raise CitationError(f"the row holds no row id to cite it by (one of: {_id_columns()})")
        return _bibliography(str(target[key]))
    shape = table_shape(target)
    if shape is not None and shape[1] == 0:
        raise CitationError("the DataFrame has no rows; there is nothing to cite")
    if shape is not None and not {"source_id", "reference_id"} & set(shape[0]):
        key = _own_id_column(shape[0])
        if key is None:
            raise CitationError(
                f"the DataFrame has no column to cite its rows by (one of: {_id_columns()}); "
                "keep one when selecting columns"
            )
        rows = [lookup(str(row_id)) for row_id in column_values(target, key)]
        if registry.table(rows[0][0]).kind in ("layer", "verdicts"):  # rows of sources: cite each source once
            return _listed([row["source_id"] for _, row in rows], [row.get("reference_id") for _, row in rows])
        return _merged([_bibliography(row[key]) for _, row in rows])
    if shape is not None:
        return _listed(column_values(target, "source_id"), column_values(target, "reference_id"))
    table, row = lookup(str(target))
    kind = registry.table(table).kind
    if kind == "seeds":
        return [source_item(row), package[0]], [row["citation"], package[1]]
    if table == "references":  # the one shared table of outside documents, cited as such
        return [reference_item(row), package[0]], [row["citation"], package[1]]
    if kind == "shared":  # entities, products, product codes: rows of the package itself
        return [row_item(table, row), package[0]], [row["citation"], package[1]]
    cited = str(target)
    if kind == "verdicts":  # cite the checked words, then what they were checked against
        cited = registry.check_target(row, descriptor())[1]
        row = lookup(cited)[1] | {"reference_id": row["reference_id"]}
    source = lookup(row["source_id"])[1]
    items, lines = [source_item(source, note=row["citation"], key=cited)], [row["citation"], source["citation"]]
    if row.get("reference_id") is not None:
        reference = lookup(row["reference_id"])[1]
        items.append(reference_item(reference))
        lines.append(reference["citation"])
    return items + [package[0]], lines + [package[1]]


def cite(target: Any = None, format: str = "text") -> str:
    """Cite the package (no target), a source, a reference, any row id, a row, or the rows of a table (a
    pandas or polars DataFrame or a pyarrow Table).

    ``format`` is ``"text"`` (readable references; for a row, its quoted words and their code point
    position first), ``"bibtex"`` or ``"csl-json"`` (a list of CSL items for citation processors).
    A row (a pandas ``Series``, e.g. ``df.iloc[0]``) is cited by its id. A table is cited by the sources
    (and references) its rows rest on, plus the package; one without those columns (``entities()``) by
    the citation of each of its rows. :class:`CitationError` for an empty table or one with no id
    column; :class:`UnknownIdError` for an id that no row has.
    """
    if format not in FORMATS:
        raise ValueError(f"unknown citation format {format!r}; valid formats are: {', '.join(FORMATS)}")
    items, lines = _bibliography(target)
    if format == "text":
        return "\n".join(lines)
    if format == "bibtex":
        return "\n\n".join(bibtex(item) for item in items)
    return json.dumps(items, indent=2, ensure_ascii=False)
