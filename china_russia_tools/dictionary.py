"""The data dictionary (docs/data-dictionary.md), written by the build from the descriptor alone."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

PATH = "docs/data-dictionary.md"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _type(field: dict[str, Any]) -> str:
    """A field's type in words; a list says its items' type and what separates them."""
    if field["type"] == "list":
        return f"list of {field.get('itemType', 'string')} separated by `{field.get('delimiter', ',')}`"
    return field["type"]


def _constraints(field: dict[str, Any], primary_key: list[str], references: dict[str, str]) -> str:
    constraints = field.get("constraints", {})
    parts = []
    if field["name"] in primary_key:
        parts.append("primary key")
    if constraints.get("required"):
        parts.append("required")
    if constraints.get("unique") and field["name"] not in primary_key:
        parts.append("unique")
    if "enum" in constraints:
        parts.append("one of " + ", ".join(f"`{value}`" for value in constraints["enum"]))
    if "pattern" in constraints:
        parts.append(f"pattern `{constraints['pattern']}`")
    if "minimum" in constraints:
        parts.append(f"minimum {constraints['minimum']}")
    if field["name"] in references:
        parts.append(f"references {references[field['name']]}")
    return "; ".join(parts)


def _references(schema: dict[str, Any]) -> dict[str, str]:
    return {
        key["fields"][0]: f"`{key['reference']['resource']}.{key['reference']['fields'][0]}`"
        for key in schema.get("foreignKeys", [])
    }


def columns_docstring(resource: dict[str, Any]) -> str:
    """The columns of a table resource for its function's docstring: name, type, constraints, description."""
    schema = resource["schema"]
    lines = ["Columns (from ``datapackage.json``):", ""]
    for field in schema["fields"]:
        constraints = _constraints(field, schema.get("primaryKey", []), _references(schema))
        lines.append(f"{field['name']} : {_type(field)}" + (f"; {constraints}" if constraints else ""))
        lines.append(f"    {field.get('description', '')}")
    return "\n".join(lines)


def render_dictionary(descriptor: dict[str, Any]) -> str:
    """Markdown listing every table and every column: type, constraints and description."""
    tables = [r for r in descriptor["resources"] if "schema" in r]
    lines = [
        "# Data dictionary",
        "",
        f"{descriptor['title']}, version {descriptor['version']}. Generated from `datapackage.json` by",
        "`china-russia-tools build`; do not edit by hand.",
        "",
        "| table | file | one row per |",
        "|---|---|---|",
    ]
    lines += [f"| [`{r['name']}`](#{r['name']}) | `{r['path']}` | {_cell(r['description'])} |" for r in tables]
    for resource in tables:
        schema = resource["schema"]
        primary_key = schema.get("primaryKey", [])
        references = _references(schema)
        lines += ["", f"## {resource['name']}", "", _cell(resource["description"]), ""]
        lines += ["| column | type | constraints | description |", "|---|---|---|---|"]
        for field in schema["fields"]:
            lines.append(
                f"| `{field['name']}` | {_type(field)} | {_cell(_constraints(field, primary_key, references))} "
                f"| {_cell(field.get('description', ''))} |"
            )
    return "\n".join(lines) + "\n"


def document_functions(
    namespace: dict[str, Any], read_descriptor: Callable[[], dict[str, Any]], names: Iterable[str]
) -> None:
    """Add each table's columns, from the descriptor, to the docstring of its function in ``namespace``
    (``help(crt.figures)``).

    Reads only the descriptor, never a table; if it cannot be read, the docstrings stay short and the
    first load names the problem.
    """
    from .errors import DataError

    try:
        resources = {entry.get("name"): entry for entry in read_descriptor()["resources"]}
    except DataError:
        return
    for name in names:
        function = namespace.get(name)
        if callable(function) and name in resources:
            lines = columns_docstring(resources[name]).splitlines()
            function.__doc__ = f"{function.__doc__}\n\n" + "\n".join(f"    {line}" if line else "" for line in lines)
