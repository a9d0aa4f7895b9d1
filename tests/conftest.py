"""Shared fixtures. Tests import the installed package; the project root is this checkout."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

import china_russia_tools as crt

ROOT = Path(__file__).resolve().parent.parent
SHARED_SEEDS = ROOT.parent / "shared" / "seeds"

if Path(crt.__file__).resolve().parent.parent == ROOT:
    # The package under test is this checkout: make the Python subprocesses of the tests (the command
    # line, python -c, the notebook's kernel) import it too, not another copy installed elsewhere.
    os.environ["PYTHONPATH"] = os.pathsep.join([str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])])


EXTRAS = {"frictionless": "validate", "duckdb": "sql", "matplotlib": "report", "comtradeapicall": "recheck",
          "urllib3": "recheck", "rapidfuzz": "search", "anyascii": "search"}
"""The extra of the package that brings a module some tests need; the others come with the ``test`` extra."""


def needs(module: str) -> Any:
    """``module`` imported, or the test skipped saying it is not installed and how to install it."""
    extra = EXTRAS.get(module, "test")
    every = "" if extra == "test" else ' (or ".[test]" for every test)'
    return pytest.importorskip(
        module, reason=f'{module} is not installed, and this test needs it: pip install -e ".[{extra}]"{every}'
    )


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def run(capsys: pytest.CaptureFixture, *argv: str) -> tuple[int, str, str]:
    """The exit code, stdout and stderr of the command line run in this process on ``argv``."""
    from china_russia_tools.cli import main

    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@contextmanager
def deadline(seconds: int) -> Iterator[None]:
    """Fail, rather than hang, if the block takes longer than ``seconds`` (opening a named pipe waits)."""

    def expired(*_: object) -> None:
        raise TimeoutError(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def suggested(error: Exception, typed: str) -> list[str]:
    """The ids an unknown-id error suggests for the id ``typed``, in order: the ids of the data it names after
    ``typed``. The words of the message are asserted once, in test_citation.py."""
    from china_russia_tools.citation import _rows_by_id, shown_id

    after = str(error).split(shown_id(typed), 1)[1]
    return [token for token in re.findall(r"[\w.-]+", after) if token in _rows_by_id()]


def seed_text(source_id: str) -> str:
    """A seed's text, read straight from the checkout (not through the package)."""
    return (ROOT / "seeds" / f"{source_id}.txt").read_text(encoding="utf-8")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the project's build inputs and committed outputs, safe to break."""
    for name in ("seeds", "annotations", "data"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copy(ROOT / "datapackage.json", tmp_path / "datapackage.json")
    shutil.copy(ROOT / "datapackage.json.sha256", tmp_path / "datapackage.json.sha256")
    (tmp_path / "docs").mkdir()
    shutil.copy(ROOT / "docs" / "data-dictionary.md", tmp_path / "docs" / "data-dictionary.md")
    return tmp_path


@pytest.fixture
def real(project: Path) -> Iterator[Path]:
    """A copy of the published data, with the loader pointed at it."""
    crt.tables.use_data_dir(project)
    yield project
    crt.tables.use_data_dir(None)


@pytest.fixture
def installed(tmp_path: Path):
    """A built copy of the small project of ``minimal_project.py``, with the loader pointed at it."""
    from china_russia_tools import builder
    from minimal_project import make_project

    root = make_project(tmp_path / "installed")
    builder.write(root)
    crt.tables.use_data_dir(root)
    yield root
    crt.tables.use_data_dir(None)


@pytest.fixture
def changed(tmp_path: Path) -> Path:
    """A built small project whose annotations have since changed, and one of whose tables is gone,
    so that the next build replaces some files and creates one."""
    from china_russia_tools import builder
    from minimal_project import ANNOTATION_PATH, make_project

    root = make_project(tmp_path / "project")
    builder.write(root)
    path = root / ANNOTATION_PATH
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("that of the date window.", "that of the publication window."), encoding="utf-8")
    (root / "data" / "quotes.parquet").unlink()
    return root


@pytest.fixture
def installed_range(tmp_path: Path):
    """As ``installed``, with the dated figure 100-f01 a range (``minimal_project.make_range``)."""
    from china_russia_tools import builder
    from minimal_project import make_project, make_range

    root = make_project(tmp_path / "installed")
    make_range(root)
    builder.write(root)
    crt.tables.use_data_dir(root)
    yield root
    crt.tables.use_data_dir(None)


@pytest.fixture(scope="session")
def tables() -> dict:
    return {name: crt.load(name) for name in crt.TABLES}
