"""The package's own import structure: one version file, and no module importing back up into the
package's ``__init__``."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

import china_russia_tools as crt
from china_russia_tools import _version
from conftest import ROOT, needs

pytestmark = pytest.mark.slow

PACKAGE = ROOT / "china_russia_tools"


def test_the_version_is_in_one_file_that_pyproject_reads():
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    path = ROOT / pyproject["tool"]["hatch"]["version"]["path"]
    assert path == PACKAGE / "_version.py"
    assert re.findall(r'^__version__ = "(.+)"$', path.read_text(encoding="utf-8"), re.M) == [crt.__version__]
    assert crt.__version__ == _version.__version__


def test_no_module_imports_a_name_from_the_package_init():
    """``from . import x`` (or ``from .. import x``) reaching the package itself names only submodules."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        depth = len(path.relative_to(PACKAGE).parts) - 1  # 0 for a module of the package, 1 for build/...
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == depth + 1 and node.module is None:
                found += [
                    f"{path.relative_to(ROOT)}: {alias.name}"
                    for alias in node.names
                    if not (PACKAGE / f"{alias.name}.py").is_file() and not (PACKAGE / alias.name).is_dir()
                ]
    assert found == []


def test_importing_the_package_and_the_build_reads_no_data(tmp_path):
    """Nothing is read on import; the table functions (whose docstrings read the descriptor) come on first use."""
    code = (
        "import sys, china_russia_tools.builder, china_russia_tools as crt; "
        "print(sum(cache.cache_info().misses for cache in crt.tables._caches), "
        "'china_russia_tools.table_functions' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=tmp_path)
    assert result.stdout.split() == ["0", "False"]


def test_importing_the_package_imports_none_of_its_modules(tmp_path):
    """Python reads the package in a moment (``python -m`` reaches the command line's handler at once); each
    public name, ``__all__`` and each submodule comes on first use."""
    code = (
        "import sys, china_russia_tools as crt; "
        "print(sorted(m for m in sys.modules if m.startswith('china_russia_tools.'))); "
        "print(crt.tables.__name__, 'figures' in crt.__all__, crt.UnknownIdError.__module__)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=tmp_path)
    assert result.stdout.splitlines() == [
        "[]", "china_russia_tools.tables True china_russia_tools.errors"]


@pytest.mark.parametrize("first", ["import china_russia_tools.export", "from china_russia_tools.export import WRITERS",
                                   "import importlib; importlib.import_module('china_russia_tools.export')", ""])
def test_a_function_named_as_its_submodule_stays_the_function(first, tmp_path):
    code = f"{first}\nimport china_russia_tools as crt\nprint(crt.export.__module__, crt.export.__name__)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=tmp_path)
    assert result.stdout == "china_russia_tools.export export\n"


def test_an_unknown_name_of_the_package_is_an_attribute_error():
    with pytest.raises(AttributeError, match="module 'china_russia_tools' has no attribute 'figure'"):
        crt.figure  # noqa: B018


def test_clear_cache_forgets_what_modules_above_the_tables_cached():
    from china_russia_tools import backends, citation, tables

    crt.cite(crt.figures().figure_id[0])
    assert backends._read.cache_info().currsize and citation._rows_by_id.cache_info().currsize
    tables.clear_cache()
    assert not backends._read.cache_info().currsize and not citation._rows_by_id.cache_info().currsize


def test_the_import_contract_holds():
    """The tiers, the rules' ban on the store and the ban on cycles of pyproject.toml's [tool.importlinter],
    as CI's ``lint-imports`` checks.

    In a process of its own: import-linter's output would close the stream pytest captures."""
    needs("importlinter")
    code = "import sys; from importlinter.cli import lint_imports; sys.exit(lint_imports(no_cache=True))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_contract_names_a_few_tiers_and_keeps_the_rules_from_the_store():
    contracts = {
        contract["id"]: contract
        for contract in tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"][
            "contracts"
        ]
    }
    tiers = contracts["tiers"]["layers"]
    assert len(tiers) == 6 and tiers[0] == "__main__ : cli" and tiers[-1] == "files : errors : problems : _version"
    placed = [name.strip() for tier in tiers for name in tier.split(":")]
    modules = sorted(
        path.stem if path.suffix == ".py" else path.name
        for path in PACKAGE.iterdir()
        if (path.suffix == ".py" and path.stem != "__init__") or (path / "__init__.py").is_file()
    )
    assert sorted(placed) == modules  # every module and subpackage has its tier, once
    forbidden = contracts["rules-below-store"]
    assert "china_russia_tools.rules" in forbidden["source_modules"]
    assert {"china_russia_tools.tables", "china_russia_tools.backends", "china_russia_tools.builder"} <= set(
        forbidden["forbidden_modules"]
    )


def test_every_missing_extra_is_worded_one_way():
    package = Path(crt.__file__).parent
    wordings = re.findall(r"needs[^\n]*pip install[^\n]*", "\n".join(
        path.read_text(encoding="utf-8") for path in package.rglob("*.py")))
    assert len(wordings) >= 5
    one_way = re.compile(r"""needs \S+: (\{chosen\.install\}|pip install "china-russia-tools\[\w+\]")""")
    for wording in wordings:
        assert one_way.search(wording), wording
