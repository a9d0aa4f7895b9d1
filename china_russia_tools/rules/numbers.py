"""Numbers as texts write them: digits of any script with their separators and scale words, numbers in
English words, multiples in words; and where a word or a number begins and ends."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_GROUP = "\u0020\u00a0\u2009\u202f\u066c'\u2019"
"""Characters that group thousands besides a comma or point: spaces (plain, no-break, thin, narrow
no-break), the Arabic thousands separator and apostrophes."""
_DIGITS = re.compile(rf"\d{{1,3}}(?:[{_GROUP}]\d{{3}}(?!\d))+(?:[.,\u066b]\d+)?|\d+(?:[.,\u066b\u066c]\d+)*")
"""A run of digits of any script with the separators between them."""

SCALES: dict[str, float] = {
    "thousand": 1e3, "thousands": 1e3, "k": 1e3,
    "million": 1e6, "millions": 1e6, "mn": 1e6, "mln": 1e6, "m": 1e6,
    "billion": 1e9, "billions": 1e9, "bn": 1e9, "bln": 1e9, "b": 1e9,
    "trillion": 1e12, "trillions": 1e12, "tn": 1e12, "trn": 1e12,
    "тыс": 1e3, "тис": 1e3, "млн": 1e6, "млрд": 1e9, "трлн": 1e12,
}
"""Scale words in any case, full and abbreviated; the Russian and Ukrainian stems below add their forms."""
_SCALE_STEMS = {"тысяч": 1e3, "тисяч": 1e3, "миллион": 1e6, "мільйон": 1e6, "миллиард": 1e9, "мільярд": 1e9,
                "триллион": 1e12, "трильйон": 1e12}
_ATTACHED_ONLY = {"k", "m", "b"}
"""Scale letters read only when written against the number ("£68m", "$5bn" takes either)."""
SCALE_WORD = re.compile(
    r"(?P<space>[ \u00a0\u2009\u202f]?)(?P<scale>"
    + "|".join(sorted((re.escape(word) for word in SCALES), key=len, reverse=True))
    + "|" + "|".join(rf"{stem}\w*" for stem in _SCALE_STEMS)
    + r")(?P<dot>\.)?(?![^\W\d_])",
    re.IGNORECASE,
)

NUMBER_WORDS: dict[str, int] = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12,
}
"""English number words; with the scale words they write numbers such as "two million" or "forty-five"."""
_NUMBER_WORDS = re.compile(
    r"\b(?:an?(?= (?:hundred|thousand|million|billion|trillion))|(?:a |an )?(?:" + "|".join(NUMBER_WORDS)
    + r"))(?:(?:[- ]|\s+and\s+)(?:" + "|".join(NUMBER_WORDS)
    + r"|thousand|million|billion|trillion))*\b",
    re.IGNORECASE,
)
FOLD = {"double": 2, "doubled": 2, "doubles": 2, "triple": 3, "tripled": 3, "triples": 3, "quadrupled": 4,
        "quadruple": 4, "halved": 0.5, "вдвое": 2, "втрое": 3, "вчетверо": 4, "вдвічі": 2, "втричі": 3}
"""Verbs and adverbs that state a multiple without a number."""
_FOLD = re.compile(r"\b(?:" + "|".join(FOLD) + r")\b", re.IGNORECASE)
FOLD_SUFFIX = re.compile(r"[- ]?fold\b", re.IGNORECASE)
_FOLD_WORDS = re.compile(r"\b(?P<word>" + "|".join(NUMBER_WORDS) + r")[- ]?fold\b", re.IGNORECASE)
"""A multiple written in one word: "tenfold", "two-fold"."""
TIMES = re.compile(r"\s+times\b(?!\s+(?:a|per|in|as)\b)|\s+раз(?:а|и|ів)?(?!\w)", re.IGNORECASE)


@dataclass(frozen=True)
class Number:
    """A number written in a text: its span, its value in base units (scale applied, no sign) and the
    size of one step of its last written digit, in the same units."""

    start: int
    end: int
    value: float
    step: float
    words: bool = False
    """Written in words ("two million", "tenfold") rather than digits."""
    factor: float = 1.0
    """The scale word's factor ("68 million": 1e6); a range's first number may take its second's."""


def _digits_value(written: str, decimal_comma: bool) -> tuple[float, int] | None:
    """``(value, decimals)`` of a run of digits with separators, or ``None`` if its grouping is not a
    number's ("1,2,3")."""
    digits = "".join(str(unicodedata.decimal(char)) if char.isdigit() else char for char in written)
    digits = re.sub(f"[{_GROUP}\u066c]", "", digits)
    if "\u066b" in digits:
        whole, _, fraction = digits.partition("\u066b")
        if not fraction.isdigit():
            return None
        return float(whole.replace(",", "").replace(".", "") + "." + fraction), len(fraction)
    separators = re.findall(r"[.,]", digits)
    if not separators:
        return float(digits), 0
    groups = re.split(r"[.,]", digits)
    if len(set(separators)) == 2:  # "1,234.5" or "1.234,5": the last one is the decimal separator
        decimal = separators[-1]
        if separators.count(decimal) > 1 or any(len(group) != 3 for group in groups[1:-1]):
            return None
        whole, fraction = digits.rsplit(decimal, 1)
        return float(re.sub(r"[.,]", "", whole) + "." + fraction), len(fraction)
    separator = separators[0]
    thousands = all(len(group) == 3 for group in groups[1:]) and 1 <= len(groups[0]) <= 3
    if len(separators) > 1:
        return (float("".join(groups)), 0) if thousands else None
    if separator == "," and not decimal_comma and thousands:
        return float("".join(groups)), 0
    return float(groups[0] + "." + groups[1]), len(groups[1])


def _word_number(words: str) -> float | None:
    """The value of English number words ("two", "forty-five", "two hundred", "a dozen")."""
    total, current = 0.0, 0.0
    for word in re.findall(r"[a-z]+", words.lower()):
        if word in ("a", "an", "and"):  # "a million", "a dozen": the scale word counts one
            continue
        if word == "hundred":
            current = (current or 1.0) * 100
        elif word in SCALES:
            total += (current or 1.0) * SCALES[word]
            current = 0.0
        elif word == "dozen":
            current = (current or 1.0) * 12
        elif word in NUMBER_WORDS:
            current += NUMBER_WORDS[word]
        else:
            return None
    return total + current or None


def scale_of(text: str, end: int) -> tuple[float, int] | None:
    """``(factor, end)`` of a scale word right after a number ending at ``end``, if one stands there."""
    match = SCALE_WORD.match(text, end)
    if match is None:
        return None
    word = match["scale"].lower()
    if word in _ATTACHED_ONLY and match["space"]:
        return None
    factor = SCALES.get(word) or next(value for stem, value in _SCALE_STEMS.items() if word.startswith(stem))
    keep_dot = match["dot"] and word in ("тыс", "тис", "млн", "млрд", "трлн")
    return factor, match.end() if keep_dot else match.end("scale")


def scale_after(text: str, end: int) -> str | None:
    """The scale word right after a number ending at ``end`` ("6.5| million"), which its span must hold."""
    scale = scale_of(text, end)
    return None if scale is None else text[end : scale[1]].strip()


def numbers(text: str, decimal_comma: bool | None = None) -> list[Number]:
    """Every number written in ``text``, in order: digits with their separators and scale word ("£68m"
    gives 68000000, "1,03 трлн" 1030000000000), numbers in words ("two million"), and multiples in words
    ("tenfold", "doubled"). ``decimal_comma`` defaults to whether the text is Cyrillic."""
    if decimal_comma is None:
        decimal_comma = cyrillic(text)
    found: list[Number] = []
    for match in _DIGITS.finditer(text):
        if re.search(r"[^\W\d_]-?\Z", text[max(0, match.start() - 2) : match.start()]):
            continue  # a designation such as T-80 or GTD-1250, not a number
        parsed = _digits_value(match[0], decimal_comma)
        if parsed is None:
            continue
        value, decimals = parsed
        step, end = 10.0**-decimals, match.end()
        scale = scale_of(text, end)
        if scale is not None:
            value, step, end = value * scale[0], step * scale[0], scale[1]
        found.append(Number(match.start(), end, value, step, factor=scale[0] if scale else 1.0))
    for match in _NUMBER_WORDS.finditer(text):
        value = _word_number(match[0])
        if value is not None and FOLD_SUFFIX.match(text, match.end()) is None:  # "tenfold" is read below
            found.append(Number(match.start(), match.end(), value, 1.0, words=True))
    for match in _FOLD_WORDS.finditer(text):
        found.append(Number(match.start(), match.end(), NUMBER_WORDS[match["word"].lower()], 1.0, words=True))
    for match in _FOLD.finditer(text):
        found.append(Number(match.start(), match.end(), FOLD[match[0].lower()], 1.0, words=True))
    return sorted(found, key=lambda number: number.start)


def cyrillic(text: str) -> bool:
    """Whether ``text`` holds Cyrillic letters: Russian or Ukrainian words, which write a decimal comma."""
    return re.search("[\u0400-\u04ff]", text) is not None


# Boundaries ------------------------------------------------------------------------------------------


def _joins(text: str, index: int) -> bool:
    """Whether ``text[index]`` belongs to a word or a number: a letter or digit of any script, a combining
    mark, or a separator between two digits ("6.5", "4,459", "4 459", "6٫5")."""
    char = text[index]
    if char.isalnum() or unicodedata.category(char).startswith("M"):
        return True
    separators = ".,\u066b\u066c" + _GROUP
    if char not in separators or not 0 < index < len(text) - 1:
        return False
    if not (text[index - 1].isdigit() and text[index + 1].isdigit()):
        return False
    return char in ".,\u066b\u066c" or re.match(r"\d{3}(?!\d)", text[index + 1 :]) is not None


def cuts_word(text: str, position: int) -> bool:
    """Whether a span boundary at code point ``position`` falls inside a word or a number (in any script,
    a combining accent belonging to the letter before it)."""
    if not 0 < position < len(text):
        return False
    if unicodedata.category(text[position]).startswith("M"):
        return True
    return _joins(text, position - 1) and _joins(text, position)


