"""Each problem's exact words, asserted once: one case per message, the input that causes it and its whole
line (or, where the rest is a library's or the system's words, its beginning), with its code. The tests of each
rule elsewhere assert the code and the file and row it names, so that a rewording breaks a test here; a message
that only one test of its rule causes (a unit-level reader's, or one needing a patched limit) keeps its words
in that test, beside its code."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from china_russia_tools import builder
from china_russia_tools.errors import AnnotationError, DataError, StaleError
from corpus import A0, A3, S000, S003, require
from minimal_project import (
    ANNOTATION_PATH,
    ANNOTATIONS,
    SEED,
    SEED_PATH,
    make_project,
    refusal,
    replace_once,
    set_resource_path,
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


def remove(relative: str) -> Callable[[Path], None]:
    def mutate(root: Path) -> None:
        (root / relative).unlink()

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
        f"{BODY[0]}–{BODY[1]}", code="span-outside-body"),
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


# Every other problem of the build: the edits that cause it, its code and its whole line.

ENTITIES = "annotations/entities.yaml"
OBSERVATIONS = "annotations/observations.yaml"
REFERENCES = "annotations/references.yaml"
RUSSIA_QID = "wikidata_id: null\n    description: The Russian"
WIRE = """\
  - id: wire-2024-01-03
    publisher: Example Wire
    title: Lathe imports
    published: 2024-01-03
    url: null
    relays: customs-2024-01-02
    note: A wire story relaying the customs table.
  - id: paper-2024-01-04
    publisher: Example Paper
    title: More lathes
    published: 2024-01-04
    url: null
    relays: wire-2024-01-03
    note: A newspaper story relaying the wire.
"""
THROUGH_THE_PAPER = (FILE, "    series_id: cn-exports-to-ru-machine-tools\n",
                     "    series_id: cn-exports-to-ru-machine-tools\n    report_id: paper-2024-01-04\n")
OWN_CHAIN = ("it confirms the relay, not the number: ask the relay question with a reference check")


@dataclass(frozen=True)
class Worded:
    """A problem of the build: the edits (file, old, new) that cause it, its code and its whole line. With
    ``published``, the edits break a copy of the published project (which needs the source ``needs``);
    ``appended`` is text added at the end of files, before the edits."""

    edits: tuple[tuple[str, str, str], ...]
    code: str
    line: str
    published: bool = False
    needs: str | None = None
    appended: tuple[tuple[str, str], ...] = ()


def check(text: str) -> tuple[tuple[str, str], ...]:
    """A check appended to the small project's annotation file."""
    return ((FILE, text),)


WORDED = {
    # hooks.py
    "value-words-mismatch": Worded(
        ((A0, "    text: tenfold\n    value: 10\n", "    text: tenfold\n    value: 100\n"),), "value-words-mismatch",
        f"{A0}: figures id 000-f01: value 100 does not agree with the number written in text 'tenfold' (10); "
        "write values in base units, e.g. '£68 million' is 68000000", published=True, needs=S000),
    "observation-words-mismatch": Worded(
        ((OBSERVATIONS, "    period_end: 2025-08-31\n    value: -16.4\n",
          "    period_end: 2025-08-31\n    value: -15.4\n"),), "value-words-mismatch",
        f"{OBSERVATIONS}: observations id ki-2025-09-08-exports-2025-08: value -15.4 is not the number "
        "written in value_words 'fell 16.4%' (16.4); write values in base units, e.g. '1.03 trillion yuan' is "
        "1030000000000", published=True),
    "observation-words-outside-text": Worded(
        ((OBSERVATIONS, "    value_words: fell 16.4%\n", "    value_words: fell 16.5%\n"),), "span-not-found",
        f"{OBSERVATIONS}: observations id ki-2025-09-08-exports-2025-08: value_words 'fell 16.5%' do not occur in "
        "its text \"China's exports to Russia fell 16.4% year-on-year in August, the sharpest drop in five months "
        "and adding to July's 8.6% decline, marking the fifth straight monthly contraction.\"", published=True),
    "observed-change-unsigned": Worded(
        ((OBSERVATIONS, "    value_words: fell 16.4%\n", "    value_words: 16.4%\n"),), "sign-unwritten",
        f"{OBSERVATIONS}: observations id ki-2025-09-08-exports-2025-08: value_words '16.4%' of a change hold no "
        "direction word (rose, fell...) to sign it by", published=True),
    "hedge-words-mismatch": Worded(
        ((A3, "    unit: CNY\n    approximation: approximately", "    unit: CNY\n    approximation: exact"),),
        "hedge-words-mismatch",
        f"{A3}: figures id 003-f06: approximation 'exact' does not agree with 'approximately' in text "
        "'approximately 1.03 trillion yuan', which writes approximation 'approximately'", published=True, needs=S003),
    "scale-outside-span": Worded(
        ((FILE, "    text: £68 million\n    value: 68000000\n", "    text: £68\n    value: 68\n"),),
        "scale-outside-span",
        f"{FILE}: figures id 100-f01: text '£68' leaves out the word 'million' that follows it, which scales "
        "its number; include it in the span"),
    "negative-level": Worded(
        ((FILE, "value: 68000000", "value: -68000000"),), "value-out-of-bounds",
        f"{FILE}: figures id 100-f01: value -68,000,000 is negative, but a level cannot be below 0"),
    "share-above-100": Worded(
        ((SEED_PATH, "bought 57%", "bought 157%"), (FILE, "text: 57%", "text: 157%"),
         (FILE, "value: 57\n", "value: 157\n")),
        "value-out-of-bounds",
        f"{FILE}: figures id 100-f03: value 157 is above 100, but a share in percent lies within 0-100"),
    "rise-written-negative": Worded(
        ((FILE, "value: 12\n", "value: -12\n"),), "sign-direction",
        f"{FILE}: figures id 100-f02: value -12 does not carry the sign of 'up' next to '12%': a rise is positive "
        "(annotation guide, Sign)"),
    "fall-written-positive": Worded(
        ((SEED_PATH, "up 12% on June", "down 12% on June"),), "sign-direction",
        f"{FILE}: figures id 100-f02: value 12 does not carry the sign of 'down' next to '12%': a fall is negative "
        "(annotation guide, Sign)"),
    "observed-change-sign": Worded(
        ((OBSERVATIONS, "    value: -16.4\n", "    value: 16.4\n"),), "sign-direction",
        f"{OBSERVATIONS}: observations id ki-2025-09-08-exports-2025-08: value 16.4 does not carry "
        "the sign of 'fell' in 'fell 16.4%'", published=True),
    "mention-name": Worded(
        ((A0, "{id: 000-m05, entity_id: ukraine", "{id: 000-m05, entity_id: china"),), "mention-name",
        f"{A0}: mentions id 000-m05: text 'Ukraine' is not the name of entity 'china', nor a part of it; a mention "
        'by another name sets metonym: true ("Kremlin" for russia), or demonym: true ("Chinese" for china)',
        published=True, needs=S000),
    "series-note": Worded(
        ((FILE, "    series_note: A share of two series.\n", ""),), "paired-field",
        f"{FILE}: figures id 100-f03: series_id is null, so series_note must say why no series fits"),
    "report-inferred": Worded(
        ((FILE, "    series_id: cn-exports-to-ru-machine-tools\n",
          "    series_id: cn-exports-to-ru-machine-tools\n    report_inferred: true\n"),), "paired-field",
        f"{FILE}: figures id 100-f01: report_inferred is true, so report_id must be set and a note must say why"),
    "country-code": Worded(
        ((ENTITIES, "country_code: RU", "country_code: XX"),), "country-code",
        f"{ENTITIES}: entities id russia: country_code 'XX' is neither a current ISO 3166-1 alpha-2 code nor a "
        "former alpha-2 code in ISO 3166-3"),
    "wikidata-without-note": Worded(
        ((ENTITIES, RUSSIA_QID, RUSSIA_QID.replace("null", "Q159")),), "paired-field",
        f"{ENTITIES}: entities id russia: wikidata_id is set, so wikidata_note must say how the item was checked"),
    "note-without-wikidata": Worded(
        ((ENTITIES, RUSSIA_QID, RUSSIA_QID.replace("null", "null\n    wikidata_note: Looked it up.")),),
        "paired-field", f"{ENTITIES}: entities id russia: wikidata_note is set but wikidata_id is null"),
    "unknown-product": Worded(
        ((FILE, "product_id: lathes", "product_id: drills"),), "unknown-reference",
        f"{FILE}: figures id 100-f03: product_id 'drills' is not a product in annotations/products.yaml"),
    "computed-key": Worded(
        ((FILE, "    product: lathes\n", "    product: lathes\n    check_status: consistent\n"),), "computed-key",
        f"{FILE}: figures entry 3 (id 100-f03): computed key(s) check_status: the build computes them; remove them"),
    # periods.py
    "period-words-mismatch": Worded(
        ((A3, "    period_start: 2025-08-01\n    period_end: 2025-08-31\n    period_text: in August",
          "    period_start: 2025-07-01\n    period_end: 2025-07-31\n    period_text: in August"),),
        "period-words-mismatch",
        f"{A3}: figures id 003-f03: period_start 2025-07-01 does not lie in August 2025, which period_text "
        "'in August 2025' names; set period_inferred: true, with a note, if the dates are not the ones the words "
        "give", published=True, needs=S003),
    # spans.py
    "span-inside-word": Worded(
        ((FILE, "    text: £68 million\n    value: 68000000\n", "    text: 8 million\n    value: 8000000\n"),),
        "span-inside-word",
        f"{FILE}: figures id 100-f01: text '8 million' starts inside a word or number "
        "(“to £6⟦8 million⟧ in”); a span covers whole words and numbers"),
    "span-ends-inside-word": Worded(
        ((SEED_PATH, "Russia and China traded", "Russian and China traded"),
         (FILE, "within: Russia bought}", "within: Russian and}")), "span-inside-word",
        f"{FILE}: mentions id 100-m02: text 'Russia' ends inside a word or number (“said. ⟦Russia⟧n and”); "
        "a span covers whole words and numbers"),
    "span-starts-with-a-space": Worded(
        ((FILE, "    text: £68 million\n", "    text: ' £68 million'\n"),), "span-inside-word",
        f"{FILE}: figures id 100-f01: text ' £68 million' starts with a space; a span starts and ends "
        "with its words"),
    # builder/inputs.py
    "yaml-anchor": Worded(
        ((FILE, "    note: The year is that of the date window.\n",
          "    note: The year is that of the date window.\n    x: &l0 lol\n"),), "yaml-alias",
        f"{FILE}: not valid YAML at line 30, column 8: an anchor (&l0) is refused; write each value out"),
    # builder/chains.py
    "unknown-relay": Worded(
        ((REFERENCES, "    url: null\n", "    url: null\n    relays: nobody\n"),), "unknown-reference",
        f"{REFERENCES}: references id customs-2024-01-02: relays 'nobody', which is neither a reference nor an "
        "entity"),
    "relay-loop": Worded(
        ((REFERENCES, "    url: null\n    note: A table",
          "    url: null\n    relays: paper-2024-01-04\n    note: A table"),),
        "relay-loop",
        f"{REFERENCES}: references id customs-2024-01-02: relays itself through customs-2024-01-02 > "
        "paper-2024-01-04 > wire-2024-01-03 > customs-2024-01-02; a relay chain cannot loop",
        appended=((REFERENCES, WIRE),)),
    "release-relays": Worded(
        ((REFERENCES, "    relays: customs-2024-01-02\n    note: A wire story relaying the customs table.\n",
          "    relays: customs-2024-01-02\n    note: A wire story relaying the customs table.\n"
          "    release_of: china\n"),),
        "release-relays",
        f"{REFERENCES}: references id wire-2024-01-03: release_of 'china' says it is that agency's "
        "own release, but it relays customs-2024-01-02; an agency's release relays nothing but that agency",
        appended=((REFERENCES, WIRE),)),
    "mirror-series": Worded(
        (), "mirror-series",
        "annotations/series.yaml: series id ru-imports-from-cn-machine-tools: mirror_id "
        "'cn-exports-to-ru-machine-tools' must be a public series of the same product, reported by CN with partner "
        "RU and flow import",
        appended=(("annotations/series.yaml",
                   "  - id: ru-imports-from-cn-machine-tools\n    agency_id: russia\n    reporter: RU\n"
                   "    partner: CN\n"
                   "    flow: export\n    product_id: machine-tools\n    frequency: monthly\n    currency: USD\n"
                   "    public: false\n    mirror_id: cn-exports-to-ru-machine-tools\n    note: Not public.\n"),)),
}


@pytest.mark.parametrize("case", WORDED.values(), ids=WORDED.keys())
def test_each_problem_of_the_build_is_worded_so(case: Worded, tmp_path: Path, request: pytest.FixtureRequest):
    if case.published:
        if case.needs:
            require(case.needs)
        root = request.getfixturevalue("project")
    else:
        root = make_project(tmp_path / "project")
    for relative, text in case.appended:
        path = root / relative
        path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")
    for relative, old, new in case.edits:
        replace_once(root, relative, old, new)
    error = refusal(root)
    assert (case.code, case.line) in zip(error.codes, error.problems, strict=True), error.problems
