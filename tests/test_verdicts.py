"""verdicts.status_of: a row's status from its checks; verdicts.departs_at: the document of a figure's chain
whose reading first departs from what it relays."""

from __future__ import annotations

import pytest

from china_russia_tools.verdicts import departs_at, status_of

REFERENCES = {
    "paper": {"reference_id": "paper", "relays": "wire"},
    "wire-copy": {"reference_id": "wire-copy", "relays": "wire"},
    "other-copy": {"reference_id": "other-copy", "relays": "wire"},
}
CHAIN = ["article", "paper", "wire", "agency"]


def relay(reference: str, status: str) -> dict[str, str]:
    return {"question": "relay", "reference_id": reference, "status": status}


@pytest.mark.parametrize("checks, found", [
    ([relay("paper", "discrepancy")], "article"),
    ([relay("paper", "consistent"), relay("wire-copy", "discrepancy")], "paper"),
    ([relay("paper", "consistent"), relay("wire-copy", "discrepancy"), relay("other-copy", "discrepancy")], "paper"),
    ([relay("paper", "consistent"), relay("wire-copy", "consistent")], None),
    ([relay("paper", "consistent"), relay("wire-copy", "discrepancy"), relay("other-copy", "consistent")], None),
    ([relay("wire-copy", "discrepancy")], None),  # the paper, read by no check, may have departed already
    ([relay("paper", "unverified")], None),
    ([{"question": "data", "reference_id": "paper", "status": "discrepancy"}], None),
    ([], None),
])
def test_the_departure_is_the_last_document_known_to_agree_before_one_known_to_depart(checks, found):
    assert departs_at(CHAIN, checks, REFERENCES) == found


def check(method: str, status: str) -> dict[str, str]:
    return {"question": "relay", "method": method, "status": status}


@pytest.mark.parametrize("checks, found", [
    ([], "unverified"),
    ([check("arithmetic", "consistent")], "unverified"),  # arithmetic alone confirms nothing
    ([check("reference", "unverified")], "unverified"),
    ([check("reference", "consistent")], "consistent"),
    ([check("observation", "consistent")], "consistent"),
    ([check("arithmetic", "consistent"), check("reference", "unverified")], "unverified"),
    ([check("arithmetic", "consistent"), check("reference", "consistent")], "consistent"),
    ([check("reference", "consistent"), check("reference", "discrepancy")], "discrepancy"),
    ([check("arithmetic", "discrepancy")], "discrepancy"),  # arithmetic can contradict a row
])
def test_a_discrepancy_outweighs_a_confirmation_and_arithmetic_alone_confirms_nothing(checks, found):
    assert status_of(checks) == found
