"""builder/changes.py: the check statuses a build changes, as the build command prints them."""

from __future__ import annotations

from pathlib import Path

import pytest

from china_russia_tools import builder
from conftest import run
from minimal_project import (
    ANNOTATION_PATH,
    make_project,
    replace_once,
)

pytestmark = pytest.mark.slow

FILE = ANNOTATION_PATH


def test_the_build_prints_every_status_it_changes(tmp_path: Path, capsys):
    root = make_project(tmp_path)
    builder.write(root)
    assert run(capsys, "build", "--root", str(root))[1].endswith("no status changed\n")
    replace_once(root, FILE, "    status: consistent\n", "    status: discrepancy\n    kind: scope\n")
    code, out, err = run(capsys, "build", "--root", str(root))
    assert (code, err) == (0, "")
    assert out.splitlines()[-3:] == [
        "figure 100-f03 check_status: consistent -> discrepancy",
        "figure 100-f03 relay_status: consistent -> discrepancy",
        "check 100-c01 status: consistent -> discrepancy",
    ]


def test_a_new_check_prints_its_status_from_none(tmp_path: Path, capsys):
    root = make_project(tmp_path)
    builder.write(root)
    added = (
        "  - id: 100-c02\n    figure_id: 100-f03\n    question: relay\n    method: reference\n"
        "    reference_id: customs-2024-01-02\n    status: unverified\n"
    )
    replace_once(root, FILE, "    found: bought 57% of its lathes from China\n",
                 "    found: bought 57% of its lathes from China\n" + added)
    code, out, err = run(capsys, "build", "--root", str(root))
    assert (code, err) == (0, "")
    assert out.splitlines()[-1] == "check 100-c02 status: none -> unverified"
