"""The one reader of a figure's words: what its number, unit, hedge, direction and period say.

Every rule that reads words reads them through this package: the build and ``validate`` compare each
figure and observation with :func:`read`, spans' whole-word boundaries come from
:func:`.numbers.cuts_word`, and ``draft`` proposes rows from :func:`find`. Numbers are read by
:mod:`.numbers`, units, hedges and directions by :mod:`.units`, periods by :mod:`.periods`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .numbers import FOLD, FOLD_SUFFIX, SCALE_WORD, TIMES, Number, cyrillic, numbers
from .periods import MONTHS, PERIOD_PHRASE, Period, Window, periods
from .units import (
    CLAUSE_END,
    DIRECTION_OF,
    HEDGE_BEFORE,
    HEDGE_OF,
    LEVEL_BEFORE,
    TILDE,
    WORD,
    YEAR_ON_YEAR,
    direction_near,
    unit_after,
    unit_before,
)


@dataclass(frozen=True)
class Reading:
    """What the words of one figure say. ``start``/``end`` span the number, its unit, scale and any hedge
    or sign inside the words read; values are in base units, signed when a direction or sign is read."""

    start: int
    end: int
    text: str
    low: float | None
    high: float | None
    units: tuple[str, ...]
    unit_words: str | None
    approximation: str
    hedge_words: str | None
    hedge_outside: bool
    statistic: str
    year_on_year: bool
    direction: str | None
    direction_words: str | None
    sign_outside: bool
    period: Period | None
    noun: str | None
    level_said: bool = False
    """A verb of change with "to" before the number ("rose to $5bn"): the words say it is a level."""

    @property
    def value(self) -> float | None:
        return self.low if self.low == self.high else None

    @property
    def unit(self) -> str | None:
        """The unit, where the words write exactly one."""
        return self.units[0] if len(self.units) == 1 else None


_RANGE_JOIN = re.compile(r"\s*(?:[-–—]|to|до|and|і|и)\s*(?:[$£€¥₽]|US\$)?\s*\Z", re.IGNORECASE)
_BETWEEN = re.compile(r"(?<![^\W\d_])(?:between|від|от|между)\s+(?:[$£€¥₽]|US\$)?\Z", re.IGNORECASE)


def _is_range(text: str, first: Number, second: Number) -> bool:
    """Whether two numbers form one range: "3-4", "3 to 4", "between 3 and 4" ("and" only after "between")."""
    join = _RANGE_JOIN.match(text[first.end : second.start])
    if join is None or first.words != second.words:
        return False
    if re.search(r"\b(?:and|і|и)\b", join[0], re.IGNORECASE):
        return _BETWEEN.search(text[max(0, first.start - 10) : first.start]) is not None
    return True


def _range_low(first: Number, second: Number) -> float:
    """A range's low end: "2.5-3 billion" gives its first number the second's scale."""
    return first.value * second.factor if first.factor == 1.0 else first.value
_MINUS = "-\u2212\u2013"
_COUNT_WORD = re.compile(r"\s+([^\W\d_][\w-]*)")
NOT_COUNTED = frozenset(
    "years months days weeks hours minutes times percent per year month day week of and to in on at by from "
    "for the a an or with was were is are has have than as".split()
)
"""Words after a number that are not what it counts."""


def count_noun(text: str, end: int) -> tuple[str, int] | None:
    """``(noun, its end)``: what a number ending at ``end`` counts, up to three words ("22,000 CNC
    machines"), if a noun follows it at all."""
    found: list[re.Match[str]] = []
    position = end
    while len(found) < 3 and (match := _COUNT_WORD.match(text, position)) is not None:
        word = match[1].lower()
        if word in NOT_COUNTED or word in HEDGE_OF or word in DIRECTION_OF or PERIOD_PHRASE.match(text, match.start(1)):
            break
        found.append(match)
        position = match.end()
    if not found or len(found[-1][1]) < 3 or SCALE_WORD.match(text, end) is not None:
        return None
    return text[found[0].start(1) : found[-1].end()], found[-1].end()


def read(
    text: str, start: int, end: int, window: Window = (None, None), sentence: tuple[int, int] | None = None
) -> Reading:
    """What the words ``text[start:end]`` of one figure say, read in their sentence.

    Numbers, units and hedges are read inside the span and right next to it (a hedge or minus sign just
    outside is reported as outside); the direction in its clause; the period from the sentence
    (``sentence``: its bounds, by default found around the span), resolved against ``window``.
    """
    sentence = sentence or sentence_around(text, start, end)
    head = text[sentence[0] : end]  # a scale word after the span is not the span's
    inside = [
        replace(number, start=number.start + sentence[0], end=number.end + sentence[0])
        for number in numbers(head, cyrillic(text[sentence[0] : sentence[1]]))
        if number.start + sentence[0] >= start
    ]
    low = high = None
    first = last = None
    if inside:
        first, last = inside[0], inside[-1]
        pair = inside[-2:] if len(inside) >= 2 and _is_range(text, inside[-2], last) else None
        if pair is not None:
            low, high, first = _range_low(*pair), pair[1].value, pair[0]
        else:
            low = high = last.value
    unit = unit_before(text, first.start) if first else None
    after = unit_after(text, last.end) if last else None
    noun = None
    statistic = "level"
    if last is not None and (last.words and text[last.start : last.end].lower().endswith("fold")
                             or FOLD_SUFFIX.match(text, last.end) or text[last.start : last.end].lower() in FOLD):
        units, unit_words, statistic = ("multiple",), text[last.start : last.end], "multiple"
    elif last is not None and TIMES.match(text, last.end) and direction_near(text, start, end) is not None:
        units, unit_words, statistic = ("multiple",), TIMES.match(text, last.end)[0].strip(), "multiple"
    elif unit is not None or after is not None:
        chosen = unit or after
        units, unit_words = chosen.codes, chosen.words
    elif last is not None and (count := count_noun(text, last.end)) is not None:
        units, unit_words, noun = ("units",), count[0], count[0]
    else:
        units, unit_words = (), None
    head_start = first.start if first else start
    if unit is not None:
        head_start = unit.start
    hedge_match = HEDGE_BEFORE.search(text[max(sentence[0], head_start - 30) : head_start])
    tilde = TILDE.search(text[max(0, head_start - 3) : head_start])
    hedge_words = hedge_match["hedge"] if hedge_match else ("~" if tilde else None)
    if hedge_words is not None and _is_preposition(hedge_words, low, text, start, end):
        hedge_words, hedge_match = None, None
    approximation = HEDGE_OF.get(hedge_words.lower(), "approximately") if hedge_words else "exact"
    hedge_at = head_start - len(hedge_match[0]) if hedge_match else head_start
    hedge_outside = hedge_words is not None and hedge_at < start
    minus = head_start > 0 and text[head_start - 1] in _MINUS and not text[head_start - 2 : head_start - 1].isalnum()
    plus = head_start > 0 and text[head_start - 1] == "+"
    direction = direction_near(text, start, end)
    if minus or plus:  # a sign written with the number says more than the words around it
        direction_name, direction_words = ("fall" if minus else "rise"), text[head_start - 1]
    else:
        direction_name = direction.direction if direction else None
        direction_words = direction.words if direction else None
    before_word = WORD.findall(text[max(sentence[0], head_start - 20) : hedge_at])[-1:] if first else []
    level_word = bool(before_word) and before_word[0].lower() in LEVEL_BEFORE
    if direction_name is not None and statistic == "level" and not level_word:
        statistic = "change"
    level_said = direction_name is not None and level_word and statistic == "level"
    if statistic == "change" and direction_name == "fall":
        low, high = (-high if high is not None else None, -low if low is not None else None)
    clause = _clause(text, start, end, sentence)
    year_on_year = statistic == "change" and YEAR_ON_YEAR.search(text[clause[0] : clause[1]]) is not None
    return Reading(
        start=start, end=end, text=text[start:end], low=low, high=high, units=units, unit_words=unit_words,
        approximation=approximation, hedge_words=hedge_words, hedge_outside=hedge_outside, statistic=statistic,
        year_on_year=year_on_year, direction=direction_name if statistic == "change" else None,
        direction_words=direction_words if statistic == "change" else None,
        sign_outside=minus and head_start <= start, period=period_near(text, start, end, sentence, window),
        noun=noun, level_said=level_said,
    )


def _is_preposition(hedge: str, value: float | None, text: str, start: int, end: int) -> bool:
    """Whether "до" (up to) is a preposition: "until" before a year, "to" after a verb of change."""
    if hedge.lower() != "до":
        return False
    if value is not None and 1900 <= abs(value) <= 2100:
        return True
    before = text[sentence_around(text, start, end)[0] : start]
    return any(word.lower() in DIRECTION_OF for word in WORD.findall(before))


SENTENCE_BREAK = re.compile(
    r"(?:(?<=[.!?])|(?<=[.!?][\"”’»)])|(?<=[.!?][\"”’»)]{2}))\s+(?=[\"“‘«(]?[A-ZА-ЯІЇЄҐ])|\n\s*\n|\n"
)
"""Where sentences part: whitespace after . ! ? (and up to two closing quotes or brackets, which stay with
their sentence) before a capital letter (or an opening quote or bracket and one), or a line end."""


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """Code points ``(first, last)`` of the sentence holding ``text[start:end]``; a break inside the
    words is ignored, so words that run over several sentences are kept whole."""
    begin, reach = 0, max(0, start - 600)
    while True:  # the last sentence break before the words, looked for in ever larger stretches before them
        ends = [match.end() for match in SENTENCE_BREAK.finditer(text, reach, start + 2) if match.end() <= start]
        if ends or reach == 0:
            begin = ends[-1] if ends else 0
            break
        reach = max(0, reach - 3000)
    stop = SENTENCE_BREAK.search(text, end)
    return begin, stop.start() if stop else len(text)


def _clause(text: str, start: int, end: int, sentence: tuple[int, int]) -> tuple[int, int]:
    """The bounds of the clause of a sentence that holds ``text[start:end]``."""
    begin = max([sentence[0], *(match.end() for match in CLAUSE_END.finditer(text, sentence[0], start))])
    stop = CLAUSE_END.search(text, end, sentence[1])
    return begin, stop.start() if stop else sentence[1]


def period_near(text: str, start: int, end: int, sentence: tuple[int, int], window: Window) -> Period | None:
    """The period a figure's sentence gives it: the nearest period phrase after the figure in its clause,
    else the nearest one in the sentence before it, else the nearest one after it."""
    found = [
        Period(p.start, p.end, p.words, p.from_window, p.begin + sentence[0], p.stop + sentence[0])
        for p in periods(text[sentence[0] : sentence[1]], window)
    ]
    found = [period for period in found if period.stop <= start or period.begin >= end]
    clause_stop = _clause(text, start, end, sentence)[1]
    after = [period for period in found if period.begin >= end and period.begin < clause_stop]
    before = [period for period in found if period.stop <= start]
    later = [period for period in found if period.begin >= end]
    if after:
        return after[0]
    if before:
        return before[-1]
    return later[0] if later else None


# Finding figures -------------------------------------------------------------------------------------

_NOT_A_FIGURE_AFTER = re.compile(r"\s*(?:st|nd|rd|th|-(?:year|month|day|week)s?-old|(?:years?|months?|days?)\b)", re.I)


_ADDRESS = re.compile(r"\b(?:https?://|www\.)\S+|\S+@\S+\.\w+", re.IGNORECASE)
"""A web or mail address, whose digits are no figures."""


def find(text: str, window: Window = (None, None), span: tuple[int, int] | None = None) -> list[Reading]:
    """Every figure in ``text`` (or ``text[span[0]:span[1]]``): money, percentages, multiples and counts
    with their noun; not years, dates, ordinals, designations or numbers that only name things. Each
    reading spans its hedge, number, scale and unit words, as the annotation guide writes a figure's
    ``text``; a range ("3-4 microns") is one reading."""
    begin, stop = span or (0, len(text))
    found: list[Reading] = []
    taken_until = begin
    all_numbers = [number for number in numbers(text) if begin <= number.start and number.end <= stop]
    addresses = [match.span() for match in _ADDRESS.finditer(text, begin, stop)]
    for index, number in enumerate(all_numbers):
        if number.start < taken_until or _is_date_part(text, number):
            continue
        if any(start <= number.start < end for start, end in addresses):
            continue
        start, end = number.start, number.end
        following = all_numbers[index + 1] if index + 1 < len(all_numbers) else None
        if following is not None and _is_range(text, number, following) and not _is_date_part(text, following):
            end = following.end
        unit = unit_before(text, start)
        if unit is not None:
            start = unit.start
        after = unit_after(text, end)
        if after is not None:
            end = after.end
        if start > begin and text[start - 1] in _MINUS + "+" and not text[start - 2 : start - 1].isalnum():
            start -= 1
        hedge = HEDGE_BEFORE.search(text[max(begin, start - 30) : start])
        if hedge is not None and not _is_preposition(hedge["hedge"], number.value, text, start, end):
            start -= len(hedge[0])
        times = TIMES.match(text, end)
        if times is not None:
            end = times.end()
        reading = read(text, start, end, window)
        if reading.noun is not None:
            end = count_noun(text, end)[1]
            reading = read(text, start, end, window)
        if not reading.units or reading.units == ("units",) and number.words:
            continue
        if reading.units == ("units",) and (reading.noun or "").lower() in NOT_COUNTED:
            continue
        fold = FOLD_SUFFIX.match(text, end)
        if fold and reading.statistic == "multiple" and not number.words:
            end = fold.end()
            reading = read(text, start, end, window)
        found.append(reading)
        taken_until = end
    return found


def _is_date_part(text: str, number: Number) -> bool:
    """Whether a number is a year, a day of a month, an ordinal or an age rather than a figure."""
    written = text[number.start : number.end]
    if number.words:
        return False
    if re.fullmatch(r"(?:19|20)\d\d", written) and unit_before(text, number.start) is None:
        return unit_after(text, number.end) is None
    head, tail = text[max(0, number.start - 12) : number.start], text[number.end : number.end + 12]
    if re.fullmatch(r"\d{1,2}", written) and (re.search(rf"(?:{'|'.join(MONTHS)})\s+\Z", head, re.I)
                                              or re.match(rf"\s+(?:{'|'.join(MONTHS)})", tail, re.I)):
        return True
    return _NOT_A_FIGURE_AFTER.match(text, number.end) is not None and unit_after(text, number.end) is None

