"""cite(): plain text, BibTeX and CSL-JSON for rows, sources, references, DataFrames and the package."""

from __future__ import annotations

import json

import bibtexparser
import pytest
import yaml
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON

import china_russia_tools as crt
from conftest import ROOT, seed_text

SOURCE_000 = "000_b9924b3dcfb55283"


def test_text_citation_of_a_figure_gives_its_words_and_position():
    # "£68 million" starts at code point 693 of the seed and is 11 code points long.
    assert seed_text(SOURCE_000)[693:704] == "£68 million"
    lines = crt.cite("000-f02").splitlines()
    assert lines[0] == (
        "“£68 million” (000-f02), China Increases Support to Russia, Exports More Machine Tools "
        f"[{SOURCE_000}], code points 693–704; china-russia-tools {crt.__version__}."
    )
    assert lines[1].startswith("“China Increases Support to Russia, Exports More Machine Tools”. News article, "
                               "published on or after 2024-01-02.")
    assert lines[2] == crt.cite()


def test_a_check_cites_the_checked_words_and_the_report():
    lines = crt.cite("003-c10").splitlines()
    assert lines[0].startswith("“8.8%” (003-f08)")
    assert lines[2] == ("The Kyiv Independent, “China's exports to Russia see sharpest decline in months”, 2025-09-08. "
                        "https://kyivindependent.com/chinas-exports-to-russia-see-sharpest-decline-in-6-months")


def test_bibtex_parses_and_carries_the_fields():
    library = bibtexparser.parse_string(crt.cite("000-f02", format="bibtex"))
    assert library.failed_blocks == []
    source, package = library.entries
    assert (source.entry_type, source.key) == ("misc", "000_b9924b3dcfb55283")
    assert source["title"] == "{China Increases Support to Russia, Exports More Machine Tools}"
    assert "code points 693–704" in source["note"]
    assert (package.entry_type, package["version"], package["author"]) == ("misc", crt.__version__, "{china-russia-tools maintainers}")


def test_bibtex_of_a_reference_is_a_newspaper_article():
    library = bibtexparser.parse_string(crt.cite("ft-2024-01-02", format="bibtex"))
    assert library.failed_blocks == []
    report = library.entries[0]
    assert (report.entry_type, report["journal"], report["date"]) == ("article", "Financial Times", "2024-01-02")
    assert report["url"] == "https://www.ft.com/content/d16c688d-9579-4f1d-a84f-ca29ca2f0bc0"


@pytest.mark.parametrize("target", ["000-f02", "003-q04", "003-c13", "ki-2025-09-08", SOURCE_000, "china", None])
def test_csl_json_renders_with_a_citation_processor(target):
    items = json.loads(crt.cite(target, format="csl-json"))
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    bibliography = CitationStylesBibliography(style, CiteProcJSON(items), formatter.plain)
    for item in items:
        bibliography.register(Citation([CitationItem(item["id"])]))
    rendered = [str(entry) for entry in bibliography.bibliography()]
    assert len(rendered) == len(items)
    assert any("China-Russia machine tools and export controls" in entry for entry in rendered)


def test_csl_json_of_a_source_with_a_known_year():
    source, package = json.loads(crt.cite("003_c75e6f810a717f86", format="csl-json"))
    # Published between 2025-09-08 and 2025-12-31: the year is known, the day is not.
    assert source["issued"] == {"date-parts": [[2025]]}
    assert source["author"] == [{"literal": "Editorial"}]
    assert package["type"] == "dataset"


def test_a_dataframe_is_cited_by_the_sources_and_reports_its_rows_rest_on():
    figures = crt.figures()
    lines = crt.cite(figures[figures["source_id"] == SOURCE_000]).splitlines()
    assert len(lines) == 2 and lines[0].startswith("“China Increases Support") and lines[1] == crt.cite()
    discrepancies = crt.discrepancies()
    items = json.loads(crt.cite(discrepancies, format="csl-json"))
    assert [item["id"] for item in items] == [
        SOURCE_000, "003_c75e6f810a717f86", "ft-2024-01-02", "ki-2025-09-08", "mt-2025-09-08", "uwc-2024-01-04",
        "china-russia-tools",
    ]


def test_unknown_format_names_the_valid_ones():
    with pytest.raises(ValueError, match=r"^unknown citation format 'apa'; valid formats are: text, bibtex, csl-json$"):
        crt.cite("000-f02", format="apa")


def test_citation_cff_agrees_with_the_package_citation():
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    (package,) = json.loads(crt.cite(format="csl-json"))
    assert cff["title"] == package["title"]
    assert cff["version"] == package["version"] == crt.__version__
    assert [author["name"] for author in cff["authors"]] == [author["literal"] for author in package["author"]]
    assert cff["date-released"] == "-".join(f"{part:02d}" for part in package["issued"]["date-parts"][0])
    assert cff["type"] == package["type"] == "dataset"
