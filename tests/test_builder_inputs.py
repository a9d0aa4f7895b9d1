"""builder/inputs.py: strict YAML and strict UTF-8 seeds; files that are not regular, too large, or lead
outside the project."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from china_russia_tools import builder
from china_russia_tools.builder.inputs import MAX_SEED_BYTES, read_seeds, read_yaml
from china_russia_tools.errors import AnnotationError, Problems
from conftest import deadline
from minimal_project import (
    ANNOTATION_PATH,
    SEED_PATH,
    coded,
    make_project,
    refusal,
    replace_once,
)

pytestmark = pytest.mark.slow


def test_a_shared_file_leading_outside_the_project_is_reported_once(tmp_path):
    root = make_project(tmp_path / "project")
    entities = root / "annotations" / "entities.yaml"
    shutil.move(entities, tmp_path / "entities.yaml")
    entities.symlink_to(tmp_path / "entities.yaml")
    assert coded(refusal(root)) == [("annotations/entities.yaml", "outside-project")]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="this system cannot make named pipes (no os.mkfifo); "
                    "this test gives the build one")
def test_a_shared_file_that_is_a_pipe_is_not_a_regular_file(tmp_path):
    root = make_project(tmp_path)
    entities = root / "annotations" / "entities.yaml"
    entities.unlink()
    os.mkfifo(entities)
    error = refusal(root)
    assert error.problems == [
        "annotations/entities.yaml: is a named pipe, not a regular file; annotation files are plain text files"
    ]
    assert error.codes == ["not-regular-file"]


FILE = ANNOTATION_PATH


def written_refusal(root: Path) -> AnnotationError:
    """The error a build that writes its outputs raises."""
    with pytest.raises(AnnotationError) as raised:
        builder.write(root)
    return raised.value


@pytest.mark.parametrize("yaml_text, position, what", [
    ("note: &a [x, x]\nother: [*a, *a]\n", "line 2, column 11", "&a"),
    ("note: [x, x]\nother: *a\n", "line 3, column 12", "*a"),
])
def test_yaml_anchors_and_aliases_are_refused(tmp_path: Path, yaml_text: str, position: str, what: str):
    # The place: the file, and the line and column of the first anchor or alias; the words are in
    # test_problems_words.py.
    root = make_project(tmp_path)
    (root / "annotations" / "references.yaml").write_text("references:\n  - " + yaml_text.replace("\n", "\n    "),
                                                          encoding="utf-8")
    error = written_refusal(root)
    assert coded(error)[0] == ("annotations/references.yaml", "yaml-alias")
    assert f" {position}: " in error.problems[0] and f"({what})" in error.problems[0]


def test_an_alias_bomb_in_a_note_is_refused_at_once(tmp_path: Path):
    root = make_project(tmp_path)
    bomb = "".join(f"    l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]\n" for i in range(1, 12))
    replace_once(root, ANNOTATION_PATH, "    note: The year is that of the date window.\n",
                 "    note: The year is that of the date window.\n    x: &l0 lol\n" + bomb)
    assert coded(refusal(root)) == [(FILE, "yaml-alias")]  # at once: one problem, at the first anchor


def test_an_oversized_annotation_file_is_refused(tmp_path: Path, monkeypatch):
    from china_russia_tools.builder import inputs

    root = make_project(tmp_path)
    monkeypatch.setattr(inputs, "MAX_YAML_BYTES", 100)
    size = (root / "annotations" / "references.yaml").stat().st_size
    message = f"annotations/references.yaml: is {size:,} bytes; annotation files may hold at most 100"
    error = written_refusal(root)
    assert ("file-too-large", message) in zip(error.codes, error.problems, strict=True)


@pytest.mark.parametrize("data, code", [
    (b"Lathe\x00exports\n", "seed-not-plain-text"),
    (b"\xef\xbb\xbfLathe\n", "seed-not-plain-text"),
    (b"Lathe\r\nexports\n", "seed-not-plain-text"),
    (b"Lathe \xff\n", "seed-not-utf8"),
])
def test_a_refused_seed_gets_one_message_naming_what_is_wrong(tmp_path: Path, data: bytes, code: str):
    # One problem, naming the seed; the words of each message are asserted in test_problems_words.py.
    root = make_project(tmp_path)
    (root / SEED_PATH).write_bytes(data)
    assert coded(written_refusal(root)) == [(SEED_PATH, code)]


def test_a_seed_far_larger_than_any_is_refused_by_the_build(tmp_path: Path):
    (tmp_path / "seeds").mkdir()
    with open(tmp_path / "seeds" / "big.txt", "wb") as file:
        file.truncate(MAX_SEED_BYTES + 1)
    problems = Problems()
    assert read_seeds(tmp_path, problems) == {}
    assert problems.lines == ["seeds/big.txt: is 10,000,001 bytes; seeds may hold at most 10,000,000"]
    assert coded(problems) == [("seeds/big.txt", "file-too-large")]


def test_a_named_pipe_for_an_annotation_file_is_refused(tmp_path: Path):
    os.mkfifo(tmp_path / "entities.yaml")
    problems = Problems()
    with deadline(30):
        assert read_yaml(tmp_path / "entities.yaml", "annotations/entities.yaml", problems) is None
    assert problems.lines == [
        "annotations/entities.yaml: is a named pipe, not a regular file; annotation files are plain text files"
    ]
    assert coded(problems) == [("annotations/entities.yaml", "not-regular-file")]
