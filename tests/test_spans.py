"""spans.py: offsets are code points (never byte or UTF-16 offsets); words are found once or refused,
with a message that says how often they occur; a span covers whole words and numbers."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from china_russia_tools import builder
from china_russia_tools.errors import AnnotationError, SpanError
from china_russia_tools.spans import resolve_span, whole_words
from conftest import seed_text
from corpus import S000, S003, figure, require
from minimal_project import ANNOTATION_PATH, SEED_PATH, coded, make_project, refusal, replace_once

FILE = ANNOTATION_PATH


def written_refusal(root: Path) -> AnnotationError:
    """The error a build that writes its outputs raises."""
    with pytest.raises(AnnotationError) as raised:
        builder.write(root)
    return raised.value


def test_a_figure_cut_inside_a_number_is_refused(tmp_path: Path):
    root = make_project(tmp_path)
    replace_once(root, ANNOTATION_PATH, "    text: £68 million\n    value: 68000000\n",
                 "    text: 8 million\n    value: 8000000\n")
    assert coded(refusal(root)) == [(f"{FILE}: figures id 100-f01", "span-inside-word")]


def test_a_digit_cut_from_a_decimal_is_refused(tmp_path: Path):
    root = make_project(tmp_path)
    replace_once(root, SEED_PATH, "£68 million", "£6.5 million")
    replace_once(root, ANNOTATION_PATH, "    text: £68 million\n    value: 68000000\n",
                 "    text: 5 million\n    within: £6.5 million\n    value: 5000000\n")
    assert coded(written_refusal(root)) == [(f"{FILE}: figures id 100-f01", "span-inside-word")]


def test_a_mention_inside_a_longer_word_is_refused(tmp_path: Path):
    root = make_project(tmp_path)
    replace_once(root, SEED_PATH, "Russia and China traded", "Russian and China traded")
    replace_once(root, ANNOTATION_PATH, "within: Russia bought}", "within: Russian and}")
    assert coded(refusal(root)) == [(f"{FILE}: mentions id 100-m02", "span-inside-word")]


@pytest.mark.parametrize("text, start, end", [
    ("the Kremlin’s view", 4, 11),   # before an apostrophe
    ("rose to £68 million.", 9, 19),  # after a currency sign, before a full stop
    ("a pre-war figure", 2, 9),       # hyphenated word whole
    ("up 12%, then", 3, 6),
])
def test_boundaries_at_punctuation_apostrophes_and_currency_signs_are_whole_words(text, start, end):
    assert whole_words(text, start, end) is None


def test_offsets_are_code_points_not_bytes(tables):
    figures = tables["figures"].set_index("figure_id")
    text = seed_text(require(S000).source_id)
    # "£" is two bytes in UTF-8: a byte offset would land one place later than the code point offset.
    first, second = figure("000-f02").text, figure("000-f03").text
    assert first.startswith("£") and second.startswith("£")
    start = text.index(first)
    assert text.encode("utf-8").index(first.encode("utf-8")) == start + 0  # nothing before it is multibyte
    later = text.index(second)
    assert text.encode("utf-8").index(second.encode("utf-8")) == later + 1  # one "£" before it
    assert (figures.loc["000-f02", "char_start"], figures.loc["000-f02", "char_end"]) == (start, start + 11)
    assert (figures.loc["000-f03", "char_start"], figures.loc["000-f03", "char_end"]) == (later, later + 12)


def test_curly_apostrophes_count_as_one_code_point(tables):
    mentions = tables["mentions"].set_index("mention_id")
    text = seed_text(require(S003).source_id)
    start = text.index("Kremlin’s economic")
    assert mentions.loc["003-m18", ["char_start", "char_end", "text"]].tolist() == [start, start + 7, "Kremlin"]


def test_a_span_with_a_space_at_an_end_is_refused(tmp_path: Path):
    root = make_project(tmp_path)
    replace_once(root, ANNOTATION_PATH, "    text: £68 million\n", "    text: ' £68 million'\n")
    assert coded(refusal(root)) == [(f"{ANNOTATION_PATH}: figures id 100-f01", "span-inside-word")]


def test_whole_words_refuses_a_space_at_either_end():
    with pytest.raises(SpanError) as raised:
        whole_words("rose to £68 million in July", 7, 20)
    assert str(raised.value) == (
        "text ' £68 million ' starts and ends with a space; a span starts and ends with its words"
    )
    assert raised.value.code == "span-inside-word"


# A small alphabet makes repeated words likely; it mixes one-, two-, three- and four-byte characters,
# a combining accent and a line end, so that byte, UTF-16 and code point offsets all differ.
SMALL = st.text(alphabet=list("ab £’中😀\u0301\n"), min_size=1, max_size=40)


ANY = st.text(min_size=1, max_size=200)


ABSENT = "¤"  # never drawn from SMALL


# No deadline: these tests are about correctness; speed is measured by benchmarks/run.py.
NO_DEADLINE = settings(deadline=None)


def occurrences(haystack: str, needle: str) -> list[int]:
    """Every start of ``needle`` in ``haystack``, overlapping ones included (a plain reference)."""
    return [start for start in range(len(haystack)) if haystack.startswith(needle, start)]


@st.composite
def chosen(draw: st.DrawFn, texts: st.SearchStrategy[str]) -> tuple[str, int, int]:
    """A text and the code point offsets of a non-empty slice of it."""
    text = draw(texts)
    start = draw(st.integers(0, len(text) - 1))
    end = draw(st.integers(start + 1, len(text)))
    return text, start, end


@NO_DEADLINE
@given(chosen(SMALL) | chosen(ANY))
@example(("😀£ x", 3, 4))
@example(("Kremlin’s economic policy; the Kremlin", 0, 9))
def test_words_resolve_to_their_offsets_or_are_refused(case: tuple[str, int, int]):
    text, start, end = case
    words = text[start:end]
    found = occurrences(text, words)
    if len(found) == 1:
        assert resolve_span(text, words) == (start, end)
    else:
        with pytest.raises(SpanError) as raised:
            resolve_span(text, words)
        assert raised.value.code == ("span-not-found" if not found else "span-ambiguous")
        assert f"{words!r}" in str(raised.value) and f" {len(found)} " in str(raised.value)
        assert f" {found[0]}," in str(raised.value)


@NO_DEADLINE
@given(chosen(SMALL) | chosen(ANY), st.data())
def test_a_within_passage_singles_out_one_occurrence(case: tuple[str, int, int], data: st.DataObject):
    text, start, end = case
    before = data.draw(st.integers(0, start))
    after = data.draw(st.integers(end, len(text)))
    words, within = text[start:end], text[before:after]
    inner, outer = occurrences(within, words), occurrences(text, within)
    if len(inner) > 1:
        with pytest.raises(SpanError) as raised:
            resolve_span(text, words, within)
        assert raised.value.code == "span-ambiguous"
        assert f"{words!r}" in str(raised.value) and f" {len(inner)} " in str(raised.value)
        assert f"{within!r}" in str(raised.value)
    elif len(outer) > 1:
        with pytest.raises(SpanError) as raised:
            resolve_span(text, words, within)
        assert raised.value.code == "span-ambiguous"
        assert f"{within!r}" in str(raised.value) and f" {len(outer)} " in str(raised.value)
    else:
        assert resolve_span(text, words, within) == (start, end)


@NO_DEADLINE
@given(chosen(SMALL))
def test_absent_words_are_refused(case: tuple[str, int, int]):
    text, start, end = case
    words = text[start:end] + ABSENT
    with pytest.raises(SpanError) as raised:
        resolve_span(text, words)
    assert (raised.value.code, f"{words!r}" in str(raised.value)) == ("span-not-found", True)
    with pytest.raises(SpanError) as raised:
        resolve_span(text, words, text)
    assert raised.value.code == "span-not-found"
    assert f"{words!r}" in str(raised.value) and f"{text!r}" in str(raised.value)


def test_an_astral_character_counts_once():
    text = "😀£ lathes"
    assert resolve_span(text, "lathes") == (3, 9)
    assert text.encode("utf-8").index(b"lathes") == 7
    assert text.encode("utf-16-le").index("lathes".encode("utf-16-le")) // 2 == 4


def test_empty_words_are_refused():
    with pytest.raises(SpanError, match="^text is empty$") as raised:
        resolve_span("any text", "")
    assert raised.value.code == "span-not-found"
