"""A row against its series' currency: an observation is in its series' currency (a year-on-year change may be
in percent), and a figure in a currency is in its series' one unless its series_note says how its amount
relates to the series. The build refuses both; validate finds both in an installed package. The words of
each message are in test_problems_words_rules.py."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq
import pytest

import china_russia_tools as crt
from china_russia_tools import validate, wording
from china_russia_tools.errors import Problems
from corpus import A3, S000, S003, require
from minimal_project import (
    ANNOTATION_PATH,
    SEED_PATH,
    add_check,
    coded,
    figures_of,
    forge,
    make_project,
    refusal,
    replace_once,
)

OBSERVATIONS = "annotations/observations.yaml"
OBSERVATION = f"{OBSERVATIONS}: observations id customs-2024-01-02-july"
FIGURE = f"{ANNOTATION_PATH}: figures id 100-f01"
SERIES_NOTE = "    series_note: In pounds, converted from the series' US dollars at July's average rate.\n"
CURRENCY_CHECK = """\
  - id: 100-c02
    figure_id: 100-f01
    question: relay
    method: reference
    reference_id: customs-2024-01-02
    status: discrepancy
    kind: currency
    expected: 68 million US dollars in July
    found: 68 million yuan in July
"""

pytestmark = pytest.mark.slow  # each test builds the small project


def observation_edits(root: Path, *edits: tuple[str, str]) -> None:
    for old, new in edits:
        replace_once(root, OBSERVATIONS, old, new)


@pytest.mark.parametrize("edits", [
    pytest.param((("    unit: USD\n", "    unit: GBP\n"), ("68 million dollars in July", "68 million pounds in July"),
                  ("value_words: 68 million dollars", "value_words: 68 million pounds")), id="pounds-on-dollars"),
    pytest.param((("    value: 68000000\n    unit: USD\n", "    value: 68\n    unit: percent\n"),
                  ("68 million dollars in July", "68% in July"),
                  ("value_words: 68 million dollars", "value_words: 68%")),
                 id="a-level-in-percent"),
])
def test_an_observation_in_another_unit_than_its_series_currency_is_refused(tmp_path, edits):
    root = make_project(tmp_path)
    observation_edits(root, *edits)
    assert coded(refusal(root)) == [(OBSERVATION, "observation-currency")]


def test_an_observation_in_its_series_currency_or_a_change_in_percent_builds(tmp_path):
    root = make_project(tmp_path)
    path = root / OBSERVATIONS
    path.write_text(path.read_text(encoding="utf-8") + (
        "  - id: customs-2024-01-02-july-change\n    series_id: cn-exports-to-ru-machine-tools\n"
        "    period_start: 2023-07-01\n    period_end: 2023-07-31\n    value: 12\n    unit: percent\n"
        "    statistic: change_yoy\n    reference_id: customs-2024-01-02\n"
        "    text: exports rose 12% on July a year earlier\n    value_words: rose 12%\n"), encoding="utf-8")
    figures_of(root)  # builds: the USD level of the project, and a change in percent of the same series


def in_yuan(root: Path, series_note: bool = False) -> None:
    """Make 100-f01 "68 million yuan" on its series in US dollars, with or without its series_note."""
    replace_once(root, SEED_PATH, "£68 million", "68 million yuan")
    replace_once(root, ANNOTATION_PATH, "    text: £68 million\n", "    text: 68 million yuan\n")
    replace_once(root, ANNOTATION_PATH, "    unit: GBP\n", "    unit: CNY\n")
    if not series_note:
        replace_once(root, ANNOTATION_PATH, SERIES_NOTE, "")


def test_a_yuan_figure_on_a_dollar_series_is_refused(tmp_path):
    root = make_project(tmp_path)
    in_yuan(root)
    assert coded(refusal(root)) == [(FIGURE, "figure-currency")]


def test_a_pound_figure_on_a_dollar_series_without_its_series_note_is_refused(tmp_path):
    root = make_project(tmp_path)
    replace_once(root, ANNOTATION_PATH, SERIES_NOTE, "")
    assert coded(refusal(root)) == [(FIGURE, "figure-currency")]


def test_a_relay_check_of_kind_currency_does_not_stand_for_the_series_note(tmp_path):
    # The check records that the words depart from their report; only series_note says how the amount
    # relates to the series.
    root = make_project(tmp_path)
    in_yuan(root)
    add_check(root, CURRENCY_CHECK)
    assert coded(refusal(root)) == [(FIGURE, "figure-currency")]


def test_a_yuan_figure_on_a_dollar_series_builds_when_its_series_note_says_why(tmp_path):
    root = make_project(tmp_path)
    in_yuan(root, series_note=True)
    figures, _ = figures_of(root)
    assert (figures["100-f01"]["unit"], figures["100-f01"]["series_id"]) == ("CNY", "cn-exports-to-ru-machine-tools")


def test_a_figure_in_percent_on_a_series_in_dollars_is_not_concerned(tmp_path):
    # A change (100-f02) or a share (100-f03) in percent is a ratio of the series' values in its currency.
    root = make_project(tmp_path)
    for note in ("A change on the month before; no series of month-on-month changes is named.",
                 "A share of two series."):
        replace_once(root, ANNOTATION_PATH, f"    series_note: {note}\n",
                     "    series_id: cn-exports-to-ru-machine-tools\n")
    figures, _ = figures_of(root)
    assert [figures[f]["series_id"] for f in ("100-f02", "100-f03")] == ["cn-exports-to-ru-machine-tools"] * 2


def test_a_published_converted_figure_without_its_series_note_is_refused(project):
    require(S003)
    text = (project / A3).read_text(encoding="utf-8")
    start = text.index("  - id: 003-f07\n")
    note = text.index("    series_note: >-\n", start)
    end = text.index("    note: >-\n", note)
    (project / A3).write_text(text[:note] + text[end:], encoding="utf-8")
    assert coded(refusal(project)) == [(f"{A3}: figures id 003-f07", "figure-currency")]


def currency_problems(figure_id: str, series_note: bool = True) -> list[tuple[str, str]]:
    """The problems of the published figure's currency against its series, with or without its series_note."""
    figure = next(row for row in crt.tables.records("figures") if row["figure_id"] == figure_id)
    series = next(row for row in crt.tables.records("series") if row["series_id"] == figure["series_id"])
    found = Problems()
    wording.series_currency_rules({**figure, "series_note": figure["series_note"] if series_note else None}, series,
                                  f"figures {figure_id}", found)
    return coded(found)


def test_every_published_figure_and_observation_is_in_its_series_currency_or_says_why():
    require(S000)
    require(S003)
    series = {row["series_id"]: row["currency"] for row in crt.tables.records("series")}
    other = {
        row["figure_id"]: (row["unit"], series[row["series_id"]]) for row in crt.tables.records("figures")
        if row["series_id"] and row["unit"] not in ("percent", "multiple") and row["unit"] != series[row["series_id"]]
    }
    # Two pound amounts that the Financial Times gives in dollars, and a yuan total given in dollars.
    assert other == {"000-f02": ("GBP", "USD"), "000-f03": ("GBP", "USD"), "003-f07": ("USD", "CNY")}
    assert [currency_problems(figure_id) for figure_id in other] == [[], [], []]
    # Without its series_note, 000-f02 would be refused.
    assert currency_problems("000-f02", series_note=False) == [("figures 000-f02", "figure-currency")]
    assert [(row["observation_id"], row["unit"]) for row in crt.tables.records("observations")
            if row["unit"] != series[row["series_id"]]] == [
        ("ki-2025-09-08-exports-2025-01-08", "percent"), ("ki-2025-09-08-exports-2025-07", "percent"),
        ("ki-2025-09-08-exports-2025-08", "percent"), ("ki-2025-09-08-imports-2025-01-08", "percent"),
        ("lenta-2025-09-08-exports-usd-2025-01-08", "percent"), ("lenta-2025-09-08-imports-usd-2025-01-08", "percent")]


def test_validate_finds_a_figure_whose_series_note_is_forged_away(installed: Path):
    forge(installed, "figures", "100-f01", series_note=None)
    assert coded(validate.provenance_records()) == [("figures 100-f01", "figure-currency")]


def test_validate_finds_a_published_figure_whose_series_note_is_forged_away(real: Path):
    require(S003)
    forge(real, "figures", "003-f07", series_note=None)
    assert coded(validate.provenance_records()) == [("figures 003-f07", "figure-currency")]


def test_validate_finds_an_observation_forged_into_another_currency(installed: Path):
    [row] = pq.read_table(installed / "data" / "observations.parquet").to_pylist()
    forge(installed, "observations", "customs-2024-01-02-july", unit="GBP", text="68 million pounds in July",
          value_words="68 million pounds", citation=row["citation"].replace(" USD ", " GBP "))
    assert coded(validate.provenance_records()) == [("observations customs-2024-01-02-july", "observation-currency")]
