"""Arithmetic checks of figures against other figures, computed by the build.

A figure is compared as the interval its words allow: a number is taken as written to its last digit
("8.8%" covers 8.75 to 8.85), widened by its hedge ("approximately", "nearly"). A check is consistent
when the interval the stated figure allows overlaps the interval computed from its operands. The rules
and tolerances are described in docs/annotation-guide.md ("Corroboration").
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

TOLERANCE = {
    "multiple": "each figure taken as written to its last digit and widened by its hedge; "
    "a multiple in words counts as a whole number (tenfold covers 9.5 to 10.5)",
    "parts": "each figure taken as written to its last digit and widened by its hedge; "
    "a total's change must lie between its parts' changes",
    "conversion": "each amount taken as written to its last digit and widened by its hedge; "
    "the implied rate must overlap the stated band",
}


@dataclass(frozen=True)
class Result:
    status: str
    expected: str
    found: str


def last_digit(figure: dict[str, Any]) -> float:
    """Size, in base units, of one step in the last written digit of a point figure (1 for a number in
    words: "tenfold" is a whole number)."""
    from .rules import numbers  # here, not at import: loading the tables needs no rules

    written = numbers.numbers(figure["text"])
    return written[-1].step if written else 1.0


def interval(figure: dict[str, Any]) -> tuple[float, float]:
    """The values a point figure's words allow."""
    value, step = figure["value"], last_digit(figure)
    hedge = figure["approximation"]
    if hedge == "exact":
        return value - step / 2, value + step / 2
    if hedge == "approximately":
        return value - step, value + step
    if hedge == "nearly":  # just under the stated magnitude
        return (value - step, value) if value >= 0 else (value, value + step)
    if hedge in ("more_than", "at_least"):
        return value, math.inf
    return -math.inf, value  # less_than, up_to


def fmt(number: float) -> str:
    """A number as a person reads it: 68,000,000 rather than 6.8e+07."""
    return f"{number:,.15g}"


def plain_number(number: Any, scale: float) -> str:
    """``number`` as a plain decimal, never in exponent form, to 12 significant digits of ``scale`` (float
    noise below that is 0: -3.55e-15 beside -16.4 is "0"); "None" for no number."""
    import numpy as np

    if number is None or number != number:  # None or NaN
        return "None"
    digits = 11 - math.floor(math.log10(scale)) if scale > 0 else 12
    rounded = round(float(number), digits) + 0.0  # + 0.0 turns -0.0 into 0.0
    return str(np.format_float_positional(rounded, trim="-"))


def overlaps(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def describe(figure: dict[str, Any]) -> str:
    low, high = interval(figure)
    hedge = f"{figure['approximation']}: {fmt(low)} to {fmt(high)}"
    return f"{fmt(figure['value'])} {figure['unit']} (“{figure['text']}”, {hedge})"


def multiple(stated: dict[str, Any], later: dict[str, Any], earlier: dict[str, Any]) -> Result:
    """A stated multiple against the ratio of a later amount to an earlier one."""
    a, b = interval(later), interval(earlier)
    computed = (a[0] / b[1], a[1] / b[0])
    ratio = later["value"] / earlier["value"]
    return Result(
        "consistent" if overlaps(interval(stated), computed) else "discrepancy",
        f"{fmt(later['value'])} / {fmt(earlier['value'])} = {ratio:.2f} "
        f"({later['figure_id']} / {earlier['figure_id']}; "
        f"{computed[0]:.2f} to {computed[1]:.2f} as written)",
        describe(stated),
    )


def parts(total: dict[str, Any], *components: dict[str, Any]) -> Result:
    """A total's relative change against the relative changes of its parts (a weighted mean of them)."""
    bounds = [interval(part) for part in components]
    computed = (min(b[0] for b in bounds), max(b[1] for b in bounds))
    ids = ", ".join(part["figure_id"] for part in components)
    return Result(
        "consistent" if overlaps(interval(total), computed) else "discrepancy",
        f"between {fmt(computed[0])} and {fmt(computed[1])} {total['unit']} (the changes of its parts {ids})",
        describe(total),
    )


def conversion(converted: dict[str, Any], original: dict[str, Any], band: tuple[float, float]) -> Result:
    """An amount converted to another currency against a band of exchange rates (original per converted unit)."""
    a, b = interval(original), interval(converted)
    computed = (a[0] / b[1], a[1] / b[0])
    rate = original["value"] / converted["value"]
    pair = f"{original['unit']} per {converted['unit']}"
    return Result(
        "consistent" if overlaps(computed, band) else "discrepancy",
        f"a rate between {fmt(band[0])} and {fmt(band[1])} {pair}",
        f"{fmt(original['value'])} {original['unit']} = {fmt(converted['value'])} {converted['unit']} "
        f"({original['figure_id']}, {converted['figure_id']}): {rate:.3f} {pair} "
        f"({computed[0]:.3f} to {computed[1]:.3f} as written)",
    )


COMPARABLE = {"level": "level", "change": "change", "change_yoy": "change"}
"""Statistics that describe the same quantity: a change whose basis the text leaves unstated is read as
a year-on-year change, the only change an observation holds."""


def observed(figure: dict[str, Any], observation: dict[str, Any], series: tuple[str, str | None]) -> tuple[Result, str]:
    """A figure against one published value: ``(result, kind of discrepancy)``.

    ``series`` is ``(the observation's series, the figure's series)``. The figure agrees when both
    describe the same series, period, statistic and unit and the value lies in what its words allow.
    The kind names the first thing that differs (``scope`` for another series, then ``period``,
    ``currency`` and ``magnitude``); it is empty when they agree.
    """
    expected = (
        f"{fmt(observation['value'])} {observation['unit']} ({observation['statistic']}), series {series[0]}, "
        f"{observation['period_start'].isoformat()} to {observation['period_end'].isoformat()} "
        f"(observation {observation['observation_id']})"
    )
    period = (figure["period_start"], figure["period_end"])
    found = f"{describe(figure)}, series {series[1]}, " + (
        f"{period[0].isoformat()} to {period[1].isoformat()}" if None not in period else "no period"
    )
    if series[0] != series[1] or COMPARABLE.get(figure["statistic"]) != COMPARABLE[observation["statistic"]]:
        kind = "scope"
    elif period != (observation["period_start"], observation["period_end"]):
        kind = "period"
    elif figure["unit"] != observation["unit"]:
        kind = "currency"
    else:
        low, high = interval(figure)
        kind = "" if low <= observation["value"] <= high else "magnitude"
    return Result("discrepancy" if kind else "consistent", expected, found), kind
