"""Shared fixtures. Tests import the installed package; the project root is this checkout."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

import china_russia_tools as crt

ROOT = Path(__file__).resolve().parent.parent
SHARED_SEEDS = ROOT.parent / "shared" / "seeds"

if Path(crt.__file__).resolve().parent.parent == ROOT:
    # The package under test is this checkout: make the Python subprocesses of the tests (the command
    # line, python -c, the notebook's kernel) import it too, not another copy installed elsewhere.
    os.environ["PYTHONPATH"] = os.pathsep.join([str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])])


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
