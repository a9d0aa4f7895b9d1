"""export --format datasette: the SQLite database and Datasette's metadata.json, served by Datasette itself
(in this process, through its Python API; no network)."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest

import china_russia_tools as crt
from china_russia_tools import datasette_metadata
from china_russia_tools.outdir import MANIFEST
from conftest import needs

pytestmark = pytest.mark.slow


def served(folder: Path, paths: list[str]) -> list[Any]:
    """Datasette's answer to each of ``paths``, for the exported database and its metadata."""
    app = needs("datasette.app")

    async def get() -> list[Any]:
        metadata = json.loads((folder / "metadata.json").read_text(encoding="utf-8"))
        datasette = app.Datasette(files=[str(folder / "china-russia-tools.db")], metadata=metadata)
        await datasette.invoke_startup()
        return [await datasette.client.get(path) for path in paths]

    return asyncio.run(get())


def test_datasette_serves_the_rows_and_the_descriptions(installed, tmp_path):
    out = tmp_path / "out"
    written = crt.export(out, "datasette")
    assert written[0] == out / "china-russia-tools.db" and written[-1] == out / "metadata.json"
    assert sorted(path.name for path in out.iterdir()) == [MANIFEST, "china-russia-tools.db", "metadata.json", "seeds"]
    rows, page, index = served(out, [
        "/china-russia-tools/figures.json?_shape=array&figure_id=100-f01", "/china-russia-tools/figures", "/"
    ])
    assert rows.status_code == page.status_code == index.status_code == 200
    (row,) = rows.json()
    assert (row["text"], row["value"], row["unit"]) == ("£68 million", 68000000, "GBP")
    assert (row["period_start"], row["period_inferred"]) == ("2023-07-01", 1)
    # The column's description and the table's, as datapackage.json gives them, on the table's page.
    assert 'data-column-description="The source the figure is in."' in page.text
    assert "One row per quantitative statement, with its value in base units as the source writes it." in page.text
    # The licence of the tables, linked, on the index page.
    assert '<a href="https://creativecommons.org/licenses/by/4.0/">CC-BY-4.0</a>' in index.text


def test_the_metadata_names_the_package_its_licences_and_sources(installed):
    metadata = datasette_metadata.metadata("china-russia-tools")
    assert metadata["title"] == "China-Russia machine tools and export controls: annotated news sources"
    assert (metadata["license"], metadata["license_url"]) == ("CC-BY-4.0", "https://creativecommons.org/licenses/by/4.0/")
    assert metadata["description"].endswith(
        "Licences: CC-BY-4.0 (Creative Commons Attribution 4.0: the annotations, tables and descriptor); "
        "MIT (MIT License: the Python code)."
    )
    assert metadata["source"].startswith("Source texts under seeds/: news articles reproduced byte for byte")
    tables = metadata["databases"]["china-russia-tools"]["tables"]
    assert list(tables) == list(crt.TABLES)
    assert tables["entities"]["title"] == "Entities"
    assert tables["figures"]["columns"]["char_start"] == "Code point offset of the first character (0-based)."
    assert len(tables["figures"]["columns"]) == len(crt.figures().columns)


def test_a_failed_metadata_leaves_no_folder(installed, tmp_path, monkeypatch):
    def broken(database: str) -> dict:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(datasette_metadata, "metadata", broken)
    with pytest.raises(OSError):
        crt.export(tmp_path / "out", "datasette")
    assert [path.name for path in tmp_path.iterdir()] == ["installed"]  # no folder out, nor a temporary one
