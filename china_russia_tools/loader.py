"""One function per table (``crt.figures()``, ``crt.sources()``...), each a call of
:func:`~china_russia_tools.backends.load` whose docstring lists the table's columns.

The columns are read from the installed descriptor when this module is imported (``help(crt.figures)``),
never a table; the package imports this module on first use of a table function, so that importing
the package, or the build, reads no data.
"""

from __future__ import annotations

from typing import Any

from . import dictionary, registry
from .backends import load
from .tables import descriptor


def sources(backend: str = "pandas") -> Any:
    """One row per source document."""
    return load("sources", backend)


def entities(backend: str = "pandas") -> Any:
    """One row per distinct entity."""
    return load("entities", backend)


def products(backend: str = "pandas") -> Any:
    """One row per product or product class a figure measures (``figures.product_id``)."""
    return load("products", backend)


def product_codes(backend: str = "pandas") -> Any:
    """One row per code of a product in a classification of goods (HS 2022, or TOTAL for all goods)."""
    return load("product_codes", backend)


def mentions(backend: str = "pandas") -> Any:
    """One row per mention of an entity in a source."""
    return load("mentions", backend)


def figures(backend: str = "pandas") -> Any:
    """One row per quantitative statement."""
    return load("figures", backend)


def quotes(backend: str = "pandas") -> Any:
    """One row per quotation or piece of reported speech."""
    return load("quotes", backend)


def references(backend: str = "pandas") -> Any:
    """One row per external document used to check figures and quotes."""
    return load("references", backend)


def checks(backend: str = "pandas") -> Any:
    """One row per check of a figure or quote, by arithmetic or against a reference."""
    return load("checks", backend)


def corrections(backend: str = "pandas") -> Any:
    """One row per change to a row published in an earlier release, and why it was made."""
    return load("corrections", backend)


dictionary.document_functions(globals(), descriptor, registry.names())
