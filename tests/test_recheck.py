"""series_query() and recheck(): the UN Comtrade query of a figure's series, and figures reproduced from
official rows, on the small project of minimal_project.py and on the published observations."""

from __future__ import annotations

import json

import pandas as pd
import pytest

import china_russia_tools as crt
from china_russia_tools import arithmetic
from china_russia_tools.recheck import figure_periods, series_query

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
    urllib3 = pytest.importorskip("urllib3")
    comtradeapicall = pytest.importorskip("comtradeapicall")
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
        "reproduced": None, "gap": None,
        "conversion": "needs a rate from US dollars to GBP: pass rates={'GBP': (rate, source)}", "rows": 1,
    }]
    converted = crt.recheck(rows, rates={"GBP": (0.8, "a rate for the test")}).iloc[0]
    assert (converted.reproduced, converted.gap) == (pytest.approx(68_800_000.0), pytest.approx(800_000.0))
    assert converted.conversion == "0.8 GBP per US dollar (a rate for the test)"


def test_recheck_refuses_rows_without_comtrade_columns(installed):
    with pytest.raises(crt.DataError, match=r"^the official rows lack UN Comtrade column\(s\) primaryValue$"):
        crt.recheck(pd.DataFrame({column: [] for column in COMTRADE[:-1]}))


def comtrade_rows(figure: dict, observation: dict) -> list[tuple]:
    """Official rows that carry an observation's value, in UN Comtrade's columns, for the query of
    ``figure``: a level is split over the queried flows, a change becomes two levels a year apart."""
    query = series_query(figure["figure_id"])
    _, periods, compared = figure_periods(figure)
    flows, code = query["flowCode"].split(","), query["cmdCode"].split(",")[0]
    key = (int(query["reporterCode"]), int(query["partnerCode"]))
    if observation["statistic"] == "level":
        share = observation["value"] / (len(flows) * len(periods))
        return [(*key, flow, code, int(period), share) for flow in flows for period in periods]
    earlier = [(*key, flows[0], code, int(period), 100.0) for period in compared]
    later = [(*key, flows[0], code, int(period), 100.0 + observation["value"]) for period in periods]
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
    assert capsys.readouterr().out.splitlines()[1].split() == [
        "100-f01", "cn-exports-to-ru-machine-tools", "68000000.0", "GBP", "None", "None", "needs", "a", "rate",
        "from", "US", "dollars", "to", "GBP:", "pass", "rates={'GBP':", "(rate,", "source)}", "1",
    ]


def test_the_recheck_command_refuses_a_file_that_is_not_comtrade_rows(installed, tmp_path, capsys):
    from china_russia_tools.cli import main

    path = tmp_path / "rows.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    assert main(["recheck", str(path)]) == 1
    assert capsys.readouterr().err == (
        f"error: {path}: not a CSV of UN Comtrade rows with a numeric primaryValue column ('primaryValue')\n"
    )
