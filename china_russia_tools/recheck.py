"""Re-checking figures against UN Comtrade: the query of a figure's series, or of its public mirror, in
the parameters comtradeapicall takes, and each figure reproduced from official rows in UN Comtrade's
column names. Nothing here touches the network; fetching the rows is the user's (``recheck`` extra).

>>> import comtradeapicall                                      # doctest: +SKIP
>>> rows = comtradeapicall.previewFinalData(**crt.series_query("000-f02"))   # doctest: +SKIP
>>> crt.recheck(rows)                                           # doctest: +SKIP
"""

from __future__ import annotations

import datetime as dt
import math
import numbers
import sys
from collections.abc import Mapping
from typing import Any

from .errors import DataError, UnknownIdError

FLOW_CODES = {"export": ["X"], "import": ["M"], "total": ["X", "M"]}
"""UN Comtrade flow codes of a series' flow; a total adds exports and imports."""
COLUMNS = ("reporterCode", "partnerCode", "flowCode", "cmdCode", "period", "primaryValue")
"""The UN Comtrade columns :func:`recheck` reads."""
COUNTRIES = ("reporterCode", "partnerCode")
"""The UN Comtrade columns of country codes, read as whole numbers whatever their type."""
FIXED = ("partner2Code", "customsCode", "motCode")
"""UN Comtrade columns the query fixes (all second partners, all customs procedures, all modes of
transport): where the rows have them, only rows with the query's values are summed, since the others
break those totals down."""


def m49(alpha_2: str) -> str:
    """The UN M49 code UN Comtrade uses for a country, from its ISO 3166-1 alpha-2 code (the numeric
    ISO 3166 code, which M49 shares for countries)."""
    try:
        import pycountry
    except ImportError as error:
        raise ImportError('series_query needs pycountry: pip install "china-russia-tools[recheck]"') from error
    country = pycountry.countries.get(alpha_2=alpha_2)
    if country is None:
        raise DataError(f"{alpha_2!r} is not an ISO 3166-1 alpha-2 code")
    return str(int(country.numeric))


def months(start: dt.date, end: dt.date) -> list[str]:
    """Every month from ``start`` to ``end`` as ``YYYYMM``."""
    found, year, month = [], start.year, start.month
    while (year, month) <= (end.year, end.month):
        found.append(f"{year}{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return found


def year_earlier(periods: list[str]) -> list[str]:
    """The same periods a year earlier (``YYYY`` or ``YYYYMM``)."""
    return [f"{int(period[:4]) - 1}{period[4:]}" for period in periods]


def figure_periods(figure: dict[str, Any]) -> tuple[str, list[str], list[str]]:
    """``(freqCode, the figure's periods, the periods it is compared with)``: whole calendar years are
    asked for as annual data, anything else month by month; a change compares with the same periods a
    year earlier, a multiple compares its last month with its first."""
    start, end = figure["period_start"], figure["period_end"]
    if start is None or end is None:
        raise DataError(f"figure {figure['figure_id']} has no period, so no query can be made for it")
    whole_years = (start.month, start.day, end.month, end.day) == (1, 1, 12, 31)
    frequency = "A" if whole_years else "M"
    periods = [str(year) for year in range(start.year, end.year + 1)] if whole_years else months(start, end)
    if figure["statistic"] == "multiple":
        return frequency, periods[-1:], periods[:1]
    if figure["statistic"] in ("change", "change_yoy"):
        return frequency, periods, year_earlier(periods)
    return frequency, periods, []


def queried_series(figure: dict[str, Any], series: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The series a figure names, or its public mirror when the series is not public."""
    if figure["series_id"] is None:
        raise DataError(f"figure {figure['figure_id']} names no series: {figure['series_note']}")
    own = series[figure["series_id"]]
    if own["public"] or own["mirror_id"] is None:
        return own
    return series[own["mirror_id"]]


def series_query(figure_id: str) -> dict[str, str]:
    """The UN Comtrade query of a figure's series, or of its public mirror if the series is not public,
    as the keyword arguments of comtradeapicall's ``previewFinalData`` and ``getFinalData`` (less the
    subscription key). A change or a multiple asks for the periods it compares too."""
    from .tables import records

    figures = {row["figure_id"]: row for row in records("figures")}
    if figure_id not in figures:
        raise UnknownIdError(f"no figure has the id {figure_id!r}")
    return query_of(figures[figure_id], series_by_id(), product_codes())


def series_by_id() -> dict[str, dict[str, Any]]:
    """Every series by its id."""
    from .tables import records

    return {row["series_id"]: row for row in records("series")}


def product_codes() -> dict[str, list[str]]:
    """Each product's codes, in the order of the product_codes table."""
    from .tables import records

    codes: dict[str, list[str]] = {}
    for row in records("product_codes"):
        codes.setdefault(row["product_id"], []).append(row["code"])
    return codes


def query_of(figure: dict[str, Any], series: dict[str, dict[str, Any]], codes: dict[str, list[str]]) -> dict[str, str]:
    """:func:`series_query` of one figure, given every series and each product's codes."""
    target = queried_series(figure, series)
    frequency, periods, compared = figure_periods(figure)
    return {
        "typeCode": "C",
        "freqCode": frequency,
        "clCode": "HS",
        "period": ",".join(sorted(set(periods + compared))),
        "reporterCode": m49(target["reporter"]),
        "cmdCode": ",".join(codes.get(target["product_id"], [])),
        "flowCode": ",".join(FLOW_CODES[target["flow"]]),
        "partnerCode": m49(target["partner"]),
        "partner2Code": "0",
        "customsCode": "C00",
        "motCode": "0",
    }


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

    from .tables import records

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
    series, codes, found = series_by_id(), product_codes(), []
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
