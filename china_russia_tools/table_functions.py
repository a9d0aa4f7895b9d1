"""One function per table (``crt.figures()``, ``crt.sources()``...), made from the registry: each is a
call of :func:`~china_russia_tools.backends.load` whose docstring is the table's description and
columns, read from the installed descriptor. A new table needs no function written here.

The descriptor is read when this module is imported (``help(crt.figures)``), never a table; the
package imports this module on first use of a table function, so that importing the package, or the
build, reads no data.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from . import dictionary, registry
from .backends import load
from .errors import DataError
from .tables import descriptor


def table_function(name: str, description: str) -> Callable[..., Any]:
    """The function that loads table ``name`` in a backend (``"pandas"``, ``"polars"`` or ``"pyarrow"``)."""

    def function(backend: str = "pandas") -> Any:
        return load(name, backend)

    function.__name__ = function.__qualname__ = name
    function.__module__ = "china_russia_tools"
    function.__doc__ = description
    return function


def descriptions() -> dict[str, str]:
    """Each table's description in the descriptor; empty when it cannot be read (the first load then
    names the problem)."""
    try:
        return {entry.get("name"): entry.get("description", "") for entry in descriptor()["resources"]}
    except DataError:
        return {}


def function(name: str) -> Callable[..., Any]:
    """The function of table ``name``, documented with its description and columns; made once."""
    if name not in _functions:
        description = descriptions().get(name) or f"The {name} table."
        _functions[name] = table_function(name, description)
        dictionary.document_functions(_functions, descriptor, [name])
    return _functions[name]


_functions: dict[str, Callable[..., Any]] = {}
globals().update({name: function(name) for name in registry.names()})
