"""Anchoring annotated words to code point offsets in a source text.

An annotation gives the exact words (``text``) and, only when those words occur more than once, a
longer passage (``within``) that contains them once and itself occurs once in the source. This is the
W3C Web Annotation TextQuoteSelector idea; the result is a TextPositionSelector: 0-based,
end-exclusive offsets in Unicode code points (Python ``str`` indices).
"""

from __future__ import annotations

from .errors import SpanError


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
        raise SpanError("text is empty")
    if within is None:
        starts = find_all(source_text, text)
        if not starts:
            raise SpanError(f"text {text!r} does not occur in the source")
        if len(starts) > 1:
            raise SpanError(
                f"text {text!r} occurs {len(starts)} times in the source (at code points "
                f"{', '.join(map(str, starts[:5]))}); add a 'within' passage that contains it once"
            )
        return starts[0], starts[0] + len(text)
    inner = find_all(within, text)
    if not inner:
        raise SpanError(f"text {text!r} does not occur in its 'within' passage {within!r}")
    if len(inner) > 1:
        raise SpanError(f"text {text!r} occurs {len(inner)} times in its 'within' passage {within!r}")
    outer = find_all(source_text, within)
    if not outer:
        raise SpanError(f"'within' passage {within!r} does not occur in the source")
    if len(outer) > 1:
        raise SpanError(f"'within' passage {within!r} occurs {len(outer)} times in the source; make it longer")
    start = outer[0] + inner[0]
    return start, start + len(text)
