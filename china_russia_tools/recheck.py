"""Re-checking figures against UN Comtrade: the query of a figure's series, or of its public mirror, in
the parameters comtradeapicall takes, and each figure reproduced from official rows in UN Comtrade's
column names. Nothing here touches the network; fetching the rows is the user's (``recheck`` extra).

>>> import comtradeapicall                                      # doctest: +SKIP
>>> rows = comtradeapicall.previewFinalData(**crt.series_query("000-f02"))   # doctest: +SKIP
>>> crt.recheck(rows)                                           # doctest: +SKIP
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from .errors import DataError, UnknownIdError

FLOW_CODES = {"export": ["X"], "import": ["M"], "total": ["X", "M"]}
"""UN Comtrade flow codes of a series' flow; a total adds exports and imports."""
COLUMNS = ("reporterCode", "partnerCode", "flowCode", "cmdCode", "period", "primaryValue")
"""The UN Comtrade columns :func:`recheck` reads."""


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
    figure = figures[figure_id]
    target = queried_series(figure, {row["series_id"]: row for row in records("series")})
    codes = [row["code"] for row in records("product_codes") if row["product_id"] == target["product_id"]]
    frequency, periods, compared = figure_periods(figure)
    return {
        "typeCode": "C",
        "freqCode": frequency,
        "clCode": "HS",
        "period": ",".join(sorted(set(periods + compared))),
        "reporterCode": m49(target["reporter"]),
        "cmdCode": ",".join(codes),
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
    currency is reproduced in US dollars only. Returns one row per figure the frame has rows for:
    ``figure_id``, ``series_id`` (the series queried: the figure's own or its mirror), ``value`` and
    ``unit`` of the figure, ``reproduced`` (in the figure's unit), ``gap`` (reproduced minus value),
    ``conversion`` (what was done to get there) and ``rows`` (official rows used).
    """
    import pandas as pd

    from .tables import records

    official = pd.DataFrame(frame)
    missing = [column for column in COLUMNS if column not in official.columns]
    if missing:
        raise DataError(f"the official rows lack UN Comtrade column(s) {', '.join(missing)}")
    keyed = official.assign(**{column: official[column].astype(str) for column in COLUMNS[:5]})
    found = []
    for figure in records("figures"):
        if figure["series_id"] is None or figure["period_start"] is None or figure["value"] is None:
            continue
        query = series_query(figure["figure_id"])
        _, periods, compared = figure_periods(figure)
        chosen = keyed[
            (keyed.reporterCode == query["reporterCode"])
            & (keyed.partnerCode == query["partnerCode"])
            & keyed.flowCode.isin(query["flowCode"].split(","))
            & keyed.cmdCode.isin(query["cmdCode"].split(","))
        ]
        current = chosen[chosen.period.isin(periods)]
        if current.empty:
            continue
        base = chosen[chosen.period.isin(compared)]
        found.append(reproduce(figure, float(current.primaryValue.sum()), base, len(current), rates or {}))
    columns = ["figure_id", "series_id", "value", "unit", "reproduced", "gap", "conversion", "rows"]
    return pd.DataFrame(found, columns=columns)


def reproduce(figure: dict[str, Any], total: float, base: Any, used: int, rates: dict) -> dict[str, Any]:
    """One figure's row of :func:`recheck` from the sum of its periods' values and its base rows."""
    from .tables import records

    series = {row["series_id"]: row for row in records("series")}
    target = queried_series(figure, series)
    statistic, unit = figure["statistic"], figure["unit"]
    reproduced: float | None
    if statistic in ("change", "change_yoy", "multiple"):
        earlier = float(base.primaryValue.sum()) if not base.empty else 0.0
        ratio = total / earlier if earlier else None
        if ratio is None:
            reproduced, conversion = None, "no rows for the periods compared with"
        elif statistic == "multiple":
            reproduced, conversion = ratio, "ratio of the two periods' US dollar values"
        else:
            reproduced, conversion = (ratio - 1) * 100, "change in US dollar values from a year earlier"
            if series[figure["series_id"]]["currency"] != "USD":
                conversion += f"; the series is in {series[figure['series_id']]['currency']}, so the change may differ"
        used += len(base)
    elif unit == "USD":
        reproduced, conversion = total, "none: US dollars"
    elif unit in rates:
        rate, origin = rates[unit]
        reproduced, conversion = total * rate, f"{rate} {unit} per US dollar ({origin})"
    else:
        reproduced = None
        conversion = f"needs a rate from US dollars to {unit}: pass rates={{{unit!r}: (rate, source)}}"
    if target["series_id"] != figure["series_id"]:
        conversion += f"; mirror of {figure['series_id']}"
    return {
        "figure_id": figure["figure_id"],
        "series_id": target["series_id"],
        "value": figure["value"],
        "unit": unit,
        "reproduced": reproduced,
        "gap": None if reproduced is None else reproduced - figure["value"],
        "conversion": conversion,
        "rows": used,
    }
