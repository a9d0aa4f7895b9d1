"""The installed wheel is the product: built from the checkout, installed into a fresh virtual
environment (not editable), it loads every table from any folder and its descriptor validates.

The new environment takes its dependencies from this one (see ``installed``), so it needs no network.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

import china_russia_tools as crt
from conftest import ROOT, needs

pytestmark = pytest.mark.slow

MAX_WHEEL_BYTES = 400_000  # about 303 kB during 0.5.0; a jump past this means a file that should not be in it


# The fresh environment must import the installed wheel, not a checkout that PYTHONPATH points at.
CLEAN_ENV = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "PYTHONHOME")}


def run(*command: str | Path, cwd: Path) -> str:
    result = subprocess.run([str(part) for part in command], cwd=cwd, capture_output=True, text=True, env=CLEAN_ENV)
    assert result.returncode == 0, f"{command} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    run(sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", out, ROOT, cwd=out)
    (built,) = out.glob("*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Python of a fresh virtual environment with the wheel installed, and this environment's
    dependencies shared with it.

    The wheel is installed without its dependencies by this interpreter's pip (``--python``, no
    bytecode compiled); a path file then adds this environment's site-packages after the new one's, so
    pandas and pyarrow are not installed again (a path file adds a folder without running the path
    files in it, so an editable install of the checkout there stays out). The wheel's own files come
    first: the tests check that the package is imported from the new environment. Installing the
    dependencies from the wheel's metadata is what ``.ci/run`` does in its fresh environments.
    """
    home = tmp_path_factory.mktemp("venv")
    venv.create(home, with_pip=False)
    python = home / "bin" / "python"
    run(sys.executable, "-m", "pip", "--python", python, "install", "--quiet", "--no-compile", "--no-deps", wheel,
        cwd=home)
    site = Path(run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])", cwd=home).strip())
    shared = dict.fromkeys(sysconfig.get_paths()[key] for key in ("purelib", "platlib"))
    (site / "shared-dependencies.pth").write_text("\n".join(shared) + "\n", encoding="utf-8")
    return python


def test_wheel_contents_pass_check_wheel_contents(wheel: Path):
    run(sys.executable, "-m", "check_wheel_contents", wheel, cwd=wheel.parent)
    assert wheel.stat().st_size < MAX_WHEEL_BYTES


def test_wheel_carries_data_descriptor_and_seeds_with_the_same_layout(wheel: Path):
    names = set(zipfile.ZipFile(wheel).namelist())
    descriptor = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))
    expected = {f"china_russia_tools/_data/{resource['path']}" for resource in descriptor["resources"]}
    assert expected | {"china_russia_tools/_data/datapackage.json"} <= names
    assert not any(name.startswith(("tests/", "annotations/", "china_russia_tools/tests")) for name in names)


def test_wheel_carries_the_report_styles_and_script_and_the_type_stub(wheel: Path):
    names = set(zipfile.ZipFile(wheel).namelist())
    assets = {"china_russia_tools/report_assets/" + name for name in ("report.css", "marks.css", "report.js")}
    assert assets | {"china_russia_tools/__init__.pyi", "china_russia_tools/py.typed"} <= names


def test_installed_wheel_loads_every_table_from_any_folder(installed: Path, tmp_path: Path):
    code = (
        "import json, china_russia_tools as crt; "
        "print(json.dumps({n: len(crt.load(n)) for n in crt.TABLES})); print(crt.descriptor_path())"
    )
    counts, path = run(installed, "-c", code, cwd=tmp_path).splitlines()
    assert json.loads(counts) == {name: len(crt.load(name)) for name in crt.TABLES}
    home = installed.parent.parent  # the new environment, whose wheel comes before the shared dependencies
    assert "site-packages" in path and path.startswith(str(home)) and not path.startswith(str(ROOT))


def test_installed_descriptor_passes_frictionless(installed: Path, tmp_path: Path):
    frictionless = needs("frictionless")
    path = run(installed, "-m", "china_russia_tools", "path", cwd=tmp_path).strip()
    report = frictionless.Package(path).validate()
    assert report.valid, report.flatten(["title", "message"])
    assert len(report.tasks) == len(crt.TABLES) + len(crt.sources())  # the tables and one seed per source


def test_installed_command_line(installed: Path, tmp_path: Path):
    script = installed.parent / "china-russia-tools"
    summary = run(script, cwd=tmp_path)
    assert summary.startswith(f"china-russia-tools {crt.__version__}\n")
    environment = {**CLEAN_ENV, "PATH": f"{installed.parent}:{os.environ['PATH']}"}
    figure = crt.figures().iloc[0]
    cited = subprocess.run(["china-russia-tools", "cite", figure["figure_id"]], cwd=tmp_path, env=environment,
                           capture_output=True, text=True, check=True).stdout
    assert cited.startswith(f"“{figure['text']}” ({figure['figure_id']})")
    assert cited == crt.cite(figure["figure_id"]) + "\n"
