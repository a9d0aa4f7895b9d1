"""UN Comtrade's query of a figure's series, or of its public mirror, in the parameters comtradeapicall
takes. Nothing here touches the network; fetching the rows is the user's (``recheck`` extra).

>>> import comtradeapicall                                      # doctest: +SKIP
>>> rows = comtradeapicall.previewFinalData(**crt.series_query("000-f02"))   # doctest: +SKIP
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from .errors import DataError, UnknownIdError

FLOW_CODES = {"export": ["X"], "import": ["M"], "total": ["X", "M"]}
"""UN Comtrade flow codes of a series' flow; a total adds exports and imports."""
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
    from .tables import rows_by_id

    figures = rows_by_id("figures")
    if figure_id not in figures:
        raise UnknownIdError(f"no figure has the id {figure_id!r}")
    return query_of(figures[figure_id], rows_by_id("series"), product_codes())


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
