"""Rules that compare a row with its own words, each once missed (a silent wrong value): a multiple
written in words, a hedge word, a month named in the period, a direction word inside the span, a
mention's entity, an observation's number; and arithmetic checks on themselves or across units, a number
in quotes, a span with a space at an end."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from china_russia_tools import arithmetic, builder, hooks, periods, validate
from china_russia_tools.errors import AnnotationError, Problems, SpanError
from china_russia_tools.spans import whole_words
from corpus import S000, S003, require
from minimal_project import ANNOTATION_PATH, make_project, refusal, rehash, replace_once

A0, A3 = f"annotations/{S000}.yaml", f"annotations/{S003}.yaml"


def problems_of(root: Path) -> list[str]:
    with pytest.raises(AnnotationError) as raised:
        builder.render(root)
    return raised.value.problems


def edited(project: Path, relative: str, old: str, new: str) -> Path:
    """The published project with one passage of one annotation file replaced."""
    require(S000 if S000 in relative else S003)
    replace_once(project, relative, old, new)
    return project


def test_a_multiple_written_in_words_is_read(project):
    root = edited(project, A0, "    text: tenfold\n    value: 10\n", "    text: tenfold\n    value: 100\n")
    assert problems_of(root) == [
        f"{A0}: figures id 000-f01: value 100 does not agree with the number written in text 'tenfold' (10); "
        "write values in base units, e.g. '£68 million' is 68000000"
    ]


@pytest.mark.parametrize("text, values", [
    ("tenfold", [10.0]),
    ("a three-fold rise", [3.0]),
    ("Hundredfold", [100.0]),
    ("£68 million", [68000000.0]),
    ("manifold", []),
])
def test_written_values_read_multiples_in_words(text, values):
    assert arithmetic.written_values(text) == values


@pytest.mark.parametrize("text, values", [
    ("1,03 трлн юаней", [1030000000000.0]),
    ("вырос на 1,9%, составив рекордные 244,819 миллиарда долларов", [1.9, 244819000000.0]),
    ("5 млрд. доларів", [5000000000.0]),
    ("7 мільйонів", [7000000.0]),
])
def test_written_values_read_a_decimal_comma_and_russian_and_ukrainian_scale_words(text, values):
    assert arithmetic.written_values(text, decimal_comma=True) == values


@pytest.mark.parametrize("row, old, new, message", [
    ("003-f06", "    unit: CNY\n    approximation: approximately", "    unit: CNY\n    approximation: exact",
     "approximation 'exact' does not agree with 'approximately' in text 'approximately 1.03 trillion yuan', "
     "which writes approximation 'approximately'"),
    ("003-f05", "    approximation: nearly", "    approximation: approximately",
     "approximation 'approximately' does not agree with 'nearly' in text 'nearly 9%', which writes "
     "approximation 'nearly'"),
])
def test_a_hedge_word_in_the_words_is_the_approximation(project, row, old, new, message):
    root = edited(project, A3, old, new)
    assert problems_of(root) == [f"{A3}: figures id {row}: {message}"]


def test_a_period_read_from_the_words_lies_in_the_month_it_names(project):
    root = edited(project, A3, "    period_start: 2025-08-01\n    period_end: 2025-08-31\n    period_text: in August",
                  "    period_start: 2025-07-01\n    period_end: 2025-07-31\n    period_text: in August")
    advice = "set period_inferred: true, with a note, if the dates are not the ones the words give"
    error = refusal(root)
    assert error.problems == [
        f"{A3}: figures id 003-f03: period_start 2025-07-01 does not lie in August 2025, which period_text "
        f"'in August 2025' names; {advice}",
        f"{A3}: figures id 003-f03: period_end 2025-07-31 does not lie in August 2025, which period_text "
        f"'in August 2025' names; {advice}",
    ]
    assert error.codes == ["period-words-mismatch", "period-words-mismatch"]


@pytest.mark.parametrize("text, start, end, found", [
    ("in the first eight months of 2025", dt.date(2024, 1, 1), dt.date(2024, 8, 31),
     ["period_start 2024-01-01 does not lie in first eight months of 2025",
      "period_end 2024-08-31 does not lie in first eight months of 2025"]),
    ("in the first eight months of 2025", dt.date(2025, 1, 1), dt.date(2025, 8, 31), []),
    ("in the first eight months of 2025", dt.date(2025, 1, 1), dt.date(2025, 7, 31),
     ["period_end 2025-07-31 does not lie in first eight months of 2025"]),
    ("in the first 3 months of 2024", dt.date(2024, 2, 1), dt.date(2024, 3, 31),
     ["period_start 2024-02-01 does not lie in first 3 months of 2024"]),
    ("since February 2022", dt.date(2022, 2, 1), dt.date(2023, 7, 31), []),
    ("since February 2022", dt.date(2022, 3, 1), dt.date(2023, 7, 31), ["period_start 2022-03-01 does not lie in "
                                                                          "February 2022"]),
    ("until July", dt.date(2023, 1, 1), dt.date(2023, 6, 30), ["period_end 2023-06-30 does not lie in July"]),
    ("from February to July 2023", dt.date(2023, 2, 1), dt.date(2023, 7, 31), []),
    ("pre-war", dt.date(2021, 1, 1), dt.date(2021, 12, 31), []),
    ("in the first 1000 days of the war", dt.date(2022, 2, 24), dt.date(2024, 11, 19), []),
])
def test_period_rules_read_months_years_and_open_ends(text, start, end, found):
    problems = Problems()
    periods.period_rules({"period_text": text, "period_start": start, "period_end": end}, "row", problems)
    assert [line.split(", which")[0] for line in problems.lines] == [f"row: {part}" for part in found]


def test_a_direction_word_inside_the_span_gives_the_sign(project):
    root = edited(project, A3, "    text: 8.6%\n    value: -8.6\n", "    text: 8.6% decline\n    value: 8.6\n")
    error = refusal(root)
    assert error.problems == [
        f"{A3}: figures id 003-f04: value 8.6 does not carry the sign of 'decline' next to '8.6% decline': a fall "
        "is negative (annotation guide, Sign)"
    ]
    assert error.codes == ["sign-direction"]


def test_a_hedge_up_to_is_no_direction():
    assert hooks.change_direction("exports of up to 5% last year", 11, 19) is None


def test_a_mention_by_name_writes_its_entity(project):
    root = edited(project, A0, "{id: 000-m05, entity_id: ukraine", "{id: 000-m05, entity_id: china")
    error = refusal(root)
    assert error.problems == [
        f"{A0}: mentions id 000-m05: text 'Ukraine' is not the name of entity 'china', nor a part of it; a mention "
        'by another name sets metonym: true ("Kremlin" for russia), or demonym: true ("Chinese" for china)'
    ]
    assert error.codes == ["mention-name"]


@pytest.mark.parametrize("text, entity, flags, accepted", [
    ("EU", "european-union", {}, True),
    ("Nuriyev", "ildar-nuriyev", {}, True),
    ("Russian customs", "russian-customs", {}, True),
    ("TEMP forum on metalworking and additive technologies", "temp-forum", {}, True),
    ("T-80", "t-80", {}, True),
    ("Kremlin", "russia", {"metonym": True}, True),
    ("Chinese", "china", {"demonym": True}, True),
    ("Chinese", "china", {}, False),
    ("Russia", "russian-customs", {}, False),
    ("Eu", "european-union", {}, False),
])
def test_mention_rules_accept_a_part_of_the_name_or_its_initials(text, entity, flags, accepted):
    problems = Problems()
    hooks.mention_rules({"text": text, "entity_id": entity, **flags}, "row", problems)
    assert (problems.lines == []) is accepted


def test_a_forged_mention_entity_is_found_by_validate(installed):
    path = installed / "data" / "mentions.parquet"
    rows = pq.read_table(path).to_pylist()
    rows[0]["entity_id"] = "russia"
    pq.write_table(pa.Table.from_pylist(rows, schema=pq.read_schema(path)), path, compression="zstd")
    rehash(installed, "mentions")
    found = validate.provenance_records()
    assert [str(problem) for problem in found] == [
        f"mentions {rows[0]['mention_id']}: text 'China' is not the name of entity 'russia', nor a part of it; a "
        'mention by another name sets metonym: true ("Kremlin" for russia), or demonym: true ("Chinese" for china)'
    ]
    assert [problem.code for problem in found] == ["mention-name"]


def test_an_observation_value_is_a_number_of_its_words(project):
    root = edited(project, "annotations/observations.yaml", "    period_end: 2025-08-31\n    value: -16.4\n",
                  "    period_end: 2025-08-31\n    value: -15.4\n")
    error = refusal(root)
    assert error.problems == [
        "annotations/observations.yaml: observations id ki-2025-09-08-exports-2025-08: value -15.4 is none of the "
        "numbers written in text \"China's exports to Russia fell 16.4% year-on-year in August, the sharpest drop "
        "in five months and adding to July's 8.6% decline, marking the fifth straight monthly contraction.\" "
        "(16.4, 8.6); write values in base units, e.g. '1.03 trillion yuan' is 1030000000000"
    ]
    assert error.codes == ["value-words-mismatch"]


@pytest.mark.parametrize("value, accepted", [(244819000000, True), (244819, False), (244.819, False)])
def test_an_observation_in_russian_reads_a_decimal_comma(value, accepted):
    problems = Problems()
    hooks.observation_rules({
        "period_start": dt.date(2024, 1, 1), "period_end": dt.date(2024, 12, 31), "statistic": "level",
        "value": value, "text": "составив рекордные 244,819 миллиарда долларов",
    }, "row", problems)
    assert (problems.lines == []) is accepted


@pytest.mark.parametrize("operands, message", [
    ("000-f01, 000-f03", "operands name the checked figure 000-f01; a figure cannot check itself"),
    ("000-f02, 000-f04", "rule multiple compares figures of one unit, got 000-f02 GBP, 000-f04 percent"),
])
def test_an_arithmetic_check_on_itself_or_across_units_is_refused(project, operands, message):
    root = edited(project, A0, "    operands: 000-f02, 000-f03", f"    operands: {operands}")
    assert problems_of(root) == [f"{A0}: checks id 000-c01: {message}"]


@pytest.mark.parametrize("written", ['"68000000"', "!!str 68000000"])
def test_a_number_in_quotes_is_named_so(tmp_path: Path, written: str):
    root = make_project(tmp_path)
    replace_once(root, ANNOTATION_PATH, "    value: 68000000\n", f"    value: {written}\n")
    assert problems_of(root) == [
        f"{ANNOTATION_PATH}: figures entry 1 (id 100-f01): value must be a number, got the text '68000000': "
        "write it without quotes or a !!str tag"
    ]


def test_a_span_with_a_space_at_an_end_is_refused(tmp_path: Path):
    root = make_project(tmp_path)
    replace_once(root, ANNOTATION_PATH, "    text: £68 million\n", "    text: ' £68 million'\n")
    error = refusal(root)
    assert error.problems == [
        f"{ANNOTATION_PATH}: figures id 100-f01: text ' £68 million' starts with a space; a span starts and ends "
        "with its words"
    ]
    assert error.codes == ["span-inside-word"]


def test_whole_words_refuses_a_space_at_either_end():
    with pytest.raises(SpanError) as raised:
        whole_words("rose to £68 million in July", 7, 20)
    assert str(raised.value) == (
        "text ' £68 million ' starts and ends with a space; a span starts and ends with its words"
    )



def test_an_observed_change_has_the_sign_of_its_words(project):
    root = edited(project, "annotations/observations.yaml", "    value: -16.4\n", "    value: 16.4\n")
    error = refusal(root)
    assert error.problems == [
        "annotations/observations.yaml: observations id ki-2025-09-08-exports-2025-08: value 16.4 does not carry "
        "the sign of 'fell' next to '16.4'"
    ]
    assert error.codes == ["sign-direction"]
