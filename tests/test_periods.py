"""periods.py: a period's dates lie in the months and years its words name."""

from __future__ import annotations

import datetime as dt

import pytest

from china_russia_tools import periods
from china_russia_tools.errors import Problems
from corpus import A3, edited
from minimal_project import coded, refusal


def test_a_period_read_from_the_words_lies_in_the_month_it_names(project):
    root = edited(project, A3, "    period_start: 2025-08-01\n    period_end: 2025-08-31\n    period_text: in August",
                  "    period_start: 2025-07-01\n    period_end: 2025-07-31\n    period_text: in August")
    error = refusal(root)
    assert coded(error) == [(f"{A3}: figures id 003-f03", "period-words-mismatch")] * 2
    assert [problem.message.split()[:2] for problem in error.records] == [
        ["period_start", "2025-07-01"], ["period_end", "2025-07-31"]
    ]


# Each problem found: the column, its date and the passage of period_text it does not lie in (the words of the
# message are asserted in test_problems_words_rules.py).
@pytest.mark.parametrize("text, start, end, found", [
    ("in the first eight months of 2025", dt.date(2024, 1, 1), dt.date(2024, 8, 31),
     [("period_start", "2024-01-01", "first eight months of 2025"),
      ("period_end", "2024-08-31", "first eight months of 2025")]),
    ("in the first eight months of 2025", dt.date(2025, 1, 1), dt.date(2025, 8, 31), []),
    ("in the first eight months of 2025", dt.date(2025, 1, 1), dt.date(2025, 7, 31),
     [("period_end", "2025-07-31", "first eight months of 2025")]),
    ("in the first 3 months of 2024", dt.date(2024, 2, 1), dt.date(2024, 3, 31),
     [("period_start", "2024-02-01", "first 3 months of 2024")]),
    ("since February 2022", dt.date(2022, 2, 1), dt.date(2023, 7, 31), []),
    ("since February 2022", dt.date(2022, 3, 1), dt.date(2023, 7, 31),
     [("period_start", "2022-03-01", "February 2022")]),
    ("until July", dt.date(2023, 1, 1), dt.date(2023, 6, 30), [("period_end", "2023-06-30", "July")]),
    ("from February to July 2023", dt.date(2023, 2, 1), dt.date(2023, 7, 31), []),
    ("pre-war", dt.date(2021, 1, 1), dt.date(2021, 12, 31), []),
    ("in the first 1000 days of the war", dt.date(2022, 2, 24), dt.date(2024, 11, 19), []),
])
def test_period_rules_read_months_years_and_open_ends(text, start, end, found):
    problems = Problems()
    periods.period_rules({"period_text": text, "period_start": start, "period_end": end}, "row", problems)
    assert coded(problems) == [("row", "period-words-mismatch")] * len(found)
    assert [tuple(problem.message.split()[:2]) for problem in problems.records] == [(c, d) for c, d, _ in found]
    for problem, (_, _, passage) in zip(problems.records, found, strict=True):
        assert f" {passage}, " in problem.message and repr(text) in problem.message
