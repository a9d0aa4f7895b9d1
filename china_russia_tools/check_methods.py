"""Check methods, one entry each in :data:`METHODS`: what a check of the method computes or records, what it
needs written, which rows it names, which question it may answer (the relay or the data verdict), whether
a consistent check confirms, how its result is computed from other rows and how it is cited.

The build (:mod:`~china_russia_tools.builder.checks`), ``validate``, the verdicts and the citations read
this table; none of them names a method. Each function takes the check's row and ``lookup``, which gives
another table's rows by id (:data:`~china_russia_tools.wording.Lookup`): the build passes the rows built so
far, ``validate`` the installed ones.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from . import arithmetic
from ._version import __version__
from .fields import ids
from .wording import Lookup

STATUSES = ("consistent", "discrepancy", "unverified")
RATE_BAND = re.compile(r"a rate between (?P<low>\S+) and (?P<high>\S+) ")
"""How a conversion check's ``expected`` states its band of rates (:func:`arithmetic.conversion`)."""


class Refused(ValueError):
    """A check that lacks what its method needs to compute it: ``code`` (from the problem catalogue) and
    ``message``."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code, self.message = code, message


@dataclass(frozen=True)
class Method:
    """One check method."""

    computes: str
    """What a check of this method computes or records, in words."""
    needs: tuple[str, ...]
    """Columns a check of this method writes."""
    leaves: tuple[str, ...]
    """Columns a check of this method does not write (the build computes or reads them, or they belong to
    another method)."""
    answers: Mapping[str, tuple[str, ...]]
    """Each question it may answer, with the statuses it may give there."""
    refusal: str
    """Why it answers no other question, said to an annotation that asks one."""
    confirms: bool
    """Whether a consistent check of this method confirms its row's verdict (arithmetic never does)."""
    cite: Callable[[dict[str, Any], Lookup], str]
    """The check's citation: what it rests on."""
    rules: tuple[str, ...] = ()
    """The ``rule`` values it takes (none: it takes no rule)."""
    names: Mapping[str, str] = field(default_factory=dict)
    """The columns that name rows of another table, with that table (``operands``: ``figures``)."""
    compute: Callable[[dict[str, Any], Lookup], dict[str, Any]] | None = None
    """The columns it computes from other rows (raising :class:`Refused` when the check lacks what it
    needs); ``None`` for a method whose result is annotated."""
    basis: str = ""
    """The rows it is computed from, in words (``its figures``)."""
    evidence: Callable[[dict[str, Any], dict[str, Any], Lookup], tuple[str, str, str | None] | None] | None = None
    """For a data check: ``(reference, how it is read, the agency of the series)`` that its verdict rests
    on, which must lie outside the figure's chain; ``None`` where it rests on no reference."""


def arithmetic_columns(check: dict[str, Any], lookup: Lookup) -> dict[str, Any]:
    """The columns an arithmetic check computes (``status``, ``expected``, ``found``, ``kind``,
    ``tolerance``) of its figure against its point figure ``operands`` by its ``rule``; a conversion takes
    its ``band`` of rates as the annotation writes it or, built, as its ``expected`` states it."""
    figures = lookup("figures")
    stated, operand_ids, rule = figures.get(check["figure_id"]), ids(check["operands"]), check["rule"]
    if check["figure_id"] in operand_ids:
        message = f"operands name the checked figure {check['figure_id']}; a figure cannot check itself"
        raise Refused("self-check", message)
    operands = [figures.get(operand) for operand in operand_ids]
    if any(figure is None or figure["value"] is None for figure in (stated, *operands)):
        raise Refused("point-figure-needed", "arithmetic checks need point figures (a value, not a range)")
    compared = operands if rule == "multiple" else [stated, *operands] if rule == "parts" else []
    if len({figure["unit"] for figure in compared}) > 1:
        units = ", ".join(f"{figure['figure_id']} {figure['unit']}" for figure in compared)
        raise Refused("unit-mismatch", f"rule {rule} compares figures of one unit, got {units}")
    if rule == "multiple" and len(operands) == 2:
        result = arithmetic.multiple(stated, *operands)
    elif rule == "parts" and len(operands) >= 2:
        result = arithmetic.parts(stated, *operands)
    elif rule == "conversion" and len(operands) == 1:
        band = check["band"] if "band" in check else stated_band(check["expected"])
        if not (
            isinstance(band, (list, tuple))
            and len(band) == 2
            and all(isinstance(x, (int, float)) for x in band)
            and band[0] <= band[1]
        ):
            message = "a conversion check needs band: [lowest rate, highest rate] (a built one states it in expected)"
            raise Refused("check-columns", message)
        result = arithmetic.conversion(stated, operands[0], (float(band[0]), float(band[1])))
    else:
        takes = {"multiple": "two operands", "conversion": "one operand"}.get(rule, "two or more operands")
        raise Refused("check-columns", f"rule {rule} takes {takes}")
    return {
        "status": result.status,
        "expected": result.expected,
        "found": result.found,
        "kind": "arithmetic" if result.status == "discrepancy" else None,
        "tolerance": arithmetic.TOLERANCE[rule],
    }


def stated_band(expected: str | None) -> tuple[float, float] | None:
    """The band of rates a built conversion check states in its ``expected``; ``None`` if it states none."""
    match = RATE_BAND.match(expected or "")
    if match is None:
        return None
    try:
        return float(match["low"].replace(",", "")), float(match["high"].replace(",", ""))
    except ValueError:
        return None


def observation_columns(check: dict[str, Any], lookup: Lookup) -> dict[str, Any]:
    """The columns an observation check computes (``status``, ``expected``, ``found``, ``kind``) of its
    point figure against the one published value of its series it names."""
    named = ids(check["observations"])
    observation = lookup("observations").get(named[0]) if len(named) == 1 else None
    if observation is None:
        message = f"observations {check['observations']!r} must name one row of the observations table"
        raise Refused("unknown-reference", message)
    figure = lookup("figures").get(check["figure_id"])
    if figure is None or figure["value"] is None:
        raise Refused("point-figure-needed", "observation checks need a point figure (a value, not a range)")
    result, kind = arithmetic.observed(figure, observation, (observation["series_id"], figure["series_id"]))
    return {"status": result.status, "expected": result.expected, "found": result.found, "kind": kind or None}


def arithmetic_citation(check: dict[str, Any], _lookup: Lookup) -> str:
    return f"Arithmetic on figures {check['operands']} of china-russia-tools {__version__}."


def observation_citation(check: dict[str, Any], lookup: Lookup) -> str:
    """The citations of the observations it compares with."""
    return " ".join(lookup("observations")[observation]["citation"] for observation in ids(check["observations"]))


def reference_citation(check: dict[str, Any], lookup: Lookup) -> str:
    """The citation of the reference it reads; where none speaks to it, that."""
    if check["reference_id"] is None:
        return "No reference speaks to it."
    return lookup("references")[check["reference_id"]]["citation"]


def observation_evidence(
    check: dict[str, Any], _figure: dict[str, Any], lookup: Lookup
) -> tuple[str, str, str | None] | None:
    """The reference its observation is read in, and the agency of the observation's series."""
    observation = lookup("observations")[ids(check["observations"])[0]]
    agency = lookup("series")[observation["series_id"]]["agency_id"]
    return observation["reference_id"], f"observation {observation['observation_id']} is read in ", agency


def reference_evidence(
    check: dict[str, Any], figure: dict[str, Any], lookup: Lookup
) -> tuple[str, str, str | None] | None:
    """The reference it reads, and the agency of the figure's series; none without a reference."""
    if check["reference_id"] is None:
        return None
    agency = lookup("series")[figure["series_id"]]["agency_id"] if figure["series_id"] else None
    return check["reference_id"], "reference ", agency


COMPUTED = ("status", "kind", "expected", "found", "tolerance")
"""The columns a computed check's method computes."""

METHODS: dict[str, Method] = {
    "arithmetic": Method(
        computes="the figure recomputed by the build from other figures of the article (its operands)",
        needs=("figure_id", "rule", "operands"),
        leaves=COMPUTED,
        answers={"relay": STATUSES},
        refusal="arithmetic alone never decides a data verdict: a data check compares observations",
        confirms=False,
        cite=arithmetic_citation,
        rules=("multiple", "parts", "conversion"),
        names={"operands": "figures"},
        compute=arithmetic_columns,
        basis="its figures",
    ),
    "reference": Method(
        computes="the row read by an annotator against an external document (its reference)",
        needs=("status",),
        leaves=("rule", "operands", "tolerance", "observations"),
        answers={"relay": STATUSES, "data": ("unverified",)},
        refusal="a data check that is consistent or a discrepancy compares the figure with observations "
        "(method observation); a reference check answers the relay question",
        confirms=True,
        cite=reference_citation,
        evidence=reference_evidence,
    ),
    "observation": Method(
        computes="the figure recomputed by the build against one published value of a statistical series",
        needs=("figure_id", "rule", "observations"),
        leaves=(*COMPUTED, "operands", "reference_id"),
        answers={"data": STATUSES},
        refusal="an observation check answers the data question; set question: data",
        confirms=True,
        cite=observation_citation,
        rules=("equal",),
        names={"observations": "observations"},
        compute=observation_columns,
        basis="its figure and observation",
        evidence=observation_evidence,
    ),
}
"""Every check method by its name, the ``method`` of a check (the descriptor's ``enum`` of that column
lists the same names)."""
