"""Exceptions raised by china_russia_tools.

Every error derives from :class:`ChinaRussiaToolsError`, so callers can catch one type.
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from .problems import Problem


class ChinaRussiaToolsError(Exception):
    """Base class of every error this package raises on purpose."""


class SpanError(ChinaRussiaToolsError, ValueError):
    """Annotated words cannot be anchored to exactly one place in the source text; ``code`` is the
    problem code (:data:`~china_russia_tools.problems.CODES`) of why."""

    def __init__(self, message: str, code: str):
        super().__init__(message)
        self.code = code


class AnnotationError(ChinaRussiaToolsError, ValueError):
    """One or more problems in the annotation files or seeds; all of them are listed.

    ``problems`` holds one line per problem, each naming the file, the row id and what is wrong;
    ``records`` the same problems as :class:`~china_russia_tools.problems.Problem` records (where, code,
    message), and ``codes`` their codes, in the same order.
    """

    def __init__(self, problems: list[Problem]):
        self.records = list(problems)
        self.problems = [str(problem) for problem in self.records]
        self.codes = [problem.code for problem in self.records]
        count = len(self.problems)
        lines = "\n".join(f"  - {problem}" for problem in self.problems)
        super().__init__(f"{count} problem{'s' if count != 1 else ''} found:\n{lines}")


class StaleError(ChinaRussiaToolsError):
    """The committed tables or descriptor differ from what the annotation files build; ``stale`` holds
    one line per output that differs, naming it."""

    def __init__(self, stale: list[str]):
        self.stale = list(stale)
        lines = "\n".join(f"  - {line}" for line in self.stale)
        super().__init__(f"committed outputs are stale; run `china-russia-tools build`:\n{lines}")


class BuildLockedError(ChinaRussiaToolsError):
    """Another build of the same project folder holds its lock."""


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


class SearchError(ChinaRussiaToolsError, ValueError):
    """A search without a word to match: the query is empty or holds only punctuation."""


class ExportError(ChinaRussiaToolsError, ValueError):
    """An export or the report cannot be written where asked: the target is not a folder, or holds files
    china-russia-tools did not write there (or that changed since)."""


class Problems:
    """Collects every problem of a build or a validation, each one naming its file and row; raised all
    at once as an :class:`AnnotationError`."""

    def __init__(self) -> None:
        self.records: list[Problem] = []

    def add(self, where: str, message: str, code: str) -> None:
        """Record a problem at ``where`` (a file and row) with its code from
        :data:`~china_russia_tools.problems.CODES`."""
        self.records.append(Problem(where, code, message))

    def extend(self, found: Iterable[Problem]) -> None:
        """Record the problems a rule of :mod:`~china_russia_tools.rules.rows` found."""
        self.records.extend(found)

    @property
    def lines(self) -> list[str]:
        """Each problem as the line reported, ``where: message``."""
        return [str(problem) for problem in self.records]

    def raise_if_any(self) -> None:
        if self.records:
            raise AnnotationError(self.records)


def one_line(text: str) -> str:
    """``text`` with each control character or line break (a newline or a tab in a path...) written as a
    Python string literal writes it (``\\n``, ``\\t``, ``\\x1b``), so that it stays on one line; and
    each byte of a path that is not UTF-8 (a lone surrogate, ``\\udcff``), which no UTF-8 output takes."""
    escaped = ("Cc", "Zl", "Zp", "Cs")
    return "".join(repr(char)[1:-1] if unicodedata.category(char) in escaped else char for char in text)


def problem_line(problem: Problem) -> str:
    """A problem as validate prints it and build reports it: ``where: message [code]``, on one line."""
    return one_line(f"{problem} [{problem.code}]")


def os_error_text(error: OSError, where: Path | None = None) -> str:
    """An :class:`OSError` in one line naming the path and the cause: ``/proc/x: Permission denied``;
    ``where`` is named when the error names no file (a write to a full disk)."""
    if error.filename is None:
        if not current_folder_exists():
            return GONE
        return str(error) if where is None else f"{where}: {error.strerror or error}"
    target = f" (to {error.filename2})" if error.filename2 is not None else ""
    return f"{error.filename}{target}: {error.strerror or error}"


GONE = "the current folder no longer exists (it was deleted or moved); change to an existing folder"


def current_folder_exists() -> bool:
    """Whether the current folder still exists (it may be deleted or moved while a shell stays in it)."""
    try:
        os.getcwd()
    except OSError:
        return False
    return True
