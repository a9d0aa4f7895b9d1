"""The period a figure's words name (``period_text``) against its dates, when they are read from the
words (``period_inferred`` false): months, years, open ends and the first months of a year."""

from __future__ import annotations

import re
from typing import Any

MONTHS = "January February March April May June July August September October November December".split()
_YEAR = r"(?:19|20)\d\d"
_NAMED = re.compile(rf"\b(?:(?P<month>{'|'.join(MONTHS)})(?:\s+(?P<year>{_YEAR}))?|(?P<only_year>{_YEAR}))\b")
"""A month ("August"), a month of a year ("August 2025") or a year ("2025") named in a figure's period_text."""
_SINCE = re.compile(r"\b(?:since|from|after)\b", re.IGNORECASE)
_UNTIL = re.compile(r"\b(?:until|till|by|before)\b", re.IGNORECASE)
"""Words that make one named date the start only ("since February 2022") or the end only ("until July")."""


NUMBERS = "one two three four five six seven eight nine ten eleven twelve".split()
_FIRST_MONTHS = re.compile(rf"\bfirst (?P<count>{'|'.join(NUMBERS)}|\d{{1,2}}) months of (?P<year>{_YEAR})\b", re.I)
"""The first months of a year: "the first eight months of 2025" is January to August 2025."""


def first_months(text: str, start: Any, end: Any) -> list[tuple[str, Any, str]]:
    """``(column, date, the words)`` for each date that "the first N months of YYYY" does not give."""
    match = _FIRST_MONTHS.search(text or "")
    if match is None:
        return []
    count = match["count"].lower()
    months = NUMBERS.index(count) + 1 if count in NUMBERS else int(count)
    year = int(match["year"])
    if not 1 <= months <= 12:
        return []
    import calendar  # only here: importing it costs the package's import a few ms

    expected = {"period_start": (year, 1, 1), "period_end": (year, months, calendar.monthrange(year, months)[1])}
    dates = {"period_start": start, "period_end": end}
    return [
        (column, dates[column], match[0])
        for column, (y, m, d) in expected.items()
        if (dates[column].year, dates[column].month, dates[column].day) != (y, m, d)
    ]


def period_rules(values: dict[str, Any], label: str, problems: Any) -> None:
    """A period read from the words (``period_inferred`` false) lies in the months and years its
    period_text names: both dates in the one named ("in August 2025", "in the first eight months of
    2025"), the start in the first and the end in the last of two; after "since" only the start, before
    "until" only the end."""
    text, start, end = values["period_text"], values["period_start"], values["period_end"]
    if start is None or end is None:
        return
    for column, date, words in first_months(text, start, end):
        problems.add(
            label,
            f"{column} {date} does not lie in {words}, which period_text {text!r} names; set period_inferred: "
            "true, with a note, if the dates are not the ones the words give", "period-words-mismatch",
        )
    named = [] if _FIRST_MONTHS.search(text or "") else list(_NAMED.finditer(text or ""))
    if not named:
        return
    bounds = [("period_start", start, named[0]), ("period_end", end, named[-1])]
    if len(named) == 1 and _SINCE.search(text):
        bounds = bounds[:1]
    elif len(named) == 1 and _UNTIL.search(text):
        bounds = bounds[1:]
    for column, date, match in bounds:
        month = MONTHS.index(match["month"]) + 1 if match["month"] else None
        year = int(match["year"] or match["only_year"] or 0) or None
        if (month is not None and date.month != month) or (year is not None and date.year != year):
            problems.add(
                label,
                f"{column} {date} does not lie in {match[0]}, which period_text {text!r} names; set period_inferred: "
                "true, with a note, if the dates are not the ones the words give", "period-words-mismatch",
            )
