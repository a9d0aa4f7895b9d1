"""The quick-start notebook runs top to bottom and is stored without outputs."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import ROOT, needs
from corpus import figure, require_row

pytestmark = pytest.mark.slow

NOTEBOOK = ROOT / "examples" / "quickstart.ipynb"


def test_committed_notebook_has_no_outputs():
    cells = json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
    code = [cell for cell in cells if cell["cell_type"] == "code"]
    assert len(code) == 8
    assert [(cell["outputs"], cell["execution_count"]) for cell in code] == [([], None)] * len(code)
    # Its table and chart show both verdicts, never the merged check_status alone.
    assert "check_status" not in NOTEBOOK.read_text(encoding="utf-8")


def test_notebook_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    require_row("000-f02")  # the notebook's examples
    require_row("003-f08")
    nbformat = needs("nbformat")
    nbclient = needs("nbclient")
    needs("ipykernel")
    needs("matplotlib")
    monkeypatch.setenv("MPLBACKEND", "Agg")
    monkeypatch.chdir(tmp_path)
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(notebook, kernel_name="python3", timeout=120,
                                     resources={"metadata": {"path": str(tmp_path)}})
    client.execute()  # raises CellExecutionError on the first failing cell
    outputs = {cell.id: cell.outputs for cell in notebook.cells if cell.cell_type == "code"}
    assert [output.output_type for output in outputs["value-of-f02"]] == ["stream"]
    f02 = figure("000-f02")
    assert outputs["value-of-f02"][0].text == f"{f02.text} = {f02.value:.0f} {f02.unit}\n"
    assert f"“{f02.text}” (000-f02)" in outputs["cite"][0].text
    assert "003-f08" in outputs["discrepancies"][0].data["text/plain"]
    table = outputs["load"][0].data["text/plain"]
    assert "relay_status" in table and "data_status" in table
    joined = re.findall(r"^\d+ +(\d{3}-f\d{2}) .* (\w+) +\d{6} *$", outputs["comtrade"][0].data["text/plain"], re.M)
    assert joined == [  # (figure, HS code of the made-up trade row it meets)
        # 000-f01 and 000-f02 are CNC machine tools (Tier 4.B codes): the row of 845819, a lathe that is not
        # numerically controlled, meets neither.
        ("000-f01", "845811"), ("000-f01", "845961"),
        ("000-f02", "845811"), ("000-f02", "845961"),
        ("003-f03", "TOTAL"), ("003-f08", "TOTAL"), ("003-f09", "TOTAL"),
    ]
    assert list(tmp_path.iterdir()) == []
