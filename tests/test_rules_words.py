"""rules/: the one reader of a figure's words, and the rules that compare each row with it. Every sentence
here is written for these tests."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from china_russia_tools import wording
from china_russia_tools.errors import Problems, SpanError
from china_russia_tools.rules import numbers, periods, units, words
from china_russia_tools.spans import whole_words
from conftest import ROOT

WINDOW = (dt.date(2025, 10, 2), None)


def figure(sentence: str, text: str, **fields: object) -> list[str]:
    """The codes of the problems of a figure with ``text`` in ``sentence`` and the given fields (a level in
    USD of a trade value, exact, with no period, unless said)."""
    start = sentence.index(text)
    values = {
        "text": text, "char_start": start, "char_end": start + len(text), "value": None, "value_low": None,
        "value_high": None, "unit": "USD", "approximation": "exact", "measure": "trade_value",
        "statistic": "level", "period_start": None, "period_end": None, "period_text": None,
        "period_inferred": False, "report_inferred": False, "report_id": None, "series_id": None,
        "series_note": "none fits", "note": "a note", **fields,
    }
    problems = Problems()
    wording.figure_rules(values, "row", problems, sentence)
    return [problem.code for problem in problems.records]


# Numbers: scale words in any case and abbreviated, words, scripts and separators ---------------------

@pytest.mark.parametrize("sentence, text, value", [
    ("Sales reached $68 Million last spring.", "$68 Million", 68e6),
    ("Sales reached $68 MILLION last spring.", "$68 MILLION", 68e6),
    ("Orders worth $68m were placed.", "$68m", 68e6),
    ("Orders worth US$4.2bn were placed.", "US$4.2bn", 4.2e9),
    ("A plant worth $3 bln opened.", "$3 bln", 3e9),
    ("A plant worth $12mn opened.", "$12mn", 12e6),
    ("A plant worth $250k opened.", "$250k", 250e3),
    ("Debts of $1.1tn were rolled over.", "$1.1tn", 1.1e12),
    ("The fund held two million dollars.", "two million dollars", 2e6),
    ("The fund held forty-five thousand dollars.", "forty-five thousand dollars", 45e3),
    ("Выручка составила 7 млн долларов.", "7 млн долларов", 7e6),
    ("Выручка составила 3,5 тыс. долларов.", "3,5 тыс. долларов", 3.5e3),
    ("Виторг склав 2 млрд доларів.", "2 млрд доларів", 2e9),
    ("The order was $4\u2009459 in total.", "$4\u2009459", 4459),
    ("The order was $4\u202f459 in total.", "$4\u202f459", 4459),
    ("The order was $4 459 in total.", "$4 459", 4459),
    ("The order was $٤٥ in total.", "$٤٥", 45),
    ("The order was $6\u066b5 in total.", "$6\u066b5", 6.5),
])
def test_a_number_is_read_in_base_units_whatever_its_scale_script_or_separator(sentence, text, value):
    assert figure(sentence, text, value=value) == []
    assert figure(sentence, text, value=value / 1000 if value >= 1000 else value * 10) == ["value-words-mismatch"]


@pytest.mark.parametrize("sentence, position", [
    ("Rails: 4\u2009459 units.", 8),
    ("Rails: 4\u202f459 units.", 8),
    ("Rails: 4 459 units.", 8),
    ("Rails: 6\u066b5 units.", 8),
    ("Caf\u0065\u0301 sales", 4),
])
def test_a_span_boundary_inside_a_grouped_number_or_before_an_accent_cuts_it(sentence, position):
    assert numbers.cuts_word(sentence, position)
    with pytest.raises(SpanError) as raised:
        whole_words(sentence, position - 1, position)
    assert raised.value.code == "span-inside-word"


def test_a_space_between_a_year_and_a_count_does_not_join_them():
    assert [number.value for number in numbers.numbers("In 2022 12 plants closed.")] == [2022, 12]


# Units: ISO 4217 from signs, prefixed signs and names; percent against percentage points ----------------

@pytest.mark.parametrize("sentence, text, right, wrong", [
    ("Imports cost HK$12.5 billion.", "HK$12.5 billion", "HKD", "USD"),
    ("Imports cost C$3 billion.", "C$3 billion", "CAD", "USD"),
    ("Imports cost A$3 billion.", "A$3 billion", "AUD", "USD"),
    ("Imports cost 300 million rubles.", "300 million rubles", "RUB", "USD"),
    ("Imports cost 300 million roubles.", "300 million roubles", "RUB", "GBP"),
    ("Imports cost 9 billion hryvnias.", "9 billion hryvnias", "UAH", "RUB"),
    ("Imports cost 9 billion yen.", "9 billion yen", "JPY", "CNY"),
    ("Imports cost CHF 9 million.", "CHF 9 million", "CHF", "EUR"),
    ("Imports cost 9 million KZT.", "9 million KZT", "KZT", "RUB"),
    ("Импорт составил 5 млрд рублей.", "5 млрд рублей", "RUB", "USD"),
    ("Імпорт склав 5 млрд гривень.", "5 млрд гривень", "UAH", "RUB"),
])
def test_a_currency_is_read_from_its_sign_code_or_name(sentence, text, right, wrong):
    value = words.read(sentence, sentence.index(text), sentence.index(text) + len(text)).value
    assert figure(sentence, text, value=value, unit=right) == []
    assert figure(sentence, text, value=value, unit=wrong) == ["unit-words-mismatch"]


@pytest.mark.parametrize("sentence, text, right, wrong", [
    ("Its share was 5 per cent.", "5 per cent", "percent", "GBP"),
    ("Its share was 5 percent.", "5 percent", "percent", "percentage_point"),
    ("Its share was 16.4%.", "16.4%", "percent", "percentage_point"),
    ("Its share was 3 percentage points higher.", "3 percentage points", "percentage_point", "percent"),
    ("Its share was 3 pp higher.", "3 pp", "percentage_point", "percent"),
    ("Доля выросла на 3 процентных пункта.", "3 процентных пункта", "percentage_point", "percent"),
])
def test_percent_and_percentage_points_are_told_apart(sentence, text, right, wrong):
    statistic = "change" if "higher" in sentence or "выросла" in sentence else "level"
    value = abs(words.read(sentence, sentence.index(text), sentence.index(text) + len(text)).value)
    assert figure(sentence, text, value=value, unit=right, statistic=statistic) == []
    assert "unit-words-mismatch" in figure(sentence, text, value=value, unit=wrong, statistic=statistic)


def test_a_yen_sign_leaves_the_currency_to_its_sentence():
    sentence = "Parts cost ¥700 million."
    assert figure(sentence, "¥700 million", value=7e8, unit="CNY") == []
    assert figure(sentence, "¥700 million", value=7e8, unit="JPY") == []
    assert figure(sentence, "¥700 million", value=7e8, unit="USD") == ["unit-words-mismatch"]


@pytest.mark.parametrize("sentence, text, value", [
    ("Sales rose tenfold.", "tenfold", 10), ("Sales rose two-fold.", "two-fold", 2),
    ("Sales rose 3-fold.", "3-fold", 3), ("Sales doubled.", "doubled", 2), ("Sales were halved.", "halved", 0.5),
    ("Sales grew 10 times over.", "10 times", 10),
])
def test_a_multiple_is_read_in_words_or_digits(sentence, text, value):
    assert figure(sentence, text, value=value, unit="multiple", statistic="multiple") == []
    assert "statistic-words-mismatch" in figure(sentence, text, value=value, unit="multiple", statistic="level")


def test_a_count_is_read_with_its_noun():
    reading = words.read("Plants shipped 4,459 CNC machines.", 15, 33)
    assert (reading.value, reading.units, reading.noun) == (4459, ("units",), "CNC machines")


# Sign and hedge, inside the span and next to it ---------------------------------------------------

@pytest.mark.parametrize("sentence, text", [
    ("Exports moved -16.4% over the year.", "-16.4%"),
    ("Exports moved \u221216.4% over the year.", "\u221216.4%"),
    ("Exports were 8.8% lower than before.", "8.8%"),
    ("Exports slid 8.8% in the spring.", "8.8%"),
    ("Экспорт снизился на 8,8% за весну.", "8,8%"),
])
def test_a_fall_is_negative(sentence, text):
    assert figure(sentence, text, value=-abs(float(text.strip("-\u2212%").replace(",", "."))), unit="percent",
                  statistic="change") == []
    assert "sign-direction" in figure(sentence, text, value=abs(float(text.strip("-\u2212%").replace(",", "."))),
                                      unit="percent", statistic="change")


def test_a_minus_sign_left_outside_the_span_is_named():
    assert figure("Exports moved \u221216.4% over the year.", "16.4%", value=-16.4, unit="percent",
                  statistic="change") == ["sign-outside-span"]


@pytest.mark.parametrize("sentence, text, hedge", [
    ("Trade fell by nearly 9% this spring.", "nearly 9%", "nearly"),
    ("Trade fell by almost 9% this spring.", "almost 9%", "nearly"),
    ("Trade fell by some 9% this spring.", "some 9%", "approximately"),
    ("Trade fell by about 9% this spring.", "about 9%", "approximately"),
    ("Trade fell by more than 9% this spring.", "more than 9%", "more_than"),
    ("Trade fell by at least 9% this spring.", "at least 9%", "at_least"),
    ("Товарооборот снизился почти на 9% весной.", "почти на 9%", "nearly"),
    ("Товарообіг скоротився майже на 9% навесні.", "майже на 9%", "nearly"),
])
def test_a_hedge_is_the_approximation(sentence, text, hedge):
    assert figure(sentence, text, value=-9, unit="percent", statistic="change", approximation=hedge) == []
    assert figure(sentence, text, value=-9, unit="percent", statistic="change", approximation="exact") == [
        "hedge-words-mismatch"
    ]


def test_a_hedge_left_outside_the_span_is_named():
    found = figure("Trade fell by nearly 9% this spring.", "9%", value=-9, unit="percent", statistic="change")
    assert found == ["hedge-outside-span", "hedge-words-mismatch"]


def test_a_hedged_row_needs_a_hedge_word():
    assert figure("Trade fell by 9% this spring.", "9%", value=-9, unit="percent", statistic="change",
                  approximation="approximately") == ["hedge-words-mismatch"]


def test_a_level_beside_a_verb_of_change_is_a_level():
    sentence = "Exports rose to $5bn in the spring."
    assert figure(sentence, "$5bn", value=5e9) == []
    assert words.read(sentence, 16, 20).statistic == "level"


def test_year_on_year_words_make_a_change_year_on_year():
    sentence = "Exports fell 4% year on year."
    assert figure(sentence, "4%", value=-4, unit="percent", statistic="change_yoy") == []
    assert figure(sentence, "4%", value=-4, unit="percent", statistic="change") == ["statistic-words-mismatch"]


# Periods ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, start, end", [
    ("in 2022 and the first half of 2023", dt.date(2022, 1, 1), dt.date(2023, 6, 30)),
    ("in the first eight months of 2025", dt.date(2025, 1, 1), dt.date(2025, 8, 31)),
    ("January–August 2025", dt.date(2025, 1, 1), dt.date(2025, 8, 31)),
    ("between March and May 2024", dt.date(2024, 3, 1), dt.date(2024, 5, 31)),
    ("in Q3 2023", dt.date(2023, 7, 1), dt.date(2023, 9, 30)),
    ("in the second half of 2021", dt.date(2021, 7, 1), dt.date(2021, 12, 31)),
    ("since February 2022", dt.date(2022, 2, 1), None),
    ("since the start of 2022", dt.date(2022, 1, 1), None),
    ("in 2022-2023", dt.date(2022, 1, 1), dt.date(2023, 12, 31)),
    ("в январе–августе 2025 года", dt.date(2025, 1, 1), dt.date(2025, 8, 31)),
    ("у січні–серпні 2025 року", dt.date(2025, 1, 1), dt.date(2025, 8, 31)),
])
def test_a_period_is_read_from_its_words(text, start, end):
    period = periods.period_of(text)
    assert (period.start, period.end, period.from_window) == (start, end, False)
    row = {"period_start": start, "period_end": end or dt.date(2025, 12, 31), "period_text": text}
    assert figure("Trade was $5bn.", "$5bn", value=5e9, **row) == []
    wrong = {**row, "period_start": start.replace(year=start.year - 1)}
    assert figure("Trade was $5bn.", "$5bn", value=5e9, **wrong) == ["period-words-mismatch"]


@pytest.mark.parametrize("text, start, end", [
    ("in July", dt.date(2025, 7, 1), dt.date(2025, 7, 31)),
    ("last year", dt.date(2024, 1, 1), dt.date(2024, 12, 31)),
    ("over the first eight months of the year", dt.date(2025, 1, 1), dt.date(2025, 8, 31)),
])
def test_words_without_a_year_are_resolved_against_the_publication_window_and_need_inferred(text, start, end):
    period = periods.period_of(text, WINDOW)
    assert (period.start, period.end, period.from_window) == (start, end, True)
    row = {"period_start": start, "period_end": end, "period_text": text}
    assert figure("Trade was $5bn.", "$5bn", value=5e9, **row) == ["period-words-mismatch"]
    assert figure("Trade was $5bn.", "$5bn", value=5e9, period_inferred=True, **row) == []


def test_a_direction_word_in_another_clause_gives_no_sign():
    assert units.direction_near("Sales fell, but 5% of buyers stayed.", 16, 18) is None


# Finding figures for draft ------------------------------------------------------------------------

def test_find_reads_figures_and_leaves_years_dates_designations_and_ages():
    sentence = ("On 12 March 2024 the T-72 plant, 40 years old, said exports fell 12% to $3.5bn, "
                "some 1,200 lathes, in the first quarter of 2024.")
    found = [(reading.text, reading.low, reading.units) for reading in words.find(sentence)]
    assert found == [("12%", -12.0, ("percent",)), ("$3.5bn", 3.5e9, ("USD",)),
                     ("some 1,200 lathes", 1200.0, ("units",))]


# Fields decided from the document, not the words ---------------------------------------------------

@pytest.mark.parametrize("sentence, field, row", [
    ("Its share was 16.4% at the time.", "unit", {"value": 16.4, "unit": "percentage_point"}),
    ("Its share was 16.4% at the time.", "approximation",
     {"value": 16.4, "unit": "percent", "approximation": "approximately"}),
    ("Its share fell 16.4% at the time.", "statistic", {"value": 16.4, "unit": "percent", "statistic": "level"}),
    ("Its share fell 16.4% at the time.", "sign", {"value": 16.4, "unit": "percent", "statistic": "change"}),
])
def test_a_field_listed_as_inferred_is_not_compared_with_the_words(sentence, field, row):
    assert figure(sentence, "16.4%", **row) != []
    assert figure(sentence, "16.4%", inferred=field, **row) == []
    assert figure(sentence, "16.4%", inferred=field, **{**row, "note": None}) == ["paired-field"]


def test_inferred_lists_only_fields_the_words_could_say():
    assert figure("Its share was 16.4%.", "16.4%", value=16.4, unit="percent", inferred="flow_from") == [
        "invalid-value"
    ]


def test_every_currency_the_reader_writes_is_a_unit_figures_and_observations_take():
    descriptor = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))
    enums = [
        field["constraints"]["enum"]
        for resource in descriptor["resources"] if resource["name"] in ("figures", "observations")
        for field in resource["schema"]["fields"] if field["name"] == "unit"
    ]
    written = {code for codes in units.CURRENCY_SIGNS.values() for code in codes} | set(units.CURRENCY_NAMES.values())
    assert len(enums) == 2 and written > {"HKD", "UAH", "KZT"}
    assert [sorted(written - set(enum)) for enum in enums] == [[], []]


def test_a_figure_in_any_iso_4217_currency_builds(tmp_path):
    from china_russia_tools import builder
    from minimal_project import ANNOTATION_PATH, SEED_PATH, make_project, replace_once

    root = make_project(tmp_path)
    replace_once(root, SEED_PATH, "£68 million", "HK$68 million")
    replace_once(root, ANNOTATION_PATH, "text: £68 million\n", "text: HK$68 million\n")
    replace_once(root, ANNOTATION_PATH, "    unit: GBP\n", "    unit: HKD\n")
    figures = {row["figure_id"]: row for row in builder.render(root).tables["figures"].to_pylist()}
    assert (figures["100-f01"]["unit"], figures["100-f01"]["value"]) == ("HKD", 68e6)


# Readings that an independent review of the reader found wrong, now right ---------------------------

@pytest.mark.parametrize("sentence, text, right, wrong", [
    ("Output growth was \u22123.2% in spring.", "\u22123.2%", {"value": -3.2, "statistic": "change"},
     {"value": 3.2, "statistic": "change"}),
    ("Экспорт вырос до 5 млрд долларов.", "5 млрд долларов", {"value": 5e9, "unit": "USD"},
     {"value": 5e9, "unit": "USD", "statistic": "change"}),
    ("Exports fell to $3bn.", "$3bn", {"value": 3e9}, {"value": -3e9, "statistic": "change"}),
    ("Імпорт зріс у 10 разів.", "10 разів", {"value": 10, "unit": "multiple", "statistic": "multiple"},
     {"value": 10, "unit": "units"}),
    ("Витрати склали 300 млн грн.", "300 млн грн", {"value": 3e8, "unit": "UAH"}, {"value": 3e8, "unit": "RUB"}),
    ("Loans of RMB 5 billion were signed.", "RMB 5 billion", {"value": 5e9, "unit": "CNY"}, {"value": 5e9}),
    ("The gap grew 3 percentage-points.", "3 percentage-points",
     {"value": 3, "unit": "percentage_point", "statistic": "change"},
     {"value": 3, "unit": "percent", "statistic": "change"}),
    ("The prize was a million dollars.", "a million dollars", {"value": 1e6}, {"value": 1}),
    ("Exports in 2024 250 machines were shipped.", "250 machines", {"value": 250, "unit": "units"},
     {"value": 2024250, "unit": "units"}),
])
def test_a_reading_the_review_found_wrong(sentence, text, right, wrong):
    unit = {"unit": "percent"} if "%" in text else {}
    assert figure(sentence, text, **{**unit, **right}) == []
    assert figure(sentence, text, **{**unit, **wrong}) != []


def test_an_abbreviated_month_is_read():
    period = periods.period_of("in Sept. 2025")
    assert (period.start, period.end) == (dt.date(2025, 9, 1), dt.date(2025, 9, 30))


def test_the_year_alone_names_no_period():
    assert periods.periods("exports rose 9% on the year") == []


@pytest.mark.parametrize(("text", "span", "bounds"), [
    ("One. Two three. Four.\n\nFive", (5, 8), (5, 15)),     # "Two" in "Two three."
    ("One. Two three. Four.\n\nFive", (9, 20), (5, 21)),    # "three. Four" runs over a break: both are kept
    ("One. Two three. Four.\n\nFive", (23, 27), (23, 27)),  # after a blank line
    ("One. Two three. Four.\n\nFive", (0, 3), (0, 4)),
    ("“It fell.” Sales rose.", (11, 16), (11, 22)),         # a sentence that begins where the words do
    ("“It fell.” Sales rose.", (4, 8), (0, 10)),            # the closing quote stays with its sentence
    ("Output rose 5 p.c. in the year.\nThe end", (26, 30), (0, 31)),  # no break before a small letter
])
def test_a_sentence_never_cuts_the_words_and_keeps_its_closing_quote(text, span, bounds):
    # show() and draft read the same sentences: display marks the words in this one.
    assert words.sentence_around(text, *span) == bounds
