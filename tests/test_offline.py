"""Nothing is fetched from the network at import, load, citation, validation or build."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from minimal_project import make_project

pytestmark = pytest.mark.slow

NO_NETWORK = """
import socket, sys

class Refused(socket.socket):
    def __init__(self, *args, **kwargs):
        raise OSError("network access attempted")

def refuse(*args, **kwargs):
    raise OSError("network access attempted")

socket.socket = Refused
socket.create_connection = refuse
socket.getaddrinfo = refuse
"""

WORK = """
from pathlib import Path
import china_russia_tools as crt
from china_russia_tools import builder, validate

root = Path(sys.argv[1])
frames = {name: crt.load(name) for name in crt.TABLES}
crt.cite(frames["figures"]["figure_id"].iloc[0], format="bibtex")
validate.provenance_problems()
builder.write(root)
print("offline", validate.frictionless_problems(root / "datapackage.json"))
"""


def test_import_load_validate_and_build_work_without_a_network(tmp_path: Path):
    root = make_project(tmp_path / "project")
    result = subprocess.run([sys.executable, "-c", NO_NETWORK + WORK, str(root)], capture_output=True, text=True,
                            cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "offline []\n"
    assert (root / "data" / "figures.parquet").is_file()


def test_the_guard_refuses_a_connection():
    code = NO_NETWORK + "import urllib.request\nurllib.request.urlopen('https://example.org', timeout=1)\n"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode != 0
    assert "network access attempted" in result.stderr
