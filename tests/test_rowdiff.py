"""The one keyed comparison behind diff, build --check and build's status lines."""

from china_russia_tools.rowdiff import Change, by_id, changes

OLD = by_id([{"id": "a", "x": 1, "y": "p"}, {"id": "b", "x": 2, "y": "q"}], "id")
NEW = by_id([{"id": "b", "x": 3, "y": "q"}, {"id": "c", "x": 4, "y": None}], "id")


def test_rows_on_one_side_are_added_or_removed_and_common_rows_differ_by_field():
    assert changes(OLD, NEW, ["x", "y"]) == [
        Change("a", None, "removed"),
        Change("b", "x", "changed", 2, 3),
        Change("c", None, "added"),
    ]


def test_only_the_named_columns_are_compared():
    assert changes(OLD, NEW, ["y"]) == [Change("a", None, "removed"), Change("c", None, "added")]


def test_lone_rows_by_field_compares_a_lone_row_with_an_empty_one():
    assert changes(OLD, NEW, ["x", "y"], lone_rows_by_field=True) == [
        Change("a", "x", "changed", 1, None),
        Change("a", "y", "changed", "p", None),
        Change("b", "x", "changed", 2, 3),
        Change("c", "x", "changed", None, 4),
    ]


def test_equal_tables_have_no_changes():
    assert changes(OLD, dict(OLD), ["x", "y"]) == []
