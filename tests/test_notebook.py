"""The quick-start notebook runs top to bottom and is stored without outputs."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from conftest import ROOT, needs
from corpus import figure, require_row

pytestmark = pytest.mark.slow

NOTEBOOK = ROOT / "examples" / "quickstart.ipynb"


def notebook_trade() -> list[dict]:
    """The made-up trade rows of the notebook's ``comtrade`` cell, as the cell defines them."""
    cells = json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
    cell = next(cell for cell in cells if cell.get("id") == "comtrade")
    definition = "".join(cell["source"]).split("\ncon = ", 1)[0]
    assert definition.startswith("import pandas as pd\n\ntrade = pd.DataFrame(")
    scope: dict = {}
    exec(definition, scope)
    return scope["trade"].to_dict("records")


def notebook_joins() -> list[tuple[str, str]]:
    """(figure, HS code) of each row the notebook's join gives, in its order, worked out here from the tables
    in plain Python: a trade-value figure meets a trade row when a code of its product begins the row's HS
    code, its exporter's and importer's country codes are the row's reporter and partner, and its period
    holds the row's month."""
    import china_russia_tools as crt

    country = {row["entity_id"]: row["country_code"] for row in crt.records("entities")}
    codes = [(row["product_id"], row["code"]) for row in crt.records("product_codes")]
    found = []
    for fig in crt.records("figures"):
        if fig["measure"] != "trade_value" or None in (fig["period_start"], fig["period_end"]):
            continue
        for product_id, code in codes:
            for row in notebook_trade():
                month = date(int(row["period"][:4]), int(row["period"][4:]), 1)
                if (product_id == fig["product_id"] and row["hs_code"].startswith(code)
                        and (country.get(fig["flow_from"]), country.get(fig["flow_to"]))
                        == (row["reporter_iso"], row["partner_iso"])
                        and fig["period_start"] <= month <= fig["period_end"]):
                    found.append((fig["figure_id"], row["hs_code"]))
    return sorted(found)


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
    joined = re.findall(r"^\d+ +(\S+) .* (\w+) +\d{6} *$", outputs["comtrade"][0].data["text/plain"], re.M)
    assert joined == notebook_joins()  # the published corpus's pairs are pinned in test_corpus.py
    assert list(tmp_path.iterdir()) == []
