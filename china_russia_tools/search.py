"""Search every table for rows whose words match a query, ranked: ``search("lathes from China")``.

Which columns of each table are searched is said once, by the ``searched`` columns of its registry entry.
Words are compared after transliteration into Latin letters (anyascii) and case folding, so that a name
written in another script or spelled another way still finds its row: "Нуриев" finds "Ildar Nuriyev",
"习近平" finds "Xi Jinping". Each query word is compared with each word of the row, and with each two
adjacent words run together, by rapidfuzz's normalised similarity (``fuzz.ratio``, 0 to 100). A query
word matches a row when it is at least :data:`CUTOFF` similar to one of the row's words; a row matched by
any query word is found, and its score is the sum of each matching word's best similarity divided by the
number of query words: 100 when every word is found as written, less for each word missing or spelled
otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from . import registry
from .errors import SearchError
from .tables import id_column, records

CUTOFF = 85.0
"""The least similarity (0 to 100) at which a query word matches a word of a row: "lathe" matches
"lathes" (91) and "Nuriev" "Nuriyev" (92), but "lathe" does not match "later" (80)."""

COLUMNS = {"table": "string", "id": "string", "score": "float64", "words": "string", "citation": "string"}
"""The columns of :func:`search`'s result and their pandas dtypes."""

WORD = re.compile(r"\w+")


def search(words: str) -> Any:
    """The rows of the searched tables (figures, quotes, mentions, entities, series, references) whose
    words match ``words``, best first, as a pandas DataFrame: ``table``, ``id``, ``score`` (0 to 100),
    ``words`` (the row's words that matched, joined by "; ") and ``citation``. Rows of equal score keep
    the registry's order of tables and each table's order of rows. :class:`SearchError` if ``words``
    holds no word; ``ImportError`` if the extra ``search`` is not installed."""
    import pandas as pd

    fuzz, process = needed("rapidfuzz.fuzz"), needed("rapidfuzz.process")
    wanted = [normal for _, normal in tokens(words, pairs=False)]
    if not wanted:
        raise SearchError(f"nothing to search for in {words!r}: give one or more words")
    hits = []
    for name in registry.searched():
        key, columns = id_column(name), registry.table(name).searched
        for row in records(name):
            found = [token for column in columns for token in tokens(row[column] or "")]
            choices = [normal for _, normal in found]
            matches = [process.extractOne(word, choices, scorer=fuzz.ratio, score_cutoff=CUTOFF) for word in wanted]
            matches = [match for match in matches if match is not None]
            if matches:
                score = sum(match[1] for match in matches) / len(wanted)
                matched = "; ".join(dict.fromkeys(found[match[2]][0] for match in matches))
                hits.append((name, row[key], score, matched, row["citation"]))
    frame = pd.DataFrame(hits, columns=list(COLUMNS)).astype(COLUMNS)
    return frame.sort_values("score", ascending=False, kind="stable").reset_index(drop=True)


def tokens(text: str, pairs: bool = True) -> Iterator[tuple[str, str]]:
    """Each word of ``text`` and, with ``pairs``, each two adjacent words, as ``(words as written,
    compared form)``: the form in lower-case Latin letters and digits, without spaces or punctuation."""
    latin = needed("anyascii").anyascii
    words = [(match, re.sub(r"[^0-9a-z]", "", latin(match.group()).casefold())) for match in WORD.finditer(text)]
    words = [(match, normal) for match, normal in words if normal]
    for index, (match, normal) in enumerate(words):
        yield match.group(), normal
        if pairs and index + 1 < len(words):
            following, rest = words[index + 1]
            yield text[match.start() : following.end()], normal + rest


def needed(module: str) -> Any:
    """``module``, imported; an ``ImportError`` saying how to install it if it is not installed."""
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError as error:
        raise ImportError(f'search needs {module.split(".")[0]}: pip install "china-russia-tools[search]"') from error


def search_table(words: str) -> str:
    """The ``search`` command's table: each matching row's table, id, score, words and citation."""
    found = search(words)
    if found.empty:
        return f"no row's words match {words!r}"
    shown = found.assign(score=found["score"].map("{:.1f}".format))
    left = {column: f"{{:<{shown[column].str.len().max()}}}".format for column in ("table", "id", "words", "citation")}
    table = shown.to_string(index=False, formatters=left, justify="left")
    return "\n".join(line.rstrip() for line in table.splitlines())
