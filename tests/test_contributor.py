"""README's "Adding a source", followed step by step in a copy of the project, from the command line
with --root; and the annotation guide's rules for the cases a third source brought.

The source text here is written for the test after the kind of article that raised them (a study of
Russia's imports of CNC machines); it is not a copy of one."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

import china_russia_tools as crt
from conftest import ROOT, needs
from minimal_project import coded, refusal

pytestmark = pytest.mark.slow

SOURCE_ID = "999_cnc-imports-study"  # a prefix far from the next real sources, which it must not meet
SEED = """\
Russia still depends on imported CNC machines, study finds
By A. Reporter

Russia imported more than 22,000 CNC machines last year, a study of the Economic Security Council of Ukraine found.
Chinese suppliers shipped 4,459 machines in the first quarter.
China’s share of all supplies reached 68%, and imports covered 80% of Russian use.
Read more: Russia in the news
"""
ANNOTATION = """\
source:
  title: Russia still depends on imported CNC machines, study finds
  byline: By A. Reporter
  body_starts_with: Russia imported more
  body_ends_with: of Russian use.
  language: en
  published_earliest: 2025-03-01
  published_latest: 2025-03-01
  published_reference_id: null
  date_note: From the page address https://example.org/2025/03/01/cnc, not the text.
  url: https://example.org/2025/03/01/cnc
  license: Copyright stays with the publisher.
  note: The address is the one the capture came from; the page names no publisher.

figures:
  - id: 999-f01
    text: more than 22,000 CNC machines
    value: 22000
    unit: units
    approximation: more_than
    measure: trade_quantity
    statistic: level
    flow_from: null
    flow_to: russia
    product: CNC machines
    product_id: cnc-machine-tools
    period_inferred: false
    series_note: "A count of machines from all suppliers; no series of counts is held."
    note: All suppliers.
  - id: 999-f02
    text: 4,459 machines
    value: 4459
    unit: units
    approximation: exact
    measure: trade_quantity
    statistic: level
    flow_from: china
    flow_to: russia
    product: machines
    product_id: cnc-machine-tools
    period_inferred: false
    series_note: "A count of machines; no series of counts is held."
  - id: 999-f03
    text: 68%
    value: 68
    unit: percent
    approximation: exact
    measure: supply_share
    statistic: level
    flow_from: china
    flow_to: russia
    product: CNC machines
    product_id: cnc-machine-tools
    period_inferred: false
    series_note: "One supplier's share of all supplies: a ratio of two series."
  - id: 999-f04
    text: 80%
    value: 80
    unit: percent
    approximation: exact
    measure: import_dependence
    statistic: level
    flow_from: null
    flow_to: russia
    product: CNC machines
    product_id: cnc-machine-tools
    period_inferred: false
    series_note: "Imports' share of use: a ratio of imports to use, not a trade series."
    note: All suppliers; imports' share of Russian use.

mentions:
  - {id: 999-m01, entity_id: russia, text: Russia, within: Russia imported}
  - {id: 999-m02, entity_id: china, text: China, within: China’s share}

quotes: []
checks: []
"""


def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "china_russia_tools", *args], capture_output=True, text=True,
                          cwd=cwd)


def add_source(root: Path, annotation: str = ANNOTATION) -> None:
    """Steps 1 and 2: the seed, unchanged, and its annotation file."""
    (root / "seeds" / f"{SOURCE_ID}.txt").write_text(SEED, encoding="utf-8")
    (root / "annotations" / f"{SOURCE_ID}.yaml").write_text(annotation, encoding="utf-8")


def test_adding_a_source_as_the_readme_says(project: Path, tmp_path: Path):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "`china-russia-tools build --root DIR`" in readme.split("## Adding a source")[1].split("##")[0]
    add_source(project)
    built = cli("build", "--root", str(project), cwd=tmp_path)  # step 3, from outside the checkout
    assert built.returncode == 0, built.stderr
    assert f"wrote figures: {len(crt.records('figures')) + 4} rows" in built.stdout.splitlines()
    shown = cli("show", "999-f03", "--root", str(project), cwd=tmp_path)
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.splitlines()[0] == "China’s share of all supplies reached ⟦68%⟧, and imports covered 80% of " \
        "Russian use."
    assert shown.stdout.splitlines()[-1] == f"data: {project} (the checkout given by --root)"
    needs("frictionless")
    checked = cli("validate", "--root", str(project), cwd=tmp_path)
    assert (checked.returncode, checked.stdout) == (0, f"valid\ndata: {project} (the checkout given by --root)\n")
    needs("matplotlib")
    report = cli("report", str(tmp_path / "site"), "--root", str(project), cwd=tmp_path)
    assert report.returncode == 0, report.stderr
    assert (tmp_path / "site" / f"{SOURCE_ID}.html").is_file()
    assert "999-f03" in (tmp_path / "site" / f"{SOURCE_ID}.html").read_text(encoding="utf-8")


def test_without_root_the_new_id_names_the_copy_read(project: Path, tmp_path: Path):
    add_source(project)
    assert cli("build", "--root", str(project), cwd=tmp_path).returncode == 0
    result = cli("show", "999-f03", cwd=tmp_path)
    assert result.returncode == 1
    assert re.fullmatch(r"error: .*'999-f03'.* \(read .*; --root DIR reads a checkout\)\n",
                        result.stderr), result.stderr


def test_root_without_a_built_checkout_is_one_line(tmp_path: Path):
    result = cli("info", "--root", str(tmp_path), cwd=tmp_path)
    assert (result.returncode, result.stderr) == (
        1, f"error: {tmp_path}: no datapackage.json there; --root names a checkout, built with "
        f"`china-russia-tools build --root {tmp_path}`\n")


@pytest.mark.parametrize("old, new, problems", [
    ("    value: 68\n    unit: percent\n", "    value: 168\n    unit: percent\n",
     [("figures id 999-f03", "value-words-mismatch"), ("figures id 999-f03", "value-out-of-bounds")]),
    ("  - {id: 999-m02, entity_id: china, text: China, within: China’s share}\n",
     "  - {id: 999-m02, entity_id: china, text: China, within: China’s share}\n"
     "  - {id: 999-m03, entity_id: russia, text: Russia, within: 'Read more: Russia'}\n",
     [("mentions id 999-m03", "span-outside-body")]),
])
def test_the_guide_rules_of_the_third_source(project: Path, old: str, new: str, problems: list[tuple[str, str]]):
    # The words of each message are in test_problems_words.py and test_problems_words_rules.py.
    add_source(project, ANNOTATION.replace(old, new))
    assert coded(refusal(project)) == [(f"annotations/{SOURCE_ID}.yaml: {where}", code) for where, code in problems]


def test_the_notebook_says_how_to_open_it_and_its_extra_installs_that():
    import json
    import tomllib

    notebook = json.loads((ROOT / "examples" / "quickstart.ipynb").read_text(encoding="utf-8"))
    first = "".join(notebook["cells"][0]["source"])
    assert 'pip install "china-russia-tools[notebook]"\njupyter notebook examples/quickstart.ipynb\n' in first
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]
    assert extras["notebook"] == ["china-russia-tools[sql,report]", "notebook>=7"]
