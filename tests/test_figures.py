"""Figures checked field by field against values read off the source texts by hand.

Each expectation is a fact of tests/corpus.py, written from the seed's words (quoted there), not from
the build; they are checked for every published source present.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

from corpus import present

SOURCES = [pytest.param(facts, id=source_id) for source_id, facts in present().items()]
FIGURES = [pytest.param(row, id=row.figure_id) for facts in present().values() for row in facts.figures]


@pytest.fixture(scope="module")
def figures(tables):
    return tables["figures"].set_index("figure_id")


@pytest.mark.parametrize("facts", SOURCES)
def test_every_figure_of_a_published_source_is_checked_here(figures, facts):
    found = figures.index[figures["source_id"] == facts.source_id]
    assert sorted(found) == sorted(row.figure_id for row in facts.figures)


@pytest.mark.parametrize("expected", FIGURES)
def test_figure_matches_the_source(figures, expected):
    row = figures.loc[expected.figure_id]
    assert row["text"] == expected.text
    if expected.value is None:
        assert math.isnan(row["value"])
    else:
        assert row["value"] == pytest.approx(expected.value, rel=1e-12)
    assert (row["value_low"], row["value_high"]) == (pytest.approx(expected.low), pytest.approx(expected.high))
    assert (row["unit"], row["approximation"], row["measure"], row["statistic"]) == (
        expected.unit, expected.approximation, expected.measure, expected.statistic)
    assert (row["flow_from"] if isinstance(row["flow_from"], str) else None) == expected.flow_from
    assert (row["flow_to"] if isinstance(row["flow_to"], str) else None) == expected.flow_to
    for column, expected_date in (("period_start", expected.period_start), ("period_end", expected.period_end)):
        if expected_date is None:
            assert pd.isna(row[column]), column
        else:
            assert row[column] == pd.Timestamp(expected_date), column
    assert bool(row["period_inferred"]) is expected.period_inferred


@pytest.mark.parametrize("facts", SOURCES)
def test_inferred_periods_of_a_published_source(figures, facts):
    inferred = figures[figures["period_inferred"] & (figures["source_id"] == facts.source_id)]
    assert sorted(inferred.index) == sorted(facts.inferred_periods)


def test_inferred_periods_say_why(figures):
    inferred = figures[figures["period_inferred"]]
    assert inferred["note"].str.len().min() > 20  # a reason, not a word


def test_points_have_equal_ends_and_ranges_have_no_value(figures):
    points = figures[figures["value"].notna()]
    assert (points["value_low"] == points["value"]).all() and (points["value_high"] == points["value"]).all()
    ranges = figures[figures["value"].isna()]
    assert (ranges["value_low"] < ranges["value_high"]).all()


@pytest.mark.parametrize("facts", [param for param in SOURCES if param.values[0].attributions])
def test_attributions(figures, facts):
    for figure_id, (attributed_to, relayed_by) in facts.attributions.items():
        row = figures.loc[figure_id, ["attributed_to", "relayed_by"]]
        assert [None if pd.isna(value) else value for value in row] == [attributed_to, relayed_by], figure_id
