"""The data package on disk and the loader: the descriptor's pin, each file checked against its SHA-256 and
its schema, one call per table, rows as the annotation files say, the published sources' own facts.

What every table promises (columns, dtypes, keys, citations, fresh copies) is in test_contract.py.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest
import yaml

import china_russia_tools as crt
from china_russia_tools import registry, tables
from china_russia_tools.errors import (
    DataError,
    UnknownTableError,
)
from conftest import ROOT, deadline, sha256
from corpus import present
from minimal_project import (
    SEED,
    SEED_PATH,
    SOURCE_ID,
    drop_gbp,
    edit_descriptor,
    rehash,
    set_resource_path,
    value_as_integer,
    write_pinned,
)

DESCRIPTOR = json.loads(crt.descriptor_path().read_text(encoding="utf-8"))


SCHEMAS = {r["name"]: r["schema"] for r in DESCRIPTOR["resources"] if r["name"] in crt.TABLES}


SHARED_FILES = registry.of_kind("shared")  # each kept in annotations/<name>.yaml


PUBLISHED = [pytest.param(facts, id=source_id) for source_id, facts in present().items()]


def test_row_counts_match_the_annotation_files():
    counts = {
        name: len(yaml.safe_load((ROOT / "annotations" / f"{name}.yaml").read_text(encoding="utf-8"))[name])
        for name in SHARED_FILES
    }
    per_source = [path for path in sorted((ROOT / "annotations").glob("*.yaml")) if path.stem not in SHARED_FILES]
    assert per_source
    counts["sources"] = len(per_source)
    for path in per_source:
        content = yaml.safe_load(path.read_text(encoding="utf-8"))
        for layer in ("figures", "mentions", "quotes", "checks"):
            counts[layer] = counts.get(layer, 0) + len(content.get(layer) or [])
    assert {name: len(crt.load(name)) for name in crt.TABLES} == counts


@pytest.mark.parametrize("facts", PUBLISHED)
def test_a_published_source_keeps_its_rows(facts, tables):
    counts = {name: int((tables[name]["source_id"] == facts.source_id).sum()) for name in facts.counts}
    assert counts == facts.counts


@pytest.mark.parametrize("facts", PUBLISHED)
def test_a_published_source_keeps_its_title_hash_and_dates(facts, tables):
    row = tables["sources"].set_index("source_id").loc[facts.source_id]
    assert (row["title"], row["sha256"]) == (facts.title, facts.sha256)
    assert (row["byline"] if isinstance(row["byline"], str) else None) == facts.byline
    assert str(row["published_earliest"].date()) == facts.published_earliest
    assert row["published_reference_id"] == facts.published_reference_id


def test_import_does_not_import_frictionless_or_pandas(tmp_path):
    code = "import sys, china_russia_tools; print('frictionless' in sys.modules, 'pandas' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=tmp_path)
    assert result.stdout.split() == ["False", "False"]


@pytest.mark.parametrize("facts", PUBLISHED)
def test_metonyms_resolve_to_the_state(facts, tables):
    mentions = tables["mentions"]
    metonyms = mentions[mentions["metonym"] & (mentions["source_id"] == facts.source_id)]
    assert sorted(zip(metonyms["text"], metonyms["entity_id"], strict=True)) == sorted(facts.metonyms)


@pytest.mark.parametrize("facts", [param for param in PUBLISHED if param.values[0].quotes])
def test_quotes_speakers_and_venues(facts, tables):
    quotes = tables["quotes"].set_index("quote_id")
    assert len(facts.quotes) > 0
    for quote_id, expected in facts.quotes.items():
        row = quotes.loc[quote_id, list(expected)]
        assert [None if pd.isna(value) else value for value in row] == list(expected.values()), quote_id


@pytest.mark.parametrize("name", crt.TABLES)
def test_id_column_is_the_primary_key(name):
    from china_russia_tools.tables import id_column

    assert SCHEMAS[name]["primaryKey"] == [id_column(name)] == [crt.load(name).columns[0]]


def test_seed_resources_are_one_per_source_named_by_its_id():
    # e.g. seed-000-b9924b3dcfb55283 pins seeds/000_b9924b3dcfb55283.txt
    descriptor = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))
    seeds = crt.tables.seed_resources(descriptor)
    assert {("seed-000-b9924b3dcfb55283", "seeds/000_b9924b3dcfb55283.txt")} <= {(e["name"], e["path"]) for e in seeds}
    sources = crt.records("sources")
    assert sorted((e["name"], e["path"]) for e in seeds) == sorted(
        (f"seed-{row['source_id'].replace('_', '-')}", row["path"]) for row in sources)
    assert [entry["name"] for entry in crt.tables.seed_resources()] == [entry["name"] for entry in seeds]
    assert not {entry["name"] for entry in seeds} & set(crt.TABLES)


def truncate(root: Path) -> None:
    path = root / "data" / "figures.parquet"
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def damage_footer(root: Path) -> None:
    path = root / "data" / "figures.parquet"
    data = bytearray(path.read_bytes())
    data[-40:-8] = b"\xff" * 32
    path.write_bytes(bytes(data))
    rehash(root, "figures")


def rewrite_other_compression(root: Path) -> None:
    path = root / "data" / "figures.parquet"
    pq.write_table(pq.read_table(path), path, compression="snappy")


def drop_column(root: Path) -> None:
    path = root / "data" / "figures.parquet"
    pq.write_table(pq.read_table(path).drop_columns(["note"]), path, compression="zstd")
    rehash(root, "figures")


def figures_hash(root: Path) -> str:
    return hashlib.sha256((root / "data" / "figures.parquet").read_bytes()).hexdigest()


NOT_PARQUET = "cannot read table 'figures', the file is not valid Parquet: "


REBUILD = "the file was changed or damaged after the build (reinstall the package, or rebuild a checkout)"


# The words of the SHA-256 error of a changed file, asserted here only; elsewhere its tests name the file.
CHANGED = "data/figures.parquet: SHA-256 is {actual}, the descriptor says {pinned}; " + REBUILD


INSTALLED_CASES = {
    "truncated-parquet": (truncate, CHANGED),
    "truncated-parquet-rehashed": (lambda root: (truncate(root), rehash(root, "figures")),
                                   f"data/figures.parquet: {NOT_PARQUET}"),
    "corrupted-parquet": (damage_footer, f"data/figures.parquet: {NOT_PARQUET}"),
    "hash-no-longer-matches": (rewrite_other_compression, CHANGED),
    "parquet-missing": (lambda root: (root / "data" / "figures.parquet").unlink(),
                        "data/figures.parquet: cannot read resource 'figures': [Errno 2] No such file or directory"),
    "columns-differ": (drop_column, "data/figures.parquet: columns ["),
    "descriptor-not-json": (lambda root: (root / "datapackage.json").write_text("{", encoding="utf-8"),
                            "datapackage.json: cannot read the descriptor: Expecting property name"),
    "resource-path-outside": (set_resource_path("figures", "../../../etc/passwd"),
                              "datapackage.json: resource 'figures' has the path '../../../etc/passwd', which is not a "
                              "relative path inside "),
    "resource-path-absolute": (set_resource_path("figures", "/etc/passwd"),
                               "datapackage.json: resource 'figures' has the path '/etc/passwd', which is not a "
                               "relative path inside "),
}


@pytest.mark.parametrize("mutate, message", INSTALLED_CASES.values(), ids=INSTALLED_CASES.keys())
def test_damaged_installed_data_is_refused(mutate, message: str, installed: Path):
    pinned = figures_hash(installed)
    mutate(installed)
    if "{actual}" in message:
        message = message.format(actual=figures_hash(installed), pinned=pinned)
    with pytest.raises(DataError, match=re.escape(f"{installed}/{message}")):
        crt.figures()


def test_unknown_table_names_the_valid_ones():
    valid = ", ".join(crt.TABLES)
    with pytest.raises(UnknownTableError, match=rf"unknown table 'figure'; valid tables are: {valid}$"):
        crt.load("figure")


def test_the_installed_tables_carry_the_new_columns(installed):
    figures = crt.figures()
    assert list(figures.loc[figures.figure_id == "100-f01", ["chain", "relay_status", "data_status"]].iloc[0]) == [
        "100_0123456789abcdef", "unverified", "unverified"
    ]
    assert list(crt.series().series_id) == ["cn-exports-to-ru-machine-tools"]
    assert list(crt.observations().value) == [68000000.0]


def test_a_symlinked_seed_in_the_data_is_named_a_link(installed: Path, tmp_path: Path):
    seed = installed / SEED_PATH
    outside = tmp_path / "elsewhere.txt"
    outside.write_bytes(seed.read_bytes())
    seed.unlink()
    seed.symlink_to(outside)
    message = (
        f"{seed}: resource 'seed-100-0123456789abcdef' is a link to {outside}, outside {installed}; "
        "the data's files must be inside its folder"
    )
    with pytest.raises(DataError, match=f"^{re.escape(message)}$"):
        crt.tables.source_text("100_0123456789abcdef")


UNITS = ", ".join(  # the figures' units but GBP, which drop_gbp removes: every ISO 4217 code and five others
    unit
    for resource in json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))["resources"]
    if resource["name"] == "figures"
    for field in resource["schema"]["fields"] if field["name"] == "unit"
    for unit in field["constraints"]["enum"] if unit != "GBP"
)


def test_a_source_text_is_read_once_until_the_cache_is_cleared(installed: Path):
    assert tables.source_text(SOURCE_ID) == SEED
    (installed / SEED_PATH).write_text(SEED.replace("£68 million", "£69 million"), encoding="utf-8")
    assert tables.source_text(SOURCE_ID) == SEED  # checked when read, then kept like the tables
    tables.clear_cache()
    with pytest.raises(DataError, match=f"^{re.escape(str(installed / SEED_PATH))}: "):
        tables.source_text(SOURCE_ID)


def test_an_edited_descriptor_is_refused(installed: Path):
    pinned = sha256((installed / "datapackage.json").read_bytes())
    text = json.dumps(edit_descriptor(installed, drop_gbp), indent=2)
    (installed / "datapackage.json").write_text(text, encoding="utf-8")
    message = (
        f"{installed}/datapackage.json: SHA-256 is {sha256(text.encode('utf-8'))}, datapackage.json.sha256 says "
        f"{pinned}; the descriptor was edited after the build (reinstall the package; in a checkout, run "
        "`china-russia-tools build`)"
    )
    with pytest.raises(DataError, match=f"^{re.escape(message)}$"):
        crt.figures()


def test_a_missing_pin_is_refused(installed: Path):
    (installed / "datapackage.json.sha256").unlink()
    message = (
        f"{installed}/datapackage.json.sha256: missing; it pins the descriptor by its SHA-256 (reinstall the "
        "package; in a checkout, run `china-russia-tools build`)"
    )
    with pytest.raises(DataError, match=f"^{re.escape(message)}$"):
        crt.figures()


def test_a_value_outside_its_enum_is_refused_not_made_missing(installed: Path):
    write_pinned(installed, edit_descriptor(installed, drop_gbp))
    message = (
        f"{installed}/datapackage.json: table 'figures', column 'unit' holds 'GBP', which its enum does not list "
        f"({UNITS})"
    )
    with pytest.raises(DataError, match=f"^{re.escape(message)}$"):
        crt.figures()
    with pytest.raises(DataError, match=f"^{re.escape(message)}$"):
        crt.records("figures")


@pytest.mark.parametrize(("backend", "found"), [("pandas", "Arrow double"), ("polars", "polars Float64")])
def test_a_column_of_another_type_is_refused(installed: Path, backend: str, found: str):
    write_pinned(installed, edit_descriptor(installed, value_as_integer))
    message = (
        f"{installed}/datapackage.json: table 'figures', column 'value' is declared integer, but its data is number "
        f"({found})"
    )
    with pytest.raises(DataError, match=f"^{re.escape(message)}$"):
        crt.figures(backend=backend)


def test_load_of_a_list_raises_the_packages_error():
    # The words of the message are asserted in test_unknown_table_names_the_valid_ones.
    with pytest.raises(crt.UnknownTableError) as raised:
        crt.load(["figures"])
    assert "['figures']" in str(raised.value)


def test_a_table_far_larger_than_any_is_refused_before_it_is_read(real: Path):
    path = real / "data" / "figures.parquet"
    os.truncate(path, tables.MAX_FILE_BYTES + 1)
    message = (
        f"{path}: resource 'figures' is 100,000,001 bytes, the descriptor pins no size, and files larger than "
        f"100,000,000 bytes are not read; {REBUILD}"
    )
    with pytest.raises(DataError, match=f"^{re.escape(message)}$"):
        crt.figures()


def test_a_named_pipe_for_a_seed_is_refused_unopened(installed: Path):
    seed = installed / SEED_PATH
    seed.unlink()
    os.mkfifo(seed)
    message = f"{seed}: resource 'seed-100-0123456789abcdef' is a named pipe, not a regular file; {REBUILD}"
    with deadline(30), pytest.raises(DataError, match=f"^{re.escape(message)}$"):
        tables.source_text(SOURCE_ID)


def test_a_named_pipe_for_the_descriptor_is_refused_unopened(installed: Path):
    path = installed / "datapackage.json"
    path.unlink()
    os.mkfifo(path)
    message = f"{path}: is a named pipe, not a regular file; {REBUILD}"
    with deadline(30), pytest.raises(DataError, match=f"^{re.escape(message)}$"):
        crt.figures()


def test_a_pin_far_larger_than_any_is_refused_before_it_is_read(installed: Path):
    pin = installed / "datapackage.json.sha256"
    os.truncate(pin, tables.MAX_FILE_BYTES + 1)
    message = f"{pin}: is 100,000,001 bytes; at most 100,000,000 are read; {REBUILD}"
    with pytest.raises(DataError, match=f"^{re.escape(message)}$"):
        crt.figures()
