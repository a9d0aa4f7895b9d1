"""The periods words name: months, years, parts and ranges of them, two phrases joined, open ends, and
words that need the publication date ("in July", "last year"), in English, Russian and Ukrainian."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

Window = tuple[date | None, date | None]
"""A source's publication window (earliest, latest), against which "in July" or "last year" is resolved."""

MONTHS = "January February March April May June July August September October November December".split()
_MONTH_FORMS = [
    rf"{english}|{english[:4]}\.|{english[:3]}\.?|{ru}|{uk}"
    for english, ru, uk in zip(
        MONTHS,
        [r"январ[ьяе]", r"феврал[ьяе]", r"март[ае]?", r"апрел[ьяе]", r"ма[йяе]", r"июн[ьяе]", r"июл[ьяе]",
         r"август[ае]?", r"сентябр[ьяе]", r"октябр[ьяе]", r"ноябр[ьяе]", r"декабр[ьяе]"],
        [r"січ(?:ень|ня|ні)", r"лют(?:ий|ого|ому)", r"берез(?:ень|ня|ні)", r"квіт(?:ень|ня|ні)",
         r"трав(?:ень|ня|ні)", r"черв(?:ень|ня|ні)", r"лип(?:ень|ня|ні)", r"серп(?:ень|ня|ні)",
         r"верес(?:ень|ня|ні)", r"жовт(?:ень|ня|ні)", r"листопад(?:а|і)?", r"груд(?:ень|ня|ні)"],
        strict=True,
    )
]
_MONTH = "|".join(f"(?P<m{i}>{form})" for i, form in enumerate(_MONTH_FORMS))
_MONTH2 = "|".join(f"(?P<n{i}>{form})" for i, form in enumerate(_MONTH_FORMS))
_MONTH3 = "|".join(f"(?P<s{i}>{form})" for i, form in enumerate(_MONTH_FORMS))
_YEAR = r"(?:19|20)\d\d"
_YEAR_WORD = r"(?:\s+(?:года|году|рік|року|р\.|г\.))?"
_COUNTS = "one two three four five six seven eight nine ten eleven twelve".split()
_RELATIVE = {"last year": -1, "this year": 0, "previous year": -1, "past year": -1, "the year": 0,
             "прошлом году": -1, "прошлый год": -1, "минулого року": -1, "минулому році": -1, "этом году": 0,
             "цьому році": 0, "цього року": 0}
_RELATIVE_YEAR = "|".join(re.escape(words) for words in _RELATIVE)
_ALONE_YEAR = "|".join(re.escape(words) for words in _RELATIVE if words != "the year")
"""Relative years that name a period on their own: "the year" does so only in "the first months of the year"."""
_PART = (
    r"(?P<part>first|second|third|fourth|last)\s+(?P<unit>half|quarter|(?P<count>"
    + "|".join(_COUNTS) + r"|\d{1,2})\s+months)"
)
PERIOD_PHRASE = re.compile(
    r"(?<![^\W\d_])(?:"
    rf"(?P<range>(?:{_MONTH})(?:\s+(?P<ry1>{_YEAR}))?\s*(?:[-–—]|to|through|until|and|по|до)\s*(?:{_MONTH2})"
    rf"(?:\s+(?P<ry2>{_YEAR}))?{_YEAR_WORD})"
    rf"|(?P<parts>(?:the\s+)?{_PART}\s+(?:of\s+)?(?:(?P<py>{_YEAR})|(?P<prel>{_RELATIVE_YEAR})))"
    rf"|(?P<quarter>(?:Q(?P<q>[1-4])|H(?P<h>[12]))\s+(?P<qy>{_YEAR}))"
    rf"|(?P<month>(?:{_MONTH3})(?:\s+(?P<my>{_YEAR}))?{_YEAR_WORD})"
    rf"|(?P<years>(?P<y1>{_YEAR})\s*[-–—]\s*(?P<y2>{_YEAR})){_YEAR_WORD}"
    rf"|(?P<year>{_YEAR}){_YEAR_WORD}"
    rf"|(?P<relative>{_ALONE_YEAR})"
    r"|(?P<undated>pre-war|before the war|prewar|довоенн\w*|довоєнн\w*)"
    r")(?![^\W\d_])",
    re.IGNORECASE,
)
_IN = re.compile(r"(?<![^\W\d_])(?:in|during|over|for|throughout|в|у|за)\s+\Z", re.IGNORECASE)
_SINCE = re.compile(
    r"\b(?:since|from|after|с|з|від)\s+(?:the\s+)?(?:(?:start|beginning) of\s+)?\Z", re.IGNORECASE
)
_UNTIL = re.compile(r"\b(?:until|till|by|before|до)\s+(?:the\s+)?\Z", re.IGNORECASE)
_JOINED = re.compile(r"\A\s*(?:,\s*)?(?:and|to|through|until|and in|и|і|та)\s+(?:in\s+)?(?:the\s+)?\Z", re.IGNORECASE)


@dataclass(frozen=True)
class Period:
    """The period some words name: its dates (inclusive; either may be open), the words, and whether a
    date needed the publication window ("in July" read as the July before publication)."""

    start: date | None
    end: date | None
    words: str
    from_window: bool = False
    begin: int = 0
    stop: int = 0


def _month_index(match: re.Match[str], prefix: str) -> int | None:
    return next((i + 1 for i in range(12) if match[f"{prefix}{i}"] is not None), None)


def _last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _year_for_month(month: int, window: Window) -> int | None:
    """The year of a month named without one: the latest such month that ended before publication."""
    bound = window[0] or window[1]
    if bound is None:
        return None
    return bound.year if _last_day(bound.year, month) < bound else bound.year - 1


def _relative_year(words: str, window: Window) -> int | None:
    bound = window[0] or window[1]
    return None if bound is None else bound.year + _RELATIVE[" ".join(words.lower().split())]


def _one_period(match: re.Match[str], window: Window) -> Period | None:
    """The dates one matched period phrase names."""
    words = match[0]
    if match["undated"]:
        return Period(None, None, words)
    if match["relative"]:
        year = _relative_year(match["relative"], window)
        if year is None:
            return Period(None, None, words, True)
        return Period(date(year, 1, 1), date(year, 12, 31), words, True)
    if match["years"]:
        first, last = int(match["y1"]), int(match["y2"])
        return Period(date(first, 1, 1), date(last, 12, 31), words) if first < last else None
    if match["year"]:
        year = int(match["year"])
        return Period(date(year, 1, 1), date(year, 12, 31), words)
    if match["quarter"]:
        year = int(match["qy"])
        first, count = ((int(match["q"]) - 1) * 3 + 1, 3) if match["q"] else ((int(match["h"]) - 1) * 6 + 1, 6)
        return Period(date(year, first, 1), _last_day(year, first + count - 1), words)
    if match["parts"]:
        year = int(match["py"]) if match["py"] else _relative_year(match["prel"], window)
        if year is None:
            return Period(None, None, words, True)
        unit = match["unit"].lower()
        if match["count"]:
            count = match["count"].lower()
            months = _COUNTS.index(count) + 1 if count in _COUNTS else int(count)
        else:
            months = 6 if unit == "half" else 3
        part = match["part"].lower()
        first = 12 - months + 1 if part == "last" else ("first", "second", "third", "fourth").index(part) * months + 1
        if not (1 <= months <= 12 and first + months - 1 <= 12):
            return None
        return Period(date(year, first, 1), _last_day(year, first + months - 1), words, match["py"] is None)
    if match["range"]:
        first, last = _month_index(match, "m"), _month_index(match, "n")
        year2 = int(match["ry2"]) if match["ry2"] else None
        year1 = int(match["ry1"]) if match["ry1"] else year2
        guessed = year2 is None
        if year2 is None:
            year2 = _year_for_month(last, window)
            year1 = year2 if year2 is None or first <= last else year2 - 1
        if year1 is None or year2 is None:
            return Period(None, None, words, True)
        if year1 == year2 and first > last:
            return None
        return Period(date(year1, first, 1), _last_day(year2, last), words, guessed)
    month = _month_index(match, "s")
    if match["my"]:
        year = int(match["my"])
        return Period(date(year, month, 1), _last_day(year, month), words)
    year = _year_for_month(month, window)
    if year is None:
        return Period(None, None, words, True)
    return Period(date(year, month, 1), _last_day(year, month), words, True)


def periods(text: str, window: Window = (None, None)) -> list[Period]:
    """Every period ``text`` names, in order, two joined phrases as one ("in 2022 and the first half of
    2023" runs from 2022-01-01 to 2023-06-30), "since" opening the end and "until" the start."""
    found: list[Period] = []
    for match in PERIOD_PHRASE.finditer(text):
        period = _one_period(match, window)
        if period is None:
            continue
        preposition = _IN.search(text[max(0, match.start() - 12) : match.start()])
        begin = match.start() - (len(preposition[0]) if preposition else 0)
        period = Period(period.start, period.end, text[begin : match.end()], period.from_window, begin, match.end())
        head = text[max(0, match.start() - 30) : match.start()]
        since, until = _SINCE.search(head), _UNTIL.search(head)
        if (since or until) and not match["range"] and not match["undated"]:  # one end open
            at = match.start() - len((since or until)[0])
            start, end = (period.start, None) if since else (None, period.end)
            period = Period(start, end, text[at : match.end()], period.from_window, at, match.end())
        if found and found[-1].start is not None and period.end is not None and _JOINED.match(
            text[found[-1].stop : period.begin]
        ):
            last = found.pop()
            period = Period(last.start, period.end, text[last.begin : period.stop],
                            last.from_window or period.from_window, last.begin, period.stop)
        found.append(period)
    return found


def period_of(words: str, window: Window = (None, None)) -> Period | None:
    """The one period some words name (a figure's ``period_text``), or ``None`` if they name none or
    several apart."""
    found = periods(words, window)
    return found[0] if len(found) == 1 else None


