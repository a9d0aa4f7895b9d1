"""Re-checking figures against UN Comtrade: each figure reproduced from official rows in UN Comtrade's
column names, fetched with the query of :mod:`comtrade`. Nothing here touches the network; fetching the
rows is the user's (``recheck`` extra).

>>> import comtradeapicall                                      # doctest: +SKIP
>>> rows = comtradeapicall.previewFinalData(**crt.series_query("000-f02"))   # doctest: +SKIP
>>> crt.recheck(rows)                                           # doctest: +SKIP
"""

from __future__ import annotations

import math
import numbers
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from . import arithmetic
from .comtrade import FIXED, figure_periods, product_codes, queried_series, query_of
from .errors import DataError

COLUMNS = ("reporterCode", "partnerCode", "flowCode", "cmdCode", "period", "primaryValue")
"""The UN Comtrade columns :func:`recheck` reads."""
COUNTRIES = ("reporterCode", "partnerCode")
"""The UN Comtrade columns of country codes, read as whole numbers whatever their type."""



def recheck(frame: Any, rates: dict[str, tuple[float, str]] | None = None) -> Any:
    """Each figure with a series reproduced from official rows in UN Comtrade's columns.

    ``frame`` is a pandas DataFrame (or anything ``pandas.DataFrame`` takes) with at least
    ``reporterCode``, ``partnerCode``, ``flowCode``, ``cmdCode``, ``period`` and ``primaryValue`` (US
    dollars). ``rates`` gives, per currency, the units per US dollar and where that rate comes from,
    e.g. ``{"GBP": (0.79, "Bank of England, July 2023 average")}``; without one, a figure in another
    currency is reproduced in US dollars only (``usd``). Returns one row per figure the frame has rows
    for: ``figure_id``, ``series_id`` (the series queried: the figure's own or its mirror), ``value`` and
    ``unit`` of the figure, ``reproduced`` (in the figure's unit), ``gap`` (reproduced minus value),
    ``usd`` (the sum of the rows for the figure's periods, in US dollars), ``conversion`` (what was done
    to get there) and ``rows`` (official rows used). ``reporterCode`` and ``partnerCode`` are read as
    whole numbers whatever their type (156, "156", 156.0).

    Only rows of the query's ``partner2Code``, ``customsCode`` and ``motCode`` are summed, where the
    frame has those columns. A figure is reproduced only from rows for every period and flow it needs
    (and, for a change or a multiple, every period it is compared with); otherwise ``reproduced`` is
    ``None`` and ``conversion`` names what is missing. :class:`DataError` for a ``primaryValue`` that is
    missing, not a number, not finite or negative, for a country code that is not a whole number, for a
    row given twice, for a sum that overflows, and for a rate that is not ``(positive finite number, text)``.
    """
    import pandas as pd

    from .tables import records, rows_by_id

    official = pd.DataFrame(frame)
    missing = [column for column in COLUMNS if column not in official.columns]
    if missing:
        raise DataError(f"the official rows lack UN Comtrade column(s) {', '.join(missing)}")
    rates = {} if rates is None else rates
    checked_rates(rates)
    texts = [column for column in (*COLUMNS[2:5], *FIXED) if column in official.columns]
    keyed = official.assign(
        **{column: official[column].astype(str) for column in texts},
        **{column: country_codes(official, column) for column in COUNTRIES},
        primaryValue=trade_values(official),
    )
    series, codes, found = rows_by_id("series"), product_codes(), []
    for figure in records("figures"):
        if figure["series_id"] is None or figure["period_start"] is None or figure["value"] is None:
            continue
        query = query_of(figure, series, codes)
        _, periods, compared = figure_periods(figure)
        chosen = keyed[
            (keyed.reporterCode == query["reporterCode"])
            & (keyed.partnerCode == query["partnerCode"])
            & keyed.flowCode.isin(query["flowCode"].split(","))
            & keyed.cmdCode.isin(query["cmdCode"].split(","))
        ]
        for column in FIXED:
            if column in chosen.columns:
                chosen = chosen[chosen[column] == query[column]]
        current = chosen[chosen.period.isin(periods)]
        if current.empty:
            continue
        refuse_duplicates(chosen[chosen.period.isin(periods + compared)], figure["figure_id"])
        base = chosen[chosen.period.isin(compared)]
        gaps = missing_rows(chosen, periods + compared, query["flowCode"].split(","))
        total = finite_sum(current, figure["figure_id"])
        found.append(reproduce(figure, series, total, base, len(current), rates, gaps))
    columns = ["figure_id", "series_id", "value", "unit", "reproduced", "gap", "usd", "conversion", "rows"]
    return pd.DataFrame(found, columns=columns)


def trade_values(official: Any) -> Any:
    """The ``primaryValue`` column as numbers; :class:`DataError` naming the first row whose value is
    missing, not a number, not finite or negative."""
    import pandas as pd

    flags = official.primaryValue.map(lambda raw: isinstance(raw, bool))
    if flags.any():
        position = int(flags.to_numpy().argmax())
        raise DataError(
            f"official row {position + 1} ({describe(official.iloc[position])}): primaryValue "
            f"{official.primaryValue.iloc[position]} is true or false, not a trade value"
        )
    values = pd.to_numeric(official.primaryValue, errors="coerce").astype(float)
    bad = ~values.between(0, math.inf, inclusive="left")
    if not bad.any():
        return values
    position = int(bad.to_numpy().argmax())
    raw, number, row = official.primaryValue.iloc[position], values.iloc[position], official.iloc[position]
    shown = repr(raw) if isinstance(raw, str) else str(raw)
    if pd.isna(raw) or (isinstance(raw, str) and not raw.strip()):
        reason = "is missing; a missing value is not 0"
    elif math.isinf(number) or is_infinite(raw):  # older pandas read "1e400" as NaN, not inf
        reason = f"{shown} is not a finite number"
    elif math.isnan(number):
        reason = f"{shown} is not a number"
    else:
        reason = f"{shown} is negative; a trade value cannot be below 0"
    raise DataError(f"official row {position + 1} ({describe(row)}): primaryValue {reason}")


def country_codes(official: Any, column: str) -> Any:
    """A country code column as text of whole numbers (156, "156", " 156" and 156.0 all give "156");
    :class:`DataError` naming the first row whose code is not a whole number."""
    read = official[column].map(whole_number)
    if read.notna().all():
        return read
    position = int(read.isna().to_numpy().argmax())
    raw = official[column].iloc[position]
    shown = repr(raw) if isinstance(raw, str) else str(raw)
    raise DataError(
        f"official row {position + 1} ({describe(official.iloc[position])}): {column} {shown} "
        "is not a country code (a whole number such as 156)"
    )


def whole_number(raw: Any) -> str | None:
    """``raw`` as the text of a whole number, or ``None`` when it is not one."""
    if isinstance(raw, bool):
        return None
    try:
        number = float(str(raw).strip())
    except ValueError:
        return None
    return str(int(number)) if math.isfinite(number) and number.is_integer() else None


def finite_sum(rows: Any, figure_id: str) -> float:
    """The sum of the rows' ``primaryValue``; :class:`DataError` naming the figure when it overflows."""
    import numpy as np

    with np.errstate(over="ignore"):
        total = float(rows.primaryValue.sum())
    if not math.isfinite(total):
        raise DataError(
            f"the official rows for figure {figure_id} sum to more than the largest number a float holds "
            f"(about {sys.float_info.max:.3g}): the sum overflowed"
        )
    return total


def is_infinite(raw: Any) -> bool:
    """Whether ``raw`` reads as an infinite number ("1e400", "inf")."""
    try:
        return math.isinf(float(raw))
    except (TypeError, ValueError):
        return False


def describe(row: Any) -> str:
    """An official row's period, flow and commodity, in UN Comtrade's column names."""
    return f"period {row['period']}, flowCode {row['flowCode']}, cmdCode {row['cmdCode']}"


def refuse_duplicates(rows: Any, figure_id: str) -> None:
    """:class:`DataError` when two of the rows a figure sums share reporter, partner, flow, commodity and
    period (and the fixed codes): they would be counted twice."""
    key = [column for column in (*COLUMNS[:5], *FIXED) if column in rows.columns]
    twice = rows[rows.duplicated(subset=key)]
    if not twice.empty:
        raise DataError(
            f"the official rows for figure {figure_id} hold two rows for {describe(twice.iloc[0])}; "
            "each would be counted twice"
        )


def missing_rows(rows: Any, periods: list[str], flows: list[str]) -> str:
    """Which of the periods and flows a figure needs have no rows, in words ("flowCode M in
    202401–202407, 202501"); empty when none."""
    held = set(zip(rows.period, rows.flowCode, strict=True))
    gaps = []
    for flow in flows:
        runs: list[list[str]] = []
        previous_absent = False
        for period in sorted(set(periods)):
            absent = (period, flow) not in held
            if absent and previous_absent:
                runs[-1][1:] = [period]
            elif absent:
                runs.append([period])
            previous_absent = absent
        if runs:
            gaps.append(f"flowCode {flow} in {', '.join('–'.join(run) for run in runs)}")
    return "; ".join(gaps)


def checked_rates(rates: Any) -> None:
    """:class:`DataError` unless ``rates`` maps each currency code to (a positive finite number of units
    per US dollar, the non-empty text of where that rate comes from)."""
    if not isinstance(rates, Mapping):
        raise DataError(f"rates must map a currency to (rate, source), got {type(rates).__name__}")
    for currency, given in rates.items():
        form = f"rates[{currency!r}] must be (units of {currency} per US dollar, where the rate comes from)"
        if not isinstance(currency, str) or not currency.strip():
            raise DataError(f"rates: the currency {currency!r} must be a currency code as text")
        if not isinstance(given, (tuple, list)) or len(given) != 2:
            raise DataError(f"{form}, got {given!r}")
        rate, origin = given
        if isinstance(rate, bool) or not isinstance(rate, numbers.Real) or not math.isfinite(rate) or rate <= 0:
            raise DataError(f"{form}; the rate must be a positive finite number, got {rate!r}")
        if not isinstance(origin, str) or not origin.strip():
            raise DataError(f"{form}; where the rate comes from must be text, got {origin!r}")


def reproduce(
    figure: dict[str, Any],
    series: dict[str, dict[str, Any]],
    total: float,
    base: Any,
    used: int,
    rates: Mapping,
    gaps: str,
) -> dict[str, Any]:
    """One figure's row of :func:`recheck` from the sum of its periods' values and its base rows;
    nothing is reproduced when ``gaps`` names periods and flows without rows."""
    target = queried_series(figure, series)
    statistic, unit = figure["statistic"], figure["unit"]
    reproduced: float | None
    if gaps:
        reproduced, conversion = None, f"no rows for {gaps}; the figure needs every one"
    elif statistic in ("change", "change_yoy", "multiple"):
        earlier = finite_sum(base, figure["figure_id"])
        ratio = total / earlier if earlier else None
        if ratio is None:
            reproduced, conversion = None, "the periods compared with add up to 0, so no ratio can be taken"
        elif statistic == "multiple":
            reproduced, conversion = ratio, "ratio of the two periods' US dollar values"
        else:
            reproduced, conversion = (ratio - 1) * 100, "change in US dollar values from a year earlier"
            if series[figure["series_id"]]["currency"] != "USD":
                conversion += f"; the series is in {series[figure['series_id']]['currency']}, so the change may differ"
    elif unit == "USD":
        reproduced, conversion = total, "none: US dollars"
    elif unit in rates:
        rate, origin = rates[unit]
        reproduced, conversion = total * rate, f"{rate} {unit} per US dollar ({origin})"
    else:
        reproduced = None
        conversion = (
            f"in US dollars only (usd); needs a rate from US dollars to {unit}: rates={{{unit!r}: (rate, source)}} "
            f"or --rate {unit}=RATE:SOURCE"
        )
    if reproduced is not None and not math.isfinite(reproduced):
        raise DataError(f"figure {figure['figure_id']}: the value reproduced ({conversion}) overflowed")
    if target["series_id"] != figure["series_id"]:
        conversion += f"; mirror of {figure['series_id']}"
    return {
        "figure_id": figure["figure_id"],
        "series_id": target["series_id"],
        "value": figure["value"],
        "unit": unit,
        "reproduced": reproduced,
        "gap": None if reproduced is None else reproduced - figure["value"],
        "usd": total,
        "conversion": conversion,
        "rows": used + len(base),
    }


def recheck_table(path: Path, rates: list[tuple[str, float, str]] | None = None) -> str:
    """The ``recheck`` command's table for the UN Comtrade rows in the CSV file ``path``, at the rates
    given with ``--rate``, numbers written plainly."""
    import pandas as pd

    try:
        frame = pd.read_csv(path, dtype=str).assign(primaryValue=lambda f: pd.to_numeric(f["primaryValue"]))
    except (KeyError, ValueError, pd.errors.ParserError) as error:
        raise DataError(f"{path}: not a CSV of UN Comtrade rows with a numeric primaryValue column ({error})") from None
    given: dict[str, tuple[float, str]] = {}
    for currency, rate, source in rates or []:
        if currency in given:
            raise DataError(f"--rate {currency} is given twice; give one rate per currency")
        given[currency] = (rate, source)
    result = recheck(frame, given)
    if result.empty:
        return f"{path}: no figure's series has rows in this file (see series_query)"
    shown = result.astype(object)
    for index, row in result.iterrows():
        scale = max(abs(x) for x in (row.value, row.reproduced, 0.0) if x is not None and x == x)
        for column in ("value", "reproduced", "gap"):
            shown.at[index, column] = arithmetic.plain_number(row[column], scale)
        shown.at[index, "usd"] = arithmetic.plain_number(row.usd, abs(row.usd))
    return shown.to_string(index=False)


_reading: str | None = None
"""Which copy of the data the command reads, once known; named in the message of an unknown id."""
