"""search(words) and the search command: the rows whose words match, ranked, on the small project of
minimal_project.py with two people added, so that every expected hit is known by hand."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import china_russia_tools as crt
from china_russia_tools import builder, registry
from china_russia_tools.errors import SearchError
from conftest import needs, run
from minimal_project import make_project

PEOPLE = """\
  - id: ildar-nuriyev
    name: Ildar Nuriyev
    entity_type: person
    country_code: RU
    wikidata_id: null
    description: Head of a maker of machine tools.
  - id: xi-jinping
    name: Xi Jinping
    entity_type: person
    country_code: CN
    wikidata_id: null
    description: President of China.
"""


@pytest.fixture
def people(tmp_path: Path) -> Iterator[Path]:
    """The small project, built with two more entities, the loader pointed at it (skipped, saying so,
    without the extra search)."""
    needs("rapidfuzz")
    needs("anyascii")
    root = make_project(tmp_path / "project")
    path = root / "annotations" / "entities.yaml"
    path.write_text(path.read_text(encoding="utf-8") + PEOPLE, encoding="utf-8")
    builder.write(root)
    crt.tables.use_data_dir(root)
    yield root
    crt.tables.use_data_dir(None)


def hits(words: str) -> list[tuple[str, str, float, str]]:
    found = crt.search(words)
    return list(zip(found["table"], found["id"], found["score"], found["words"], strict=True))


def test_the_searched_columns_are_text_columns_of_their_tables():
    for name in registry.searched():
        fields = {field["name"]: field["type"] for field in crt.tables.resource(name)["schema"]["fields"]}
        for column in registry.table(name).searched:
            assert fields.get(column) in ("string", "list"), (name, column)
    assert registry.searched() == ("entities", "references", "series", "mentions", "figures", "quotes")


@pytest.mark.slow
def test_exact_words_find_every_row_that_holds_them(people):
    # "lathes": the reference's title "Imports of lathes" and the product of figure 100-f03; references
    # come before figures in the registry, and rows of equal score keep that order.
    assert hits("lathes") == [
        ("references", "customs-2024-01-02", 100.0, "lathes"),
        ("figures", "100-f03", 100.0, "lathes"),
    ]
    # "Russia": the entity's name, the series' note "China's exports of machine tools to Russia." and the
    # mention 100-m02; not the mention 100-m03, whose words are "Moscow".
    assert hits("RUSSIA") == [
        ("entities", "russia", 100.0, "Russia"),
        ("series", "cn-exports-to-ru-machine-tools", 100.0, "Russia"),
        ("mentions", "100-m02", 100.0, "Russia"),
    ]


@pytest.mark.slow
def test_a_word_spelled_otherwise_scores_less_and_a_missing_word_counts_nothing(people):
    # "tool" against "tools": 2 * 4 / 9 of the letters agree, 88.9; with "machine" at 100, the mean is 850 / 9.
    assert hits("machine tool") == [
        ("entities", "ildar-nuriyev", pytest.approx(850 / 9), "machine; tools"),
        ("series", "cn-exports-to-ru-machine-tools", pytest.approx(850 / 9), "machine; tools"),
        ("figures", "100-f01", pytest.approx(850 / 9), "machine; tools"),
        ("figures", "100-f02", pytest.approx(850 / 9), "machine; tools"),
    ]
    # Each row holds one of the two words: half the score.
    assert hits("lathes Moscow") == [
        ("references", "customs-2024-01-02", 50.0, "lathes"),
        ("mentions", "100-m03", 50.0, "Moscow"),
        ("figures", "100-f03", 50.0, "lathes"),
    ]
    # "lathe" and "later" share 4 of 5 letters, 80: below the cutoff, so nothing.
    assert hits("later") == []


@pytest.mark.slow
def test_a_name_in_cyrillic_or_chinese_finds_its_entity(people):
    # Нуриев is "nuriev" in Latin letters; against "nuriyev", 2 * 6 / 13 of the letters agree.
    assert hits("Нуриев") == [("entities", "ildar-nuriyev", pytest.approx(1200 / 13), "Nuriyev")]
    # 习近平 is "XiJinPing": the two words "Xi Jinping" run together.
    assert hits("习近平") == [("entities", "xi-jinping", 100.0, "Xi Jinping")]


@pytest.mark.slow
def test_the_result_is_typed_and_carries_each_row_s_citation(people):
    found = crt.search("Нуриев")
    assert dict(found.dtypes.astype(str)) == {
        "table": "string", "id": "string", "score": "float64", "words": "string", "citation": "string"
    }
    assert found["citation"].tolist() == [
        f"Ildar Nuriyev (entity ildar-nuriyev), entities table of china-russia-tools {crt.__version__}."
    ]
    assert found["citation"][0] == crt.entities().set_index("entity_id").loc["ildar-nuriyev", "citation"]
    nothing = crt.search("zzzz")
    assert nothing.empty and dict(nothing.dtypes.astype(str)) == dict(found.dtypes.astype(str))


@pytest.mark.parametrize("words", ["", "  ", "?!", "—"])
def test_a_query_without_a_word_is_refused(words):
    needs("anyascii")
    with pytest.raises(SearchError) as raised:
        crt.search(words)
    assert str(raised.value) == f"nothing to search for in {words!r}: give one or more words"


def test_without_the_extra_the_error_says_what_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "rapidfuzz.fuzz", None)
    with pytest.raises(ImportError) as raised:
        crt.search("lathes")
    assert str(raised.value) == 'search needs rapidfuzz: pip install "china-russia-tools[search]"'


def test_the_function_stays_bound_over_its_submodule():
    import importlib

    importlib.import_module("china_russia_tools.search")
    assert callable(crt.search) and crt.search.__module__ == "china_russia_tools.search"


@pytest.mark.slow
def test_the_command_prints_a_table_of_the_hits(people, capsys):
    code, out, err = run(capsys, "search", "lathes", "--root", str(people))
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "table      id                 score words  citation",
        "references customs-2024-01-02 100.0 lathes Example Customs Office, “Imports of lathes”, 2024-01-02.",
        "figures    100-f03            100.0 lathes “57%” (100-f03), Lathe exports climb again [100_0123456789abcdef], "
        f"code points 142–145; china-russia-tools {crt.__version__}.",
        f"data: {people} (the checkout given by --root)",
    ]
    assert run(capsys, "search", "zzzz", "--root", str(people))[:2] == (
        0, f"no row's words match 'zzzz'\ndata: {people} (the checkout given by --root)\n"
    )
    assert run(capsys, "search", "?", "--root", str(people)) == (
        1, "", "error: nothing to search for in '?': give one or more words\n"
    )
