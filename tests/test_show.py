"""show(id): a row marked in its sentence, as plain text and as HTML."""

from __future__ import annotations

import pytest

from china_russia_tools.errors import UnknownIdError
from china_russia_tools.marks import MARK_CSS
from china_russia_tools.sentence import sentence_bounds, show
from conftest import seed_text

# Read off the seeds by hand: the sentences around 000-f02, 000-m17 and 003-q04.
SENTENCE_000_F02 = (
    "Russian customs reports indicate a notable uptick, with Chinese manufacturers shipping {}"
    " worth of equipment in July, compared to £6.5 million in February 2022, when Russia initiated the full-scale invasion."
)
SENTENCE_000_M17 = "The report also suggests that {} has continued importing considerable amounts of equipment from Taiwan and South Korea."
SENTENCE_003_Q04 = (
    "Chinese President Xi Jinping has repeatedly emphasized their alignment, stating that both countries “{}.”"
)


def test_the_sentences_are_the_seeds_own():
    text = seed_text("000_b9924b3dcfb55283")
    assert text[693:704] == "£68 million"
    assert text[606:822] == SENTENCE_000_F02.format("£68 million")
    assert text[1305:1428] == SENTENCE_000_M17.format("Moscow")
    quote = "have consistently moved forward hand-in-hand along the correct path of non-alignment"
    assert seed_text("003_c75e6f810a717f86")[2034:2221] == SENTENCE_003_Q04.format(quote)


def test_figure_as_text():
    lines = str(show("000-f02")).splitlines()
    assert lines[0] == SENTENCE_000_F02.format("⟦£68 million⟧")
    assert lines[1] == ""
    assert lines[2:23] == [
        "figure_id: 000-f02",
        "source_id: 000_b9924b3dcfb55283",
        "char_start: 693",
        "char_end: 704",
        "text: £68 million",
        "value: 68,000,000",
        "value_low: 68,000,000",
        "value_high: 68,000,000",
        "unit: GBP",
        "approximation: exact",
        "measure: trade_value",
        "statistic: level",
        "flow_from: china",
        "flow_to: russia",
        "product: machine tools",
        "product_id: metalworking-machine-tools",
        "period_start: 2023-07-01",
        "period_end: 2023-07-31",
        "period_text: in July",
        "period_inferred: true",
        "attributed_to: russian-customs",
    ]
    assert lines[-3:] == [
        "check_status: discrepancy",
        "check: 000-c03 reference check: discrepancy (currency)",
        "check: 000-c10 reference check: discrepancy (currency)",
    ]


def test_mention_as_text():
    assert str(show("000-m17")) == "\n".join([
        SENTENCE_000_M17.format("⟦Moscow⟧"),
        "",
        "mention_id: 000-m17",
        "entity_id: russia",
        "source_id: 000_b9924b3dcfb55283",
        "char_start: 1335",
        "char_end: 1341",
        "text: Moscow",
        "metonym: true",
        "demonym: false",
    ])


def test_quote_as_text():
    lines = str(show("003-q04")).splitlines()
    quote = "have consistently moved forward hand-in-hand along the correct path of non-alignment"
    assert lines[0] == SENTENCE_003_Q04.format(f"⟦{quote}⟧")
    assert lines[2:9] == [
        "quote_id: 003-q04",
        "source_id: 003_c75e6f810a717f86",
        "char_start: 2135",
        "char_end: 2219",
        f"text: {quote}",
        "kind: direct",
        "speaker_id: xi-jinping",
    ]
    assert lines[-2:] == ["check_status: consistent", "check: 003-c14 reference check: consistent"]


def test_mention_as_html():
    assert show("000-m17")._repr_html_() == (
        f'<div class="crt-show"><style>{MARK_CSS}</style><p class="crt-sentence">The report also suggests that '
        '<mark class="crt-mark" data-layer="mention" data-id="000-m17" tabindex="0">Moscow</mark> has continued importing '
        "considerable amounts of equipment from Taiwan and South Korea.</p>"
        '<table class="crt-fields"><tr><th>mention_id</th><td>000-m17</td></tr><tr><th>entity_id</th><td>russia</td></tr>'
        "<tr><th>source_id</th><td>000_b9924b3dcfb55283</td></tr><tr><th>char_start</th><td>1335</td></tr>"
        "<tr><th>char_end</th><td>1341</td></tr><tr><th>text</th><td>Moscow</td></tr>"
        "<tr><th>metonym</th><td>true</td></tr><tr><th>demonym</th><td>false</td></tr></table></div>"
    )


def test_figure_and_quote_as_html():
    figure = show("000-f02")._repr_html_()
    assert (
        '<p class="crt-sentence">Russian customs reports indicate a notable uptick, with Chinese manufacturers shipping '
        '<mark class="crt-mark" data-layer="figure" data-id="000-f02" tabindex="0" data-check="discrepancy">£68 million</mark>'
        " worth of equipment in July, compared to £6.5 million in February 2022, when Russia initiated the full-scale invasion.</p>"
    ) in figure
    assert "<tr><th>value</th><td>68,000,000</td></tr>" in figure
    quote = show("003-q04")._repr_html_()
    assert (
        'both countries “<mark class="crt-mark" data-layer="quote" data-id="003-q04" tabindex="0" data-check="consistent">'
        "have consistently moved forward hand-in-hand along the correct path of non-alignment</mark>.”</p>"
    ) in quote


def test_check_id_shows_what_it_checks():
    assert show("000-c03").mark.row_id == "000-f02"
    assert show("000-c07").mark.row_id == "000-q01"


def test_unknown_id_suggests_close_ids():
    with pytest.raises(UnknownIdError, match=r"'000-f2'; did you mean 000-f02, 003-f02, 000-q02\?$"):
        show("000-f2")


def test_id_of_another_table():
    with pytest.raises(UnknownIdError) as caught:
        show("china")
    assert str(caught.value) == "'china' is a row of entities; show() takes a figure, mention, quote or check id"


@pytest.mark.parametrize(
    ("span", "bounds"),
    [
        ((5, 8), (5, 15)),     # "Two" in "Two three."
        ((9, 20), (5, 21)),    # "three. Four" runs over a break: both sentences are kept
        ((23, 27), (23, 27)),  # after a blank line
        ((0, 3), (0, 4)),
    ],
)
def test_sentence_bounds_never_cut_the_span(span, bounds):
    text = "One. Two three. Four.\n\nFive"
    assert sentence_bounds(text, *span) == bounds
