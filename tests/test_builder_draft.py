"""builder/draft.py and ``china-russia-tools draft``: a drafted annotation file, every row marked, which the
build refuses until the marks are removed; never written over a file or through a link."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
import yaml

from china_russia_tools import builder, cli
from china_russia_tools.builder.draft import draft, write_draft
from china_russia_tools.errors import DataError
from china_russia_tools.spans import resolve_span
from conftest import deadline
from minimal_project import ANNOTATION_PATH, SEED_PATH, SOURCE_ID, coded, make_project, refusal, replace_once

pytestmark = pytest.mark.slow


def drafted(tmp_path: Path) -> Path:
    """The small project with its annotation file replaced by a draft of its seed."""
    root = make_project(tmp_path)
    (root / ANNOTATION_PATH).unlink()
    write_draft(root, root / SEED_PATH)
    return root


def test_the_draft_holds_the_seed_s_figures_mentions_and_quotes(tmp_path: Path):
    root = make_project(tmp_path)
    document = draft(root, root / SEED_PATH)
    figures = [(row["text"], row.get("value"), row["unit"], row["statistic"]) for row in document["figures"]]
    assert figures == [("£68 million", 68e6, "GBP", "level"), ("12%", 12.0, "percent", "change"),
                       ("57%", 57.0, "percent", "level")]
    assert document["figures"][0]["period_start"] is None  # "in July": the text names no year to resolve it by
    assert [row["text"] for row in document["quotes"]] == ["We buy what we need"]
    assert {row["entity_id"] for row in document["mentions"]} >= {"china", "russia"}
    assert document["checks"] == []


def test_every_drafted_row_and_the_source_block_carry_the_mark(tmp_path: Path):
    document = draft(make_project(tmp_path), tmp_path / SEED_PATH)
    rows = [document["source"], *(row for table in ("figures", "mentions", "quotes") for row in document[table])]
    assert len(rows) > 1 and all(row["drafted"] is True for row in rows)


def test_the_build_refuses_a_drafted_file_until_each_mark_is_removed(tmp_path: Path):
    root = drafted(tmp_path)
    codes = {code for _, code in coded(refusal(root))}
    assert "drafted-row" in codes
    marks = [where for where, code in coded(refusal(root)) if code == "drafted-row"]
    assert marks[0] == f"{ANNOTATION_PATH}: source"
    written = (root / ANNOTATION_PATH).read_text(encoding="utf-8")
    assert len(marks) == len(re.findall(r"^ *drafted: true$", written, re.MULTILINE)) > 3


def test_a_reviewed_row_is_no_longer_refused_for_its_mark(tmp_path: Path):
    root = make_project(tmp_path)
    replace_once(root, ANNOTATION_PATH, "  - id: 100-f02\n", "  - id: 100-f02\n    drafted: true\n")
    assert coded(refusal(root)) == [(f"{ANNOTATION_PATH}: figures id 100-f02", "drafted-row")]
    replace_once(root, ANNOTATION_PATH, "  - id: 100-f02\n    drafted: true\n", "  - id: 100-f02\n")
    builder.render(root)


def test_draft_never_writes_over_a_file(tmp_path: Path):
    root = make_project(tmp_path)
    before = (root / ANNOTATION_PATH).read_bytes()
    with pytest.raises(DataError, match=re.escape(f"{root / ANNOTATION_PATH}: already exists; draft never overwrites")):
        write_draft(root, root / SEED_PATH)
    assert (root / ANNOTATION_PATH).read_bytes() == before


def test_draft_never_writes_through_a_link(tmp_path: Path):
    root = make_project(tmp_path / "project")
    link = tmp_path / "link.yaml"
    link.symlink_to(tmp_path / "elsewhere.yaml")
    with pytest.raises(DataError, match="is a link or lies in one"):
        write_draft(root, root / SEED_PATH, link)
    assert not (tmp_path / "elsewhere.yaml").exists()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="this system cannot make named pipes (no os.mkfifo)")
def test_the_command_refuses_a_seed_that_is_a_named_pipe_unopened(tmp_path: Path, capsys):
    root = make_project(tmp_path / "project")
    seed = root / "seeds" / "101_0123456789abcdef.txt"
    os.mkfifo(seed)
    with deadline(30):
        assert cli.main(["draft", str(seed), "--root", str(root)]) == 1
    assert capsys.readouterr().err == (
        f"error: {seed}: is a named pipe, not a regular file; seeds are plain text files [not-regular-file]\n")


@pytest.mark.parametrize(("data", "message"), [
    (b"\xef\xbb\xbfChina",
     "starts with a UTF-8 byte order mark; seeds must be stored without one [seed-not-plain-text]"),
    (b"China\r\nRussia", "contains a carriage return at code point 5; seeds use LF line ends [seed-not-plain-text]"),
    (b"China\x00", "contains a NUL character at code point 5; seeds are plain text [seed-not-plain-text]"),
])
def test_the_command_refuses_a_seed_the_build_refuses(data: bytes, message: str, tmp_path: Path, capsys):
    root = make_project(tmp_path / "project")
    seed = root / "seeds" / "101_0123456789abcdef.txt"
    seed.write_bytes(data)
    assert cli.main(["draft", str(seed), "--root", str(root)]) == 1
    assert capsys.readouterr().err == f"error: {seed}: {message}\n"


def test_the_command_writes_the_draft_where_it_is_asked(tmp_path: Path, capsys):
    root = make_project(tmp_path / "project")
    output = tmp_path / "draft.yaml"
    assert cli.main(["draft", str(root / SEED_PATH), "--root", str(root), "--output", str(output)]) == 0
    assert capsys.readouterr().out == f"wrote {output}; review every row and remove 'drafted: true'\n"
    document = yaml.safe_load(output.read_text(encoding="utf-8"))
    assert document["source"]["title"] == "Lathe exports climb again"
    assert SOURCE_ID.split("_")[0] == document["figures"][0]["id"].split("-")[0]


def test_words_written_twice_are_anchored_by_a_passage_that_occurs_once(tmp_path: Path):
    root = make_project(tmp_path)
    paragraph = "Output rose 9% in May.\n\n"
    seed = root / SEED_PATH
    text = seed.read_text(encoding="utf-8").replace("Share this article", paragraph * 2 + "Share this article")
    seed.write_text(text, encoding="utf-8")
    sevens = [row for row in draft(root, seed)["figures"] if row["text"] == "9%"]
    assert len(sevens) == 2
    found = {resolve_span(text, row["text"], row["within"]) for row in sevens}
    assert found == {(text.index("9%"), text.index("9%") + 2), (text.rindex("9%"), text.rindex("9%") + 2)}


def test_a_draft_repeats_shared_values_rather_than_anchoring_them(tmp_path: Path):
    root = make_project(tmp_path)
    seed = root / SEED_PATH
    seed.write_text(seed.read_text(encoding="utf-8").replace(
        "Share this article", "Output rose 9% and prices rose 4% in May 2024.\n\nShare this article"), encoding="utf-8")
    (root / ANNOTATION_PATH).unlink()
    written = write_draft(root, seed).read_text(encoding="utf-8")
    assert "&id" not in written and "*id" not in written
    assert written.count("period_start: 2024-05-01") == 2
    assert "yaml-alias" not in {code for _, code in coded(refusal(root))}
