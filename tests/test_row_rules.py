"""row_rules.py and wording.py: the rules that compare a row with its own words and values (a value and its
written number,
a hedge word, a direction word, a scale word, an observation's number, impossible values, series and report
notes, country codes and Wikidata ids). A mention's and a quote's words are tested in test_wording.py."""

from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path

import pytest

import china_russia_tools as crt
from china_russia_tools import builder, row_rules
from china_russia_tools.errors import (
    Problems,
)
from china_russia_tools.row_rules import iso3166_name
from china_russia_tools.rules import units
from corpus import A0, A3, edited
from minimal_project import (
    ANNOTATION_PATH,
    SEED_PATH,
    coded,
    make_project,
    refusal,
    replace_once,
)

OBSERVATIONS = "annotations/observations.yaml"


@pytest.mark.parametrize("old, new, figure_id", [
    ("value: 68000000", "value: 6800000", "000-f02"),
    ("value: 57\n", "value: 0.57\n", "000-f04"),
])
def test_a_value_must_agree_with_its_written_number(project, old, new, figure_id):
    root = edited(project, A0, old, new)
    assert coded(refusal(root)) == [(f"{A0}: figures id {figure_id}", "value-words-mismatch")]




def test_a_figure_without_series_needs_a_note(tmp_path):
    root = make_project(tmp_path)
    replace_once(root, ANNOTATION_PATH, "    series_note: A share of two series.\n", "")
    assert coded(refusal(root)) == [(f"{ANNOTATION_PATH}: figures id 100-f03", "paired-field")]


def test_an_inferred_report_needs_a_report(tmp_path):
    root = make_project(tmp_path)
    replace_once(root, ANNOTATION_PATH, "    series_id: cn-exports-to-ru-machine-tools\n",
                 "    series_id: cn-exports-to-ru-machine-tools\n    report_inferred: true\n")
    assert coded(refusal(root)) == [(f"{ANNOTATION_PATH}: figures id 100-f01", "paired-field")]


FILE = ANNOTATION_PATH


def test_a_figure_without_its_scale_word_is_refused(tmp_path: Path):
    root = make_project(tmp_path)
    replace_once(root, ANNOTATION_PATH, "    text: £68 million\n    value: 68000000\n",
                 "    text: £68\n    value: 68\n")
    assert coded(refusal(root)) == [(f"{FILE}: figures id 100-f01", "scale-outside-span")]


def test_a_decimal_cut_from_its_scale_word_is_refused(tmp_path: Path):
    root = make_project(tmp_path)
    replace_once(root, SEED_PATH, "£68 million", "£6.5 million")
    replace_once(root, ANNOTATION_PATH, "    text: £68 million\n    value: 68000000\n",
                 "    text: '6.5'\n    value: 6.5\n")
    assert coded(refusal(root)) == [(f"{FILE}: figures id 100-f01", "scale-outside-span")]


ENTITIES_FILE = "annotations/entities.yaml"


CODES_FILE = "annotations/product_codes.yaml"


RUSSIA_QID = "wikidata_id: null\n    description: The Russian"




def test_iso3166_current_codes_first_then_former_ones_upper_case_only():
    assert iso3166_name("CN") == "China"
    assert iso3166_name("TW") == "Taiwan, Province of China"
    assert iso3166_name("SU") == "USSR, Union of Soviet Socialist Republics"  # ISO 3166-3 only
    assert iso3166_name("BY") == "Belarus"  # also a former code (Byelorussian SSR); the current one wins
    assert iso3166_name("su") is None  # pycountry itself ignores case
    assert iso3166_name("cn") is None
    assert iso3166_name("EU") is None
    assert iso3166_name("XX") is None


def test_without_pycountry_the_build_names_the_extra(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setitem(sys.modules, "pycountry", None)
    with pytest.raises(ImportError, match=re.escape('pycountry: pip install "china-russia-tools[build]"')):
        iso3166_name("CN")


BAD = {  # (file, old, new, the first problem's place, its code)
    "unknown-country-code": (
        ENTITIES_FILE, "country_code: RU", "country_code: XX", f"{ENTITIES_FILE}: entities id russia", "country-code",
    ),
    "withdrawn-code-unknown-to-iso-3166-3": (
        ENTITIES_FILE, "country_code: CN", "country_code: EU", f"{ENTITIES_FILE}: entities id china", "country-code",
    ),
    "lower-case-country-code": (
        ENTITIES_FILE, "country_code: CN", "country_code: cn", f"{ENTITIES_FILE}: entities entry 1 (id china)",
        "invalid-value",
    ),
    "qid-without-q": (
        ENTITIES_FILE, RUSSIA_QID, RUSSIA_QID.replace("null", "'159'"),
        f"{ENTITIES_FILE}: entities entry 2 (id russia)",
        "invalid-value",
    ),
    "qid-without-note": (
        ENTITIES_FILE, RUSSIA_QID, RUSSIA_QID.replace("null", "Q159"), f"{ENTITIES_FILE}: entities id russia",
        "paired-field",
    ),
    "note-without-qid": (
        ENTITIES_FILE, RUSSIA_QID, RUSSIA_QID.replace("null", "null\n    wikidata_note: Looked it up."),
        f"{ENTITIES_FILE}: entities id russia", "paired-field",
    ),
    "figure-without-product": (
        ANNOTATION_PATH, "    product_id: lathes\n", "", f"{ANNOTATION_PATH}: figures entry 3 (id 100-f03)",
        "invalid-value",
    ),
    "figure-with-unknown-product": (
        ANNOTATION_PATH, "product_id: lathes", "product_id: drills", f"{ANNOTATION_PATH}: figures id 100-f03",
        "unknown-reference",
    ),
    "code-of-unknown-product": (
        CODES_FILE, "product_id: lathes", "product_id: drills", f"{CODES_FILE}: product_codes id lathes-8458",
        "unknown-reference",
    ),
    "code-of-five-digits": (
        CODES_FILE, 'code: "8458"', 'code: "84581"', f"{CODES_FILE}: product_codes entry 2 (id lathes-8458)",
        "invalid-value",
    ),
    "code-as-a-number": (
        CODES_FILE, 'code: "8458"', "code: 8458", f"{CODES_FILE}: product_codes entry 2 (id lathes-8458)",
        "invalid-value",
    ),
    "unknown-classification": (
        CODES_FILE, "classification: HS2022\n    code: \"8458\"", "classification: HS2017\n    code: \"8458\"",
        f"{CODES_FILE}: product_codes entry 2 (id lathes-8458)", "invalid-value",
    ),
}


@pytest.mark.parametrize("case", BAD.values(), ids=BAD.keys())
def test_bad_identifier_is_refused(case: tuple[str, str, str, str, str], tmp_path: Path):
    relative, old, new, where, code = case
    root = make_project(tmp_path / "project")
    replace_once(root, relative, old, new)
    assert coded(refusal(root))[0] == (where, code)  # the first problem; a refused entity may cause more


def test_a_former_iso_3166_code_is_accepted(tmp_path: Path):
    root = make_project(tmp_path / "project")
    replace_once(root, ENTITIES_FILE, "country_code: RU", "country_code: SU")
    entities = builder.render(root).tables["entities"].to_pylist()
    assert [row["country_code"] for row in entities] == ["CN", "SU"]




def test_a_multiple_written_in_words_is_read(project):
    root = edited(project, A0, "    text: tenfold\n    value: 10\n", "    text: tenfold\n    value: 100\n")
    assert coded(refusal(root)) == [(f"{A0}: figures id 000-f01", "value-words-mismatch")]


@pytest.mark.parametrize("row, old, new", [
    ("003-f06", "    unit: CNY\n    approximation: approximately", "    unit: CNY\n    approximation: exact"),
    ("003-f05", "    approximation: nearly", "    approximation: approximately"),
])
def test_a_hedge_word_in_the_words_is_the_approximation(project, row, old, new):
    root = edited(project, A3, old, new)
    assert coded(refusal(root)) == [(f"{A3}: figures id {row}", "hedge-words-mismatch")]


def test_a_direction_word_inside_the_span_gives_the_sign(project):
    root = edited(project, A3, "    text: 8.6%\n    value: -8.6\n", "    text: 8.6% decline\n    value: 8.6\n")
    assert coded(refusal(root)) == [(f"{A3}: figures id 003-f04", "sign-direction")]


def test_a_hedge_up_to_is_no_direction():
    assert units.direction_near("exports of up to 5% last year", 11, 19) is None


def test_an_observation_value_is_a_number_of_its_words(project):
    root = edited(project, OBSERVATIONS, "    period_end: 2025-08-31\n    value: -16.4\n",
                  "    period_end: 2025-08-31\n    value: -15.4\n")
    assert coded(refusal(root)) == [
        (f"{OBSERVATIONS}: observations id ki-2025-09-08-exports-2025-08", "value-words-mismatch")
    ]


def observation(text: str, words: str, value: float, statistic: str = "level", unit: str = "USD") -> list[str]:
    """The problems of an observation of 2024 with ``text``, ``value_words`` and ``value``, as ``code: message``."""
    problems = Problems()
    row_rules.observation_rules({
        "period_start": dt.date(2024, 1, 1), "period_end": dt.date(2024, 12, 31), "statistic": statistic,
        "value": value, "unit": unit, "text": text, "value_words": words,
    }, "row", problems)
    return [f"{problem.code}: {problem.message}" for problem in problems.records]


def codes(found: list[str]) -> list[str]:
    return [line.split(":", 1)[0] for line in found]


@pytest.mark.parametrize("value, accepted", [(244819000000, True), (244819, False), (244.819, False)])
def test_an_observation_in_russian_reads_a_decimal_comma(value, accepted):
    text = "составив рекордные 244,819 миллиарда долларов"
    assert (observation(text, "244,819 миллиарда долларов", value) == []) is accepted


@pytest.mark.parametrize("words, value, expected", [
    ("44.8 billion", 44.8e9, ["span-not-found"]),
    ("244.8 bil", 244.8e9, ["span-not-found"]),
    ("$244.8", 244.8, ["scale-outside-span"]),
    ("$244.8 billion", 244.8e9, []),
])
def test_value_words_are_whole_words_and_numbers_of_the_text_with_their_scale(words, value, expected):
    assert codes(observation("amounted to $244.8 billion, a modest increase", words, value)) == expected


@pytest.mark.parametrize("text, words, value, expected", [
    ("товарооборот вырос на 1,9% по сравнению", "вырос на 1,9%", 1.9, []),
    ("товарооборот вырос на 1,9% по сравнению", "вырос на 1,9%", -1.9, ["sign-direction"]),
    ("экспорт снизился на 8,2%, до", "снизился на 8,2%", -8.2, []),
    ("товарооборот вырос на 1,9% по сравнению", "1,9%", 1.9, ["sign-unwritten"]),
    ("обсяг зріс на 3,5%", "зріс на 3,5%", 3.5, []),
])
def test_a_change_in_russian_or_ukrainian_reads_its_decimal_comma_and_direction(text, words, value, expected):
    assert codes(observation(text, words, value, "change_yoy", "percent")) == expected


def test_an_observation_cannot_take_the_other_month_s_number_of_its_sentence(project):
    # The August row's sentence also gives July's 8.6% fall; its value_words give August's alone.
    root = edited(project, OBSERVATIONS, "    period_end: 2025-08-31\n    value: -16.4\n",
                  "    period_end: 2025-08-31\n    value: -8.6\n")
    assert coded(refusal(root)) == [
        (f"{OBSERVATIONS}: observations id ki-2025-09-08-exports-2025-08", "value-words-mismatch")
    ]


def test_an_observed_change_has_the_sign_of_its_words(project):
    root = edited(project, OBSERVATIONS, "    value: -16.4\n", "    value: 16.4\n")
    assert coded(refusal(root)) == [
        (f"{OBSERVATIONS}: observations id ki-2025-09-08-exports-2025-08", "sign-direction")
    ]


VALUE_CASES = {  # edits, and the place and code of the problem they cause
    "negative-level": (
        [(FILE, "value: 68000000", "value: -68000000")], (f"{FILE}: figures id 100-f01", "value-out-of-bounds"),
    ),
    "negative-share": (
        [(FILE, "value: 57\n", "value: -57\n")], (f"{FILE}: figures id 100-f03", "value-out-of-bounds"),
    ),
    "share-above-100": (
        [
            (SEED_PATH, "bought 57%", "bought 157%"),
            (FILE, "text: 57%", "text: 157%"),
            (FILE, "value: 57\n", "value: 157\n"),
        ],
        (f"{FILE}: figures id 100-f03", "value-out-of-bounds"),
    ),
    "change-against-its-word": (
        [(FILE, "value: 12\n", "value: -12\n")], (f"{FILE}: figures id 100-f02", "sign-direction"),
    ),
    "fall-written-positive": (
        [(SEED_PATH, "up 12% on June", "down 12% on June")], (f"{FILE}: figures id 100-f02", "sign-direction"),
    ),
    "computed-key": (
        [(FILE, "    statistic: level\n    flow_from: china\n    flow_to: russia\n    product: lathes\n",
          "    statistic: level\n    flow_from: china\n    flow_to: russia\n    product: lathes\n"
          "    check_status: consistent\n")],
        (f"{FILE}: figures entry 3 (id 100-f03)", "computed-key"),
    ),
}


@pytest.mark.parametrize("edits, problem", VALUE_CASES.values(), ids=VALUE_CASES.keys())
def test_an_impossible_value_is_refused(tmp_path: Path, edits, problem: tuple[str, str]):
    root = make_project(tmp_path)
    for relative, old, new in edits:
        replace_once(root, relative, old, new)
    assert problem in coded(refusal(root))


def test_a_change_without_a_direction_word_keeps_its_sign(tmp_path: Path):
    root = make_project(tmp_path)
    replace_once(root, SEED_PATH, "up 12% on June", "12% on June")
    replace_once(root, FILE, "value: 12\n", "value: -12\n")
    # Nothing beside the number says which way it went: the build accepts the sign the annotation gives.
    figures = {row["figure_id"]: row for row in builder.render(root).tables["figures"].to_pylist()}
    assert (figures["100-f02"]["text"], figures["100-f02"]["value"]) == ("12%", -12)


def test_the_committed_tables_carry_no_impossible_value():
    levels = changes = 0
    for row in crt.records("figures"):
        if row["statistic"] in ("level", "multiple"):
            levels += 1
            assert row["value_low"] >= 0, row["figure_id"]
        if row["statistic"].startswith("change"):  # the sign of the direction word beside it ("fell", "up")
            found = units.direction_near(crt.tables.source_text(row["source_id"]), row["char_start"], row["char_end"])
            if found is not None:
                changes += 1
                assert (row["value"] < 0) == (found.direction == "fall"), row["figure_id"]
    assert levels > 0 and changes > 0  # both checks were made


def test_value_words_without_their_scale_word_are_named_so():
    assert observation("amounted to $244.8 billion", "$244.8", 244.8) == [
        "scale-outside-span: value_words '$244.8' leave out the word 'billion' that follows and scales their number"
    ]
