"""Figures checked field by field against values read off the source texts by hand.

Each expectation below was written from the seed's words (quoted in the comment), not from the build.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

N = None

# id, words in the source, value, low, high, unit, approximation, measure, statistic, flow_from, flow_to,
# period_start, period_end, period_inferred
EXPECTED = [
    # "The supplies have surged tenfold since the onset of the full-scale invasion of Ukraine"
    ("000-f01", "tenfold", 10, 10, 10, "multiple", "exact", "trade_value", "multiple", "china", "russia", "2022-02-01", "2023-07-31", True),
    # "Chinese manufacturers shipping £68 million worth of equipment in July"
    ("000-f02", "£68 million", 68e6, 68e6, 68e6, "GBP", "exact", "trade_value", "level", "china", "russia", "2023-07-01", "2023-07-31", True),
    # "compared to £6.5 million in February 2022"
    ("000-f03", "£6.5 million", 6.5e6, 6.5e6, 6.5e6, "GBP", "exact", "trade_value", "level", "china", "russia", "2022-02-01", "2022-02-28", False),
    # "in July, machine tools of Chinese origin constituted 57% of Russia's total imports"
    ("000-f04", "57%", 57, 57, 57, "percent", "exact", "import_share", "level", "china", "russia", "2023-07-01", "2023-07-31", True),
    # "the pre-war figure of only 12%"
    ("000-f05", "12%", 12, 12, 12, "percent", "exact", "import_share", "level", "china", "russia", N, N, False),
    # "the necessary precision of 3-4 microns"
    ("003-f01", "3-4 microns", N, 3, 4, "micrometre", "exact", "precision", "level", N, N, N, N, False),
    # "the total trade value between the two nations reached US$244.8 billion last year"
    ("003-f02", "US$244.8 billion", 244.8e9, 244.8e9, 244.8e9, "USD", "exact", "trade_turnover", "level", "china", "russia", "2024-01-01", "2024-12-31", True),
    # "shipments of Chinese goods to Russia plummeted by 16.4% year-on-year in August 2025"
    ("003-f03", "16.4%", -16.4, -16.4, -16.4, "percent", "exact", "trade_value", "change_yoy", "china", "russia", "2025-08-01", "2025-08-31", False),
    # "following an 8.6% decline in July"
    ("003-f04", "8.6%", -8.6, -8.6, -8.6, "percent", "exact", "trade_value", "change", "china", "russia", "2025-07-01", "2025-07-31", True),
    # "turnover ... has decreased by nearly 9% in the first eight months of 2025"
    ("003-f05", "nearly 9%", -9, -9, -9, "percent", "nearly", "trade_turnover", "change", "china", "russia", "2025-01-01", "2025-08-31", False),
    # "amounting to approximately 1.03 trillion yuan"
    ("003-f06", "approximately 1.03 trillion yuan", 1.03e12, 1.03e12, 1.03e12, "CNY", "approximately", "trade_turnover", "level", "china", "russia", "2025-01-01", "2025-08-31", False),
    # "(around US$145 billion)"
    ("003-f07", "around US$145 billion", 145e9, 145e9, 145e9, "USD", "approximately", "trade_turnover", "level", "china", "russia", "2025-01-01", "2025-08-31", False),
    # "Russian exports to China fell by 8.8%"
    ("003-f08", "8.8%", -8.8, -8.8, -8.8, "percent", "exact", "trade_value", "change", "russia", "china", "2025-01-01", "2025-08-31", True),
    # "while imports from China decreased by 8.2%"
    ("003-f09", "8.2%", -8.2, -8.2, -8.2, "percent", "exact", "trade_value", "change", "china", "russia", "2025-01-01", "2025-08-31", True),
]


@pytest.fixture(scope="module")
def figures(tables):
    return tables["figures"].set_index("figure_id")


def test_every_figure_is_checked_here(figures):
    assert sorted(figures.index) == sorted(row[0] for row in EXPECTED)


@pytest.mark.parametrize("expected", EXPECTED, ids=[row[0] for row in EXPECTED])
def test_figure_matches_the_source(figures, expected):
    (figure_id, text, value, low, high, unit, approximation, measure, statistic,
     flow_from, flow_to, start, end, inferred) = expected
    row = figures.loc[figure_id]
    assert row["text"] == text
    if value is None:
        assert math.isnan(row["value"])
    else:
        assert row["value"] == pytest.approx(value, rel=1e-12)
    assert (row["value_low"], row["value_high"]) == (pytest.approx(low), pytest.approx(high))
    assert (row["unit"], row["approximation"], row["measure"], row["statistic"]) == (unit, approximation, measure, statistic)
    assert (row["flow_from"] if isinstance(row["flow_from"], str) else None) == flow_from
    assert (row["flow_to"] if isinstance(row["flow_to"], str) else None) == flow_to
    for column, expected_date in (("period_start", start), ("period_end", end)):
        if expected_date is None:
            assert pd.isna(row[column]), column
        else:
            assert row[column] == pd.Timestamp(expected_date), column
    assert bool(row["period_inferred"]) is inferred


def test_inferred_periods_say_why(figures):
    inferred = figures[figures["period_inferred"]]
    assert sorted(inferred.index) == ["000-f01", "000-f02", "000-f04", "003-f02", "003-f04", "003-f08", "003-f09"]
    assert inferred["note"].str.len().min() > 40


def test_points_have_equal_ends_and_ranges_have_no_value(figures):
    points = figures[figures["value"].notna()]
    assert (points["value_low"] == points["value"]).all() and (points["value_high"] == points["value"]).all()
    ranges = figures[figures["value"].isna()]
    assert (ranges["value_low"] < ranges["value_high"]).all()


def test_attribution_of_the_customs_figures(figures):
    # "Russian customs reports indicate ... £68 million", relayed from the Financial Times' report.
    assert figures.loc["000-f02", "attributed_to"] == "russian-customs"
    assert figures.loc["000-f02", "relayed_by"] == "financial-times"
    # "The supplies have surged tenfold ..., as reported by the Financial Times."
    assert figures.loc["000-f01", "attributed_to"] == "financial-times"
