"""Exceptions raised by china_russia_tools.

Every error derives from :class:`ChinaRussiaToolsError`, so callers can catch one type.
"""

from __future__ import annotations


class ChinaRussiaToolsError(Exception):
    """Base class of every error this package raises on purpose."""


class SpanError(ChinaRussiaToolsError, ValueError):
    """Annotated words cannot be anchored to exactly one place in the source text."""


class AnnotationError(ChinaRussiaToolsError, ValueError):
    """One or more problems in the annotation files or seeds; all of them are listed.

    ``problems`` holds one line per problem, each naming the file, the row id and what is wrong.
    """

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        count = len(self.problems)
        lines = "\n".join(f"  - {problem}" for problem in self.problems)
        super().__init__(f"{count} problem{'s' if count != 1 else ''} found:\n{lines}")


class StaleError(ChinaRussiaToolsError):
    """The committed tables or descriptor differ from what the annotation files build."""


class DataError(ChinaRussiaToolsError, ValueError):
    """An installed table, descriptor or seed is missing, corrupted or fails its checks."""


class UnknownTableError(ChinaRussiaToolsError, ValueError):
    """No table has the given name; the message lists the valid ones."""


class UnknownBackendError(ChinaRussiaToolsError, ValueError):
    """No backend has the given name; the message lists the valid ones."""


class MissingBackendError(ChinaRussiaToolsError, ImportError):
    """The library a backend needs is not installed; the message says what to install."""


class UnknownIdError(ChinaRussiaToolsError, KeyError):
    """No table, row or source has the given id."""

    def __str__(self) -> str:  # KeyError would otherwise wrap the message in quotes
        return str(self.args[0])


class CitationError(ChinaRussiaToolsError, ValueError):
    """Nothing to cite: an empty DataFrame, or rows without any id to cite them by."""


class ExportError(ChinaRussiaToolsError, ValueError):
    """An export or the report cannot be written where asked: the target is not a folder, or holds files
    china-russia-tools did not write there (or that changed since)."""


class Problems:
    """Collects every problem of a build or a validation, each one naming its file and row; raised all
    at once as an :class:`AnnotationError`."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def add(self, where: str, message: str) -> None:
        self.lines.append(f"{where}: {message}")

    def raise_if_any(self) -> None:
        if self.lines:
            raise AnnotationError(self.lines)
