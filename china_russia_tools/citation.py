"""Citations of the package, a source, a row or a DataFrame, as plain text, BibTeX or CSL-JSON."""

from __future__ import annotations

import difflib
import functools
import json
from typing import TYPE_CHECKING, Any

from .errors import UnknownIdError
from .tables import TABLES, descriptor, load, package_citation

if TYPE_CHECKING:
    import pandas as pd

FORMATS = ("text", "bibtex", "csl-json")


@functools.cache
def _rows_by_id() -> dict[str, tuple[str, dict[str, Any]]]:
    """Every row of every table by its id: id -> (table, row)."""
    index = {}
    for table in TABLES:
        frame = load(table)
        id_column = frame.columns[0]
        for row in frame.to_dict("records"):
            index[row[id_column]] = (table, row)
    return index


def lookup(row_id: str) -> tuple[str, dict[str, Any]]:
    """``(table, row)`` of any id; :class:`UnknownIdError` suggesting the closest ids otherwise."""
    index = _rows_by_id()
    if row_id not in index:
        close = difflib.get_close_matches(str(row_id), list(index), n=3, cutoff=0.5)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise UnknownIdError(f"no figure, mention, quote, entity or source has the id {row_id!r}{hint}")
    return index[row_id]


def _bibtex_escape(text: str) -> str:
    return "".join("\\" + char if char in "&%$#_{}" else char for char in text)


def _package_item() -> dict[str, Any]:
    meta = descriptor()
    return {
        "id": "china-russia-tools",
        "type": "dataset",
        "title": meta["title"],
        "author": [{"literal": "china-russia-tools maintainers"}],
        "issued": {"date-parts": [[int(meta["created"][:4])]]},
        "version": meta["version"],
        "publisher": "china-russia-tools",
    }


def _source_item(source: dict[str, Any], note: str | None = None) -> dict[str, Any]:
    item: dict[str, Any] = {
        "id": source["source_id"],
        "type": "article-newspaper",
        "title": source["title"],
        "note": source["citation"] if note is None else note,
    }
    if source.get("byline"):
        item["author"] = [{"literal": source["byline"]}]
    earliest, latest = source["published_earliest"], source["published_latest"]
    if earliest is not None and latest is not None and earliest.year == latest.year:
        item["issued"] = {"date-parts": [[int(earliest.year)]]}
    return item


def _bibtex(item: dict[str, Any]) -> str:
    kind = "misc"
    fields = {"title": item["title"]}
    if "author" in item:
        fields["author"] = "{" + item["author"][0]["literal"] + "}"
    if "issued" in item:
        fields["year"] = str(item["issued"]["date-parts"][0][0])
    if "version" in item:
        fields["version"] = item["version"]
    if "note" in item:
        fields["note"] = item["note"]
    key = item["id"].replace("-", "_")
    body = ",\n".join(f"  {name} = {{{_bibtex_escape(value) if name != 'author' else value}}}" for name, value in fields.items())
    return f"@{kind}{{{key},\n{body}\n}}"


def _items(target: Any) -> tuple[list[dict[str, Any]], str]:
    """CSL items and the plain-text citation of a target."""
    import pandas as pd

    sources = {row["source_id"]: row for row in load("sources").to_dict("records")}
    if target is None:
        return [_package_item()], package_citation()
    if isinstance(target, pd.DataFrame):
        if "source_id" not in target.columns:
            return [_package_item()], package_citation()
        used = sorted(set(target["source_id"].dropna()))
        for source_id in used:
            lookup(source_id)
        items = [_source_item(sources[s]) for s in used] + [_package_item()]
        text = "\n".join([sources[s]["citation"] for s in used] + [package_citation()])
        return items, text
    table, row = lookup(str(target))
    if table == "sources":
        return [_source_item(row), _package_item()], row["citation"]
    if table == "entities":
        return [_package_item()], row["citation"] + "\n" + package_citation()
    source = sources[row["source_id"]]
    return [_source_item(source, note=row["citation"]), _package_item()], row["citation"] + "\n" + source["citation"]


def cite(target: str | pd.DataFrame | None = None, format: str = "text") -> str:
    """Cite the package (no target), a source id, a row id of any table, or a DataFrame's sources.

    ``format`` is ``"text"``, ``"bibtex"`` or ``"csl-json"``.
    """
    if format not in FORMATS:
        raise ValueError(f"unknown citation format {format!r}; valid formats are: {', '.join(FORMATS)}")
    items, text = _items(target)
    if format == "text":
        return text
    if format == "bibtex":
        return "\n\n".join(_bibtex(item) for item in items)
    return json.dumps(items, indent=2, ensure_ascii=False)
