"""rules/rows.py and verdicts.checked_columns: the rules the build and validate both apply, written once. For
each, the same bad row gives the same problem (code and message) in the build of the annotations and in
validate of the installed tables; only the place differs (the annotation file's row, or the table's row)."""

from __future__ import annotations

from pathlib import Path

import pytest

from china_russia_tools import registry, validate, verdicts
from china_russia_tools.problems import Problem
from china_russia_tools.rules import rows
from minimal_project import (
    ANNOTATION_PATH,
    SEED,
    SOURCE_ID,
    copy_row,
    forge,
    make_project,
    refusal,
    replace_once,
)

FILE = ANNOTATION_PATH
MOSCOW = "  - {id: 100-m03, entity_id: russia, text: Moscow, metonym: true}\n"


def built_refusal(tmp_path: Path, relative: str, old: str, new: str, code: str) -> list[Problem]:
    """The problems of ``code`` a build of the small project gives once ``old`` is ``new`` in ``relative``."""
    root = make_project(tmp_path / "project")
    replace_once(root, relative, old, new)
    return [problem for problem in refusal(root).records if problem.code == code]


def validated(code: str) -> list[Problem]:
    """The problems of ``code`` validate finds in the installed tables."""
    return [problem for problem in validate.provenance_records() if problem.code == code]


def worded(problems: list[Problem]) -> list[tuple[str, str]]:
    return [(problem.code, problem.message) for problem in problems]


@pytest.mark.slow  # builds the small project
def test_a_span_outside_the_body_is_one_problem_in_the_build_and_in_validate(installed: Path, tmp_path: Path):
    # the body ends after "from China.": the quote and the mention "Moscow" of the next sentence lie outside
    end = SEED.index("from China.") + len("from China.")
    quote, moscow = SEED.index("We buy what we need,"), SEED.index("Moscow")
    body = f"{SEED.index('China’s exports')}–{end}"
    expected = [
        ("span-outside-body", f"span {moscow}–{moscow + 6} lies outside the headline 0–25 and the article body "
                              f"{body} of source {SOURCE_ID}; site furniture is not annotated"),
        ("span-outside-body", f"span {quote}–{quote + 20} lies outside the article body {body} of source {SOURCE_ID}"),
    ]
    built = built_refusal(tmp_path, FILE, "body_ends_with: China traded more.", "body_ends_with: from China.",
                          "span-outside-body")
    assert [problem.where for problem in built] == [f"{FILE}: mentions id 100-m03", f"{FILE}: quotes id 100-q01"]
    assert worded(built) == expected
    forge(installed, "sources", SOURCE_ID, body_end=end)
    found = validated("span-outside-body")
    assert [problem.where for problem in found] == ["quotes 100-q01", "mentions 100-m03"]  # the layers' order
    assert worded(found) == expected[::-1]


@pytest.mark.slow  # builds the small project
def test_two_rows_on_one_span_are_one_problem_in_the_build_and_in_validate(installed: Path, tmp_path: Path):
    moscow = SEED.index("Moscow")
    expected = [("shared-span", f"2 rows lie on code points {moscow}-{moscow + 6} of source {SOURCE_ID}; a span "
                                "holds at most one row of a table")]
    built = built_refusal(tmp_path, FILE, MOSCOW, MOSCOW + MOSCOW.replace("100-m03", "100-m04"), "shared-span")
    assert [problem.where for problem in built] == [f"{FILE}: mentions ids 100-m03, 100-m04"]
    assert worded(built) == expected
    copy_row(installed, "mentions", "100-m03", "100-m04")
    found = validated("shared-span")
    assert [problem.where for problem in found] == ["mentions 100-m03, 100-m04"]
    assert worded(found) == expected


@pytest.mark.slow  # builds the small project
@pytest.mark.parametrize("table, key, old, new", [
    ("mentions", "mention_id", "100-m03", "101-m03"),
    ("checks", "check_id", "100-c01", "10-c01"),
])
def test_an_id_without_its_source_number_is_one_problem_in_the_build_and_in_validate(
    installed: Path, tmp_path: Path, table: str, key: str, old: str, new: str
):
    expected = [("id-prefix", "id must start with this source's number, '100-'")]
    built = built_refusal(tmp_path, FILE, f"id: {old}", f"id: {new}", "id-prefix")
    assert [problem.where for problem in built] == [f"{FILE}: {table} id {new}"]
    assert worded(built) == expected
    forge(installed, table, old, **{key: new})
    found = validated("id-prefix")
    assert [problem.where for problem in found] == [f"{table} {new}"]
    assert worded(found) == expected


def test_the_columns_a_checked_row_derives_from_its_checks():
    relay = {"question": "relay", "status": "discrepancy", "reference_id": "wire", "method": "reference"}
    data = {"question": "data", "status": "consistent", "reference_id": None, "method": "observation"}
    assert verdicts.checked_columns([relay, data], False, None, {}) == {"check_status": "discrepancy"}
    assert verdicts.checked_columns([data], True, "100_x", {}) == {
        "relay_status": "unverified", "data_status": "consistent", "check_status": "consistent", "departs_at": None,
    }
    # which tables get the two verdicts is said once, in the registry, and read by the build and validate
    assert [table for table in registry.checked() if registry.table(table).verdicts] == ["figures"]


@pytest.mark.slow  # builds the small project
def test_a_status_forged_is_recomputed_to_the_one_the_build_fills(installed: Path):
    [figure] = [row for row in validate.records("figures") if row["figure_id"] == "100-f03"]
    assert (figure["relay_status"], figure["check_status"]) == ("consistent", "consistent")  # its reference check
    forge(installed, "figures", "100-f03", relay_status="unverified")
    assert [str(problem) for problem in validate.provenance_records()] == [
        "figures 100-f03: relay_status is 'unverified', but recomputed from its checks it is 'consistent'"
    ]


@pytest.mark.slow  # builds the small project
@pytest.mark.parametrize("relative, old, new, line", [
    ("annotations/entities.yaml", "entities:\n", "entity: []\nentities:\n",
     "annotations/entities.yaml: unknown top-level key(s) entity; expected entities"),
    (FILE, "checks:\n", "check: []\nchecks:\n",
     f"{FILE}: unknown top-level key(s) check; expected source, figures, mentions, quotes, checks"),
])
def test_an_unknown_top_level_key_is_worded_alike_in_a_shared_file_and_a_source_file(
    tmp_path: Path, relative: str, old: str, new: str, line: str
):
    [problem] = built_refusal(tmp_path, relative, old, new, "unknown-key")
    assert str(problem) == line


SOURCE = {"source_id": "007_abc", "title_start": 0, "title_end": 10, "body_start": 20, "body_end": 90}


@pytest.mark.parametrize("start, end, in_body, message", [
    (20, 90, True, None),
    (2, 8, False, None),  # a mention may stand in the headline
    (2, 8, True, "span 2–8 lies outside the article body 20–90 of source 007_abc"),
    (85, 95, False, "span 85–95 lies outside the headline 0–10 and the article body 20–90 of source 007_abc; "
                    "site furniture is not annotated"),
])
def test_a_span_and_the_article_body(start: int, end: int, in_body: bool, message: str | None):
    found = rows.outside_body("x", start, end, SOURCE, in_body)
    assert found == ([] if message is None else [Problem("x", "span-outside-body", message)])


def test_an_id_starts_with_its_source_number():
    assert rows.id_prefix("x", "007-f01", "007_abc") == []
    assert rows.id_prefix("x", "0071-f01", "007_abc") == [
        Problem("x", "id-prefix", "id must start with this source's number, '007-'")
    ]


def test_rows_on_one_span_are_named_once():
    on = [{"id": name, "source_id": "007_abc", "char_start": 3, "char_end": 9} for name in ("a", "b")]
    other = {"id": "c", "source_id": "007_abc", "char_start": 3, "char_end": 10}
    assert rows.shared_spans([*on, other], "id", lambda source_id, ids: f"{source_id} {'+'.join(ids)}") == [
        Problem("007_abc a+b", "shared-span",
                "2 rows lie on code points 3-9 of source 007_abc; a span holds at most one row of a table")
    ]


def test_an_unknown_key_lists_the_keys_allowed():
    assert rows.unknown_keys("x", ["id", "vlaue", 3], ["value", "id"]) == [
        Problem("x", "unknown-key", "unknown key(s) 3, vlaue; allowed keys are id, value")
    ]
    assert rows.unknown_keys("x", ["source", "figure"], ["source", "figures", "checks"], top_level=True) == [
        Problem("x", "unknown-key", "unknown top-level key(s) figure; expected source, figures, checks")
    ]
    assert rows.unknown_keys("x", ["id"], ["id"]) == []
