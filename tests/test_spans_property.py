"""Properties of the span resolver on random texts: it finds the chosen words at their code point
offsets (never byte or UTF-16 offsets), or refuses with a message that says how often they occur."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from china_russia_tools.errors import SpanError
from china_russia_tools.spans import resolve_span

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
        message = f"text {words!r} occurs {len(found)} times in the source (at code points {found[0]}, "
        with pytest.raises(SpanError, match=re.escape(message)):
            resolve_span(text, words)


@NO_DEADLINE
@given(chosen(SMALL) | chosen(ANY), st.data())
def test_a_within_passage_singles_out_one_occurrence(case: tuple[str, int, int], data: st.DataObject):
    text, start, end = case
    before = data.draw(st.integers(0, start))
    after = data.draw(st.integers(end, len(text)))
    words, within = text[start:end], text[before:after]
    inner, outer = occurrences(within, words), occurrences(text, within)
    if len(inner) > 1:
        message = f"text {words!r} occurs {len(inner)} times in its 'within' passage {within!r}"
        with pytest.raises(SpanError, match=re.escape(message)):
            resolve_span(text, words, within)
    elif len(outer) > 1:
        message = f"'within' passage {within!r} occurs {len(outer)} times in the source; make it longer"
        with pytest.raises(SpanError, match=re.escape(message)):
            resolve_span(text, words, within)
    else:
        assert resolve_span(text, words, within) == (start, end)


@NO_DEADLINE
@given(chosen(SMALL))
def test_absent_words_are_refused(case: tuple[str, int, int]):
    text, start, end = case
    words = text[start:end] + ABSENT
    with pytest.raises(SpanError, match=re.escape(f"text {words!r} does not occur in the source")):
        resolve_span(text, words)
    with pytest.raises(SpanError, match=re.escape(f"text {words!r} does not occur in its 'within' passage {text!r}")):
        resolve_span(text, words, text)


def test_an_astral_character_counts_once():
    text = "😀£ lathes"
    assert resolve_span(text, "lathes") == (3, 9)
    assert text.encode("utf-8").index(b"lathes") == 7
    assert text.encode("utf-16-le").index("lathes".encode("utf-16-le")) // 2 == 4


def test_empty_words_are_refused():
    with pytest.raises(SpanError, match="^text is empty$"):
        resolve_span("any text", "")
