"""Units, hedges and directions written next to a number: currency signs, names and ISO 4217 codes,
percent and percentage points, microns; hedge words; the words that give a change its direction. In
English, Russian and Ukrainian."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

CURRENCY_SIGNS: dict[str, tuple[str, ...]] = {
    "US$": ("USD",), "U.S.$": ("USD",), "HK$": ("HKD",), "C$": ("CAD",), "CA$": ("CAD",), "A$": ("AUD",),
    "AU$": ("AUD",), "NZ$": ("NZD",), "S$": ("SGD",), "NT$": ("TWD",), "R$": ("BRL",), "MX$": ("MXN",),
    "$": ("USD",), "£": ("GBP",), "€": ("EUR",), "CN¥": ("CNY",), "JP¥": ("JPY",), "¥": ("CNY", "JPY"),
    "元": ("CNY",), "RMB": ("CNY",), "₽": ("RUB",), "₴": ("UAH",), "₹": ("INR",), "₩": ("KRW",), "₺": ("TRY",),
    "₸": ("KZT",),
}
"""Currency signs, with the ISO 4217 codes each can write: "¥" writes yuan or yen, and the sentence
must say which; a bare "$" is read as the US dollar, as the English press writes it."""
CURRENCY_NAMES: dict[str, str] = {
    r"hong kong dollars?": "HKD", r"canadian dollars?": "CAD", r"australian dollars?": "AUD",
    r"(?:new )?taiwan(?:ese)? dollars?": "TWD", r"singapore dollars?": "SGD", r"new zealand dollars?": "NZD",
    r"(?:us |u\.s\. |american )?dollars?": "USD", r"pounds?(?: sterling)?|sterling": "GBP", r"euros?": "EUR",
    r"(?:chinese )?yuan|renminbi|rmb": "CNY", r"(?:russian )?(?:roubles?|rubles?)": "RUB",
    r"hryvnias?|hryvnyas?": "UAH",
    r"yen": "JPY", r"(?:south korean |korean )?won": "KRW", r"rupees?": "INR", r"swiss francs?": "CHF",
    r"лир[аы]?|lira": "TRY", r"доллар\w*|долар\w*": "USD", r"евро|євро": "EUR", r"юан\w*|жэньминьби": "CNY",
    r"рубл\w*|руб\.?": "RUB", r"гривн\w*|гривен\w*|гривень|грн\.?": "UAH", r"фунт\w* стерлинг\w*|фунт\w*": "GBP",
    r"иен\w*|єн\w*": "JPY",
}
"""Currency names in English, Russian and Ukrainian, with the ISO 4217 code each writes."""
UNIT_NAMES: dict[str, str] = {
    r"percentage[- ]points?|pp|p\.p\.|процентн\w* пункт\w*|п\.\s?п\.|відсотков\w* пункт\w*|в\.\s?п\.":
        "percentage_point",
    r"%|per ?cents?|percents?|percentage(?![- ]points?)|pct|процент\w*|відсот\w*": "percent",
    r"microns?|micrometres?|micrometers?|µm|μm|мкм|микрон\w*|мікрон\w*": "micrometre",
}
"""Other units a figure's words write: a percentage point before a percent, so that the longer words win."""
_UNIT_AFTER = re.compile(
    r"[ \u00a0\u2009\u202f]?(?:"
    + "|".join(f"(?P<u{i}>{pattern})" for i, pattern in enumerate([*UNIT_NAMES, *CURRENCY_NAMES]))
    + r")(?![^\W\d_])",
    re.IGNORECASE,
)
_UNIT_CODES = [*UNIT_NAMES.values(), *CURRENCY_NAMES.values()]
_ISO_AFTER = re.compile(r"[ \u00a0]?(?P<code>[A-Z]{3})\b")
_ISO_BEFORE = re.compile(r"\b(?P<code>[A-Z]{3})[ \u00a0]?\Z")


CAPITAL_WORDS = frozenset({"ALL", "TOP", "CUP", "MOP", "BOB", "GEL", "MAD", "PEN", "TRY", "SOS", "CAD"})
"""ISO 4217 codes that are also English words, read as a code only after a number ("12 CAD"), never before
one ("ALL 5 solutions")."""


@cache
def iso4217() -> frozenset[str]:
    """Every ISO 4217 alphabetic code pycountry knows."""
    try:
        import pycountry
    except ImportError as error:
        raise ImportError('reading currency codes needs pycountry: pip install "china-russia-tools[build]"') from error
    return frozenset(currency.alpha_3 for currency in pycountry.currencies)


@dataclass(frozen=True)
class Unit:
    """The unit the words next to a number write: the codes it may be and the words that write it."""

    codes: tuple[str, ...]
    words: str
    start: int
    end: int


def unit_before(text: str, start: int) -> Unit | None:
    """A currency sign or ISO code written right before the number at ``start`` ("US$", "£", "USD ")."""
    head = text[max(0, start - 9) : start]
    spaced = head.rstrip(" \u00a0\u202f")
    for sign in sorted(CURRENCY_SIGNS, key=len, reverse=True):
        if spaced.endswith(sign) and not (sign == "$" and spaced[-2:-1].isalpha()):
            at = start - len(head) + len(spaced) - len(sign)
            return Unit(CURRENCY_SIGNS[sign], sign, at, start)
    code = _ISO_BEFORE.search(head)
    if code is not None and code["code"] in iso4217() and code["code"] not in CAPITAL_WORDS:
        return Unit((code["code"],), code["code"], start - len(head) + code.start(), start)
    return None


def unit_after(text: str, end: int) -> Unit | None:
    """A unit written right after a number ending at ``end``: percent, percentage points, a micron, a
    currency name or ISO code ("68 million yuan", "5%", "16 percentage points")."""
    match = _UNIT_AFTER.match(text, end)
    if match is not None:
        index = next(i for i, group in enumerate(match.groups()) if group is not None)
        return Unit((_UNIT_CODES[index],), match.group(index + 1), match.start(index + 1), match.end())
    code = _ISO_AFTER.match(text, end)
    if code is not None and code["code"] in iso4217():
        return Unit((code["code"],), code["code"], code.start("code"), code.end())
    return None


# Hedges and directions -------------------------------------------------------------------------------

HEDGES: dict[str, tuple[str, ...]] = {
    "approximately": ("approximately", "approx.", "around", "about", "some", "roughly", "circa", "an estimated",
                      "около", "примерно", "приблизительно", "порядка", "близько", "приблизно", "орієнтовно"),
    "nearly": ("nearly", "almost", "close to", "just under", "почти", "чуть менее", "майже", "майже на"),
    "more_than": ("more than", "over", "above", "in excess of", "upwards of", "more then", "более", "больше",
                  "свыше", "понад", "більше", "більш ніж", "більше ніж"),
    "less_than": ("less than", "fewer than", "under", "below", "менее", "меньше", "менше", "менш ніж"),
    "up_to": ("up to", "до"),
    "at_least": ("at least", "no less than", "не менее", "по меньшей мере", "щонайменше", "не менше"),
}
"""Hedge words before a number, with the approximation each one writes (annotation guide, approximation)."""
HEDGE_OF = {word: hedge for hedge, words in HEDGES.items() for word in words}
HEDGE_BEFORE = re.compile(
    r"(?<![^\W\d_])(?P<hedge>" + "|".join(re.escape(word) for word in sorted(HEDGE_OF, key=len, reverse=True))
    + r")(?:\s+(?:of|на|by))?\s*\Z",
    re.IGNORECASE,
)
TILDE = re.compile(r"~\s*\Z")

DIRECTION_WORDS = {
    "fall": "fell fall falls falling decreased decrease decreases declined decline declines dropped drop drops "
    "plummeted plunged slumped shrank contracted down lower loss tumbled sank slid "
    "снизился снизилась снизилось снизились снижение сократился сократилась сократилось сократились сокращение "
    "упал упала упало упали падение уменьшился уменьшилась уменьшилось уменьшились уменьшение "
    "знизився знизилася знизилось знизилися зниження скоротився скоротилася скоротилось скоротилися скорочення "
    "впав впала впало впали падіння зменшився зменшилася зменшилось зменшилися зменшення",
    "rise": "rose rise rises rising increased increase increases grew growth surged surge climbed jumped soared up "
    "higher gain gained "
    "вырос выросла выросло выросли рост увеличился увеличилась увеличилось увеличились увеличение "
    "зріс зросла зросло зросли зростання збільшився збільшилася збільшилось збільшилися збільшення",
}
"""Words that give a change its direction (annotation guide, "Sign"), read next to the figure's words; in
English, Russian and Ukrainian (the past forms of each gender and number, and the noun)."""
DIRECTION_OF = {word: direction for direction, words in DIRECTION_WORDS.items() for word in words.split()}
WORD = re.compile(r"[^\W\d_]+")
LEVEL_BEFORE = {"to", "from", "at", "reached", "totaled", "totalled", "до", "с", "від", "з"}
"""A word right before a number that makes it a level even beside a direction word ("rose to $5bn")."""
YEAR_ON_YEAR = re.compile(
    r"year[- ]on[- ]year|year[- ]over[- ]year|\by/y\b|\byoy\b|compared with the same period|"
    r"from a year (?:earlier|ago)|в годовом выражении|в річному вимірі|у річному вимірі|"
    r"по сравнению с аналогичным периодом|порівняно з аналогічним періодом",
    re.IGNORECASE,
)
CLAUSE_END = re.compile(r"[.;:!?()\n]|,(?!\d)")


@dataclass(frozen=True)
class Direction:
    direction: str
    words: str


def direction_near(text: str, start: int, end: int) -> Direction | None:
    """The direction the words in and around ``text[start:end]`` give a change: the three words before
    the figure's words, its own words but a hedge ("up to") and the one word after, within its clause;
    ``None`` when no direction word stands there or both directions do."""
    before = CLAUSE_END.split(text[max(0, start - 60) : start])[-1]
    after = CLAUSE_END.split(text[end : end + 30])[0]
    own = HEDGE_BEFORE.sub(" ", text[start:end]) if HEDGE_BEFORE.search(text[start:end]) else text[start:end]
    own = re.sub(r"\b(?:up to|more than|less than)\b", " ", own, flags=re.IGNORECASE)
    words = [*WORD.findall(before)[-3:], *WORD.findall(own), *WORD.findall(after)[:1]]
    found = [Direction(DIRECTION_OF[word.lower()], word) for word in words if word.lower() in DIRECTION_OF]
    return found[0] if len({found.direction for found in found}) == 1 else None


