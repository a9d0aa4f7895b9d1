"""The package's version, in one place: pyproject.toml reads it from here (``[tool.hatch.version]``), and
every module that names it imports it from here, never from the package's ``__init__``."""

__version__ = "0.4.0"
