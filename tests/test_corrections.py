"""The corrections table is complete: every change to a row published in the previous release has a
corrections row, and every corrections row of the releases since records a change that was made.

The previous release is the newest folder under tests/releases/ (its descriptor and tables, frozen
from its commit), so the test needs no git history.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

import china_russia_tools as crt
from china_russia_tools import builder
from china_russia_tools.differences import compare, corrections_due, open_package
from china_russia_tools.fields import as_text
from minimal_project import ANNOTATION_PATH, CORRECTIONS, coded, make_project, refusal, replace_once

pytestmark = pytest.mark.slow

RELEASES = Path(__file__).resolve().parent / "releases"
Key = tuple[str, str, str | None, str, str | None, str | None]


def version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split("."))


PREVIOUS = max((path for path in RELEASES.iterdir() if path.is_dir()), key=lambda path: version(path.name))


def key(row: dict) -> Key:
    return row["table"], row["row_id"], row["field"], row["change"], row["old"], row["new"]


def unrecorded(due: list[dict], corrections: list[dict]) -> list[dict]:
    """The changes in ``due`` that no corrections row records (same table, row, field, change and values)."""
    recorded = {key(row) for row in corrections}
    return [change for change in due if key(change) not in recorded]


def stub(change: dict) -> str:
    """The corrections.yaml entry to write for a change, less its id, version and reason."""
    entry = {k: change[k] for k in ("table", "row_id", "field", "change", "old", "new")}
    return yaml.safe_dump([{"id": "X.Y.Z-NNN", "version": "X.Y.Z", **entry, "reason": "...", "reference_id": None}],
                          allow_unicode=True, sort_keys=False)


def since_previous() -> list[dict]:
    return [row for row in crt.records("corrections") if version(row["version"]) > version(PREVIOUS.name)]


def test_the_previous_release_is_frozen_whole():
    assert PREVIOUS.name == "0.5.0"
    assert open_package(PREVIOUS).descriptor["version"] == PREVIOUS.name
    assert {path.name for path in (PREVIOUS / "data").iterdir()} == {f"{name}.parquet" for name in crt.TABLES}


def test_every_change_to_a_published_row_has_a_correction():
    missing = unrecorded(corrections_due(PREVIOUS), since_previous())
    assert not missing, (
        f"{len(missing)} change(s) to rows published in {PREVIOUS.name} have no row in annotations/corrections.yaml; "
        "add, with the reason:\n" + "".join(map(stub, missing))
    )


def test_every_correction_records_a_change_that_was_made():
    rows, _ = compare(open_package(PREVIOUS), open_package(crt.tables.data_dir()))
    made = [{**change, "old": as_text(change["old"]), "new": as_text(change["new"])} for change in rows]
    stale = unrecorded(since_previous(), made)
    assert not stale, f"corrections that record no change since {PREVIOUS.name}: " + ", ".join(
        row["correction_id"] for row in stale
    )



@pytest.fixture(scope="module")
def pair(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """OLD: the small project, built. NEW: a field changed, a check's status changed (and so the
    figure's derived check_status), a row removed, a row added."""
    old = make_project(tmp_path_factory.mktemp("old"))
    builder.write(old)
    new = tmp_path_factory.mktemp("new") / "project"
    shutil.copytree(old, new)
    replace_once(new, ANNOTATION_PATH, "product: lathes\n", "product: lathes and milling machines\n")
    replace_once(new, ANNOTATION_PATH, "status: consistent\n", "status: discrepancy\n    kind: scope\n")
    replace_once(new, ANNOTATION_PATH, "  - {id: 100-m03, entity_id: russia, text: Moscow, metonym: true}\n",
         "  - {id: 100-m04, entity_id: china, text: China, within: from China}\n")
    builder.write(new)
    return old, new


def test_changed_and_removed_published_rows_are_due_added_rows_and_derived_columns_are_not(pair):
    assert [key(change) for change in corrections_due(*pair)] == [
        ("mentions", "100-m03", None, "removed", None, None),
        ("figures", "100-f03", "product", "changed", "lathes", "lathes and milling machines"),
        ("checks", "100-c01", "status", "changed", "consistent", "discrepancy"),
        ("checks", "100-c01", "kind", "changed", None, "scope"),
    ]
    rows, _ = compare(*map(open_package, pair))
    assert ("figures", "100-f03", "check_status") in {(r["table"], r["row_id"], r["field"]) for r in rows}
    assert ("mentions", "100-m04", None, "added") in {(r["table"], r["row_id"], r["field"], r["change"]) for r in rows}


def test_a_change_without_its_correction_is_found(pair):
    due = corrections_due(*pair)
    assert unrecorded(due, []) == due
    recorded = [{**change, "old": "lathe"} if change["field"] == "product" else change for change in due]
    assert [key(change) for change in unrecorded(due, recorded)] == [
        ("figures", "100-f03", "product", "changed", "lathes", "lathes and milling machines")
    ]
    assert stub(due[1]) == (
        "- id: X.Y.Z-NNN\n  version: X.Y.Z\n  table: figures\n  row_id: 100-f03\n  field: product\n"
        "  change: changed\n  old: lathes\n  new: lathes and milling machines\n  reason: '...'\n  reference_id: null\n"
    )




def test_a_correction_is_built_with_its_citation(tmp_path):
    root = make_project(tmp_path)
    (root / "annotations" / "corrections.yaml").write_text(CORRECTIONS, encoding="utf-8")
    [row] = builder.write(root).tables["corrections"].to_pylist()
    assert row == {
        "correction_id": "0.3.0-001", "version": "0.3.0", "table": "figures", "row_id": "100-f03",
        "field": "product", "change": "changed", "old": "lathes", "new": "lathes and milling machines",
        "reason": "The article says lathes and milling machines.", "reference_id": "customs-2024-01-02",
        "citation": "Correction 0.3.0-001: figures 100-f03 product changed, in china-russia-tools 0.3.0.",
    }


ENTRY = "annotations/corrections.yaml: corrections id 0.3.0-001"


@pytest.mark.parametrize(
    ("old", "new", "where", "code"),
    [
        ("id: 0.3.0-001", "id: 0.4.0-001", "annotations/corrections.yaml: corrections id 0.4.0-001", "id-prefix"),
        ("field: product", "field: null", ENTRY, "paired-field"),
        ("new: lathes and milling machines", "new: lathes", ENTRY, "no-change"),
        ("change: changed", "change: removed", ENTRY, "paired-field"),
        ("reference_id: customs-2024-01-02", "reference_id: ft-1999-01-01", ENTRY, "unknown-reference"),
        ("old: lathes", "old: 57", "annotations/corrections.yaml: corrections entry 1 (id 0.3.0-001)", "invalid-value"),
    ],
)
def test_a_bad_correction_is_refused(tmp_path, old, new, where, code):
    # Each message's words are in test_problems_words_rules.py.
    root = make_project(tmp_path)
    (root / "annotations" / "corrections.yaml").write_text(CORRECTIONS.replace(old, new), encoding="utf-8")
    assert coded(refusal(root)) == [(where, code)]
