"""china-russia-tools: annotated figures, entities, mentions and quotes on China-Russia trade in
machine tools and export controls, each row anchored to its source text.

>>> import china_russia_tools as crt
>>> figures = crt.figures()          # doctest: +SKIP
>>> print(crt.cite(figures.figure_id[0]))   # doctest: +SKIP
"""

from __future__ import annotations

import importlib
from typing import Any

from . import registry
from ._version import __version__
from .backends import load
from .comtrade import series_query
from .discrepancies import discrepancies  # binds the function over its submodule, as export does
from .errors import (
    AnnotationError,
    BuildLockedError,
    ChinaRussiaToolsError,
    CitationError,
    DataError,
    ExportError,
    MissingBackendError,
    SearchError,
    SpanError,
    StaleError,
    UnknownBackendError,
    UnknownIdError,
    UnknownTableError,
)

# export() is bound here, over the submodule of the same name (use importlib for the module itself).
from .export import export

# recheck() too is bound here, over its submodule, which importing the submodule would otherwise bind.
from .recheck import recheck

# search() too: the submodule imports neither rapidfuzz nor pandas until a search runs.
from .search import search

# spread() too, over its submodule, which the report imports.
from .spread import spread
from .tables import TABLES, descriptor_path, records, table_path

__all__ = [
    "TABLES",
    "AnnotationError",
    "BuildLockedError",
    "ChinaRussiaToolsError",
    "CitationError",
    "DataError",
    "ExportError",
    "MissingBackendError",
    "SearchError",
    "SpanError",
    "StaleError",
    "UnknownBackendError",
    "UnknownIdError",
    "UnknownTableError",
    "__version__",
    "cite",
    "connect",
    "diff",
    "descriptor_path",
    "discrepancies",
    "export",
    "load",
    "recheck",
    "records",
    "search",
    "series_query",
    "show",
    "shown",
    "spread",
    "table_path",
]
__all__ += TABLES  # one function per table of the registry, made in table_functions.py

# Imported on first use, keeping `import china_russia_tools` cheap: cite, show, shown, connect and diff; and the
# table functions, whose docstrings read the installed descriptor, so that importing the package (and
# the build, china_russia_tools.builder) reads no data.
_LAZY = {"cite": "citation", "show": "display", "shown": "display", "connect": "sql", "diff": "differences"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    elif name in registry.REGISTRY:  # a table function, made from the registry (table_functions.py)
        value = importlib.import_module(".table_functions", __name__).function(name)
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
