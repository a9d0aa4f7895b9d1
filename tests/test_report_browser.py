"""The report opened from disk in headless Chromium: every row marked once, with its exact words."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

import china_russia_tools as crt
from china_russia_tools.report import write_report
from corpus import S000, S003, require

pytestmark = pytest.mark.slow

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")

if not CHROMIUM.exists():
    pytest.skip("no browser to open the report in: /usr/bin/chromium is absent (apt-get install chromium "
                "chromium-driver); these tests click through the report in it",
                allow_module_level=True)

LAYER_TABLES = {
    "figure": ("figures", "figure_id"), "mention": ("mentions", "mention_id"), "quote": ("quotes", "quote_id"),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("report")
    write_report(out)
    return out


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("screenshots")


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1280,900",
                     f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"):
        options.add_argument(argument)
    driver = webdriver.Chrome(options=options, service=webdriver.ChromeService(executable_path=str(CHROMEDRIVER)))
    yield driver
    driver.quit()


def screenshot(browser, path: Path, full_page: bool = True) -> None:
    """Save a PNG of the page; the whole page unless ``full_page`` is false."""
    shot = browser.execute_cdp_cmd("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": full_page})
    path.write_bytes(base64.b64decode(shot["data"]))
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def open_page(browser, path: Path) -> None:
    browser.get(path.as_uri())
    assert browser.execute_script("return document.readyState") == "complete"


MARKS_JS = """
return Array.from(document.querySelectorAll("mark[data-id]")).map(mark => ({
  layer: mark.dataset.layer, id: mark.dataset.id, text: mark.textContent,
  outer: mark.parentElement.closest("mark[data-id]")?.dataset.id ?? null,
  focusable: mark.tabIndex === 0, anchor: mark.id,
  relay: mark.dataset.relay ?? null, data: mark.dataset.data ?? null,
}));
"""


@pytest.mark.parametrize("source_id", sorted(crt.sources()["source_id"]))
def test_each_row_is_marked_once_with_its_words(browser, site, shots, tables, source_id):
    open_page(browser, site / f"{source_id}.html")
    marks = browser.execute_script(MARKS_JS)
    for layer, (table, id_column) in LAYER_TABLES.items():
        rows = tables[table][tables[table]["source_id"] == source_id]
        found = {mark["id"]: mark["text"] for mark in marks if mark["layer"] == layer}
        assert len([mark for mark in marks if mark["layer"] == layer]) == len(rows)  # a source may have none
        assert found == dict(zip(rows[id_column], rows["text"], strict=True))
        # Both verdicts of a figure; a quote's only verdict, on its relay, is its check_status; none of a mention.
        columns = {"figures": ("relay_status", "data_status"), "quotes": ("check_status", None)}
        relay, data = columns.get(table, (None, None))
        verdicts = {mark["id"]: (mark["relay"], mark["data"]) for mark in marks if mark["layer"] == layer}
        assert verdicts == {row[id_column]: (row[relay] if relay else None, row[data] if data else None)
                            for row in rows.to_dict("records")}
    assert all(mark["focusable"] and mark["anchor"] == mark["id"] for mark in marks)
    assert browser.execute_script("return document.querySelectorAll('mark[data-continues]').length") == 0
    # Nothing was fetched: the page has no resource besides itself.
    assert browser.execute_script("return performance.getEntriesByType('resource').length") == 0
    screenshot(browser, shots / f"{source_id}.png")


def test_marks_nest_where_spans_overlap(browser, site):
    require(S000)
    open_page(browser, site / f"{S000}.html")
    outer = {mark["id"]: mark["outer"] for mark in browser.execute_script(MARKS_JS)}
    # Figures and mentions inside the quotes that contain them, including spans sharing an end or a start.
    assert {row_id: outer[row_id] for row_id in ("000-f01", "000-m05", "000-f02", "000-m09", "000-f05", "000-m17")} == {
        "000-f01": "000-q01", "000-m05": "000-q01", "000-f02": "000-q03", "000-m09": "000-q03",
        "000-f05": "000-q04", "000-m17": "000-q02",
    }
    assert outer["000-q01"] is None and outer["000-m01"] is None


def test_keyboard_reaches_the_marks(browser, site):
    require(S000)
    open_page(browser, site / f"{S000}.html")
    # Two links, three layer boxes, then the first mark of the text.
    ActionChains(browser).send_keys(Keys.TAB * 6).perform()
    assert browser.execute_script("return document.activeElement.dataset.id") == "000-m01"
    ActionChains(browser).send_keys(Keys.TAB).perform()
    assert browser.execute_script("return document.activeElement.dataset.id") == "000-m02"


def test_focus_shows_the_row_and_escape_hides_it(browser, site, shots):
    require(S000)
    open_page(browser, site / f"{S000}.html")
    tip = browser.find_element(By.ID, "crt-tip")
    assert not tip.is_displayed()
    browser.execute_script("arguments[0].focus()", browser.find_element(By.CSS_SELECTOR, 'mark[data-id="000-f02"]'))
    assert tip.is_displayed()
    lines = tip.text.splitlines()
    assert lines[0] == "000-f02 “£68 million”"
    assert lines[1:3] == ["verdicts", "relay ⚠ discrepancy, data ? unverified"]
    assert "000-c03 relay question, reference check: discrepancy (currency)" in lines
    screenshot(browser, shots / f"{S000}-focus.png", full_page=False)
    browser.switch_to.active_element.send_keys(Keys.ESCAPE)
    assert not tip.is_displayed()


def test_unticking_a_layer_hides_its_marks(browser, site):
    require(S003)
    open_page(browser, site / f"{S003}.html")
    style = 'return getComputedStyle(document.querySelector(\'mark[data-id="003-f02"]\')).backgroundColor'
    assert browser.execute_script(style) == "rgb(220, 233, 251)"
    browser.find_element(By.ID, "show-figure").click()
    assert browser.execute_script(style) == "rgba(0, 0, 0, 0)"


@pytest.mark.parametrize("page", ["index.html", "timeline.html"])
def test_index_and_timeline_render(browser, site, shots, page):
    open_page(browser, site / page)
    assert browser.execute_script("return performance.getEntriesByType('resource').length") == 0
    links = browser.execute_script("return Array.from(document.links).map(a => a.getAttribute('href'))")
    wikidata = "https://www.wikidata.org/wiki/Q"  # the only outside addresses: entity names link to their items
    assert links and all(not link.startswith(("http:", "https:")) or link.startswith(wikidata) for link in links)
    screenshot(browser, shots / page.replace(".html", ".png"))


def test_print_stylesheet_hides_the_controls(browser, site, shots):
    require(S003)
    open_page(browser, site / f"{S003}.html")
    shown = ("return ['nav', '.legend input', '.hint', 'mark[data-id]']"
             ".map(s => getComputedStyle(document.querySelector(s)).display)")
    assert browser.execute_script(shown) == ["block", "inline-block", "block", "inline"]
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        assert browser.execute_script(shown) == ["none", "none", "none", "inline"]
        screenshot(browser, shots / f"{S003}-print.png")
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})


def contrast(first: str, second: str) -> float:
    """WCAG contrast ratio of two CSS ``rgb(...)`` colours."""
    def luminance(colour: str) -> float:
        channels = [int(part) / 255 for part in colour[colour.index("(") + 1:colour.index(")")].split(",")[:3]]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_marks_have_enough_contrast(browser, site):
    require(S000)
    open_page(browser, site / f"{S000}.html")
    colours = browser.execute_script("""
      const style = (selector, pseudo) => getComputedStyle(document.querySelector(selector), pseudo);
      return ["quote", "figure", "mention"].map(layer => {
        const mark = style(`mark[data-id][data-layer="${layer}"]`);
        return [layer, mark.color, mark.backgroundColor,
                style(`mark[data-id][data-layer="${layer}"]`, "::before").color];
      }).concat([["discrepancy", style('mark[data-relay="discrepancy"]').color,
                  style('mark[data-relay="discrepancy"]').backgroundColor,
                  style('mark[data-relay="discrepancy"]', "::after").color]]);
    """)
    assert [layer for layer, *_ in colours] == ["quote", "figure", "mention", "discrepancy"]
    for layer, text, background, sign in colours:
        assert contrast(text, background) >= 7, layer
        assert contrast(sign, background) >= 4.5, layer
