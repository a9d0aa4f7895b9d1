"""The package's version, in one place: pyproject.toml reads it from here (``[tool.hatch.version]``), and
every module that names it imports it from here, never from the package's ``__init__``. Between releases it
is the next release's development version (``0.6.0.dev0`` after 0.5.0), so data built from an unreleased
checkout never carries the last release's number."""

__version__ = "0.6.0.dev0"
