"""The README's instructions as a user runs them: its install commands name extras the package has and
install the package from its checkout (it is on no package index)."""

from __future__ import annotations

import json
import re
import shlex
import tomllib

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from conftest import ROOT

SELF = "china-russia-tools"
INSTALL = re.compile(r"pip install ([^`\n]+)")
OPTIONS_WITH_A_VALUE = {"-c", "-r", "--constraint", "--requirement"}


def user_texts() -> dict[str, str]:
    """The README, the docs written by hand and the notebook's cells, by file name."""
    texts = {"README.md": (ROOT / "README.md").read_text(encoding="utf-8")}
    for path in sorted((ROOT / "docs").glob("*.md")):
        texts[f"docs/{path.name}"] = path.read_text(encoding="utf-8")
    notebook = json.loads((ROOT / "examples" / "quickstart.ipynb").read_text(encoding="utf-8"))
    texts["examples/quickstart.ipynb"] = "\n".join("".join(cell["source"]) for cell in notebook["cells"])
    return texts


def targets(command: str) -> list[str]:
    """What a ``pip install`` command's arguments install: its words up to a comment or the next command,
    less options and their values."""
    found, skip = [], False
    for word in shlex.shlex(command, posix=True, punctuation_chars=True):
        if word in {"&&", "||", ";", "|", "&"}:
            break
        if skip:
            skip = False
        elif word in OPTIONS_WITH_A_VALUE:
            skip = True
        elif not word.startswith("-"):
            found.append(word)
    return found


def install_problem(target: str, extras: set[str]) -> str | None:
    """What is wrong with one install target, or None: the package installed by its bare name from an
    index, or an extra pyproject.toml does not declare."""
    folder = re.fullmatch(r"(?:\.|[\w./-]*/checkout|/\S+)(?:\[([\w,-]+)\])?", target)
    if folder:
        named = folder.group(1)
    else:
        requirement = Requirement(target)
        if canonicalize_name(requirement.name) != SELF:
            return None
        if requirement.url is None:
            return f"{target!r} installs the package by name from an index, where it is not"
        named = ",".join(requirement.extras)
    unknown = sorted(set(filter(None, (named or "").split(","))) - extras)
    return f"{target!r} names extras pyproject.toml lacks: {unknown}" if unknown else None


def test_the_install_problems_are_found():
    extras = {"validate", "test"}
    assert install_problem(".[validate,test]", extras) is None
    assert install_problem("path/to/checkout[validate]", extras) is None
    assert install_problem("quantulum3", extras) is None
    assert install_problem(f"{SELF}[validate] @ git+https://example.org/crt.git", extras) is None
    assert install_problem(f"{SELF}[validate]", extras) == (
        f"'{SELF}[validate]' installs the package by name from an index, where it is not"
    )
    assert install_problem(".[validate,excell]", extras) == (
        "'.[validate,excell]' names extras pyproject.toml lacks: ['excell']"
    )
    assert targets('-c .ci/constraints-floors.txt -e ".[test]"  # floors') == [".[test]"]
    assert targets('".[test]" && pytest') == [".[test]"]


def test_every_install_command_installs_from_the_checkout_with_declared_extras():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras = set(project["optional-dependencies"])
    commands = {name: INSTALL.findall(text) for name, text in user_texts().items()}
    for name, text in user_texts().items():  # a command broken over two lines would escape the pattern
        assert text.count("pip install") == len(commands[name]), name
    assert len(commands["README.md"]) >= 4 and len(commands["examples/quickstart.ipynb"]) == 1
    problems = [
        f"{name}: {problem}"
        for name, found in commands.items()
        for command in found
        for problem in [install_problem(target, extras) for target in targets(command)]
        if problem
    ]
    assert problems == []


def test_the_descriptor_names_no_package_index_page():
    descriptor = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))
    assert "pypi.org" not in json.dumps(descriptor)
    # No repository address is stated in pyproject.toml or CITATION.cff, so the descriptor states none either.
    assert "homepage" not in descriptor


def test_the_skip_reasons_name_extras_the_test_extra_holds_but_ftm():
    from conftest import EXTRAS

    optional = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]
    (bundle,) = [Requirement(line) for line in optional["test"] if Requirement(line).name == SELF]
    assert set(EXTRAS.values()) - {"ftm"} <= bundle.extras  # so '(or ".[test]" for every test)' holds
    # followthemoney's PyICU compiles from source for minutes: the README's test command leaves it out.
    assert optional["ftm"] == ["followthemoney>=4.11,<5"]
    assert "ftm" not in bundle.extras and not [line for line in optional["test"] if "followthemoney" in line]
