"""``draft``: a first annotation file for a new seed, for a person to review.

Figures come from the words reader (:func:`rules.words.find`), mentions from the names, aliases and
demonyms of ``annotations/entities.yaml`` and a short list of capitals standing for their state, quotes
from quotation marks. Every row and the source block carry ``drafted: true``, which the build refuses,
so nothing drafted is published before a person has checked it against its words and removed the mark.
"""

from __future__ import annotations

import bisect
import contextlib
import functools
import os
import re
from pathlib import Path
from typing import Any

import yaml

from ..errors import AnnotationError, DataError, Problems
from ..rules import periods, words
from ..rules.rows import source_prefix
from ..rules.units import WORD
from .context import ANNOTATIONS, SEEDS
from .inputs import read_seed, read_yaml

METONYMS = {"Moscow": "RU", "Kremlin": "RU", "Beijing": "CN", "Kyiv": "UA", "Washington": "US", "Brussels": None}
"""Places that stand for a state or bloc, with the country code of the entity they stand for (Brussels: the
European Union, the one entity of type bloc)."""
FURNITURE = re.compile(
    r"^(?:connect with us|share this|continue reading|trending|related|subscribe|read more|copyright|all rights"
    r"|our editorial team|published$|on$|editorial$|world$)", re.IGNORECASE,
)
"""Opening words of a line that is site furniture rather than article text."""
CUES = ("said", "says", "stated", "stating", "noted", "told", "added", "stressed", "emphasized", "emphasised",
        "warned", "explained", "wrote", "described", "called", "according to", "заявил", "сказал", "отметил",
        "заявив", "сказав", "зазначив")
"""Verbs that report speech, read next to a quote."""
_QUOTE = re.compile(r"“([^”“]{2,}?)”|«([^»«]{2,}?)»|„([^“”„]{2,}?)[“”]|\"([^\"\n]{2,}?)\"")
_MEASURES = (("share|of .{0,40}imports|per cent of|% of", "import_share"), ("turnover|trade between|bilateral trade|"
             "total trade|trade value", "trade_turnover"))


def draft(root: Path, seed: Path) -> dict[str, Any]:
    """The annotation document drafted for ``seed`` (a file of ``root/seeds``), in the build's format."""
    problems = Problems()
    read = read_seed(seed, str(seed), problems)
    if read is None:  # refused as the build refuses it, with the problem's code
        raise AnnotationError(problems.records)
    text = read.text
    prefix = source_prefix(seed.stem)
    entities = read_yaml(root / ANNOTATIONS / "entities.yaml", f"{ANNOTATIONS}/entities.yaml", problems) or {}
    products = read_yaml(root / ANNOTATIONS / "products.yaml", f"{ANNOTATIONS}/products.yaml", problems) or {}
    problems.raise_if_any()
    source, body, window = source_block(text)
    return {
        "source": source,
        "figures": figure_rows(text, body, window, prefix, products.get("products") or []),
        "mentions": mention_rows(text, (0, body[1]), prefix, entities.get("entities") or []),
        "quotes": quote_rows(text, body, prefix, entities.get("entities") or []),
        "checks": [],
    }


def paragraphs(text: str) -> list[tuple[int, int]]:
    """The bounds of each non-empty line of ``text``."""
    return [(match.start(), match.end()) for match in re.finditer(r"[^\n]*\S[^\n]*", text)]


def source_block(text: str) -> tuple[dict[str, Any], tuple[int, int], words.Window]:
    """The ``source:`` block, the body's bounds and the publication window the text implies."""
    lines = [(start, end) for start, end in paragraphs(text) if not FURNITURE.match(text[start:end].strip())]
    if not lines:
        raise DataError("the seed holds no text to draft")
    title = next((span for span in lines if len(text[span[0] : span[1]].split()) >= 4), lines[0])
    long_lines = [span for span in lines if span[0] > title[0] and len(text[span[0] : span[1]].split()) >= 12]
    if not long_lines:
        raise DataError("the seed holds no headline followed by a paragraph of 12 words or more: nothing to draft")
    first = long_lines[0]
    body = [span for span in lines if first[0] <= span[0]]
    stop = next((i for i, span in enumerate(paragraphs(text)) if span[0] > first[0]
                 and FURNITURE.match(text[span[0] : span[1]].strip())), None)
    if stop is not None:
        body = [span for span in body if span[0] < paragraphs(text)[stop][0]]
    last = body[-1]
    bounds = (first[0], last[1])
    named = [period for period in periods.periods(text[bounds[0] : bounds[1]]) if period.start is not None]
    latest = max((period for period in named), key=lambda period: period.start, default=None)
    earliest = latest.start if latest is not None else None
    language = "uk" if re.search("[іїєґІЇЄҐ]", text) else "ru" if words.cyrillic(text) else "en"
    note = (
        f"Drafted: the latest period the text names is {latest.words!r}, so it was written on or after "
        f"{earliest.isoformat()} if it reports that period as past (check the tense). Bound it further from "
        "the reports it relays (annotation guide, The source: block); published_latest is left for you to fill."
        if latest is not None else "Drafted: the text names no date; fill both bounds from the evidence you have."
    )
    block = {
        "title": text[title[0] : title[1]].strip(),
        "byline": None,
        "body_starts_with": unique_words(text, first[0], forward=True),
        "body_ends_with": unique_words(text, last[1], forward=False),
        "language": language,
        "published_earliest": earliest,
        "published_latest": None,
        "date_note": note,
        "url": None,
        "publisher": None,
        "license": None,
        "accessed": None,
        "note": "Drafted: say where the text comes from (its address, publisher, licence and the date it was read), "
        "with the words and pages that show it, and what was searched for what is not known.",
        "drafted": True,
    }
    return block, bounds, (earliest, None)


def unique_words(text: str, at: int, forward: bool) -> str:
    """The fewest whole words (at least six) from ``at`` onwards (or up to it) that occur once in ``text``."""
    tokens = list(re.finditer(r"\S+", text[at:] if forward else text[:at]))
    tokens = tokens if forward else tokens[::-1]
    for count in range(min(6, len(tokens)), len(tokens) + 1):
        chosen = tokens[:count] if forward else tokens[:count][::-1]
        words_ = (text[at:] if forward else text[:at])[chosen[0].start() : chosen[-1].end()]
        if once(text, words_):
            return words_
    return text[at:] if forward else text[:at]


def once(haystack: str, needle: str) -> bool:
    """Whether ``needle`` occurs exactly once in ``haystack``, overlapping occurrences counted."""
    first = haystack.find(needle)
    return first != -1 and haystack.find(needle, first + 1) == -1


@functools.lru_cache(maxsize=4)
def tokens(text: str) -> tuple[list[int], list[int]]:
    """Where each run of non-space characters of ``text`` starts, and where each ends."""
    found = [match.span() for match in re.finditer(r"\S+", text)]
    return [start for start, _ in found], [end for _, end in found]


def anchor(text: str, start: int, end: int) -> dict[str, str]:
    """``text``, and ``within`` where the words occur more than once: the fewest whole words around them
    (after, before, or both) that occur once in the text and hold the words once."""
    words_ = text[start:end]
    if once(text, words_):
        return {"text": words_}
    starts, ends = tokens(text)
    before = starts[: bisect.bisect_right(starts, start - 1)][::-1]
    after = ends[bisect.bisect_left(ends, end) :]
    for count in range(1, max(len(before), len(after)) + 1):
        left, right = before[min(count, len(before)) - 1] if before else start, after[min(count, len(after)) - 1]
        for begin, stop in ((start, right), (left, end), (left, right)):
            passage = text[begin:stop]
            if once(text, passage) and once(passage, words_):
                return {"text": words_, "within": passage}
    raise DataError(f"{words_!r} at code points {start}-{end}: no passage around it occurs once in the text")


def figure_rows(
    text: str, body: tuple[int, int], window: words.Window, prefix: str, products: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """A drafted row for each figure the reader finds in the body."""
    rows: list[dict[str, Any]] = []
    previous: periods.Period | None = None
    for number, reading in enumerate(words.find(text, window, body), 1):
        period, inferred = reading.period, False
        sentence = words.sentence_around(text, reading.start, reading.end)
        if period is None or period.start is None and period.end is None and period.from_window:
            period, inferred = previous, previous is not None
        else:
            previous, inferred = period, period.from_window
        unit = reading.units[0] if reading.units else None
        statistic = "change_yoy" if reading.statistic == "change" and reading.year_on_year else reading.statistic
        flow = flow_near(text, sentence, reading)
        product = product_near(text[sentence[0] : sentence[1]], products)
        row = {
            "id": f"{prefix}-f{number:02d}",
            **anchor(text, reading.start, reading.end),
            **({"value": reading.value} if reading.value is not None else
               {"value": None, "value_low": reading.low, "value_high": reading.high}),
            "unit": unit,
            "approximation": reading.approximation,
            "measure": measure_of(text[sentence[0] : sentence[1]], unit, flow),
            "statistic": statistic,
            "flow_from": flow[0],
            "flow_to": flow[1],
            "product": product[0],
            "product_id": product[1],
            "period_start": period.start if period else None,
            "period_end": period.end if period else None,
            "period_text": period.words if period else None,
            "period_inferred": inferred,
            "attributed_to": None,
            "relayed_by": None,
            "report_id": None,
            "report_inferred": False,
            "series_id": None,
            "series_note": "Drafted: name the series its words and chain describe, or say why none fits.",
            "note": drafted_note(reading, inferred),
            "drafted": True,
        }
        rows.append(row)
    return rows


def drafted_note(reading: words.Reading, inferred: bool) -> str:
    """What the reviewer must decide of a drafted figure."""
    parts = ["Drafted: check every field against the words; fill attributed_to, relayed_by, report_id."]
    if len(reading.units) > 1:
        parts.append(f"{reading.unit_words!r} writes {' or '.join(reading.units)}: the sentence must say which.")
    if inferred:
        parts.append("The period is not in this figure's sentence with its year: it was taken from the text "
                     "around it or the publication window (inferred); say why.")
    return " ".join(parts)


def measure_of(sentence: str, unit: str | None, flow: tuple[str | None, str | None]) -> str | None:
    """The measure the sentence's words suggest."""
    if unit == "micrometre":
        return "precision"
    if unit == "units":
        return "trade_quantity"
    for pattern, measure in _MEASURES:
        if re.search(pattern, sentence, re.IGNORECASE) and (measure != "import_share" or unit == "percent"):
            return measure
    return "trade_value"


def flow_near(text: str, sentence: tuple[int, int], reading: words.Reading) -> tuple[str | None, str | None]:
    """``(flow_from, flow_to)`` as country slugs, read from "X's exports to Y", "imports from X", "goods to
    Y" and the like in the clause before the figure."""
    clause = text[sentence[0] : reading.start]
    names = r"(?P<NAME>China|Chinese|Russia|Russian|Ukraine|Ukrainian|India|Indian|Turkey|Turkish)"
    slug = {"chinese": "china", "russian": "russia", "ukrainian": "ukraine", "indian": "india", "turkish": "turkey"}

    def found(pattern: str, group: str) -> str | None:
        matches = list(re.finditer(pattern.replace("NAME", group), clause))
        return slug.get(matches[-1][group].lower(), matches[-1][group].lower()) if matches else None

    source = found(names + r"(?:'s|’s)?\s+(?:\w+\s+){0,3}?(?:exports|shipments|supplies|goods|manufacturers)", "a") \
        or found(r"(?:imports|purchases) (?:of \w+ )?from " + names, "a")
    target = found(r"(?:exports|shipments|supplies|goods|shipping|sales)\b.{0,60}?\bto " + names, "b") \
        or found(names + r"(?:'s|’s)?\s+(?:\w+\s+)?imports", "b")
    if source is None and target is None:
        pair = re.search(r"between " + names.replace("NAME", "a") + r" and " + names.replace("NAME", "b"), clause)
        if pair is not None:
            return slug.get(pair["a"].lower(), pair["a"].lower()), slug.get(pair["b"].lower(), pair["b"].lower())
    return source, target


def product_near(sentence: str, products: list[dict[str, Any]]) -> tuple[str | None, str | None]:
    """``(the words, product id)`` of the product whose name the sentence writes, the longest first."""
    named = sorted(products, key=lambda product: -len(product["name"]))
    for product in named:
        if re.search(rf"\b{re.escape(product['name'])}\b", sentence, re.IGNORECASE):
            return product["name"].lower(), product["id"]
    if re.search(r"\bmachine tools\b", sentence, re.IGNORECASE):
        return "machine tools", None
    return None, None


def names_of(entity: dict[str, Any]) -> list[tuple[str, bool]]:
    """``(words, demonym?)`` for each way a text may name an entity: name, aliases, a person's surname,
    demonyms."""
    names = [entity["name"], *(entity.get("aliases") or [])]
    if entity.get("entity_type") == "person":
        names.append(entity["name"].split()[-1])
    return [(name, False) for name in names] + [(demonym, True) for demonym in entity.get("demonyms") or []]


def mention_rows(text: str, span: tuple[int, int], prefix: str, entities: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A drafted mention for each place the headline or body names a known entity, longest names first,
    and for each capital standing for its state."""
    country = {entity.get("country_code"): entity["id"] for entity in entities
               if entity.get("entity_type") == "country"}
    bloc = next((entity["id"] for entity in entities if entity.get("entity_type") == "bloc"), None)
    candidates = [(name, entity["id"], {"demonym": True} if demonym else {})
                  for entity in entities for name, demonym in names_of(entity)]
    candidates += [(place, country.get(code) if code else bloc, {"metonym": True}) for place, code in METONYMS.items()]
    taken: list[tuple[int, int, str, dict[str, bool]]] = []
    for name, entity_id, flags in sorted(candidates, key=lambda candidate: -len(candidate[0])):
        if entity_id is None:
            continue
        for match in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text[: span[1]]):
            if not any(start < match.end() and match.start() < end for start, end, _, _ in taken):
                taken.append((match.start(), match.end(), entity_id, flags))
    rows = []
    for number, (start, end, entity_id, flags) in enumerate(sorted(taken), 1):
        rows.append({"id": f"{prefix}-m{number:02d}", "entity_id": entity_id, **anchor(text, start, end), **flags,
                     "drafted": True})
    return rows


def quote_rows(text: str, body: tuple[int, int], prefix: str, entities: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A drafted quote for each passage between quotation marks in the body: ``direct`` when it is a clause
    (five words or more), else a quoted ``phrase``; with its cue verb and the nearest named speaker."""
    people = [(name, entity["id"]) for entity in entities if entity.get("entity_type") in (
        "person", "institute", "official_body", "company", "news_agency", "newspaper") for name, demonym in
        names_of(entity) if not demonym]
    rows = []
    for number, match in enumerate(_QUOTE.finditer(text, body[0], body[1]), 1):
        group = next(i for i in range(1, 5) if match[i] is not None)
        start, end = match.start(group), match.end(group)
        while end > start and text[end - 1] in ",.;:":
            end -= 1
        sentence = words.sentence_around(text, match.start(), match.end())
        around = text[sentence[0] : sentence[1]]
        cue = next((m for cue in CUES for m in re.finditer(rf"\b{cue}\b", around)), None)
        speaker = speaker_near(text, sentence, match, people)
        direct = len(WORD.findall(text[start:end])) >= 5
        rows.append({
            "id": f"{prefix}-q{number:02d}",
            **anchor(text, start, end),
            "kind": "direct" if direct else "phrase",
            "speaker_id": speaker[1] if speaker else None,
            "speaker_text": speaker[0] if speaker else None,
            "cue": cue[0] if cue else None,
            "venue_id": None,
            "note": "Drafted: check the speaker, the cue and the kind against the words; name the venue if any.",
            "drafted": True,
        })
    return rows


def speaker_near(
    text: str, sentence: tuple[int, int], quote: re.Match[str], people: list[tuple[str, str]]
) -> tuple[str, str] | None:
    """``(words, entity id)`` of the named speaker nearest the quote, in its sentence or the one before."""
    begin = words.sentence_around(text, max(0, sentence[0] - 2), max(0, sentence[0] - 1))[0] if sentence[0] else 0
    found = [
        (match.start(), match.end(), entity_id)
        for name, entity_id in people
        for match in re.compile(rf"(?<!\w){re.escape(name)}(?!\w)").finditer(text, begin, sentence[1])
        if not quote.start() <= match.start() < quote.end()
    ]
    whole = [one for one in found if not any(o != one and o[0] <= one[0] and one[1] <= o[1] for o in found)]
    ranked = [(quote.start() - s if s < quote.start() else s - quote.end(), text[s:e], i) for s, e, i in whole]
    return min(ranked)[1:] if ranked else None


class PlainDumper(yaml.SafeDumper):
    """A YAML writer that repeats a value rather than anchoring it: the build refuses anchors."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def write_draft(root: Path, seed: Path, output: Path | None = None) -> Path:
    """Draft ``seed`` and write it to ``output`` (default: the annotation file the build reads for it);
    never over an existing file or through a link."""
    document = draft(root, seed)
    target = output if output is not None else root / ANNOTATIONS / f"{seed.stem}.yaml"
    if target.is_symlink() or target.parent.is_symlink():
        raise DataError(f"{target}: is a link or lies in one; draft writes only a new regular file")
    header = (
        f"# Drafted by `china-russia-tools draft` from {SEEDS}/{seed.name}. Every row carries 'drafted: true',\n"
        "# which the build refuses: review each row against its words (docs/annotation-guide.md, \"Reviewing a\n"
        "# draft\"), correct it, then remove the mark.\n"
    )
    body = yaml.dump(document, Dumper=PlainDumper, sort_keys=False, allow_unicode=True, width=110)
    try:
        descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o644)
    except FileExistsError:
        raise DataError(f"{target}: already exists; draft never overwrites a file (use --output)") from None
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(header + body)
    except BaseException:  # a full disk, Ctrl-C: no half-written draft is left
        with contextlib.suppress(OSError):
            os.close(descriptor)  # when no file object came to close it
        target.unlink(missing_ok=True)
        raise
    return target
