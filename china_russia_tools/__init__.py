"""china-russia-tools: annotated figures, entities, mentions and quotes on China-Russia trade in
machine tools and export controls, each row anchored to its source text.

>>> import china_russia_tools as crt
>>> figures = crt.figures()          # doctest: +SKIP
>>> print(crt.cite(figures.figure_id[0]))   # doctest: +SKIP
"""

from __future__ import annotations

import importlib
from typing import Any

from ._version import __version__
from .errors import (
    AnnotationError,
    ChinaRussiaToolsError,
    CitationError,
    DataError,
    ExportError,
    MissingBackendError,
    SpanError,
    StaleError,
    UnknownBackendError,
    UnknownIdError,
    UnknownTableError,
)

# export() is bound here, over the submodule of the same name (use importlib for the module itself).
from .export import export
from .joined import discrepancies
from .tables import (
    TABLES,
    checks,
    corrections,
    descriptor_path,
    entities,
    figures,
    load,
    mentions,
    product_codes,
    products,
    quotes,
    records,
    references,
    sources,
    table_path,
)

__all__ = [
    "TABLES",
    "AnnotationError",
    "ChinaRussiaToolsError",
    "CitationError",
    "DataError",
    "ExportError",
    "MissingBackendError",
    "SpanError",
    "StaleError",
    "UnknownBackendError",
    "UnknownIdError",
    "UnknownTableError",
    "__version__",
    "checks",
    "cite",
    "connect",
    "corrections",
    "diff",
    "descriptor_path",
    "discrepancies",
    "entities",
    "export",
    "figures",
    "load",
    "mentions",
    "product_codes",
    "products",
    "quotes",
    "records",
    "references",
    "show",
    "sources",
    "table_path",
]

# cite, show, connect and diff are imported on first use, keeping `import china_russia_tools` cheap.
_LAZY = {"cite": "citation", "show": "sentence", "connect": "sql", "diff": "differences"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
