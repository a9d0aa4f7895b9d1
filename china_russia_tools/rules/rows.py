"""Rules of where a row may stand that the build and ``validate`` both apply, written once: a span inside
its source's article body (or headline), one row of a table on a span, an id starting with its source's
number, and the keys an annotation file and its rows may write. Each returns the problems it finds, with
their codes; the caller names the place (``where``)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from ..problems import Problem


def source_prefix(source_id: str) -> str:
    """What the ids of a source's rows start with: its id up to the first ``_`` (``000``)."""
    return source_id.split("_", 1)[0]


def id_prefix(where: str, row_id: str, source_id: str) -> list[Problem]:
    """A row of a source's annotation file (an anchored row, a check) whose id does not start with the
    source's number and a hyphen."""
    prefix = source_prefix(source_id)
    if row_id.startswith(prefix + "-"):
        return []
    return [Problem(where, "id-prefix", f"id must start with this source's number, '{prefix}-'")]


def outside_body(where: str, start: int, end: int, source: dict[str, Any], in_body: bool) -> list[Problem]:
    """A span ``start``-``end`` outside its source's article body; unless the table keeps to the body
    (``in_body``), a span inside the headline is allowed too."""
    body, title = (source["body_start"], source["body_end"]), (source["title_start"], source["title_end"])
    if body[0] <= start < end <= body[1]:
        return []
    if in_body:
        place = f"the article body {body[0]}–{body[1]} of source {source['source_id']}"
    elif title[0] <= start < end <= title[1]:
        return []
    else:
        place = (
            f"the headline {title[0]}–{title[1]} and the article body {body[0]}–{body[1]} of source "
            f"{source['source_id']}; site furniture is not annotated"
        )
    message = f"span {start}–{end} lies outside {place}"
    return [Problem(where, "span-outside-body", message)]


def shared_spans(
    rows: Iterable[dict[str, Any]], key: str, where: Callable[[str, list[str]], str]
) -> list[Problem]:
    """A problem for each span of a source that two or more of ``rows`` (one anchored table) lie on, at
    ``where(source id, row ids)``: a span holds at most one row of a table."""
    on: dict[tuple[str, int, int], list[str]] = {}
    for row in rows:
        on.setdefault((row["source_id"], row["char_start"], row["char_end"]), []).append(row[key])
    return [
        Problem(
            where(source_id, ids),
            "shared-span",
            f"{len(ids)} rows lie on code points {start}-{end} of source {source_id}; "
            "a span holds at most one row of a table",
        )
        for (source_id, start, end), ids in on.items()
        if len(ids) > 1
    ]


def unknown_keys(where: str, written: Iterable[Any], allowed: Iterable[str], top_level: bool = False) -> list[Problem]:
    """The keys of ``written`` (a row's keys, or with ``top_level`` an annotation file's) that are not
    ``allowed``; a top-level key lists the keys expected in their order, a row's the allowed ones sorted."""
    allowed = list(allowed)
    unknown = sorted(set(written) - set(allowed), key=str)
    if not unknown:
        return []
    if top_level:
        message = f"unknown top-level key(s) {', '.join(map(str, unknown))}; expected {', '.join(allowed)}"
    else:
        message = f"unknown key(s) {', '.join(map(str, unknown))}; allowed keys are {', '.join(sorted(allowed))}"
    return [Problem(where, "unknown-key", message)]
