"""Problem codes: the catalogue in problems.py, the codes the build and validation give, and the records
beside the lines. Each message's words are tested in its own test elsewhere, which asserts its code too."""

from __future__ import annotations

import ast
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

import china_russia_tools
from china_russia_tools import builder, validate
from china_russia_tools.builder.outputs import read_descriptor
from china_russia_tools.errors import (
    AnnotationError,
    DataError,
    Problems,
    SpanError,
    StaleError,
)
from china_russia_tools.problems import CODES, Problem
from china_russia_tools.spans import resolve_span, whole_words
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

PACKAGE = Path(china_russia_tools.__file__).parent


CODE_POSITION = {"add": 2, "Problem": 1, "SpanError": 1, "mismatch": 5}


"""Calls that take a problem code, and the position of the code among their arguments."""


def modules() -> dict[Path, ast.Module]:
    """Every module of the package but the catalogue itself, parsed."""
    return {path: ast.parse(path.read_text(encoding="utf-8")) for path in sorted(PACKAGE.rglob("*.py"))
            if path.name != "problems.py"}


def written_codes(node: ast.expr | None) -> list[str]:
    """The codes a code argument writes out: a string, or either string of a conditional."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        return written_codes(node.body) + written_codes(node.orelse)
    return []  # a code passed on (error.code): Problem refuses any code outside the catalogue when it runs


def codes_at_calls() -> dict[str, list[str]]:
    """Each code written where a call takes one, with the places it is written."""
    found: dict[str, list[str]] = {}
    for path, tree in modules().items():
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", None)
            position = CODE_POSITION.get(name)
            if position is None or (name == "add" and len(node.args) != 3):
                continue  # a set's add takes one argument
            argument = node.args[position] if len(node.args) > position else None
            for code in written_codes(argument):
                found.setdefault(code, []).append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    return found


def test_every_code_written_in_the_package_is_in_the_catalogue():
    found = codes_at_calls()
    assert len(found) > 40  # the scan finds the calls
    assert {code: places for code, places in found.items() if code not in CODES} == {}


def test_every_code_of_the_catalogue_is_used():
    found = set(codes_at_calls())
    for tree in modules().values():  # a default argument (mismatch's derived-mismatch)
        found |= {node.value for node in ast.walk(tree) if isinstance(node, ast.Constant) and node.value in CODES}
    assert sorted(set(CODES) - found) == []


def test_every_add_call_of_the_package_gives_a_code():
    missing = [
        f"{path.relative_to(PACKAGE)}:{node.lineno}"
        for path, tree in modules().items()
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "add"
        and len(node.args) == 2
    ]
    assert missing == []


def test_the_catalogue_holds_short_kebab_case_names_each_with_a_one_line_description():
    assert 30 <= len(CODES) <= 60
    assert [code for code in CODES if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", code)] == []
    assert [code for code, text in CODES.items() if not text or "\n" in text or len(text) > 100] == []


def test_a_problem_refuses_a_code_outside_the_catalogue():
    with pytest.raises(ValueError, match="^unknown problem code 'no-such-code'$"):
        Problem("annotations/x.yaml", "no-such-code", "what is wrong")
    with pytest.raises(ValueError, match="^unknown problem code 'no-such-code'$"):
        Problems().add("annotations/x.yaml", "what is wrong", "no-such-code")


def test_a_problem_is_its_line():
    assert str(Problem("annotations/x.yaml: figures id 1", "value-range", "what is wrong")) == (
        "annotations/x.yaml: figures id 1: what is wrong"
    )
    assert str(Problem("", "data-file", "data/x.parquet: SHA-256 is ...")) == "data/x.parquet: SHA-256 is ..."


def test_an_annotation_error_gives_lines_codes_and_records_in_one_order():
    problems = Problems()
    problems.add("a.yaml", "first", "unknown-key")
    problems.add("b.yaml", "second", "missing-key")
    with pytest.raises(AnnotationError) as raised:
        problems.raise_if_any()
    assert raised.value.problems == ["a.yaml: first", "b.yaml: second"]
    assert raised.value.codes == ["unknown-key", "missing-key"]
    assert raised.value.records == [
        Problem("a.yaml", "unknown-key", "first"), Problem("b.yaml", "missing-key", "second")
    ]
    assert problems.lines == raised.value.problems
    assert str(raised.value) == "2 problems found:\n  - a.yaml: first\n  - b.yaml: second"


@pytest.mark.parametrize("text, within, code", [
    ("", None, "span-not-found"),
    ("absent", None, "span-not-found"),
    ("a", None, "span-ambiguous"),
    ("b", "a c", "span-not-found"),
    ("b", "x b y", "span-not-found"),
    ("a", "a a", "span-ambiguous"),
])
def test_a_span_error_names_its_code(text: str, within: str | None, code: str):
    with pytest.raises(SpanError) as raised:
        resolve_span("a b a", text, within)
    assert raised.value.code == code


@pytest.mark.parametrize("start, end", [(1, 3), (2, 4)])
def test_a_span_on_a_space_or_inside_a_word_is_span_inside_word(start: int, end: int):
    with pytest.raises(SpanError) as raised:
        whole_words("ab cd", start, end)
    assert raised.value.code == "span-inside-word"


def test_a_key_written_twice_is_a_yaml_syntax_problem(tmp_path: Path):
    root = make_project(tmp_path)
    replace_once(root, ANNOTATION_PATH, "    value: 68000000\n", "    value: 68000000\n    value: 68000000\n")
    error = refusal(root)
    assert error.codes == ["yaml-syntax"]
    assert error.problems[0].endswith("the key 'value' is written twice in one mapping")


def test_a_build_outside_a_checkout_or_without_a_descriptor_is_coded(tmp_path: Path):
    with pytest.raises(AnnotationError) as raised:
        read_descriptor(tmp_path)
    assert raised.value.codes == ["not-a-project"]
    root = make_project(tmp_path / "project")
    (root / "datapackage.json").write_text("[]", encoding="utf-8")
    with pytest.raises(AnnotationError) as raised:
        read_descriptor(root)
    assert raised.value.records == [
        Problem("datapackage.json", "bad-descriptor", "not a Data Package descriptor (no list of resources)")
    ]


def test_validate_gives_each_problem_its_code(installed: Path):
    (installed / "data" / "figures.parquet").write_bytes(b"not parquet")
    found = validate.provenance_records()
    assert [problem.code for problem in found] == ["data-file"]
    assert str(found[0]).startswith(f"{installed / 'data' / 'figures.parquet'}: SHA-256 is ")
    everything = validate.all_records()
    assert {problem.code for problem in everything} == {"frictionless", "data-file"}
    assert validate.all_problems() == [str(problem) for problem in everything]
    assert validate.provenance_problems() == [str(problem) for problem in found]


FILE = ANNOTATION_PATH


OTHER_ID = "101_0123456789abcdef"


@dataclass(frozen=True)
class Case:
    """One bad input: how to make it, what the build (or ``action``) raises, and a fragment of the message."""

    mutate: Callable[[Path], None]
    error: type[Exception]
    message: str
    action: Callable[[Path], object] = builder.write


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
        f"{FILE}: figures id 100-f01: text '£86 million' does not occur in the source"),
    "text-ambiguous": Case(
        edit(FILE, "text: Russia, within: Russia bought}", "text: Russia}"), AnnotationError,
        f"{FILE}: mentions id 100-m02: text 'Russia' occurs 3 times in the source (at code points "
        f"{SEED.index('Russia rose')}, {SEED.index('Russia bought')}, {SEED.index('Russia and')}); "
        "add a 'within' passage that contains it once"),
    "within-ambiguous": Case(
        edit(FILE, "within: Russia bought}", "within: Russia}"), AnnotationError,
        f"{FILE}: mentions id 100-m02: 'within' passage 'Russia' occurs 3 times in the source; make it longer"),
    "within-without-text": Case(
        edit(FILE, "text: China, within: China’s exports", "text: China, within: Russia bought"), AnnotationError,
        f"{FILE}: mentions id 100-m01: text 'China' does not occur in its 'within' passage 'Russia bought'"),
    "span-outside-body": Case(
        edit(FILE, "text: 57%", "text: Share this article"), AnnotationError,
        f"{FILE}: figures id 100-f03: span {SHARE_START}–{SHARE_START + 18} lies outside the article body "
        f"{BODY[0]}–{BODY[1]}"),
    "body-start-not-found": Case(
        edit(FILE, "body_starts_with: China’s exports", "body_starts_with: China's exports"), AnnotationError,
        f"{FILE}: source: body_starts_with: text \"China's exports\" does not occur in the source"),
    # ids
    "duplicate-figure-id": Case(
        edit(FILE, "id: 100-f02", "id: 100-f01"), AnnotationError,
        f"{FILE}: figures id 100-f01: the id is used 2 times, in {FILE}"),
    "duplicate-entity-id": Case(
        edit("annotations/entities.yaml", "  - id: russia", "  - id: china"), AnnotationError,
        "annotations/entities.yaml: entities id china: the id is used 2 times, in annotations/entities.yaml"),
    "id-of-another-source": Case(
        edit(FILE, "id: 100-m03", "id: 101-m03"), AnnotationError,
        f"{FILE}: mentions id 101-m03: id must start with this source's number, '100-'"),
    "id-pattern": Case(
        edit(FILE, "id: 100-m03", "id: 100-x03"), AnnotationError,
        f"{FILE}: mentions entry 3 (id 100-x03): id '100-x03' does not match the pattern ^[a-z0-9-]+-m[0-9]{{2,}}$"),
    "missing-id": Case(
        edit(FILE, "  - id: 100-q01\n    text:", "  - text:"), AnnotationError,
        f"{FILE}: quotes entry 1: id is required and may not be null"),
    # references to unknown rows
    "unknown-entity": Case(
        edit(FILE, "trade_value\n    statistic: level\n    flow_from: china",
             "trade_value\n    statistic: level\n    flow_from: atlantis"),
        AnnotationError,
        f"{FILE}: figures id 100-f01: flow_from 'atlantis' is not an entity in annotations/entities.yaml"),
    "unknown-speaker": Case(
        edit(FILE, "speaker_id: null", "speaker_id: nobody"), AnnotationError,
        f"{FILE}: quotes id 100-q01: speaker_id 'nobody' is not an entity in annotations/entities.yaml"),
    "unknown-source-of-annotations": Case(
        remove(SEED_PATH), AnnotationError,
        f"{FILE}: no seed {SEED_PATH} for this annotation file"),
    "unknown-reference": Case(
        edit(FILE, "reference_id: customs-2024-01-02", "reference_id: customs-2099-01-01"), AnnotationError,
        f"{FILE}: checks id 100-c01: reference_id 'customs-2099-01-01' is not a reference in "
        "annotations/references.yaml"),
    "unknown-published-reference": Case(
        edit(FILE, "published_reference_id: null", "published_reference_id: ft-1999-01-01"), AnnotationError,
        f"{FILE}: source: published_reference_id 'ft-1999-01-01' is not a reference in annotations/references.yaml"),
    "check-of-unknown-figure": Case(
        edit(FILE, "figure_id: 100-f03", "figure_id: 100-f09"), AnnotationError,
        f"{FILE}: checks id 100-c01: figure_id '100-f09' is not annotated in any source"),
    # vocabularies
    "unknown-unit": Case(
        edit(FILE, "unit: GBP", "unit: GBX"), AnnotationError,
        f"{FILE}: figures entry 1 (id 100-f01): unit 'GBX' is not one of: GBP, USD"),
    "unknown-measure": Case(
        edit(FILE, "measure: import_share", "measure: import_volume"), AnnotationError,
        f"{FILE}: figures entry 3 (id 100-f03): measure 'import_volume' is not one of: trade_value"),
    "unknown-quote-kind": Case(
        edit(FILE, "kind: direct", "kind: verbatim"), AnnotationError,
        f"{FILE}: quotes entry 1 (id 100-q01): kind 'verbatim' is not one of: direct, phrase, indirect"),
    "unknown-entity-type": Case(
        edit("annotations/entities.yaml", "entity_type: country\n    country_code: RU",
             "entity_type: nation\n    country_code: RU"),
        AnnotationError,
        "annotations/entities.yaml: entities entry 2 (id russia): entity_type 'nation' is not one of: country"),
    # values and periods
    "low-above-high": Case(
        edit(FILE, TITLE_RANGE,
             TITLE_RANGE.replace("value: 12\n", "value: null\n    value_low: 14\n    value_high: 10\n")),
        AnnotationError, f"{FILE}: figures id 100-f02: value_low 14.0 is greater than value_high 10.0"),
    "value-outside-range": Case(
        edit(FILE, TITLE_RANGE, TITLE_RANGE + "    value_low: 13\n"), AnnotationError,
        f"{FILE}: figures id 100-f02: value_low <= value <= value_high does not hold (13.0 <= 12.0 <= 12.0)"),
    "range-without-ends": Case(
        edit(FILE, TITLE_RANGE, TITLE_RANGE.replace("value: 12\n", "value: null\n")), AnnotationError,
        f"{FILE}: figures id 100-f02: needs a value, or both value_low and value_high for a range"),
    "period-end-before-start": Case(
        edit(FILE, "period_end: 2023-07-31", "period_end: 2023-06-30"), AnnotationError,
        f"{FILE}: figures id 100-f01: period_end 2023-06-30 is before period_start 2023-07-01"),
    "inferred-period-without-note": Case(
        edit(FILE, "    note: The year is that of the date window.\n", ""), AnnotationError,
        f"{FILE}: figures id 100-f01: period_inferred is true, so a note must say why"),
    "impossible-date": Case(
        edit(FILE, "period_start: 2023-07-01", "period_start: 2023-13-01"), AnnotationError,
        f"{FILE}: not valid YAML at line {line('period_start: 2023-07-01')}, column 19: '2023-13-01' is not a "
        "valid date: "
        "month must be in 1..12"),
    "date-as-text": Case(
        edit(FILE, "period_start: 2023-07-01", "period_start: July 2023"), AnnotationError,
        f"{FILE}: figures entry 1 (id 100-f01): period_start must be a date written YYYY-MM-DD, got 'July 2023'"),
    "number-as-text": Case(
        edit(FILE, "value: 68000000", "value: 68 million"), AnnotationError,
        f"{FILE}: figures entry 1 (id 100-f01): value must be a number, got '68 million'"),
    # keys
    "misspelled-key": Case(
        edit(FILE, "value: 68000000", "vlaue: 68000000"), AnnotationError,
        f"{FILE}: figures entry 1 (id 100-f01): unknown key(s) vlaue; allowed keys are "),
    "misspelled-source-key": Case(
        edit(FILE, "  byline: By A. Writer", "  by_line: By A. Writer"), AnnotationError,
        f"{FILE}: source: unknown key(s) by_line; allowed keys are "),
    "unknown-top-level-key": Case(
        edit(FILE, "\nmentions:\n", "\nmention:\n"), AnnotationError,
        f"{FILE}: unknown top-level key(s) mention; expected source, figures, mentions, quotes, checks"),
    "missing-required-field": Case(
        edit(FILE, "    unit: GBP\n", ""), AnnotationError,
        f"{FILE}: figures entry 1 (id 100-f01): unit is required and may not be null"),
    "missing-source-key": Case(
        edit(FILE, "  language: en\n", ""), AnnotationError,
        f"{FILE}: source: missing key(s) language"),
    "key-written-twice": Case(
        edit(FILE, "    value: 68000000\n", "    value: 68000000\n    value: 86000000\n"), AnnotationError,
        f"{FILE}: not valid YAML at line {line('value: 68000000') + 1}, column 5: the key 'value' is written twice "
        "in one mapping"),
    # syntax (libyaml and PyYAML's own parser word the rest of these two messages differently)
    "unclosed-flow-mapping": Case(
        edit(FILE, "metonym: true}", "metonym: true"), AnnotationError,
        f"{FILE}: not valid YAML at line {line('quotes:')}, column 7: while parsing a flow mapping, "),
    "tab-indentation": Case(
        edit(FILE, "    kind: direct\n", "\tkind: direct\n"), AnnotationError,
        f"{FILE}: not valid YAML at line {line('kind: direct')}, column 1: while scanning "),
    "python-object-tag": Case(
        python_tag, AnnotationError,
        f"{FILE}: not valid YAML at line {line('product: lathes')}, column 14: the tag "
        "'tag:yaml.org,2002:python/object/apply:os.system' "
        "is refused; annotation files hold plain data only"),
    "empty-annotation-file": Case(put(FILE, b""), AnnotationError, f"{FILE}: file is empty"),
    "comments-only-annotation-file": Case(put(FILE, b"# nothing yet\n"), AnnotationError, f"{FILE}: file is empty"),
    "annotation-file-is-a-list": Case(
        put(FILE, b"- id: 100-f01\n"), AnnotationError, f"{FILE}: expected a mapping at the top level, found list"),
    "missing-entities-file": Case(
        remove("annotations/entities.yaml"), AnnotationError, "annotations/entities.yaml: file is missing"),
    # seeds
    "seed-missing": Case(
        remove(SEED_PATH), AnnotationError, f"{FILE}: no seed {SEED_PATH} for this annotation file"),
    "seed-edited-under-annotation": Case(
        edit(SEED_PATH, "£68 million", "£68 mn"), AnnotationError,
        f"{FILE}: figures id 100-f01: text '£68 million' does not occur in the source"),
    "seed-edited-after-build": Case(
        edited_after_build, StaleError,
        f"{SEED_PATH}: edited; its SHA-256 is {seed_hash(SEED.replace('By A.', 'By B.'))}, "
        f"datapackage.json pins {seed_hash(SEED)}", builder.require_current),
    "seed-not-utf8": Case(
        put(SEED_PATH, SEED.encode("utf-8").replace("£".encode(), b"\xa3")), AnnotationError,
        f"{SEED_PATH}: not valid UTF-8 at byte {SEED.encode('utf-8').index('£'.encode())}: invalid start byte"),
    "seed-with-bom": Case(
        put(SEED_PATH, b"\xef\xbb\xbf" + SEED.encode("utf-8")), AnnotationError,
        f"{SEED_PATH}: starts with a UTF-8 byte order mark; seeds must be stored without one"),
    "seed-with-crlf": Case(
        put(SEED_PATH, SEED.replace("\n", "\r\n").encode("utf-8")), AnnotationError,
        f"{SEED_PATH}: contains a carriage return at code point {SEED.index(chr(10))}; seeds use LF line ends"),
    "extra-seed": Case(
        put(f"seeds/{OTHER_ID}.txt", b"Another text.\n"), AnnotationError,
        f"seeds/{OTHER_ID}.txt: has no annotation file annotations/{OTHER_ID}.yaml"),
    "misnamed-seed": Case(
        put("seeds/Notes 2.txt", b"Notes.\n"), AnnotationError,
        "seeds/Notes 2.txt: not a seed: expected a .txt file whose name is lowercase letters, digits, '-' and '_'"),
    "seed-not-text": Case(
        put("seeds/notes.md", b"Notes.\n"), AnnotationError,
        "seeds/notes.md: not a seed: expected a .txt file whose name is lowercase letters, digits, '-' and '_'"),
    "seed-links-outside": Case(
        link_outside(SEED_PATH), AnnotationError, f"{SEED_PATH}: leads outside the project, to "),
    "annotation-links-outside": Case(
        link_outside(FILE), AnnotationError, f"{FILE}: leads outside the project, to "),
    "table-path-outside": Case(
        set_resource_path("figures", "../figures.parquet"), DataError,
        "datapackage.json: resource 'figures' has the path '../figures.parquet', which is not a relative path inside "),
}


@pytest.mark.parametrize("case", BUILD_CASES.values(), ids=BUILD_CASES.keys())
def test_bad_build_input_is_refused(case: Case, tmp_path: Path):
    root = make_project(tmp_path / "project")
    case.mutate(root)
    written = {p: p.read_bytes() for p in (root / "data").iterdir()}
    with pytest.raises(case.error, match=re.escape(case.message)):
        case.action(root)
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
