"""The field types: each reads an annotation strictly, an export leniently, and writes text."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from china_russia_tools import builder, registry
from china_russia_tools.errors import AnnotationError
from china_russia_tools.fields import (
    DELIMITER,
    FIELDS,
    as_text,
    ids,
    items,
    plain,
    read_annotation,
    read_exported,
    shown,
)
from conftest import ROOT
from minimal_project import ANNOTATION_PATH, coded, make_project, refusal, replace_once


def test_every_type_of_the_registry_has_a_field_and_back():
    assert set(FIELDS) == set(registry.TYPES)


@pytest.mark.parametrize(("kind", "value", "typed"), [
    ("string", "Moscow", "Moscow"),
    ("integer", 693, 693),
    ("number", 68000000, 68000000.0),
    ("boolean", True, True),
    ("date", "2023-07-31", dt.date(2023, 7, 31)),
    ("date", dt.date(2023, 7, 31), dt.date(2023, 7, 31)),
    ("list", ["ROK", "Republic of Korea"], "ROK;Republic of Korea"),
    ("list", ["Korean"], "Korean"),
    ("list", [], None),
])
def test_strict_reading_of_an_annotation(kind, value, typed):
    assert read_annotation(value, {"type": kind}) == typed


@pytest.mark.parametrize(("kind", "value", "message"), [
    ("string", 5, "must be text, got 5 (int); put it in quotes"),
    ("string", "  ", "is blank"),
    ("integer", 6.5, "must be a whole number, got 6.5"),
    ("integer", True, "must be a whole number, got True"),
    ("number", "68000000", "must be a number, got the text '68000000': write it without quotes or a !!str tag"),
    ("number", "1e5", "must be a number, got the text '1e5': YAML reads an exponent as a number only written 1.0e+5"),
    ("number", float("inf"), "must be a finite number no larger than 1.798e+308, got inf"),
    ("boolean", "yes", "must be true or false, got 'yes'"),
    ("date", "2023-13-01", "must be a date written YYYY-MM-DD, got '2023-13-01'"),
    ("date", dt.datetime(2023, 7, 31), "must be a date written YYYY-MM-DD, got datetime.datetime(2023, 7, 31, 0, 0)"),
    ("list", "ROK", "must be a list of texts, such as [PRC, People's Republic of China], got 'ROK'"),
    ("list", ["ROK", 7], "must be a list of texts, such as [PRC, People's Republic of China], got ['ROK', 7]"),
    ("list", [" "], "must be a list of texts, such as [PRC, People's Republic of China], got [' ']"),
    ("list", ["ROK; Korea"], "items may not hold ';', which separates them: ['ROK; Korea']"),
])
def test_strict_reading_refuses_with_a_reason(kind, value, message):
    with pytest.raises(ValueError) as raised:
        read_annotation(value, {"type": kind})
    assert str(raised.value) == message


def test_a_list_is_held_as_the_text_of_its_items_and_split_by_one_function():
    assert items("ROK;Republic of Korea") == ["ROK", "Republic of Korea"]
    assert items("Korean") == ["Korean"]
    assert items(None) == []
    assert read_exported("ROK;Republic of Korea", "list") == "ROK;Republic of Korea"
    assert read_annotation([], {"type": "list", "constraints": {"required": False}}) is None
    with pytest.raises(ValueError, match="^is required and may not be null$"):
        read_annotation([], {"type": "list", "constraints": {"required": True}})


def test_every_list_field_of_the_descriptor_holds_strings_separated_by_the_delimiter():
    descriptor = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))
    lists = [field for resource in descriptor["resources"] for field in resource.get("schema", {}).get("fields", [])
             if field["type"] == "list"]
    assert [field["name"] for field in lists] == ["aliases", "demonyms", "inferred"]
    assert all(field["itemType"] == "string" and field["delimiter"] == DELIMITER for field in lists)


def test_constraints_are_checked_after_the_type():
    spec = {"type": "string", "constraints": {"required": True, "enum": ["GBP", "USD"]}}
    with pytest.raises(ValueError, match="^is required and may not be null$"):
        read_annotation(None, spec)
    with pytest.raises(ValueError, match="^'EUR' is not one of: GBP, USD$"):
        read_annotation("EUR", spec)
    assert read_annotation(None, {"type": "string"}) is None


@pytest.mark.parametrize(("kind", "value", "typed"), [
    ("integer", "693", 693), ("integer", 693.0, 693), ("number", "6.5", 6.5), ("boolean", "true", True),
    ("boolean", "0", False), ("date", "2023-07-31", dt.date(2023, 7, 31)), ("string", 12, "12"),
    ("number", "", None), ("date", float("nan"), None),
])
def test_lenient_reading_of_an_export(kind, value, typed):
    assert read_exported(value, kind) == typed


@pytest.mark.parametrize(("kind", "value"), [("integer", "6.5"), ("number", "six"), ("boolean", "yes"),
                                             ("number", True), ("date", "July")])
def test_lenient_reading_refuses_what_is_not_of_the_type(kind, value):
    with pytest.raises(ValueError, match=rf"^{value!r} is not a valid {kind}$"):
        read_exported(value, kind)


@pytest.mark.parametrize(("value", "text", "plain_value", "shown_value"), [
    (None, None, None, "None"),
    ("£68 million", "£68 million", "£68 million", "£68 million"),
    (68000000.0, "68000000", 68000000.0, "68,000,000"),
    (-8.8, "-8.8", -8.8, "-8.8"),
    (True, "true", True, "true"),
    (dt.date(2023, 7, 31), "2023-07-31", "2023-07-31", "2023-07-31"),
])
def test_text_plain_and_shown_writing(value, text, plain_value, shown_value):
    assert (as_text(value), plain(value), shown(value)) == (text, plain_value, shown_value)


FILE = ANNOTATION_PATH




@pytest.mark.parametrize("written, read", [("1e400", "'1e400'"), ("1.0e+400", "inf"), ("1e5", "'1e5'")])
def test_a_number_too_large_or_written_as_text_is_named_so(tmp_path: Path, written: str, read: str):
    # The reader's words are asserted in test_strict_reading_refuses_with_a_reason.
    root = make_project(tmp_path)
    replace_once(root, ANNOTATION_PATH, "    value: 68000000\n", f"    value: {written}\n")
    with pytest.raises(AnnotationError) as raised:
        builder.write(root)
    assert coded(raised.value) == [(f"{FILE}: figures entry 1 (id 100-f01)", "invalid-value")]
    message = raised.value.records[0].message
    assert message.startswith("value ") and read in message




@pytest.mark.parametrize("written", ['"68000000"', "!!str 68000000"])
def test_a_number_in_quotes_is_named_so(tmp_path: Path, written: str):
    root = make_project(tmp_path)
    replace_once(root, ANNOTATION_PATH, "    value: 68000000\n", f"    value: {written}\n")
    assert coded(refusal(root)) == [(f"{ANNOTATION_PATH}: figures entry 1 (id 100-f01)", "invalid-value")]


def test_an_id_list_is_split_at_commas_and_stripped():
    assert ids("000-f02, 000-f03 ,000-f04") == ["000-f02", "000-f03", "000-f04"]
    assert ids("003-o01") == ["003-o01"]
    assert ids("000-f02,, 000-f03,") == ["000-f02", "000-f03"]
    assert ids(None) == ids("") == ids(" , ") == []
