"""The package's type stub (``china_russia_tools/__init__.pyi``), made from the registry: type checkers
see each table function with one overload per backend (``crt.figures("polars")`` is a polars
DataFrame), though the functions themselves are made at run time (``table_functions.py``)."""

from __future__ import annotations

import ast
from pathlib import Path

from . import registry
from .backends import BACKENDS

PATH = "china_russia_tools/__init__.pyi"
"""Where the build writes the type stub in the checkout the package runs from (:func:`belongs_in`)."""


def belongs_in(root: Path) -> bool:
    """Whether ``root`` is the checkout of the running package, whose code the stub describes; the
    build writes and checks the stub only there."""
    return (root / PATH).parent.resolve() == Path(__file__).parent.resolve()


def stub() -> str:
    """The type stub of the package: each name the package's ``__init__.py`` imports or imports on first
    use, re-exported, then one overload per backend for each table function, typed as that backend's
    tables."""
    tree = ast.parse(Path(__file__).with_name("__init__.py").read_text(encoding="utf-8"))
    bound = [
        (node.module, alias.name)
        for node in tree.body
        if isinstance(node, ast.ImportFrom) and node.level == 1 and node.module
        for alias in node.names
    ]
    lazy = next(
        ast.literal_eval(node.value)
        for node in tree.body
        if isinstance(node, ast.Assign) and [getattr(t, "id", None) for t in node.targets] == ["_LAZY"]
    )
    bound += [(module, name) for name, module in lazy.items()]
    libraries = sorted({backend.table_type[0] for backend in BACKENDS.values()})
    lines = [
        "# Written by `china-russia-tools build` from __init__.py, the registry and the backends; do not",
        "# edit. `build --check` fails when it differs.",
        '"""Types of the package\'s names for type checkers, with one function per table."""',
        "",
        "from typing import Literal, overload",
        "",
        *(f"import {library}" for library in libraries),
        "",
        *(f"from .{module} import {name} as {name}" for module, name in sorted(bound)),
        "",
        "__all__ = [",
        *(f'    "{name}",' for name in sorted([name for _, name in bound] + list(registry.names()))),
        "]",
    ]
    first = next(iter(BACKENDS))
    for table in registry.names():
        for name, backend in BACKENDS.items():
            default = f' = "{name}"' if name == first else ""
            returns = ".".join(backend.table_type)
            lines += ["", "@overload", f'def {table}(backend: Literal["{name}"]{default}) -> {returns}: ...']
    return "\n".join(lines) + "\n"
