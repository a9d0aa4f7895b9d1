"""check_methods.METHODS: the one table of check methods. The descriptor's methods are its entries, and no
module but it compares a check's method with a name (the build, validate, the verdicts and the citations
read the entry instead); a new method is one entry (tests/test_growth.py)."""

from __future__ import annotations

import ast
import json

import pytest

from china_russia_tools import check_methods
from china_russia_tools.check_methods import METHODS, Refused
from conftest import ROOT

PACKAGE = ROOT / "china_russia_tools"


def method_comparisons(tree: ast.AST) -> list[int]:
    """The line of each comparison of a check's method (``check["method"]``, ``method`` or ``x.method``)."""

    def is_method(node: ast.expr) -> bool:
        return (
            (isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant) and node.slice.value == "method")
            or (isinstance(node, ast.Name) and node.id == "method")
            or (isinstance(node, ast.Attribute) and node.attr == "method")
        )

    return sorted(
        node.lineno for node in ast.walk(tree)
        if isinstance(node, ast.Compare) and any(is_method(side) for side in (node.left, *node.comparators))
    )


def test_the_scan_finds_each_way_of_comparing_a_method():
    tree = ast.parse(
        'if values["method"] == "observation":\n'  # 1
        '    pass\n'
        'ok = check["method"] != "arithmetic" and check["status"] == "consistent"\n'  # 3
        'if method not in ("arithmetic", "observation"):\n'  # 4
        '    pass\n'
        'same = "reference" == row.method\n'  # 6
        'entry = METHODS[check["method"]]\n'  # 7: a look-up, no comparison
    )
    assert method_comparisons(tree) == [1, 3, 4, 6]


def test_no_module_but_the_table_compares_a_method_with_a_name():
    modules = sorted(PACKAGE.rglob("*.py"))
    assert len(modules) > 40  # the scan reads the package
    found = {
        path.relative_to(ROOT).as_posix(): lines for path in modules
        if path.name != "check_methods.py"
        and (lines := method_comparisons(ast.parse(path.read_text(encoding="utf-8"))))
    }
    assert found == {}


def test_the_descriptors_methods_are_the_entries_of_the_table():
    descriptor = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))
    checks = next(entry for entry in descriptor["resources"] if entry["name"] == "checks")
    method = next(field for field in checks["schema"]["fields"] if field["name"] == "method")
    assert method["constraints"]["enum"] == list(METHODS) == ["arithmetic", "reference", "observation"]
    assert [name for name in METHODS if f"{name}: " not in method["description"]] == []  # each is described


def test_which_question_each_method_answers_and_whether_it_confirms():
    assert {name: (sorted(method.answers), method.confirms) for name, method in METHODS.items()} == {
        "arithmetic": (["relay"], False),  # arithmetic alone never decides a verdict, nor the data question
        "reference": (["data", "relay"], True),
        "observation": (["data"], True),
    }
    assert METHODS["reference"].answers["data"] == ("unverified",)  # a data verdict is read in observations


FIGURES = {
    "f1": {"figure_id": "f1", "value": 10.0, "unit": "multiple", "text": "tenfold", "approximation": "exact"},
    "f2": {"figure_id": "f2", "value": 68e6, "unit": "GBP", "text": "£68 million", "approximation": "exact"},
    "f3": {"figure_id": "f3", "value": 6.5e6, "unit": "GBP", "text": "£6.5 million", "approximation": "exact"},
    "f4": {"figure_id": "f4", "value": 57.0, "unit": "percent", "text": "57%", "approximation": "exact"},
    "range": {"figure_id": "range", "value": None, "unit": "GBP", "text": "£3-4 million", "approximation": "exact"},
}


def arithmetic(rule: str, operands: str, **more: object) -> dict[str, object]:
    return {"figure_id": "f1", "rule": rule, "operands": operands, "expected": None, **more}


def test_an_arithmetic_check_is_computed_from_its_figures():
    found = METHODS["arithmetic"].compute(arithmetic("multiple", "f2, f3"), {"figures": FIGURES}.__getitem__)
    # 68 / 6.5 = 10.46; as written, 67.5 to 68.5 over 6.45 to 6.55: 10.31 to 10.62, which tenfold (9.5 to
    # 10.5) overlaps
    assert found == {
        "status": "consistent",
        "expected": "68,000,000 / 6,500,000 = 10.46 (f2 / f3; 10.31 to 10.62 as written)",
        "found": "10 multiple (“tenfold”, exact: 9.5 to 10.5)",
        "kind": None,
        "tolerance": check_methods.arithmetic.TOLERANCE["multiple"],
    }


@pytest.mark.parametrize("check, code, message", [
    (arithmetic("multiple", "f1, f3"), "self-check",
     "operands name the checked figure f1; a figure cannot check itself"),
    (arithmetic("multiple", "f2, range"), "point-figure-needed",
     "arithmetic checks need point figures (a value, not a range)"),
    (arithmetic("multiple", "f2, f4"), "unit-mismatch",
     "rule multiple compares figures of one unit, got f2 GBP, f4 percent"),
    (arithmetic("multiple", "f2"), "check-columns", "rule multiple takes two operands"),
    (arithmetic("parts", "f3", figure_id="f2"), "check-columns", "rule parts takes two or more operands"),
    (arithmetic("conversion", "f2", band=[8.0]), "check-columns",
     "a conversion check needs band: [lowest rate, highest rate] (a built one states it in expected)"),
    (arithmetic("conversion", "f2", expected="a rate of about 7.1"), "check-columns",
     "a conversion check needs band: [lowest rate, highest rate] (a built one states it in expected)"),
])
def test_an_arithmetic_check_lacking_what_it_needs_is_refused(check, code, message):
    with pytest.raises(Refused) as refused:
        METHODS["arithmetic"].compute(check, {"figures": FIGURES}.__getitem__)
    assert (refused.value.code, refused.value.message) == (code, message)


def test_a_built_conversion_reads_its_band_from_what_it_expected():
    expected = "a rate between 6.8 and 7.3 GBP per multiple (PBOC)"
    found = METHODS["arithmetic"].compute(arithmetic("conversion", "f2", expected=expected),
                                          {"figures": FIGURES}.__getitem__)
    # 68 million for 10: 6.8 million per unit, far outside 6.8 to 7.3
    assert (found["status"], found["expected"]) == ("discrepancy", "a rate between 6.8 and 7.3 GBP per multiple")


def test_each_method_cites_what_it_rests_on():
    lookup = {"references": {"wire": {"citation": "Wire, “Trade”, 2024-01-03."}},
              "observations": {"o1": {"citation": "1 USD."}, "o2": {"citation": "2 USD."}}}.__getitem__
    assert METHODS["reference"].cite({"reference_id": "wire"}, lookup) == "Wire, “Trade”, 2024-01-03."
    assert METHODS["reference"].cite({"reference_id": None}, lookup) == "No reference speaks to it."
    assert METHODS["observation"].cite({"observations": "o1, o2"}, lookup) == "1 USD. 2 USD."
    assert METHODS["arithmetic"].cite({"operands": "f2, f3"}, lookup).startswith("Arithmetic on figures f2, f3 of ")
