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
from corpus import REFERENCES, S000, S003, figure, present, require, require_row


def test_text_citation_of_a_figure_gives_its_words_and_position():
    facts = require_row("000-f02")
    span = facts.spans["000-f02"]
    # "£68 million" starts at code point 693 of the seed and is 11 code points long.
    assert seed_text(facts.source_id)[span.start:span.end] == span.text
    lines = crt.cite("000-f02").splitlines()
    assert lines[0] == (
        f"“{span.text}” (000-f02), {facts.title} [{facts.source_id}], code points {span.start}–{span.end}; "
        f"china-russia-tools {crt.__version__}."
    )
    assert lines[1].startswith(f"“{facts.title}”. News article, published on or after {facts.published_earliest}.")
    assert lines[2] == crt.cite()


def test_a_check_cites_the_checked_words_and_the_report():
    require_row("003-c10")
    lines = crt.cite("003-c10").splitlines()
    assert lines[0].startswith(f"“{figure('003-f08').text}” (003-f08)")
    reference = REFERENCES["ki-2025-09-08"]
    assert lines[2] == f"{reference.publisher}, “{reference.title}”, {reference.published}. {reference.url}"


def test_bibtex_parses_and_carries_the_fields():
    facts = require_row("000-f02")
    span = facts.spans["000-f02"]
    library = bibtexparser.parse_string(crt.cite("000-f02", format="bibtex"))
    assert library.failed_blocks == []
    source, package = library.entries
    assert (source.entry_type, source.key) == ("misc", facts.source_id)
    assert source["title"] == f"{{{facts.title}}}"
    assert f"code points {span.start}–{span.end}" in source["note"]
    assert (package.entry_type, package["version"], package["author"]) == (
        "misc", crt.__version__, "{china-russia-tools maintainers}")


def test_bibtex_of_a_reference_is_a_newspaper_article():
    reference = REFERENCES["ft-2024-01-02"]
    library = bibtexparser.parse_string(crt.cite("ft-2024-01-02", format="bibtex"))
    assert library.failed_blocks == []
    report = library.entries[0]
    assert (report.entry_type, report["journal"], report["date"]) == (
        "article", reference.publisher, reference.published)
    assert report["url"] == reference.url


@pytest.mark.parametrize("target", ["000-f02", "003-q04", "003-c13", "ki-2025-09-08", S000, "china", None])
def test_csl_json_renders_with_a_citation_processor(target):
    if target in (S000, S003):
        require(target)
    elif target and target[:3].isdigit():
        require_row(target)
    items = json.loads(crt.cite(target, format="csl-json"))
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    bibliography = CitationStylesBibliography(style, CiteProcJSON(items), formatter.plain)
    for item in items:
        bibliography.register(Citation([CitationItem(item["id"])]))
    rendered = [str(entry) for entry in bibliography.bibliography()]
    assert len(rendered) == len(items)
    assert any("China-Russia machine tools and export controls" in entry for entry in rendered)


def test_csl_json_of_a_source_with_a_known_year():
    facts = require(S003)
    source, package = json.loads(crt.cite(S003, format="csl-json"))
    # Published between 2025-09-08 and 2025-12-31: the year is known, the day is not.
    assert source["issued"] == {"date-parts": [[int(facts.published_earliest[:4])]]}
    assert source["author"] == [{"literal": facts.byline}]
    assert package["type"] == "dataset"


@pytest.mark.parametrize("source_id", list(present()))
def test_a_dataframe_is_cited_by_its_source(source_id):
    figures = crt.figures()
    lines = crt.cite(figures[figures["source_id"] == source_id]).splitlines()
    assert len(lines) == 2 and lines[0].startswith(f"“{present()[source_id].title}”") and lines[1] == crt.cite()


def test_a_dataframe_is_cited_by_the_sources_and_reports_its_rows_rest_on():
    discrepancies = crt.discrepancies()
    published = present()
    discrepancies = discrepancies[discrepancies["source_id"].isin(list(published))]
    items = json.loads(crt.cite(discrepancies, format="csl-json"))
    # For the published corpus: 000, 003, then ft-2024-01-02, ki-2025-09-08, mt-2025-09-08, uwc-2024-01-04.
    references = sorted({reference for facts in published.values() for reference in facts.discrepancy_references})
    assert [item["id"] for item in items] == [*sorted(published), *references, "china-russia-tools"]


def test_unknown_format_names_the_valid_ones():
    with pytest.raises(ValueError, match=r"^unknown citation format 'apa'; valid formats are: text, bibtex, csl-json$"):
        crt.cite(str(crt.figures()["figure_id"].iloc[0]), format="apa")


def test_citation_cff_agrees_with_the_package_citation():
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    (package,) = json.loads(crt.cite(format="csl-json"))
    assert cff["title"] == package["title"]
    assert cff["version"] == package["version"] == crt.__version__
    assert [author["name"] for author in cff["authors"]] == [author["literal"] for author in package["author"]]
    assert cff["date-released"] == "-".join(f"{part:02d}" for part in package["issued"]["date-parts"][0])
    assert cff["type"] == package["type"] == "dataset"
