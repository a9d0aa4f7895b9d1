"""builder/staleness.py: `build --check` catches stale outputs, and the build names each seed it pins
anew."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest

from china_russia_tools import builder, tables
from china_russia_tools.builder.staleness import seeds_pinned_anew
from china_russia_tools.cli import main
from china_russia_tools.errors import (
    StaleError,
)
from conftest import ROOT, deadline, run
from corpus import S000, S003, require
from minimal_project import (
    make_project,
)

pytestmark = pytest.mark.slow


def test_ci_checks_that_the_committed_outputs_are_current():
    assert "china-russia-tools build --check" in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()


def test_committed_outputs_are_up_to_date():
    assert builder.stale_outputs(ROOT) == []
    assert main(["build", "--check", "--root", str(ROOT)]) == 0


def test_check_fails_when_a_table_is_altered(project, capsys):
    import pyarrow.parquet as pq

    path = project / "data" / "figures.parquet"
    require(S000)
    table = pq.read_table(path)
    values = table.column("value").to_pylist()
    values[table.column("figure_id").to_pylist().index("000-f02")] = 86e6
    pq.write_table(table.set_column(table.schema.get_field_index("value"), table.schema.field("value"), [values]), path)
    with pytest.raises(StaleError, match=r"data/figures\.parquet: rows differ: 000-f02"):
        builder.require_current(project)
    assert main(["build", "--check", "--root", str(project)]) == 1
    assert "rows differ: 000-f02" in capsys.readouterr().err


def test_check_fails_when_a_seed_is_altered(project):
    require(S003)
    seed = project / "seeds" / f"{S003}.txt"
    seed.write_text(seed.read_text(encoding="utf-8").replace("Editorial\n", "Editorial desk\n", 1), encoding="utf-8")
    with pytest.raises(StaleError) as caught:
        builder.require_current(project)
    message = str(caught.value)
    assert f"data/sources.parquet: rows differ: {S003}" in message
    assert "datapackage.json: differs" in message


def test_check_fails_when_an_annotation_changes(project):
    require(S000)
    path = project / "annotations" / f"{S000}.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Same sentence as 000-f02", "As 000-f02"), encoding="utf-8")
    with pytest.raises(StaleError, match="rows differ: 000-f03"):
        builder.require_current(project)


def test_build_check_names_a_stale_pin(tmp_path: Path):
    root = make_project(tmp_path)
    builder.write(root)
    (root / "datapackage.json.sha256").write_text("0" * 64 + "  datapackage.json\n", encoding="utf-8")
    stale = "datapackage.json.sha256: missing or does not pin the committed datapackage.json"
    assert builder.stale_outputs(root) == [stale]


def test_the_build_names_an_edited_seed(project: Path, capsys):
    seed = project / "seeds" / f"{S003}.txt"
    old = hashlib.sha256(seed.read_bytes()).hexdigest()
    seed.write_bytes(seed.read_bytes().replace("Copyright ©".encode(), "Copyrighx ©".encode()))
    new = hashlib.sha256(seed.read_bytes()).hexdigest()
    code, out, err = run(capsys, "build", "--root", str(project))
    assert (code, err) == (0, "")
    lines = out.splitlines()
    # The seed and both hashes; the words are asserted in test_problems_words.py.
    assert lines[0].startswith(f"seeds/{S003}.txt: ") and new in lines[0] and old in lines[0]
    seeds = len(list((project / "seeds").glob("*.txt")))
    assert lines[1:2] == [f"wrote sources: {seeds} rows"]
    assert lines[-1] == "no status changed"


def test_build_check_names_a_named_pipe_and_a_huge_file_among_the_outputs(tmp_path: Path):
    root = make_project(tmp_path)
    builder.write(root)
    (root / "datapackage.json.sha256").unlink()
    os.mkfifo(root / "datapackage.json.sha256")
    os.truncate(root / "docs" / "data-dictionary.md", tables.MAX_FILE_BYTES + 1)
    (root / "data" / "checks.parquet").unlink()
    os.mkfifo(root / "data" / "checks.parquet")
    with deadline(30):
        assert builder.status_changes(root, builder.render(root)) == []  # the checks are not compared
        assert builder.stale_outputs(root) == [
            "data/checks.parquet: cannot be read (is a named pipe, not a regular file)",
            "datapackage.json.sha256: cannot be read (is a named pipe, not a regular file)",
            "docs/data-dictionary.md: cannot be read (is 100,000,001 bytes; at most 100,000,000 are read)",
        ]


def test_the_seeds_pinned_anew_are_named_against_the_descriptor_the_build_read(tmp_path: Path):
    """The build reads the committed descriptor once (a named pipe there is refused: test_builder_outputs.py)."""
    root = make_project(tmp_path)
    descriptor = json.loads(builder.render(root).files["datapackage.json"])
    descriptor["resources"] = [entry for entry in descriptor["resources"] if not entry["path"].startswith("seeds/")]
    (root / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    output = builder.render(root)
    (root / "datapackage.json").unlink()  # not read again
    assert seeds_pinned_anew(output) == ["seeds/100_0123456789abcdef.txt: new seed, not yet pinned in datapackage.json"]
