"""The marks' styles come from the registry: every layer has its own, a new layer gets the default."""

import pytest

from china_russia_tools import registry
from china_russia_tools.marks import asset, mark_css
from china_russia_tools.report import toggle_css


def rule(layer: str, declarations: str, pseudo: str = "") -> str:
    return f'mark.crt-mark[data-layer="{layer}"]{pseudo} {{ {declarations} }}\n'


def test_each_layer_is_drawn_as_its_registry_entry_says():
    css = mark_css()
    assert rule("quote", 'content: "["; color: #7a4a00; font-weight: bold;', "::before") in css
    assert rule("figure", "background: #dce9fb; box-shadow: inset 0 0 0 1.5px #0b4f9c;") in css
    assert rule("figure", 'content: "\\26A0"; color: #a3000f; font-size: 0.8em; vertical-align: super;',
                '[data-check="discrepancy"]::after') in css
    assert "underline dotted #17652b" in css.split('data-layer="mention"] {')[1]
    assert 'data-layer="mention"][data-check' not in css  # mentions are never checked


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
    wrong = '[data-check="discrepancy"]'
    assert rule("event", "background: #fde0e0; box-shadow: inset 0 0 0 2px #a3000f;", wrong) in css
    assert events.legend == "events"
    assert 'body:has(#show-event:not(:checked)) mark.crt-mark[data-layer="event"]' in toggle_css()
