"""The build: seeds + annotation files -> Parquet tables + the data-dependent parts of the descriptor.

The one place where annotations become rows. The Table Schemas in ``datapackage.json`` decide which
keys an annotation may have, their types, enums, patterns and which are required; this module adds
what a schema cannot say (spans, ranges, periods, ids per source). Every problem is collected and
reported at once in an :class:`AnnotationError`; nothing is written unless the whole build succeeds.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import math
import os
import re
import shutil
import tempfile
from collections.abc import Hashable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import yaml

from . import __version__, arithmetic, dictionary
from .errors import AnnotationError, SpanError, StaleError
from .spans import resolve_span
from .tables import DESCRIPTOR, ID_COLUMNS, TABLES, resource_file

ANNOTATIONS = "annotations"
SEEDS = "seeds"
ENTITIES_FILE = "entities.yaml"
REFERENCES_FILE = "references.yaml"
SHARED_FILES = (ENTITIES_FILE, REFERENCES_FILE)
SOURCE_ID = re.compile(r"^[0-9]{3}_[0-9a-f]{16}$")

ARROW_TYPES = {
    "string": pa.string(),
    "integer": pa.int64(),
    "number": pa.float64(),
    "boolean": pa.bool_(),
    "date": pa.date32(),
}

# Columns the build computes; an annotation may not set them.
COMPUTED = {"source_id", "char_start", "char_end", "citation"}
# Required columns an annotation may leave out because the build derives them.
DERIVED = {"figures": {"value_low", "value_high", "check_status"}, "quotes": {"check_status"}, "checks": {"status"}}
# Columns of arithmetic checks that the build computes.
COMPUTED_BY_ARITHMETIC = ("status", "kind", "expected", "found", "tolerance")
# The anchored layers an annotation file lists, each filling the table of its name.
LAYERS = ("figures", "mentions", "quotes")
SOURCE_KEYS = {
    "title", "byline", "body_starts_with", "body_ends_with", "language",
    "published_earliest", "published_latest", "date_note", "published_reference_id",
}


@dataclass
class Problems:
    """Collects every problem of a build, each one naming its file and row."""

    lines: list[str] = field(default_factory=list)

    def add(self, where: str, message: str) -> None:
        self.lines.append(f"{where}: {message}")

    def raise_if_any(self) -> None:
        if self.lines:
            raise AnnotationError(self.lines)


@dataclass(frozen=True)
class Seed:
    source_id: str
    path: Path
    data: bytes
    text: str


@dataclass(frozen=True)
class Output:
    """Everything a build writes: file path relative to the project root -> bytes."""

    files: dict[str, bytes]
    tables: dict[str, pa.Table]


class StrictLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml's parser when present: 7x faster
    """PyYAML's safe loader (plain data only, no tags that run code) that also refuses a key written
    twice in one mapping, which the safe loader would silently resolve to the last value."""


def construct_unique_mapping(loader: StrictLoader, node: yaml.MappingNode) -> Iterator[dict[Any, Any]]:
    data: dict[Any, Any] = {}
    yield data
    seen = set()
    for key_node, _ in node.value:
        if key_node.tag == "tag:yaml.org,2002:merge":
            continue
        key = loader.construct_object(key_node)
        if isinstance(key, Hashable) and key in seen:
            raise yaml.constructor.ConstructorError(None, None, f"the key {key!r} is written twice in one mapping", key_node.start_mark)
        seen.add(key)
    data.update(loader.construct_mapping(node))


def construct_date(loader: StrictLoader, node: yaml.ScalarNode) -> Any:
    """A date or timestamp, or a clear error for one that does not exist (such as 2023-13-01)."""
    try:
        return loader.construct_yaml_timestamp(node)
    except ValueError as error:
        raise yaml.constructor.ConstructorError(None, None, f"{node.value!r} is not a valid date: {error}", node.start_mark) from error


def refuse_tag(loader: StrictLoader, node: yaml.Node) -> None:
    raise yaml.constructor.ConstructorError(
        None, None, f"the tag {node.tag!r} is refused; annotation files hold plain data only", node.start_mark
    )


StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, construct_unique_mapping)
StrictLoader.add_constructor("tag:yaml.org,2002:timestamp", construct_date)
StrictLoader.add_constructor(None, refuse_tag)


def read_yaml(path: Path, where: str, problems: Problems) -> Any:
    """Parse a YAML file with :class:`StrictLoader`; ``None`` (and a problem) when it cannot be parsed."""
    try:
        content = yaml.load(path.read_text(encoding="utf-8"), Loader=StrictLoader)
    except (OSError, UnicodeDecodeError) as error:
        problems.add(where, f"cannot read: {error}")
        return None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        position = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problems.add(where, f"not valid YAML{position}: {', '.join(filter(None, (error.context, error.problem)))}")
        return None
    except yaml.YAMLError as error:
        problems.add(where, f"not valid YAML: {' '.join(str(error).split())}")
        return None
    if content is None:
        problems.add(where, "file is empty")
    elif not isinstance(content, dict):
        problems.add(where, f"expected a mapping at the top level, found {type(content).__name__}")
        return None
    return content


def outside(root: Path, path: Path, where: str, problems: Problems) -> bool:
    """True (and a problem) when ``path`` is a link that leads out of the project ``root``."""
    target = path.resolve()
    if target.is_relative_to(root.resolve()):
        return False
    problems.add(where, f"leads outside the project, to {target}; inputs must be files inside {root}")
    return True


def read_seeds(root: Path, problems: Problems) -> dict[str, Seed]:
    """Read every ``seeds/*.txt`` as strict UTF-8 without BOM or CR line ends."""
    seeds = {}
    for path in sorted((root / SEEDS).glob("*")):
        name = f"{SEEDS}/{path.name}"
        if path.suffix != ".txt" or not SOURCE_ID.match(path.stem):
            problems.add(name, "not a seed: expected a file named NNN_<16 hex digits>.txt")
            continue
        if outside(root, path, name, problems):
            continue
        try:
            data = path.read_bytes()
        except OSError as error:
            problems.add(name, f"cannot read: {error}")
            continue
        if data.startswith(b"\xef\xbb\xbf"):
            problems.add(name, "starts with a UTF-8 byte order mark; seeds must be stored without one")
            continue
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            problems.add(name, f"not valid UTF-8 at byte {error.start}: {error.reason}")
            continue
        if "\r" in text:
            problems.add(name, f"contains a carriage return at code point {text.index(chr(13))}; seeds use LF line ends")
            continue
        seeds[path.stem] = Seed(path.stem, path, data, text)
    if not seeds and not problems.lines:
        problems.add(SEEDS, "no seeds found")
    return seeds


def convert(value: Any, spec: dict[str, Any]) -> Any:
    """Check ``value`` against one Table Schema field and return it in its Python type.

    Raises ``ValueError`` with a readable reason.
    """
    kind = spec["type"]
    constraints = spec.get("constraints", {})
    if value is None:
        if constraints.get("required"):
            raise ValueError("is required and may not be null")
        return None
    if kind == "string":
        if not isinstance(value, str):
            raise ValueError(f"must be text, got {value!r} ({type(value).__name__}); put it in quotes")
        if not value.strip():
            raise ValueError("is blank")
    elif kind == "integer":
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"must be a whole number, got {value!r}")
    elif kind == "number":
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ValueError(f"must be a number, got {value!r}")
        value = float(value)
    elif kind == "boolean":
        if not isinstance(value, bool):
            raise ValueError(f"must be true or false, got {value!r}")
    elif kind == "date":
        if isinstance(value, dt.datetime) or not isinstance(value, (dt.date, str)):
            raise ValueError(f"must be a date written YYYY-MM-DD, got {value!r}")
        if isinstance(value, str):
            try:
                value = dt.date.fromisoformat(value)
            except ValueError:
                raise ValueError(f"must be a date written YYYY-MM-DD, got {value!r}") from None
    if "enum" in constraints and value not in constraints["enum"]:
        raise ValueError(f"{value!r} is not one of: {', '.join(constraints['enum'])}")
    if "pattern" in constraints and not re.fullmatch(constraints["pattern"], value):
        raise ValueError(f"{value!r} does not match the pattern {constraints['pattern']}")
    if "minimum" in constraints and value < constraints["minimum"]:
        raise ValueError(f"{value!r} is below the minimum {constraints['minimum']}")
    return value


def schema_of(descriptor: dict[str, Any], table: str) -> dict[str, Any]:
    return next(r for r in descriptor["resources"] if r["name"] == table)["schema"]


def schema_fields(descriptor: dict[str, Any], table: str) -> list[dict[str, Any]]:
    return schema_of(descriptor, table)["fields"]


def entity_references(descriptor: dict[str, Any], table: str) -> list[str]:
    """Columns of ``table`` that the schema declares as foreign keys to ``entities``."""
    keys = schema_of(descriptor, table).get("foreignKeys", [])
    return [key["fields"][0] for key in keys if key["reference"]["resource"] == "entities"]


def read_rows(
    items: Any,
    table: str,
    fields: list[dict[str, Any]],
    where: str,
    problems: Problems,
    extra_keys: set[str] = frozenset(),
) -> list[tuple[str, dict[str, Any], dict[str, Any]]]:
    """Check a list of annotation mappings against a table's schema.

    Returns ``(row id, raw mapping, converted column values)`` for each entry whose keys are sound.
    """
    if items is None:
        return []
    if not isinstance(items, list):
        problems.add(where, f"'{table}' must be a list, found {type(items).__name__}")
        return []
    id_column = ID_COLUMNS[table]
    specs = {f["name"]: f for f in fields if f["name"] not in COMPUTED and f["name"] != id_column}
    for name in DERIVED.get(table, ()):
        specs[name] = {**specs[name], "constraints": {**specs[name].get("constraints", {}), "required": False}}
    allowed = set(specs) | {"id"} | set(extra_keys)
    id_spec = next(f for f in fields if f["name"] == id_column)
    rows = []
    for position, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            problems.add(where, f"{table} entry {position} must be a mapping of keys to values, found {item!r}")
            continue
        row_id = item.get("id")
        label = f"{where}: {table} entry {position}" + (f" (id {row_id})" if row_id is not None else "")
        unknown = sorted(set(item) - allowed)
        if unknown:
            problems.add(label, f"unknown key(s) {', '.join(map(str, unknown))}; allowed keys are {', '.join(sorted(allowed))}")
        try:
            row_id = convert(item.get("id"), {**id_spec, "constraints": {**id_spec.get("constraints", {}), "required": True}})
        except ValueError as error:
            problems.add(label, f"id {error}")
            continue
        values = {id_column: row_id}
        sound = not unknown
        for name, spec in specs.items():
            raw = item.get(name, False if spec["type"] == "boolean" else None)
            try:
                values[name] = convert(raw, spec)
            except ValueError as error:
                problems.add(label, f"{name} {error}")
                sound = False
        if sound:
            rows.append((row_id, item, values))
    return rows


def anchor(seed: Seed, item: dict[str, Any], label: str, problems: Problems) -> tuple[int, int] | None:
    """Offsets of an annotation's ``text`` (narrowed by ``within``) in its seed."""
    within = item.get("within")
    if within is not None and not isinstance(within, str):
        problems.add(label, f"within must be text, got {within!r}")
        return None
    try:
        return resolve_span(seed.text, item["text"], within)
    except SpanError as error:
        problems.add(label, str(error))
        return None


def check_figure(values: dict[str, Any], label: str, problems: Problems) -> None:
    """Rules of a figure that its schema cannot express; fills value_low/value_high of point figures."""
    value, low, high = values["value"], values.get("value_low"), values.get("value_high")
    if value is not None:
        low = value if low is None else low
        high = value if high is None else high
        if not low <= value <= high:
            problems.add(label, f"value_low <= value <= value_high does not hold ({low} <= {value} <= {high})")
    elif low is None or high is None:
        problems.add(label, "needs a value, or both value_low and value_high for a range")
    elif low > high:
        problems.add(label, f"value_low {low} is greater than value_high {high}")
    values["value_low"], values["value_high"] = low, high
    written = arithmetic.written_values(values["text"])
    stated = [abs(value)] if value is not None else [low, high]
    if written and None not in stated and (
        len(written) < len(stated)
        or not all(math.isclose(a, b, rel_tol=1e-9) for a, b in zip(stated, written[-len(stated):]))
    ):
        problems.add(
            label,
            f"value {' to '.join(map(arithmetic.fmt, stated))} does not agree with the number written in text "
            f"{values['text']!r} ({', '.join(map(arithmetic.fmt, written))}); write values in base units, "
            "e.g. '£68 million' is 68000000",
        )
    start, end = values["period_start"], values["period_end"]
    if start is not None and end is not None and end < start:
        problems.add(label, f"period_end {end} is before period_start {start}")
    if values["period_inferred"] and not values.get("note"):
        problems.add(label, "period_inferred is true, so a note must say why")
    if values["period_inferred"] and start is None and end is None:
        problems.add(label, "period_inferred is true but no period dates are given")


def anchored_citation(text: str, source: dict[str, Any], start: int, end: int, row_id: str) -> str:
    return (
        f"“{text}” ({row_id}), {source['title']} [{source['source_id']}], "
        f"code points {start}–{end}; china-russia-tools {__version__}."
    )


def source_citation(source: dict[str, Any]) -> str:
    earliest, latest = source["published_earliest"], source["published_latest"]
    if earliest and latest:
        when = f"published between {earliest.isoformat()} and {latest.isoformat()}"
    elif earliest:
        when = f"published on or after {earliest.isoformat()}"
    elif latest:
        when = f"published on or before {latest.isoformat()}"
    else:
        when = "publication date unknown"
    byline = f" {source['byline']}." if source["byline"] else ""
    return (
        f"“{source['title']}”.{byline} News article, {when}. Source text {source['source_id']}, "
        f"SHA-256 {source['sha256']}; in china-russia-tools {__version__}."
    )


def build_source(
    seed: Seed, content: dict[str, Any], fields: list[dict[str, Any]], where: str, problems: Problems
) -> dict[str, Any] | None:
    """The ``sources`` row of one seed from the ``source:`` block of its annotation file."""
    block = content.get("source")
    if not isinstance(block, dict):
        problems.add(where, "needs a 'source:' block with the title, body, language and dates")
        return None
    unknown = sorted(set(block) - SOURCE_KEYS)
    missing = sorted(SOURCE_KEYS - set(block) - {"published_reference_id"})
    if unknown:
        problems.add(f"{where}: source", f"unknown key(s) {', '.join(map(str, unknown))}; allowed keys are {', '.join(sorted(SOURCE_KEYS))}")
    if missing:
        problems.add(f"{where}: source", f"missing key(s) {', '.join(missing)}")
    if unknown or missing:
        return None
    specs = {f["name"]: f for f in fields}
    row: dict[str, Any] = {
        "source_id": seed.source_id,
        "path": f"{SEEDS}/{seed.path.name}",
        "sha256": hashlib.sha256(seed.data).hexdigest(),
        "bytes": len(seed.data),
        "chars": len(seed.text),
    }
    sound = True
    for name in ("title", "byline", "language", "published_earliest", "published_latest", "date_note", "published_reference_id"):
        try:
            row[name] = convert(block.get(name), specs[name])
        except ValueError as error:
            problems.add(f"{where}: source", f"{name} {error}")
            sound = False
    spans = {}
    for key in ("title", "body_starts_with", "body_ends_with"):
        if not isinstance(block[key], str):
            problems.add(f"{where}: source", f"{key} must be text")
            sound = False
            continue
        try:
            spans[key] = resolve_span(seed.text, block[key])
        except SpanError as error:
            problems.add(f"{where}: source", f"{key}: {error}")
            sound = False
    if not sound:
        return None
    row["title_start"], row["title_end"] = spans["title"]
    row["body_start"], row["body_end"] = spans["body_starts_with"][0], spans["body_ends_with"][1]
    if row["body_start"] >= row["body_end"]:
        problems.add(f"{where}: source", "body_ends_with comes before body_starts_with")
        return None
    earliest, latest = row["published_earliest"], row["published_latest"]
    if earliest and latest and latest < earliest:
        problems.add(f"{where}: source", f"published_latest {latest} is before published_earliest {earliest}")
    row["citation"] = source_citation(row)
    return row


def read_shared(folder: Path, table: str, file_name: str, descriptor: dict[str, Any], problems: Problems) -> list[dict[str, Any]]:
    """Rows of a table kept in one shared file (entities, references)."""
    where = f"{ANNOTATIONS}/{file_name}"
    if not (folder / file_name).is_file():
        problems.add(where, "file is missing")
        return []
    if outside(folder.parent, folder / file_name, where, problems):
        return []
    content = read_yaml(folder / file_name, where, problems)
    if not content:
        return []
    unknown = sorted(set(content) - {table})
    if unknown:
        problems.add(where, f"unknown top-level key(s) {', '.join(map(str, unknown))}; expected '{table}'")
    rows = []
    for row_id, _, values in read_rows(content.get(table), table, schema_fields(descriptor, table), where, problems):
        if table == "entities":
            values["citation"] = f"{values['name']} (entity {row_id}), entities table of china-russia-tools {__version__}."
        else:
            url = f" {values['url']}" if values.get("url") else ""
            values["citation"] = f"{values['publisher']}, “{values['title']}”, {values['published'].isoformat()}.{url}"
        rows.append(values)
    return rows


def build_checks(
    pending: list[tuple[list[tuple[str, dict[str, Any], dict[str, Any]]], str, str]],
    rows: dict[str, list[dict[str, Any]]],
    declared: set[str],
    problems: Problems,
) -> None:
    """Check rows of every source, given as ``(rows read, source id, file)``: arithmetic ones
    computed here, reference ones as annotated.

    ``declared`` holds every id written in any annotation file, so that a check of a row that was
    refused for its own problem is not reported a second time.
    """
    figures = {row["figure_id"]: row for row in rows["figures"]}
    quotes = {row["quote_id"] for row in rows["quotes"]}
    references = {row["reference_id"]: row for row in rows["references"]}
    for items, stem, where in pending:
        build_source_checks(items, stem, where, figures, quotes, references, declared, problems, rows["checks"])


def build_source_checks(
    items: list[tuple[str, dict[str, Any], dict[str, Any]]],
    stem: str,
    where: str,
    figures: dict[str, dict[str, Any]],
    quotes: set[str],
    references: dict[str, dict[str, Any]],
    declared: set[str],
    problems: Problems,
    checks: list[dict[str, Any]],
) -> None:
    """Check rows of one source, appended to ``checks`` when sound."""
    for row_id, item, values in items:
        label = f"{where}: checks id {row_id}"
        if not row_id.startswith(stem[:3] + "-"):
            problems.add(label, f"id must start with this source's number, '{stem[:3]}-'")
        target, quote = values["figure_id"], values["quote_id"]
        if (target is None) == (quote is None):
            problems.add(label, "set exactly one of figure_id and quote_id")
            continue
        if target is not None and target not in figures or quote is not None and quote not in quotes:
            if (target or quote) not in declared:
                problems.add(label, f"{'figure_id' if target else 'quote_id'} {target or quote!r} is not annotated in any source")
            continue
        if values["reference_id"] is not None and values["reference_id"] not in references:
            problems.add(label, f"reference_id {values['reference_id']!r} is not in {ANNOTATIONS}/{REFERENCES_FILE}")
            continue
        values["source_id"] = stem
        if values["method"] == "arithmetic":
            result = arithmetic_result(item, values, figures, declared, label, problems)
            if result is None:
                continue
            values.update(status=result.status, expected=result.expected, found=result.found,
                          kind="arithmetic" if result.status == "discrepancy" else None,
                          tolerance=arithmetic.TOLERANCE[values["rule"]])
            values["citation"] = f"Arithmetic on figures {values['operands']} of china-russia-tools {__version__}."
        else:
            for name in ("rule", "operands", "tolerance"):
                if values[name] is not None:
                    problems.add(label, f"{name} is only for arithmetic checks")
            if values["status"] is None:
                problems.add(label, "status is required for a reference check")
                continue
            if values["status"] != "unverified" and (values["reference_id"] is None or not values["expected"] or not values["found"]):
                problems.add(label, "a consistent or discrepancy check needs reference_id, expected and found")
                continue
            if (values["status"] == "discrepancy") != (values["kind"] is not None):
                problems.add(label, "kind is set for a discrepancy, and only for one")
                continue
            reference = references.get(values["reference_id"])
            values["citation"] = reference["citation"] if reference else "No reference speaks to it."
        checks.append(values)


def arithmetic_result(
    item: dict[str, Any],
    values: dict[str, Any],
    figures: dict[str, dict[str, Any]],
    declared: set[str],
    label: str,
    problems: Problems,
) -> arithmetic.Result | None:
    """Compute one arithmetic check; ``None`` (and a problem) when it is not well formed."""
    for name in COMPUTED_BY_ARITHMETIC:
        if item.get(name) is not None:
            problems.add(label, f"{name} is computed by the build for arithmetic checks; remove it")
            return None
    if values["figure_id"] is None or values["rule"] is None or values["operands"] is None:
        problems.add(label, "an arithmetic check needs figure_id, rule and operands")
        return None
    operand_ids = [part.strip() for part in values["operands"].split(",")]
    missing = [operand for operand in operand_ids if operand not in figures]
    if missing:
        unknown = [operand for operand in missing if operand not in declared]
        if unknown:
            problems.add(label, f"operands {', '.join(unknown)} are not annotated figures")
        return None
    stated, operands = figures[values["figure_id"]], [figures[operand] for operand in operand_ids]
    if any(figure["value"] is None for figure in (stated, *operands)):
        problems.add(label, "arithmetic checks need point figures (a value, not a range)")
        return None
    band = item.get("band")
    rule = values["rule"]
    if rule == "multiple" and len(operands) == 2:
        return arithmetic.multiple(stated, *operands)
    if rule == "parts" and len(operands) >= 2:
        return arithmetic.parts(stated, *operands)
    if rule == "conversion" and len(operands) == 1:
        if not (isinstance(band, list) and len(band) == 2 and all(isinstance(x, (int, float)) for x in band) and band[0] <= band[1]):
            problems.add(label, "a conversion check needs band: [lowest rate, highest rate]")
            return None
        return arithmetic.conversion(stated, operands[0], (float(band[0]), float(band[1])))
    problems.add(label, f"rule {rule} takes {'two operands' if rule == 'multiple' else 'one operand' if rule == 'conversion' else 'two or more operands'}")
    return None


def check_status(own: list[dict[str, Any]]) -> str:
    """From a figure's or quote's own checks: discrepancy if any contradicts it; consistent if a
    reference confirms it; else unverified."""
    if any(check["status"] == "discrepancy" for check in own):
        return "discrepancy"
    if any(check["status"] == "consistent" and check["method"] == "reference" for check in own):
        return "consistent"
    return "unverified"


def origin(table: str, row: dict[str, Any]) -> str:
    """The annotation file a built row comes from."""
    shared = {"entities": ENTITIES_FILE, "references": REFERENCES_FILE}
    return f"{ANNOTATIONS}/{shared.get(table, row.get('source_id', '') + '.yaml')}"


def build_tables(root: Path, descriptor: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """Rows of every table, checked; raises :class:`AnnotationError` listing every problem."""
    problems = Problems()
    seeds = read_seeds(root, problems)
    folder = root / ANNOTATIONS
    annotation_files = {p.stem: p for p in sorted(folder.glob("*.yaml")) if p.name not in SHARED_FILES}
    for stem in sorted(set(annotation_files) - set(seeds)):
        problems.add(f"{ANNOTATIONS}/{stem}.yaml", f"no seed {SEEDS}/{stem}.txt for this annotation file")
    for stem in sorted(set(seeds) - set(annotation_files)):
        problems.add(f"{SEEDS}/{stem}.txt", f"has no annotation file {ANNOTATIONS}/{stem}.yaml")

    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
    rows["entities"] = read_shared(folder, "entities", ENTITIES_FILE, descriptor, problems)
    rows["references"] = read_shared(folder, "references", REFERENCES_FILE, descriptor, problems)
    entity_ids = {row["entity_id"] for row in rows["entities"]}
    reference_ids = {row["reference_id"] for row in rows["references"]}
    fields = {table: schema_fields(descriptor, table) for table in TABLES}
    entity_columns = {table: entity_references(descriptor, table) for table in LAYERS}
    pending_checks = []
    declared: set[str] = set()

    for stem, path in annotation_files.items():
        if stem not in seeds:
            continue
        seed, where = seeds[stem], f"{ANNOTATIONS}/{path.name}"
        if outside(root, path, where, problems):
            continue
        content = read_yaml(path, where, problems)
        if not content:
            continue
        unknown = sorted(set(content) - {"source", "checks", *LAYERS})
        if unknown:
            problems.add(where, f"unknown top-level key(s) {', '.join(map(str, unknown))}; expected source, {', '.join(LAYERS)}, checks")
        source = build_source(seed, content, fields["sources"], where, problems)
        if source is None:
            continue
        if source["published_reference_id"] is not None and source["published_reference_id"] not in reference_ids:
            problems.add(f"{where}: source", f"published_reference_id {source['published_reference_id']!r} is not in {ANNOTATIONS}/{REFERENCES_FILE}")
        rows["sources"].append(source)
        for table in LAYERS:
            items = content.get(table)
            declared.update(str(item["id"]) for item in items or [] if isinstance(item, dict) and "id" in item)
        for table in LAYERS:
            for row_id, item, values in read_rows(content.get(table), table, fields[table], where, problems, {"text", "within"}):
                label = f"{where}: {table} id {row_id}"
                if not row_id.startswith(stem[:3] + "-"):
                    problems.add(label, f"id must start with this source's number, '{stem[:3]}-'")
                span = anchor(seed, item, label, problems)
                if span is None:
                    continue
                start, end = span
                if table != "mentions" and not source["body_start"] <= start < end <= source["body_end"]:
                    problems.add(label, f"span {start}–{end} lies outside the article body {source['body_start']}–{source['body_end']}")
                for name in entity_columns[table]:
                    if values.get(name) is not None and values[name] not in entity_ids:
                        problems.add(label, f"{name} {values[name]!r} is not an entity in {ANNOTATIONS}/{ENTITIES_FILE}")
                if table == "figures":
                    check_figure(values, label, problems)
                values.update(
                    source_id=stem,
                    char_start=start,
                    char_end=end,
                    citation=anchored_citation(values["text"], source, start, end, row_id),
                )
                rows[table].append(values)
        checks = read_rows(content.get("checks"), "checks", fields["checks"], where, problems, {"band"})
        pending_checks.append((checks, stem, where))

    build_checks(pending_checks, rows, declared, problems)
    checks_of: dict[str, list[dict[str, Any]]] = {}
    for check in rows["checks"]:
        checks_of.setdefault(check["figure_id"] or check["quote_id"], []).append(check)
    for table in ("figures", "quotes"):
        for row in rows[table]:
            row["check_status"] = check_status(checks_of.get(row[ID_COLUMNS[table]], []))

    for table in TABLES:
        id_column = ID_COLUMNS[table]
        files: dict[str, list[str]] = {}
        for row in rows[table]:
            files.setdefault(row[id_column], []).append(origin(table, row))
        for row_id, where in files.items():
            if len(where) > 1:
                problems.add(f"{where[0]}: {table} id {row_id}", f"the id is used {len(where)} times, in {', '.join(sorted(set(where)))}")
        rows[table].sort(key=lambda row: row[id_column])
    tables_of: dict[str, set[str]] = {}
    for table in TABLES:
        for row in rows[table]:
            tables_of.setdefault(row[ID_COLUMNS[table]], set()).add(table)
    for row_id, names in tables_of.items():
        if len(names) > 1:
            problems.add(f"{ANNOTATIONS}/", f"the id {row_id!r} names rows of {' and '.join(sorted(names))}; "
                         "ids must be unique across tables so that cite() and show() find one row")
    problems.raise_if_any()
    return rows


def to_arrow(rows: list[dict[str, Any]], fields: list[dict[str, Any]]) -> pa.Table:
    schema = pa.schema(
        [pa.field(f["name"], ARROW_TYPES[f["type"]], nullable=not f.get("constraints", {}).get("required", False)) for f in fields]
    )
    columns = {f["name"]: [row.get(f["name"]) for row in rows] for f in fields}
    return pa.table(columns, schema=schema)


def parquet_bytes(table: pa.Table) -> bytes:
    sink = io.BytesIO()
    pq.write_table(table, sink, compression="zstd")
    return sink.getvalue()


def render(root: Path) -> Output:
    """Build every output in memory: tables, the refreshed descriptor and the data dictionary."""
    descriptor_file = root / DESCRIPTOR
    try:
        descriptor = json.loads(descriptor_file.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise AnnotationError([f"{DESCRIPTOR}: cannot read the descriptor: {error}"]) from error
    rows = build_tables(root, descriptor)
    files: dict[str, bytes] = {}
    tables: dict[str, pa.Table] = {}
    resources = []
    for entry in descriptor["resources"]:
        if entry["name"] not in TABLES:
            continue  # seed resources are regenerated below
        resource_file(root, entry)  # a table is only ever written inside the project
        table = to_arrow(rows[entry["name"]], entry["schema"]["fields"])
        data = parquet_bytes(table)
        tables[entry["name"]], files[entry["path"]] = table, data
        resources.append({**entry, "hash": f"sha256:{hashlib.sha256(data).hexdigest()}"})
    for source in rows["sources"]:
        resources.append(
            {
                "name": f"seed-{source['source_id'].replace('_', '-')}",
                "title": source["title"],
                "description": f"Source text {source['source_id']}, byte for byte as received; UTF-8, LF line ends.",
                "path": source["path"],
                "mediatype": "text/plain",
                "encoding": "utf-8",
                "hash": f"sha256:{source['sha256']}",
                "bytes": source["bytes"],
            }
        )
    refreshed = {**descriptor, "version": __version__, "resources": resources}
    files[DESCRIPTOR] = (json.dumps(refreshed, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    files[dictionary.PATH] = dictionary.render_dictionary(refreshed).encode("utf-8")
    return Output(files, tables)


def temporary_beside(target: Path, created: list[Path]) -> Path:
    """A new, empty temporary file in the folder of ``target``; its path is appended to ``created``."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    os.close(handle)
    created.append(Path(name))
    return created[-1]


def stage(target: Path, data: bytes, created: list[Path]) -> Path:
    """Write ``data`` to a temporary file beside ``target``, with the target's permissions."""
    temporary = temporary_beside(target, created)
    temporary.write_bytes(data)
    os.chmod(temporary, target.stat().st_mode if target.exists() else 0o644)
    return temporary


def write(root: Path) -> Output:
    """Build and write every output atomically.

    All files are staged beside their targets, then swapped in one by one; if anything fails, the
    files already swapped are put back from copies, so the committed files stay exactly as they were.
    """
    output = render(root)
    created: list[Path] = []
    swapped: list[tuple[Path, Path | None]] = []  # (target, copy of the file it replaced, if any)
    try:
        staged = [(stage(root / name, data, created), root / name) for name, data in output.files.items()]
        for temporary, target in staged:
            backup = None
            if target.exists():
                backup = temporary_beside(target, created)
                shutil.copy2(target, backup)
            swapped.append((target, backup))
            os.replace(temporary, target)
    except BaseException:
        for target, backup in reversed(swapped):
            if backup is None:
                target.unlink(missing_ok=True)
            else:
                os.replace(backup, target)
        raise
    finally:
        for path in created:
            path.unlink(missing_ok=True)
    return output


def differences(root: Path) -> list[str]:
    """What differs between the committed outputs and a fresh build; empty when up to date.

    Tables are compared by content (schema and rows) and the descriptor by its JSON, except the
    Parquet files' own hashes, which depend on the pyarrow version that wrote them.
    """
    output = render(root)
    found = []
    for name, table in output.tables.items():
        path = root / "data" / f"{name}.parquet"
        try:
            committed = pq.read_table(path)
        except (OSError, ValueError) as error:
            found.append(f"data/{name}.parquet: cannot be read ({error})")
            continue
        if not committed.schema.equals(table.schema):
            found.append(f"data/{name}.parquet: columns or types differ from the schema")
        elif not committed.equals(table):
            id_column = table.column_names[0]
            old = {r[id_column]: r for r in committed.to_pylist()}
            new = {r[id_column]: r for r in table.to_pylist()}
            changed = sorted(k for k in old.keys() | new.keys() if old.get(k) != new.get(k))
            found.append(f"data/{name}.parquet: rows differ: {', '.join(changed[:10])}{' ...' if len(changed) > 10 else ''}")
    try:
        committed_descriptor = json.loads((root / DESCRIPTOR).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        found.append(f"{DESCRIPTOR}: cannot be read ({error})")
    else:
        fresh = json.loads(output.files[DESCRIPTOR])
        found += seed_changes(committed_descriptor, fresh)
        if _without_table_hashes(committed_descriptor) != _without_table_hashes(fresh):
            found.append(f"{DESCRIPTOR}: differs from the build (seed hashes, version or resources)")
    path = root / dictionary.PATH
    if not path.is_file() or path.read_bytes() != output.files[dictionary.PATH]:
        found.append(f"{dictionary.PATH}: missing or differs from the descriptor")
    return found


def seed_changes(committed: dict[str, Any], fresh: dict[str, Any]) -> list[str]:
    """Seeds added, removed or edited since the committed descriptor pinned them."""
    def pins(descriptor: dict[str, Any]) -> dict[str, str]:
        return {r["path"]: r.get("hash", "") for r in descriptor.get("resources", []) if r.get("name") not in TABLES}

    old, new = pins(committed), pins(fresh)
    found = []
    for path in sorted(old.keys() | new.keys()):
        if path not in new:
            found.append(f"{path}: pinned in {DESCRIPTOR} but no longer built")
        elif path not in old:
            found.append(f"{path}: new seed, not yet pinned in {DESCRIPTOR}")
        elif old[path] != new[path]:
            found.append(f"{path}: edited; its SHA-256 is {new[path].removeprefix('sha256:')}, {DESCRIPTOR} pins {old[path].removeprefix('sha256:')}")
    return found


def _without_table_hashes(descriptor: dict[str, Any]) -> dict[str, Any]:
    resources = [{k: v for k, v in r.items() if not (k == "hash" and r["name"] in TABLES)} for r in descriptor.get("resources", [])]
    return {**descriptor, "resources": resources}


def check(root: Path) -> None:
    """Raise :class:`StaleError` naming what differs when the committed outputs are stale."""
    found = differences(root)
    if found:
        raise StaleError("committed outputs are stale; run `china-russia-tools build`:\n" + "\n".join(f"  - {line}" for line in found))
