"""china-russia-tools: annotated figures, entities, mentions and quotes on China-Russia trade in
machine tools and export controls, each row anchored to its source text.

>>> import china_russia_tools as crt
>>> figures = crt.figures()          # doctest: +SKIP
>>> print(crt.cite(figures.figure_id[0]))   # doctest: +SKIP
"""

from __future__ import annotations

import sys
import types
from importlib import import_module

# Every public name is imported on first use, so that `import china_russia_tools` reads no data and
# imports nothing heavy: Python reads the package in a millisecond, and `python -m china_russia_tools`
# reaches the command line's Ctrl-C handler at once. The table functions (one per table of the registry,
# made in table_functions.py) are too, since their docstrings read the installed descriptor.
_LAZY = {
    "__version__": "_version",
    "TABLES": "tables", "descriptor_path": "tables", "records": "tables", "table_path": "tables",
    "load": "backends", "series_query": "comtrade",
    "cite": "citation", "show": "display", "shown": "display", "connect": "sql", "diff": "differences",
    "discrepancies": "discrepancies", "export": "export", "recheck": "recheck", "search": "search",
    "spread": "spread",
    "AnnotationError": "errors", "BuildLockedError": "errors", "ChinaRussiaToolsError": "errors",
    "CitationError": "errors", "DataError": "errors", "ExportError": "errors", "MissingBackendError": "errors",
    "SearchError": "errors", "SpanError": "errors", "StaleError": "errors", "UnknownBackendError": "errors",
    "UnknownIdError": "errors", "UnknownTableError": "errors",
}


class _Package(types.ModuleType):
    """The package: where a submodule holds a function of its own name (``export``, ``recheck``, ``search``,
    ``spread``, ``discrepancies``), the package's name stays the function when Python binds the submodule
    to it on importing it (use importlib for the module itself)."""

    def __setattr__(self, name: str, value: object) -> None:
        if isinstance(value, types.ModuleType) and _LAZY.get(name) == name:
            value = getattr(value, name)
        super().__setattr__(name, value)


def __getattr__(name: str) -> object:
    if name in _LAZY:
        value = getattr(import_module(f".{_LAZY[name]}", __name__), name)
    elif name == "__all__":  # the names above and one function per table
        value = sorted([*_LAZY, *import_module(".registry", __name__).REGISTRY])
    elif name in import_module(".registry", __name__).REGISTRY:
        value = import_module(".table_functions", __name__).function(name)
    else:  # a submodule, as `china_russia_tools.tables`
        try:
            return import_module(f".{name}", __name__)
        except ModuleNotFoundError as error:
            if error.name != f"{__name__}.{name}":
                raise
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__getattr__("__all__")))


sys.modules[__name__].__class__ = _Package
