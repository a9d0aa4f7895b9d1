"""Scores of the figure reader (``rules.words``) and the ``draft`` command; prints one table per part.

Run from a checkout, with the package installed (and quantulum3 for the yardstick of part b)::

    python benchmarks/draft.py                          # parts a and c; part b is skipped
    python benchmarks/draft.py --external DIR           # and part b, on the specs kept in DIR
    python benchmarks/draft.py --external DIR --markdown  # the tables as markdown, for docs/performance.md

**a. The package's own sources.** Each seed that has an annotation file is drafted with
``builder.draft.draft(root, seed)`` in a temporary copy of the inputs that lacks that annotation file (as
if the source were new; the shared tables, ``entities.yaml`` among them, stay, so a mention of an entity
first named by that source is still known), and the draft is compared with the hand annotation, layer by layer:
figures, mentions and direct quotes (``kind: direct``). A drafted row matches a gold row when their
spans (``text`` and ``within`` resolved with ``spans.resolve_span``) overlap; the matching is
one-to-one, the largest overlaps first. Precision, recall and F1 count matched rows. Of the matched
rows the table gives the share with each field right: for figures the value and unit (``value``, or
both ends of a range, within 1e-9 relative; ``unit`` equal), ``approximation``, the sign of ``value``
(of ``value_high`` for a range) and the period (``period_start`` and ``period_end`` both equal, a null
right only against a null); for mentions ``entity_id``; for direct quotes ``speaker_id``. The misses
follow the tables: gold rows not drafted, drafted rows not in gold, and matched rows with a wrong field.

**b. An external set, never committed.** The English specs of Microsoft Recognizers-Text
(github.com/microsoft/Recognizers-Text, MIT licence; scored at commit 90e968e), read from DIR, which
keeps the repository's paths: ``Specs/NumberWithUnit/English/CurrencyModel.json`` and
``Specs/Number/English/PercentModel.json``.
Cases whose ``NotSupported`` or ``NotSupportedByDesign`` names python are left out, and so are the
results without a value (a currency named with no amount, "dollar", is no figure). A spec's ``End``
is inclusive. ``words.find(input)`` and quantulum3's ``parser.parse(input)`` are scored on the same
inputs, each keeping only the kind of figure the spec is about: for the currency spec the readings
whose unit is an ISO 4217 code (quantulum3: entity ``currency``), for the percent spec those in
``percent`` (quantulum3: unit ``percentage``). A reading matches a result when their spans overlap
(one-to-one, as in part a); "value and unit" counts a match only when the unit is equal and the
values are equal within 1e-9 relative, compared by size (the specs resolve "tumbled $ 2.75" to 2.75,
our reader signs it). Units: the spec's ``isoCurrency`` where it gives one; otherwise its unit name
by this table (the subunits scaled to their currency, as are quantulum3's "cent" and "penny"):
Dollar and Cent are USD, Pound, Pence and Penny GBP, and the currencies before the euro that the
articles name (francs in French companies' deals, pesetas, markkas, guilders) their ISO 4217 codes
FRF, ESP, FIM and NLG; Rupee (its cases are Indian: lakh) is INR; Bitcoin and Satoshi are XBT, by
custom. "Sen" (a hundredth of several currencies) maps to none, so no reader can get its value and
unit right. A percent is ``percent`` with the spec's number ("20%" is 20).

**c. Speed.** ``words.find``, ``draft`` and quantulum3 on one 10,000-word text: a title, the seeds'
bodies, then generated sentences in their manner (money and percentages with hedges, periods and
directions, mentions, a quote) between paragraphs with no figure, each figure's sentence unique as a real
text's would be (a text that repeats a passage is no fair test of anchoring): the median of several runs.
quantulum3 reads the text a paragraph at a time, as it is used: on the whole text at once its time grows
faster than the text (4 paragraphs 0.4 s, 16 paragraphs 5.4 s, the whole text 52 s on a 2-CPU machine).
"""

from __future__ import annotations

import argparse
import json
import math
import re
import shutil
import statistics
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from china_russia_tools.builder.draft import draft
from china_russia_tools.builder.inputs import read_seeds, read_yaml
from china_russia_tools.errors import Problems, SpanError
from china_russia_tools.rules import words
from china_russia_tools.spans import resolve_span

PROJECT = Path(__file__).resolve().parent.parent
SPECS = ("Specs/NumberWithUnit/English/CurrencyModel.json", "Specs/Number/English/PercentModel.json")
CURRENCY_NAMES = {
    "Dollar": ("USD", 1.0),
    "Cent": ("USD", 0.01),
    "Pound": ("GBP", 1.0),
    "Pence": ("GBP", 0.01),
    "Penny": ("GBP", 0.01),
    "Franc": ("FRF", 1.0),
    "Peseta": ("ESP", 1.0),
    "Finnish markka": ("FIM", 1.0),
    "Netherlands guilder": ("NLG", 1.0),
    "Rupee": ("INR", 1.0),
    "Bitcoin": ("XBT", 1.0),
    "Satoshi": ("XBT", 1e-8),
}
"""The spec's currency units that come without an ``isoCurrency``: ISO code and factor to its main unit."""
QUANTULUM_SUBUNITS = {"cent": ("USD", 0.01), "penny": ("GBP", 0.01)}
"""quantulum3's currency units that have no ``currency_code``."""
TIMED_WORDS = 10_000

Span = tuple[int, int]
Row = dict[str, Any]


@dataclass
class Tally:
    """Counts for precision and recall: rows in gold, rows found, and found rows that are right."""

    gold: int = 0
    found: int = 0
    right: int = 0

    def add(self, other: Tally) -> None:
        self.gold += other.gold
        self.found += other.found
        self.right += other.right

    def scores(self) -> tuple[str, str, str]:
        """Precision, recall and F1, each with three decimals (``-`` for 0/0)."""
        precision = self.right / self.found if self.found else None
        recall = self.right / self.gold if self.gold else None
        f1 = 2 * self.right / (self.found + self.gold) if self.found + self.gold else None
        return decimals(precision), decimals(recall), decimals(f1)


def decimals(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def overlap(a: Span, b: Span) -> int:
    """How many code points two spans share."""
    return min(a[1], b[1]) - max(a[0], b[0])


def pairs(gold: list[Span | None], found: list[Span | None]) -> list[tuple[int, int]]:
    """One-to-one matching of found spans to gold spans whose spans overlap, the largest overlaps first;
    ``(gold index, found index)`` pairs. A ``None`` span matches nothing."""
    candidates = sorted(
        (-overlap(g, f), i, j)
        for i, g in enumerate(gold)
        for j, f in enumerate(found)
        if g is not None and f is not None and overlap(g, f) > 0
    )
    gold_used: set[int] = set()
    found_used: set[int] = set()
    matched = []
    for _, i, j in candidates:
        if i not in gold_used and j not in found_used:
            gold_used.add(i)
            found_used.add(j)
            matched.append((i, j))
    return sorted(matched)


def table(headers: list[str], rows: list[list[str]], markdown: bool) -> str:
    """Rows under their headers, as a markdown table or as plain aligned columns."""
    cells = [headers] + rows
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    if markdown:
        lines = ["| " + " | ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)) + " |" for row in cells]
        lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    else:
        lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip() for row in cells]
        lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


# Part a: the package's own sources against their hand annotations.


def ends(row: Row) -> tuple[float | None, float | None]:
    """A figure's value as the two ends of a range (a point is a range of one value)."""
    if row.get("value") is not None:
        return row["value"], row["value"]
    return row.get("value_low"), row.get("value_high")


def close(a: float | None, b: float | None) -> bool:
    return a is not None and b is not None and math.isclose(a, b, rel_tol=1e-9)


def value_and_unit(gold: Row, drafted: Row) -> bool:
    both = zip(ends(gold), ends(drafted), strict=True)
    return all(close(g, d) for g, d in both) and gold.get("unit") == drafted.get("unit")


def sign(row: Row) -> int | None:
    value = row.get("value") if row.get("value") is not None else row.get("value_high")
    return None if value is None else (value > 0) - (value < 0)


def period(row: Row) -> tuple[str | None, str | None]:
    """A figure's period as text, so that a date and its ISO string compare equal."""
    start, end = row.get("period_start"), row.get("period_end")
    return None if start is None else str(start), None if end is None else str(end)


def same(key: str) -> Callable[[Row, Row], bool]:
    return lambda gold, drafted: gold.get(key) == drafted.get(key)


@dataclass(frozen=True)
class Layer:
    name: str
    key: str
    """The annotation document's key that holds its rows."""
    keep: Callable[[Row], bool]
    """Which of those rows the layer scores."""
    fields: dict[str, Callable[[Row, Row], bool]]
    """The checks of a matched pair: (gold, drafted) -> right."""


LAYERS = (
    Layer(
        "figures",
        "figures",
        lambda row: True,
        {
            "value and unit": value_and_unit,
            "approximation": same("approximation"),
            "sign": lambda gold, drafted: sign(gold) == sign(drafted),
            "period": lambda gold, drafted: period(gold) == period(drafted),
        },
    ),
    Layer("mentions", "mentions", lambda row: True, {"entity_id": same("entity_id")}),
    Layer("direct quotes", "quotes", lambda row: row.get("kind") == "direct", {"speaker_id": same("speaker_id")}),
)


@dataclass
class LayerScore:
    spans: Tally = field(default_factory=Tally)
    fields: dict[str, int] = field(default_factory=dict)
    """How many matched pairs have each field right."""


def anchored(text: str, row: Row) -> tuple[Span | None, str]:
    """A row's span in ``text``, or ``None`` and why when its words do not resolve."""
    try:
        return resolve_span(text, row.get("text") or "", row.get("within")), ""
    except SpanError as error:
        return None, f" (unresolved: {error})"


def described(row: Row, span: Span | None, note: str = "") -> str:
    """A row as the misses name it: its id (drafted rows have none), its words and their span."""
    where = f" [{span[0]}:{span[1]}]" if span else ""
    return f"{row.get('id') or 'drafted'} {row.get('text')!r}{where}{note}"


def score_layer(layer: Layer, text: str, gold_doc: Row, drafted_doc: Row, misses: list[str]) -> LayerScore:
    """One source's scores in ``layer``; what the draft got wrong is appended to ``misses``."""
    gold = [row for row in gold_doc.get(layer.key) or [] if layer.keep(row)]
    drafted = [row for row in drafted_doc.get(layer.key) or [] if layer.keep(row)]
    gold_spans = [anchored(text, row)[0] for row in gold]
    drafted_anchored = [anchored(text, row) for row in drafted]
    drafted_spans = [span for span, _ in drafted_anchored]
    matched = pairs(gold_spans, drafted_spans)
    score = LayerScore(Tally(len(gold), len(drafted), len(matched)), dict.fromkeys(layer.fields, 0))
    matched_gold = {i for i, _ in matched}
    matched_drafted = {j for _, j in matched}
    for i, row in enumerate(gold):
        if i not in matched_gold:
            misses.append(f"{layer.name}: not drafted: {described(row, gold_spans[i])}")
    for j, row in enumerate(drafted):
        if j not in matched_drafted:
            misses.append(f"{layer.name}: not in gold: {described(row, *drafted_anchored[j])}")
    for i, j in matched:
        for name, right in layer.fields.items():
            if right(gold[i], drafted[j]):
                score.fields[name] += 1
            else:
                other = "" if drafted_spans[j] == gold_spans[i] else f" (as {described(drafted[j], drafted_spans[j])})"
                misses.append(
                    f"{layer.name}: wrong {name}: {described(gold[i], gold_spans[i])}{other}: "
                    f"gold {shown(name, gold[i])}, drafted {shown(name, drafted[j])}"
                )
    return score


def shown(name: str, row: Row) -> str:
    """The values behind field ``name`` of ``row``, as the misses print them."""
    keys = {
        "value and unit": ("value", "value_low", "value_high", "unit"),
        "sign": ("value", "value_high"),
        "period": ("period_start", "period_end"),
    }.get(name, (name,))
    return ", ".join(f"{key}={row[key]}" for key in keys if row.get(key) is not None) or "none"


def copy_inputs(target: Path, leave_out: str | None = None) -> Path:
    """The checkout's seeds, annotation files and descriptor copied to ``target``, without the annotation
    file of source ``leave_out``."""
    shutil.copytree(PROJECT / "seeds", target / "seeds")
    shutil.copytree(PROJECT / "annotations", target / "annotations")
    if leave_out is not None:
        (target / "annotations" / f"{leave_out}.yaml").unlink()
    for path in PROJECT.glob("*.json"):
        shutil.copy(path, target / path.name)
    return target


def own_sources(markdown: bool) -> None:
    """Part a: each annotated seed drafted as new and scored against its hand annotation."""
    problems = Problems()
    seeds = read_seeds(PROJECT, problems)
    totals = {layer.name: LayerScore(Tally(), dict.fromkeys(layer.fields, 0)) for layer in LAYERS}
    misses: dict[str, list[str]] = {}
    for source_id, seed in seeds.items():
        path = PROJECT / "annotations" / f"{source_id}.yaml"
        if not path.is_file():
            continue
        gold_doc = read_yaml(path, f"annotations/{path.name}", problems)
        with tempfile.TemporaryDirectory() as folder:
            copy = copy_inputs(Path(folder), leave_out=source_id)
            drafted_doc = draft(copy, copy / "seeds" / f"{source_id}.txt")
        misses[source_id] = []
        for layer in LAYERS:
            score = score_layer(layer, seed.text, gold_doc, drafted_doc, misses[source_id])
            totals[layer.name].spans.add(score.spans)
            for name, count in score.fields.items():
                totals[layer.name].fields[name] += count
    if problems.records:
        sys.exit("\n".join(problems.lines))
    print(f"a. The package's own sources ({len(misses)}), drafted as new, against their hand annotations")
    rows = []
    for name, score in totals.items():
        spans = score.spans
        rows.append([name, str(spans.gold), str(spans.found), str(spans.right), *spans.scores()])
    print(table(["layer", "gold", "drafted", "matched", "precision", "recall", "F1"], rows, markdown))
    print()
    rows = [
        [layer, name, f"{right}/{score.spans.right}", decimals(right / score.spans.right) if score.spans.right else "-"]
        for layer, score in totals.items()
        for name, right in score.fields.items()
    ]
    print(table(["layer", "field right, of matched rows", "right", "share"], rows, markdown))
    for source_id, lines in misses.items():
        print(f"\nMisses in {source_id} ({len(lines)}):")
        print("\n".join(f"  {line}" for line in lines) or "  none")


# Part b: Recognizers-Text's English specs, our reader against quantulum3.


@dataclass(frozen=True)
class Mark:
    """A figure read or expected: its span, its size and its unit (``None`` when unknown)."""

    start: int
    end: int
    value: float | None
    unit: str | None


Case = tuple[str, list[Mark]]
"""An input and the figures it holds."""
Reader = Callable[[str], list[Mark]]


def spec_cases(path: Path) -> list[Case]:
    """The cases of one spec that python is meant to pass: each input and the figures it holds."""
    cases = []
    for case in json.loads(path.read_text(encoding="utf-8-sig")):
        unsupported = f"{case.get('NotSupported', '')},{case.get('NotSupportedByDesign', '')}".lower()
        if "python" in unsupported:
            continue
        marks = [spec_mark(result) for result in case["Results"]]
        cases.append((case["Input"], [mark for mark in marks if mark.value is not None]))
    return cases


def spec_mark(result: Row) -> Mark:
    """A spec result as a mark, its unit mapped as the module's docstring says."""
    resolution = result["Resolution"]
    raw = resolution.get("value")
    start, end = result["Start"], result["End"] + 1
    if raw in (None, "null"):
        return Mark(start, end, None, None)
    if raw.endswith("%"):
        return Mark(start, end, float(raw[:-1]), "percent")
    if resolution.get("isoCurrency"):
        return Mark(start, end, float(raw), resolution["isoCurrency"])
    code, factor = CURRENCY_NAMES.get(resolution["unit"], (None, 1.0))
    return Mark(start, end, float(raw) * factor, code)


def currency(unit: str | None) -> bool:
    return unit is not None and len(unit) == 3 and unit.isalpha() and unit.isupper()


def percent(unit: str | None) -> bool:
    return unit == "percent"


def ours(text: str) -> list[Mark]:
    """Every figure ``words.find`` reads in ``text``."""
    return [Mark(r.start, r.end, r.value, r.unit) for r in words.find(text)]


def quantulum(text: str) -> list[Mark]:
    """Every money amount and percentage quantulum3 reads in ``text``, units as ours (others are left out)."""
    from quantulum3 import parser

    marks = []
    for quantity in parser.parse(text):
        unit = quantity.unit
        if unit.name == "percentage":
            code, factor = "percent", 1.0
        elif unit.entity.name == "currency":
            code, factor = QUANTULUM_SUBUNITS.get(unit.name, (unit.currency_code, 1.0))
        else:
            continue
        marks.append(Mark(quantity.span[0], quantity.span[1], quantity.value * factor, code))
    return marks


def score_spec(cases: list[Case], reader: Reader, kind: Callable[[str | None], bool]) -> tuple[Tally, Tally]:
    """Span and value-and-unit tallies of ``reader`` on ``cases``, keeping its readings whose unit is of ``kind``."""
    spans, values = Tally(), Tally()
    for text, gold in cases:
        found = [mark for mark in reader(text) if kind(mark.unit)]
        matched = pairs([(m.start, m.end) for m in gold], [(m.start, m.end) for m in found])
        right = sum(
            gold[i].unit is not None
            and gold[i].unit == found[j].unit
            and close(abs(gold[i].value), None if found[j].value is None else abs(found[j].value))
            for i, j in matched
        )
        spans.add(Tally(len(gold), len(found), len(matched)))
        values.add(Tally(len(gold), len(found), right))
    return spans, values


def quantulum_reader() -> tuple[str, Reader] | None:
    """quantulum3's name and version and its reader, or ``None`` when it is not installed."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        name = f"quantulum3 {version('quantulum3')}"
    except PackageNotFoundError:
        return None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the warning that its classifier extra (scikit-learn) is not installed
        from quantulum3 import parser

    parser.parse("a warm-up of 5%")  # loads its unit tables, seconds the first time
    return name, quantulum


def external(folder: Path, markdown: bool) -> None:
    """Part b: our reader and quantulum3 scored on Recognizers-Text's English currency and percent specs."""
    readers: list[tuple[str, Reader]] = [("china_russia_tools words.find", ours)]
    yardstick = quantulum_reader()
    if yardstick is None:
        print("(quantulum3 is not installed: pip install quantulum3, to score it beside ours)")
    else:
        readers.append(yardstick)
    rows = []
    for spec in SPECS:
        cases = spec_cases(folder / spec)
        kind = percent if "Percent" in spec else currency
        for name, reader in readers:
            spans, values = score_spec(cases, reader, kind)
            rows.append(
                [Path(spec).stem, str(len(cases)), name, str(spans.gold), str(spans.found), str(spans.right)]
                + list(spans.scores())
                + [str(values.right), *values.scores()]
            )
    headers = ["spec", "cases", "reader", "gold", "found", "span matched", "span P", "span R", "span F1"]
    headers += ["value+unit right", "value+unit P", "value+unit R", "value+unit F1"]
    print("b. Recognizers-Text English specs (cases python is meant to pass)")
    print(table(headers, rows, markdown))


# Part c: speed on a 10,000-word text.


EXPORTERS = ("China", "Taiwan", "South Korea", "Ukraine")
PRODUCTS = ("machine tools", "lathes", "milling machines", "bearings", "CNC systems")
MONTHS = "January February March April May June July August September October November December".split()
FILLER = (
    "Analysts expect the pattern to continue through the coming quarters, with more orders for spare parts "
    "and for the software that runs the machines. Dealers describe long waits for deliveries, higher prices "
    "for service and a growing reliance on intermediaries who ship the goods through third countries. "
    "Manufacturers, for their part, say that they follow the rules of every market in which they sell, and "
    "that they cannot know where each machine ends up once it has left their warehouses. Officials have "
    "promised closer checks at the border, but the trade has proved hard to trace, since the same lathe can "
    "serve a furniture workshop as well as a plant that makes parts for engines."
)
"""A paragraph with no figure and no name, so that the timing text is about as dense in figures as the seeds."""


def sentence(i: int) -> str:
    """Sentence ``i`` of the timing text: figures, mentions or a quote in the seeds' manner. Every sentence
    with a figure holds an amount of its own, and names each entity once, so its passages occur once."""
    exporter, product = EXPORTERS[i % len(EXPORTERS)], PRODUCTS[i % len(PRODUCTS)]
    month, year, amount = MONTHS[i % 12], 2015 + i % 10, 100 + i
    return (
        f"{exporter}'s exports of {product} to Russia rose {i % 40 + 1}.{i % 7}% in {month} {year} to "
        f"US${amount} million, Reuters reported.",
        f"Russian buyers paid about {amount} million yuan for {product} from {exporter} in the first "
        f"{i % 10 + 2} months of {year}, nearly {i % 30 + 2}% more than a year earlier.",
        f"\u201cWe will need {amount} more {product} next year,\u201d Ildar Nuriyev said in Moscow.",
    )[i % 3]


def body(root: Path, source_id: str, text: str) -> str:
    """A seed's body, between the words its annotation file says it starts and ends with."""
    problems = Problems()
    source = read_yaml(root / "annotations" / f"{source_id}.yaml", f"annotations/{source_id}.yaml", problems)["source"]
    start = resolve_span(text, source["body_starts_with"])[0]
    return text[start : resolve_span(text, source["body_ends_with"])[1]]


def long_text(bodies: list[str], count: int) -> str:
    """A title, the seeds' bodies, then generated paragraphs, each followed by the filler, cut at ``count`` words."""
    paragraphs = ["Machine tools, China and Russia: the benchmark's text", *bodies]
    total = sum(len(text.split()) for text in paragraphs)
    i = 0
    while total < count:
        paragraph = " ".join(sentence(i + k) for k in range(3))
        paragraphs += [paragraph, FILLER]
        total += len(paragraph.split()) + len(FILLER.split())
        i += 3
    text = "\n\n".join(paragraphs)
    return text[: [match.end() for match in re.finditer(r"\S+", text)][count - 1]]


def median_time(action: Callable[[], object], runs: int) -> float:
    """Median wall time of ``runs`` calls of ``action``, in seconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def speed(runs: int, markdown: bool) -> None:
    """Part c: the reader, the draft and quantulum3 timed on the same 10,000-word text."""
    seeds = read_seeds(PROJECT, Problems())
    bodies = [
        body(PROJECT, source_id, seed.text)
        for source_id, seed in seeds.items()
        if (PROJECT / "annotations" / f"{source_id}.yaml").is_file()
    ]
    text = long_text(bodies, TIMED_WORDS)
    source_id = "900_benchmark"
    actions: dict[str, Callable[[], object]] = {"words.find": lambda: words.find(text)}
    with tempfile.TemporaryDirectory() as folder:
        root = copy_inputs(Path(folder))
        (root / "seeds" / f"{source_id}.txt").write_text(text, encoding="utf-8")
        actions["draft"] = lambda: draft(root, root / "seeds" / f"{source_id}.txt")
        yardstick = quantulum_reader()
        if yardstick is not None:
            actions[f"{yardstick[0]}, paragraph by paragraph"] = lambda: [yardstick[1](p) for p in text.split("\n\n")]
        rows = []
        for name, action in actions.items():
            seconds = median_time(action, runs)
            shown = f"{seconds * 1000:.1f} ms" if seconds < 1 else f"{seconds:.2f} s"
            rows.append([name, shown, str(runs), f"{TIMED_WORDS / seconds:,.0f}"])
    print(f"c. Speed on a {TIMED_WORDS:,}-word text ({len(text):,} code points): the seeds' bodies and generated text")
    print(table(["reader", "median", "runs", "words/s"], rows, markdown))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--external", type=Path, help="the folder that holds Recognizers-Text's Specs/ (part b)")
    parser.add_argument("--markdown", action="store_true", help="print markdown tables")
    parser.add_argument("--runs", type=int, default=5, help="runs of each timing in part c (default 5)")
    args = parser.parse_args()
    own_sources(args.markdown)
    print()
    if args.external is None:
        print("b. Recognizers-Text specs: skipped (give --external DIR, the folder that holds their Specs/)")
    else:
        external(args.external, args.markdown)
    print()
    speed(args.runs, args.markdown)


if __name__ == "__main__":
    main()
