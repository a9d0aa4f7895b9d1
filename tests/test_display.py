"""show(id) and shown(id): a row marked in its sentence, as plain text and as HTML."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

import china_russia_tools as crt
from china_russia_tools.display import show, shown
from china_russia_tools.errors import DataError, UnknownIdError
from china_russia_tools.marks import mark_css
from conftest import seed_text
from corpus import present, require_row
from minimal_project import (
    SEED,
    SEED_PATH,
)

SENTENCES = [pytest.param(facts.source_id, row_id, id=row_id)
             for facts in present().values() for row_id in facts.sentences]


def sentence(row_id: str, words: str) -> str:
    """The sentence around a published row (read off its seed by hand), with ``words`` in place of the row's."""
    return require_row(row_id).sentences[row_id].template.format(words)


def span(row_id: str):
    return require_row(row_id).spans[row_id]


@pytest.mark.parametrize("source_id, row_id", SENTENCES)
def test_the_sentences_are_the_seeds_own(source_id, row_id):
    facts = present()[source_id]
    where, words = facts.sentences[row_id], facts.spans[row_id]
    text = seed_text(source_id)
    assert text[words.start:words.end] == words.text
    assert text[where.start:where.end] == where.template.format(words.text)
    assert where.start <= words.start and words.end <= where.end


def test_figure_as_text():
    words, source_id = span("000-f02"), require_row("000-f02").source_id
    lines = str(shown("000-f02")).splitlines()
    assert lines[0] == sentence("000-f02", f"⟦{words.text}⟧")
    assert lines[1:3] == ["", "verdicts: relay ⚠ discrepancy, data ? unverified"]
    assert lines[3:25] == [
        "figure_id: 000-f02",
        f"source_id: {source_id}",
        f"char_start: {words.start}",
        f"char_end: {words.end}",
        f"text: {words.text}",
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
        "product_id: cnc-machine-tools",
        "product_alternative_id: metalworking-machine-tools",
        "period_start: 2023-07-01",
        "period_end: 2023-07-31",
        "period_text: in July",
        "period_inferred: true",
        "attributed_to: russian-customs",
    ]
    # Who relayed whom: the article, the Financial Times report, the Russian customs returns it read.
    # The article is where the reading departs: its report gives dollars.
    assert lines[-16:-13] == [
        "report_id: ft-2024-01-02",
        "report_inferred: true",
        "series_id: ru-customs-imports-from-cn-cnc-machine-tools",
    ]
    assert lines[-13].startswith("series_note: The article writes pounds where its report")
    assert lines[-12].startswith("note: Year not stated (inferred).")
    assert lines[-11:] == [
        f"chain: {require_row('000-f02').source_id} > ft-2024-01-02 > russian-customs",
        f"departs_at: {require_row('000-f02').source_id}",
        "relay_status: discrepancy",
        "data_status: unverified",
        "check_status: discrepancy",
        "check: 000-c03 relay question, reference check: discrepancy (currency)",
        "check: 000-c10 relay question, reference check: discrepancy (currency)",
        "check: 000-c17 relay question, reference check: discrepancy (currency)",
        "check: 000-c22 relay question, reference check: discrepancy (currency)",
        "check: 000-c28 relay question, reference check: discrepancy (currency)",
        "check: 000-c34 relay question, reference check: discrepancy (currency)",
    ]


def mention_as_text() -> str:
    """What ``str(shown("000-m17"))`` and ``show("000-m17")`` give, written out."""
    words, source_id = span("000-m17"), require_row("000-m17").source_id
    return "\n".join([
        sentence("000-m17", f"⟦{words.text}⟧"),
        "",
        "mention_id: 000-m17",
        "entity_id: russia",
        f"source_id: {source_id}",
        f"char_start: {words.start}",
        f"char_end: {words.end}",
        f"text: {words.text}",
        "metonym: true",
        "demonym: false",
    ])


def test_mention_as_text():
    assert str(shown("000-m17")) == mention_as_text()


def test_shown_has_a_short_repr():
    assert repr(shown("000-m17")) == f"<Shown mention 000-m17: {span('000-m17').text!r}>"


def test_quote_as_text():
    words, source_id = span("003-q04"), require_row("003-q04").source_id
    lines = str(shown("003-q04")).splitlines()
    assert lines[0] == sentence("003-q04", f"⟦{words.text}⟧")
    assert lines[2:10] == [
        "verdicts: relay ✓ consistent",  # a quote's check_status is the verdict on its relay
        "quote_id: 003-q04",
        f"source_id: {source_id}",
        f"char_start: {words.start}",
        f"char_end: {words.end}",
        f"text: {words.text}",
        "kind: direct",
        "speaker_id: xi-jinping",
    ]
    # The Moscow Times quotes the same words (003-c14); Xi's sentence goes on past them (003-c28); vg.hu gives
    # them in Hungarian (003-c39), and a copy of the wire The Moscow Times follows in English (003-c64).
    assert lines[-5:] == ["check_status: consistent", "check: 003-c14 relay question, reference check: consistent",
                          "check: 003-c28 relay question, reference check: consistent",
                          "check: 003-c39 relay question, reference check: consistent",
                          "check: 003-c64 relay question, reference check: consistent"]


def test_mention_as_html():
    words, source_id = span("000-m17"), require_row("000-m17").source_id
    marked = f'<mark class="crt-mark" data-layer="mention" data-id="000-m17" tabindex="0">{words.text}</mark>'
    assert shown("000-m17")._repr_html_() == (
        f'<div class="crt-show"><style>{mark_css()}</style><p class="crt-sentence">{sentence("000-m17", marked)}</p>'
        '<table class="crt-fields"><tr><th>mention_id</th><td>000-m17</td></tr>'
        "<tr><th>entity_id</th><td>russia</td></tr>"
        f"<tr><th>source_id</th><td>{source_id}</td></tr><tr><th>char_start</th><td>{words.start}</td></tr>"
        f"<tr><th>char_end</th><td>{words.end}</td></tr><tr><th>text</th><td>{words.text}</td></tr>"
        "<tr><th>metonym</th><td>true</td></tr><tr><th>demonym</th><td>false</td></tr></table></div>"
    )


def test_figure_and_quote_as_html():
    words = span("000-f02")
    figure = shown("000-f02")._repr_html_()
    marked = (f'<mark class="crt-mark" data-layer="figure" data-id="000-f02" tabindex="0" data-relay="discrepancy" '
              'data-data="unverified" title="figure 000-f02: relay ⚠ discrepancy, data ? unverified">'
              f"{words.text}</mark>")
    assert f'<p class="crt-sentence">{sentence("000-f02", marked)}</p>' in figure
    assert "<tr><th>value</th><td>68,000,000</td></tr>" in figure
    words = span("003-q04")
    quote = shown("003-q04")._repr_html_()
    assert (
        'both countries “<mark class="crt-mark" data-layer="quote" data-id="003-q04" tabindex="0" '
        f'data-relay="consistent" title="quote 003-q04: relay ✓ consistent">{words.text}</mark>.”</p>'
    ) in quote


def test_check_id_shows_what_it_checks():
    require_row("000-c03")
    assert shown("000-c03").mark.row_id == "000-f02"
    assert shown("000-c07").mark.row_id == "000-q01"


def test_id_of_another_table():
    with pytest.raises(UnknownIdError) as caught:
        shown("china")
    assert str(caught.value) == (
        "'china' is a row of entities; show() and shown() take a figure, mention, quote or check id"
    )


def test_show_prints_the_marked_sentence_and_returns_none(capsys):
    assert show("000-m17") is None
    assert capsys.readouterr() == (mention_as_text() + "\n", "")


def test_show_displays_html_in_a_notebook(monkeypatch, capsys):
    displayed = []
    kernel = SimpleNamespace(kernel=object())
    monkeypatch.setitem(sys.modules, "IPython", SimpleNamespace(get_ipython=lambda: kernel))
    monkeypatch.setitem(sys.modules, "IPython.display",
                        SimpleNamespace(display=lambda data, raw: displayed.append((data, raw))))
    assert show("000-m17") is None
    assert displayed == [({"text/html": shown("000-m17")._repr_html_(), "text/plain": mention_as_text()}, True)]
    assert capsys.readouterr() == ("", "")


def test_show_prints_in_ipython_without_a_kernel(monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "IPython", SimpleNamespace(get_ipython=lambda: SimpleNamespace()))
    show("000-m17")
    assert capsys.readouterr().out == mention_as_text() + "\n"


def test_show_of_an_altered_seed_never_prints_the_altered_words(installed: Path):
    (installed / SEED_PATH).write_text(SEED.replace("£68 million", "£69 million"), encoding="utf-8")
    with pytest.raises(DataError, match=f"^{re.escape(str(installed / SEED_PATH))}: "):
        crt.show("100-f01")
