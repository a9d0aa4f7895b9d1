"""Problem codes: the catalogue in problems.py, the codes the build and validation give, and the records
beside the lines. Each message's exact words are asserted once, in test_problems_words*.py; the tests of each
rule assert its code and the file and row it names."""

from __future__ import annotations

import ast
import functools
import re
from pathlib import Path

import pytest

import china_russia_tools
from china_russia_tools import validate
from china_russia_tools.builder.outputs import read_descriptor
from china_russia_tools.errors import (
    AnnotationError,
    Problems,
    SpanError,
)
from china_russia_tools.problems import CODES, Problem
from china_russia_tools.spans import resolve_span, whole_words
from minimal_project import (
    ANNOTATION_PATH,
    coded,
    make_project,
    refusal,
    replace_once,
)

PACKAGE = Path(china_russia_tools.__file__).parent


CODE_POSITION = {"add": 2, "Problem": 1, "SpanError": 1, "Refused": 0, "mismatch": 5}


"""Calls that take a problem code, and the position of the code among their arguments."""


@functools.cache
def modules() -> dict[Path, ast.Module]:
    """Every module of the package but the catalogue itself, parsed (once)."""
    return {path: ast.parse(path.read_text(encoding="utf-8")) for path in sorted(PACKAGE.rglob("*.py"))
            if path.name != "problems.py"}


def written_codes(node: ast.expr | None, names: dict[str, list[ast.expr]]) -> list[str]:
    """The codes a code argument writes out: a string, either string of a conditional, or what a local name
    given as the argument is assigned (``code = "yaml-alias" if ... else "yaml-syntax"``) or defaults to."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        return written_codes(node.body, names) + written_codes(node.orelse, names)
    if isinstance(node, ast.Name):
        return [code for value in names.get(node.id, []) for code in written_codes(value, {})]
    return []  # a code passed on (error.code): Problem refuses any code outside the catalogue when it runs


def local_names(function: ast.FunctionDef | ast.AsyncFunctionDef) -> dict[str, list[ast.expr]]:
    """The values each plain name of a function is assigned, and the defaults of its parameters."""
    names: dict[str, list[ast.expr]] = {}
    for node in ast.walk(function):
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            names.setdefault(node.targets[0].id, []).append(node.value)
    positional = [*function.args.posonlyargs, *function.args.args]
    defaulted = positional[len(positional) - len(function.args.defaults):]
    for arg, default in zip(defaulted, function.args.defaults, strict=True):
        names.setdefault(arg.arg, []).append(default)
    for arg, default in zip(function.args.kwonlyargs, function.args.kw_defaults, strict=True):
        if default is not None:
            names.setdefault(arg.arg, []).append(default)
    return names


def code_calls(tree: ast.Module) -> list[tuple[ast.Call, dict[str, list[ast.expr]]]]:
    """Each call of the module that takes a problem code, with the names of the function it is in."""
    scopes: list[tuple[ast.AST, dict[str, list[ast.expr]]]] = [(tree, {})]
    scopes += [(node, local_names(node)) for node in ast.walk(tree)
               if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))]
    innermost: dict[int, tuple[ast.Call, dict[str, list[ast.expr]]]] = {}
    for scope, names in scopes:  # walked outermost first, so a call keeps the names of its innermost function
        for node in ast.walk(scope):
            if isinstance(node, ast.Call):
                innermost[id(node)] = (node, names)
    found = []
    for node, names in innermost.values():
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", None)
        position = CODE_POSITION.get(name)
        if position is None or (name == "add" and len(node.args) != 3):
            continue  # a set's add takes one argument
        found.append((node, names))
    return found


def codes_in(tree: ast.Module) -> list[tuple[str, int]]:
    """Each code the module gives a call that takes one (or the name given to it), with its line."""
    found = []
    for node, names in code_calls(tree):
        position = CODE_POSITION[node.func.attr if isinstance(node.func, ast.Attribute) else node.func.id]
        argument = node.args[position] if len(node.args) > position else None
        argument = next((kw.value for kw in node.keywords if kw.arg == "code"), argument)
        found += [(code, node.lineno) for code in written_codes(argument, names)]
    return found


def codes_at_calls() -> dict[str, list[str]]:
    """Each code written where a call takes one, with the places it is written."""
    found: dict[str, list[str]] = {}
    for path, tree in modules().items():
        for code, line in codes_in(tree):
            found.setdefault(code, []).append(f"{path.relative_to(PACKAGE)}:{line}")
    return found


def test_only_a_code_given_to_a_call_that_takes_one_is_a_use_of_it():
    tree = ast.parse(
        'NOTE = "value-range"\n'  # 1: a string constant alone
        'def check(problems, error, kind="span-missing"):\n'
        '    if error.code == "yaml-syntax":\n'  # 3: a comparison
        '        problems.add("x.yaml", "bad")\n'
        '    problems.add("x.yaml", "bad", "file-too-large")\n'  # 5
        '    code = "yaml-alias" if error else "unreadable-file"\n'
        '    problems.add("x.yaml", "bad", code)\n'  # 7: the name's two values
        '    seen = set()\n'
        '    seen.add("computed-key")\n'  # 9: a set's add
        '    return Problem("x.yaml", kind, "bad")\n'  # 10: the default of the parameter
    )
    assert sorted(codes_in(tree)) == [
        ("file-too-large", 5), ("span-missing", 10), ("unreadable-file", 7), ("yaml-alias", 7)]


def test_every_code_written_in_the_package_is_in_the_catalogue():
    found = codes_at_calls()
    assert len(found) > 40  # the scan finds the calls
    assert {code: places for code, places in found.items() if code not in CODES} == {}


def test_every_code_of_the_catalogue_is_used():
    # Only a code given to a call that takes one counts: a string that merely spells a code (in a docstring,
    # a comparison, a table) is no use of it.
    found = codes_at_calls()
    assert sorted(set(CODES) - set(found)) == []
    assert found["yaml-alias"] == ["builder/inputs.py:144"]  # the name code, assigned one of two codes


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
    assert 30 <= len(CODES) <= 80
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
    error = refusal(root)  # the words are asserted in test_problems_words.py
    assert coded(error) == [(ANNOTATION_PATH, "yaml-syntax")] and "'value'" in error.problems[0]


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


@pytest.mark.slow  # builds and installs the small project
def test_validate_gives_each_problem_its_code(installed: Path):
    (installed / "data" / "figures.parquet").write_bytes(b"not parquet")
    found = validate.provenance_records()
    assert [problem.code for problem in found] == ["data-file"]
    assert str(found[0]).startswith(f"{installed / 'data' / 'figures.parquet'}: ")
    everything = validate.all_records()
    assert {problem.code for problem in everything} == {"frictionless", "data-file"}
    assert validate.all_problems() == [str(problem) for problem in everything]
    assert validate.provenance_problems() == [str(problem) for problem in found]
