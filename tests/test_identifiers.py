"""Identifiers that join the rows to the world: Wikidata QIDs, ISO 3166 country codes, HS product codes.

The expected values below were read off the evidence by hand, not off the package: the QIDs and labels
from stored copies of Wikidata labels (usc-isi-i2/t2wml backend/causx/country_entities.py, OpenSanctions
rigour resources/territories, SpocWiki/_Standards), the CNC codes from a transcription of Tier 4.B of
the BIS Common High Priority List of 23 February 2024 (fyaic/TradeSieve), the headings from UN
Comtrade's HS 2022 titles (datasets/harmonized-system).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import china_russia_tools as crt
from china_russia_tools import builder
from china_russia_tools.errors import AnnotationError
from china_russia_tools.hooks import iso3166_name
from corpus import present
from minimal_project import ANNOTATION_PATH, make_project, replace_once

VERIFIED = {  # entity -> (QID, English label as read)
    "china": ("Q148", "People's Republic of China"),
    "russia": ("Q159", "Russia"),
    "ukraine": ("Q212", "Ukraine"),
    "european-union": ("Q458", "European Union"),
    "taiwan": ("Q865", "Taiwan"),
    "south-korea": ("Q884", "South Korea"),
    "soviet-union": ("Q15180", "Soviet Union"),
    "xi-jinping": ("Q15031", "Xi Jinping"),
}

CODES = {
    "cnc-machine-tools": {"845710", "845811", "845891", "845961", "846693"},
    "metalworking-machine-tools": {"8456", "8457", "8458", "8459", "8460", "8461", "8462", "8463"},
    "all-goods": {"TOTAL"},
}

PRODUCT_OF_FIGURE = {
    # "advanced machine tools", supplies that "primarily include vital CNC machine tools"; "This equipment"
    # is those tools, and the tenfold rise (000-f01) is the ratio of the two amounts (000-f02, 000-f03).
    "000-f01": "cnc-machine-tools", "000-f02": "metalworking-machine-tools",
    "000-f03": "metalworking-machine-tools",
    # "machine tools of Chinese origin constituted 57% of Russia's total imports"; "the required precision
    # of 3-4 microns" of "Chinese machine tools".
    "000-f04": "metalworking-machine-tools", "000-f05": "metalworking-machine-tools",
    "003-f01": "metalworking-machine-tools",
    # "the total trade value", "Chinese goods", "the overall trade turnover".
    **{f"003-f0{n}": "all-goods" for n in range(2, 10)},
}

ENTITIES_FILE = "annotations/entities.yaml"
CODES_FILE = "annotations/product_codes.yaml"
RUSSIA_QID = "wikidata_id: null\n    description: The Russian"
NOT_ISO = "is neither a current ISO 3166-1 alpha-2 code nor a former alpha-2 code in ISO 3166-3"


# Wikidata


def test_wikidata_ids_are_the_verified_ones():
    entities = crt.records("entities")
    assert {row["entity_id"]: row["wikidata_id"] for row in entities if row["wikidata_id"] is not None} == {
        entity: qid for entity, (qid, _) in VERIFIED.items()
    }
    assert all(re.fullmatch(r"Q[1-9][0-9]*", row["wikidata_id"]) for row in entities if row["wikidata_id"])


@pytest.mark.parametrize("entity", VERIFIED)
def test_wikidata_note_quotes_the_label_and_says_how_it_was_checked(entity: str):
    row = next(row for row in crt.records("entities") if row["entity_id"] == entity)
    qid, label = VERIFIED[entity]
    assert row["wikidata_note"].startswith(f'{qid}: label "{label}"')
    assert row["wikidata_note"].endswith("Checked 2026-11-25 against these stored copies, not against live Wikidata.")


def test_entities_without_a_qid_have_no_note():
    assert all(row["wikidata_note"] is None for row in crt.records("entities") if row["wikidata_id"] is None)


def test_an_entity_citation_carries_its_qid():
    assert crt.cite("soviet-union").splitlines()[0] == (
        f"Soviet Union (entity soviet-union; Wikidata Q15180), entities table of china-russia-tools {crt.__version__}."
    )
    assert crt.cite("financial-times").splitlines()[0] == (
        f"Financial Times (entity financial-times), entities table of china-russia-tools {crt.__version__}."
    )


# ISO 3166


def test_country_codes():
    codes = {row["entity_id"]: row["country_code"] for row in crt.records("entities")}
    assert codes["soviet-union"] == "SU"
    assert codes["european-union"] is None  # EU is not an ISO 3166-1 country code
    # The source does not say; the reports of Nuriyev's remarks place him and his company among Russian
    # industrialists and companies (utro-2025-10-03, suspilne-2025-10-06).
    assert codes["ildar-nuriyev"] == "RU" and codes["tatpromstan"] == "RU"
    assert all(iso3166_name(code) for code in codes.values() if code is not None)


def test_iso3166_current_codes_first_then_former_ones_upper_case_only():
    assert iso3166_name("CN") == "China"
    assert iso3166_name("TW") == "Taiwan, Province of China"
    assert iso3166_name("SU") == "USSR, Union of Soviet Socialist Republics"  # ISO 3166-3 only
    assert iso3166_name("BY") == "Belarus"  # also a former code (Byelorussian SSR); the current one wins
    assert iso3166_name("su") is None  # pycountry itself ignores case
    assert iso3166_name("cn") is None
    assert iso3166_name("EU") is None
    assert iso3166_name("XX") is None


def test_without_pycountry_the_build_names_the_extra(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setitem(sys.modules, "pycountry", None)
    with pytest.raises(ImportError, match=re.escape('pycountry: pip install "china-russia-tools[build]"')):
        iso3166_name("CN")


# Products



def figure_facts() -> list:
    """The published figures of the sources present (tests/corpus.py)."""
    return [row for facts in present().values() for row in facts.figures]


def test_every_figure_names_a_product_that_resolves():
    products = {row["product_id"] for row in crt.records("products")}
    figures = crt.records("figures")
    assert figures and all(row["product_id"] in products for row in figures)
    published = [row for row in figures if row["figure_id"] in {f.figure_id for f in figure_facts()}]
    assert len(published) == len(figure_facts())
    assert {row["figure_id"]: row["product_id"] for row in published} == {
        row["figure_id"]: PRODUCT_OF_FIGURE[row["figure_id"]] for row in published
    }


def test_each_product_has_its_codes():
    codes: dict[str, set[str]] = {}
    for row in crt.records("product_codes"):
        codes.setdefault(row["product_id"], set()).add(row["code"])
    assert codes == CODES
    assert {row["product_id"] for row in crt.records("products")} == set(CODES)


def test_every_product_code_has_a_valid_shape_and_id():
    for row in crt.records("product_codes"):
        assert re.fullmatch(r"[0-9]{4}|[0-9]{6}|TOTAL", row["code"]), row
        assert row["classification"] == "HS2022"
        assert row["product_code_id"] == f"{row['product_id']}-{row['code'].lower()}"
        if row["code"] != "TOTAL":
            assert row["code"][:2] == "84"  # machine tools are in HS chapter 84


def test_every_mapping_names_its_definition_and_source():
    for row in crt.records("products"):
        assert row["note"].startswith("The package's mapping, not the"), row["product_id"]
        assert "UN Comtrade" in row["note"], row["product_id"]
    for row in crt.records("product_codes"):
        assert "UN Comtrade" in row["note"] and "package's mapping" in row["note"], row["product_code_id"]
        if row["product_id"] == "cnc-machine-tools":
            assert "Tier 4.B of the Common High Priority List" in row["note"]
            assert "23 February 2024" in row["note"]
    note = {row["product_code_id"]: row["note"] for row in crt.records("product_codes")}["cnc-machine-tools-846693"]
    assert "Parts and accessories, not machines." in note


def test_sql_views_carry_the_new_tables():
    pytest.importorskip("duckdb")
    con = crt.connect()
    rows = con.sql(
        "select f.figure_id, c.code from figures f join product_codes c using (product_id) "
        "where f.figure_id = '000-f01' order by c.code"
    ).fetchall()
    assert rows == [("000-f01", code) for code in sorted(CODES["cnc-machine-tools"])]
    assert con.sql("select wikidata_id from entities where entity_id = 'china'").fetchall() == [("Q148",)]


def test_the_report_links_entity_names_to_wikidata(tmp_path: Path):
    pytest.importorskip("matplotlib")
    from china_russia_tools.report import write_report

    write_report(tmp_path)
    page = (tmp_path / "000_b9924b3dcfb55283.html").read_text(encoding="utf-8")
    assert '<dt>entity_id</dt><dd>soviet-union · <a href="https://www.wikidata.org/wiki/Q15180" ' in page
    assert "<dt>attributed_to</dt><dd>financial-times · Financial Times</dd>" in page
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert '<a href="https://www.wikidata.org/wiki/Q15031" title="Wikidata Q15031">Xi Jinping</a>' in index


# Bad input: the build refuses it, naming the file, the row and what is wrong.



BAD = {
    "unknown-country-code": (
        ENTITIES_FILE, "country_code: RU", "country_code: XX",
        f"{ENTITIES_FILE}: entities id russia: country_code 'XX' {NOT_ISO}",
    ),
    "withdrawn-code-unknown-to-iso-3166-3": (
        ENTITIES_FILE, "country_code: CN", "country_code: EU",
        f"{ENTITIES_FILE}: entities id china: country_code 'EU' {NOT_ISO}",
    ),
    "lower-case-country-code": (
        ENTITIES_FILE, "country_code: CN", "country_code: cn",
        f"{ENTITIES_FILE}: entities entry 1 (id china): country_code 'cn' does not match the pattern ^[A-Z]{{2}}$",
    ),
    "qid-without-q": (
        ENTITIES_FILE, RUSSIA_QID, RUSSIA_QID.replace("null", "'159'"),
        f"{ENTITIES_FILE}: entities entry 2 (id russia): wikidata_id '159' does not match the pattern ^Q[1-9][0-9]*$",
    ),
    "qid-without-note": (
        ENTITIES_FILE, RUSSIA_QID, RUSSIA_QID.replace("null", "Q159"),
        f"{ENTITIES_FILE}: entities id russia: wikidata_id is set, so wikidata_note must say how the item was checked",
    ),
    "note-without-qid": (
        ENTITIES_FILE, RUSSIA_QID, RUSSIA_QID.replace("null", "null\n    wikidata_note: Looked it up."),
        f"{ENTITIES_FILE}: entities id russia: wikidata_note is set but wikidata_id is null",
    ),
    "figure-without-product": (
        ANNOTATION_PATH, "    product_id: lathes\n", "",
        f"{ANNOTATION_PATH}: figures entry 3 (id 100-f03): product_id is required and may not be null",
    ),
    "figure-with-unknown-product": (
        ANNOTATION_PATH, "product_id: lathes", "product_id: drills",
        f"{ANNOTATION_PATH}: figures id 100-f03: product_id 'drills' is not a product in annotations/products.yaml",
    ),
    "code-of-unknown-product": (
        CODES_FILE, "product_id: lathes", "product_id: drills",
        f"{CODES_FILE}: product_codes id lathes-8458: product_id 'drills' is not a product in "
        "annotations/products.yaml",
    ),
    "code-of-five-digits": (
        CODES_FILE, 'code: "8458"', 'code: "84581"',
        f"{CODES_FILE}: product_codes entry 2 (id lathes-8458): code '84581' does not match the pattern "
        "^([0-9]{4}|[0-9]{6}|TOTAL)$",
    ),
    "code-as-a-number": (
        CODES_FILE, 'code: "8458"', "code: 8458",
        f"{CODES_FILE}: product_codes entry 2 (id lathes-8458): code must be text, got 8458 (int); put it in quotes",
    ),
    "unknown-classification": (
        CODES_FILE, "classification: HS2022\n    code: \"8458\"", "classification: HS2017\n    code: \"8458\"",
        f"{CODES_FILE}: product_codes entry 2 (id lathes-8458): classification 'HS2017' is not one of: HS2022",
    ),
}


@pytest.mark.parametrize("case", BAD.values(), ids=BAD.keys())
def test_bad_identifier_is_refused(case: tuple[str, str, str, str], tmp_path: Path):
    relative, old, new, message = case
    root = make_project(tmp_path / "project")
    replace_once(root, relative, old, new)
    with pytest.raises(AnnotationError) as caught:
        builder.render(root)
    assert caught.value.problems[0] == message  # the first problem; a refused entity may cause more


def test_a_former_iso_3166_code_is_accepted(tmp_path: Path):
    root = make_project(tmp_path / "project")
    replace_once(root, ENTITIES_FILE, "country_code: RU", "country_code: SU")
    entities = builder.render(root).tables["entities"].to_pylist()
    assert [row["country_code"] for row in entities] == ["CN", "SU"]


# frictionless


def test_frictionless_validates_the_new_resources():
    frictionless = pytest.importorskip("frictionless")
    report = frictionless.Package(str(crt.descriptor_path())).validate()
    assert report.valid, report.flatten(["title", "message"])
    checked = {task.name: task.valid for task in report.tasks}
    assert checked["products"] and checked["product_codes"] and checked["figures"]


@pytest.mark.parametrize(("table", "column", "value", "error"), [
    ("figures", "product_id", "widgets", "foreign-key"),
    ("product_codes", "product_id", "widgets", "foreign-key"),
    ("product_codes", "code", "84581", "constraint-error"),
    ("entities", "wikidata_id", "148", "constraint-error"),
])
def test_frictionless_catches_a_broken_identifier(project: Path, table: str, column: str, value: str, error: str):
    frictionless = pytest.importorskip("frictionless")
    path = project / "data" / f"{table}.parquet"
    data = pq.read_table(path)
    values = data.column(column).to_pylist()
    values[0] = value
    index = data.schema.get_field_index(column)
    pq.write_table(data.set_column(index, data.schema.field(column), pa.array(values, pa.string())), path)
    report = frictionless.Package(str(project / "datapackage.json")).validate()
    assert sorted({e[0] for e in report.flatten(["type"])}) == [error]
