"""One version number, the same in the package, the descriptor, CITATION.cff, the CHANGELOG and the
data dictionary; the data dictionary is what the descriptor generates."""

from __future__ import annotations

import json
import re

import yaml

import china_russia_tools as crt
from china_russia_tools.dictionary import render_dictionary
from conftest import ROOT
from corpus import require_row

DESCRIPTOR = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))


def latest_changelog_entry() -> tuple[str, str]:
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    match = re.search(r"^## \[(\d+\.\d+\.\d+)\] - (\d{4}-\d{2}-\d{2})$", changelog, re.M)
    assert match, "CHANGELOG.md has no '## [X.Y.Z] - YYYY-MM-DD' entry"
    return match.group(1), match.group(2)


def release_number(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def test_one_version_everywhere():
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    installed = json.loads(crt.descriptor_path().read_text(encoding="utf-8"))["version"]
    assert {crt.__version__, DESCRIPTOR["version"], installed, cff["version"]} == {crt.__version__}


def test_the_version_is_the_last_release_or_a_development_version_of_the_next():
    """A build from a checkout between releases never carries the last release's number."""
    released, _ = latest_changelog_entry()
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    development = re.fullmatch(r"(\d+\.\d+\.\d+)\.dev\d+", crt.__version__)
    if development:
        assert release_number(development.group(1)) > release_number(released)
        assert "\n## [Unreleased]\n" in changelog
    else:
        assert crt.__version__ == released


def test_one_release_date_everywhere():
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    _, released = latest_changelog_entry()
    assert cff["date-released"] == released == DESCRIPTOR["created"][:10]


def test_the_readme_example_citation_is_current():
    require_row("000-f02")  # the README's example
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert crt.cite("000-f02").splitlines()[0] in readme


def test_data_dictionary_is_current():
    assert (ROOT / "docs" / "data-dictionary.md").read_text(encoding="utf-8") == render_dictionary(DESCRIPTOR)


def test_data_dictionary_lists_every_column():
    text = (ROOT / "docs" / "data-dictionary.md").read_text(encoding="utf-8")
    for resource in DESCRIPTOR["resources"]:
        if "schema" in resource:
            assert f"\n## {resource['name']}\n" in text
            for field in resource["schema"]["fields"]:
                assert f"| `{field['name']}` | {field['type']}" in text
    assert "| `unit` | string | required; one of `GBP`, `USD`, `CNY`" in text
    assert "| `figure_id` | string | references `figures.figure_id` |" in text
    assert "| `aliases` | list of string separated by `;` |  |" in text
