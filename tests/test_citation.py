"""cite(): plain text, BibTeX and CSL-JSON for rows, sources, references, DataFrames and the package."""

from __future__ import annotations

import json
import re
import warnings
from pathlib import Path

import bibtexparser
import pandas as pd
import pytest
import yaml
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON

import china_russia_tools as crt
from china_russia_tools import registry
from china_russia_tools.errors import (
    CitationError,
    UnknownIdError,
)
from conftest import ROOT, run, seed_text, suggested
from corpus import REFERENCES, S000, S003, figure, present, require, require_row


def test_text_citation_of_a_figure_gives_its_words_and_position():
    facts = require_row("000-f02")
    span = facts.spans["000-f02"]
    # "£68 million" starts at code point 693 of the seed and is 11 code points long.
    assert seed_text(facts.source_id)[span.start:span.end] == span.text
    lines = crt.cite("000-f02").splitlines()
    assert lines[0] == (
        f"“{span.text}” (000-f02), {facts.title} (accessed 2026-11-23) [{facts.source_id}], code points "
        f"{span.start}–{span.end}; "
        f"china-russia-tools {crt.__version__}."
    )
    # Seed 000 names no outlet and its address is not known; it was read on 2026-11-23 (release 0.1.0).
    assert lines[1].startswith(
        f"“{facts.title}”. News article, published between {facts.published_earliest} and 2024-01-31. "
        f"Accessed 2026-11-23. Source text {facts.source_id}, SHA-256 {facts.sha256};"
    )
    assert lines[2] == crt.cite()


SPORTSTV = "https://sportstvnewsnetwork.com/world/china-limits-high-tech-exports-to-russia-undermining-kremlins-defense"


def test_a_source_cites_its_publisher_address_and_access_date():
    facts = require(S003)
    assert crt.cite(S003).splitlines()[0] == (
        f"“{facts.title}”. Editorial. sportstvnewsnetwork.com. News article, published between 2025-09-08 and "
        f"2025-12-31. {SPORTSTV}; accessed 2026-11-23. Source text {S003}, SHA-256 {facts.sha256}; in "
        f"china-russia-tools {crt.__version__}."
    )
    # 003-f08, "8.8%" at code points 1645-1649 of the seed.
    assert crt.cite("003-f08").splitlines()[0] == (
        f"“8.8%” (003-f08), {facts.title}, sportstvnewsnetwork.com, {SPORTSTV} (accessed 2026-11-23) [{S003}], "
        f"code points 1645–1649; china-russia-tools {crt.__version__}."
    )
    source = json.loads(crt.cite("003-f08", format="csl-json"))[0]
    assert (source["id"], source["container-title"], source["URL"], source["accessed"]) == (
        "003-f08", "sportstvnewsnetwork.com", SPORTSTV, {"date-parts": [[2026, 11, 23]]})
    assert render([source])[0] == (
        f"Editorial (2025) “{facts.title}”, sportstvnewsnetwork.com. Available at: {SPORTSTV} "
        "(Accessed: November 23, 2026)."
    )
    with pytest.raises(UserWarning, match="unsupported: bogus_field"):  # render() refuses a warning
        render([{**source, "bogus-field": "x"}])
    entry = bibtexparser.parse_string(crt.cite("003-f08", format="bibtex")).entries[0]
    assert (entry.entry_type, entry["journal"], entry["url"], entry["urldate"]) == (
        "article", "sportstvnewsnetwork.com", SPORTSTV, "2026-11-23")


def test_two_rows_of_one_source_cite_under_their_own_keys():
    require_row("000-f01")
    require_row("000-f02")
    first, second = (json.loads(crt.cite(row, format="csl-json"))[0] for row in ("000-f01", "000-f02"))
    assert (first["id"], second["id"]) == ("000-f01", "000-f02")
    assert first["title"] == second["title"] == present()[S000].title
    # A check cites the words it checks, under their row's key.
    require_row("003-c10")
    assert json.loads(crt.cite("003-c10", format="csl-json"))[0]["id"] == "003-f08"


def test_a_frame_without_its_source_column_lists_each_source_once():
    figures = crt.figures()
    items = json.loads(crt.cite(figures[["figure_id", "value"]], format="csl-json"))
    assert [item["id"] for item in items] == [*sorted(present()), "china-russia-tools"]
    checks = crt.checks()
    lines = crt.cite(checks[checks["figure_id"] == "003-f08"][["check_id"]]).splitlines()
    assert lines[0] == crt.cite(S003).splitlines()[0]


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
    assert (source.entry_type, source.key) == ("misc", "000-f02")
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


def render(items: list[dict]) -> list[str]:
    """The bibliography citeproc-py renders from CSL items; any warning it gives (an unsupported variable or
    type, a malformed date) fails the test."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        style = CitationStylesStyle("harvard-cite-them-right", validate=False)
        bibliography = CitationStylesBibliography(style, CiteProcJSON(items), formatter.plain)
        for item in items:
            bibliography.register(Citation([CitationItem(item["id"])]))
        return [str(entry) for entry in bibliography.bibliography()]


@pytest.mark.parametrize(
    "target", ["000-f02", "003-f08", "003-q04", "003-c13", "ki-2025-09-08", S000, S003, "china", None]
)
def test_csl_json_renders_with_a_citation_processor(target):
    if target in (S000, S003):
        require(target)
    elif target and target[:3].isdigit():
        require_row(target)
    items = json.loads(crt.cite(target, format="csl-json"))
    rendered = render(items)
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


def test_cite_of_an_unknown_id():
    # The words of the message are asserted in test_show_and_cite_suggest_the_closest_ids.
    with pytest.raises(UnknownIdError) as raised:
        crt.cite("000-f99")
    assert "'000-f99'" in str(raised.value) and suggested(raised.value, "000-f99")


@pytest.fixture
def small_index(installed: Path):
    """The small project as the installed data, with the index of ids that cite() and show() use rebuilt."""
    from china_russia_tools import citation

    citation._rows_by_id.cache_clear()
    yield installed
    citation._rows_by_id.cache_clear()


def test_show_and_cite_suggest_the_closest_ids(small_index: Path):
    # The small project's ids: 100-f01..f03, 100-m01..m03, 100-q01, 100-c01.
    # The one test of the message's words.
    message = f"no {registry.kinds_of_id()} has the id '100-f04'; did you mean 100-f03, 100-f02, 100-f01?"
    with pytest.raises(UnknownIdError, match=f"^{re.escape(message)}$"):
        crt.cite("100-f04")
    with pytest.raises(UnknownIdError) as raised:
        crt.show("100-q1")
    assert suggested(raised.value, "100-q1") == ["100-q01", "100-m01", "100-f01"]


def test_a_look_alike_id_is_shown_with_its_odd_character_named():
    with pytest.raises(crt.UnknownIdError) as raised:
        crt.cite("000-f\u041e2")
    assert "'000-f\\u041e2' (U+041E CYRILLIC CAPITAL LETTER O at 5; ids are ASCII)" in str(raised.value)
    assert suggested(raised.value, "000-f\u041e2") == ["000-f02", "003-f02", "000-q02"]


@pytest.mark.parametrize("fmt", ["bibtex", "csl-json"])
def test_an_entity_cites_in_every_format(fmt: str):
    cited = crt.cite("china", format=fmt)
    if fmt == "bibtex":
        assert cited.startswith("@misc{china,\n  title = {{China}},\n")
    else:
        import json

        item = json.loads(cited)[0]
        assert (item["id"], item["type"], item["title"]) == ("china", "entry", "China")
        assert item["note"] == crt.records("entities")[[e["entity_id"] for e in crt.records("entities")].index(
            "china")]["citation"]


def test_an_entity_citation_carries_its_qid():
    assert crt.cite("soviet-union").splitlines()[0] == (
        f"Soviet Union (entity soviet-union; Wikidata Q15180), entities table of china-russia-tools {crt.__version__}."
    )
    assert crt.cite("financial-times").splitlines()[0] == (
        f"Financial Times (entity financial-times), entities table of china-russia-tools {crt.__version__}."
    )


def test_a_row_is_cited_by_its_own_id():
    figures, checks = crt.figures(), crt.checks()
    assert crt.cite(figures[figures["figure_id"] == "000-f02"].iloc[0]) == crt.cite("000-f02")
    assert crt.cite(checks.iloc[0]) == crt.cite(checks["check_id"].iloc[0])  # not the figure it holds
    discrepancy = crt.discrepancies().iloc[0]
    assert crt.cite(discrepancy, format="bibtex") == crt.cite(discrepancy["check_id"], format="bibtex")


def test_a_row_without_an_id_is_refused():
    row = crt.figures()[["value", "unit"]].iloc[0]
    message = (
        "the row holds no row id to cite it by (one of: source_id, entity_id, reference_id, product_id, "
        "product_code_id, series_id, observation_id, mention_id, figure_id, quote_id, check_id, correction_id)"
    )
    with pytest.raises(CitationError, match=f"^{re.escape(message)}$"):
        crt.cite(row)


def test_an_empty_frame_is_refused():
    with pytest.raises(CitationError, match="^the DataFrame has no rows; there is nothing to cite$"):
        crt.cite(crt.figures().iloc[:0])


def test_a_frame_without_ids_is_refused():
    message = (
        "the DataFrame has no column to cite its rows by (one of: source_id, entity_id, reference_id, product_id, "
        "product_code_id, series_id, observation_id, mention_id, figure_id, quote_id, check_id, correction_id); "
        "keep one when selecting columns"
    )
    with pytest.raises(CitationError, match=f"^{re.escape(message)}$"):
        crt.cite(crt.figures()[["value", "unit"]])


def test_entities_are_cited_row_by_row():
    entities = crt.entities()
    lines = crt.cite(entities).splitlines()
    assert lines == [*entities["citation"], crt.cite()]
    first = entities.iloc[0]
    assert lines[0] == (f"{first['name']} (entity {first['entity_id']}"
                        f"{'; Wikidata ' + first['wikidata_id'] if pd.notna(first['wikidata_id']) else ''}), "
                        f"entities table of china-russia-tools {crt.__version__}.")


def test_a_case_insensitive_match_is_suggested_first(capsys):
    with pytest.raises(UnknownIdError) as raised:
        crt.cite("000-F02")
    assert suggested(raised.value, "000-F02")[0] == "000-f02"
    code, out, err = run(capsys, "cite", "000-F02")
    assert (code, out) == (1, "") and err.startswith(f"error: {raised.value}") and err.count("\n") == 1


@pytest.mark.parametrize("target", ["000-f02", "ft-2024-01-02", None])
def test_bibtex_keys_are_the_csl_ids(target):
    keys = re.findall(r"^@\w+\{([^,]+),$", crt.cite(target, format="bibtex"), re.M)
    assert keys == [item["id"] for item in json.loads(crt.cite(target, format="csl-json"))]
    assert keys[-1] == "china-russia-tools"


def test_the_package_citation_gives_the_release_date_of_citation_cff():
    import yaml

    released = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))["date-released"]
    assert f"Version {crt.__version__}, released {released}." in crt.cite()
