"""Anchoring annotated words to code point offsets in a source text.

An annotation gives the exact words (``text``) and, only when those words occur more than once, a
longer passage (``within``) that contains them once and itself occurs once in the source. This is the
W3C Web Annotation TextQuoteSelector idea; the result is a TextPositionSelector: 0-based,
end-exclusive offsets in Unicode code points (Python ``str`` indices).
"""

from __future__ import annotations

import re

from .errors import SpanError
from .rules.numbers import cuts_word


def find_all(haystack: str, needle: str) -> list[int]:
    """Every start offset of ``needle`` in ``haystack``, overlapping occurrences included."""
    starts = []
    start = haystack.find(needle)
    while start != -1:
        starts.append(start)
        start = haystack.find(needle, start + 1)
    return starts


def resolve_span(source_text: str, text: str, within: str | None = None) -> tuple[int, int]:
    """Return ``(char_start, char_end)`` of ``text`` in ``source_text``.

    Raises :class:`SpanError` when the words are empty, absent, or not unique and no ``within``
    passage singles one occurrence out.
    """
    if not text:
        raise SpanError("text is empty", "span-not-found")
    if within is None:
        starts = find_all(source_text, text)
        if not starts:
            raise SpanError(f"text {text!r} does not occur in the source", "span-not-found")
        if len(starts) > 1:
            raise SpanError(
                f"text {text!r} occurs {len(starts)} times in the source (at code points "
                f"{', '.join(map(str, starts[:5]))}); add a 'within' passage that contains it once",
                "span-ambiguous",
            )
        return starts[0], starts[0] + len(text)
    inner = find_all(within, text)
    if not inner:
        raise SpanError(f"text {text!r} does not occur in its 'within' passage {within!r}", "span-not-found")
    if len(inner) > 1:
        raise SpanError(f"text {text!r} occurs {len(inner)} times in its 'within' passage {within!r}", "span-ambiguous")
    outer = find_all(source_text, within)
    if not outer:
        raise SpanError(f"'within' passage {within!r} does not occur in the source", "span-not-found")
    if len(outer) > 1:
        raise SpanError(
            f"'within' passage {within!r} occurs {len(outer)} times in the source; make it longer", "span-ambiguous"
        )
    start = outer[0] + inner[0]
    return start, start + len(text)


def whole_words(source_text: str, start: int, end: int) -> None:
    """:class:`SpanError` if ``source_text[start:end]`` starts or ends with a space (any white space), or
    inside a word or a number.

    Punctuation, apostrophes, hyphens, spaces and currency signs are boundaries ("Kremlin" before "’s",
    "68 million" after "£"); a letter, digit, combining accent or separator inside a number ("4 459",
    "6٫5") is not (:func:`numbers.cuts_word`). The message shows
    the words around the span, the span between ⟦ and ⟧.
    """
    spaced = [name for name, char in (("starts", source_text[start]), ("ends", source_text[end - 1])) if char.isspace()]
    if spaced:
        raise SpanError(
            f"text {source_text[start:end]!r} {' and '.join(spaced)} with a space; a span starts and ends with "
            "its words",
            "span-inside-word",
        )
    cut = [name for name, position in (("starts", start), ("ends", end)) if cuts_word(source_text, position)]
    if not cut:
        return
    before = re.search(r"(?:\S+\s+)?\S*\Z", source_text[max(0, start - 60) : start])[0]
    after = re.match(r"\S*(?:\s+\S+)?", source_text[end : end + 60])[0]
    shown = " ".join(f"{before}⟦{source_text[start:end]}⟧{after}".split())
    raise SpanError(
        f"text {source_text[start:end]!r} {' and '.join(cut)} inside a word or number (“{shown}”); "
        "a span covers whole words and numbers",
        "span-inside-word",
    )
