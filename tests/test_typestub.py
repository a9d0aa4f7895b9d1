"""The package's type stub (china_russia_tools/__init__.pyi): made by the build from __init__.py, the
registry and the backends, committed as made, and checked by build --check."""

import ast
import shutil
from pathlib import Path

import pytest

import china_russia_tools as crt
from china_russia_tools import builder, registry, typestub
from china_russia_tools.backends import BACKENDS
from conftest import ROOT

pytestmark = pytest.mark.slow


def test_the_committed_stub_is_what_the_build_makes():
    assert (ROOT / typestub.PATH).read_text(encoding="utf-8") == typestub.stub()


def declared(text: str) -> dict[str, list[ast.stmt]]:
    found: dict[str, list[ast.stmt]] = {}
    for node in ast.parse(text).body:
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            for alias in node.names:
                found.setdefault(alias.asname or alias.name, []).append(node)
        elif isinstance(node, ast.FunctionDef):
            found.setdefault(node.name, []).append(node)
    return found


def test_the_stub_declares_every_public_name_and_nothing_else():
    assert set(declared(typestub.stub())) == set(crt.__all__)
    (listed,) = [node for node in ast.parse(typestub.stub()).body if isinstance(node, ast.Assign)]
    assert ast.literal_eval(listed.value) == sorted(crt.__all__)


def test_each_table_function_has_one_overload_per_backend_typed_as_its_tables():
    functions = declared(typestub.stub())
    figures = functions["figures"]
    assert [ast.unparse(node.args.args[0].annotation) for node in figures] == [
        "Literal['pandas']", "Literal['polars']", "Literal['pyarrow']"
    ]
    assert [ast.unparse(node.returns) for node in figures] == ["pandas.DataFrame", "polars.DataFrame", "pyarrow.Table"]
    assert [ast.unparse(default) for node in figures for default in node.args.defaults] == ["'pandas'"]
    for table in registry.names():
        assert len(functions[table]) == len(BACKENDS), table


@pytest.fixture
def checkout(project: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The project copy with the package's __init__.py and its stub, taken for the running checkout."""
    (project / "china_russia_tools").mkdir()
    for name in ("__init__.py", "__init__.pyi"):
        shutil.copy(ROOT / "china_russia_tools" / name, project / "china_russia_tools" / name)
    monkeypatch.setattr(typestub, "belongs_in", lambda root: root == project)
    return project


def test_the_stub_belongs_only_in_the_checkout_the_package_runs_from(project: Path):
    (project / "china_russia_tools").mkdir()
    shutil.copy(ROOT / "china_russia_tools" / "__init__.py", project / "china_russia_tools" / "__init__.py")
    assert not typestub.belongs_in(project)  # another checkout: its code may differ from the running one
    assert typestub.belongs_in(Path(crt.__file__).parent.parent)  # the folder the running package is in
    builder.write(project)
    assert not (project / typestub.PATH).exists()


def test_in_a_checkout_build_check_sees_an_edited_stub_and_the_build_rewrites_it(checkout: Path):
    assert builder.stale_outputs(checkout) == []
    stub = checkout / typestub.PATH
    stub.write_text(stub.read_text(encoding="utf-8").replace("polars.DataFrame", "object"), encoding="utf-8")
    drift = "china_russia_tools/__init__.pyi: missing or differs from the package's code"
    assert builder.stale_outputs(checkout) == [drift]
    builder.write(checkout)
    assert stub.read_text(encoding="utf-8") == typestub.stub()


def test_the_new_table_s_overloads(monkeypatch):
    monkeypatch.setitem(registry.REGISTRY, "events", registry.Table("events", "layer"))
    assert 'def events(backend: Literal["polars"]) -> polars.DataFrame: ...' in typestub.stub()


def test_outside_a_checkout_the_build_writes_no_stub(project: Path):
    builder.write(project)
    assert not (project / "china_russia_tools").exists()
