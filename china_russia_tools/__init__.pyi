# Written by `china-russia-tools build` from __init__.py, the registry and the backends; do not
# edit. `build --check` fails when it differs.
"""Types of the package's names for type checkers, with one function per table."""

from typing import Literal, overload

import pandas
import polars
import pyarrow

from ._version import __version__ as __version__
from .backends import load as load
from .citation import cite as cite
from .comtrade import series_query as series_query
from .differences import diff as diff
from .discrepancies import discrepancies as discrepancies
from .display import show as show
from .display import shown as shown
from .errors import AnnotationError as AnnotationError
from .errors import BuildLockedError as BuildLockedError
from .errors import ChinaRussiaToolsError as ChinaRussiaToolsError
from .errors import CitationError as CitationError
from .errors import DataError as DataError
from .errors import ExportError as ExportError
from .errors import MissingBackendError as MissingBackendError
from .errors import SearchError as SearchError
from .errors import SpanError as SpanError
from .errors import StaleError as StaleError
from .errors import UnknownBackendError as UnknownBackendError
from .errors import UnknownIdError as UnknownIdError
from .errors import UnknownTableError as UnknownTableError
from .export import export as export
from .recheck import recheck as recheck
from .search import search as search
from .spread import spread as spread
from .sql import connect as connect
from .tables import TABLES as TABLES
from .tables import descriptor_path as descriptor_path
from .tables import records as records
from .tables import table_path as table_path

__all__ = [
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
    "TABLES",
    "UnknownBackendError",
    "UnknownIdError",
    "UnknownTableError",
    "__version__",
    "checks",
    "cite",
    "connect",
    "corrections",
    "descriptor_path",
    "diff",
    "discrepancies",
    "entities",
    "export",
    "figures",
    "load",
    "mentions",
    "observations",
    "product_codes",
    "products",
    "quotes",
    "recheck",
    "records",
    "references",
    "search",
    "series",
    "series_query",
    "show",
    "shown",
    "sources",
    "spread",
    "table_path",
]

@overload
def sources(backend: Literal["pandas"] = "pandas") -> pandas.DataFrame: ...

@overload
def sources(backend: Literal["polars"]) -> polars.DataFrame: ...

@overload
def sources(backend: Literal["pyarrow"]) -> pyarrow.Table: ...

@overload
def entities(backend: Literal["pandas"] = "pandas") -> pandas.DataFrame: ...

@overload
def entities(backend: Literal["polars"]) -> polars.DataFrame: ...

@overload
def entities(backend: Literal["pyarrow"]) -> pyarrow.Table: ...

@overload
def references(backend: Literal["pandas"] = "pandas") -> pandas.DataFrame: ...

@overload
def references(backend: Literal["polars"]) -> polars.DataFrame: ...

@overload
def references(backend: Literal["pyarrow"]) -> pyarrow.Table: ...

@overload
def products(backend: Literal["pandas"] = "pandas") -> pandas.DataFrame: ...

@overload
def products(backend: Literal["polars"]) -> polars.DataFrame: ...

@overload
def products(backend: Literal["pyarrow"]) -> pyarrow.Table: ...

@overload
def product_codes(backend: Literal["pandas"] = "pandas") -> pandas.DataFrame: ...

@overload
def product_codes(backend: Literal["polars"]) -> polars.DataFrame: ...

@overload
def product_codes(backend: Literal["pyarrow"]) -> pyarrow.Table: ...

@overload
def series(backend: Literal["pandas"] = "pandas") -> pandas.DataFrame: ...

@overload
def series(backend: Literal["polars"]) -> polars.DataFrame: ...

@overload
def series(backend: Literal["pyarrow"]) -> pyarrow.Table: ...

@overload
def observations(backend: Literal["pandas"] = "pandas") -> pandas.DataFrame: ...

@overload
def observations(backend: Literal["polars"]) -> polars.DataFrame: ...

@overload
def observations(backend: Literal["pyarrow"]) -> pyarrow.Table: ...

@overload
def mentions(backend: Literal["pandas"] = "pandas") -> pandas.DataFrame: ...

@overload
def mentions(backend: Literal["polars"]) -> polars.DataFrame: ...

@overload
def mentions(backend: Literal["pyarrow"]) -> pyarrow.Table: ...

@overload
def figures(backend: Literal["pandas"] = "pandas") -> pandas.DataFrame: ...

@overload
def figures(backend: Literal["polars"]) -> polars.DataFrame: ...

@overload
def figures(backend: Literal["pyarrow"]) -> pyarrow.Table: ...

@overload
def quotes(backend: Literal["pandas"] = "pandas") -> pandas.DataFrame: ...

@overload
def quotes(backend: Literal["polars"]) -> polars.DataFrame: ...

@overload
def quotes(backend: Literal["pyarrow"]) -> pyarrow.Table: ...

@overload
def checks(backend: Literal["pandas"] = "pandas") -> pandas.DataFrame: ...

@overload
def checks(backend: Literal["polars"]) -> polars.DataFrame: ...

@overload
def checks(backend: Literal["pyarrow"]) -> pyarrow.Table: ...

@overload
def corrections(backend: Literal["pandas"] = "pandas") -> pandas.DataFrame: ...

@overload
def corrections(backend: Literal["polars"]) -> polars.DataFrame: ...

@overload
def corrections(backend: Literal["pyarrow"]) -> pyarrow.Table: ...
