"""The README's instructions as a user runs them: its install commands name extras the package has and
install the package from its checkout (it is on no package index), and its steps for adding a source end
with the tests green."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
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


# Adding a source ----------------------------------------------------------------------------------

NEW_ID = "950_cnc-imports-survey"  # a prefix no other test uses; its text is test_contributor's, retitled
CORPUS_TESTS = "tests/test_corpus.py"
SLOW_AND_DATA_BLIND = ("--ignore=tests/test_wheel.py", "--ignore=tests/test_benchmarks.py")


def section(title: str) -> str:
    """The README's section under ``## title``, up to the next one."""
    return (ROOT / "README.md").read_text(encoding="utf-8").split(f"\n## {title}\n", 1)[1].split("\n## ", 1)[0]


def checkout_copy(target: Path) -> Path:
    """A copy of the files git tracks in this checkout, as a fresh clone has them (with uncommitted edits)."""
    listed = subprocess.run(["git", "-C", str(ROOT), "ls-files", "-z"], capture_output=True)
    if listed.returncode != 0:
        pytest.skip("this checkout is not a git repository: the test copies the files git tracks")
    for name in filter(None, listed.stdout.decode("utf-8").split("\0")):
        if (ROOT / name).is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, target / name)
    return target


@pytest.mark.slow
def test_the_readme_steps_for_a_new_source_end_green(tmp_path: Path):
    """Each step of "Adding a source" run as written, in a copy of the checkout, then the tests every new
    source must pass. The copy's package is imported through PYTHONPATH, as an editable install of it
    would be (``pip install -e`` itself would need the index)."""
    from test_contributor import ANNOTATION, SEED

    steps = section("Adding a source")
    assert 'pip install -e ".[test]"' in steps
    draft = re.search(r"`china-russia-tools (draft seeds/<source_id>\.txt)`", steps)
    build = re.search(r"\(in the checkout itself,\s+`china-russia-tools (build)`\)", steps)
    tests = re.search(r"`pytest (--ignore=tests/test_corpus\.py)` runs the others", steps)
    assert draft and build and tests, "the README's steps changed: follow them here"
    root = checkout_copy(tmp_path / "checkout")
    env = {key: value for key, value in os.environ.items() if not key.startswith("PYTEST_")}
    env["PYTHONPATH"] = str(root)

    def run(*argv: str, timeout: int = 120) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", *argv], cwd=root, env=env, capture_output=True, text=True,
                              timeout=timeout)

    seed = SEED.replace("study finds", "survey finds")
    (root / "seeds" / f"{NEW_ID}.txt").write_text(seed, encoding="utf-8")  # step 1
    drafted = run("china_russia_tools", *draft.group(1).replace("<source_id>", NEW_ID).split())  # step 2
    assert drafted.returncode == 0, drafted.stderr
    path = root / "annotations" / f"{NEW_ID}.yaml"
    words = path.read_text(encoding="utf-8")
    assert "drafted: true" in words and all(f"text: {text}\n" in words for text in ("68%", "80%", "4,459 machines"))
    # Step 3, the review: the annotation of test_contributor.py, which completes and corrects that draft.
    path.write_text(ANNOTATION.replace("study finds", "survey finds").replace("999-", "950-"), encoding="utf-8")
    built = run("china_russia_tools", build.group(1))  # step 4
    assert built.returncode == 0, built.stderr
    shown = run("china_russia_tools", "show", "950-f03")
    assert shown.returncode == 0 and "reached ⟦68%⟧" in shown.stdout, shown.stderr
    # Step 5, as the README writes it, less this test and the two files that read no row of the data:
    # test_wheel builds and installs a wheel (the slowest file), test_benchmarks times synthetic corpora.
    this = f"tests/test_readme.py::{test_the_readme_steps_for_a_new_source_end_green.__name__}"
    ran = run("pytest", *tests.group(1).split(), *SLOW_AND_DATA_BLIND, "--deselect", this, "-q",
              "-p", "no:cacheprovider", timeout=900)
    assert ran.returncode == 0, ran.stdout[-3000:]
    assert re.search(r"^\d+ passed", ran.stdout.splitlines()[-1]), ran.stdout[-500:]
    # The one file that pins the corpus sees the new source, and fails until tests/corpus.py names it.
    pinned = run("pytest", CORPUS_TESTS, "-n", "0", "-q", "-p", "no:cacheprovider", "-k", "exactly_the_published")
    assert pinned.returncode == 1 and NEW_ID in pinned.stdout, pinned.stdout[-2000:]
