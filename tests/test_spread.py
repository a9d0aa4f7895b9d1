"""spread(): each figure's readings (its source and the references its relay checks read), by date, with where
the figure's reading departs; and the same list on the report's figure cards."""

from __future__ import annotations

import datetime
import re

import pytest

import china_russia_tools as crt
from china_russia_tools.report import spread_section
from china_russia_tools.spread import COLUMNS, readings
from corpus import S000, S003, require

D = datetime.date

# 003-f08, "8.8%" ("Russian exports to China fell by 8.8%"), read off annotations/003_c75e6f810a717f86.yaml
# (checks 003-c10, 003-c11, 003-c33, 003-c53, 003-c70, 003-c76, 003-c79, 003-c85, 003-c90, 003-c94) and
# annotations/references.yaml (publisher, published). Charter 97, the report it copies, reverses the flows as
# the article does; of the relays of Reuters, the Kyiv Independent, The Moscow Times, nova.bg, t-online and
# Corriere del Ticino give them the other way round, censor.net (in Charter 97's words) as the article does,
# and capital.ua too but with no period (unverified); so Reuters' own reading is not known and the departure
# is not placed: departs_at is null and no row is marked (docs/annotation-guide.md, Chains). t-online and
# Corriere del Ticino give The Moscow Times' figures, flows as in it.
# fakty.com.ua and bin.ua give the flow's change in dollar terms, another basis. The source's date is its earliest,
# 2025-09-08 (the first report of the August figures it gives); on a tie the source comes after the reports of
# that day, which sort by publisher as written (capitals first).
F08 = [
    ("charter97-2025-09-08", D(2025, 9, 8), "Charter 97",
     '"Российский экспорт в КНР упал на 8,8%" (Russian exports to China fell 8.8%), January-August 2025',
     "003-c33", "consistent", None, True, False),
    ("cdt-2025-09-08", D(2025, 9, 8), "Corriere del Ticino",
     '"Da gennaio ad agosto, le esportazioni cinesi verso la Russia sono diminuite dell\'8,8% attestandosi a 64,8 '
     'miliardi di dollari" (from January to August Chinese exports to Russia fell 8.8% to 64.8 billion dollars)',
     "003-c90", "discrepancy", "direction", False, False),
    ("ki-2025-09-08", D(2025, 9, 8), "The Kyiv Independent",
     "China's exports to Russia fell 8.8% over January-August 2025", "003-c10", "discrepancy", "direction", False,
     False),
    ("mt-2025-09-08", D(2025, 9, 8), "The Moscow Times",
     "China's exports to Russia fell 8.8% to US$64.8 billion over January-August 2025", "003-c11", "discrepancy",
     "direction", False, False),
    ("bin-2025-09-08", D(2025, 9, 8), "bin.ua",
     '"імпорт російської продукції в КНР знизився на 9,1%, до $79 млрд" (imports of Russian products into the PRC '
     "fell 9.1%, to $79 billion), January-August 2025, a change of the amount in US dollars", "003-c94",
     "unverified", None, False, False),
    ("censor-2025-09-08", D(2025, 9, 8), "censor.net",
     '"Російський експорт до Китаю впав на 8,8%" (Russian exports to China fell 8.8%), over eight months of 2025',
     "003-c70", "consistent", None, False, False),
    ("fakty-2025-09-08", D(2025, 9, 8), "fakty.com.ua",
     '"імпорт російських товарів до КНР впав на 9,1% – до $79 млрд" (imports of Russian goods into the PRC fell '
     "9.1%, to $79 billion), January-August 2025, a change of the amount in US dollars", "003-c79", "unverified",
     None, False, False),
    ("nova-2025-09-08", D(2025, 9, 8), "nova.bg",
     '"китайският износ към Русия е намалял с 8,8%" (China\'s exports to Russia fell 8.8%), the first eight months '
     "of the year", "003-c53", "discrepancy", "direction", False, False),
    ("tonline-2025-09-08", D(2025, 9, 8), "t-online",
     '"Von Januar bis August gingen Chinas Exporte nach Russland um 8,8 Prozent auf 64,8 Milliarden US-Dollar '
     'zurück" (from January to August China\'s exports to Russia fell 8.8% to 64.8 billion US dollars)', "003-c85",
     "discrepancy", "direction", False, False),
    (S003, D(2025, 9, 8), "sportstvnewsnetwork.com", "8.8%", None, None, None, True, False),
    ("capital-2025-09-09", D(2025, 9, 9), "capital.ua",
     '"російський експорт до КНР впав на 8,8%" (Russian exports to the PRC fell 8.8%)', "003-c76", "unverified",
     None, False, False),
]


def rows(figure_id: str) -> list[tuple]:
    return [tuple(row[name] for name in COLUMNS) for row in readings(figure_id)]


def test_a_figure_whose_upstream_relays_disagree_is_listed_with_no_departure_marked():
    require(S003)
    assert rows("003-f08") == F08


def test_a_figure_that_departs_in_its_source_is_marked_there():
    require(S000)
    # 000-f02, "£68 million": the Financial Times report it relays gives "$68mn" (000-c03), and the Ukrainian
    # World Congress, bnnbreaking.com, OBOZ.UA, my.ua ("68 миллионов долларов") and the Daum page ("6839만달러")
    # give the same amount in dollars (000-c10, 000-c17, 000-c22, 000-c28, 000-c34); the source departs itself.
    # Its earliest date is the FT report's, 2024-01-02, and on a tie the source comes after the references, since
    # it was published on or after that date; its publisher is not known.
    assert [(row[0], row[1], row[2], row[4], row[5], row[6], row[7], row[8]) for row in rows("000-f02")] == [
        ("ft-2024-01-02", D(2024, 1, 2), "Financial Times", "000-c03", "discrepancy", "currency", True, False),
        ("bnn-2024-01-02", D(2024, 1, 2), "bnnbreaking.com", "000-c17", "discrepancy", "currency", False, False),
        ("myua-2024-01-02", D(2024, 1, 2), "my.ua", "000-c28", "discrepancy", "currency", False, False),
        (S000, D(2024, 1, 2), None, None, None, None, True, True),
        ("daum-2024-01-03", D(2024, 1, 3), "Daum News (v.daum.net)", "000-c34", "discrepancy", "currency", False,
         False),
        ("obozrevatel-2024-01-03", D(2024, 1, 3), "OBOZ.UA", "000-c22", "discrepancy", "currency", False, False),
        ("uwc-2024-01-04", D(2024, 1, 4), "Ukrainian World Congress", "000-c10", "discrepancy", "currency", False,
         False),
    ]


@pytest.mark.parametrize("backend", ["pandas", "polars", "pyarrow"])
def test_spread_gives_the_rows_in_every_backend(backend: str):
    require(S003)
    table = crt.spread("003-f08", backend=backend)
    if backend == "pandas":
        assert list(table.columns) == list(COLUMNS)
        assert table["status"].dtype.name == "category" and table["published"].iloc[0].date() == D(2025, 9, 8)
        assert table["check_id"].tolist()[:3] == ["003-c33", "003-c90", "003-c10"]
    else:
        assert list(table.column_names if backend == "pyarrow" else table.columns) == list(COLUMNS)
        documents = table["document"].to_pylist() if backend == "pyarrow" else table["document"].to_list()
        assert documents == [row[0] for row in F08]


def test_spread_takes_only_a_figure_id():
    with pytest.raises(crt.UnknownIdError, match=r"^spread takes a figure id; 'china' is a row of the entities table$"):
        crt.spread("china")
    with pytest.raises(crt.UnknownIdError, match=r"^no .* has the id '003-f99'; did you mean 003-f09"):
        crt.spread("003-f99")


def test_the_report_card_lists_the_readings_and_marks_where_they_depart():
    require(S003)
    section = spread_section("003-f08")
    assert section.startswith('<details class="spread"><summary>Readings (11)</summary><table>')
    cells = re.findall(r"<tr><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td><td>.*?</td><td>(.*?)</td></tr>", section)
    assert cells == [
        ("<code>charter97-2025-09-08</code>", "2025-09-08", "Charter 97", "✓ consistent, 003-c33"),
        ("<code>cdt-2025-09-08</code>", "2025-09-08", "Corriere del Ticino", "⚠ discrepancy (direction), 003-c90"),
        ("<code>ki-2025-09-08</code>", "2025-09-08", "The Kyiv Independent", "⚠ discrepancy (direction), 003-c10"),
        ("<code>mt-2025-09-08</code>", "2025-09-08", "The Moscow Times", "⚠ discrepancy (direction), 003-c11"),
        ("<code>bin-2025-09-08</code>", "2025-09-08", "bin.ua", "? unverified, 003-c94"),
        ("<code>censor-2025-09-08</code>", "2025-09-08", "censor.net", "✓ consistent, 003-c70"),
        ("<code>fakty-2025-09-08</code>", "2025-09-08", "fakty.com.ua", "? unverified, 003-c79"),
        ("<code>nova-2025-09-08</code>", "2025-09-08", "nova.bg", "⚠ discrepancy (direction), 003-c53"),
        ("<code>tonline-2025-09-08</code>", "2025-09-08", "t-online", "⚠ discrepancy (direction), 003-c85"),
        (f"<code>{S003}</code>", "on or after 2025-09-08", "sportstvnewsnetwork.com", "the figure's source"),
        ("<code>capital-2025-09-09</code>", "2025-09-09", "capital.ua", "? unverified, 003-c76"),
    ]
    # 000-f02 departs in its source, which the card marks.
    assert '<code>000_b9924b3dcfb55283</code> <strong>departs here</strong>' in spread_section("000-f02")
