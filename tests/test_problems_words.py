"""Each problem's exact words, asserted once: one case per message, the input that causes it and its whole
line (or, where the rest is a library's or the system's words, its beginning), with its code. The tests of each
rule elsewhere assert the code and the file and row it names, so that a rewording breaks a test here; a message
that only one test of its rule causes (a unit-level reader's, or one needing a patched limit) keeps its words
in that test, beside its code.

This file holds the problems of reading the inputs (spans, ids, references, vocabularies, keys, YAML, seeds);
test_problems_words_rules.py those of the rules of the rows (row_rules, wording, periods, relays, checks,
corrections), and
test_problems_words_validate.py those validate finds in an installed package."""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from china_russia_tools import builder
from china_russia_tools.errors import AnnotationError, DataError, StaleError
from minimal_project import (
    ANNOTATION_PATH,
    ANNOTATIONS,
    SEED,
    SEED_PATH,
    SOURCE_ID,
    make_project,
    replace_once,
    set_resource_path,
    write_pinned,
)

FILE = ANNOTATION_PATH


OTHER_ID = "101_0123456789abcdef"


@dataclass(frozen=True)
class Case:
    """One bad input: how to make it, what the build (or ``action``) raises, the message (its whole line,
    or its beginning where the rest is a library's words) and, for a problem of the build, its code."""

    mutate: Callable[[Path], None]
    error: type[Exception]
    message: str
    action: Callable[[Path], object] = builder.write
    code: str | None = None


def edit(relative: str, old: str, new: str) -> Callable[[Path], None]:
    """A mutation replacing the one occurrence of ``old`` in a text file of the project."""

    return lambda root: replace_once(root, relative, old, new)


def put(relative: str, data: bytes) -> Callable[[Path], None]:
    """A mutation writing ``data`` to a file of the project."""

    def mutate(root: Path) -> None:
        (root / relative).write_bytes(data)

    return mutate


def link_outside(relative: str) -> Callable[[Path], None]:
    """A mutation replacing a project file by a symbolic link to a copy outside the project."""

    def mutate(root: Path) -> None:
        path = root / relative
        outside = root.parent / f"outside-{path.name}"
        outside.write_bytes(path.read_bytes())
        path.unlink()
        path.symlink_to(outside)

    return mutate


def both(*mutations: Callable[[Path], None]) -> Callable[[Path], None]:
    """A mutation making each of ``mutations`` in turn."""

    def mutate(root: Path) -> None:
        for mutation in mutations:
            mutation(root)

    return mutate


def remove(relative: str) -> Callable[[Path], None]:
    def mutate(root: Path) -> None:
        (root / relative).unlink()

    return mutate


def pipe(relative: str) -> Callable[[Path], None]:
    """A mutation replacing a project file by a named pipe (whose reading would never end)."""

    def mutate(root: Path) -> None:
        (root / relative).unlink()
        os.mkfifo(root / relative)

    return mutate


def drop_resource(name: str) -> Callable[[Path], None]:
    """A mutation removing the descriptor's resource ``name``."""

    def mutate(root: Path) -> None:
        descriptor = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
        descriptor["resources"] = [r for r in descriptor["resources"] if r["name"] != name]
        write_pinned(root, descriptor)

    return mutate


def edited_after_build(root: Path) -> None:
    builder.write(root)
    edit(SEED_PATH, "By A. Writer", "By B. Writer")(root)


def line(fragment: str) -> int:
    """The line of the small project's annotation file that holds ``fragment``."""
    return ANNOTATIONS[: ANNOTATIONS.index(fragment)].count("\n") + 1


def python_tag(root: Path) -> None:
    """A tag that PyYAML's full loader would turn into a call of os.system, creating ``unsafe.txt``."""
    edit(FILE, "product: lathes", f"product: !!python/object/apply:os.system ['touch {root}/unsafe.txt']")(root)


def seed_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


TITLE_RANGE = "  - id: 100-f02\n    text: 12%\n    value: 12\n"


SHARE_START = SEED.index("Share this article")


BODY = (SEED.index("China’s exports"), SEED.index("China traded more.") + len("China traded more."))


MOSCOW = "  - {id: 100-m03, entity_id: russia, text: Moscow, metonym: true}\n"
FURNITURE = SHARE_START + len("Share this article on ")


BUILD_CASES = {
    # spans
    "text-not-found": Case(
        edit(FILE, "text: £68 million", "text: £86 million"), AnnotationError,
        f"{FILE}: figures id 100-f01: text '£86 million' does not occur in the source", code="span-not-found"),
    "text-ambiguous": Case(
        edit(FILE, "text: Russia, within: Russia bought}", "text: Russia}"), AnnotationError,
        f"{FILE}: mentions id 100-m02: text 'Russia' occurs 3 times in the source (at code points "
        f"{SEED.index('Russia rose')}, {SEED.index('Russia bought')}, {SEED.index('Russia and')}); "
        "add a 'within' passage that contains it once", code="span-ambiguous"),
    "within-ambiguous": Case(
        edit(FILE, "within: Russia bought}", "within: Russia}"), AnnotationError,
        f"{FILE}: mentions id 100-m02: 'within' passage 'Russia' occurs 3 times in the source; make it longer",
        code="span-ambiguous"),
    "within-without-text": Case(
        edit(FILE, "text: China, within: China’s exports", "text: China, within: Russia bought"), AnnotationError,
        f"{FILE}: mentions id 100-m01: text 'China' does not occur in its 'within' passage 'Russia bought'",
        code="span-not-found"),
    "span-outside-body": Case(
        edit(FILE, "text: 57%", "text: Share this article"), AnnotationError,
        f"{FILE}: figures id 100-f03: span {SHARE_START}–{SHARE_START + 18} lies outside the article body "
        f"{BODY[0]}–{BODY[1]} of source {SOURCE_ID}", code="span-outside-body"),
    "mention-outside-headline-and-body": Case(
        both(edit(SEED_PATH, "Share this article", "Share this article on Russia"),
             edit(FILE, MOSCOW, MOSCOW + "  - {id: 100-m04, entity_id: russia, text: Russia, within: on Russia}\n")),
        AnnotationError,
        f"{FILE}: mentions id 100-m04: span {FURNITURE}–{FURNITURE + 6} lies outside the headline 0–25 and the article "
        f"body {BODY[0]}–{BODY[1]} of source {SOURCE_ID}; site furniture is not annotated", code="span-outside-body"),
    "body-start-not-found": Case(
        edit(FILE, "body_starts_with: China’s exports", "body_starts_with: China's exports"), AnnotationError,
        f"{FILE}: source: body_starts_with: text \"China's exports\" does not occur in the source",
        code="span-not-found"),
    # ids
    "duplicate-figure-id": Case(
        edit(FILE, "id: 100-f02", "id: 100-f01"), AnnotationError,
        f"{FILE}: figures id 100-f01: the id is used 2 times, in {FILE}", code="duplicate-id"),
    "duplicate-entity-id": Case(
        edit("annotations/entities.yaml", "  - id: russia", "  - id: china"), AnnotationError,
        "annotations/entities.yaml: entities id china: the id is used 2 times, in annotations/entities.yaml",
        code="duplicate-id"),
    "id-of-another-source": Case(
        edit(FILE, "id: 100-m03", "id: 101-m03"), AnnotationError,
        f"{FILE}: mentions id 101-m03: id must start with this source's number, '100-'", code="id-prefix"),
    "id-pattern": Case(
        edit(FILE, "id: 100-m03", "id: 100-x03"), AnnotationError,
        f"{FILE}: mentions entry 3 (id 100-x03): id '100-x03' does not match the pattern ^[a-z0-9-]+-m[0-9]{{2,}}$",
        code="invalid-value"),
    "missing-id": Case(
        edit(FILE, "  - id: 100-q01\n    text:", "  - text:"), AnnotationError,
        f"{FILE}: quotes entry 1: id is required and may not be null", code="invalid-value"),
    # references to unknown rows
    "unknown-entity": Case(
        edit(FILE, "trade_value\n    statistic: level\n    flow_from: china",
             "trade_value\n    statistic: level\n    flow_from: atlantis"),
        AnnotationError,
        f"{FILE}: figures id 100-f01: flow_from 'atlantis' is not an entity in annotations/entities.yaml",
        code="unknown-reference"),
    "unknown-speaker": Case(
        edit(FILE, "speaker_id: null", "speaker_id: nobody"), AnnotationError,
        f"{FILE}: quotes id 100-q01: speaker_id 'nobody' is not an entity in annotations/entities.yaml",
        code="unknown-reference"),
    "unknown-source-of-annotations": Case(
        remove(SEED_PATH), AnnotationError,
        f"{FILE}: no seed {SEED_PATH} for this annotation file", code="missing-file"),
    "unknown-reference": Case(
        edit(FILE, "reference_id: customs-2024-01-02", "reference_id: customs-2099-01-01"), AnnotationError,
        f"{FILE}: checks id 100-c01: reference_id 'customs-2099-01-01' is not a reference in "
        "annotations/references.yaml", code="unknown-reference"),
    "unknown-published-reference": Case(
        edit(FILE, "published_reference_id: null", "published_reference_id: ft-1999-01-01"), AnnotationError,
        f"{FILE}: source: published_reference_id 'ft-1999-01-01' is not a reference in annotations/references.yaml",
        code="unknown-reference"),
    "check-of-unknown-figure": Case(
        edit(FILE, "figure_id: 100-f03", "figure_id: 100-f09"), AnnotationError,
        f"{FILE}: checks id 100-c01: figure_id '100-f09' is not annotated in any source", code="unknown-reference"),
    # vocabularies
    "unknown-unit": Case(
        edit(FILE, "unit: GBP", "unit: GBX"), AnnotationError,
        f"{FILE}: figures entry 1 (id 100-f01): unit 'GBX' is not one of: GBP, USD", code="invalid-value"),
    "unknown-measure": Case(
        edit(FILE, "measure: import_share", "measure: import_volume"), AnnotationError,
        f"{FILE}: figures entry 3 (id 100-f03): measure 'import_volume' is not one of: trade_value",
        code="invalid-value"),
    "unknown-quote-kind": Case(
        edit(FILE, "kind: direct", "kind: verbatim"), AnnotationError,
        f"{FILE}: quotes entry 1 (id 100-q01): kind 'verbatim' is not one of: direct, phrase, indirect",
        code="invalid-value"),
    "unknown-entity-type": Case(
        edit("annotations/entities.yaml", "entity_type: country\n    country_code: RU",
             "entity_type: nation\n    country_code: RU"),
        AnnotationError,
        "annotations/entities.yaml: entities entry 2 (id russia): entity_type 'nation' is not one of: country",
        code="invalid-value"),
    # values and periods
    "low-above-high": Case(
        edit(FILE, TITLE_RANGE,
             TITLE_RANGE.replace("value: 12\n", "value: null\n    value_low: 14\n    value_high: 10\n")),
        AnnotationError, f"{FILE}: figures id 100-f02: value_low 14.0 is greater than value_high 10.0",
        code="reversed-range"),
    "value-outside-range": Case(
        edit(FILE, TITLE_RANGE, TITLE_RANGE + "    value_low: 13\n"), AnnotationError,
        f"{FILE}: figures id 100-f02: value_low <= value <= value_high does not hold (13.0 <= 12.0 <= 12.0)",
        code="value-range"),
    "range-without-ends": Case(
        edit(FILE, TITLE_RANGE, TITLE_RANGE.replace("value: 12\n", "value: null\n")), AnnotationError,
        f"{FILE}: figures id 100-f02: needs a value, or both value_low and value_high for a range", code="value-range"),
    "period-end-before-start": Case(
        edit(FILE, "period_end: 2023-07-31", "period_end: 2023-06-30"), AnnotationError,
        f"{FILE}: figures id 100-f01: period_end 2023-06-30 is before period_start 2023-07-01", code="reversed-range"),
    "inferred-period-without-note": Case(
        edit(FILE, "    note: The year is that of the date window.\n", ""), AnnotationError,
        f"{FILE}: figures id 100-f01: period_inferred is true, so a note must say why", code="paired-field"),
    "impossible-date": Case(
        edit(FILE, "period_start: 2023-07-01", "period_start: 2023-13-01"), AnnotationError,
        f"{FILE}: not valid YAML at line {line('period_start: 2023-07-01')}, column 19: '2023-13-01' is not a "
        "valid date: "
        "month must be in 1..12", code="yaml-syntax"),
    "date-as-text": Case(
        edit(FILE, "period_start: 2023-07-01", "period_start: July 2023"), AnnotationError,
        f"{FILE}: figures entry 1 (id 100-f01): period_start must be a date written YYYY-MM-DD, got 'July 2023'",
        code="invalid-value"),
    "number-as-text": Case(
        edit(FILE, "value: 68000000", "value: 68 million"), AnnotationError,
        f"{FILE}: figures entry 1 (id 100-f01): value must be a number, got '68 million'", code="invalid-value"),
    # keys
    "misspelled-key": Case(
        edit(FILE, "value: 68000000", "vlaue: 68000000"), AnnotationError,
        f"{FILE}: figures entry 1 (id 100-f01): unknown key(s) vlaue; allowed keys are ", code="unknown-key"),
    "misspelled-source-key": Case(
        edit(FILE, "  byline: By A. Writer", "  by_line: By A. Writer"), AnnotationError,
        f"{FILE}: source: unknown key(s) by_line; allowed keys are ", code="unknown-key"),
    "unknown-top-level-key": Case(
        edit(FILE, "\nmentions:\n", "\nmention:\n"), AnnotationError,
        f"{FILE}: unknown top-level key(s) mention; expected source, figures, mentions, quotes, checks",
        code="unknown-key"),
    "missing-required-field": Case(
        edit(FILE, "    unit: GBP\n", ""), AnnotationError,
        f"{FILE}: figures entry 1 (id 100-f01): unit is required and may not be null", code="invalid-value"),
    "missing-source-key": Case(
        edit(FILE, "  language: en\n", ""), AnnotationError,
        f"{FILE}: source: missing key(s) language", code="missing-key"),
    "yaml-anchor": Case(
        edit("annotations/references.yaml", "references:\n", "references:\n  - note: &a [x, x]\n    other: [*a, *a]\n"),
        AnnotationError,
        "annotations/references.yaml: not valid YAML at line 2, column 11: an anchor (&a) is refused; write each "
        "value out", code="yaml-alias"),
    "yaml-alias": Case(
        put("annotations/references.yaml", b"references:\n  - note: [x, x]\n    other: *a\n"), AnnotationError,
        "annotations/references.yaml: not valid YAML at line 3, column 12: an alias (*a) is refused; write each "
        "value out", code="yaml-alias"),
    "key-written-twice": Case(
        edit(FILE, "    value: 68000000\n", "    value: 68000000\n    value: 86000000\n"), AnnotationError,
        f"{FILE}: not valid YAML at line {line('value: 68000000') + 1}, column 5: the key 'value' is written twice "
        "in one mapping", code="yaml-syntax"),
    # syntax (libyaml and PyYAML's own parser word the rest of these two messages differently)
    "unclosed-flow-mapping": Case(
        edit(FILE, "metonym: true}", "metonym: true"), AnnotationError,
        f"{FILE}: not valid YAML at line {line('quotes:')}, column 7: while parsing a flow mapping, ",
        code="yaml-syntax"),
    "tab-indentation": Case(
        edit(FILE, "    kind: direct\n", "\tkind: direct\n"), AnnotationError,
        f"{FILE}: not valid YAML at line {line('kind: direct')}, column 1: while scanning ", code="yaml-syntax"),
    "python-object-tag": Case(
        python_tag, AnnotationError,
        f"{FILE}: not valid YAML at line {line('product: lathes')}, column 14: the tag "
        "'tag:yaml.org,2002:python/object/apply:os.system' "
        "is refused; annotation files hold plain data only", code="yaml-syntax"),
    "empty-annotation-file": Case(put(FILE, b""), AnnotationError, f"{FILE}: file is empty", code="empty-file"),
    "comments-only-annotation-file": Case(put(FILE, b"# nothing yet\n"), AnnotationError, f"{FILE}: file is empty",
        code="empty-file"),
    "annotation-file-is-a-list": Case(
        put(FILE, b"- id: 100-f01\n"), AnnotationError, f"{FILE}: expected a mapping at the top level, found list",
        code="yaml-structure"),
    "missing-entities-file": Case(
        remove("annotations/entities.yaml"), AnnotationError, "annotations/entities.yaml: file is missing",
        code="missing-file"),
    # seeds
    "seed-missing": Case(
        remove(SEED_PATH), AnnotationError, f"{FILE}: no seed {SEED_PATH} for this annotation file",
        code="missing-file"),
    "seed-edited-under-annotation": Case(
        edit(SEED_PATH, "£68 million", "£68 mn"), AnnotationError,
        f"{FILE}: figures id 100-f01: text '£68 million' does not occur in the source", code="span-not-found"),
    "seed-edited-after-build": Case(
        edited_after_build, StaleError,
        f"{SEED_PATH}: edited; its SHA-256 is {seed_hash(SEED.replace('By A.', 'By B.'))}, "
        f"datapackage.json pins {seed_hash(SEED)}", builder.require_current),
    "seed-not-utf8": Case(
        put(SEED_PATH, SEED.encode("utf-8").replace("£".encode(), b"\xa3")), AnnotationError,
        f"{SEED_PATH}: not valid UTF-8 at byte {SEED.encode('utf-8').index('£'.encode())}: invalid start byte",
        code="seed-not-utf8"),
    "seed-with-bom": Case(
        put(SEED_PATH, b"\xef\xbb\xbf" + SEED.encode("utf-8")), AnnotationError,
        f"{SEED_PATH}: starts with a UTF-8 byte order mark; seeds must be stored without one",
        code="seed-not-plain-text"),
    "seed-with-crlf": Case(
        put(SEED_PATH, SEED.replace("\n", "\r\n").encode("utf-8")), AnnotationError,
        f"{SEED_PATH}: contains a carriage return at code point {SEED.index(chr(10))}; seeds use LF line ends",
        code="seed-not-plain-text"),
    "seed-with-nul": Case(
        put(SEED_PATH, SEED.replace("Lathe exports", "Lathe\x00exports").encode("utf-8")), AnnotationError,
        f"{SEED_PATH}: contains a NUL character at code point 5; seeds are plain text", code="seed-not-plain-text"),
    "extra-seed": Case(
        put(f"seeds/{OTHER_ID}.txt", b"Another text.\n"), AnnotationError,
        f"seeds/{OTHER_ID}.txt: has no annotation file annotations/{OTHER_ID}.yaml", code="missing-file"),
    "misnamed-seed": Case(
        put("seeds/Notes 2.txt", b"Notes.\n"), AnnotationError,
        "seeds/Notes 2.txt: not a seed: expected a .txt file whose name is lowercase letters, digits, '-' and '_'",
        code="seed-name"),
    "seed-not-text": Case(
        put("seeds/notes.md", b"Notes.\n"), AnnotationError,
        "seeds/notes.md: not a seed: expected a .txt file whose name is lowercase letters, digits, '-' and '_'",
        code="seed-name"),
    "seed-links-outside": Case(
        link_outside(SEED_PATH), AnnotationError, f"{SEED_PATH}: leads outside the project, to ",
        code="outside-project"),
    "annotation-links-outside": Case(
        link_outside(FILE), AnnotationError, f"{FILE}: leads outside the project, to ", code="outside-project"),
    "seed-is-a-named-pipe": Case(
        pipe(SEED_PATH), AnnotationError,
        f"{SEED_PATH}: is a named pipe, not a regular file; seeds are plain text files", code="not-regular-file"),
    "descriptor-without-a-table": Case(
        drop_resource("figures"), AnnotationError,
        "datapackage.json: no resource named 'figures'; each table needs one", code="bad-descriptor"),
    "table-path-outside": Case(
        set_resource_path("figures", "../figures.parquet"), DataError,
        "datapackage.json: resource 'figures' has the path '../figures.parquet', which is not a relative path inside "),
}


@pytest.mark.parametrize("case", BUILD_CASES.values(), ids=BUILD_CASES.keys())
def test_bad_build_input_is_refused(case: Case, tmp_path: Path):
    root = make_project(tmp_path / "project")
    case.mutate(root)
    written = {p: p.read_bytes() for p in (root / "data").iterdir()}
    with pytest.raises(case.error, match=re.escape(case.message)) as raised:
        case.action(root)
    if case.code is not None:
        assert [code for line, code in zip(raised.value.problems, raised.value.codes, strict=True)
                if case.message in line] == [case.code]
    assert {p: p.read_bytes() for p in (root / "data").iterdir()} == written
    assert not (root / "unsafe.txt").exists()


def test_a_build_outside_a_checkout_is_worded_so(tmp_path: Path):
    with pytest.raises(AnnotationError) as raised:
        builder.render(tmp_path)
    assert list(zip(raised.value.codes, raised.value.problems, strict=True)) == [(
        "not-a-project",
        f"{tmp_path}: not a checkout of china-russia-tools; build needs datapackage.json, seeds/ and annotations/ "
        "there (missing: datapackage.json, seeds/, annotations/); run it in a checkout, or name one with --root DIR",
    )]


def test_every_problem_is_reported_at_once(tmp_path: Path):
    root = make_project(tmp_path / "project")
    chosen = ["text-not-found", "within-without-text", "id-pattern", "unknown-speaker", "unknown-measure",
              "low-above-high", "extra-seed"]
    for name in chosen:
        BUILD_CASES[name].mutate(root)
    with pytest.raises(AnnotationError) as caught:
        builder.render(root)
    problems = caught.value.problems
    for name in chosen:
        assert sum(BUILD_CASES[name].message in problem for problem in problems) == 1, (name, problems)
    assert str(caught.value).startswith(f"{len(problems)} problems found:\n  - ")
