"""series_query() and recheck(): the UN Comtrade query of a figure's series, and figures reproduced from
official rows, on the small project of minimal_project.py and on the published observations."""

from __future__ import annotations

import json

import pandas as pd
import pytest

import china_russia_tools as crt
from china_russia_tools import arithmetic
from china_russia_tools.comtrade import figure_periods, series_query
from conftest import needs

pytestmark = pytest.mark.slow

COMTRADE = ("reporterCode", "partnerCode", "flowCode", "cmdCode", "period", "primaryValue")


def test_the_query_of_a_figure_s_series(installed):
    assert series_query("100-f01") == {
        "typeCode": "C", "freqCode": "M", "clCode": "HS", "period": "202307", "reporterCode": "156",
        "cmdCode": "8456", "flowCode": "X", "partnerCode": "643", "partner2Code": "0", "customsCode": "C00",
        "motCode": "0",
    }


def test_a_figure_without_series_has_no_query(installed):
    with pytest.raises(crt.DataError, match=r"^figure 100-f03 names no series: A share of two series\.$"):
        series_query("100-f03")
    with pytest.raises(crt.UnknownIdError, match=r"^no figure has the id '100-f99'$"):
        series_query("100-f99")


def test_comtradeapicall_builds_its_request_from_the_query(installed, monkeypatch):
    urllib3 = needs("urllib3")
    comtradeapicall = needs("comtradeapicall")
    sent = []

    class Response:
        status = 200
        data = json.dumps({"data": []}).encode()

    def request(self, method, url, fields=None, **_):
        sent.append((method, url, fields))
        return Response()

    monkeypatch.setattr(urllib3.PoolManager, "request", request)
    comtradeapicall.previewFinalData(**series_query("100-f01"))
    assert sent == [("GET", "https://comtradeapi.un.org/public/v1/preview/C/M/HS", {
        "reportercode": "156", "flowCode": "X", "period": "202307", "cmdCode": "8456", "partnerCode": "643",
        "partner2Code": "0", "motCode": "0", "customsCode": "C00",
    })]


def test_recheck_reproduces_a_level_and_converts_at_a_cited_rate(installed):
    rows = pd.DataFrame([(156, 643, "X", "8456", 202307, 86_000_000.0), (156, 643, "M", "8456", 202307, 1.0),
                         (156, 643, "X", "8456", 202306, 5.0)], columns=COMTRADE)
    plain = crt.recheck(rows)
    assert plain.to_dict("records") == [{
        "figure_id": "100-f01", "series_id": "cn-exports-to-ru-machine-tools", "value": 68_000_000.0, "unit": "GBP",
        "reproduced": None, "gap": None, "usd": 86_000_000.0,
        "conversion": "in US dollars only (usd); needs a rate from US dollars to GBP: rates={'GBP': (rate, source)} "
                      "or --rate GBP=RATE:SOURCE",
        "rows": 1,
    }]
    converted = crt.recheck(rows, rates={"GBP": (0.8, "a rate for the test")}).iloc[0]
    assert (converted.reproduced, converted.gap) == (pytest.approx(68_800_000.0), pytest.approx(800_000.0))
    assert converted.conversion == "0.8 GBP per US dollar (a rate for the test)"


def test_recheck_refuses_rows_without_comtrade_columns(installed):
    with pytest.raises(crt.DataError, match=r"^the official rows lack UN Comtrade column\(s\) primaryValue$"):
        crt.recheck(pd.DataFrame({column: [] for column in COMTRADE[:-1]}))


def comtrade_rows(figure: dict, observation: dict) -> list[tuple]:
    """Official rows that carry an observation's value, in UN Comtrade's columns, for the query of
    ``figure``: a level is split over the queried flows, a change becomes levels a year apart in each flow."""
    query = series_query(figure["figure_id"])
    _, periods, compared = figure_periods(figure)
    flows, code = query["flowCode"].split(","), query["cmdCode"].split(",")[0]
    key = (int(query["reporterCode"]), int(query["partnerCode"]))
    if observation["statistic"] == "level":
        share = observation["value"] / (len(flows) * len(periods))
        return [(*key, flow, code, int(period), share) for flow in flows for period in periods]
    earlier = [(*key, flow, code, int(period), 100.0) for flow in flows for period in compared]
    later = [(*key, flow, code, int(period), 100.0 + observation["value"]) for flow in flows for period in periods]
    return earlier + later


def test_recheck_reproduces_every_observation_backed_data_check():
    figures = {row["figure_id"]: row for row in crt.records("figures")}
    observations = {row["observation_id"]: row for row in crt.records("observations")}
    checks = [row for row in crt.records("checks") if row["method"] == "observation"]
    assert checks, "the published data has observation-backed data checks"
    for check in checks:
        figure, observation = figures[check["figure_id"]], observations[check["observations"]]
        result = crt.recheck(pd.DataFrame(comtrade_rows(figure, observation), columns=COMTRADE))
        row = result.set_index("figure_id").loc[figure["figure_id"]]
        assert row.reproduced == pytest.approx(observation["value"])
        low, high = arithmetic.interval(figure)
        assert (low <= row.reproduced <= high) == (check["status"] == "consistent"), check["check_id"]


def test_the_recheck_command_prints_the_table(installed, tmp_path, capsys):
    from china_russia_tools.cli import main

    path = tmp_path / "rows.csv"
    pd.DataFrame([(156, 643, "X", "8456", 202307, 68_000_000.0)], columns=COMTRADE).to_csv(path, index=False)
    assert main(["recheck", str(path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == [
        "figure_id", "series_id", "value", "unit", "reproduced", "gap", "usd", "conversion", "rows",
    ]
    assert lines[1].split() == [
        "100-f01", "cn-exports-to-ru-machine-tools", "68000000", "GBP", "None", "None", "68000000", "in", "US",
        "dollars", "only", "(usd);", "needs", "a", "rate", "from", "US", "dollars", "to", "GBP:", "rates={'GBP':",
        "(rate,", "source)}", "or", "--rate", "GBP=RATE:SOURCE", "1",
    ]
    assert lines[2:] == [f"data: {installed} (the checkout the package runs from)"]


def test_the_recheck_command_refuses_a_file_that_is_not_comtrade_rows(installed, tmp_path, capsys):
    from china_russia_tools.cli import main

    path = tmp_path / "rows.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    assert main(["recheck", str(path)]) == 1
    assert capsys.readouterr().err == (
        f"error: {path}: not a CSV of UN Comtrade rows with a numeric primaryValue column ('primaryValue')\n"
    )


def machine_tools(*values, **columns) -> pd.DataFrame:
    """Official rows of 100-f01's query (China's exports of heading 8456 to Russia, July 2023), one per
    value, with any further columns given."""
    rows = pd.DataFrame([(156, 643, "X", "8456", 202307, value) for value in values], columns=COMTRADE)
    return rows.assign(**columns)


@pytest.mark.parametrize(("value", "reason"), [
    ("1e400", "'1e400' is not a finite number"),
    (float("inf"), "inf is not a finite number"),
    (None, "is missing; a missing value is not 0"),
    ("", "is missing; a missing value is not 0"),
    ("abc", "'abc' is not a number"),
    (-5_000_000, "-5000000.0 is negative; a trade value cannot be below 0"),
    ("-5000000", "'-5000000' is negative; a trade value cannot be below 0"),
])
def test_recheck_refuses_a_value_that_is_not_a_trade_value(installed, value, reason):
    with pytest.raises(crt.DataError) as raised:
        crt.recheck(machine_tools(86_000_000.0, value))
    assert str(raised.value) == f"official row 2 (period 202307, flowCode X, cmdCode 8456): primaryValue {reason}"


def test_recheck_sums_values_given_as_text_as_numbers():
    rows = pd.DataFrame([(156, 643, "X", "TOTAL", 2024, "100000000000"),
                         (156, 643, "M", "TOTAL", 2024, "144800000000")], columns=COMTRADE)
    row = crt.recheck(rows).set_index("figure_id").loc["003-f02"]
    assert (row.reproduced, row.gap, row.conversion, row.rows) == (244_800_000_000.0, 0.0, "none: US dollars", 2)


def test_recheck_keeps_only_the_totals_the_query_asks_for(installed):
    # The mode-of-transport breakdown, another customs procedure and a second partner break the total
    # down: only the row of the query's codes is summed.
    rows = machine_tools(86_000_000.0, 50_000_000.0, 36_000_000.0, 1_000_000.0, 2_000_000.0,
                         motCode=[0, 2100, 3100, 0, 0], customsCode=["C00", "C00", "C00", "C01", "C00"],
                         partner2Code=[0, 0, 0, 0, 156])
    row = crt.recheck(rows, rates={"GBP": (0.8, "a rate for the test")}).iloc[0]
    assert (row.reproduced, row.rows) == (pytest.approx(68_800_000.0), 1)


def test_recheck_refuses_a_row_given_twice(installed):
    with pytest.raises(crt.DataError, match=(
        r"^the official rows for figure 100-f01 hold two rows for period 202307, flowCode X, cmdCode 8456; "
        r"each would be counted twice$"
    )):
        crt.recheck(machine_tools(86_000_000.0, 86_000_000.0))


def test_recheck_reproduces_nothing_without_every_flow_and_period():
    exports_2024 = (156, 643, "X", "TOTAL", 2024, 115_000_000_000.0)
    august = [(156, 643, flow, "TOTAL", period, 10_000_000_000.0) for flow in "XM" for period in (202408, 202508)]
    result = crt.recheck(pd.DataFrame([exports_2024, *august], columns=COMTRADE))
    plain = result.astype(object).where(result.notna(), None).to_dict("records")
    needs = {row["figure_id"]: (row["reproduced"], row["gap"], row["conversion"]) for row in plain}
    assert needs["003-f02"] == (None, None, "no rows for flowCode M in 2024; the figure needs every one")
    assert needs["003-f07"] == (
        None, None, "no rows for flowCode X in 202501–202507; flowCode M in 202501–202507; the figure needs every one"
    )
    assert needs["003-f05"] == (
        None, None, "no rows for flowCode X in 202401–202407, 202501–202507; flowCode M in 202401–202407, "
        "202501–202507; the figure needs every one",
    )
    # 003-f03 compares August 2025 with August 2024, and has both.
    assert needs["003-f03"][:2] == (0.0, 16.4)


def test_a_change_needs_the_periods_it_compares_with():
    august = pd.DataFrame([(156, 643, "X", "TOTAL", 202508, 10_000_000_000.0)], columns=COMTRADE)
    row = crt.recheck(august).set_index("figure_id").loc["003-f03"]
    assert (row.reproduced, row.gap, row.conversion, row.rows) == (
        None, None, "no rows for flowCode X in 202408; the figure needs every one", 1
    )


@pytest.mark.parametrize(("rates", "message"), [
    ({"GBP": (0, "BoE")}, "rates['GBP'] must be (units of GBP per US dollar, where the rate comes from); the rate "
                          "must be a positive finite number, got 0"),
    ({"GBP": (-0.79, "BoE")}, "rates['GBP'] must be (units of GBP per US dollar, where the rate comes from); the "
                              "rate must be a positive finite number, got -0.79"),
    ({"GBP": (float("nan"), "BoE")}, "rates['GBP'] must be (units of GBP per US dollar, where the rate comes from); "
                                     "the rate must be a positive finite number, got nan"),
    ({"GBP": ("0.79", "BoE")}, "rates['GBP'] must be (units of GBP per US dollar, where the rate comes from); the "
                               "rate must be a positive finite number, got '0.79'"),
    ({"GBP": 0.79}, "rates['GBP'] must be (units of GBP per US dollar, where the rate comes from), got 0.79"),
    ({"GBP": (0.79, " ")}, "rates['GBP'] must be (units of GBP per US dollar, where the rate comes from); where the "
                           "rate comes from must be text, got ' '"),
    ({None: (0.79, "BoE")}, "rates: the currency None must be a currency code as text"),
    (0.79, "rates must map a currency to (rate, source), got float"),
])
def test_recheck_refuses_a_rate_that_is_not_a_positive_number_and_its_source(installed, rates, message):
    with pytest.raises(crt.DataError) as raised:
        crt.recheck(machine_tools(86_000_000.0), rates=rates)
    assert str(raised.value) == message


def test_recheck_refuses_true_or_false_as_a_value(installed):
    rows = pd.DataFrame([(156, 643, "X", "8456", 202307, True)], columns=COMTRADE)
    message = r"^official row 1 \(.*\): primaryValue True is true or false, not a trade value$"
    with pytest.raises(crt.DataError, match=message):
        crt.recheck(rows)


def test_recheck_refuses_a_sum_that_overflows():
    rows = pd.DataFrame([(156, 643, flow, "TOTAL", 2024, 1e308) for flow in "XM"], columns=COMTRADE)
    with pytest.raises(crt.DataError) as raised:
        crt.recheck(rows)
    assert str(raised.value) == (
        "the official rows for figure 003-f02 sum to more than the largest number a float holds (about 1.8e+308): "
        "the sum overflowed"
    )


def test_recheck_refuses_a_conversion_that_overflows(installed):
    with pytest.raises(crt.DataError) as raised:
        crt.recheck(machine_tools(1e308), rates={"GBP": (10.0, "a rate for the test")})
    assert str(raised.value) == (
        "figure 100-f01: the value reproduced (10.0 GBP per US dollar (a rate for the test)) overflowed"
    )


@pytest.mark.parametrize("code", [156, "156", 156.0, "156.0", " 156 "])
def test_recheck_reads_a_country_code_whatever_its_type(installed, code):
    rows = machine_tools(86_000_000.0).assign(reporterCode=[code], partnerCode=[643.0])
    row = crt.recheck(rows, rates={"GBP": (0.8, "a rate for the test")}).iloc[0]
    assert (row.figure_id, row.reproduced, row.usd, row.rows) == (
        "100-f01", pytest.approx(68_800_000.0), 86_000_000.0, 1
    )


@pytest.mark.parametrize(("code", "shown"), [("abc", "'abc'"), (156.5, "156.5"), ("", "''"), (True, "True")])
def test_recheck_names_the_row_of_a_country_code_it_cannot_read(installed, code, shown):
    rows = machine_tools(86_000_000.0, 1.0).assign(partnerCode=[643, code])
    with pytest.raises(crt.DataError) as raised:
        crt.recheck(rows)
    assert str(raised.value) == (
        f"official row 2 (period 202307, flowCode X, cmdCode 8456): partnerCode {shown} is not a country code "
        "(a whole number such as 156)"
    )


def test_the_recheck_command_converts_at_a_rate_given_with_rate(installed, tmp_path, capsys):
    from china_russia_tools.cli import main

    path = tmp_path / "rows.csv"
    path.write_text("reporterCode,partnerCode,flowCode,cmdCode,period,primaryValue\n"
                    "156.0,643.0,X,8456,202307,86000000\n", encoding="utf-8")
    assert main(["recheck", str(path), "--rate", "GBP=0.8:Bank of England: a rate for the test"]) == 0
    assert capsys.readouterr().out.splitlines()[1].split() == [
        "100-f01", "cn-exports-to-ru-machine-tools", "68000000", "GBP", "68800000", "800000", "86000000", "0.8",
        "GBP", "per", "US", "dollar", "(Bank", "of", "England:", "a", "rate", "for", "the", "test)", "1",
    ]
    assert main(["recheck", str(path), "--rate", "GBP=0.8:a", "--rate", "GBP=0.9:b"]) == 1
    assert capsys.readouterr().err == "error: --rate GBP is given twice; give one rate per currency\n"


@pytest.mark.parametrize("given", ["GBP=0.8", "GBP=x:BoE", "GBP=-1:BoE", "GBP=inf:BoE", "=0.8:BoE", "GBP0.8:BoE"])
def test_the_recheck_command_refuses_a_rate_that_is_not_cur_rate_source(installed, tmp_path, capsys, given):
    from china_russia_tools.cli import main

    with pytest.raises(SystemExit) as exited:
        main(["recheck", str(tmp_path / "rows.csv"), "--rate", given])
    assert exited.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        f"china-russia-tools recheck: error: argument --rate: {given!r} is not CUR=RATE:SOURCE (units of CUR per "
        "US dollar, a positive number, and where the rate comes from), e.g. --rate 'GBP=0.79:Bank of England, "
        "July 2023 average'"
    )


def test_the_recheck_command_prints_plain_numbers_without_float_noise(tmp_path, capsys):
    from china_russia_tools.cli import main

    # August 2025 is 16.4% below August 2024: in floats, -16.400000000000002, a gap of -3.552713678800501e-15.
    rows = [(156, 643, "X", "TOTAL", 202408, 100.0), (156, 643, "X", "TOTAL", 202508, 83.6)]
    assert crt.recheck(pd.DataFrame(rows, columns=COMTRADE)).set_index("figure_id").gap["003-f03"] != 0
    path = tmp_path / "rows.csv"
    pd.DataFrame(rows, columns=COMTRADE).to_csv(path, index=False)
    assert main(["recheck", str(path)]) == 0
    line = next(line for line in capsys.readouterr().out.splitlines() if line.split()[0] == "003-f03")
    assert line.split()[2:7] == ["-16.4", "percent", "-16.4", "0", "83.6"]


@pytest.mark.parametrize(("number", "scale", "shown"), [
    (-3.552713678800501e-15, 16.4, "0"),
    (68_000_000.0, 68_000_000.0, "68000000"),
    (1.5e20, 1.5e20, "150000000000000000000"),
    (0.1 + 0.2, 0.3, "0.3"),
    (-0.000125, 0.000125, "-0.000125"),
    (None, 1.0, "None"),
    (float("nan"), 1.0, "None"),
])
def test_numbers_are_printed_plainly(number, scale, shown):
    assert arithmetic.plain_number(number, scale) == shown
