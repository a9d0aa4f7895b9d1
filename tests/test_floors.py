"""The CI's floor constraints (.ci/constraints-floors.txt) pin every direct dependency of pyproject.toml at
the lowest version pyproject.toml allows, and nothing else."""

from __future__ import annotations

import tomllib

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

from conftest import ROOT

SELF = "china-russia-tools"
FIRST_RELEASE_AFTER = {("build", Version("1.2")): Version("1.2.1")}
"""Floors that no release carries, with the first release above each: the index offers no build 1.2.0,
so build>=1.2 installs 1.2.1 at the lowest."""


def declared() -> list[Requirement]:
    """Every requirement of pyproject.toml, core and each extra, less the extras naming the package itself."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    lines = [*project["dependencies"], *(line for extra in project["optional-dependencies"].values() for line in extra)]
    return [requirement for requirement in map(Requirement, lines) if canonicalize_name(requirement.name) != SELF]


def pinned() -> dict[str, Version]:
    """The constraints file as name -> pinned version; each line must pin one version with ``==``."""
    pins = {}
    for line in (ROOT / ".ci" / "constraints-floors.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            requirement = Requirement(line)
            (specifier,) = requirement.specifier
            assert specifier.operator == "==", line
            name = canonicalize_name(requirement.name)
            assert name not in pins, f"{name} is pinned twice"
            pins[name] = Version(specifier.version)
    return pins


def floors() -> dict[str, Version]:
    """The lowest version pyproject.toml allows for each name (the highest ``>=`` over its requirements)."""
    found: dict[str, Version] = {}
    for requirement in declared():
        lows = [Version(s.version) for s in requirement.specifier if s.operator == ">="]
        assert lows, f"{requirement} declares no floor"
        name = canonicalize_name(requirement.name)
        found[name] = max([*lows, *([found[name]] if name in found else [])])
    return found


def test_every_direct_dependency_is_pinned_and_nothing_else():
    assert sorted(pinned()) == sorted(floors())


def test_each_pin_is_its_floor():
    pins = pinned()
    assert len(floors()) > 0
    for name, floor in floors().items():
        # Version compares releases padded with zeros: 6 == 6.0, 15 == 15.0.0.
        expected = FIRST_RELEASE_AFTER.get((name, floor), floor)
        assert pins[name] == expected, f"{name}: pinned {pins[name]}, its floor is {floor}"


def test_each_pin_satisfies_every_requirement_of_its_name():
    pins = pinned()
    assert len(declared()) > 0
    for requirement in declared():
        assert requirement.specifier.contains(pins[canonicalize_name(requirement.name)]), str(requirement)

