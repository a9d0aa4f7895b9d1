"""discrepancies.py: discrepancies(), checks joined to figures and references."""

from __future__ import annotations

import pytest

import china_russia_tools as crt
from corpus import REFERENCES, S003, figure, present, require


@pytest.fixture(scope="module")
def checks(tables):
    return tables["checks"].set_index("check_id")


def test_discrepancies_helper_sets_both_readings_side_by_side(tables):
    frame = crt.discrepancies()
    checks = tables["checks"]
    of_figures = (checks["status"] == "discrepancy") & checks["figure_id"].notna()
    assert list(frame["check_id"]) == list(checks.loc[of_figures, "check_id"])  # figures only
    for facts in present().values():
        ids = [row.check_id for row in facts.discrepancies if "-f" in row.target]
        assert list(frame.loc[frame["source_id"] == facts.source_id, "check_id"]) == ids
    require(S003)
    row = frame.set_index("check_id").loc["003-c10"]
    f08 = figure("003-f08")
    assert (row["text"], row["value"], row["flow_from"], row["flow_to"]) == (
        f08.text, f08.value, f08.flow_from, f08.flow_to)
    reference = REFERENCES[row["reference_id"]]
    assert (row["publisher"], row["url"]) == (reference.publisher, reference.url)
