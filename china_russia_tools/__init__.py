"""china-russia-tools: annotated figures, entities, mentions and quotes on China-Russia trade in
machine tools and export controls, each row anchored to its source text.

>>> import china_russia_tools as crt
>>> figures = crt.figures()          # doctest: +SKIP
>>> print(crt.cite(figures.figure_id[0]))   # doctest: +SKIP
"""

from __future__ import annotations

__version__ = "0.2.0"

from .citation import cite
from .errors import (
    AnnotationError,
    ChinaRussiaToolsError,
    DataError,
    SpanError,
    StaleError,
    UnknownIdError,
)
from .tables import (
    TABLES,
    checks,
    descriptor_path,
    discrepancies,
    entities,
    figures,
    load,
    mentions,
    quotes,
    references,
    sources,
)
from .show import show
from .sql import connect

__all__ = [
    "TABLES",
    "AnnotationError",
    "ChinaRussiaToolsError",
    "DataError",
    "SpanError",
    "StaleError",
    "UnknownIdError",
    "__version__",
    "checks",
    "cite",
    "connect",
    "descriptor_path",
    "discrepancies",
    "entities",
    "figures",
    "load",
    "mentions",
    "quotes",
    "references",
    "show",
    "sources",
]
