"""marks.py: marks nested and continued in HTML, a row whose span differs from its words refused, and
each layer's style taken from the registry (a new layer gets the default)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import china_russia_tools as crt
from china_russia_tools import registry
from china_russia_tools.errors import DataError
from china_russia_tools.marks import Mark, asset, mark_css, mark_html
from china_russia_tools.report import toggle_css
from conftest import needs
from minimal_project import SEED_PATH, forge


@pytest.mark.slow  # builds and installs the small project
def test_show_and_the_report_refuse_a_forged_span(installed: Path, tmp_path: Path):
    from china_russia_tools import citation

    forge(installed, "figures", "100-f01", char_start=52, char_end=63)
    citation._rows_by_id.cache_clear()
    text = (installed / SEED_PATH).read_text(encoding="utf-8")
    message = (
        f"figure 100-f01: text '£68 million' differs from code points 52-63 of source 100_0123456789abcdef, "
        f"{text[52:63]!r}; the data was changed after the build (reinstall the package; in a checkout, run "
        "`china-russia-tools build`)"
    )
    with pytest.raises(DataError, match=f"^{re.escape(message)}$"):
        crt.show("100-f01")
    needs("matplotlib")
    from china_russia_tools.report import write_report

    with pytest.raises(DataError, match=f"^{re.escape(message)}$"):
        write_report(tmp_path / "report")
    assert not (tmp_path / "report").exists()


def mark(layer: str, row_id: str, start: int, end: int) -> Mark:
    return Mark(layer, row_id, "s", start, end, "", (), ())


def test_nested_marks_share_ends_and_starts():
    text = "Moscow said £5 more"
    marks = [mark("mention", "m1", 0, 6), mark("figure", "f1", 12, 14), mark("quote", "q1", 0, 14)]
    assert mark_html(text, marks, anchors=False) == (
        '<mark class="crt-mark" data-layer="quote" data-id="q1" tabindex="0">'
        '<mark class="crt-mark" data-layer="mention" data-id="m1" tabindex="0">Moscow</mark> said '
        '<mark class="crt-mark" data-layer="figure" data-id="f1" tabindex="0">£5</mark></mark> more'
    )


def test_equal_spans_nest_quote_figure_mention():
    marks = [mark("mention", "m1", 2, 4), mark("quote", "q1", 2, 4), mark("figure", "f1", 2, 4)]
    assert mark_html("a <b> c", marks, offset=0) == (
        'a <mark class="crt-mark" data-layer="quote" id="q1" aria-describedby="row-q1" data-id="q1" tabindex="0">'
        '<mark class="crt-mark" data-layer="figure" id="f1" aria-describedby="row-f1" data-id="f1" tabindex="0">'
        '<mark class="crt-mark" data-layer="mention" id="m1" aria-describedby="row-m1" data-id="m1" tabindex="0">'
        "&lt;b</mark></mark></mark>&gt; c"
    )


def test_crossing_spans_continue_in_a_second_element():
    marks = [mark("quote", "q1", 0, 5), mark("mention", "m1", 3, 8)]
    assert mark_html("abcdefghij", marks, anchors=False) == (
        '<mark class="crt-mark" data-layer="quote" data-id="q1" tabindex="0">abc'
        '<mark class="crt-mark" data-layer="mention" data-id="m1" tabindex="0">de</mark></mark>'
        '<mark class="crt-mark" data-layer="mention" data-continues="m1">fgh</mark>ij'
    )


def test_offset_and_marks_outside_the_text():
    assert mark_html("xyz", [mark("figure", "f1", 11, 12)], offset=10, anchors=False) == (
        'x<mark class="crt-mark" data-layer="figure" data-id="f1" tabindex="0">y</mark>z'
    )
    with pytest.raises(ValueError, match=r"^f1 \(code points 12-14\) lies outside the text$"):
        mark_html("xyz", [mark("figure", "f1", 12, 14)], offset=10)


def rule(layer: str, declarations: str, pseudo: str = "") -> str:
    return f'mark.crt-mark[data-layer="{layer}"]{pseudo} {{ {declarations} }}\n'


def test_each_layer_is_drawn_as_its_registry_entry_says():
    css = mark_css()
    assert rule("quote", 'content: "["; color: #7a4a00; font-weight: bold;', "::before") in css
    assert rule("figure", "background: #dce9fb; box-shadow: inset 0 0 0 1.5px #0b4f9c;") in css
    assert rule("figure", 'content: "\\26A0"; color: #a3000f; font-size: 0.8em; vertical-align: super;',
                ':is([data-relay="discrepancy"], [data-data="discrepancy"])::after') in css
    # The data verdict sets the box, the relay verdict the underline.
    assert rule("figure", "box-shadow: none; border: 1.5px dashed #0b4f9c;", '[data-data="unverified"]') in css
    assert rule("figure", "background: #fde0e0; box-shadow: inset 0 0 0 2px #a3000f;",
                '[data-data="discrepancy"]') in css
    assert rule("quote", "text-decoration: underline wavy #a3000f 1.5px; text-underline-offset: 3px;",
                '[data-relay="discrepancy"]') in css
    assert "underline dotted #17652b" in css.split('data-layer="mention"] {')[1]
    assert 'data-layer="mention"][data-' not in css  # mentions are never checked


def test_no_two_layers_look_alike_and_the_shared_file_holds_no_layer():
    styles = [registry.table(name).style for name in registry.layers()]
    assert len({style.mark for style in styles}) == len(styles)
    assert "data-layer" not in asset("marks.css")


@pytest.fixture
def events(monkeypatch: pytest.MonkeyPatch) -> registry.Table:
    table = registry.Table("events", "layer", checked=True)
    monkeypatch.setitem(registry.REGISTRY, "events", table)
    return table


def test_a_new_layer_gets_the_default_style_legend_and_toggle(events: registry.Table):
    css = mark_css()
    assert rule("event", "background: #ececec; border-bottom: 2px dashed #3d3d3d;") in css
    wrong = '[data-data="discrepancy"]'
    assert rule("event", "background: #fde0e0; box-shadow: inset 0 0 0 2px #a3000f;", wrong) in css
    assert events.legend == "events"
    assert 'body:has(#show-event:not(:checked)) mark.crt-mark[data-layer="event"]' in toggle_css()


def test_a_layer_of_two_words_gets_a_valid_toggle_id(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setitem(registry.REGISTRY, "trade_events", registry.Table("trade_events", "layer"))
    assert registry.layer_names()["trade_events"] == "trade event"
    assert 'body:has(#show-trade-event:not(:checked)) mark.crt-mark[data-layer="trade event"]' in toggle_css()
